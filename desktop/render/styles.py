"""Looks: the zone styles from the legend and the quiet topographic basemap palette (DESIGN.md).

Pens are cosmetic (widths and dashes in screen pixels whatever the zoom), and hatch brushes are
pinned to the device (`device_brush`), so a hatch looks the same at every scale and in every
export.
"""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QTransform

from desktop.model.legend import Status

LAND = "#f2efe9"
LAND_OTHER = "#e7e3dc"  # neighbouring countries, a shade darker so Ukraine reads as the subject
WATER = "#aad3df"
RIVER = "#8fc3d6"
TOWN_FILL = "#e8e3da"
TOWN_LINE = "#cdc6bb"
ROAD_FILL = "#ffffff"
ROAD_CASING = "#bdb6ab"
RAIL = "#707070"
COUNTRY_LINE = "#8f8880"
OBLAST_LINE = "#a8a19a"
RAION_LINE = "#cbc5bd"
HROMADA_LINE = "#d9d3cb"
LABEL = "#333333"
LABEL_SOFT = "#6f6a64"
LABEL_WATER = "#3f7896"
HALO = "#ffffff"
SELECTION = "#1565c0"
OBSERVATION = "#263238"
CHROME_TEXT = "#212121"
CHROME_PANEL = QColor(255, 255, 255, 225)


def qcolor(hex_: str, alpha: float = 1.0) -> QColor:
    c = QColor(hex_)
    c.setAlphaF(max(0.0, min(1.0, alpha)))
    return c


def pen(colour: str | QColor, width: float, *, alpha: float = 1.0, dash: tuple[float, ...] = (),
        cap: Qt.PenCapStyle = Qt.RoundCap) -> QPen:
    c = colour if isinstance(colour, QColor) else qcolor(colour, alpha)
    p = QPen(c, width)
    p.setCosmetic(True)
    p.setCapStyle(cap)
    p.setJoinStyle(Qt.RoundJoin)
    if dash:
        # Qt's dash lengths are in pen widths; ours are in pixels.
        p.setDashPattern([d / max(width, 0.1) for d in dash])
    return p


@lru_cache(maxsize=64)
def _hatch_image(rgba: int, direction: int, spacing: int, width: float) -> QImage:
    """A tile with one diagonal line; tiled, it gives seamless 45° hatching."""
    img = QImage(spacing, spacing, QImage.Format_ARGB32_Premultiplied)
    img.fill(Qt.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(QPen(QColor.fromRgba(rgba), width))
    s = float(spacing)
    # The line and its two neighbouring copies, so the corners join up across tiles.
    for off in (-s, 0.0, s):
        if direction > 0:
            p.drawLine(QPointF(off, s), QPointF(off + s, 0))
        else:
            p.drawLine(QPointF(off, 0), QPointF(off + s, s))
    p.end()
    return img


def hatch_brush(colour: str | QColor, alpha: float = 0.9, direction: int = 1, spacing: int = 8,
                width: float = 1.4) -> QBrush:
    c = colour if isinstance(colour, QColor) else qcolor(colour, alpha)
    return QBrush(_hatch_image(c.rgba(), direction, spacing, width))


def device_brush(brush: QBrush, world: QTransform) -> QBrush:
    """The brush with its pattern pinned to device pixels rather than to map metres."""
    if brush.style() in (Qt.TexturePattern,):
        b = QBrush(brush)
        inv, ok = world.inverted()
        if ok:
            b.setTransform(inv)
        return b
    return brush


class ZoneStyle:
    """How one legend status is painted: fill, optional hatch, outline."""

    def __init__(self, status: Status, opacity: float = 1.0) -> None:
        self.status = status
        self.fill = QBrush(qcolor(status.colour, status.fill_opacity * opacity))
        self.hatch = hatch_brush(status.colour, 0.85 * opacity, 1 if status.hatch != "cross" else -1) \
            if status.hatch else None
        self.cross = hatch_brush(status.colour, 0.85 * opacity, -1) if status.hatch == "cross" else None
        dash = (6.0, 4.0) if status.dashed else ()
        self.outline = pen(status.colour, 1.6, alpha=min(1.0, 0.95 * opacity), dash=dash)


def gain_brush(colour: str) -> QBrush:
    return hatch_brush(colour, 0.95, 1, 7, 1.6)


def loss_brush(colour: str) -> QBrush:
    return hatch_brush(colour, 0.75, -1, 7, 1.6)


def stroke(p: QPainter, path, pn: QPen) -> None:
    """Stroke `path`; a cosmetic pen wider than 1 px is drawn as three 1 px strokes shifted by
    the extra width across and down.

    Qt's raster engine has a fast path for 1 px cosmetic lines (0.2 ms for a 1,400-vertex front
    line at 1080p) while any wider pen goes through the general stroker (6-15 ms), which alone
    would blow the 16 ms frame budget. Three shifted hairlines look the same at these widths.
    """
    w = pn.widthF()
    if not pn.isCosmetic() or w <= 1.05:
        p.strokePath(path, pn)
        return
    thin = QPen(pn)
    thin.setWidthF(1.0)
    if pn.style() == Qt.CustomDashLine:
        thin.setDashPattern([d * w for d in pn.dashPattern()])  # keep dash lengths in pixels
    extra = min(w - 1.0, 1.5)
    world = p.transform()
    for dx, dy in ((0.0, 0.0), (extra, 0.0), (0.0, extra)):
        if dx or dy:
            p.setTransform(world * QTransform.fromTranslate(dx, dy))
        p.strokePath(path, thin)
    p.setTransform(world)
