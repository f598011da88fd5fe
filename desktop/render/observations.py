"""Observations on the map: points as symbols by kind with their name beside them, lines as
arrows (attack directions), drawn in screen pixels over the zones.

Labels never overprint: they are placed greedily in priority order (`label_placement.py`)
around their symbols, avoiding every symbol, every count badge and the place names the frame
shows; a label with no free position drops out. At small scales (zoomed out) points sharing a
grid cell are drawn as one badge with their count. Symbols, names and badges are cached sprites
on raster devices (a few hundred per frame in a DeepState archive; stroking each glyph outline
cost ~1 ms a label), real text and paths in SVG and PDF.
"""
from __future__ import annotations

import math
from datetime import date

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPainterPath, QPolygonF

from desktop.model.lru import LRU
from desktop.model.mercator import project_xy, to_merc
from desktop.render import label_placement as lp
from desktop.render import styles
from desktop.render.fonts import outline_font
from desktop.render.labels import _paint_text, _sprite, _text_box, place_labels, vector_device
from desktop.render.projection import MapView
from desktop.render.spec import FrameSpec
from desktop.render.symbols import _path as _symbol_outline, draw_symbol, symbol_for

SYMBOL_RADIUS = 5.0  # px at scale 1
LABEL_SIZE = 11.0  # px at scale 1
LINE_STEP = 13.0  # line spacing at 11 px
LABEL_PAD = 1.5  # px round a label's text: its halo's reach
# Points are grouped on a grid of this many px (at scale 1) once a pixel covers more than
# CLUSTER_ABOVE Web Mercator metres: a whole oblast on screen, where a brigade's position and
# its neighbour's are a few px apart. Closer in, every point shows its own symbol.
CLUSTER_CELL = 44.0
CLUSTER_ABOVE = 120.0


def label_priority(obs, alpha: float) -> tuple:
    """Which label wins a place: the step's own observations over the faded ones of earlier
    steps, the analyst's own over an imported layer's, the newest first, then by name (stable
    whatever order the step listed them in)."""
    d = obs.date if isinstance(obs.date, date) else date.min
    return (-alpha, 1 if getattr(obs, "assessment_id", "") else 0, -d.toordinal(), obs.name, obs.id)


def place_name_boxes(view: MapView, spec: FrameSpec, scale: float) -> list[lp.Rect]:
    """The rectangles of the place names this frame shows (the same rule as `paint_frame`)."""
    if not _names_shown(spec):
        return []
    return [(b.left(), b.top(), b.right(), b.bottom()) for _, _, b, _ in place_labels(view, scale)]


def _names_shown(spec: FrameSpec) -> bool:
    opacity = dict(spec.basemap_layer_opacity).get("labels", 1.0) * spec.basemap_opacity
    return spec.basemap and "labels" not in spec.hidden_basemap and opacity > 0


def _label_size(lines: list[str], scale: float) -> tuple[float, float]:
    size = LABEL_SIZE * scale
    boxes = [_text_box(line, size, False) for line in lines]
    w = max(b.width() for b in boxes)
    h = boxes[0].height() + LINE_STEP * scale * (len(lines) - 1)
    return w, h


class Layout:
    """What one frame draws: symbols (index, centre), badges (count, centre, rect), labels
    (index, lines, rect) and lines (index); rectangles in screen px. Qt-free apart from the
    text metrics it was measured with."""

    def __init__(self) -> None:
        self.symbols: list[tuple[int, float, float, lp.Rect]] = []
        self.badges: list[tuple[int, float, float, lp.Rect]] = []
        self.labels: list[tuple[int, list[str], lp.Rect]] = []
        self.lines: list[int] = []


