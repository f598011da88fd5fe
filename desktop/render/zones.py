"""Zones, gains and losses and the selection: the data layers of a frame (observations: see
observations.py).

Zones of one status are filled polygon by polygon and outlined as a few combined paths, built
from cached per-version arrays at the view's level of detail; with many zones only those whose
box meets the view go in. On the canvas, a scrub copies small zones from sprites (sprites.py).
Everything is painted with the view's world transform set, cosmetic pens and device-pinned
hatches (see styles.py).
"""
from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
import shapely
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QTransform

from desktop.model.entities import ZoneVersion
from desktop.model.legend import Status, unknown_status
from desktop.model.project import Project

from desktop.render import sprites as sprite_sheets
from desktop.render import styles
from desktop.render.cache import _CACHES, ProjectCache, project_cache, visible_state  # noqa: F401 (_CACHES: tests clear it)
from desktop.render.observations import paint_observations
from desktop.render.gains import change_paths, paint_changes
from desktop.render.overlay import overlay_geometries
from desktop.render.paths import Shape, arrays_to_path, concat_arrays, geometry_arrays, lod_tolerance
from desktop.render.projection import MapView
from desktop.render.spec import FrameSpec
from desktop.render.sprites import MAX_SIDE, Sheet, device_boxes, device_ratio, paint_layer, zone_drawer

CULL_ABOVE = 48  # with more zones than this in one status, skip those outside the view


class _Group:
    """The zones of one status on one date, with what culling needs ready: their boxes as an
    array (2,000 zones tested in one numpy expression) and their cache key pairs."""
    __slots__ = ("versions", "boxes", "_pairs")

    def __init__(self, versions: list[ZoneVersion], boxes: np.ndarray) -> None:
        self.versions = versions
        self.boxes = boxes
        self._pairs: tuple | None = None

    @property
    def pairs(self) -> tuple:
        if self._pairs is None:
            self._pairs = tuple((v.id, id(v.geometry)) for v in self.versions)
        return self._pairs


def _groups(cache: ProjectCache, project: Project, versions: list[ZoneVersion]) -> dict[str, _Group]:
    """Zones by status, cached with the (cached) state list they come from."""
    got = cache.groups.get(id(versions))
    if got is None or got[0] is not versions:
        by: dict[str, list[ZoneVersion]] = defaultdict(list)
        for v in versions:
            by[v.status].append(v)
        index = cache.state_index(project)
        got = cache.groups.put(id(versions), (versions, {k: _Group(g, index.boxes_of(g)) for k, g in by.items()}))
    return got[1]


def _status_paths(cache: ProjectCache, status: str, grp: _Group, view: MapView,
                  tol: float) -> tuple[list[QPainterPath], list[ZoneVersion], list]:
    """Outline paths of the zones of one status near the view, those zones, and their fill
    items (see `_fill_items`).

    Outlines are hairlines, cheap on long paths; still, zones are grouped by a grid of cells of
    about 800 px at this level of detail so a few paths carry them, not one huge one.
    """
    group, pairs = grp.versions, grp.pairs
    if len(group) > CULL_ABOVE:
        # The view widened to a grid of quarter views plus one cell all round: a pan keeps the
        # same zones (and so this cache entry) until it crosses a grid line.
        x0, y0, x1, y1 = view.fitted
        sx, sy = (x1 - x0) / 4, (y1 - y0) / 4
        x0, x1 = (math.floor(x0 / sx) - 1) * sx, (math.ceil(x1 / sx) + 1) * sx
        y0, y1 = (math.floor(y0 / sy) - 1) * sy, (math.ceil(y1 / sy) + 1) * sy
        b = grp.boxes
        keep = (b[:, 2] >= x0) & (b[:, 0] <= x1) & (b[:, 3] >= y0) & (b[:, 1] <= y1)
        if not keep.all():
            idx = np.flatnonzero(keep).tolist()
            group = [group[i] for i in idx]
            pairs = tuple(pairs[i] for i in idx)
    key = (status, tol, pairs)
    paths = cache.paths.get(key)
    if paths is None:
        items = [(v.id, v.geometry) for v in group]
        cache.geoms.ensure(items)
        cache.geoms.build(items, tol)
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
        paths = cache.paths.put(key, ([q for q in paths if not q.isEmpty()], group, _fill_items(cache, group, tol)))
    return paths


