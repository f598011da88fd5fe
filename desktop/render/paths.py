"""Geometry to QPainterPath, fast: projected coordinates as numpy arrays, one path per status.

`pyqtgraph.functions.arrayToQPath` turns flat x/y arrays plus a "connect to next" array into a
path in about a millisecond per 100k points (a Python loop over QPointF is ~100x slower). Rings
become sub-paths and are filled with the odd-even rule, so holes come out as holes.

Projected geometry and its simplified arrays are cached per zone version id. Records are frozen,
and an edit makes a new record with a new geometry object, so an entry is valid exactly while
the cached geometry *is* the version's geometry; no listener is needed to invalidate it.
"""
from __future__ import annotations

import math
from collections import OrderedDict
from typing import Iterable

import numpy as np
import shapely
from pyqtgraph.functions import arrayToQPath, create_qpolygonf, ndarray_from_qpolygonf
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainterPath, QPolygonF
from shapely.geometry.base import BaseGeometry

from desktop.model.mercator import project_geometry

Arrays = tuple[np.ndarray, np.ndarray, np.ndarray]
EMPTY: Arrays = (np.zeros(0), np.zeros(0), np.zeros(0, np.int32))


def lod_tolerance(resolution: float) -> float:
    """Simplification tolerance (EPSG:3857 m) for a view of `resolution` m/px.

    A power of two at most half a pixel, so bands change rarely while zooming and a shape never
    moves by more than half a pixel. Below 4 m/px nothing is simplified.
    """
    if resolution < 4.0:
        return 0.0
    return 2.0 ** math.floor(math.log2(resolution * 0.5))


def geometry_arrays(geoms: BaseGeometry | Iterable[BaseGeometry]) -> Arrays:
    """x, y and connect arrays for the rings (polygons) or parts (lines) of the geometries."""
    arr = np.atleast_1d(np.asarray(geoms, dtype=object))
    parts = shapely.get_parts(arr)
    parts = shapely.orient_polygons(parts)
    poly = shapely.get_type_id(parts) == 3
    lines = list(shapely.get_rings(parts[poly])) + list(parts[~poly])
    if not lines:
        return EMPTY
    xy, idx = shapely.get_coordinates(np.asarray(lines, dtype=object), return_index=True)
    if len(xy) == 0:
        return EMPTY
    connect = np.empty(len(idx), np.int32)
    connect[:-1] = idx[1:] == idx[:-1]
    connect[-1] = 0
    return xy[:, 0].copy(), xy[:, 1].copy(), connect


def concat_arrays(items: Iterable[Arrays]) -> Arrays:
    items = [a for a in items if len(a[0])]
    if not items:
        return EMPTY
    return (np.concatenate([a[0] for a in items]), np.concatenate([a[1] for a in items]),
            np.concatenate([a[2] for a in items]))


def arrays_to_path(arrays: Arrays) -> QPainterPath:
    x, y, c = arrays
    if len(x) == 0:
        return QPainterPath()
    path = arrayToQPath(x, y, connect=c, finiteCheck=False)
    # Rings are oriented (exteriors one way, holes the other) by `geometry_arrays`, so the
    # winding rule makes holes empty while overlapping zones of one status both stay filled.
    path.setFillRule(Qt.WindingFill)
    return path


def polygons_from_arrays(arrays: Arrays) -> list[QPolygonF]:
    """One QPolygonF per ring or part, filled through numpy (no per-point Python)."""
    x, y, c = arrays
    if len(x) == 0:
        return []
    ends = np.flatnonzero(c == 0) + 1
    out = []
    start = 0
    for end in ends:
        n = int(end - start)
        poly = create_qpolygonf(n)
        a = ndarray_from_qpolygonf(poly)
        a[:, 0] = x[start:end]
        a[:, 1] = y[start:end]
        out.append(poly)
        start = end
    return out


