"""Point symbols for observations, by kind: a flag for a flag-raising, a burst for a strike,
a frame for a unit position, a cross for something destroyed, a camera for footage.

Drawn in screen space around a centre with a white halo so they read on any zone colour; the
kind is matched loosely (words in it), since imported files name kinds freely.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QTransform

from desktop.render import styles

KINDS = ("flag", "strike", "unit", "destroyed", "video", "dot")
_WORDS = (("flag", "flag"), ("strike", "strike"), ("shell", "strike"), ("explosion", "strike"),
          ("attack", "strike"), ("unit", "unit"), ("position", "unit"), ("destroy", "destroyed"),
          ("bridge", "destroyed"), ("video", "video"), ("footage", "video"), ("photo", "video"),
          ("imagery", "video"), ("geoloc", "video"))


def symbol_for(kind: str) -> str:
    k = kind.casefold()
    for word, symbol in _WORDS:
        if word in k:
            return symbol
    return "dot"


def _path(symbol: str, c: QPointF, r: float) -> QPainterPath:
    x, y = c.x(), c.y()
    path = QPainterPath()
    if symbol == "flag":
        path.addRect(QRectF(x - 0.12 * r, y - 1.6 * r, 0.24 * r, 1.9 * r))  # the pole, foot at the point
        path.moveTo(x + 0.12 * r, y - 1.6 * r)
        path.lineTo(x + 1.5 * r, y - 1.15 * r)
        path.lineTo(x + 0.12 * r, y - 0.7 * r)
        path.closeSubpath()
    elif symbol == "strike":
        for i in range(16):
            a = math.pi * i / 8
            rr = r * (1.25 if i % 2 == 0 else 0.55)
            pt = QPointF(x + rr * math.cos(a), y + rr * math.sin(a))
            path.moveTo(pt) if i == 0 else path.lineTo(pt)
        path.closeSubpath()
    elif symbol == "unit":
        path.addRect(QRectF(x - 1.2 * r, y - 0.8 * r, 2.4 * r, 1.6 * r))
        path.addRect(QRectF(x - 0.8 * r, y - 0.4 * r, 1.6 * r, 0.8 * r))  # hollow frame (odd-even)
    elif symbol == "destroyed":
        bar = QPainterPath()
        bar.addRect(QRectF(-1.35 * r, -0.3 * r, 2.7 * r, 0.6 * r))
        cross = QTransform().rotate(45).map(bar).united(QTransform().rotate(-45).map(bar))
        path = QTransform.fromTranslate(x, y).map(cross)
    elif symbol == "video":
        path.addRoundedRect(QRectF(x - 1.1 * r, y - 0.7 * r, 1.5 * r, 1.4 * r), 0.25 * r, 0.25 * r)
        path.moveTo(x + 0.45 * r, y)
        path.lineTo(x + 1.2 * r, y - 0.6 * r)
        path.lineTo(x + 1.2 * r, y + 0.6 * r)
        path.closeSubpath()
    else:
        path.addEllipse(c, r, r)
    return path


def draw_symbol(p: QPainter, kind: str, centre: QPointF, r: float, colour: str, alpha: float = 1.0) -> QRectF:
    """Draw the kind's symbol; returns its screen rectangle (for placing a label beside it)."""
    path = _path(symbol_for(kind), centre, r)
    halo = QPen(styles.qcolor(styles.HALO, alpha), max(1.5, r * 0.45))
    halo.setJoinStyle(Qt.RoundJoin)
    p.strokePath(path, halo)
    p.fillPath(path, styles.qcolor(colour, alpha))
    return path.boundingRect()
