"""Map furniture in screen space: title and date caption, legend, scale bar, north arrow,
attribution and captions. All text is drawn with `drawText` (plain text, never markup): titles
and captions come from project files and quotes."""
from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from typing import Callable, Hashable

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QImage, QPainter, QPainterPath, QPolygonF, QTransform

from desktop.model.credits import own_labels
from desktop.model.legend import Status, unknown_status
from desktop.model.lru import LRU
from desktop.model.timeline import CAPTION_LINES
from desktop.model.stance import colour as stance_colour, stance_of, symbol as stance_symbol

from desktop.render import styles
from desktop.render.basemap import ATTRIBUTION
from desktop.render.fonts import map_font, outline_font
from desktop.render.gains import GAIN, LOSS, paint_change_swatch
from desktop.render.marks import paint_legend_badge
from desktop.render.projection import MapView
from desktop.render.spec import Chrome
from desktop.render.zones import paint_zone_swatch


def nice_distance(metres: float) -> float:
    """The largest 1, 2 or 5 x 10^k metres not above `metres`."""
    if metres <= 0:
        return 0.0
    k = 10 ** math.floor(math.log10(metres))
    for m in (5, 2, 1):
        if m * k <= metres:
            return m * k
    return k


def distance_text(metres: float) -> str:
    return f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"


_PANELS: dict[tuple, QImage] = {}
_RASTER_DEVICES = (1, 2, 3)  # QInternal: widget, pixmap, image (SVG and PDF stay vector)


def _draw_panel(p: QPainter, rect: QRectF, s: float) -> None:
    p.setPen(styles.pen("#9e9e9e", 1.0, alpha=0.6))
    p.setBrush(QBrush(styles.CHROME_PANEL))
    p.drawRoundedRect(rect, 4 * s, 4 * s)


def _panel(p: QPainter, rect: QRectF, s: float) -> None:
    """A translucent rounded panel, from an image cached per size and sub-pixel offset: a replay
    draws the same few panels on every frame, and the antialiased rounded outline and fill cost
    ~0.2 ms each at 1080p. Only on raster devices at 1:1 pixels under a plain translation (else
    drawn directly: SVG and PDF keep vector panels)."""
    t = p.transform()
    dev = p.device()
    if (t.type() not in (QTransform.TxNone, QTransform.TxTranslate) or dev is None
            or dev.devType() not in _RASTER_DEVICES or dev.devicePixelRatioF() != 1.0):
        _draw_panel(p, rect, s)
        return
    x, y = rect.left() + t.dx(), rect.top() + t.dy()
    ix, iy = math.floor(x), math.floor(y)
    key = (round(x - ix, 3), round(y - iy, 3), round(rect.width(), 3), round(rect.height(), 3), s)
    img = _PANELS.get(key)
    if img is None:
        img = QImage(math.ceil(rect.width()) + 4, math.ceil(rect.height()) + 4, QImage.Format_ARGB32_Premultiplied)
        img.fill(Qt.transparent)
        q = QPainter(img)
        q.setRenderHint(QPainter.Antialiasing)
        _draw_panel(q, QRectF(key[0] + 1, key[1] + 1, rect.width(), rect.height()), s)
        q.end()
        if len(_PANELS) > 64:
            _PANELS.clear()
        _PANELS[key] = img
    p.save()
    p.resetTransform()
    p.drawImage(QPointF(ix - 1, iy - 1), img)
    p.restore()


_PIECES = LRU(64)  # key -> (piece image, x0, y0, rect covered)


