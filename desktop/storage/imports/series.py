"""Snapshot series: each file is the whole picture of one date; together they become versions.

Each snapshot is cleaned (the assessed-tier rule: same status merged, later different status
clipped), unioned per status and split into connected parts. Parts are matched to the parts the
assessment shows on that date: an identical part keeps its version, a changed part gets a new
version of the zone it overlaps most from that date, a vanished part's zone ends, a new part
starts a zone. So the number of versions grows with the amount of change, not with the number of
files, and importing the same snapshot again adds nothing. Points go the same way
(`series_points`): a point shown snapshot after snapshot is one observation lasting over those
days, a moved or renamed one a new version of it, one no longer shown ends.

Speed (a year of weekly files is the usual case): consecutive files share one `GeometryMemo`, so
coordinates that did not change since the previous file are neither parsed, checked nor repaired
again, and `snapshot.SnapshotCleaner` redoes the cleaning only where features moved; with two
cores the files are read in two runs at once (`series_read`). Matching measures shared area only
when two or more versions overlap a changed part.
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import shapely
from shapely import STRtree

import desktop.model.clock as clock
from desktop.model.changes import ChangeBuilder
from desktop.model.commands import Command
from desktop.model.entities import Zone, ZoneVersion, new_id
from desktop.model.evidence_carry import add_links, drop_links_of, links_of
from desktop.model.geometry import polygonal
from desktop.model.project import Project

from desktop.storage.errors import InputError
from desktop.storage.imports.options import Progress, check_status
from desktop.storage.imports.provenance import (FileSources, ZoneNamer, file_quote_ids, resolve_assessment,
                                                zone_word)
from desktop.storage.imports.overlap import INTERIORS_MEET
from desktop.storage.imports.report import ImportReport
from desktop.storage.imports.series_days import KEEP_LAST, plan_days
from desktop.storage.imports.series_points import PointTracks
from desktop.storage.imports.series_read import read_snapshots
from desktop.storage.imports.snapshot import Part, part_key


def _parts(items: list) -> list[tuple[str, object]]:
    """(status, polygon) for every connected part of the cleaned snapshot, statuses in order:
    the plain union per status, which the tests hold `SnapshotCleaner` to."""
    by_status: dict[str, list] = defaultdict(list)
    for it in items:
        by_status[it.status].append(it.geometry)
    out = []
    for status, geoms in by_status.items():
        merged = polygonal(shapely.union_all(geoms)) if len(geoms) > 1 else geoms[0]
        out.extend((status, g) for g in shapely.get_parts(merged))
    return out


_key = part_key


def _interiors_meet(g, v) -> bool:
    """Do the interiors of `g` and `v` intersect (an overlap of positive area)?

    A point inside `g` that lies strictly inside `v` proves it at the cost of one point-in-polygon
    test; only when that fails is the full DE-9IM relation computed. (`v` is not prepared: the
    prepared index would stay with every version's geometry for the life of the project.)"""
    if not shapely.intersects(g, v):  # cheap: stops at the first shared point
        return False
    if shapely.contains_properly(v, shapely.point_on_surface(g)):
        return True
    return bool(shapely.relate_pattern(g, v, INTERIORS_MEET))


def _most_overlapped(g, cands: list[ZoneVersion]) -> ZoneVersion | None:
    """The candidate sharing the largest area with `g` (the first of equals), None if none shares
    any. The overlay that measures the shared area runs only when two or more candidates overlap."""
    meeting = [v for v in cands if _interiors_meet(g, v.geometry)]
    if len(meeting) <= 1:
        return meeting[0] if meeting else None
    areas = shapely.area(shapely.intersection(g, np.array([v.geometry for v in meeting], dtype=object)))
    best = int(np.argmax(areas))
    return meeting[best] if areas[best] > 0 else None


class _State:
    """The assessment's versions as they will be, kept here so each snapshot is O(its size)."""

    def __init__(self, project: Project, aid: str, b: ChangeBuilder) -> None:
        self.project = project
        self.b = b
        self.versions: dict[str, ZoneVersion] = {
            v.id: v for v in project.versions.values() if project.zones[v.zone_id].assessment_id == aid}
        self.keys: dict[str, bytes] = {}
        # Versions with quote links (from before the import): their links go when they are
        # deleted. Kept as sets, since looking links up through the change builder costs
        # O(pending changes) a time.
        self.linked: set[str] = {i for i in self.versions if project.evidence_for(i)}
        # Of those, the versions with links of the analyst's: a version that continues one of
        # them gets those links. A link to an imported file's quote says which file a version
        # came from, and stays with that version only.
        self.file_quotes = file_quote_ids(project) if self.linked else set()
        self.carried: set[str] = {i for i in self.linked
                                  if any(e.quote_id not in self.file_quotes for e in project.evidence_for(i))}
        # Snapshots come in date order, so what `valid_on` and `next_change` ask is kept small:
        # the versions not ended yet (in the order of `versions`: ties go the same way), and the
        # start dates of the versions from before the import (a version this import makes starts
        # on a snapshot's date, never after the one being applied). Scanning every version per
        # snapshot made the whole archive's matching grow with versions x snapshots.
        self.open: dict[str, ZoneVersion] = dict(self.versions)
        self.starts = sorted({v.valid_from for v in self.versions.values()})

    def put(self, v: ZoneVersion, key: bytes | None = None) -> None:
        old = self.versions.get(v.id)
        self.versions[v.id] = v
        self.open[v.id] = v
        if key is not None:
            self.keys[v.id] = key
        elif old is None or old.geometry is not v.geometry:
            self.keys.pop(v.id, None)
        self.b.put("versions", v.id, v)

    def key(self, v: ZoneVersion) -> bytes:
        k = self.keys.get(v.id)
        if k is None:
            k = self.keys[v.id] = _key(v.geometry)
        return k

    def valid_on(self, d: date) -> list[ZoneVersion]:
        """The versions valid on `d` (asked in date order: a version ended by `d` is dropped from
        `open`, as no later snapshot can see it again)."""
        out = []
        for vid, v in list(self.open.items()):
            if v.valid_to is not None and v.valid_to <= d:
                del self.open[vid]
            elif v.valid_from <= d:
                out.append(v)
        return out

    def remove(self, vid: str) -> None:
        self.versions.pop(vid)
        self.open.pop(vid, None)

    def next_change(self, d: date) -> date | None:
        i = bisect.bisect_right(self.starts, d)
        return self.starts[i] if i < len(self.starts) else None


def _apply_snapshot(state: _State, aid: str, d: date, parts: list[Part], name: Callable[[str], str],
                    report: ImportReport, recorded: date, quote: Callable[[], str],
                    sources: FileSources) -> None:
    """`recorded`: the `recorded_on` of every version the snapshot places (an unchanged part
    keeps its version, and the day that was recorded). `name(status)`: a new zone's name;
    `quote()`: the snapshot file's quote, which supports every version the snapshot places."""
    current = state.valid_on(d)
    by_key = {(v.status, state.key(v)): v for v in current}
    claimed: set[str] = set()
    changed: list[Part] = []
    for status, g, key in parts:
        v = by_key.get((status, key))
        if v is not None and v.id not in claimed:
            claimed.add(v.id)  # unchanged: keeps its version
        else:
            changed.append((status, g, key))
    free = [v for v in current if v.id not in claimed]
    tree = STRtree([v.geometry for v in free]) if free else None
    until = state.next_change(d)
    for status, g, key in changed:
        best = None
        if tree is not None:
            cands = [free[j] for j in tree.query(g) if free[j].id not in claimed and free[j].status == status]
            best = _most_overlapped(g, cands)
        if best is not None:
            claimed.add(best.id)
            if best.valid_from == d:
                # A version from before the import (one snapshot per date), redrawn by this file.
                state.put(best.with_(geometry=g, recorded_on=recorded), key)
                sources.link_once(state.project, best.id, quote())
                state.linked.add(best.id)
            else:
                state.put(best.with_(valid_to=d))
                nv = best.with_(id=new_id(), geometry=g, valid_from=d, recorded_on=recorded)
                state.put(nv, key)
                sources.link(nv.id, quote())
                if best.id in state.carried:  # the new shape continues the old: its quotes go along
                    add_links(state.b, nv.id, [link for link in links_of(state.b, best.id)
                                               if link[0] not in state.file_quotes
                                               and link[0] not in sources.new_quotes])
                    state.carried.add(nv.id)
            report.versions += 1
        else:
            zid = new_id()
            state.b.put("zones", zid, Zone(zid, name(status), aid))
            nv = ZoneVersion(id=new_id(), zone_id=zid, geometry=g, status=status, valid_from=d, valid_to=until,
                             recorded_on=recorded)
            state.put(nv, key)
            sources.link(nv.id, quote())
            report.zones += 1
            report.versions += 1
    for v in free:
        if v.id not in claimed:  # the part is gone on this date: its zone ends here
            if v.valid_from == d:
                state.remove(v.id)
                state.b.delete("versions", v.id)
                if v.id in state.linked:  # as when a zone is ended: no link left pointing nowhere
                    drop_links_of(state.b, v.id)
            else:
                state.put(v.with_(valid_to=d))


@dataclass
class SeriesReport(ImportReport):
    """An import report that also says how many revisions of a day were set aside (a file per
    revision, several a day: one is kept per day)."""
    set_aside: int = 0
    kept: str = KEEP_LAST  # which revision of a day was kept: "last" or "first"

    def set_aside_line(self) -> str:
        """"set aside 21 earlier revisions of the same day (kept the last of each day)", or ""."""
        n = self.set_aside
        if not n:
            return ""
        which = "earlier" if self.kept == KEEP_LAST else "later"
        return f"set aside {n} {which} revision{'' if n == 1 else 's'} of the same day (kept the {self.kept} of each day)"

    def summary(self) -> str:
        line, aside = super().summary(), self.set_aside_line()
        return f"{line}; {aside}" if aside else line


def plan_series(project: Project, paths: Sequence[str | Path], *, assessment: str | None = None,
                status: str | None = None, progress: Progress | None = None,
                keep: str = KEEP_LAST) -> tuple[Command | None, ImportReport]:
    """One command that makes the snapshots versions of `assessment`'s zones (None: chosen by
    what the files are, see `provenance.assessment_name`); each file is a source whose quote
    supports the versions that file placed. Several files of one day: the last revision of the
    day is kept, or the first with `keep="first"`; the others are set aside and counted (see
    `series_days`, which plans it, and refuses, before any file is parsed)."""
    check_status(project, status)
    plan = plan_days(paths, keep)
    report = SeriesReport()
    report.set_aside, report.kept = len(plan.set_aside), plan.keep
    if plan.set_aside:
        names = [d.name for d in plan.set_aside]
        more = f" and {len(names) - 10} more" if len(names) > 10 else ""
        report.note(f"set aside (another revision of the same day kept): {', '.join(names[:10])}{more}")
    paths = [d.path for d in plan.kept]
    new_legend: dict = {}
    total = len(paths) * 2
    read = read_snapshots(project.legend, paths, report, new_legend, status=status, progress=progress, total=total,
                          dates=[d.day for d in plan.kept])
    if read is None:
        report.cancelled = True
        return None, report
    snaps = sorted(read, key=lambda s: s.date)
    dates = [s.date for s in snaps]
    if len(set(dates)) != len(dates):
        dup = next(d for d in dates if dates.count(d) > 1)
        names = [s.file for s in snaps if s.date == dup]
        raise InputError(f"two snapshots for {dup.isoformat()}: {', '.join(names)}")
    b = ChangeBuilder(project)
    for key, st in new_legend.items():
        b.put("legend", key, st)
    ds = [s.deepstate for s in snaps]
    aid = resolve_assessment(b, assessment, deepstate=bool(ds) and all(ds), any_deepstate=any(ds),
                             statuses={part[0] for s in snaps for part in s.parts},
                             origin="series: " + ", ".join(Path(p).name for p in paths[:3]))
    state = _State(project, aid, b)
    sources = FileSources(b)
    legend = {**project.legend, **new_legend}
    namer = ZoneNamer(b, aid, lambda st, ds: zone_word(st, legend, ds))
    points = PointTracks(project, b, aid, snaps[0].date if snaps else None, sources)
    for n, s in enumerate(snaps):
        recorded = s.recorded_on or clock.today()

        def quote(s=s) -> str:  # made for the file when the first version it places is
            return sources.quote_for(s.file, deepstate=s.deepstate, publisher=s.publisher, published=s.date)
        _apply_snapshot(state, aid, s.date, s.parts, lambda st, ds=s.deepstate: namer(st, ds), report, recorded,
                        quote, sources)
        points.apply(s.date, s.observations, quote)
        if progress is not None and progress(len(paths) + n + 1, total) is False:
            report.cancelled = True
            return None, report
    points.finish()
    report.observations = points.made
    changes = b.build()
    report.versions = sum(1 for c in changes if c.table == "versions" and c.before is None)
    report.note(f"{report.versions} version(s) made from {len(snaps)} snapshot(s)")
    if points.made:
        report.note(f"{points.made} observation version(s) made from the snapshots' points "
                    f"({points.ended} no longer shown by a later snapshot)")
    return Command(f"Import series of {len(paths)} snapshots", changes, tuple(report.messages)), report
