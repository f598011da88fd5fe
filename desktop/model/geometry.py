"""Geometry hygiene: repair, keep the polygonal part, snap, split."""
from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import split as shapely_split

# Below this area (square degrees, about 1 m² at 48°N) a piece left by clipping is a sliver.
SLIVER_DEG2 = 1e-10


class GeometryError(ValueError):
    pass


def polygonal(geom: BaseGeometry | None) -> BaseGeometry:
    """The polygons of `geom` as a Polygon or MultiPolygon (empty Polygon if none), no slivers."""
    if geom is None or geom.is_empty:
        return Polygon()
    parts = [p for p in shapely.get_parts(geom) if isinstance(p, (Polygon, MultiPolygon))]
    polys: list[Polygon] = []
    for p in parts:
        polys.extend(shapely.get_parts(p))
    polys = [p for p in polys if p.area > SLIVER_DEG2]
    if not polys:
        return Polygon()
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


# Every repair is bounded by construction: `make_valid` costs what the shape's self-crossings
# cost (GEOS repairs 10,000-60,000 a second: a 1,000-point scribble has about 100,000 and takes
# seconds, a 200,000-point one billions and would take days and tens of GB), so a shape with more
# estimated crossings than this is refused in milliseconds instead. About a second or two of
# repair at worst; a real shape with a bow-tie or a fold has a handful. (An import repairs beyond
# this bound, within the user's budget, in a child process it can stop: `repair_budget`.)
MAX_REPAIR_CROSSINGS = 20_000
# Above this many vertices a shape is sampled for crossings before GEOS's own validity check,
# which is slow for a scribble (16 s at 200,000 vertices): a crossing found proves it invalid.
SAMPLE_ABOVE = 5_000


class RepairTooCostly(GeometryError):
    """A self-intersecting shape with too many crossings to repair here; said in one line."""


def _crossing_words(c: int) -> str:
    if c >= 10**9:
        return f"about {c / 1e9:.1f} billion"
    if c >= 10**6:
        return f"about {c / 1e6:.1f} million"
    return f"about {c:,}"


def _samples(n: int) -> int:
    """Pairs sampled for a shape of `n` segments: more for larger shapes, so the estimate's
    resolution (about n²/2 over the samples) stays well under the bound (0.1 s at 400,000)."""
    return int(min(max(20_000, 2 * n), 400_000))


def validity(geom: BaseGeometry) -> tuple[bool, str, int | None]:
    """(valid?, GEOS's reason, the crossing estimate when one was made), in milliseconds for a
    large scribble: a shape of more than `SAMPLE_ABOVE` vertices is sampled for crossings first,
    and one found proves it invalid without GEOS's check."""
    if int(shapely.get_num_coordinates(geom)) > SAMPLE_ABOVE:
        c, point = sample_crossings(geom)
        if point is not None:
            return False, f"Self-intersection[{point[0]:.15g} {point[1]:.15g}]", c
    if geom.is_valid:
        return True, "Valid Geometry", None
    return False, shapely.is_valid_reason(geom), None


def repair_guard(geom: BaseGeometry, max_crossings: int = MAX_REPAIR_CROSSINGS) -> None:
    """RepairTooCostly, in milliseconds, when repairing `geom` would cross more than
    `max_crossings` of its segments' crossings; nothing when it is cheap (or valid)."""
    n = int(shapely.get_num_coordinates(geom))
    if n < 8:
        return
    c, point = sample_crossings(geom, _samples(n))
    if point is not None and c > max_crossings:
        raise RepairTooCostly(f"a self-intersecting polygon of {n:,} vertices, {_crossing_words(c)} self-crossings: "
                              f"too costly to repair (bound {max_crossings:,} crossings)")


def repair_polygonal(geom: BaseGeometry, max_crossings: int | None = MAX_REPAIR_CROSSINGS
                     ) -> tuple[BaseGeometry, list[str]]:
    """Make a zone geometry valid; say what was done. Never drops a valid area. A shape whose
    repair would cost more than `max_crossings` crossings raises RepairTooCostly at once (None:
    no bound, for a caller that bounds the repair itself, as the import's child process does)."""
    warnings: list[str] = []
    if geom.has_z:
        geom = shapely.force_2d(geom)
    valid, reason, _ = validity(geom) if max_crossings is not None else (geom.is_valid, "", None)
    if not valid:
        if max_crossings is not None:
            repair_guard(geom, max_crossings)
        reason = reason or shapely.is_valid_reason(geom)
        geom = shapely.make_valid(geom, method="structure", keep_collapsed=False)
        warnings.append(f"invalid geometry repaired ({reason})")
    out = polygonal(geom)
    if out.is_empty:
        raise GeometryError("geometry has no area")
    return out, warnings


