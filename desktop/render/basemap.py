"""The bundled vector basemap (resources/basemap), painted as a quiet topographic map.

The data is pre-projected to EPSG:3857 and pre-simplified at a few tolerances by
`resources/basemap/build_basemap.py`; here each layer and level becomes one QPainterPath on
first use. Which layers show, and at which level of detail, depends on the view's resolution.
"""
from __future__ import annotations

import io
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from desktop.resources import resource
from typing import Callable

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath

from desktop.render import styles
from desktop.render.paths import arrays_to_path
from desktop.render.projection import MapView

BASEMAP_DIR = resource("basemap")
TOLERANCES = (0.0, 60.0, 250.0, 1000.0, 4000.0)  # as in build_basemap.py
ATTRIBUTION = "\u00a9 OpenStreetMap contributors (ODbL) \u00b7 \u00a9 \u041c\u0456\u043d\u0440\u0435\u0433\u0456\u043e\u043d (CC BY-SA) \u00b7 Natural Earth"


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    kind: str  # country, oblast, city, town, water
    population: int


class _LazyArrays:
    """The npz's arrays, each decompressed on first use.

    A view needs one level of a dozen layers: at the whole front 12 of the 130 arrays (0.25 of
    2.8 MB), so loading all of them up front cost ~40 ms of every process's first frame
    (`make bench`). The file is read into memory once (no handle stays open) and the lock keeps
    zipfile's reader safe when a worker thread asks too.
    """

    def __init__(self, path: Path) -> None:
        self._npz = np.load(io.BytesIO(path.read_bytes()))
        self._loaded: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def __getitem__(self, key: str) -> np.ndarray:
        a = self._loaded.get(key)
        if a is None:
            with self._lock:
                a = self._loaded.get(key)
                if a is None:
                    a = self._loaded[key] = self._npz[key]
        return a

    def __iter__(self):
        return iter(self._npz.files)


PIECE = 64  # vertices per culling piece of a line layer


