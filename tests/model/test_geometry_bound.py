"""Issue 20: every repair is bounded by construction. `geometry.repair_polygonal` estimates a
shape's self-crossings before `make_valid` and refuses, in milliseconds, a shape that would cost
more than its bound (a scribble), so every caller (edits, opening a file, exports) is bounded in
time; a real shape with a bow-tie is still repaired."""
from __future__ import annotations

import time
from datetime import date

import numpy as np
import pytest
import shapely
from hypothesis import given, strategies as st
from shapely.geometry import Polygon

from desktop.model import geometry
from desktop.model.geometry import MAX_REPAIR_CROSSINGS, GeometryError, RepairTooCostly, repair_polygonal, validity
from support.hostile_files import bow_tie_front, scribble


@pytest.mark.parametrize("n", [1_000, 10_000, 200_000])
def test_a_scribble_is_refused_at_once_with_its_size_and_crossings(n):
    poly = shapely.polygons(scribble(n))
    t = time.perf_counter()
    with pytest.raises(RepairTooCostly) as e:
        repair_polygonal(poly)
    took = time.perf_counter() - t
    # make_valid on the 1,000-point one alone takes seconds (about 100,000 crossings); 200,000: days.
    assert took < 3, took
    msg = str(e.value)
    assert f"{n + 1:,} vertices" in msg and "self-crossings: too costly to repair" in msg
    assert f"bound {MAX_REPAIR_CROSSINGS:,} crossings" in msg


def test_a_long_front_line_with_one_bow_tie_is_repaired():
    poly = shapely.polygons(bow_tie_front(200_000))
    fixed, said = repair_polygonal(poly)
    assert fixed.is_valid and not fixed.is_empty and "Self-intersection" in said[0]
    assert abs(fixed.area - poly.buffer(0).area) < 1e-6 * poly.buffer(0).area + 1e-9


def test_the_bound_is_the_callers_and_none_means_the_caller_bounds_it():
    poly = shapely.polygons(scribble(300))  # a few thousand crossings: a fraction of a second
    with pytest.raises(RepairTooCostly):
        repair_polygonal(poly, max_crossings=100)
    fixed, _ = repair_polygonal(poly, max_crossings=None)
    assert fixed.is_valid


def test_a_large_scribble_is_known_invalid_without_gevalid():
    poly = shapely.polygons(scribble(200_000))
    t = time.perf_counter()
    valid, reason, crossings = validity(poly)
    assert time.perf_counter() - t < 2  # GEOS's is_valid: about 16 s
    assert not valid and reason.startswith("Self-intersection[") and crossings > 10**9


def test_a_shape_with_no_area_is_still_a_geometry_error_not_a_refusal():
    flat = Polygon([(0, 0), (1, 1), (2, 2), (0, 0)])
    with pytest.raises(GeometryError) as e:
        repair_polygonal(flat)
    assert not isinstance(e.value, RepairTooCostly)


@given(n=st.integers(4, 60), seed=st.integers(0, 1000))
def test_small_shapes_are_repaired_as_before(n, seed):
    # Under the bound nothing changes: the result is make_valid's, as without a guard.
    pts = np.random.default_rng(seed).uniform(0, 1, size=(n, 2))
    poly = shapely.polygons(np.vstack([pts, pts[:1]]))
    try:
        guarded = repair_polygonal(poly)
    except GeometryError as e:
        assert not isinstance(e, RepairTooCostly)
        with pytest.raises(GeometryError):
            repair_polygonal(poly, max_crossings=None)
        return
    assert guarded[0].equals(repair_polygonal(poly, max_crossings=None)[0])


def test_edits_are_bounded_through_the_guard():
    # `edits` calls repair_polygonal with its default bound: a scribble drawn or pasted is refused.
    from desktop.model import CommandStack, add_assessment, create_zone
    from desktop.model.edits import EditError
    from desktop.model.project import Project
    project = Project()
    stack = CommandStack(project)
    cmd, aid = add_assessment(project, "Ours")
    stack.push(cmd)
    t = time.perf_counter()
    with pytest.raises(EditError) as e:
        create_zone(project, name="s", assessment_id=aid, geometry=shapely.polygons(scribble(20_000)),
                    status="ru_control", as_of=date(2025, 1, 6))
    assert time.perf_counter() - t < 3
    assert "too costly to repair" in str(e.value)
    assert geometry.MAX_REPAIR_CROSSINGS > 1000  # (a bow-tie or a fold is far under it)