class Shape:
    """A version's shape at one level of detail, ready to paint."""
    __slots__ = ("arrays", "polygons", "path", "simple", "_outline")

    def __init__(self, arrays: Arrays, holes: bool, simple: bool = False) -> None:
        self.arrays = arrays
        # Every ring simple (no self-crossing): then the odd-even rule fills a ring exactly as
        # the winding rule does, and drawPolygon without a rule argument is 3x cheaper to call
        # (PySide6 converts the enum on every call: 6 µs, more than the drawing of a small zone).
        self.simple = simple
        # Rings of a shape without holes are filled one by one with drawPolygon, which Qt's
        # antialiased rasterizer does 5-20x faster than fillPath of a many-ring path; a shape
        # with holes needs the path (holes are sub-paths of the opposite winding).
        self.polygons = None if holes else polygons_from_arrays(arrays)
        self.path = arrays_to_path(arrays) if holes else None
        self._outline: QPainterPath | None = None

    def outline(self) -> QPainterPath:
        """The rings as one path (to stroke), made on first use."""
        if self.path is not None:
            return self.path
        if self._outline is None:
            self._outline = arrays_to_path(self.arrays)
        return self._outline


class _Entry:
    __slots__ = ("geom", "projected", "bounds", "lods", "shapes", "holes", "valid_lods", "simple")

    def __init__(self, geom: BaseGeometry, projected: BaseGeometry | None = None,
                 bounds: tuple[float, float, float, float] | None = None, holes: bool | None = None) -> None:
        self.geom = geom
        self.projected = project_geometry(geom) if projected is None else projected
        empty = self.projected.is_empty
        if bounds is None:
            bounds = tuple(self.projected.bounds) if not empty else (0, 0, 0, 0)
        self.bounds = bounds
        self.lods: dict[float, Arrays] = {}
        self.shapes: dict[float, Shape] = {}
        self.valid_lods: dict[float, BaseGeometry] = {}
        self.simple: dict[float, bool] = {}
        if holes is None:
            holes = bool(shapely.get_num_interior_rings(shapely.get_parts(self.projected)).sum()) \
                if not empty else False
        self.holes = holes