def cached_piece(p: QPainter, key: tuple[Hashable, ...], paint: Callable[[QPainter], QRectF]) -> QRectF:
    """`paint(p)`, which draws a piece of furniture and returns the rectangle it covers, copied
    from an image of that piece painted once per `key` (what the piece depends on besides the
    painter). A replay draws the same legend, scale bar, north arrow and attribution on every
    frame; painted, they cost ~0.5 ms a frame in text layout and antialiased outlines, copied
    a few microseconds. Only on raster devices at 1:1 pixels under a whole-pixel translation, at
    full opacity (else painted directly: SVG and PDF keep vector furniture). The painter's own clip
    applies when the piece is copied."""
    t = p.transform()
    dev = p.device()
    ox, oy = t.dx(), t.dy()
    if (t.type() not in (QTransform.TxNone, QTransform.TxTranslate) or ox != int(ox) or oy != int(oy)
            or dev is None or dev.devType() not in _RASTER_DEVICES or dev.devicePixelRatioF() != 1.0
            or p.opacity() != 1.0 or p.compositionMode() != QPainter.CompositionMode_SourceOver):
        # (A fractional offset would move hatch patterns by a pixel: Qt rounds a texture's
        # origin half away from zero, and the piece's origin is on the other side of zero.)
        return paint(p)
    ox, oy = int(ox), int(oy)
    full = key + (int(p.renderHints().value),)
    got = _PIECES.get(full)
    if got is None:
        # Where the piece goes: painted first onto one pixel (laid out, hardly drawn), then onto
        # an image of its own size (clearing a frame-sized one would cost more than the piece).
        probe = QImage(1, 1, QImage.Format_ARGB32_Premultiplied)
        q = QPainter(probe)
        try:
            q.setRenderHints(p.renderHints())
            rect = QRectF(paint(q))
        finally:
            q.end()
        m = 4  # pixels all round: antialiasing and pens reach a little past the rectangle
        x0, y0 = math.floor(rect.left()), math.floor(rect.top())
        w = max(1, math.ceil(rect.right()) - x0 + 2 * m)
        h = max(1, math.ceil(rect.bottom()) - y0 + 2 * m)
        piece = QImage(w, h, QImage.Format_ARGB32_Premultiplied)
        piece.fill(Qt.transparent)
        q = QPainter(piece)
        try:
            q.setRenderHints(p.renderHints())
            q.translate(m - x0, m - y0)
            paint(q)
        finally:
            q.end()
        got = _PIECES.put(full, (piece, x0 - m, y0 - m, rect))
    piece, x0, y0, rect = got
    p.save()
    p.resetTransform()
    p.drawImage(QPoint(ox + x0, oy + y0), piece)
    p.restore()
    return QRectF(rect)


def scale_bar_length(view: MapView, s: float) -> tuple[float, float]:
    """The scale bar's distance (m) and its length on screen (px): all of the view it shows."""
    gr = view.ground_resolution()
    metres = nice_distance(140 * s * gr)
    return (metres, metres / gr) if metres > 0 else (0.0, 0.0)


def paint_scale_bar(p: QPainter, view: MapView, s: float, left: float, bottom: float) -> QRectF:
    metres, length = scale_bar_length(view, s)
    if metres <= 0:
        return QRectF()
    font = map_font(11 * s)
    fm = QFontMetricsF(font)
    text = distance_text(metres)
    box = QRectF(left, bottom - 30 * s, length + fm.horizontalAdvance(text) + 22 * s, 30 * s)
    _panel(p, box, s)
    x0, y = left + 8 * s, bottom - 10 * s
    h = 5 * s
    p.setPen(styles.pen(styles.CHROME_TEXT, 1.0))
    p.setBrush(QBrush(styles.qcolor(styles.CHROME_TEXT)))
    p.drawRect(QRectF(x0, y - h, length / 2, h))
    p.setBrush(QBrush(styles.qcolor("#ffffff")))
    p.drawRect(QRectF(x0 + length / 2, y - h, length / 2, h))
    p.setFont(font)
    p.setPen(styles.qcolor(styles.CHROME_TEXT))
    p.drawText(QPointF(x0 + length + 6 * s, y), text)
    return box


