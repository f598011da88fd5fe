"""`geometry.sample_crossings`: a cheap estimate of a polygon's crossings (issue 20, item 1), which
decides whether a repair is cheap, needs a bounded child process, or is refused at once."""
from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import Point, Polygon

from desktop.model.geometry import crossing_estimate, repair_polygonal, sample_crossings


def scribble(n: int, seed: int = 1) -> Polygon:
    pts = np.random.default_rng(seed).uniform([30.0, 47.0], [31.0, 48.0], size=(n, 2))
    return shapely.polygons(np.vstack([pts, pts[:1]]))


def test_valid_shapes_have_none():
    assert sample_crossings(Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])) == (0, None)
    ring = [(np.cos(a), np.sin(a)) for a in np.linspace(0, 2 * np.pi, 5000, endpoint=False)]
    assert crossing_estimate(Polygon(ring)) == 0
    assert crossing_estimate(Polygon()) == 0


def test_a_bow_tie_is_found_in_a_small_shape_and_its_point_is_the_crossing():
    c, point = sample_crossings(Polygon([(0, 0), (2, 2), (2, 0), (0, 2)]), samples=2000)
    assert c >= 1 and point is not None
    assert Point(point).distance(Point(1, 1)) < 1e-9


def test_a_scribble_grows_as_the_square_of_its_vertices():
    small, large = crossing_estimate(scribble(1_000)), crossing_estimate(scribble(10_000))
    assert 50_000 < small < 200_000
    assert 60 < large / small < 160  # ten times the vertices, about a hundred times the crossings
    c, point = sample_crossings(scribble(200_000))
    assert c > 10**9 and point is not None


def test_the_sample_is_milliseconds_whatever_the_size():
    import time
    poly = scribble(200_000)
    t = time.perf_counter()
    crossing_estimate(poly)
    assert time.perf_counter() - t < 0.5


def test_repair_polygonal_is_unchanged():
    out, warnings = repair_polygonal(Polygon([(0, 0), (2, 2), (2, 0), (0, 2)]))
    assert out.is_valid and out.geom_type == "MultiPolygon" and abs(out.area - 2.0) < 1e-9
    assert warnings and warnings[0].startswith("invalid geometry repaired (Self-intersection")