class GeometryCache:
    """Projected geometry and per-tolerance arrays, keyed by a stable id (a version id)."""

    def __init__(self, max_items: int = 50_000) -> None:
        self._items: OrderedDict[str, _Entry] = OrderedDict()
        self.max_items = max_items

    def entry(self, key: str, geom: BaseGeometry) -> _Entry:
        e = self._items.get(key)
        if e is None or e.geom is not geom:
            e = self._items[key] = _Entry(geom)
            if len(self._items) > self.max_items:
                self._items.popitem(last=False)
        return e

    def ensure(self, items: list[tuple[str, BaseGeometry]]) -> None:
        """Entries for many versions at once: one projection call over all their coordinates
        instead of one per shape (a scrub to a new date meets hundreds of new versions; one by
        one they took 13 ms of the stress project's 2,000 zones)."""
        get = self._items.get
        todo = [(k, g) for k, g in items if (e := get(k)) is None or e.geom is not g]
        if len(todo) < 16:
            return  # `entry` makes them on demand
        geoms = np.array([g for _, g in todo], dtype=object)
        projected = project_geometry(geoms)
        bounds = shapely.bounds(projected)
        parts, part_of = shapely.get_parts(projected, return_index=True)
        holes = np.bincount(part_of, weights=shapely.get_num_interior_rings(parts), minlength=len(todo)) > 0
        empty = shapely.is_empty(projected)
        for (k, g), pg, b, h, z in zip(todo, projected, bounds.tolist(), holes.tolist(), empty.tolist()):
            self._items[k] = _Entry(g, pg, (0, 0, 0, 0) if z else tuple(b), bool(h) and not z)
            self._items.move_to_end(k)
        while len(self._items) > self.max_items:
            self._items.popitem(last=False)

    def projected(self, key: str, geom: BaseGeometry) -> BaseGeometry:
        return self.entry(key, geom).projected

    def bounds(self, key: str, geom: BaseGeometry) -> tuple[float, float, float, float]:
        return self.entry(key, geom).bounds

    def arrays(self, key: str, geom: BaseGeometry, tolerance: float) -> Arrays:
        e = self.entry(key, geom)
        a = e.lods.get(tolerance)
        if a is None:
            g = e.projected
            simple = True  # a zone's own shape is valid: its rings are simple
            if tolerance > 0 and shapely.get_num_coordinates(g) > 64:
                # Topology is not preserved: a ring may collapse or touch itself, which costs
                # nothing on screen at under half a pixel and is 5-10x faster to compute.
                g = shapely.simplify(g, tolerance, preserve_topology=False)
                # Checked only where it pays: a big shape is a few rings (the rule costs a few
                # µs a ring), while thousands of small zones each save the enum conversion.
                simple = shapely.get_num_coordinates(g) <= 512 and bool(shapely.is_valid(g))
            e.simple[tolerance] = simple
            a = e.lods[tolerance] = geometry_arrays(g)
        return a


    def simplified(self, key: str, geom: BaseGeometry, tolerance: float) -> BaseGeometry:
        """The projected shape simplified to `tolerance`, kept valid (for overlays computed
        with set operations, which need valid input)."""
        e = self.entry(key, geom)
        g = e.valid_lods.get(tolerance)
        if g is None:
            g = e.projected
            if tolerance > 0 and shapely.get_num_coordinates(g) > 64:
                g = shapely.simplify(g, tolerance, preserve_topology=True)
            g = e.valid_lods[tolerance] = g
        return g

    def build(self, items: list[tuple[str, BaseGeometry]], tolerance: float) -> None:
        """`arrays` at `tolerance` for many entries at once: the same arrays, from a few
        vectorized shapely calls instead of a dozen per zone (2,000 zones crossing into a new
        level of detail took 150 ms one by one)."""
        todo = [e for e in (self.entry(k, g) for k, g in items) if tolerance not in e.lods]
        if len(todo) < 16:
            return
        geoms = np.array([e.projected for e in todo], dtype=object)
        count = shapely.get_num_coordinates(geoms)
        simplify = count > 64 if tolerance > 0 else np.zeros(len(todo), bool)
        done = geoms.copy()
        simple = np.ones(len(todo), bool)
        if simplify.any():
            done[simplify] = shapely.simplify(geoms[simplify], tolerance, preserve_topology=False)
            check = simplify & (shapely.get_num_coordinates(done) <= 512)  # see `arrays`
            simple[simplify] = False
            simple[check] = shapely.is_valid(done[check])
        parts, part_of = shapely.get_parts(done, return_index=True)
        if len(parts) == 0 or (shapely.get_type_id(parts) != 3).any():
            return  # lines or points among them: left to `arrays`, one by one
        rings, ring_of = shapely.get_rings(shapely.orient_polygons(parts), return_index=True)
        xy, coord_of = shapely.get_coordinates(rings, return_index=True)
        connect = np.empty(len(coord_of), np.int32)
        connect[:-1] = coord_of[1:] == coord_of[:-1]
        connect[-1:] = 0
        owner = part_of[ring_of[coord_of]]  # ascending: parts, rings and coordinates keep order
        cuts = np.searchsorted(owner, np.arange(len(todo) + 1))
        x, y = xy[:, 0].copy(), xy[:, 1].copy()
        for i, e in enumerate(todo):
            a, b = cuts[i], cuts[i + 1]
            e.lods[tolerance] = (x[a:b], y[a:b], connect[a:b]) if b > a else EMPTY
            e.simple[tolerance] = bool(simple[i])

    def shape(self, key: str, geom: BaseGeometry, tolerance: float) -> Shape:
        e = self.entry(key, geom)
        sh = e.shapes.get(tolerance)
        if sh is None:
            a = self.arrays(key, geom, tolerance)
            sh = e.shapes[tolerance] = Shape(a, e.holes, e.simple.get(tolerance, False))
        return sh
