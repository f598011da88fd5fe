"""Evidence marks on the map: a red "!" badge on a zone version that some quote contradicts, a
grey dotted "?" badge on one that no quote backs at all (`FrameSpec.evidence_marks`).

Badges sit at a representative point of the zone (inside it, even for a crescent), or, when
that point is off screen, at a point of the zone's visible part, so a mark is never lost by
panning. They are drawn in screen pixels, a fixed size whatever the zoom. Contradicted marks
come first and always show; "?" marks give way where they would crowd another badge, are left
off zones smaller than a badge, and stop at MAX_UNBACKED per frame, largest zones first (an
imported series with no evidence would otherwise carpet the whole-front view).
"""
from __future__ import annotations

import weakref

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QImage, QPainter, QPen

from desktop.model.evidence_queries import MARK_CONTRADICTED, MARK_NO_EVIDENCE, version_marks
from desktop.model.lru import LRU

from desktop.render import styles
from desktop.render.fonts import map_font
from desktop.render.projection import MapView
from desktop.render.spec import FrameSpec
from desktop.render.zones import project_cache, visible_state

CONTRADICTED = "#d50000"
NO_EVIDENCE = "#616161"
RADIUS = 9.0  # badge radius in pixels at scale 1
MAX_CLIPS = 200  # zones per frame whose visible part is searched for a badge spot
MAX_UNBACKED = 150  # "?" badges per frame: beyond that they stop informing and only clutter
_POINTS = LRU(20_000)  # version id -> (geometry object, (x, y) in EPSG:3857)
_BADGES = LRU(16)  # (kind, scale, device pixel ratio) -> QImage


def _inner_point(vid: str, geom, projected) -> tuple[float, float]:
    got = _POINTS.get(vid)
    if got is not None and got[0] is geom:
        return got[1]
    pt = shapely.point_on_surface(projected)
    xy = (float(pt.x), float(pt.y)) if not pt.is_empty else (0.0, 0.0)
    _POINTS.put(vid, (geom, xy))
    return xy


class _Candidates:
    """The marked versions shown on one date, as arrays: computed once per date and project
    state, then each frame (a pan, a zoom) only filters them by the view."""

    def __init__(self, spec: FrameSpec) -> None:
        project = spec.project
        versions = visible_state(project, spec.when, spec.assessments, spec.hidden_statuses)
        marks = version_marks(project, [v.id for v in versions])
        self.versions = [v for v in versions if v.id in marks]
        self.contradicted = np.array([marks[v.id] == MARK_CONTRADICTED for v in self.versions], bool)
        geoms = project_cache(project).geoms
        self.bounds = np.array([geoms.bounds(v.id, v.geometry) for v in self.versions], float).reshape(-1, 4)
        self.points = np.array([_inner_point(v.id, v.geometry, geoms.projected(v.id, v.geometry))
                                for v in self.versions], float).reshape(-1, 2)


_CANDIDATES: "weakref.WeakKeyDictionary[object, LRU]" = weakref.WeakKeyDictionary()


def _candidates(spec: FrameSpec) -> _Candidates:
    project = spec.project
    per_project = _CANDIDATES.get(project)
    if per_project is None:
        per_project = _CANDIDATES[project] = LRU(8)
        project.listeners.append(lambda _changes, c=per_project: c.clear())  # holds the cache, not the project
    key = (spec.when, spec.assessments, spec.hidden_statuses, len(project.versions), len(project.evidence))
    got = per_project.get(key)
    if got is None:
        got = per_project.put(key, _Candidates(spec))
    return got


def _label_boxes(spec: FrameSpec, view: MapView, scale: float) -> list[QRectF]:
    """Where the place labels go, so a badge never sits on a town's name."""
    if not spec.basemap or "labels" in spec.hidden_basemap:
        return []
    from desktop.render.labels import place_labels
    return [box for _, _, box, _ in place_labels(view, scale)]


def _clear_of_labels(px: float, py: float, r: float, boxes: list[QRectF]) -> tuple[float, float]:
    badge = QRectF(px - r, py - r, 2 * r, 2 * r)
    for box in boxes:
        if box.intersects(badge):
            return px, box.bottom() + r + 2  # just below the name, still inside most zones
    return px, py


