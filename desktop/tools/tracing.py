"""Tracing: the segment between two clicks follows the nearest line on the map (QGIS's T).

The lines are the basemap's (railways, streets, rivers, town outlines, borders: the window gives
them through `ToolContext.trace_lines`) and the edges of the zones shown. Around the two points
they are noded into one network (`unary_union` splits every line where lines cross or touch),
each point is put on its nearest line within the snapping tolerance, the lines under them are
cut there, and Dijkstra finds the shortest way along the network. No line near either point, or
no way between them: None, and the caller draws the straight segment as before.

Distances are measured in a local equirectangular frame (x scaled by cos(latitude)) so that the
shortest path is shortest on the ground, not in degrees.
"""
from __future__ import annotations

import heapq
import math
from typing import Callable, Iterable

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import substring, unary_union

Coord = tuple[float, float]
Bbox = tuple[float, float, float, float]
LinesProvider = Callable[[Bbox], list[BaseGeometry]]

# How far past the two points the network is gathered, as a share of their distance: a traced
# way may swing out (a railway's curve, a town's outline) but rarely by more than this.
MARGIN = 0.5


def trace_bbox(a: Coord, b: Coord, tolerance: float) -> Bbox:
    """The lon/lat box searched for lines between `a` and `b`."""
    pad = MARGIN * math.hypot(b[0] - a[0], b[1] - a[1]) + 2 * tolerance
    return (min(a[0], b[0]) - pad, min(a[1], b[1]) - pad, max(a[0], b[0]) + pad, max(a[1], b[1]) + pad)


def as_lines(geoms: Iterable[BaseGeometry]) -> list[BaseGeometry]:
    """Polygons become their outlines; lines stay; points and empties go."""
    out: list[BaseGeometry] = []
    for g in geoms:
        if g is None or g.is_empty:
            continue
        if g.geom_type in ("Polygon", "MultiPolygon"):
            g = g.boundary
        if g.geom_type in ("LineString", "LinearRing", "MultiLineString"):
            out.append(g)
    return out


def trace(lines: Iterable[BaseGeometry], a: Coord, b: Coord, tolerance: float) -> list[Coord] | None:
    """The way from `a` to `b` along `lines` (lon/lat), both ends put on the lines, or None.

    None when either point is farther than `tolerance` (degrees) from every line, or the two
    lines are not connected."""
    geoms = as_lines(lines)
    if not geoms or tolerance <= 0 or a == b:
        return None
    k = math.cos(math.radians((a[1] + b[1]) / 2))  # lon degrees -> ground, relative to lat
    to_local = lambda xy: xy * np.array([k, 1.0])  # noqa: E731
    local = [shapely.transform(g, to_local) for g in geoms]
    net = unary_union(local)
    edges = list(net.geoms) if isinstance(net, MultiLineString) else [net]
    edges = [e for e in edges if e.geom_type == "LineString" and e.length > 0]
    if not edges:
        return None
    pa, pb = Point(a[0] * k, a[1]), Point(b[0] * k, b[1])
    tol = tolerance  # in latitude degrees, the local frame's unit
    ia, ib = _nearest_edge(edges, pa, tol), _nearest_edge(edges, pb, tol)
    if ia is None or ib is None:
        return None
    da, db = edges[ia].project(pa), edges[ib].project(pb)
    if ia == ib:
        # Both on one edge: the stretch between them (a way round via the rest of the network
        # would be the longer one except on a loop, where the direct stretch is still the
        # natural reading of two clicks on one line).
        path = list(substring(edges[ia], da, db).coords)
    else:
        path = _shortest(edges, ia, da, ib, db)
        if path is None:
            return None
    if len(path) < 2:
        return None
    return [(x / k, y) for x, y in path]


def _nearest_edge(edges: list[LineString], p: Point, tol: float) -> int | None:
    best, best_d = None, tol
    for i, e in enumerate(edges):
        d = e.distance(p)
        if d <= best_d:
            best, best_d = i, d
    return best


