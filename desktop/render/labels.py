"""Place names: which show at this zoom, where, and never two overlapping.

Candidates are taken in priority order (bigger places first) and each is kept only if its box
(with a little margin) meets no box already placed: greedy, like most web maps, and stable
while panning because the order never depends on the view. Text is drawn as a cached glyph
path with a white halo so it reads over zones and roads alike; in SVG and PDF files it is text
over a vector halo (see `vector_device`). At scale 1 (the canvas, 1080p exports) the sprites come
ready-made from resources/basemap/label_sprites.npz (see `_shipped_sprite`).
"""
from __future__ import annotations

import json
import math
import sys
import zlib

import numpy as np

from PySide6.QtCore import QPointF, QRectF, Qt, qVersion
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen

from desktop.model.lru import LRU

from desktop.render import styles
from desktop.render.basemap import BASEMAP_DIR, Label, basemap_data
from desktop.render.fonts import FONT_DIR, FONT_FILES, map_font, outline_font
from desktop.render.projection import MapView

DOTS_ABOVE = 450.0  # resolution above which town outlines are hidden: mark places with a dot


def _visible(lb: Label, res: float) -> bool:
    k, pop = lb.kind, lb.population
    if k == "country":
        return res >= 150
    if k == "oblast":
        return res >= 120
    if k == "water":
        return 100 <= res <= 2500
    if k == "city":
        return res <= (2600 if pop >= 400_000 else 1400 if pop >= 100_000 else 500)
    # towns
    return res <= (700 if pop >= 50_000 else 300 if pop >= 10_000 else 110)


def _priority(lb: Label) -> tuple:
    tier = {"city": 0, "oblast": 2, "town": 1, "country": 3, "water": 4}[lb.kind]
    if lb.kind == "town" and lb.population < 10_000:
        tier = 2.5
    return (tier, -lb.population, lb.text)


def _look(lb: Label) -> tuple[float, bool, str, bool]:
    """(pixel size, bold, colour, upper case)."""
    if lb.kind == "country":
        return 13.0, True, styles.LABEL_SOFT, True
    if lb.kind == "oblast":
        return 12.0, False, styles.LABEL_SOFT, False
    if lb.kind == "water":
        return 11.0, False, styles.LABEL_WATER, False
    if lb.kind == "city" or lb.population >= 50_000:
        return 13.5, True, styles.LABEL, False
    return (11.5 if lb.population >= 10_000 else 10.5), False, styles.LABEL, False


_ORDERED: list[Label] | None = None
_BOXES: dict[tuple[str, float, bool], QRectF] = {}
_GLYPHS: dict[tuple[str, float, bool], QPainterPath] = {}
_FONTS: dict[tuple[float, bool], tuple[QFont, QFontMetricsF]] = {}
_OUTLINE_FONTS: dict[tuple[float, bool], QFont] = {}


def _font(size: float, bold: bool) -> tuple[QFont, QFontMetricsF]:
    """The map font at this size and its metrics, made once: a QFont and its metrics per label
    cost ~25 us, a third of placing the ~100 labels of a first frame. (Labels are painted on
    one thread: Qt's FreeType faces are shared between font engines, and two threads drawing
    text at once were seen to change each other's glyphs.)"""
    key = (size, bold)
    got = _FONTS.get(key)
    if got is None:
        f = map_font(size, bold)
        got = _FONTS[key] = (f, QFontMetricsF(f))
    return got


def _text_box(text: str, size: float, bold: bool) -> QRectF:
    """The text's box about its baseline origin, from the font's metrics: placement tests
    hundreds of candidates, and building their glyph paths (addText) cost ~0.07 ms each."""
    key = (text, size, bold)
    r = _BOXES.get(key)
    if r is None:
        fm = _font(size, bold)[1]
        r = _BOXES[key] = QRectF(0, -fm.ascent(), fm.horizontalAdvance(text), fm.ascent() + fm.descent())
    return r


def _glyphs(text: str, size: float, bold: bool) -> tuple[QPainterPath, QRectF]:
    """The label's glyph outlines about its baseline origin, from the outline font: the same
    whatever text was drawn before (see fonts.py)."""
    key = (text, size, bold)
    path = _GLYPHS.get(key)
    if path is None:
        path = QPainterPath()
        font = _OUTLINE_FONTS.get((size, bold))
        if font is None:
            font = _OUTLINE_FONTS[(size, bold)] = outline_font(size, bold)
        path.addText(0, 0, font, text)
        _GLYPHS[key] = path
    return path, _text_box(text, size, bold)


_PLACED = LRU(16)
_CELL = 128.0  # px: placed boxes are bucketed so a candidate is tested against its neighbours only