def paint_north_arrow(p: QPainter, s: float, cx: float, top: float) -> QRectF:
    w, h = 18 * s, 26 * s
    base = top + 16 * s
    p.setPen(styles.pen(styles.CHROME_TEXT, 1.0))
    p.setBrush(QBrush(styles.qcolor(styles.CHROME_TEXT)))
    p.drawPolygon(QPolygonF([QPointF(cx, base), QPointF(cx - w / 2, base + h), QPointF(cx, base + h * 0.72)]))
    p.setBrush(QBrush(styles.qcolor("#ffffff")))
    p.drawPolygon(QPolygonF([QPointF(cx, base), QPointF(cx + w / 2, base + h), QPointF(cx, base + h * 0.72)]))
    font = map_font(13 * s, True)
    p.setFont(font)
    p.setPen(styles.qcolor(styles.CHROME_TEXT))
    fm = QFontMetricsF(font)
    p.drawText(QPointF(cx - fm.horizontalAdvance("N") / 2, base - 3 * s), "N")
    return QRectF(cx - w / 2, top, w, base + h - top)


def paint_attribution(p: QPainter, view: MapView, s: float, credits: tuple[str, ...] = ()) -> QRectF:
    """Bottom right: the credits of the layers shown and of the project ("© DeepStateMap.live ·
    © Our desk · CC BY 4.0"), then the basemap's. On one line when it fits, else the credits on
    a line of their own above the basemap's: a credit a licence requires is never cut off."""
    font = map_font(10 * s)
    fm = QFontMetricsF(font)
    room = view.width - 10 * s
    one = " \u00b7 ".join((*credits, ATTRIBUTION))
    if fm.horizontalAdvance(one) <= room:
        lines = [one]
    else:
        lines = [words_fit(" \u00b7 ".join(credits), fm, room)] if credits else []
        lines.append(fm.elidedText(ATTRIBUTION, Qt.ElideLeft, room))
    w = max(fm.horizontalAdvance(t) for t in lines) + 10 * s
    h = fm.height() * len(lines) + 4 * s
    rect = QRectF(view.width - w, view.height - h, w, h)
    p.setPen(Qt.NoPen)
    p.setBrush(QBrush(styles.qcolor("#ffffff", 0.75)))
    p.drawRect(rect)
    p.setFont(font)
    p.setPen(styles.qcolor("#555555"))
    y = rect.bottom() - 2 * s - fm.descent() - fm.height() * (len(lines) - 1)
    for t in lines:
        p.drawText(QPointF(rect.right() - 5 * s - fm.horizontalAdvance(t), y), t)
        y += fm.height()
    return rect


def paint_title(p: QPainter, chrome: Chrome, when: date, previous: date | None, s: float,
                subtitle: str = "") -> QRectF:
    title_font, date_font, sub_font = map_font(24 * s, True), map_font(46 * s, True), map_font(15 * s)
    lines = []
    if chrome.title:
        lines.append((title_font, chrome.title, styles.CHROME_TEXT))
        if subtitle:  # the project's subtitle goes with its title (File ▸ Project Properties)
            lines.append((sub_font, subtitle, styles.CHROME_TEXT))
    if chrome.date_caption:
        lines.append((date_font, when.isoformat(), styles.CHROME_TEXT))
        if previous is not None and previous != when:
            lines.append((sub_font, f"changes since {previous.isoformat()}", styles.LABEL_SOFT))
    if not lines:
        return QRectF()
    pad = 12 * s
    width = max(QFontMetricsF(f).horizontalAdvance(t) for f, t, _ in lines)
    height = sum(QFontMetricsF(f).height() for f, _, _ in lines)
    rect = QRectF(16 * s, 16 * s, width + 2 * pad, height + 2 * pad)
    _panel(p, rect, s)
    y = rect.top() + pad
    for f, t, colour in lines:
        fm = QFontMetricsF(f)
        p.setFont(f)
        p.setPen(styles.qcolor(colour))
        p.drawText(QPointF(rect.left() + pad, y + fm.ascent()), t)
        y += fm.height()
    return rect