def _shortest(edges: list[LineString], ia: int, da: float, ib: int, db: float) -> list[Coord] | None:
    """Dijkstra over the noded edges, with the two end edges cut at the points."""
    graph: dict[Coord, list[tuple[Coord, float, list[Coord]]]] = {}

    def add(line: LineString) -> None:
        cs = [tuple(c) for c in line.coords]
        if len(cs) < 2 or line.length == 0:
            return
        u, v = cs[0], cs[-1]
        graph.setdefault(u, []).append((v, line.length, cs))
        graph.setdefault(v, []).append((u, line.length, cs[::-1]))

    start, goal = ("a",), ("b",)  # sentinel nodes: never a coordinate
    for i, e in enumerate(edges):
        if i not in (ia, ib):
            add(e)
    for i, d, node in ((ia, da, start), (ib, db, goal)):
        e = edges[i]
        before, after = substring(e, 0, d), substring(e, d, e.length)
        for part in (before, after):
            if part.geom_type == "LineString" and part.length > 0:
                cs = [tuple(c) for c in part.coords]
                # Orient the part to run from the point (`node`) to the edge's end.
                cs = cs[::-1] if part is before else cs
            else:
                # The point is the edge's end node (a snapped junction): a link of no length,
                # so the ways through that node start here too.
                cs = [tuple(e.coords[0] if part is before else e.coords[-1])]
            end = cs[-1]
            w = part.length if len(cs) > 1 else 0.0
            graph.setdefault(node, []).append((end, w, cs))  # type: ignore[arg-type]
            graph.setdefault(end, []).append((node, w, cs[::-1]))  # type: ignore[arg-type]
    dist: dict[Coord, float] = {start: 0.0}  # type: ignore[dict-item]
    back: dict[Coord, tuple[Coord, list[Coord]]] = {}
    heap: list[tuple[float, int, Coord]] = [(0.0, 0, start)]  # type: ignore[list-item]
    n = 0
    while heap:
        d, _, u = heapq.heappop(heap)
        if u == goal:
            break
        if d > dist.get(u, math.inf):
            continue
        for v, w, cs in graph.get(u, ()):
            nd = d + w
            if nd < dist.get(v, math.inf):
                dist[v] = nd
                back[v] = (u, cs)
                n += 1
                heapq.heappush(heap, (nd, n, v))
    if goal not in back:
        return None
    pieces: list[list[Coord]] = []
    node = goal
    while node != start:
        node, cs = back[node][0], back[node][1]
        pieces.append(cs)
    path: list[Coord] = []
    for cs in reversed(pieces):
        path.extend(cs if not path else cs[1:])
    return path


def trace_in_context(provider: LinesProvider | None, extra: Iterable[BaseGeometry], a: Coord, b: Coord,
                     tolerance: float) -> list[Coord] | None:
    """`trace` over the provider's lines near the two points plus `extra` (zone shapes)."""
    box_ = trace_bbox(a, b, tolerance)
    lines = list(provider(box_)) if provider is not None else []
    return trace(lines + list(extra), a, b, tolerance)


def snap_to_lines(lines: Iterable[BaseGeometry], x: float, y: float, tolerance: float,
                  edges: bool) -> Coord | None:
    """The nearest vertex of `lines` within `tolerance`, else (when `edges`) the nearest point
    on them: snapping that reaches the basemap's railways, streets, rivers and outlines."""
    geoms = as_lines(lines)
    if not geoms or tolerance <= 0:
        return None
    coords = np.concatenate([shapely.get_coordinates(g) for g in geoms])
    d2 = (coords[:, 0] - x) ** 2 + (coords[:, 1] - y) ** 2
    i = int(np.argmin(d2))
    if d2[i] <= tolerance * tolerance:
        return (float(coords[i, 0]), float(coords[i, 1]))
    if not edges:
        return None
    p = Point(x, y)
    near = min(geoms, key=p.distance)
    if near.distance(p) > tolerance:
        return None
    q = near.interpolate(near.project(p))
    return (q.x, q.y)