def place_labels(view: MapView, scale: float = 1.0) -> list[tuple[Label, QPointF, QRectF, bool]]:
    """(label, baseline origin, box, with dot) for the labels shown in this view (cached per
    view: the replay, the marks and a timeline scrub ask again for the same view)."""
    key = (view.fitted, view.width, view.height, scale)
    got = _PLACED.get(key)
    if got is None:
        got = _PLACED.put(key, _place(view, scale))
    return got


def _place(view: MapView, scale: float) -> list[tuple[Label, QPointF, QRectF, bool]]:
    global _ORDERED
    if _ORDERED is None:
        _ORDERED = sorted(basemap_data().labels, key=_priority)
    res = view.resolution
    dots = res >= DOTS_ABOVE
    x0, _, _, y1 = view.fitted
    placed: dict[tuple[int, int], list[QRectF]] = {}
    out = []
    w, h = view.width, view.height
    for lb in _ORDERED:
        if not _visible(lb, res):
            continue
        px, py = (lb.x - x0) / res, (y1 - lb.y) / res  # view.to_px, without its per-call setup
        if px < -200 or py < -50 or px > w + 200 or py > h + 50:
            continue
        size, bold, _, upper = _look(lb)
        r = _text_box(lb.text.upper() if upper else lb.text, size * scale, bold)
        dot = dots and lb.kind in ("city", "town")
        if dot:
            ox, oy = px + 5 * scale, py + r.height() / 2 - (r.bottom())
        else:
            ox, oy = px - r.width() / 2, py + r.height() / 2 - r.bottom()
        box = r.translated(ox, oy).adjusted(-3 * scale, -2 * scale, 3 * scale, 2 * scale)
        if dot:
            box = box.united(QRectF(px - 3 * scale, py - 3 * scale, 6 * scale, 6 * scale))
        if box.right() < 0 or box.bottom() < 0 or box.left() > w or box.top() > h:
            continue
        cells = [(i, j) for i in range(math.floor(box.left() / _CELL), math.floor(box.right() / _CELL) + 1)
                 for j in range(math.floor(box.top() / _CELL), math.floor(box.bottom() / _CELL) + 1)]
        if any(box.intersects(b) for c in cells for b in placed.get(c, ())):
            continue
        for c in cells:
            placed.setdefault(c, []).append(box)
        out.append((lb, QPointF(ox, oy), box, dot))
    return out


_SPRITES: dict[tuple, tuple[QImage, QPointF]] = {}


_HALO_STEPS = 16  # copies of the text around a circle: at a 1.5 px radius, no gaps show


def _sprite(text: str, size: float, bold: bool, colour: str, scale: float) -> tuple[QImage, QPointF]:
    """The label with its halo, rendered once into a small image (and its baseline origin in it).

    The halo is the text drawn in white at 16 offsets around a circle of the halo's radius (the
    glyph outline dilated, as a 3 px round-joined stroke of it would be), all opaque, then the
    whole faded to the halo's alpha before the text goes on top. Stroking the glyph outlines
    cost ~0.5-1 ms a label (the general stroker and a winding fill of its overlapping output),
    ~60 ms on the first frame of a process; text copies come from Qt's glyph cache (~0.2 ms).
    Blitting a cached sprite costs microseconds, so labels never dominate a repaint.
    """
    key = (text, size, bold, colour, scale)
    got = _SPRITES.get(key)
    if got is None:
        got = _keep_sprite(key, (scale == 1.0 and _shipped_sprite(key[:4])) or _make_sprite(*key))
    return got


SPRITES_FILE = BASEMAP_DIR / "label_sprites.npz"
_shipped: dict | None = None


def sprite_fingerprint() -> dict:
    """What a shipped sprite's pixels depend on besides the label: Qt's rasteriser, the
    platform's font engine (FreeType here; others hint glyphs differently) and the bundled font
    files (their sizes: a changed font is a new file)."""
    return {"qt": qVersion(), "platform": sys.platform, "fonts": [(FONT_DIR / n).stat().st_size for n in FONT_FILES],
            "scale": 1.0}


def _shipped_sprite(key: tuple) -> tuple[QImage, QPointF] | None:
    """The label's sprite from resources/basemap/label_sprites.npz (built with `_make_sprite`
    by build_label_sprites.py), if it holds this label and was made with this Qt and font."""
    global _shipped
    if _shipped is None:
        _shipped = {}
        try:
            npz = np.load(SPRITES_FILE)
            if json.loads(str(npz["meta"])) == json.loads(json.dumps(sprite_fingerprint())):
                keys = [tuple(k) for k in json.loads(str(npz["keys"]))]
                _shipped = {"index": {k: i for i, k in enumerate(keys)}, "dims": npz["dims"],
                            "origins": npz["origins"], "offsets": npz["offsets"], "blob": npz["blob"]}
        except (OSError, KeyError, ValueError):
            pass
    i = _shipped.get("index", {}).get(key) if _shipped else None
    if i is None:
        return None
    (w, h), (ox, oy) = _shipped["dims"][i], _shipped["origins"][i]
    a, b = _shipped["offsets"][i], _shipped["offsets"][i + 1]
    raw = zlib.decompress(_shipped["blob"][a:b])
    # copy(): the image owns its pixels (the bytes object would otherwise have to outlive it).
    img = QImage(raw, int(w), int(h), int(w) * 4, QImage.Format_ARGB32_Premultiplied).copy()
    return img, QPointF(float(ox), float(oy))