def _fill_items(cache: ProjectCache, versions: list[ZoneVersion], tol: float) -> tuple[list, list, list]:
    """What `_fill_shapes` draws: rings of simple shapes, rings needing the winding rule, and
    paths of shapes with holes. Cached with the status's paths, so a repaint of 2,000 zones is
    a tight loop of draw calls (looking each shape up again cost 7 µs a zone). The order of
    fills does not matter: one brush over itself gives the same colour either way round."""
    shape = cache.geoms.shape
    return _fill_items_of([shape(v.id, v.geometry, tol) for v in versions])


def _fill_items_of(shapes: list[Shape]) -> tuple[list, list, list]:
    plain: list = []
    winding: list = []
    holed: list = []
    for sh in shapes:
        if sh.polygons is None:
            holed.append(sh.path)
        elif sh.simple:
            plain.extend(sh.polygons)
        else:
            winding.extend(sh.polygons)
    return plain, winding, holed


def _fill_shapes(p: QPainter, items: tuple[list, list, list], brush: QBrush) -> None:
    plain, winding, holed = items
    p.setBrush(brush)
    draw = p.drawPolygon
    for poly in plain:
        draw(poly)
    rule = Qt.WindingFill  # looked up once: enum attribute access is slow in PySide6
    for poly in winding:
        draw(poly, rule)
    for path in holed:
        p.fillPath(path, brush)


def paint_zones(p: QPainter, view: MapView, spec: FrameSpec, sprites: bool = False) -> None:
    """The zones of the date, status by status (legend order): fills, then outlines.

    `sprites`: the canvas may copy zones from a sprite sheet of this view (see sprites.py),
    used from the second date painted at one view on (a scrub)."""
    project = spec.project
    cache = project_cache(project)
    versions = visible_state(project, spec.when, spec.assessments, spec.hidden_statuses)
    groups = _groups(cache, project, versions)
    tol = lod_tolerance(view.resolution)
    world = p.transform()
    sprites = sprites and len(versions) >= sprite_sheets.MIN_ZONES
    frame = _frame_rect(p, view) if sprites else (0, 0, 0, 0)
    sheet = cache.sprites.sheet_for(p, spec.when, tol, frame) if sprites else None
    opacity = dict(spec.status_opacity)
    order = {k: s.order for k, s in project.legend.items()}
    for status in sorted(groups, key=lambda k: (order.get(k, 999), k)):
        legend = project.legend.get(status) or unknown_status(status)
        style = styles.ZoneStyle(legend, opacity.get(status, 1.0))
        brushes = style.brushes(world)
        aliased = _aliased(p, legend)
        if sheet is not None:
            _paint_status_sprites(p, sheet, frame, cache, status, groups[status], view, tol, legend, style,
                                  brushes, aliased, opacity.get(status, 1.0))
            continue
        _paint_status(p, cache, status, groups[status], view, tol, style, brushes, aliased)
    if spec.selection:
        sel = [v for v in versions if v.zone_id in spec.selection]
        if sel:
            path = arrays_to_path(concat_arrays(cache.geoms.arrays(v.id, v.geometry, tol) for v in sel))
            p.fillPath(path, QBrush(styles.qcolor(styles.SELECTION, 0.12)))
            p.strokePath(path, styles.pen(styles.HALO, 5.0, alpha=0.9))
            p.strokePath(path, styles.pen(styles.SELECTION, 2.5))


def _paint_status(p: QPainter, cache: ProjectCache, status: str, grp: _Group, view: MapView, tol: float,
                  style: styles.ZoneStyle, brushes: tuple, aliased: bool) -> None:
    """The zones of one status painted directly: fills of all, then their outlines."""
    paths, visible, items = _status_paths(cache, status, grp, view, tol)
    _paint_shapes(p, items, paths, style, brushes, aliased)


def _aliased(p: QPainter, legend: Status) -> bool:
    # Interiors without antialiasing: the antialiased outline drawn on top covers the
    # stair-stepped edge, and Qt's aliased rasterizer is 4-6x faster (2,000 zones: ~140 ms
    # of antialiased fills a repaint). A dashed outline would show the steps in its gaps.
    return not legend.dashed and p.testRenderHint(QPainter.Antialiasing)


def _paint_shapes(p: QPainter, items: tuple[list, list, list], paths: list[QPainterPath],
                  style: styles.ZoneStyle, brushes: tuple, aliased: bool) -> None:
    """Zones of one style: every fill layer (colour, pattern) of `items`, then the outlines
    `paths`. The map's zones and the legend's swatches are both painted here."""
    p.setPen(Qt.NoPen)
    if aliased:
        p.setRenderHint(QPainter.Antialiasing, False)
    for brush in brushes:
        if brush is not None:
            _fill_shapes(p, items, brush)
    if aliased:
        p.setRenderHint(QPainter.Antialiasing, True)
    for path in paths:
        styles.stroke(p, path, style.outline)