def piece_bounds(starts: np.ndarray, n: int, filled: bool) -> np.ndarray:
    """(start, stop) vertex indices of the culling pieces, one row each: for fills each ring
    whole; for lines 64-vertex stretches that share their end vertices (stop is exclusive), so
    no segment is lost between two pieces. A part of one vertex has no piece."""
    a = np.asarray(starts, np.int64)
    b = np.append(a[1:], n)
    if filled:
        return np.column_stack([a, b])
    count = np.maximum(0, (b - a - 1 + PIECE - 1) // PIECE)  # len(range(a, b - 1, PIECE))
    total = int(count.sum())
    first = np.repeat(np.cumsum(count) - count, count)  # row of each part's first piece
    s = np.repeat(a, count) + PIECE * (np.arange(total) - first)
    return np.column_stack([s, np.minimum(s + PIECE + 1, np.repeat(b, count))])


def piece_boxes(xy: np.ndarray, se: np.ndarray) -> np.ndarray:
    """x0 y0 x1 y1 of the vertices xy[start:stop] of each piece."""
    if not len(se):
        return np.empty((0, 4))
    lengths = se[:, 1] - se[:, 0]
    width = int(lengths.max())
    # Short pieces (lines): one gather of every piece padded with its last vertex, reduced
    # along the row; long ones (rings) reduced in a loop-free reduceat over their runs.
    if width <= PIECE + 1:
        idx = np.minimum(se[:, :1] + np.arange(width), se[:, 1:] - 1)
        # One contiguous column at a time: reducing the middle axis of an (n, 65, 2) gather is
        # ~20x slower in numpy than the rows of an (n, 65) one.
        x, y = np.ascontiguousarray(xy[:, 0])[idx], np.ascontiguousarray(xy[:, 1])[idx]
        return np.column_stack([x.min(axis=1), y.min(axis=1), x.max(axis=1), y.max(axis=1)])
    order = np.argsort(se[:, 0], kind="stable")
    s, e = se[order, 0], se[order, 1]
    if np.all(s[1:] == e[:-1]):  # rings tile the array: one reduceat per column
        cuts = s
        run = xy[s[0]:e[-1]]
        lo = np.column_stack([np.minimum.reduceat(run[:, i], cuts - s[0]) for i in (0, 1)])
        hi = np.column_stack([np.maximum.reduceat(run[:, i], cuts - s[0]) for i in (0, 1)])
    else:
        lo = np.array([xy[a:b].min(axis=0) for a, b in zip(s, e)])
        hi = np.array([xy[a:b].max(axis=0) for a, b in zip(s, e)])
    out = np.empty((len(se), 4), dtype=lo.dtype)
    out[order] = np.concatenate([lo, hi], axis=1)
    return out


class BasemapData:
    def __init__(self, folder: Path = BASEMAP_DIR) -> None:
        self._arrays = _LazyArrays(folder / "basemap.npz")
        raw = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        self.labels = [Label(float(x), float(y), str(t), str(k), int(p)) for x, y, t, k, p in raw]
        self._paths: dict[tuple[str, int], QPainterPath] = {}
        self._piece_index: dict[tuple[str, int, bool], tuple] = {}

    def keys(self) -> set[str]:
        return {k.split("@")[0] for k in self._arrays}

    def _pieces(self, key: str, level: int, filled: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(vertex index arrays per piece as start/stop, piece boxes x0 y0 x1 y1), cached.

        Vectorised: a Python loop over the ~20k pieces of a view's layers cost ~10 ms of every
        process's first frame (`frontline render`, the app's first paint)."""
        pk = (key, level, filled)
        got = self._piece_index.get(pk)
        if got is None:
            xy = self._arrays[f"{key}@{level}_xy"]
            se = piece_bounds(self._arrays[f"{key}@{level}_starts"], len(xy), filled)
            got = self._piece_index[pk] = (se[:, 0], se[:, 1], piece_boxes(xy, se))
        return got

    def culled_path(self, key: str, level: int, rect: QRectF, filled: bool) -> QPainterPath:
        """Only the pieces (rings, or 64-vertex stretches of lines) whose box meets `rect`:
        zoomed in to a town, the streets of the other 22 towns cost nothing."""
        a, b, boxes = self._pieces(key, level, filled)
        if not len(a):
            return QPainterPath()
        x0, y0, x1, y1 = rect.left(), rect.top(), rect.right(), rect.bottom()
        keep = (boxes[:, 2] >= x0) & (boxes[:, 0] <= x1) & (boxes[:, 3] >= y0) & (boxes[:, 1] <= y1)
        if keep.all():
            return self.path(key, level)
        a, b = a[keep], b[keep]
        if not len(a):
            return QPainterPath()
        lengths = b - a
        # Vertex indices of all kept pieces, without a Python loop.
        idx = np.repeat(a - np.r_[0, np.cumsum(lengths)[:-1]], lengths) + np.arange(lengths.sum())
        xy = self._arrays[f"{key}@{level}_xy"][idx].astype(np.float64)
        connect = np.ones(len(idx), np.int32)
        connect[np.cumsum(lengths) - 1] = 0
        path = arrays_to_path((xy[:, 0], xy[:, 1], connect))
        path.setFillRule(Qt.OddEvenFill)
        return path

    def clipped_path(self, key: str, level: int, rect: QRectF, filled: bool) -> QPainterPath:
        """The layer's parts that meet `rect` (map metres), for vector output, whose files would
        otherwise carry all of Ukraine for every view. Lines are cut into short pieces first so
        a long border only brings its nearby stretch; fills are clipped to the rectangle."""
        xy = self._arrays[f"{key}@{level}_xy"].astype(np.float64)
        if not len(xy):
            return QPainterPath()
        se = piece_bounds(self._arrays[f"{key}@{level}_starts"], len(xy), filled)
        boxes = piece_boxes(xy, se)
        x0, y0, x1, y1 = rect.left(), rect.top(), rect.right(), rect.bottom()
        hit = (boxes[:, 2] >= x0) & (boxes[:, 0] <= x1) & (boxes[:, 3] >= y0) & (boxes[:, 1] <= y1)
        keep = [xy[a:b] for a, b in se[hit]]
        if not keep:
            return QPainterPath()
        connect = np.concatenate([np.r_[np.ones(len(k) - 1, np.int32), 0] for k in keep])
        pts = np.concatenate(keep)
        path = arrays_to_path((pts[:, 0], pts[:, 1], connect))
        path.setFillRule(Qt.OddEvenFill)
        if filled:
            box = QPainterPath()
            box.addRect(rect)
            path = path.intersected(box)
        return path

    def path(self, key: str, level: int) -> QPainterPath:
        pk = (key, level)
        path = self._paths.get(pk)
        if path is None:
            xy = self._arrays[f"{key}@{level}_xy"].astype(np.float64)
            starts = self._arrays[f"{key}@{level}_starts"]
            connect = np.ones(len(xy), np.int32)
            connect[starts[1:] - 1] = 0  # the vertex before each part start ends a part
            if len(xy):
                connect[-1] = 0
            path = self._paths[pk] = arrays_to_path((xy[:, 0], xy[:, 1], connect))
            path.setFillRule(Qt.OddEvenFill)  # rings from the build are not oriented
        return path


_data: BasemapData | None = None


def basemap_data() -> BasemapData:
    global _data
    if _data is None:
        _data = BasemapData()
    return _data


def level_for(resolution: float) -> int:
    """The coarsest level whose simplification stays within ~0.6 px at this resolution."""
    best = 0
    for i, tol in enumerate(TOLERANCES):
        if tol <= resolution * 0.6:
            best = i
    return best


# (group, key, shown while resolution < max_res, painter); drawn in this order.
Painter = Callable[[QPainter, QPainterPath, float], None]


def _fill(colour: str) -> Painter:
    brush = QBrush(styles.qcolor(colour))
    return lambda p, path, res: p.fillPath(path, brush)


def _stroke(colour: str, width: float, dash: tuple[float, ...] = ()) -> Painter:
    pn = styles.pen(colour, width, dash=dash)
    return lambda p, path, res: styles.stroke(p, path, pn)


def _towns(p: QPainter, path: QPainterPath, res: float) -> None:
    p.fillPath(path, QBrush(styles.qcolor(styles.TOWN_FILL)))
    p.strokePath(path, styles.pen(styles.TOWN_LINE, 1.0))


def _road(width: float) -> Painter:
    # Real widths here (a road is a band, not a hairline); bevel joins and flat caps are about
    # twice as fast to stroke as round ones, and roads only show zoomed in, culled to the view.
    def paint(p: QPainter, path: QPainterPath, res: float) -> None:
        if res >= 6:
            # Zoomed out, a road is ~2 px: hairlines (see styles.stroke) are 10x cheaper.
            styles.stroke(p, path, styles.pen(styles.ROAD_CASING, 2.4))
            p.strokePath(path, styles.pen(styles.ROAD_FILL, 1.0))
            return
        p.strokePath(path, _band(styles.ROAD_CASING, width + 1.6))
        p.strokePath(path, _band(styles.ROAD_FILL, width))
    return paint


def _band(colour: str, width: float):
    pn = styles.pen(colour, width, cap=Qt.FlatCap)
    pn.setJoinStyle(Qt.BevelJoin)
    return pn


def _rail(main: bool) -> Painter:
    def paint(p: QPainter, path: QPainterPath, res: float) -> None:
        styles.stroke(p, path, styles.pen(styles.RAIL, 1.6 if main else 1.0))
        if main and res < 25:
            # Short dashes of a wide pen read as cross ticks: the classic railway symbol.
            ticks = _band(styles.RAIL, 6.0)
            ticks.setDashPattern([1.2 / 6.0, 9.0 / 6.0])
            p.strokePath(path, ticks)
    return paint


def _rivers(p: QPainter, path: QPainterPath, res: float) -> None:
    styles.stroke(p, path, styles.pen(styles.RIVER, 1.6 if res < 300 else 1.0))


LAYERS: tuple[tuple[str, str, float, Painter], ...] = (
    ("land", "land_other", 1e12, _fill(styles.LAND_OTHER)),
    ("land", "land_ua", 1e12, _fill(styles.LAND)),
    ("water", "lakes", 1e12, _fill(styles.WATER)),
    ("towns", "towns", 450.0, _towns),
    # Rivers after the town fills, so a river stays visible through a town (and the fills
    # come first, so raster basemaps can go between fills and lines: see after_land).
    ("water", "rivers", 1e12, _rivers),
    ("roads", "streets_minor", 9.0, _road(2.2)),
    ("roads", "streets_major", 45.0, _road(3.2)),
    ("railways", "rail_service", 12.0, _rail(False)),
    ("railways", "rail_main", 90.0, _rail(True)),
    ("boundaries", "hromada_borders", 130.0, _stroke(styles.HROMADA_LINE, 0.9, (2.0, 2.0))),
    ("boundaries", "raion_borders", 600.0, _stroke(styles.RAION_LINE, 0.9)),
    ("boundaries", "oblast_borders", 1e12, _stroke(styles.OBLAST_LINE, 1.0, (7.0, 2.5, 1.5, 2.5))),
    ("boundaries", "country_borders", 1e12, _stroke(styles.COUNTRY_LINE, 1.7)),
)


FILLED = {"land_other", "land_ua", "lakes", "towns"}
# Layers of many small parts, or long lines: only the parts near the view are drawn.
CULLED = {"towns", "streets_minor", "streets_major", "rail_main", "rail_service", "rivers",
          "hromada_borders", "raion_borders", "oblast_borders", "country_borders"}


def paint_basemap(p: QPainter, view: MapView, hidden: frozenset[str] = frozenset(),
                  opacity: dict[str, float] | None = None, clip: bool = False,
                  after_land: Callable[[QPainter], None] | None = None) -> None:
    """Paint the basemap (no labels) into the view; `p` has the view's world transform set.
    `opacity` maps layer groups to an opacity (the layers dock's sliders). `after_land` is
    called once between the area fills (land, lakes, towns) and the lines (raster basemaps go
    there: over the land and town fills, under rivers, roads, railways and borders)."""
    opacity = opacity or {}
    base_opacity = p.opacity()
    data = basemap_data()
    res = view.resolution
    level = level_for(res)
    x0, y0, x1, y1 = view.fitted
    # Sea (and everything outside the data region) under the land polygons.
    p.fillRect(QRectF(x0, y0, x1 - x0, y1 - y0),
               styles.qcolor(styles.WATER if "land" not in hidden else styles.LAND))
    for group, key, max_res, painter in LAYERS:
        if after_land is not None and key not in FILLED:
            p.setOpacity(base_opacity)
            after_land(p)
            after_land = None
        if group in hidden or res >= max_res:
            continue
        p.setOpacity(base_opacity * opacity.get(group, 1.0))
        r = res * 20  # a margin for line widths
        rect = QRectF(x0 - r, y0 - r, x1 - x0 + 2 * r, y1 - y0 + 2 * r)
        if clip:
            path = data.clipped_path(key, level, rect, key in FILLED)
        elif key in CULLED:
            path = data.culled_path(key, level, rect, key in FILLED)
        else:
            path = data.path(key, level)
        painter(p, path, res)
    p.setOpacity(base_opacity)


__all__ = ["ATTRIBUTION", "BasemapData", "Label", "basemap_data", "paint_basemap", "level_for"]
