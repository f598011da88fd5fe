"""The project: all records, the questions the UI asks about time, and change application."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any, Callable, Iterable, Iterator

import numpy as np
from shapely import union_all
from shapely.geometry.base import BaseGeometry

from desktop.model.changes import TABLES, ChangeSet
from desktop.model.entities import Assessment, Evidence, Observation, ProjectInfo, Zone, ZoneVersion
from desktop.model.geodesy import area_km2, areas_km2
from desktop.model.legend import Status, default_legend
from desktop.model.validity import state_order


class ReadOnlyError(RuntimeError):
    """Raised when an edit is attempted on a project opened read-only."""


class Project:
    def __init__(self, info: ProjectInfo | None = None, legend: dict[str, Status] | None = None) -> None:
        self._tables: dict[str, dict[str, Any]] = {t: {} for t in TABLES}
        self._tables["info"]["project"] = info or ProjectInfo()
        self._tables["legend"].update(legend if legend is not None else default_legend())
        self._by_zone: dict[str, set[str]] = defaultdict(set)
        self._by_target: dict[str, set[str]] = defaultdict(set)
        # Version id -> (the geometry measured, its geodesic km²). Keyed by id but trusted only
        # for that very geometry object (shapes are immutable), so the project file can measure
        # a version before memory holds it, and a status edit keeps its shape's area.
        self._area_cache: dict[str, tuple[BaseGeometry, float]] = {}
        # date_range() walks every version; views ask for it many times per refresh (8 times
        # while a window is built). Forgotten whenever versions or observations change.
        self._date_range: tuple[tuple[date, date] | None] | None = None
        # Observations by date (sorted, with their [date, end) as ordinals), for the view's
        # question "which are shown in this step", asked at every repaint, scrub and replay
        # frame: a scan of every observation cost 0.45 s per paint with 200k of them.
        # Forgotten whenever observations change.
        self._obs_index: tuple[list[Observation], Any, Any] | None = None
        # Zone id -> its versions by valid_from: asked for every changed zone of every step
        # (captions, the changes panel), ~100 versions a zone in a daily archive. Forgotten for
        # a zone whenever one of its versions changes.
        self._sorted_versions: dict[str, list[ZoneVersion]] = {}
        # A writer (the project file) sees every change set before memory does; if it raises,
        # nothing changes. Listeners (views) are told after.
        self.writer: Callable[[ChangeSet], None] | None = None
        self.read_only = False
        # What opening the file found and fixed in memory (set by the storage layer), one line each.
        self.open_warnings: list[str] = []
        self.storage: Any = None  # the open project file, if any (desktop.storage.project.projectfile)
        self.listeners: list[Callable[[ChangeSet], None]] = []

    # -- raw access -------------------------------------------------------------------------
    def table(self, name: str) -> dict[str, Any]:
        return self._tables[name]

    @property
    def info(self) -> ProjectInfo:
        return self._tables["info"]["project"]

    @property
    def legend(self) -> dict[str, Status]:
        return self._tables["legend"]

    @property
    def assessments(self) -> dict[str, Assessment]:
        return self._tables["assessments"]

    @property
    def zones(self) -> dict[str, Zone]:
        return self._tables["zones"]

    @property
    def versions(self) -> dict[str, ZoneVersion]:
        return self._tables["versions"]

    @property
    def observations(self) -> dict[str, Observation]:
        return self._tables["observations"]

    @property
    def sources(self) -> dict[str, Any]:
        return self._tables["sources"]

    @property
    def quotes(self) -> dict[str, Any]:
        return self._tables["quotes"]

    @property
    def evidence(self) -> dict[str, Evidence]:
        return self._tables["evidence"]

    @property
    def attachments(self) -> dict[str, Any]:
        return self._tables["attachments"]

    @property
    def rasters(self) -> dict[str, Any]:
        return self._tables["rasters"]

    def snapshot(self) -> dict[str, dict[str, Any]]:
        """A copy of every table (records are immutable, so a shallow copy is a full one)."""
        return {t: dict(rows) for t, rows in self._tables.items()}

    # -- change application -----------------------------------------------------------------
    def apply(self, changes: ChangeSet, *, notify: bool = True) -> None:
        if not changes:
            return
        if self.read_only:
            raise ReadOnlyError("the project is open read-only; edits are not allowed")
        if self.writer is not None:
            self.writer(changes)
        self.load_changes(changes)
        if notify:
            for listener in list(self.listeners):
                listener(changes)

    def load_changes(self, changes: Iterable) -> None:
        """Put changes into memory without writing them (used when loading a file)."""
        for c in changes:
            rows = self._tables[c.table]
            if c.table in ("versions", "observations"):
                self._date_range = None
                if c.table == "observations":
                    self._obs_index = None
            if c.table == "versions":
                old = rows.get(c.id)
                if old is not None:
                    self._by_zone[old.zone_id].discard(c.id)
                    self._sorted_versions.pop(old.zone_id, None)
                cached = self._area_cache.get(c.id)
                if cached is not None and (c.after is None or cached[0] is not c.after.geometry):
                    del self._area_cache[c.id]
                if c.after is not None:
                    self._by_zone[c.after.zone_id].add(c.id)
                    self._sorted_versions.pop(c.after.zone_id, None)
            elif c.table == "evidence":
                old = rows.get(c.id)
                if old is not None:
                    self._by_target[old.target_id].discard(c.id)
                if c.after is not None:
                    self._by_target[c.after.target_id].add(c.id)
            if c.after is None:
                rows.pop(c.id, None)
            else:
                rows[c.id] = c.after

    # -- queries ----------------------------------------------------------------------------
    def version_ids_of(self, zone_id: str) -> set[str]:
        return self._by_zone.get(zone_id, set())

    def versions_of(self, zone_id: str) -> list[ZoneVersion]:
        return list(self._versions_sorted(zone_id))

    def _versions_sorted(self, zone_id: str) -> list[ZoneVersion]:
        got = self._sorted_versions.get(zone_id)
        if got is None:
            got = sorted((self.versions[i] for i in self.version_ids_of(zone_id)), key=lambda v: v.valid_from)
            if got:
                self._sorted_versions[zone_id] = got
        return got

    def version_at(self, zone_id: str, d: date) -> ZoneVersion | None:
        for v in self._versions_sorted(zone_id):
            if v.valid_on(d):
                return v
        return None

    def tier_of(self, status: str) -> str:
        s = self.legend.get(status)
        return s.tier if s else "annotation"

    def state_at(self, d: date, assessment_id: str | None = None) -> list[ZoneVersion]:
        """The zone versions valid on `d` (optionally of one assessment), in legend order
        (`validity.py` holds the rule and the order, shared with the renderer's index)."""
        out = []
        zones = self.zones
        for v in self.versions.values():
            if v.valid_on(d) and (assessment_id is None or zones[v.zone_id].assessment_id == assessment_id):
                out.append(v)
        out.sort(key=state_order(self.legend))
        return out

    def observations_between(self, start: date, end: date) -> list[Observation]:
        """Observations shown on some day of [start, end): dated in it, or lasting over part of
        it (`Observation.overlaps_time`), by date."""
        if self._obs_index is None:
            ordered = sorted(self.observations.values(), key=lambda o: (o.date, o.id))
            starts = np.array([o.date.toordinal() for o in ordered], np.int64)
            ends = np.array([o.end.toordinal() for o in ordered], np.int64)
            self._obs_index = (ordered, starts, ends)
        ordered, starts, ends = self._obs_index
        # overlaps_time: date < end (of the query) and start (of the query) < its own end.
        hit = (starts < end.toordinal()) & (ends > start.toordinal())
        return [ordered[i] for i in hit.nonzero()[0]]

    def observations_on(self, d: date) -> list[Observation]:
        """Observations shown on `d` (`Observation.valid_on`), by date."""
        return self.observations_between(d, d + timedelta(days=1))

    def change_dates(self) -> list[date]:
        """Every date on which some version starts or ends, or an observation starts or (a
        lasting one) ends."""
        ds: set[date] = set()
        for v in self.versions.values():
            ds.add(v.valid_from)
            if v.valid_to is not None:
                ds.add(v.valid_to)
        for o in self.observations.values():
            ds.add(o.date)
            if o.valid_to is not None:
                ds.add(o.valid_to)
        return sorted(ds)

    def date_range(self) -> tuple[date, date] | None:
        """First and last date with zone data (a start or an end), the span replay and stats cover.

        Observations only count where there are no zones: an old photo linked as context (a
        bridge destroyed a year earlier) must not stretch the replay by fifty empty weeks.
        """
        if self._date_range is None:
            self._date_range = (self._compute_date_range(),)
        return self._date_range[0]

    def _compute_date_range(self) -> tuple[date, date] | None:
        ds: set[date] = set()
        for v in self.versions.values():
            ds.add(v.valid_from)
            if v.valid_to is not None:
                ds.add(v.valid_to)
        if not ds:  # a lasting observation spans to its last day
            for o in self.observations.values():
                ds.add(o.date)
                ds.add(o.last_day)
        return (min(ds), max(ds)) if ds else None

    def union_by_status(self, d: date, assessment_id: str) -> dict[str, BaseGeometry]:
        groups: dict[str, list[BaseGeometry]] = defaultdict(list)
        for v in self.state_at(d, assessment_id):
            groups[v.status].append(v.geometry)
        return {k: union_all(g) for k, g in groups.items()}

    def changes_between(self, d1: date, d2: date, assessment_id: str | None = None
                        ) -> dict[tuple[str, str], tuple[BaseGeometry, BaseGeometry]]:
        """(assessment id, status) -> (gained, lost) geometry from d1 to d2."""
        out = {}
        ids = [assessment_id] if assessment_id else list(self.assessments)
        for aid in ids:
            a, b = self.union_by_status(d1, aid), self.union_by_status(d2, aid)
            for status in set(a) | set(b):
                ga, gb = a.get(status), b.get(status)
                if ga is None:
                    gained, lost = gb, gb.difference(gb)
                elif gb is None:
                    gained, lost = ga.difference(ga), ga
                else:
                    if ga.equals_exact(gb, 0):
                        continue
                    gained, lost = gb.difference(ga), ga.difference(gb)
                if gained.is_empty and lost.is_empty:
                    continue
                out[(aid, status)] = (gained, lost)
        return out

    def version_area_km2(self, v: ZoneVersion) -> float:
        hit = self._area_cache.get(v.id)
        if hit is not None and hit[0] is v.geometry:
            return hit[1]
        a = area_km2(v.geometry)
        self._area_cache[v.id] = (v.geometry, a)
        return a

    def prefetch_areas(self, versions: Iterable[ZoneVersion]) -> None:
        """Measure, in one batch, the versions whose area is not cached yet (opening a project)."""
        cache = self._area_cache
        todo = [v for v in versions if (hit := cache.get(v.id)) is None or hit[0] is not v.geometry]
        if todo:
            # Versions often share one shape (a status edit keeps it): measure each shape once.
            shapes = {id(v.geometry): v.geometry for v in todo}
            measured = dict(zip(shapes, areas_km2(list(shapes.values())).tolist()))
            for v in todo:
                cache[v.id] = (v.geometry, measured[id(v.geometry)])

    def cached_area_km2(self, v: ZoneVersion) -> float | None:
        """The cached area of `v`'s very geometry, or None (never measures)."""
        hit = self._area_cache.get(v.id)
        return hit[1] if hit is not None and hit[0] is v.geometry else None

    def remember_areas(self, areas: dict[str, float]) -> None:
        """Seed the cache with areas measured earlier (stored in the project file) for the
        versions now in memory; ids not in the project are ignored."""
        versions = self.versions
        for vid, a in areas.items():
            v = versions.get(vid)
            if v is not None:
                self._area_cache[vid] = (v.geometry, a)

    def areas_at(self, d: date) -> dict[tuple[str, str], float]:
        """(assessment id, status) -> geodesic km² on `d`.

        Assessed zones of one assessment never overlap, so their areas add up (and each
        version's area is cached); other tiers may overlap and are measured as a union.
        """
        sums: dict[tuple[str, str], float] = defaultdict(float)
        overlapping: dict[tuple[str, str], list[BaseGeometry]] = defaultdict(list)
        for v in self.state_at(d):
            key = (self.zones[v.zone_id].assessment_id, v.status)
            if self.tier_of(v.status) == "assessed":
                sums[key] += self.version_area_km2(v)
            else:
                overlapping[key].append(v.geometry)
        for key, geoms in overlapping.items():
            sums[key] += area_km2(union_all(geoms)) if len(geoms) > 1 else area_km2(geoms[0])
        return dict(sums)

    def area_series(self, dates: Iterable[date]) -> list[tuple[date, dict[tuple[str, str], float]]]:
        return [(d, self.areas_at(d)) for d in dates]

    def evidence_for(self, target_id: str) -> list[Evidence]:
        return [self.evidence[i] for i in self._by_target.get(target_id, ())]

    def iter_all(self) -> Iterator[tuple[str, str, Any]]:
        for t in TABLES:
            for i, r in self._tables[t].items():
                yield t, i, r
