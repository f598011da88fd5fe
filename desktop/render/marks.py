"""Evidence marks on the map: a red "!" badge on a zone version that some quote contradicts, a
grey dotted "?" badge on one that no quote backs at all (`FrameSpec.evidence_marks`).

Badges sit at a representative point of the zone (inside it, even for a crescent), or, when
that point is off screen, at a point of the zone's visible part, so a mark is never lost by
panning. They are drawn in screen pixels, a fixed size whatever the zoom. Contradicted marks
come first and always show; "?" marks give way where they would overlap another badge and are
left off zones smaller than a badge (an imported series with no evidence would otherwise
carpet the whole-front view).
"""
from __future__ import annotations

import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen

from desktop.model.evidence_queries import MARK_CONTRADICTED, MARK_NO_EVIDENCE, version_marks

from . import styles
from .fonts import map_font
from .paths import LRU
from .projection import MapView
from .spec import FrameSpec
from .zones import project_cache, visible_state

CONTRADICTED = "#d50000"
NO_EVIDENCE = "#616161"
RADIUS = 9.0  # badge radius in pixels at scale 1
MAX_CLIPS = 200  # zones per frame whose visible part is searched for a badge spot
_POINTS = LRU(20_000)  # version id -> (geometry object, (x, y) in EPSG:3857)


def _inner_point(vid: str, geom, projected) -> tuple[float, float]:
    got = _POINTS.get(vid)
    if got is not None and got[0] is geom:
        return got[1]
    pt = shapely.point_on_surface(projected)
    xy = (float(pt.x), float(pt.y)) if not pt.is_empty else (0.0, 0.0)
    _POINTS.put(vid, (geom, xy))
    return xy


def mark_positions(spec: FrameSpec, view: MapView, scale: float = 1.0) -> list[tuple[str, str, QPointF]]:
    """(version id, mark kind, pixel position) of every badge the frame shows."""
    project = spec.project
    versions = visible_state(project, spec.when, spec.assessments, spec.hidden_statuses)
    marks = version_marks(project, [v.id for v in versions])
    if not marks:
        return []
    cache = project_cache(project)
    fx0, fy0, fx1, fy1 = view.fitted
    res = view.resolution
    r = RADIUS * scale
    candidates = []
    for v in versions:
        kind = marks.get(v.id)
        if kind is None:
            continue
        bx0, by0, bx1, by1 = cache.geoms.bounds(v.id, v.geometry)
        if bx1 < fx0 or bx0 > fx1 or by1 < fy0 or by0 > fy1:
            continue
        size_px = max(bx1 - bx0, by1 - by0) / res
        if kind == MARK_NO_EVIDENCE and size_px < 2.5 * r:
            continue
        candidates.append((kind != MARK_CONTRADICTED, -size_px, v))
    candidates.sort(key=lambda c: (c[0], c[1], c[2].id))
    placed: list[QRectF] = []
    out = []
    clips = 0
    for _, _, v in candidates:
        kind = marks[v.id]
        projected = cache.geoms.projected(v.id, v.geometry)
        x, y = _inner_point(v.id, v.geometry, projected)
        if not (fx0 <= x <= fx1 and fy0 <= y <= fy1):
            if clips >= MAX_CLIPS:
                continue
            clips += 1
            part = shapely.clip_by_rect(projected, fx0, fy0, fx1, fy1)
            if part.is_empty:
                continue
            pt = shapely.point_on_surface(part)
            x, y = float(pt.x), float(pt.y)
        c = QPointF(*view.to_px(x, y))
        box = QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r)
        if kind == MARK_NO_EVIDENCE and any(box.intersects(b) for b in placed):
            continue
        placed.append(box)
        out.append((v.id, kind, c))
    return out


def paint_evidence_marks(p: QPainter, view: MapView, spec: FrameSpec, scale: float = 1.0) -> None:
    """Draw the badges in the painter's pixel coordinates (the frame's, without the map transform)."""
    positions = mark_positions(spec, view, scale)
    if not positions:
        return
    r = RADIUS * scale
    p.save()
    p.setRenderHint(QPainter.Antialiasing)
    p.setRenderHint(QPainter.TextAntialiasing)
    p.setFont(map_font(13 * scale, bold=True))
    for _, kind, c in positions:
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
    p.restore()


__all__ = ["paint_evidence_marks", "mark_positions", "CONTRADICTED", "NO_EVIDENCE"]
