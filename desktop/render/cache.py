"""Render caches of one project (projected shapes, states per date, paths, overlays), kept
beside the project and told of its changes, and the visible state of a date.

A change is handled by what it touches (issue 17, item 6: in a long session an edit must not
cost more as the project grows): a change of sources, quotes or a version's notes leaves the
zones' pixels (the `generation` in the zone layer images' key) alone, and the `StateIndex` is
updated in place for the versions changed instead of being rebuilt from all of them.
"""
from __future__ import annotations

import weakref
from bisect import bisect_left
from datetime import date
from typing import Any, Iterable

import numpy as np
import shapely

from desktop.model.entities import ZoneVersion
from desktop.model.lru import LRU
from desktop.model.mercator import project_xy
from desktop.model.project import Project
from desktop.model.validity import OPEN_END, state_order

from desktop.render.paths import GeometryCache
from desktop.render.sprites import Sheets
from desktop.render.states import StateIndex

# What of a version the renderer shows (where, when, which zone, in what style). A change of
# anything else (notes, confidence, recorded_on, approximate) leaves every cached pixel valid.
_DRAWN_FIELDS = ("zone_id", "geometry", "status", "valid_from", "valid_to")
# Tables whose every change can change what is drawn or which versions are visible.
_RESET_TABLES = frozenset({"legend", "assessments"})


def drawn_change(table: str, before: Any, after: Any) -> bool:
    """Whether a change of this row can change the zones' pixels or the state of a date."""
    if table in _RESET_TABLES:
        return True
    if table == "versions":
        if before is None or after is None:
            return True
        return any(getattr(before, f) is not getattr(after, f) and getattr(before, f) != getattr(after, f)
                   for f in _DRAWN_FIELDS)
    if table == "zones":  # a zone's assessment decides whether its versions are shown
        return before is None or after is None or before.assessment_id != after.assessment_id
    return False  # sources, quotes, evidence, observations, rasters, info: not in these caches


def _boxes(versions: list[ZoneVersion]) -> np.ndarray:
    """EPSG:3857 boxes of `versions` as `StateIndex.boxes` computes them (zeros when empty)."""
    b = shapely.bounds(np.array([v.geometry for v in versions], dtype=object)).reshape(-1, 4)
    empty = np.isnan(b).any(axis=1)
    b[empty] = 0.0
    x0, y0 = project_xy(b[:, 0], b[:, 1])
    x1, y1 = project_xy(b[:, 2], b[:, 3])
    out = np.column_stack([x0, y0, x1, y1]).reshape(-1, 4)
    out[empty] = 0.0
    return out


def update_index(ix: StateIndex, legend, rows: dict[str, ZoneVersion | None]) -> int:
    """Update `ix` in place for the versions in `rows` (id -> the version now, None when
    deleted): their rows are taken out and the new ones put in at their place in `state_at`'s
    order, with their spans and (if computed) boxes; no other version is looked at again.
    Returns how many versions were put in (what the tests count)."""
    gone = sorted((ix.row[i] for i in rows if i in ix.row), reverse=True)
    for r in gone:
        del ix.versions[r]
    if gone:
        ix.start = np.delete(ix.start, gone)
        ix.end = np.delete(ix.end, gone)
        if ix._boxes is not None:
            ix._boxes = np.delete(ix._boxes, gone, axis=0)
    key = state_order(legend)
    new = [v for v in rows.values() if v is not None]
    boxes = _boxes(new) if ix._boxes is not None and new else None
    for n, v in enumerate(new):
        at = bisect_left(ix.versions, key(v), key=key)
        ix.versions.insert(at, v)
        ix.start = np.insert(ix.start, at, v.valid_from.toordinal())
        ix.end = np.insert(ix.end, at, OPEN_END if v.valid_to is None else v.valid_to.toordinal())
        if boxes is not None:
            ix._boxes = np.insert(ix._boxes, at, boxes[n], axis=0)
    # Row numbers after the first change moved: renumber (a dict built in C, no version work).
    ix.row = dict(zip((v.id for v in ix.versions), range(len(ix.versions))))
    return len(new)


class ProjectCache:
    """Render caches of one project: projected shapes, states per date, paths, overlays."""

    def __init__(self) -> None:
        self.geoms = GeometryCache()
        self.states = LRU(32)
        self.paths = LRU(96)
        self.overlays = LRU(8)
        self.groups = LRU(8)
        self.generation = 0  # counts changes of what is drawn: part of the key of cached zone layer images
        self.index: StateIndex | None = None
        self.index_builds = 0  # full StateIndex builds (tests count them)
        self._legend: dict = {}  # the legend the index was sorted by
        self.sprites = Sheets()  # zone sprites of the canvas's scrubs (validated by shape identity)

    def state_index(self, project: Project) -> StateIndex:
        ix = self.index
        if ix is None or ix.key != (len(project.versions), len(project.zones)):
            ix = self.index = StateIndex(project)
            self._legend = dict(project.legend)
            self.index_builds += 1
        return ix

    def on_change(self, changes: Iterable | None = None) -> None:
        # Shapes are validated by identity (paths.py); only answers about dates go stale, and
        # only when the change touches what is drawn.
        if changes is None:
            self._reset()
            return
        changes = list(changes)
        drawn = [c for c in changes if drawn_change(c.table, c.before, c.after)]
        versions = {c.id: c.after for c in changes if c.table == "versions"}
        ix = self.index
        if ix is not None:
            if any(c.table == "legend" for c in changes):
                self.index = None  # the order of all versions may have changed
            else:
                if versions:
                    update_index(ix, self._legend, versions)
                # Counts kept by the deltas: a load that skipped the listeners still shows.
                grown = {t: sum((c.after is not None) - (c.before is not None) for c in changes if c.table == t)
                         for t in ("versions", "zones")}
                ix.key = (ix.key[0] + grown["versions"], ix.key[1] + grown["zones"])
        if drawn:
            self.generation += 1
            self.overlays.clear()
        if drawn or versions:
            # The lists of a date hold version records (notes included): make them again from
            # the index (a vectorised pick, no shape work).
            self.states.clear()
            self.groups.clear()

    def _reset(self) -> None:
        self.generation += 1
        self.index = None
        self.states.clear()
        self.overlays.clear()
        self.groups.clear()


_CACHES: "weakref.WeakKeyDictionary[Project, ProjectCache]" = weakref.WeakKeyDictionary()


def project_cache(project: Project) -> ProjectCache:
    c = _CACHES.get(project)
    if c is None:
        c = _CACHES[project] = ProjectCache()
        project.listeners.append(c.on_change)  # closes over the cache only, not the project
    return c


def visible_state(project: Project, when: date, assessments: frozenset[str] | None,
                  hidden: frozenset[str]) -> list[ZoneVersion]:
    """`state_at(when)` filtered by visibility, cached (the guard catches silent loads)."""
    cache = project_cache(project)
    key = (when, assessments, hidden, len(project.versions), len(project.zones))
    out = cache.states.get(key)
    if out is None:
        zones = project.zones
        out = [v for v in cache.state_index(project).at(when) if v.status not in hidden
               and (assessments is None or zones[v.zone_id].assessment_id in assessments)]
        cache.states.put(key, out)
    return out


__all__ = ["ProjectCache", "drawn_change", "project_cache", "visible_state", "update_index"]
