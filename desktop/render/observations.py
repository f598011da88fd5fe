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
    path = QPainterPath()
    font = outline_font(11 * scale)
    lines = label_lines(name)
    step = 13 * scale  # line spacing at 11 px
    y = symbol.center().y() + 4 * scale - step * (len(lines) - 1) / 2  # centred on the symbol
    for i, line in enumerate(lines):
        path.addText(QPointF(symbol.right() + 4 * scale, y + i * step), font, line)
    p.strokePath(path, styles.pen(styles.HALO, 3.0 * scale, alpha=alpha))
    p.fillPath(path, styles.qcolor(styles.OBSERVATION, alpha))


LABEL_LINE_CHARS = 28  # an observation's name wraps at words onto lines of about this length
LABEL_MAX_LINES = 2


def label_lines(name: str, width: int = LABEL_LINE_CHARS, max_lines: int = LABEL_MAX_LINES) -> list[str]:
    """An observation's name on at most `max_lines` lines, wrapped at words; past that the last
    line is shortened at a word with an ellipsis. Never a word cut in half ("northern Po…" read
    as another place), unless one word alone is longer than a line."""
    words = " ".join(name.split()).split(" ")
    lines: list[str] = []
    line = ""
    for i, w in enumerate(words):
        candidate = f"{line} {w}" if line else w
        if len(candidate) <= width or not line:
            line = candidate
            continue
        lines.append(line)
        line = w
        if len(lines) == max_lines:  # no room left: the last line gets the ellipsis
            last = lines[-1].rstrip(" ,;:/·-—(")
            lines[-1] = (last if len(last) < width else last[: width - 1]) + "\u2026"
            return lines
    if line:
        lines.append(line if len(line) <= width else line[: width - 1] + "\u2026")
    return lines[:max_lines] or [""]


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