def layout_observations(view: MapView, items: list[tuple[object, float]], scale: float,
                        blocked: "list[lp.Rect] | lp.Occupied") -> Layout:
    """Decide what goes where (see the module's docstring): `items` are (observation, alpha),
    `blocked` the place names' rectangles (or an `Occupied` of them, shared between frames)."""
    out = Layout()
    if not items:
        return out
    r = SYMBOL_RADIUS * scale
    geoms = np.array([obs.geometry for obs, _ in items], dtype=object)
    types = shapely.get_type_id(geoms)  # -1 for None
    types[(types >= 0) & shapely.is_empty(geoms)] = -1
    out.lines = [int(i) for i in np.flatnonzero((types >= 0) & (types != 0) & (types != 4))]
    pts_idx = np.flatnonzero((types == 0) | (types == 4))
    if not len(pts_idx):
        return out
    firsts = geoms[pts_idx]
    multi = types[pts_idx] == 4
    if multi.any():  # one symbol and one name per observation, at its first point
        firsts[multi] = shapely.get_geometry(firsts[multi], 0)
    mx, my = project_xy(shapely.get_x(firsts), shapely.get_y(firsts))
    x0, _, _, y1 = view.fitted
    res = view.resolution
    px, py = (mx - x0) / res, (y1 - my) / res
    margin = 4 * r
    inside = np.flatnonzero((px > -margin) & (px < view.width + margin) & (py > -margin) & (py < view.height + margin))
    taken = lp.Occupied(base=blocked) if isinstance(blocked, lp.Occupied) else lp.Occupied(blocked)
    singles = inside  # positions in pts_idx
    if view.resolution >= CLUSTER_ABOVE and len(inside) > 1:
        cell = CLUSTER_CELL * scale
        # The grid is anchored at the map's origin, so a cell's points stay together as the view
        # pans (`label_placement.grid_clusters`, vectorised).
        ox, oy = (-x0 / res) % cell, (y1 / res) % cell
        cx_, cy_ = np.floor((px[inside] - ox) / cell), np.floor((py[inside] - oy) / cell)
        _, first, group, counts = np.unique(np.column_stack([cx_, cy_]), axis=0, return_index=True,
                                            return_inverse=True, return_counts=True)
        group = group.ravel()
        alone = counts[group] == 1
        singles = inside[alone]
        mean_x = np.bincount(group, weights=px[inside]) / counts
        mean_y = np.bincount(group, weights=py[inside]) / counts
        groups = [(int(counts[g]), float(mean_x[g]), float(mean_y[g]))
                  for g in np.argsort(first).tolist() if counts[g] > 1]  # in order of their first points
        for n, cx, cy in lp.merge_badges(groups, 7.0 * scale, 18.0 * scale):
            w, h = lp.badge_size(n, 7.0 * scale, 18.0 * scale)
            rect = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            out.badges.append((n, cx, cy, rect))
            taken.add(rect)
    sym_rects = {}
    for k in singles.tolist():
        i = int(pts_idx[k])
        x, y = float(px[k]), float(py[k])
        e = _symbol_extent(items[i][0].kind, r)
        rect = (x + e[0], y + e[1], x + e[2], y + e[3])
        out.symbols.append((i, x, y, rect))
        sym_rects[i] = rect
        taken.add(rect)
    requests = []
    gap = 4 * scale
    pad = LABEL_PAD * scale
    for i in sorted(sym_rects, key=lambda i: label_priority(items[i][0], items[i][1])):
        name = items[i][0].name
        if not name:
            continue
        lines, w, h = _label_block(name, scale)
        # The rectangle holds the text and its halo (LABEL_PAD all round), so halos never touch.
        requests.append(lp.LabelRequest((i, lines), sym_rects[i], w + 2 * pad, h + 2 * pad, gap))
    for req, rect in lp.place_labels(requests, taken, (0, 0, view.width, view.height)):
        out.labels.append((req.key[0], req.key[1], rect))
    return out


_BLOCKS = LRU(4096)


def _label_block(name: str, scale: float) -> tuple[list[str], float, float]:
    """A name's lines and their size at `scale` (names repeat from frame to frame)."""
    key = (name, scale)
    got = _BLOCKS.get(key)
    if got is None:
        lines = label_lines(name)
        got = _BLOCKS.put(key, (lines,) + _label_size(lines, scale))
    return got


_LAYOUTS = LRU(8)


def cached_layout(view: MapView, items: list[tuple[object, float]], scale: float, spec: FrameSpec) -> Layout:
    """`layout_observations` of the frame, kept for the next frame showing the same records in
    the same view (a replay's days mostly show yesterday's points; a scrub comes back). The
    records are kept with it, so the ids in the key cannot be reused by other objects."""
    names = _names_taken(view, spec, scale)
    key = (view.fitted, view.width, view.height, scale, len(names.rects),
           tuple((id(o), a) for o, a in items))
    got = _LAYOUTS.get(key)
    if got is None:
        got = _LAYOUTS.put(key, (layout_observations(view, items, scale, names), list(items)))
    return got[0]


_NAMES = LRU(8)


def _names_taken(view: MapView, spec: FrameSpec, scale: float) -> lp.Occupied:
    """The place names' rectangles of this view, bucketed once (every frame of a replay or a
    scrub places its labels against the same names)."""
    key = (view.fitted, view.width, view.height, scale, _names_shown(spec))
    got = _NAMES.get(key)
    if got is None:
        got = _NAMES.put(key, lp.Occupied(place_name_boxes(view, spec, scale)))
    return got


