"""Both differences of two versions of a shape, computed only where their boundaries differ.

Consecutive weekly fronts share ~96% of their edges. GEOS nodes every edge of both inputs for an
overlay, and long runs of identical edges are its slowest case (~12 ms for two 3,000-vertex
fronts). Here the inputs are first cut down to small windows around the edges that differ, and
the differences are computed window by window: same result, a fraction of the work.

Why the windows are enough: orient both shapes the same way (exteriors counter-clockwise).
Along an edge present in both with the same direction, both shapes lie on the same side, so no
part of a − b or b − a can be bounded by it. Every part of the differences is therefore bounded
by edges found in only one shape, and lies inside the bounding box of those edges. Boxes of
differing edges that touch are merged until the boxes are disjoint, so each part lies in exactly
one box and the pieces found box by box are exactly the differences.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from desktop.model.lru import LRU

# Windows grow by this fraction of the data's extent (plus an absolute floor), so their edges
# cut only through parts the two shapes share, away from the differing edges.
_MARGIN = 1e-6
# Past this many windows, one overlay of the whole shapes is as cheap.
_MAX_WINDOWS = 400
# Runs of differing edges compared pairwise (n² memory): past this, one overlay instead.
_MAX_BOXES = 2000


def _segments(geom: BaseGeometry) -> np.ndarray:
    """(n, 4) x0 y0 x1 y1 of every ring edge in ring order, rings oriented (exteriors
    counter-clockwise), and the (n,) ring index of each edge."""
    parts = shapely.get_parts(shapely.orient_polygons(geom))
    rings = shapely.get_rings(parts)
    if len(rings) == 0:
        return np.zeros((0, 4)), np.zeros(0, np.int64)
    xy, idx = shapely.get_coordinates(rings, return_index=True)
    same = idx[1:] == idx[:-1]
    return np.ascontiguousarray(np.column_stack([xy[:-1][same], xy[1:][same]])), idx[:-1][same]


def _hash(s: np.ndarray) -> np.ndarray:
    bits = s.view(np.uint64)
    k = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5],
                 np.uint64)
    h = bits * k
    return h[:, 0] ^ (h[:, 1] >> np.uint64(7)) ^ (h[:, 2] << np.uint64(11)) ^ (h[:, 3] >> np.uint64(3))


class _Edges:
    """A shape's oriented edges with their hashes, sorted for look-ups, and what the run boxes
    need: what `differences` needs of each side. A replay compares week 1 with 2, then 2 with
    3: each shape is one pair's new side and the next pair's old side, so it is prepared once
    (see `_edges`), and as much as possible is done here rather than per pair (each numpy call
    on these ~1,500-edge arrays costs microseconds, and a replay makes thousands)."""

    __slots__ = ("seg", "ring", "hash", "order", "sorted", "unique", "boxes", "ring_start", "bounds")

    def __init__(self, geom: BaseGeometry) -> None:
        self.seg, self.ring = _segments(geom)
        self.hash = _hash(self.seg) if len(self.seg) else np.zeros(0, np.uint64)
        self.order = np.argsort(self.hash, kind="stable")
        self.sorted = self.hash[self.order]
        self.unique = not (self.sorted[1:] == self.sorted[:-1]).any()
        s = self.seg
        # Each edge's box (x0, y0, x1, y1), and where a new ring starts (a run never spans two).
        self.boxes = np.column_stack([np.minimum(s[:, 0], s[:, 2]), np.minimum(s[:, 1], s[:, 3]),
                                      np.maximum(s[:, 0], s[:, 2]), np.maximum(s[:, 1], s[:, 3])])
        self.ring_start = np.r_[True, self.ring[1:] != self.ring[:-1]] if len(s) else np.zeros(0, bool)
        # Every vertex starts an edge (rings are closed), so these are the coordinates' extents.
        self.bounds = (s[:, 0].min(), s[:, 1].min(), s[:, 0].max(), s[:, 1].max()) if len(s) else None


_EDGES = LRU(64)  # id(geometry) -> (geometry, _Edges); thread-safe: replay captions run on a worker


def _edges(geom: BaseGeometry) -> _Edges:
    """`_Edges(geom)`, remembered for the very same (immutable) geometry object."""
    key = id(geom)
    hit = _EDGES.get(key)
    if hit is not None and hit[0] is geom:
        return hit[1]
    e = _Edges(geom)
    _EDGES.put(key, (geom, e))  # holding the geometry keeps its id from being reused
    return e


def _shared(a: _Edges, b: _Edges) -> tuple[np.ndarray, np.ndarray]:
    """Which edges of `a` are edges of `b`, and which of `b` are edges of `a` (exact
    coordinates). A hash finds the candidates and the coordinates confirm them, so a collision
    can only call a shared edge different (which costs a larger window, never a wrong answer).
    The look-ups go in hash order (sorted keys search faster) and only the hash hits are
    compared. When `b`'s hashes are all distinct (valid shapes never repeat a directed edge),
    each match found for `a` is also the one for `b`, so one look-up serves both sides."""
    na, nb = len(a.seg), len(b.seg)
    if na == 0 or nb == 0:
        return np.zeros(na, bool), np.zeros(nb, bool)
    if not b.unique:
        return _in(a, b), _in(b, a)
    hs = b.sorted
    i = np.searchsorted(hs, a.sorted)
    np.minimum(i, nb - 1, out=i)
    hit = hs[i] == a.sorted
    mine, theirs = a.order[hit], b.order[i[hit]]
    p, q = b.seg[theirs], a.seg[mine]
    same = (p[:, 0] == q[:, 0]) & (p[:, 1] == q[:, 1]) & (p[:, 2] == q[:, 2]) & (p[:, 3] == q[:, 3])
    in_a, in_b = np.zeros(na, bool), np.zeros(nb, bool)
    in_a[mine[same]] = True
    in_b[theirs[same]] = True
    return in_a, in_b


def _in(a: _Edges, b: _Edges) -> np.ndarray:
    """Which edges of `a` are edges of `b` (see `_shared`)."""
    if len(a.seg) == 0 or len(b.seg) == 0:
        return np.zeros(len(a.seg), bool)
    hs = b.sorted
    i = np.searchsorted(hs, a.sorted)
    np.minimum(i, len(hs) - 1, out=i)
    hit = hs[i] == a.sorted
    mine = a.order[hit]
    p, q = b.seg[b.order[i[hit]]], a.seg[mine]
    same = (p[:, 0] == q[:, 0]) & (p[:, 1] == q[:, 1]) & (p[:, 2] == q[:, 2]) & (p[:, 3] == q[:, 3])
    out = np.zeros(len(a.seg), bool)
    out[mine[same]] = True
    return out


def _run_boxes(e: _Edges, differs: np.ndarray) -> np.ndarray:
    """One box per run of consecutive differing edges of a ring (they join end to end)."""
    if not differs.any():
        return np.zeros((0, 4))
    new_run = differs.copy()
    new_run[1:] &= ~differs[:-1] | e.ring_start[1:]
    # Where each run starts among the differing edges.
    first = (np.cumsum(differs) - 1)[new_run]
    b = e.boxes[differs]
    out = np.minimum.reduceat(b, first, axis=0)
    out[:, 2:] = np.maximum.reduceat(b[:, 2:], first, axis=0)
    return out


def _merge_boxes(boxes: np.ndarray) -> np.ndarray:
    """Unions of the boxes that touch, repeated until no two result boxes touch."""
    while len(boxes) > 1:
        x0, y0, x1, y1 = (boxes[:, k] for k in range(4))
        touch = (x0[:, None] <= x1[None, :]) & (x0[None, :] <= x1[:, None]) \
            & (y0[:, None] <= y1[None, :]) & (y0[None, :] <= y1[:, None])
        # Connected groups: each box takes the smallest label among those it touches, until
        # nothing changes.
        labels = np.arange(len(boxes))
        while True:
            nxt = np.where(touch, labels[None, :], len(boxes)).min(axis=1)
            nxt = nxt[nxt]
            if (nxt == labels).all():
                break
            labels = nxt
        # (np.unique would import numpy.ma, 50 ms, in a command-line run)
        groups = np.flatnonzero(np.bincount(labels, minlength=len(boxes)))
        if len(groups) == len(boxes):
            break
        index = np.empty(len(boxes), np.int64)
        index[groups] = np.arange(len(groups))
        inv = index[labels]
        out = np.empty((len(groups), 4))
        out[:, :2] = np.inf
        out[:, 2:] = -np.inf
        np.minimum.at(out[:, 0], inv, x0)
        np.minimum.at(out[:, 1], inv, y0)
        np.maximum.at(out[:, 2], inv, x1)
        np.maximum.at(out[:, 3], inv, y1)
        boxes = out
    return boxes


def _collect(pieces: np.ndarray) -> BaseGeometry:
    parts = shapely.get_parts(shapely.get_parts(pieces))
    polys = parts[(shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)]
    if len(polys) == 0:
        return Polygon()
    return polys[0] if len(polys) == 1 else shapely.multipolygons(polys)


def differences(a: BaseGeometry, b: BaseGeometry) -> tuple[BaseGeometry, BaseGeometry]:
    """(b − a, a − b) of two valid (Multi)Polygons: what `b` gains over `a` and what it loses.

    The pieces are those of `shapely.difference`, possibly cut at window edges (a piece crossing
    a window edge cannot exist, see the module notes, so in practice they are the same pieces);
    the result is a Polygon or MultiPolygon whose parts do not overlap, so areas add up.
    """
    if a.is_empty or b.is_empty:
        return b, a
    ea, eb = _edges(a), _edges(b)
    in_a, in_b = _shared(ea, eb)
    boxes = np.concatenate([_run_boxes(ea, ~in_a), _run_boxes(eb, ~in_b)])
    if len(boxes) == 0:
        return Polygon(), Polygon()
    if len(boxes) > _MAX_BOXES:
        return shapely.difference(b, a), shapely.difference(a, b)
    (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = ea.bounds, eb.bounds
    span = max(float(max(ax1, bx1) - min(ax0, bx0)), float(max(ay1, by1) - min(ay0, by0)), 1e-12)
    m = span * _MARGIN
    boxes = _merge_boxes(boxes + np.array([-m, -m, m, m]))
    if len(boxes) > _MAX_WINDOWS:
        return shapely.difference(b, a), shapely.difference(a, b)
    x0, y0, x1, y1 = boxes.T
    # shapely.clip_by_rect takes one rectangle; its ufunc takes them all at once.
    n = len(boxes)
    wa = shapely.lib.clip_by_rect(np.full(n, a, dtype=object), x0, y0, x1, y1)
    wb = shapely.lib.clip_by_rect(np.full(n, b, dtype=object), x0, y0, x1, y1)
    # Clipping never makes a valid polygon invalid except in degenerate touching cases; those
    # windows are redone with a true overlay against the box.
    bad = ~(shapely.is_valid(wa) & shapely.is_valid(wb))
    if bad.any():
        rects = shapely.box(x0[bad], y0[bad], x1[bad], y1[bad])
        wa[bad] = shapely.intersection(a, rects)
        wb[bad] = shapely.intersection(b, rects)
    return _collect(shapely.difference(wb, wa)), _collect(shapely.difference(wa, wb))


_PAIRS = LRU(256)  # (old id, new id) -> (old, new, gained, lost)


def version_differences(old: Any, new: Any) -> tuple[BaseGeometry, BaseGeometry]:
    """`differences(old.geometry, new.geometry)` of two zone version records, remembered.

    The caption areas and the gains/losses overlay of a frame ask for the same pair, and a
    scrub back and forth asks again. Records are immutable (an edit makes a new one), so a hit
    needs the very same two objects, never just equal ids.
    """
    key = (old.id, new.id)
    hit = _PAIRS.get(key)
    if hit is not None and hit[0] is old and hit[1] is new:
        return hit[2], hit[3]
    gained, lost = differences(old.geometry, new.geometry)
    _PAIRS.put(key, (old, new, gained, lost))
    return gained, lost


__all__ = ["differences", "version_differences"]
