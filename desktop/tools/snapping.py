"""Snapping the pointer to other zones, so neighbouring zones share their borders exactly.

While drawing or editing, the pointer snaps to the nearest vertex of another zone valid on the
timeline date within the tolerance, else to the nearest point of its edges. Vertices win over
edges because a shared corner must be the very same coordinate on both sides.

`share_borders` finishes the job when a shape is committed: neighbour vertices that lie on the
new shape's edges (to within float noise) are inserted into it, so both sides of a shared border
carry the same vertex sequence (a valid coverage, which `shapely.coverage_simplify` needs).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from desktop.model.changes import Change, ChangeSet
from desktop.model.commands import Command
from desktop.model.project import Project

from desktop.tools.index import ZoneIndex

# Float noise, in degrees (about 0.1 mm): points this close to an edge are on it.
ON_EDGE_DEG = 1e-9


@dataclass(frozen=True)
class Snap:
    x: float
    y: float
    kind: str  # "vertex" or "edge"
    zone_id: str


def snap_point(index: ZoneIndex, x: float, y: float, tolerance: float,
               exclude: frozenset[str] | set[str] = frozenset()) -> Snap | None:
    """The nearest vertex within `tolerance`, else the nearest edge point, of zones in `index`
    (except those in `exclude`, e.g. the zone being edited); None when nothing is that close."""
    if tolerance <= 0:
        return None
    candidates = [i for i in index.near(x, y, tolerance) if index.versions[i].zone_id not in exclude]
    if not candidates:
        return None
    best: tuple[float, float, float, str] | None = None
    for i in candidates:
        coords = shapely.get_coordinates(index.geoms[i])
        d2 = (coords[:, 0] - x) ** 2 + (coords[:, 1] - y) ** 2
        k = int(np.argmin(d2))
        if d2[k] <= tolerance * tolerance and (best is None or d2[k] < best[0]):
            best = (float(d2[k]), float(coords[k, 0]), float(coords[k, 1]), index.versions[i].zone_id)
    if best is not None:
        return Snap(best[1], best[2], "vertex", best[3])
    pt = Point(x, y)
    best_edge: tuple[float, Point, str] | None = None
    for i in candidates:
        boundary = index.geoms[i].boundary
        d = boundary.distance(pt)
        if d <= tolerance and (best_edge is None or d < best_edge[0]):
            best_edge = (d, nearest_points(boundary, pt)[0], index.versions[i].zone_id)
    if best_edge is not None:
        p = best_edge[1]
        return Snap(p.x, p.y, "edge", best_edge[2])
    return None


def share_borders(geom: BaseGeometry, index: ZoneIndex,
                  exclude: frozenset[str] | set[str] = frozenset()) -> BaseGeometry:
    """`geom` with the vertices of neighbouring zones that lie on its edges inserted.

    `shapely.snap` also moves vertices of `geom` that sit within float noise of a neighbour
    vertex onto it exactly. The tolerance is tiny, so nothing the user placed visibly moves.
    """
    near = [index.geoms[i] for i in index.around(geom, ON_EDGE_DEG)
            if index.versions[i].zone_id not in exclude]
    if not near:
        return geom
    reference = shapely.GeometryCollection(near) if len(near) > 1 else near[0]
    out = shapely.snap(geom, reference, ON_EDGE_DEG)
    return out if out.is_valid and not out.is_empty else geom


def with_shared_vertices(command: Command, project: Project, geom: BaseGeometry, index: ZoneIndex,
                         assessment_id: str | None, exclude: frozenset[str] | set[str] = frozenset()
                         ) -> Command:
    """`command` plus the vertices of `geom` inserted into the neighbours whose edges they lie on.

    The other half of a shared border: a vertex snapped to the middle of a neighbour's edge must
    become a vertex of that neighbour too (QGIS calls this topological editing). The neighbour
    keeps its version and its shape to within float noise; only zones of the same assessment
    are touched (another mapping project's picture is never altered), and only versions the
    command does not already change (a clipped neighbour got the vertices from the clip).
    """
    touched = {c.id for c in command.changes if c.table == "versions"}
    extra: list[Change] = []
    for i in index.around(geom, ON_EDGE_DEG):
        v = index.versions[i]
        if v.id in touched or v.zone_id in exclude:
            continue
        if assessment_id is not None and project.zones[v.zone_id].assessment_id != assessment_id:
            continue
        current = project.versions.get(v.id)
        if current is None or geom.distance(current.geometry.boundary) > ON_EDGE_DEG:
            continue
        old = current.geometry
        g2 = shapely.snap(old, geom, ON_EDGE_DEG)
        # Accept a pure insertion only: more vertices, the same area to float noise.
        grew = shapely.get_num_coordinates(g2) > shapely.get_num_coordinates(old)
        if grew and g2.is_valid and not g2.is_empty and abs(g2.area - old.area) <= 1e-9 * old.area + 1e-15:
            extra.append(Change("versions", v.id, current, current.with_(geometry=g2)))
    if not extra:
        return command
    return Command(command.label, ChangeSet(tuple(command.changes) + tuple(extra)), command.warnings)