def paint_observations(p: QPainter, view: MapView, spec: FrameSpec, scale: float) -> None:
    """Points as symbols by kind (or count badges when dense at small scales) with their names
    placed where they overprint nothing, lines as arrows (attack directions), in screen space."""
    if not spec.observations:
        return
    items = list(spec.observations)
    layout = cached_layout(view, items, scale, spec)
    p.save()
    p.resetTransform()
    p.setRenderHint(QPainter.Antialiasing)
    vector = vector_device(p)
    for i in layout.lines:
        obs, alpha = items[i]
        for part in shapely.get_parts(obs.geometry):
            if part.geom_type != "LineString":
                continue
            pts = [QPointF(*view.to_px(*to_merc(float(x), float(y)))) for x, y in shapely.get_coordinates(part)]
            p.setPen(styles.pen(styles.OBSERVATION, 2.2 * scale, alpha=alpha))
            p.setBrush(Qt.NoBrush)
            p.drawPolyline(QPolygonF(pts))
            if len(pts) >= 2:
                _arrow_head(p, pts[-2], pts[-1], 11 * scale, alpha)
    r = SYMBOL_RADIUS * scale
    for i, x, y, _ in layout.symbols:
        obs, alpha = items[i]
        if vector:
            draw_symbol(p, obs.kind, QPointF(x, y), r, styles.OBSERVATION, alpha)
        else:
            img, o = _symbol_sprite(obs.kind, r, alpha)
            p.drawImage(QPointF(round(x - o.x()), round(y - o.y())), img)
    for count, x, y, rect in layout.badges:
        _paint_badge(p, count, rect, scale, vector)
    size = LABEL_SIZE * scale
    for i, lines, rect in layout.labels:
        alpha = items[i][1]
        pad = LABEL_PAD * scale
        top = rect[1] + pad - _text_box(lines[0], size, False).top()  # the first baseline
        if alpha < 1.0:
            p.setOpacity(p.opacity() * alpha)
        for n, line in enumerate(lines):
            origin = QPointF(rect[0] + pad, top + n * LINE_STEP * scale)
            if vector:
                _paint_text(p, line, size, False, styles.OBSERVATION, origin, scale)
            else:
                img, o = _sprite(line, size, False, styles.OBSERVATION, scale)
                p.drawImage(QPointF(round(origin.x() - o.x()), round(origin.y() - o.y())), img)
        if alpha < 1.0:
            p.setOpacity(p.opacity() / alpha)
    p.restore()


_SYMBOLS = LRU(64)
_EXTENTS: dict[tuple[str, float], lp.Rect] = {}


def _symbol_extent(kind: str, r: float) -> lp.Rect:
    """The symbol's rectangle about its centre, halo included."""
    key = (symbol_for(kind), r)
    got = _EXTENTS.get(key)
    if got is None:
        b = _symbol_outline(key[0], QPointF(0, 0), r).boundingRect()
        h = max(1.5, r * 0.45) / 2
        got = _EXTENTS[key] = (b.left() - h, b.top() - h, b.right() + h, b.bottom() + h)
    return got


def _symbol_sprite(kind: str, r: float, alpha: float) -> tuple[QImage, QPointF]:
    """The kind's symbol with its halo in a small image, and where its centre is in it."""
    key = (symbol_for(kind), r, alpha)
    got = _SYMBOLS.get(key)
    if got is None:
        m = math.ceil(2.2 * r) + 2
        img = QImage(2 * m, 2 * m, QImage.Format_ARGB32_Premultiplied)
        img.fill(Qt.transparent)
        q = QPainter(img)
        q.setRenderHint(QPainter.Antialiasing)
        draw_symbol(q, kind, QPointF(m, m), r, styles.OBSERVATION, alpha)
        q.end()
        got = _SYMBOLS.put(key, (img, QPointF(m, m)))
    return got


def _paint_badge(p: QPainter, count: int, rect: lp.Rect, scale: float, vector: bool) -> None:
    """A rounded badge with the number of points it stands for, white on the observation
    colour: a cached sprite on raster devices (dozens a frame), paths in SVG and PDF."""
    box = QRectF(rect[0], rect[1], rect[2] - rect[0], rect[3] - rect[1])
    if not vector:
        key = (count, box.width(), box.height(), scale)
        got = _BADGES.get(key)
        if got is None:
            m = math.ceil(2 * scale) + 1
            img = QImage(math.ceil(box.width()) + 2 * m, math.ceil(box.height()) + 2 * m,
                         QImage.Format_ARGB32_Premultiplied)
            img.fill(Qt.transparent)
            q = QPainter(img)
            q.setRenderHint(QPainter.Antialiasing)
            _draw_badge(q, count, QRectF(m, m, box.width(), box.height()), scale)
            q.end()
            got = _BADGES.put(key, (img, m))
        img, m = got
        p.drawImage(QPointF(round(box.left()) - m, round(box.top()) - m), img)
        return
    _draw_badge(p, count, box, scale)


_BADGES = LRU(512)


def _draw_badge(p: QPainter, count: int, box: QRectF, scale: float) -> None:
    p.setPen(styles.pen(styles.HALO, 1.5 * scale))
    p.setBrush(styles.qcolor(styles.OBSERVATION, 0.92))
    rad = box.height() / 2
    p.drawRoundedRect(box, rad, rad)
    text = str(count)
    path = _count_path(text, 11.0 * scale)
    b = path.boundingRect()
    shift = box.center() - b.center()
    p.fillPath(path.translated(round(shift.x()), round(shift.y())), styles.qcolor(styles.HALO))


_COUNTS = LRU(256)


def _count_path(text: str, size: float) -> QPainterPath:
    key = (text, size)
    got = _COUNTS.get(key)
    if got is None:
        path = QPainterPath()
        path.addText(0, 0, outline_font(size, True), text)
        got = _COUNTS.put(key, path)
    return got


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


__all__ = ["paint_observations", "layout_observations", "label_priority", "label_lines"]
