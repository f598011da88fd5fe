"""Zone sprites: each zone's outline (and antialiased fill) kept as a small image for one view,
so scrubbing the timeline repaints thousands of zones by copying pixels.

Scrubbing keeps the view and changes the date. Most zone versions stay valid over many weeks,
so the versions a new date shows were mostly shown on some earlier date at this very view.
Rasterising them is what costs: 2,000 zones of the stress project took 25 ms of hairline
outlines (three passes each, see `styles.stroke`) and 35 ms of antialiased dashed-status fills
and hatches a frame, while copying 4,000 small images takes 4-8 ms.

A sheet belongs to one exact device mapping (the painter's world transform, device pixel ratio
and level of detail), so a sprite is rasterised exactly where the direct paint would put it, to
the device pixel, and copied there; sprites of a sheet live on a few large atlas pages. A
sprite is the same pixels as the direct paint up to the rounding of one extra compositing step
(a few levels of 255, at antialiased edges). What stays painted directly: aliased fills (cheap
already), zones too large on screen to be worth an image, and whatever no longer fits once the
sheet is full.
"""
from __future__ import annotations

import math
from typing import Callable, Iterable

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QImage, QPainter, QPen, QTransform

from desktop.model.lru import LRU

from desktop.render.paths import Shape

PAGE = 2048  # atlas page width, device pixels
PAGE_ROWS = (256, 1024, 2048, 2048)  # heights of a sheet's pages: 2, 8, 16 and 16 MiB, made as needed
NEW_PER_FRAME = 600  # sprites made per frame at most; more zones are painted directly meanwhile
OVERFLOW = 2000  # zones painted directly since the sheet filled up, before it is started afresh
MAX_SIDE = 192  # larger sprites are not worth an image: few zones are that big on screen
MARGIN = 3  # device pixels around a zone's box: the 1.6 px outline and antialiasing fit in it
MIN_ZONES = 200  # fewer zones on a date paint directly in a few ms (the full front: 37 zones)


class Sheet:
    """The sprites of one device mapping, on atlas pages filled shelf by shelf."""

    def __init__(self, dpr: float) -> None:
        self.dpr = dpr
        self.pages: list[QImage] = []
        self.layers: dict[tuple, dict[int, tuple]] = {}  # (kind, style) -> id(geometry) -> sprite
        self._x = self._y = self._shelf = 0
        self.full = False
        self.budget = NEW_PER_FRAME  # sprites still to be made this frame (see `sheet_for`)
        self.overflow = 0  # zones painted directly for want of room

    def layer(self, key: tuple) -> dict[int, tuple]:
        got = self.layers.get(key)
        if got is None:
            got = self.layers[key] = {}
        return got

    def place(self, w: int, h: int) -> tuple[int, int, int] | None:
        """(page, x, y) of a free w x h rectangle, or None once the pages are used up."""
        if self.full or self.budget <= 0:
            self.overflow += self.full
            return None
        if self._x + w + 1 > PAGE:  # next shelf
            self._x, self._y, self._shelf = 0, self._y + self._shelf + 1, 0
        while not self.pages or self._y + h + 1 > self.pages[-1].height():
            if len(self.pages) >= len(PAGE_ROWS):
                self.full = True
                self.overflow += 1
                return None
            page = QImage(PAGE, PAGE_ROWS[len(self.pages)], QImage.Format_ARGB32_Premultiplied)
            page.fill(Qt.transparent)
            page.setDevicePixelRatio(self.dpr)
            self.pages.append(page)
            self._x = self._y = self._shelf = 0
        self.budget -= 1
        at = (len(self.pages) - 1, self._x, self._y)
        self._x += w + 1  # one clear pixel between sprites
        self._shelf = max(self._shelf, h)
        return at


def device_ratio(p: QPainter) -> float:
    dev = p.device()
    try:
        return float(dev.devicePixelRatioF()) if dev is not None else 1.0
    except AttributeError:
        return 1.0