def _frame_rect(p: QPainter, view: MapView) -> tuple[int, int, int, int]:
    """The frame's rectangle in device pixels (x, y, w, h)."""
    x0, y0, x1, y1 = view.fitted
    r = p.transform().mapRect(QRectF(x0, y0, x1 - x0, y1 - y0))
    d = device_ratio(p)
    return round(r.left() * d), round(r.top() * d), round(r.width() * d), round(r.height() * d)


def _paint_status_sprites(p: QPainter, sheet: Sheet, frame: tuple[int, int, int, int], cache: ProjectCache,
                          status: str, grp: _Group, view: MapView, tol: float, legend, style: styles.ZoneStyle,
                          brushes: tuple, aliased: bool, opacity: float) -> None:
    """One status from the sprite sheet: each zone in view small enough copied from its sprite
    (fills and outline), made on first sight (see sprites.py); the others (the full front's
    big zones, zones across the frame's edge) painted directly after the copies, from the
    status's cached paths. Within one status the order does not matter (see `zone_drawer`)."""
    world = p.transform()
    rects = device_boxes(world, sheet.dpr, grp.boxes)
    fx, fy, fw, fh = frame
    x, y, w, h = rects[:, 0], rects[:, 1], rects[:, 2], rects[:, 3]
    side = MAX_SIDE * sheet.dpr
    small = (x >= fx) & (y >= fy) & (x + w <= fx + fw) & (y + h <= fy + fh) & (w <= side) & (h <= side)
    idx = np.flatnonzero(small)
    rest = np.flatnonzero(~small)
    group = [grp.versions[i] for i in idx.tolist()]
    geoms = [v.geometry for v in group]
    rects = rects[idx].tolist()

    def shapes(which: list[int]) -> list[Shape]:
        items = [(group[i].id, group[i].geometry) for i in which]
        cache.geoms.ensure(items)
        cache.geoms.build(items, tol)
        return [cache.geoms.shape(k, g, tol) for k, g in items]

    left = paint_layer(p, sheet, (legend, opacity, aliased, int(p.renderHints().value)), geoms, rects, frame,
                       shapes, zone_drawer(brushes, aliased, style.outline)) if group else []
    if len(rest) or left:
        direct = sorted(rest.tolist() + idx[left].tolist())  # in the state's order, as a cache key
        sub = _Group([grp.versions[i] for i in direct], grp.boxes[direct])
        _paint_status(p, cache, status, sub, view, tol, style, brushes, aliased)


def paint_zone_swatch(p: QPainter, rect: QRectF, status: Status, opacity: float = 1.0) -> None:
    """A legend swatch: `rect` (in the painter's coordinates) painted as `paint_zones` paints a
    zone of `status`, by the same code from the same style, so the legend matches the map.

    The rectangle is made a shape as a zone's is (an oriented ring, y up, drawn under a
    y-flip like the map's world transform), so even a dashed outline starts where a zone's does.
    Patterns are pinned to the painter's coordinates (the map pins them to the device): a legend
    copied from a cached image of itself (chrome.cached_piece) is the legend painted in place."""
    g = shapely.box(rect.left(), -rect.bottom(), rect.right(), -rect.top())
    shape = Shape(geometry_arrays(g), holes=False, simple=True)
    style = styles.ZoneStyle(status, opacity)
    p.save()
    flip = QTransform(1, 0, 0, -1, 0, 0)
    p.setTransform(flip * p.transform())
    _paint_shapes(p, _fill_items_of([shape]), [shape.outline()], style, style.brushes(flip), _aliased(p, status))
    p.restore()


def prepare_zones(spec: FrameSpec, width: int, height: int) -> None:
    """Build what `paint_zones` and `paint_changes` will need for this frame (shapes at the
    view's level of detail, the gains/losses overlay) without painting: the replay export runs
    it on a worker thread for the next frame. The caches it fills are thread-safe."""
    view = MapView(spec.bbox, max(1, int(width)), max(1, int(height)))
    cache = project_cache(spec.project)
    tol = lod_tolerance(view.resolution)
    versions = visible_state(spec.project, spec.when, spec.assessments, spec.hidden_statuses)
    for status, grp in _groups(cache, spec.project, versions).items():
        _status_paths(cache, status, grp, view, tol)
    if spec.show_zones and spec.previous is not None and spec.previous != spec.when:
        change_paths(spec, tol)  # what paint_changes draws (one union over all statuses)


__all__ = ["paint_zones", "paint_zone_swatch", "paint_changes", "prepare_zones", "overlay_geometries", "paint_observations", "visible_state", "project_cache",
           "ProjectCache"]