def mark_positions(spec: FrameSpec, view: MapView, scale: float = 1.0) -> list[tuple[str, str, QPointF]]:
    """(version id, mark kind, pixel position) of every badge the frame shows."""
    cand = _candidates(spec)
    if not cand.versions:
        return []
    cache = project_cache(spec.project)
    fx0, fy0, fx1, fy1 = view.fitted
    r = RADIUS * scale
    b = cand.bounds
    size_px = np.maximum(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]) / view.resolution
    keep = (b[:, 2] >= fx0) & (b[:, 0] <= fx1) & (b[:, 3] >= fy0) & (b[:, 1] <= fy1)
    keep &= cand.contradicted | (size_px >= 2.5 * r)
    idx = np.flatnonzero(keep)
    # Contradicted first, then the largest zones (ties by position in the state: deterministic).
    idx = idx[np.lexsort((idx, -size_px[idx], ~cand.contradicted[idx]))]
    cell = 2 * r + 4 * scale  # badges keep this far apart: one per grid cell and its neighbours
    res = view.resolution
    pts = cand.points[idx]
    inside = (pts[:, 0] >= fx0) & (pts[:, 0] <= fx1) & (pts[:, 1] >= fy0) & (pts[:, 1] <= fy1)
    pxs, pys = (pts[:, 0] - fx0) / res, (fy1 - pts[:, 1]) / res
    taken: set[tuple[int, int]] = set()
    label_boxes = _label_boxes(spec, view, scale)
    out = []
    clips = unbacked = 0
    for i, ok, px, py in zip(idx.tolist(), inside.tolist(), pxs.tolist(), pys.tolist()):
        contradicted = bool(cand.contradicted[i])
        if not contradicted and unbacked >= MAX_UNBACKED:
            break  # sorted: the contradicted are all placed, the largest unbacked zones first
        v = cand.versions[i]
        if not ok:  # the zone's inner point is off screen: find one in its visible part
            if clips >= MAX_CLIPS:
                continue
            clips += 1
            part = shapely.clip_by_rect(cache.geoms.projected(v.id, v.geometry), fx0, fy0, fx1, fy1)
            if part.is_empty:
                continue
            pt = shapely.point_on_surface(part)
            px, py = view.to_px(float(pt.x), float(pt.y))
        px, py = _clear_of_labels(px, py, r, label_boxes)
        gx, gy = int(px // cell), int(py // cell)
        if not contradicted:
            if ((gx, gy) in taken or (gx - 1, gy) in taken or (gx + 1, gy) in taken
                    or (gx, gy - 1) in taken or (gx, gy + 1) in taken or (gx - 1, gy - 1) in taken
                    or (gx + 1, gy + 1) in taken or (gx - 1, gy + 1) in taken or (gx + 1, gy - 1) in taken):
                continue
            unbacked += 1
        taken.add((gx, gy))
        out.append((v.id, MARK_CONTRADICTED if contradicted else MARK_NO_EVIDENCE, QPointF(px, py)))
    return out


def _badge(kind: str, scale: float, dpr: float) -> QImage:
    """One badge as an image, drawn once per kind and size: a frame stamps it (text is slow)."""
    key = (kind, round(scale, 3), dpr)
    img = _BADGES.get(key)
    if img is not None:
        return img
    r = RADIUS * scale
    side = 2 * r + 4 * scale
    img = QImage(max(1, round(side * dpr)), max(1, round(side * dpr)), QImage.Format_ARGB32_Premultiplied)
    img.setDevicePixelRatio(dpr)
    img.fill(Qt.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    p.setRenderHint(QPainter.TextAntialiasing)
    p.setFont(map_font(13 * scale, bold=True))
    c = QPointF(side / 2, side / 2)
    box = QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r)
    if kind == MARK_CONTRADICTED:
        p.setPen(styles.pen(styles.HALO, 2.0 * scale))
        p.setBrush(QBrush(styles.qcolor(CONTRADICTED)))
        p.drawEllipse(c, r, r)
        p.setPen(QPen(styles.qcolor(styles.HALO)))
        p.drawText(box, Qt.AlignCenter, "!")
    else:
        p.setPen(Qt.NoPen)
        p.setBrush(QBrush(styles.qcolor(styles.HALO, 0.9)))
        p.drawEllipse(c, r, r)
        p.setPen(styles.pen(NO_EVIDENCE, 1.6 * scale, dash=(2.0, 1.5)))
        p.setBrush(Qt.NoBrush)
        p.drawEllipse(c, r - 0.8 * scale, r - 0.8 * scale)
        p.setPen(QPen(styles.qcolor(NO_EVIDENCE)))
        p.drawText(box, Qt.AlignCenter, "?")
    p.end()
    return _BADGES.put(key, img)


def _device_ratio(p: QPainter) -> float:
    dev = p.device()
    return float(dev.devicePixelRatioF()) if dev is not None and hasattr(dev, "devicePixelRatioF") else 1.0


def paint_evidence_marks(p: QPainter, view: MapView, spec: FrameSpec, scale: float = 1.0) -> frozenset[str]:
    """Draw the badges in the painter's pixel coordinates (the frame's, without the map
    transform); returns the kinds drawn (the legend explains those)."""
    positions = mark_positions(spec, view, scale)
    if not positions:
        return frozenset()
    dpr = _device_ratio(p)
    half = (2 * RADIUS * scale + 4 * scale) / 2
    for _, kind, c in positions:
        img = _badge(kind, scale, dpr)
        p.drawImage(QPointF(c.x() - half, c.y() - half), img)
    return frozenset(kind for _, kind, _ in positions)


def paint_legend_badge(p: QPainter, kind: str, box: QRectF, scale: float) -> None:
    """A badge fitted in a legend swatch `box`."""
    side = box.height() + 4 * scale
    s = side / (2 * RADIUS + 4)  # the badge scale whose image is `side` pixels wide
    img = _badge(kind, s, _device_ratio(p))
    c = box.center()
    p.drawImage(QPointF(c.x() - side / 2, c.y() - side / 2), img)


__all__ = ["paint_evidence_marks", "paint_legend_badge", "mark_positions", "CONTRADICTED", "NO_EVIDENCE"]