MARK_LABELS = (("contradicted", "Contradicted by a linked quote"), ("no_evidence", "No quote backs it yet"))


def paint_legend(p: QPainter, view: MapView, statuses: list[Status], changes: bool, s: float,
                 marks: frozenset[str] = frozenset()) -> QRectF:
    """The legend panel: `statuses`, the gained/lost looks when `changes`, and the evidence
    badges of `marks` (kinds drawn on the frame). Every swatch is painted by the map's own
    painters (`zones.paint_zone_swatch`, `gains.paint_change_swatch`), so it matches the map."""
    font = map_font(13 * s)
    fm = QFontMetricsF(font)
    rows: list[tuple[str, object]] = [(st.label, st) for st in statuses]
    if changes:
        rows += [("Gained since previous step", GAIN), ("Lost since previous step", LOSS)]
    rows += [(label, ("mark", kind)) for kind, label in MARK_LABELS if kind in marks]
    if not rows:
        return QRectF()
    pad, sw, gap = 10 * s, 22 * s, 8 * s
    row_h = max(fm.height(), 16 * s) + 5 * s
    width = max(fm.horizontalAdvance(t) for t, _ in rows) + sw + gap + 2 * pad
    rect = QRectF(view.width - width - 16 * s, 16 * s, width, len(rows) * row_h + 2 * pad - 5 * s)
    _panel(p, rect, s)
    p.setFont(font)
    y = rect.top() + pad
    for text, what in rows:
        # 16 px tall at scale 1: a pattern shows two or three of its rows, as on the map.
        box = QRectF(rect.left() + pad, y + (row_h - 5 * s - 16 * s) / 2, sw, 16 * s)
        if isinstance(what, Status):
            paint_zone_swatch(p, box, what)
        elif isinstance(what, tuple):
            paint_legend_badge(p, what[1], box, s)
        else:
            paint_change_swatch(p, box, what)
        p.setPen(styles.qcolor(styles.CHROME_TEXT))
        p.drawText(QPointF(box.right() + gap, y + fm.ascent() + (row_h - 5 * s - fm.height()) / 2), text)
        y += row_h
    return rect


def words_fit(text: str, fm: QFontMetricsF, width: float) -> str:
    """`text` shortened at a word boundary with an ellipsis to fit `width` (a word cut in half
    reads as another word); a first word too long on its own is cut where it must be."""
    if fm.horizontalAdvance(text) <= width:
        return text
    out = ""
    for w in text.split(" "):
        candidate = f"{out} {w}" if out else w
        if fm.horizontalAdvance(candidate.rstrip(" ,;:/·-—(") + "\u2026") > width:
            break
        out = candidate
    out = out.rstrip(" ,;:/·-—(")
    return out + "\u2026" if out else fm.elidedText(text, Qt.ElideRight, width)


def fit_line(text: str, fm: QFontMetricsF, width: float) -> str:
    """`text` cut to `width`: a list of items ("Also: a +6.1 km²; b −1.3 km²") loses whole items
    from its end, so no figure is cut in half; other text loses whole words."""
    if fm.horizontalAdvance(text) <= width:
        return text
    parts = text.split("; ")
    while len(parts) > 1:
        parts.pop()
        cut = "; ".join(parts) + "; \u2026"
        if fm.horizontalAdvance(cut) <= width:
            return cut
    return words_fit(text, fm, width)


