"""Zones, gains and losses, selection and observations: the data layers of a frame.

Zones of one status are drawn as one combined path (one fill, one outline), built from cached
per-version arrays at the view's level of detail; with many zones only those whose box meets
the view go in. Everything is painted with the view's world transform set, cosmetic pens and
device-pinned hatches (see styles.py).
"""
from __future__ import annotations

import weakref
from collections import defaultdict
from datetime import date

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPolygonF

from desktop.model.difference import differences, version_differences
from desktop.model.entities import ZoneVersion
from desktop.model.legend import unknown_status
from desktop.model.project import Project

from . import styles
from .paths import LRU, GeometryCache, arrays_to_path, concat_arrays, geometry_arrays, lod_tolerance
from .projection import MapView, project_geometry, to_merc
from .spec import FrameSpec

CULL_ABOVE = 48  # with more zones than this in one status, skip those outside the view


class ProjectCache:
    """Render caches of one project: projected shapes, states per date, paths, overlays."""

    def __init__(self) -> None:
        self.geoms = GeometryCache()
        self.states = LRU(32)
        self.paths = LRU(96)
        self.overlays = LRU(8)

    def on_change(self, _changes: object = None) -> None:
        # Shapes are validated by identity (paths.py); only answers about dates go stale.
        self.states.clear()
        self.overlays.clear()


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
        out = [v for v in project.state_at(when) if v.status not in hidden
               and (assessments is None or zones[v.zone_id].assessment_id in assessments)]
        cache.states.put(key, out)
    return out