class Sheets:
    """The sheets of one project (kept in its render cache, so they go with it): at most two
    device mappings in turn (the canvas, and its zone layer image)."""

    def __init__(self) -> None:
        self._sheets = LRU(2)
        self._last: tuple | None = None  # (sheet key, date) of the last paint that could use one

    def sheets(self) -> list[Sheet]:
        return self._sheets.values()

    def clear(self) -> None:
        self._sheets.clear()
        self._last = None

    def sheet_for(self, p: QPainter, when, tol: float, frame: tuple[int, int, int, int]) -> Sheet | None:
        """The sheet for the painter's current mapping, made when a second date is painted
        with it (a scrub); None for the first paint of a mapping (a pan or zoom step is painted
        directly: its sprites would rarely be copied again) and for rotated mappings."""
        world = p.transform()
        # (Comparing QTransform.type() with an enum member crashes PySide6 6.11: test the terms.)
        if world.m12() or world.m21() or world.m13() or world.m23():
            return None
        dpr = device_ratio(p)
        key = (world.m11(), world.m22(), world.dx(), world.dy(), dpr, tol, frame)
        sheet = self._sheets.get(key)
        last, self._last = self._last, (key, when)
        if sheet is not None and sheet.overflow > OVERFLOW:
            sheet = None  # full of versions no longer shown, most likely: start afresh
        if sheet is None and last is not None and last[0] == key and last[1] != when:
            sheet = self._sheets.put(key, Sheet(dpr))
        if sheet is not None:
            # Making a sprite costs more than painting the zone: a frame full of new versions
            # (the first scrub step) is mostly painted directly, and the sheet fills over a few.
            sheet.budget = NEW_PER_FRAME
        return sheet


def device_boxes(world: QTransform, dpr: float, boxes: np.ndarray) -> np.ndarray:
    """Sprite rectangles (x, y, w, h), in device pixels, of map boxes (x0, y0, x1, y1)."""
    sx, sy, dx, dy = world.m11() * dpr, world.m22() * dpr, world.dx() * dpr, world.dy() * dpr
    xa, xb = boxes[:, 0] * sx + dx, boxes[:, 2] * sx + dx
    ya, yb = boxes[:, 1] * sy + dy, boxes[:, 3] * sy + dy
    m = math.ceil(MARGIN * dpr)
    x0 = np.floor(np.minimum(xa, xb)) - m
    y0 = np.floor(np.minimum(ya, yb)) - m
    x1 = np.ceil(np.maximum(xa, xb)) + m
    y1 = np.ceil(np.maximum(ya, yb)) + m
    return np.column_stack([x0, y0, x1 - x0, y1 - y0]).astype(np.int64)


def paint_layer(p: QPainter, sheet: Sheet, key: tuple, geoms: list, rects: list, frame: tuple[int, int, int, int],
                shapes: Callable[[list[int]], list[Shape]], draw: "Drawer") -> list[int]:
    """Copy the sprites of the zones with source geometries `geoms` (their identity keys the
    sprites; `rects` their device rectangles, see `device_boxes`) onto the painter. Missing
    sprites are made with `draw(painter, [(shape, world transform, clip), ...])`; `shapes(i)`
    gives the shapes of the zones at indices `i` (asked once, for the misses only). Returns
    the indices of the zones left for the caller to draw directly: too big, no room or no
    budget left for a sprite, or crossing the frame's edge.

    `frame`: the frame's device rectangle (x, y, w, h). Zones crossing its edge are always
    left to the direct paint: Qt's cosmetic stroker clips lines to the paint device's bounds and does not
    advance a dash pattern along the clipped-off part, so a dashed ring leaving the device
    comes back in with its dashes shifted, which a sprite (on a page, unclipped) cannot know."""
    layer = sheet.layer(key)
    world = p.transform()
    dpr = sheet.dpr
    hits: list[tuple] = []
    todo: list[tuple] = []  # (index, page or None, offset x, offset y)
    fx, fy, fw, fh = frame
    get = layer.get
    side = MAX_SIDE * dpr
    for i, (g, r) in enumerate(zip(geoms, rects)):
        got = get(id(g))
        if got is not None and got[0] is g:
            hits.append(got)
            continue
        w, h = r[2], r[3]
        inside = r[0] >= fx and r[1] >= fy and r[0] + w <= fx + fw and r[1] + h <= fy + fh
        at = sheet.place(w, h) if inside and w <= side and h <= side else None
        if at is None:
            todo.append((i, None, 0, 0))
            continue
        page, x, y = at
        sprite = layer[id(g)] = (g, page, QPointF(r[0] / dpr, r[1] / dpr), QRectF(x, y, w, h))
        hits.append(sprite)
        todo.append((i, page, x - r[0], y - r[1]))
    new = [t for t in todo if t[1] is not None]
    made = shapes([t[0] for t in new]) if new else []
    batches: dict[int, list] = {}
    for (_, page, ox, oy), sh in zip(new, made):
        # The world mapping moved by whole device pixels: the sprite's pixels are the direct
        # paint's, shifted onto the page.
        batches.setdefault(page, []).append((sh, world * QTransform.fromTranslate(ox / dpr, oy / dpr)))
    for page, items in batches.items():
        q = QPainter(sheet.pages[page])
        q.setRenderHints(p.renderHints())
        draw(q, items)
        q.end()
    p.setTransform(QTransform())
    pages = sheet.pages
    image = p.drawImage
    for _, page, at, src in hits:
        image(at, pages[page], src)
    p.setTransform(world)
    return [t[0] for t in todo if t[1] is None]


