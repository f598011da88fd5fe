"""A spatial index of the zones shown on one date, for picking and snapping.

DESIGN.md: picking uses a `shapely.STRtree` on the model side, not per-item hit tests. The index
is built from `project.state_at(when)` (legend order = paint order, so the last one drawn is the
topmost) and cached per project until the project changes: a pointer move must not rescan every
version of a long series.
"""
from __future__ import annotations

import weakref
from datetime import date

import numpy as np
import shapely
from shapely.geometry import Point, box
from shapely.geometry.base import BaseGeometry

from desktop.model.entities import ZoneVersion
from desktop.model.project import Project

from desktop.tools.base import ToolContext


class ZoneIndex:
    """The zone versions valid on one date, in paint order, with an STRtree over their shapes."""

    def __init__(self, versions: list[ZoneVersion]) -> None:
        self.versions = versions
        self.geoms = np.array([v.geometry for v in versions], dtype=object)
        self.tree = shapely.STRtree(self.geoms)

    def __len__(self) -> int:
        return len(self.versions)

    def near(self, x: float, y: float, tolerance: float) -> list[int]:
        """Indices (paint order) of the shapes within `tolerance` of (x, y)."""
        if not self.versions:
            return []
        pt = Point(x, y)
        hits = self.tree.query(pt, predicate="dwithin", distance=max(tolerance, 0.0))
        return sorted(int(i) for i in hits)

    def in_box(self, x0: float, y0: float, x1: float, y1: float) -> list[int]:
        """Indices of the shapes that intersect the box."""
        if not self.versions:
            return []
        b = box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        return sorted(int(i) for i in self.tree.query(b, predicate="intersects"))

    def intersecting(self, geom: BaseGeometry) -> list[int]:
        if not self.versions:
            return []
        return sorted(int(i) for i in self.tree.query(geom, predicate="intersects"))

    def around(self, geom: BaseGeometry, tolerance: float) -> list[int]:
        """Indices of the shapes whose bounding boxes come within `tolerance` of `geom`'s."""
        if not self.versions:
            return []
        x0, y0, x1, y1 = geom.bounds
        return sorted(int(i) for i in self.tree.query(box(x0 - tolerance, y0 - tolerance,
                                                          x1 + tolerance, y1 + tolerance)))

    def pick(self, x: float, y: float, tolerance: float,
             zone_ids: set[str] | None = None) -> ZoneVersion | None:
        """The topmost zone under (x, y); failing that, the topmost one within `tolerance`.

        A zone that contains the pointer beats one whose edge merely passes nearby, so a click
        just inside a big zone does not grab the small neighbour across the border.
        """
        pt = Point(x, y)
        inside, near = None, None
        for i in self.near(x, y, tolerance):
            v = self.versions[i]
            if zone_ids is not None and v.zone_id not in zone_ids:
                continue
            near = v  # ascending paint order: the last one wins
            if v.geometry.intersects(pt):
                inside = v
        return inside or near

    def version_of(self, zone_id: str) -> ZoneVersion | None:
        for v in self.versions:
            if v.zone_id == zone_id:
                return v
        return None


class _Cache:
    """Indexes of one project by (date, hidden assessments); emptied whenever the project changes."""

    def __init__(self) -> None:
        self.indexes: dict[tuple, ZoneIndex] = {}

    def clear(self, _changes: object = None) -> None:
        self.indexes.clear()


# Keyed weakly by project so a closed project's cache goes with it. The listener closes over the
# cache only, never the project, so the project is not kept alive by its own listener list.
_CACHES: "weakref.WeakKeyDictionary[Project, _Cache]" = weakref.WeakKeyDictionary()


def zone_index(project: Project, when: date, hidden: frozenset[str] = frozenset()) -> ZoneIndex:
    cache = _CACHES.get(project)
    if cache is None:
        cache = _CACHES[project] = _Cache()
        project.listeners.append(cache.clear)
    # The sizes guard against changes loaded without notifying listeners (opening a file).
    key = (when, frozenset(hidden), len(project.versions), len(project.zones))
    index = cache.indexes.get(key)
    if index is None:
        zones = project.zones
        versions = [v for v in project.state_at(when)
                    if zones[v.zone_id].assessment_id not in hidden]
        if len(cache.indexes) > 8:  # scrubbing the timeline visits many dates: keep a few
            cache.indexes.clear()
        index = cache.indexes[key] = ZoneIndex(versions)
    return index


def context_index(context: ToolContext) -> ZoneIndex:
    return zone_index(context.project, context.when, context.hidden_assessments)