def _status_paths(cache: ProjectCache, status: str, group: list[ZoneVersion], view: MapView,
                  tol: float) -> tuple[list[QPainterPath], list[ZoneVersion]]:
    """Outline paths of the zones of one status near the view, and those zones.

    Outlines are hairlines, cheap on long paths; still, zones are grouped by a grid of cells of
    about 800 px at this level of detail so a few paths carry them, not one huge one.
    """
    if len(group) > CULL_ABOVE:
        x0, y0, x1, y1 = view.fitted
        vis = []
        for v in group:
            bx0, by0, bx1, by1 = cache.geoms.bounds(v.id, v.geometry)
            if bx1 >= x0 and bx0 <= x1 and by1 >= y0 and by0 <= y1:
                vis.append(v)
        group = vis
    key = (status, tol, tuple((v.id, id(v.geometry)) for v in group))
    paths = cache.paths.get(key)
    if paths is None:
        cell = max(tol, 1.0) * 1600.0
        cells: dict[tuple[int, int], list[ZoneVersion]] = defaultdict(list)
        for v in group:
            bx0, by0, bx1, by1 = cache.geoms.bounds(v.id, v.geometry)
            cells[(int((bx0 + bx1) / 2 // cell), int((by0 + by1) / 2 // cell))].append(v)
        paths = []
        for members in cells.values():
            for i in range(0, len(members), 64):
                paths.append(arrays_to_path(concat_arrays(
                    cache.geoms.arrays(v.id, v.geometry, tol) for v in members[i:i + 64])))
        paths = cache.paths.put(key, ([q for q in paths if not q.isEmpty()], group))
    return paths


def _fill_shapes(p: QPainter, cache: ProjectCache, versions: list[ZoneVersion], tol: float,
                 brush: QBrush) -> None:
    p.setBrush(brush)
    winding = Qt.WindingFill  # looked up once: enum attribute access is slow in PySide6
    draw, shape = p.drawPolygon, cache.geoms.shape
    for v in versions:
        sh = shape(v.id, v.geometry, tol)
        if sh.polygons is None:
            p.fillPath(sh.path, brush)
        else:
            for poly in sh.polygons:
                draw(poly, winding)


def paint_zones(p: QPainter, view: MapView, spec: FrameSpec) -> None:
    project = spec.project
    cache = project_cache(project)
    versions = visible_state(project, spec.when, spec.assessments, spec.hidden_statuses)
    groups: dict[str, list[ZoneVersion]] = defaultdict(list)
    for v in versions:
        groups[v.status].append(v)
    tol = lod_tolerance(view.resolution)
    world = p.transform()
    opacity = dict(spec.status_opacity)
    order = {k: s.order for k, s in project.legend.items()}
    for status in sorted(groups, key=lambda k: (order.get(k, 999), k)):
        legend = project.legend.get(status) or unknown_status(status)
        style = styles.ZoneStyle(legend, opacity.get(status, 1.0))
        paths, visible = _status_paths(cache, status, groups[status], view, tol)
        hatch = styles.device_brush(style.hatch, world) if style.hatch is not None else None
        cross = styles.device_brush(style.cross, world) if style.cross is not None else None
        p.setPen(Qt.NoPen)
        for brush in (style.fill, hatch, cross):
            if brush is not None:
                _fill_shapes(p, cache, visible, tol, brush)
        for path in paths:
            styles.stroke(p, path, style.outline)
    if spec.selection:
        sel = [v for v in versions if v.zone_id in spec.selection]
        if sel:
            path = arrays_to_path(concat_arrays(cache.geoms.arrays(v.id, v.geometry, tol) for v in sel))
            p.fillPath(path, QBrush(styles.qcolor(styles.SELECTION, 0.12)))
            p.strokePath(path, styles.pen(styles.HALO, 5.0, alpha=0.9))
            p.strokePath(path, styles.pen(styles.SELECTION, 2.5))


def change_overlay(spec: FrameSpec, tol: float = 0.0) -> list[tuple[str, QPainterPath, QPainterPath]]:
    """(status, gained path, lost path) since `spec.previous`, in EPSG:3857, cached.

    Computed like `Project.changes_between` (per assessment and status: the union on the later
    date minus the union on the earlier one, and back), over the versions that came or went
    only. Unions of several zones are made of the projected shapes simplified to the view's
    level of detail, which the overlay is only ever seen at; one shape replacing another reuses
    the records' own differences, which the step's captions computed anyway.
    """
    project = spec.project
    cache = project_cache(project)
    key = (spec.previous, spec.when, spec.assessments, spec.hidden_statuses, tol, len(project.versions))
    out = cache.overlays.get(key)
    if out is not None:
        return out
    out = [(status, arrays_to_path(geometry_arrays(g)) if g else QPainterPath(),
            arrays_to_path(geometry_arrays(lo)) if lo else QPainterPath())
           for status, (g, lo) in overlay_geometries(spec, tol).items()]
    return cache.overlays.put(key, out)


def overlay_geometries(spec: FrameSpec, tol: float = 0.0) -> dict[str, tuple[list, list]]:
    """status -> (gained pieces, lost pieces) since `spec.previous`, EPSG:3857 (see above)."""
    project = spec.project
    cache = project_cache(project)
    zones = project.zones

    def groups(d: date) -> dict[tuple[str, str], list[ZoneVersion]]:
        out: dict[tuple[str, str], list[ZoneVersion]] = defaultdict(list)
        for v in visible_state(project, d, spec.assessments, spec.hidden_statuses):
            out[(zones[v.zone_id].assessment_id, v.status)].append(v)
        return out

    def union(g: list[ZoneVersion]) -> BaseGeometry:
        shapes = [cache.geoms.simplified(v.id, v.geometry, tol) for v in g]
        return shapes[0] if len(shapes) == 1 else shapely.union_all(shapes)

    before, after = groups(spec.previous), groups(spec.when)
    merged: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for k in set(before) | set(after):
        a, b = before.get(k, []), after.get(k, [])
        # Versions valid on both dates (most of them) cancel out: with U the union of those,
        # (B ∪ U) − (A ∪ U) = (B − A) − U, so only the versions that came or went are overlaid,
        # and U is cut out of the (small) result only where it touches it.
        kept = {id(v) for v in a} & {id(v) for v in b}
        a = [v for v in a if id(v) not in kept]
        b = [v for v in b if id(v) not in kept]
        if not a and not b:
            continue
        if len(a) == 1 and len(b) == 1:
            # One shape on each side (a whole front, a zone redrawn): the difference of the two
            # records is what the step's captions measured, so it is computed once for both,
            # at full detail in lon/lat; only the small pieces are projected and simplified.
            gained, lost = (_projected(g, tol) for g in version_differences(a[0], b[0]))
        elif not a or not b:
            gained, lost = (union(b) if b else None), (union(a) if a else None)
        else:
            # Several came and went (a zone split, two zones redrawn): their unions in lon/lat at
            # full detail, which are cheap next to simplifying every new shape for them.
            ua = shapely.union_all([v.geometry for v in a])
            ub = shapely.union_all([v.geometry for v in b])
            gained, lost = (_projected(g, tol) for g in differences(ua, ub))
        if kept:
            common = [cache.geoms.simplified(v.id, v.geometry, tol) for v in before[k] if id(v) in kept]
            gained, lost = _minus_touching(gained, common), _minus_touching(lost, common)
        if gained is not None and not gained.is_empty:
            merged[k[1]][0].append(gained)
        if lost is not None and not lost.is_empty:
            merged[k[1]][1].append(lost)
    return dict(merged)


def _minus_touching(geom: BaseGeometry | None, others: list[BaseGeometry]) -> BaseGeometry | None:
    """`geom` minus those of `others` that meet it (usually none: assessed zones never overlap)."""
    if geom is None or geom.is_empty or not others:
        return geom
    hit = shapely.STRtree(others).query(geom, predicate="intersects")
    if len(hit) == 0:
        return geom
    return shapely.difference(geom, shapely.union_all([others[i] for i in hit]))


def _projected(geom: BaseGeometry, tol: float) -> BaseGeometry:
    g = project_geometry(geom)
    if tol > 0 and shapely.get_num_coordinates(g) > 64:
        g = shapely.simplify(g, tol, preserve_topology=True)
    return g


def paint_changes(p: QPainter, spec: FrameSpec, view: MapView) -> None:
    if spec.previous is None or spec.previous == spec.when:
        return
    world = p.transform()
    for status, gained, lost in change_overlay(spec, lod_tolerance(view.resolution)):
        legend = spec.project.legend.get(status) or unknown_status(status)
        if not gained.isEmpty():
            p.fillPath(gained, styles.device_brush(styles.gain_brush(legend.colour), world))
            styles.stroke(p, gained, styles.pen(legend.colour, 1.4))
        if not lost.isEmpty():
            p.fillPath(lost, styles.device_brush(styles.loss_brush(legend.colour), world))
            styles.stroke(p, lost, styles.pen(legend.colour, 1.4, dash=(4.0, 3.0)))


def paint_observations(p: QPainter, view: MapView, spec: FrameSpec, scale: float) -> None:
    """Points as dots, lines as arrows (attack directions), in screen space."""
    if not spec.observations:
        return
    p.save()
    p.resetTransform()
    p.setRenderHint(QPainter.Antialiasing)
    r = 4.5 * scale
    for obs, alpha in spec.observations:
        geom = obs.geometry
        for part in shapely.get_parts(geom):
            coords = shapely.get_coordinates(part)
            pts = [QPointF(*view.to_px(*to_merc(float(x), float(y)))) for x, y in coords]
            if part.geom_type == "Point":
                p.setPen(styles.pen(styles.HALO, 1.8 * scale, alpha=alpha))
                p.setBrush(styles.qcolor(styles.OBSERVATION, alpha))
                p.drawEllipse(pts[0], r, r)
                continue
            p.setPen(styles.pen(styles.OBSERVATION, 2.2 * scale, alpha=alpha))
            p.setBrush(Qt.NoBrush)
            p.drawPolyline(QPolygonF(pts))
            if len(pts) >= 2:
                _arrow_head(p, pts[-2], pts[-1], 11 * scale, alpha)
    p.restore()


def _arrow_head(p: QPainter, a: QPointF, b: QPointF, size: float, alpha: float) -> None:
    d = np.array([b.x() - a.x(), b.y() - a.y()])
    n = float(np.hypot(*d))
    if n == 0:
        return
    d /= n
    perp = np.array([-d[1], d[0]])
    base = np.array([b.x(), b.y()]) - d * size
    left, right = base + perp * size * 0.5, base - perp * size * 0.5
    p.setPen(Qt.NoPen)
    p.setBrush(styles.qcolor(styles.OBSERVATION, alpha))
    p.drawPolygon(QPolygonF([b, QPointF(*left), QPointF(*right)]))


__all__ = ["paint_zones", "paint_changes", "paint_observations", "visible_state", "project_cache",
           "ProjectCache"]