def paint_stance_mark(p: QPainter, stance: str, centre: QPointF, r: float) -> None:
    """The quote's stance as a drawn mark in its colour — a tick in a disc (supports), a cross
    (contradicts), a ring (context) — not a font glyph: the same shape on every device."""
    colour = styles.qcolor(stance_colour(stance))
    p.save()
    p.setRenderHint(QPainter.Antialiasing)
    if stance == "context":
        p.setPen(styles.pen(colour, max(1.2, r * 0.32)))
        p.setBrush(Qt.NoBrush)
        p.drawEllipse(centre, r * 0.8, r * 0.8)
    else:
        p.setPen(Qt.NoPen)
        p.setBrush(QBrush(colour))
        p.drawEllipse(centre, r, r)
        p.setPen(styles.pen("#ffffff", max(1.2, r * 0.3)))
        x, y = centre.x(), centre.y()
        if stance == "supports":
            p.drawPolyline(QPolygonF([QPointF(x - r * 0.5, y), QPointF(x - r * 0.12, y + r * 0.42),
                                      QPointF(x + r * 0.52, y - r * 0.4)]))
        else:
            d = r * 0.42
            p.drawLine(QPointF(x - d, y - d), QPointF(x + d, y + d))
            p.drawLine(QPointF(x - d, y + d), QPointF(x + d, y - d))
    p.restore()


def _split_mark(line: str) -> tuple[str, str | None, str]:
    """("↳ ", stance, rest) for a quote line that starts with a stance symbol, else ("", None, line)."""
    stance = stance_of(line)
    if stance is None:
        return "", None, line
    indent = line[: len(line) - len(line.lstrip("\u21b3 "))]
    return indent, stance, line[len(indent) + len(stance_symbol(stance)):].lstrip()


def paint_captions(p: QPainter, view: MapView, captions: tuple[str, ...], s: float, bottom: float) -> QRectF:
    if not captions:
        return QRectF()
    font = map_font(14 * s)
    outline = outline_font(14 * s)  # the same glyphs, for outlines (see fonts.py)
    fm = QFontMetricsF(font)
    pad = 10 * s
    max_w = view.width * 0.62
    mark_w = fm.height() * 0.9  # the drawn stance mark and the space after it
    shown = list(captions[:CAPTION_LINES])
    if len(captions) > CAPTION_LINES:
        shown[-1] = f"\u2026 and {len(captions) - CAPTION_LINES + 1} more"
    lines = []
    for c in shown:
        indent, stance, rest = _split_mark(" ".join(c.split()))
        lead = fm.horizontalAdvance(indent) + (mark_w if stance else 0)
        lines.append((indent, stance, fit_line(rest, fm, max_w - 2 * pad - lead), lead))
    width = max(lead + fm.horizontalAdvance(t) for _, _, t, lead in lines) + 2 * pad
    height = len(lines) * fm.height() + 2 * pad
    rect = QRectF(16 * s, bottom - height, width, height)
    _panel(p, rect, s)
    p.setFont(font)
    y = rect.top() + pad
    for indent, stance, t, lead in lines:
        x = rect.left() + pad
        if indent:
            _caption_text(p, QPointF(x, y + fm.ascent()), outline, indent)
        if stance:
            r = fm.height() * 0.3
            paint_stance_mark(p, stance, QPointF(x + lead - mark_w + r, y + fm.height() / 2), r)
        _caption_text(p, QPointF(x + lead, y + fm.ascent()), outline, t)
        y += fm.height()
    return rect