Drawer = Callable[[QPainter, list[tuple[Shape, QTransform]]], None]


def _hairline_passes(pen: QPen) -> list[tuple[QPen, float, float]]:
    """(pen, dx, dy) of the strokes `styles.stroke` draws for `pen`: one, or three 1 px
    cosmetic strokes shifted across and down by the extra width (the same arithmetic)."""
    w = pen.widthF()
    if not pen.isCosmetic() or w <= 1.05:
        return [(pen, 0.0, 0.0)]
    thin = QPen(pen)
    thin.setWidthF(1.0)
    if pen.style() == Qt.CustomDashLine:
        thin.setDashPattern([d * w for d in pen.dashPattern()])
    extra = min(w - 1.0, 1.5)
    return [(thin, 0.0, 0.0), (thin, extra, 0.0), (thin, 0.0, extra)]


def zone_drawer(brushes: Iterable[QBrush | None], aliased: bool, pen: QPen) -> Drawer:
    """Draws zones as the status pass draws them: fills (colour, hatch, cross; aliased when
    `aliased`) of all, then their outlines as `styles.stroke` draws them (each ring as a
    polyline: the same segments as the ring's sub-path).

    A sprite holds a zone's fills and outline, while the direct paint fills every zone of a
    status before outlining any: the same pixels, since every layer of a status is the
    status's colour, and "over" of one colour gives the same colour whatever the order."""
    brushes = [b for b in brushes if b is not None]
    passes = _hairline_passes(pen)
    rule = Qt.WindingFill  # looked up once: enum attribute access is slow in PySide6
    aa = QPainter.Antialiasing

    def draw(q: QPainter, items: list[tuple[Shape, QTransform]]) -> None:
        q.setPen(Qt.NoPen)
        if aliased:
            q.setRenderHint(aa, False)
        for brush in brushes:
            q.setBrush(brush)
            polygon = q.drawPolygon
            for sh, t in items:
                q.setTransform(t)
                if sh.polygons is None:
                    q.fillPath(sh.path, brush)
                elif sh.simple:
                    for poly in sh.polygons:
                        polygon(poly)
                else:
                    for poly in sh.polygons:
                        polygon(poly, rule)
        if aliased:
            q.setRenderHint(aa, True)
        q.setBrush(Qt.NoBrush)
        for thin, dx, dy in passes:
            q.setPen(thin)
            shift = QTransform.fromTranslate(dx, dy) if dx or dy else None
            polyline = q.drawPolyline
            for sh, t in items:
                q.setTransform(t * shift if shift is not None else t)
                if sh.polygons is None:
                    q.strokePath(sh.path, thin)
                else:
                    for poly in sh.polygons:
                        polyline(poly)
    return draw


__all__ = ["Sheet", "Sheets", "device_ratio", "device_boxes", "paint_layer", "zone_drawer"]
