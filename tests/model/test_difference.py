"""Windowed differences give what a whole overlay gives: same areas, same region."""
from __future__ import annotations

import json

import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as hst
from shapely.geometry import MultiPolygon, Polygon, box, shape

from desktop.model.difference import differences
from desktop.model.geodesy import GEOD, area_km2, areas_km2
from desktop.model.geometry import repair_polygonal


def pyproj_km2(g) -> float:
    """pyproj's own walk over the shape: what `area_km2` must equal to the last bit."""
    if g.is_empty:
        return 0.0
    return abs(GEOD.geometry_area_perimeter(shapely.orient_polygons(g))[0]) / 1e6


def _same(a, b) -> None:
    gained, lost = differences(a, b)
    want_g, want_l = shapely.difference(b, a), shapely.difference(a, b)
    assert area_km2(gained) == pytest.approx(area_km2(want_g), rel=1e-9, abs=1e-9)
    assert area_km2(lost) == pytest.approx(area_km2(want_l), rel=1e-9, abs=1e-9)
    # The same region, not just the same amount of it (and no piece counted twice).
    assert shapely.symmetric_difference(gained, want_g).area <= 1e-12 + 1e-9 * want_g.area
    assert shapely.symmetric_difference(lost, want_l).area <= 1e-12 + 1e-9 * want_l.area
    assert sum(p.area for p in shapely.get_parts(gained)) == pytest.approx(want_g.area, rel=1e-9, abs=1e-15)
    # The fast geodesic area of the pieces is pyproj's, bit for bit.
    for g in (gained, lost, want_g, want_l, a, b):
        assert area_km2(g) == pyproj_km2(g)
    # Captions measure both pieces in one pass: the same figures.
    assert areas_km2([gained, lost, a, b]).tolist() == [area_km2(g) for g in (gained, lost, a, b)]


def test_consecutive_real_fronts(shared_data):
    """Weekly DeepState fronts: most edges shared, changes spread along 1,000 km."""
    folder = shared_data / "frontline" / "deepstate_cyterat_weekly"
    files = sorted(folder.glob("*.geojson"))[40:52]
    if len(files) < 2:
        pytest.skip("series not found")
    geoms = []
    for f in files:
        feats = json.loads(f.read_text(encoding="utf-8"))["features"]
        g = shapely.force_2d(shapely.union_all([shape(x["geometry"]) for x in feats]))
        geoms.append(repair_polygonal(g)[0])
    for a, b in zip(geoms, geoms[1:]):
        _same(a, b)


def test_identical_disjoint_nested_and_holes():
    sq = box(0, 0, 1, 1)
    _same(sq, Polygon(list(reversed(sq.exterior.coords))))  # same shape, other winding
    assert all(g.is_empty for g in differences(sq, box(0, 0, 1, 1)))
    _same(sq, box(2, 2, 3, 3))  # disjoint
    _same(box(0, 0, 3, 3), box(1, 1, 2, 2))  # nested
    _same(box(0, 0, 1, 1), box(1, 0, 2, 1))  # a shared edge, opposite directions
    holed = Polygon(box(0, 0, 4, 4).exterior.coords, [box(1, 1, 2, 2).exterior.coords])
    _same(box(0, 0, 4, 4), holed)  # a hole opens
    _same(holed, Polygon(box(0, 0, 4, 4).exterior.coords, [box(1, 1, 3, 2).exterior.coords]))


cells = hst.sets(hst.tuples(hst.integers(0, 5), hst.integers(0, 5)), min_size=1, max_size=20)


def _grid(cs) -> Polygon | MultiPolygon:
    # Unit cells unioned: many shared edges and vertices, holes and touching corners.
    return shapely.union_all([box(x * 0.01 + 37, y * 0.01 + 48, (x + 1) * 0.01 + 37, (y + 1) * 0.01 + 48)
                              for x, y in cs])


@given(cells, cells)
def test_matches_overlay_on_grids(c1, c2):
    _same(_grid(c1), _grid(c2))


@given(cells, hst.sets(hst.tuples(hst.integers(0, 5), hst.integers(0, 5)), max_size=4))
def test_matches_overlay_on_small_edits(c1, flip):
    """A shape and a copy with a few cells added or removed, as a week's edit does."""
    c2 = set(c1) ^ set(flip) or set(c1)
    _same(_grid(c1), _grid(c2))


@given(cells, cells)
def test_one_lookup_marks_the_same_shared_edges_as_two(c1, c2):
    """`_shared` answers both sides from one hash look-up; each side looked up on its own
    (`_in`) must find the very same shared edges, also when a side's hashes repeat (forced
    here, as a collision would), where `_shared` falls back to two look-ups."""
    from desktop.model.difference import _Edges, _in, _shared
    a, b = _Edges(_grid(c1)), _Edges(_grid(c2))
    for forced in (False, True):
        if forced:
            b.unique = False
        in_a, in_b = _shared(a, b)
        assert (in_a == _in(a, b)).all() and (in_b == _in(b, a)).all()
        # and `_in` itself is exact: shared means the same four coordinates
        have = {tuple(s) for s in b.seg.tolist()}
        assert in_a.tolist() == [tuple(s) in have for s in a.seg.tolist()]
