"""Looks: the zone styles from the legend and the quiet topographic basemap palette (DESIGN.md).

Pens are cosmetic (widths and dashes in screen pixels whatever the zoom), and pattern brushes
(hatch, cross, stipple; the rows of gains and losses) are pinned to the device (`device_brush`),
so a pattern looks the same at every scale and in every export.

Every status reads against the basemap (`ink`, `pattern_of`: a pale status is stippled and
outlined darker), and gains and losses have one look each, in a pattern no status uses.
"""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QTransform

from desktop.model.legend import Status

from desktop.render.colour_difference import rgb_difference

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


@lru_cache(maxsize=64)
def _stipple_image(rgba: int, spacing: int, radius: float) -> QImage:
    """A tile with a dot at its centre and a quarter dot in each corner: tiled, dots on a 45°
    lattice (rows offset by half a step), which reads as an even grey stipple."""
    img = QImage(spacing, spacing, QImage.Format_ARGB32_Premultiplied)
    img.fill(Qt.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(Qt.NoPen)
    p.setBrush(QBrush(QColor.fromRgba(rgba)))
    s = float(spacing)
    for cx, cy in ((s / 2, s / 2), (0, 0), (s, 0), (0, s), (s, s)):
        p.drawEllipse(QPointF(cx, cy), radius, radius)
    p.end()
    return img


def stipple_brush(colour: str | QColor, alpha: float = 0.9, spacing: int = 6, radius: float = 1.35) -> QBrush:
    c = colour if isinstance(colour, QColor) else qcolor(colour, alpha)
    return QBrush(_stipple_image(c.rgba(), spacing, radius))


@lru_cache(maxsize=16)
def _rows_image(rgba: int, spacing: int, width: float, dash: int) -> QImage:
    """A tile with one horizontal line at its middle (broken into dashes of `dash` pixels with
    equal gaps when `dash`): tiled, horizontal rows. Solid and dashed rows of one spacing lie on
    the same pixels, so one drawn over the other is still one pattern."""
    img = QImage(spacing if not dash else 2 * dash, spacing, QImage.Format_ARGB32_Premultiplied)
    img.fill(Qt.transparent)
    p = QPainter(img)
    y = spacing / 2
    if dash:
        p.fillRect(QRectF(0, y - width / 2, dash, width), QColor.fromRgba(rgba))
    else:
        p.fillRect(QRectF(0, y - width / 2, img.width(), width), QColor.fromRgba(rgba))
    p.end()
    return img


def device_brush(brush: QBrush, world: QTransform) -> QBrush:
    """The brush with its pattern pinned to device pixels rather than to map metres."""
    if brush.style() in (Qt.TexturePattern,):
        b = QBrush(brush)
        inv, ok = world.inverted()
        if ok:
            b.setTransform(inv)
        return b
    return brush


# Every status reads against the basemap (issue #15): its outline differs from the town fill
# and the land by at least LINE_READS (CIEDE2000), and its fill (over the town fill) by at least
# FILL_READS. A status whose own colour falls short as a line is outlined in a darker "ink" of
# its colour (INK_READS from both grounds: a strong line, as DeepState's grey zone has) and
# wider; one whose plain fill falls short gets a stipple of that ink, unless it has a pattern of
# its own. The thresholds measured on renders are 25 and 10
# (tests/render/test_status_contrast.py); these leave a margin.
LINE_READS = 28.0
INK_READS = 42.0
FILL_READS = 13.0


def _difference(a: QColor, b: QColor) -> float:
    return float(rgb_difference((a.red(), a.green(), a.blue()), (b.red(), b.green(), b.blue())))


def _over(c: QColor, alpha: float, under: QColor) -> QColor:
    return QColor(*(round(alpha * x + (1 - alpha) * y) for x, y in
                    ((c.red(), under.red()), (c.green(), under.green()), (c.blue(), under.blue()))))


@lru_cache(maxsize=256)
def ink(colour: str) -> str:
    """`colour`, or a darker shade of it (same hue and saturation) that reads as a line against
    the town fill and the land: a pale status's outline and pattern colour."""
    c = QColor(colour)
    grounds = (QColor(TOWN_FILL), QColor(LAND))
    if min(_difference(c, g) for g in grounds) >= LINE_READS:
        return c.name()
    h, s, lightness, _ = c.getHslF()
    while lightness > 0.05 and min(_difference(c, g) for g in grounds) < INK_READS:
        lightness -= 0.02
        c = QColor.fromHslF(max(h, 0.0), s, lightness)
    return c.name()


def _same_lightness(colour: str, line: str, alpha: float) -> float:
    """The opacity of `line` that darkens the town fill as much as `colour` at `alpha` does."""
    g, c, i = (sum(QColor(x).getRgb()[:3]) / 3 for x in (TOWN_FILL, colour, line))
    return max(0.0, min(1.0, alpha * (g - c) / (g - i))) if g != i else alpha


@lru_cache(maxsize=256)
def pattern_of(colour: str, fill_opacity: float, hatch: str) -> str:
    """The pattern a status is drawn with: its own, else a stipple when it is pale (its colour
    does not read as a line) and its plain fill would not read against the town fill either
    (a stored legend's grey zone; a claim whose outline reads stays an outline)."""
    if hatch:
        return hatch
    if ink(colour) == QColor(colour).name():
        return ""
    town = QColor(TOWN_FILL)
    if _difference(_over(QColor(colour), fill_opacity, town), town) < FILL_READS:
        return "stipple"
    return ""


class ZoneStyle:
    """How one legend status is painted: fill, optional pattern (hatch, cross or stipple),
    outline. The zones of the map and the legend's swatches are both painted from it (see
    `zones.paint_zone_swatch`)."""

    def __init__(self, status: Status, opacity: float = 1.0) -> None:
        self.status = status
        line = ink(status.colour)
        pale = line != QColor(status.colour).name()  # its own colour does not read: darker, wider lines
        self.pattern = pattern_of(status.colour, status.fill_opacity, status.hatch)
        # Every layer of a status (fill, pattern, outline) is one colour, so zones of a status
        # look the same whatever order their layers are drawn in (sprites.zone_drawer): a pale
        # status's fill is its ink, thinner, to the same lightness over the town fill.
        fill = status.fill_opacity if not pale else _same_lightness(status.colour, line, status.fill_opacity)
        self.fill = QBrush(qcolor(line, fill * opacity))
        self.hatch: QBrush | None = None
        self.cross: QBrush | None = None
        if self.pattern == "stipple":
            self.hatch = stipple_brush(line, opacity)
        elif self.pattern in ("diagonal", "cross"):
            self.hatch = hatch_brush(line, 0.85 * opacity, 1 if self.pattern != "cross" else -1)
            if self.pattern == "cross":
                self.cross = hatch_brush(line, 0.85 * opacity, -1)
        dash = (6.0, 4.0) if status.dashed else ()
        self.outline = pen(line, 2.2 if pale else 1.6, alpha=min(1.0, 0.95 * opacity), dash=dash)

    def brushes(self, world: QTransform) -> tuple[QBrush, QBrush | None, QBrush | None]:
        """(fill, pattern, cross pattern), the patterns pinned to device pixels under `world`."""
        return (self.fill, device_brush(self.hatch, world) if self.hatch is not None else None,
                device_brush(self.cross, world) if self.cross is not None else None)


# Gains and losses since the previous step: one look each, whatever the status (the zone's own
# fill and pattern under it tell which status), in rows, a pattern no status uses. Gained: solid
# rows and a solid outline; lost: broken rows on the same pixels and a dashed outline, so where
# one status's loss is another's gain the pixel still carries one change pattern.
CHANGE_INK = "#1f2933"
CHANGE_ROWS = 6  # pixels between rows


def gain_brush(colour: str = CHANGE_INK) -> QBrush:
    return QBrush(_rows_image(qcolor(colour, 0.6).rgba(), CHANGE_ROWS, 1.0, 0))


def loss_brush(colour: str = CHANGE_INK) -> QBrush:
    return QBrush(_rows_image(qcolor(colour, 0.6).rgba(), CHANGE_ROWS, 1.0, 3))


def gain_pen(colour: str = CHANGE_INK) -> QPen:
    return pen(colour, 1.8)


def loss_pen(colour: str = CHANGE_INK) -> QPen:
    return pen(colour, 1.6, dash=(5.0, 3.0))


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