def _keep_sprite(key: tuple, sprite: tuple[QImage, QPointF]) -> tuple[QImage, QPointF]:
    if len(_SPRITES) > 4000:
        _SPRITES.clear()
    _SPRITES[key] = sprite
    return sprite


def _make_sprite(text: str, size: float, bold: bool, colour: str, scale: float) -> tuple[QImage, QPointF]:
    path, rect = _glyphs(text, size, bold)
    m = math.ceil(3 * scale) + 1
    img = QImage(math.ceil(rect.width()) + 2 * m, math.ceil(rect.height()) + 2 * m,
                 QImage.Format_ARGB32_Premultiplied)
    img.fill(Qt.transparent)
    origin = QPointF(m - rect.left(), m - rect.top())
    q = QPainter(img)
    q.setRenderHint(QPainter.Antialiasing)
    q.setRenderHint(QPainter.TextAntialiasing)
    q.setFont(_font(size, bold)[0])
    q.setPen(styles.qcolor(styles.HALO))
    radius = 1.5 * scale
    ox, oy = origin.x(), origin.y()
    for k in range(_HALO_STEPS):
        a = 2 * math.pi * k / _HALO_STEPS
        q.drawText(QPointF(ox + radius * math.cos(a), oy + radius * math.sin(a)), text)
    q.setCompositionMode(QPainter.CompositionMode_DestinationIn)
    q.fillRect(img.rect(), styles.qcolor(styles.HALO, 0.92))
    q.setCompositionMode(QPainter.CompositionMode_SourceOver)
    q.fillPath(path.translated(origin), QBrush(styles.qcolor(colour)))
    q.end()
    return img, origin


_RASTER_DEVICES = (1, 2, 3)  # QInternal: widget, pixmap, image (SVG, PDF and pictures get text)


def vector_device(p: QPainter) -> bool:
    """Whether `p` paints into a vector file (QSvgGenerator, QPdfWriter) or a picture, where a
    label must stay text (selectable, searchable, editable in Inkscape), not a sprite image."""
    dev = p.device()
    return dev is not None and dev.devType() not in _RASTER_DEVICES


def _paint_text(p: QPainter, text: str, size: float, bold: bool, colour: str, origin: QPointF,
                scale: float) -> None:
    """A label as text over a vector halo: the glyph outlines stroked with a round-joined pen
    as wide as the sprite's halo circle (the same dilation, at its alpha), then `drawText`, so
    the file holds the name itself. Plain text: names come from the basemap's data."""
    path = _glyphs(text, size, bold)[0]
    halo = QPen(styles.qcolor(styles.HALO, 0.92), 2 * 1.5 * scale, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)
    p.strokePath(path.translated(origin), halo)
    p.setFont(_font(size, bold)[0])
    p.setPen(styles.qcolor(colour))
    p.drawText(origin, text)


def paint_labels(p: QPainter, view: MapView, scale: float = 1.0) -> None:
    """Paint labels in screen space (`p` without a world transform): as cached sprites on
    raster devices, as text on vector ones (see `vector_device`)."""
    vector = vector_device(p)
    halo = styles.pen(styles.HALO, 1.5 * scale)
    brushes: dict[str, QBrush] = {}
    x0, _, _, y1 = view.fitted
    res = view.resolution
    r = 2.6 * scale
    for lb, origin, _, dot in place_labels(view, scale):
        size, bold, colour, upper = _look(lb)
        if dot:
            brush = brushes.get(colour)
            if brush is None:
                brush = brushes[colour] = QBrush(styles.qcolor(colour))
            p.setPen(halo)
            p.setBrush(brush)
            p.drawEllipse(QPointF((lb.x - x0) / res, (y1 - lb.y) / res), r, r)
        text = lb.text.upper() if upper else lb.text
        if vector:
            _paint_text(p, text, size * scale, bold, colour, origin, scale)
            continue
        img, o = _sprite(text, size * scale, bold, colour, scale)
        # Whole pixels: a sprite drawn at a fraction would be resampled and blur.
        p.drawImage(QPointF(round(origin.x() - o.x()), round(origin.y() - o.y())), img)