def _caption_text(p: QPainter, at: QPointF, outline, text: str) -> None:
    """Caption text: as glyph outlines of `outline` (an `outline_font`) on raster devices, as
    text in the painter's font in SVG and PDF. The outlines come from a font face nothing
    rasterizes, so they are the same whatever text was drawn before (see fonts.py): a replay
    frame is the same frame painted alone.

    Filling a line's outlines cost ~1.2 ms (10.8 ms of a daily replay frame's ~35), so on raster
    devices at 1:1 pixels each word is filled once into a small image (`_word_image`) and copied
    from there: a day's lines differ ("Grey zone 4 +0.4 km²") but most of their words recur, as
    place labels do (`labels._sprite`). A word sits where the whole line's layout puts it,
    rounded to 1/16 px (invisible: at most ~10 levels of antialiasing on its edge pixels). Every
    word comes from its image, new or not, so a frame is the same whatever was cached before
    (a word filled in place the first time differed from its image by a level or two)."""
    dev = p.device()
    colour = styles.qcolor(styles.CHROME_TEXT)
    if dev is None or dev.devType() not in _RASTER_DEVICES:
        p.setPen(colour)
        p.drawText(at, text)
        return
    t = p.transform()
    if (t.type() not in (QTransform.TxNone, QTransform.TxTranslate) or dev.devicePixelRatioF() != 1.0
            or p.opacity() != 1.0 or p.compositionMode() != QPainter.CompositionMode_SourceOver):
        fill_text_outline(p, at, outline, text)
        return
    fm = QFontMetricsF(outline)  # the map font's metrics (fonts.outline_font)
    font_key = outline.key()
    x, y = at.x() + t.dx(), at.y() + t.dy()
    qy = round(y * _SUB)
    p.save()
    p.resetTransform()
    start = 0
    for word in text.split(" "):
        if word:
            wx = x + (fm.horizontalAdvance(text[:start]) if start else 0.0)
            qx = round(wx * _SUB)
            img, dx, dy = _word_image(word, outline, font_key, qx % _SUB, qy % _SUB)
            p.drawImage(QPoint(qx // _SUB + dx, qy // _SUB + dy), img)
        start += len(word) + 1
    p.restore()


def fill_text_outline(p: QPainter, at: QPointF, outline, text: str) -> None:
    """The caption text's glyph outlines filled directly (what the word images copy)."""
    path = QPainterPath()
    path.addText(at, outline, text)
    p.save()
    p.setRenderHint(QPainter.Antialiasing)
    p.fillPath(path, styles.qcolor(styles.CHROME_TEXT))
    p.restore()


_SUB = 16  # sub-pixel positions a caption word is cached at, each way
_WORDS = LRU(4096)  # (word, font, x and y sixteenths) -> (image, its offset from the whole-pixel origin)


def _word_image(word: str, outline, font_key: str, fx: int, fy: int) -> tuple[QImage, int, int]:
    key = (word, font_key, fx, fy)
    got = _WORDS.get(key)
    if got is None:
        path = QPainterPath()
        path.addText(QPointF(fx / _SUB, fy / _SUB), outline, word)
        r = path.boundingRect()
        m = 2  # antialiasing reaches a pixel past the outline
        x0, y0 = math.floor(r.left()) - m, math.floor(r.top()) - m
        img = QImage(max(1, math.ceil(r.right()) - x0 + m), max(1, math.ceil(r.bottom()) - y0 + m),
                     QImage.Format_ARGB32_Premultiplied)
        img.fill(Qt.transparent)
        q = QPainter(img)
        try:
            q.setRenderHint(QPainter.Antialiasing)
            q.translate(-x0, -y0)
            q.fillPath(path, styles.qcolor(styles.CHROME_TEXT))
        finally:
            q.end()
        got = _WORDS.put(key, (img, x0, y0))
    return got


def legend_statuses(project, versions) -> list[Status]:
    """The statuses drawn, in legend order; a status drawn only by one assessment that words it
    its own way carries that label ("DeepState: occupied", not "Russian-controlled (assessed)")."""
    by_status: dict[str, set[str]] = {}
    zones = project.zones
    for v in versions:
        z = zones.get(v.zone_id)
        by_status.setdefault(v.status, set()).add(z.assessment_id if z is not None else "")
    sts = []
    for k, owners in by_status.items():
        st = project.legend.get(k) or unknown_status(k)
        if len(owners) == 1:
            own = own_labels(project, next(iter(owners))).get(k)
            if own:
                st = replace(st, label=own)
        sts.append(st)
    return sorted(sts, key=lambda st: (st.order, st.key))