def _segments(geom: BaseGeometry) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every ring's segments of a (Multi)Polygon: starts, ends, and each one's ring number."""
    rings = []
    for poly in shapely.get_parts(geom):
        if isinstance(poly, Polygon) and not poly.is_empty:
            rings.append(shapely.get_coordinates(poly.exterior))
            rings.extend(shapely.get_coordinates(r) for r in poly.interiors)
    rings = [r for r in rings if len(r) >= 2]
    if not rings:
        empty = np.empty((0, 2))
        return empty, empty, np.empty(0, dtype=np.int64)
    starts = np.concatenate([r[:-1] for r in rings])
    ends = np.concatenate([r[1:] for r in rings])
    ring = np.concatenate([np.full(len(r) - 1, k) for k, r in enumerate(rings)])
    return starts, ends, ring


def sample_crossings(geom: BaseGeometry, samples: int = 20_000,
                     seed: int = 0) -> tuple[int, tuple[float, float] | None]:
    """About how many proper crossings the rings of a (Multi)Polygon have among their segments,
    from `samples` random pairs (a few milliseconds whatever the size), and one crossing point
    found (None when the sample met none). What repairing costs grows with the crossings: a real
    shape with a bow-tie has a handful, a scribble of random points a number that grows as the
    square of its vertices. Zero means few, not none; a point found proves the shape invalid
    (two segments cross), which for a large scribble is far cheaper than `is_valid`."""
    a, b, _ring = _segments(geom)
    n = len(a)
    if n < 4:
        return 0, None
    rng = np.random.default_rng(seed)
    i = rng.integers(0, n, samples)
    j = rng.integers(0, n, samples)
    p1, p2, q1, q2 = a[i], b[i], a[j], b[j]

    def side(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> np.ndarray:
        return np.sign((q[:, 0] - p[:, 0]) * (r[:, 1] - p[:, 1]) - (q[:, 1] - p[:, 1]) * (r[:, 0] - p[:, 0]))

    # Strictly on both sides of each other: segments sharing an end (neighbours) never count.
    crossing = (side(p1, p2, q1) * side(p1, p2, q2) < 0) & (side(q1, q2, p1) * side(q1, q2, p2) < 0)
    hits = np.flatnonzero(crossing)
    if not len(hits):
        return 0, None
    k = hits[0]
    d1, d2 = p2[k] - p1[k], q2[k] - q1[k]
    t = ((q1[k][0] - p1[k][0]) * d2[1] - (q1[k][1] - p1[k][1]) * d2[0]) / (d1[0] * d2[1] - d1[1] * d2[0])
    point = p1[k] + t * d1
    return max(1, int(round(len(hits) / samples * n * (n - 1) / 2))), (float(point[0]), float(point[1]))


def crossing_estimate(geom: BaseGeometry, samples: int = 20_000, seed: int = 0) -> int:
    """`sample_crossings`' estimate alone."""
    return sample_crossings(geom, samples, seed)[0]


def snap(geom: BaseGeometry, reference: BaseGeometry | None, tolerance: float) -> BaseGeometry:
    """Snap vertices of `geom` to the vertices and edges of `reference` within `tolerance`."""
    if reference is None or reference.is_empty or tolerance <= 0:
        return geom
    return shapely.snap(geom, reference, tolerance)


def split_polygon(geom: BaseGeometry, line: LineString) -> list[BaseGeometry]:
    """Split a (Multi)Polygon by a line; parts largest first. One part if the line misses."""
    pieces: list[BaseGeometry] = []
    for part in shapely.get_parts(geom):
        pieces.extend(shapely.get_parts(shapely_split(part, line)))
    pieces = [p for p in pieces if p.area > SLIVER_DEG2]
    pieces.sort(key=lambda p: -p.area)
    return pieces


