"""Observations on the map: points as symbols by kind with their name beside them, lines as
arrows (attack directions), drawn in screen pixels over the zones."""
from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPolygonF

from desktop.render import styles
from desktop.render.fonts import outline_font
from desktop.render.projection import MapView
from desktop.model.mercator import to_merc
from desktop.render.spec import FrameSpec
from desktop.render.symbols import draw_symbol


def paint_observations(p: QPainter, view: MapView, spec: FrameSpec, scale: float) -> None:
    """Points as symbols by kind with their name beside them, lines as arrows (attack
    directions), in screen space."""
    if not spec.observations:
        return
    p.save()
    p.resetTransform()
    p.setRenderHint(QPainter.Antialiasing)
    r = 5.0 * scale
    for obs, alpha in spec.observations:
        labelled = False
        for part in shapely.get_parts(obs.geometry):
            coords = shapely.get_coordinates(part)
            pts = [QPointF(*view.to_px(*to_merc(float(x), float(y)))) for x, y in coords]
            if part.geom_type == "Point":
                rect = draw_symbol(p, obs.kind, pts[0], r, styles.OBSERVATION, alpha)
                if not labelled and obs.name:  # one name per observation, at its first point
                    _observation_label(p, obs.name, rect, scale, alpha)
                    labelled = True
                continue
            p.setPen(styles.pen(styles.OBSERVATION, 2.2 * scale, alpha=alpha))
            p.setBrush(Qt.NoBrush)
            p.drawPolyline(QPolygonF(pts))
            if len(pts) >= 2:
                _arrow_head(p, pts[-2], pts[-1], 11 * scale, alpha)
    p.restore()


def _observation_label(p: QPainter, name: str, symbol: QRectF, scale: float, alpha: float) -> None:
    """The observation's name right of its symbol, dark on a white halo (plain text: names come
    from sources and files). Glyph outlines of the outline font: the same whatever text was
    drawn before (see fonts.py)."""
    text = name if len(name) <= 42 else name[:41] + "…"
    path = QPainterPath()
    font = outline_font(11 * scale)
    path.addText(QPointF(symbol.right() + 4 * scale, symbol.center().y() + 4 * scale), font, text)
    p.strokePath(path, styles.pen(styles.HALO, 3.0 * scale, alpha=alpha))
    p.fillPath(path, styles.qcolor(styles.OBSERVATION, alpha))


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


__all__ = ["paint_observations"]
