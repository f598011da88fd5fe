"""Clipping without surprises (#14, item 5): no clip leaves a part under 0.01 km² or thinner
than 10 m; such slivers go to the zone that made them, and the command says so."""
from __future__ import annotations

from datetime import date, timedelta

import shapely
from hypothesis import given, settings, strategies as st
from shapely.geometry import LineString, box

from desktop.model import (CLIP_SELF, CommandStack, EditError, Project, add_assessment, create_zone,
                           edit_zone, merge_zones, split_zone)
from desktop.model.edits import end_zone, set_version_dates
from desktop.model.geodesy import area_km2
from desktop.model.slivers import AREA_KM2, WIDTH_M, give_slivers, is_sliver, shed_slivers

D1, D2, D3 = date(2025, 11, 1), date(2025, 11, 8), date(2025, 11, 15)
OVERLAP_DEG2 = 1e-12


def _env():
    p = Project()
    st_ = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    st_.push(cmd)
    return p, st_, aid


def _draw(p, stack, aid, geom, name, status="contested", when=D1, **kw):
    cmd, zid = create_zone(p, name=name, assessment_id=aid, geometry=geom, status=status, as_of=when, **kw)
    stack.push(cmd)
    return cmd, zid


# The neighbour, "Northern Pokrovsk" in small: 4.5 km x 2.2 km north of 48 N.
NEIGHBOUR = box(37.0, 48.0, 37.06, 48.02)
# Drawn over its western two thirds, short of its northern edge by ~6.7 m (a thin strip stays),
# with a 37 m x 33 m hole (a tiny island stays) and a bar that cuts the strip off the rest.
ISLAND = box(37.01, 48.01, 37.0105, 48.0103)
CUTTER = shapely.union(box(36.99, 47.99, 37.04, 48.01994), box(37.039, 47.99, 37.04, 48.03)).difference(ISLAND)


def test_thresholds_are_constants_with_overrides():
    assert AREA_KM2 == 0.01 and WIDTH_M == 10.0
    assert is_sliver(ISLAND) and not is_sliver(ISLAND, area_km2_min=0.001)
    strip = box(37.0, 48.0, 37.04, 48.00006)  # ~3 km long, ~6.7 m wide, ~0.02 km²
    assert area_km2(strip) > AREA_KM2
    assert is_sliver(strip) and not is_sliver(strip, width_m_min=5.0)
    assert not is_sliver(NEIGHBOUR)


def test_a_part_the_analyst_drew_is_not_a_sliver_of_the_clip():
    own_tiny = box(37.1, 48.1, 37.1005, 48.1003)
    before = shapely.union(NEIGHBOUR, own_tiny)
    kept, slivers = shed_slivers(before.difference(box(36.0, 47.0, 37.03, 49.0)), before)
    assert slivers.is_empty and kept.intersects(own_tiny)
    assert kept.intersection(own_tiny).area == own_tiny.area


def test_slivers_of_a_clipped_neighbour_go_to_the_drawing_zone_and_the_message_says_so():
    p, stack, aid = _env()
    _, north = _draw(p, stack, aid, NEIGHBOUR, "Northern Pokrovsk")
    stack.push(edit_zone(p, north, D3, geometry=NEIGHBOUR.buffer(-0.0001, join_style="mitre")))
    cmd, new = _draw(p, stack, aid, CUTTER, "Grey zone")
    # Every one of its dates is clipped to one part, the kept 1.5 km x 2.2 km block.
    for v in p.versions_of(north):
        parts = list(shapely.get_parts(v.geometry))
        assert len(parts) == 1, (v.valid_from, [area_km2(x) for x in parts])
        assert not is_sliver(parts[0])
    drawn = p.versions_of(new)
    assert len(drawn) == 1
    g = drawn[0].geometry
    assert g.covers(ISLAND.buffer(-1e-7)) and g.covers(box(37.0, 48.01994, 37.039, 48.02).buffer(-1e-7))
    for a in p.state_at(D1) + p.state_at(D3):
        for b in p.state_at(D1) + p.state_at(D3):
            if a.zone_id != b.zone_id and a.valid_on(D1) == b.valid_on(D1):
                assert a.geometry.intersection(b.geometry).area < OVERLAP_DEG2
    text = " ".join(cmd.warnings)
    assert "Northern Pokrovsk" in text and "km²" in text
    given_km2 = area_km2(ISLAND) + area_km2(box(37.0, 48.01994, 37.039, 48.02))
    assert f"slivers of {given_km2:.4f} km²" in text  # island and strip, counted once
    stack.undo()
    assert len(p.versions_of(north)) == 2 and new not in p.zones


def test_clip_self_drops_its_own_slivers_and_says_so():
    p, stack, aid = _env()
    _draw(p, stack, aid, NEIGHBOUR, "Northern Pokrovsk")
    # Drawn east of it, but starting ~6.7 m inside... and a thin tongue along its southern edge.
    drawn = shapely.union(box(37.05, 48.0, 37.08, 48.02), box(37.0, 47.99994, 37.06, 48.0))
    cmd, new = _draw(p, stack, aid, drawn, "East", mode=CLIP_SELF)
    g = p.versions_of(new)[0].geometry
    assert g.intersection(NEIGHBOUR).area < OVERLAP_DEG2
    assert all(not is_sliver(x) for x in shapely.get_parts(g))
    assert g.bounds[1] >= 48.0 - 1e-12  # the tongue is gone
    assert any("dropped" in w and "Northern Pokrovsk" in w for w in cmd.warnings)


def test_give_slivers_returns_shapes_that_tile():
    kept, grown, km2 = give_slivers(NEIGHBOUR, CUTTER)
    assert km2 > 0 and kept.intersection(grown).area < OVERLAP_DEG2
    assert abs(kept.union(grown).area - NEIGHBOUR.union(CUTTER).area) < 1e-12


# -- property: any sequence of draws and reshapes with clipping --------------------------------
BASE = date(2025, 10, 1)
COARSE, FINE = 0.002, 0.00005  # ~150 x 220 m cells; nudges of ~4-6 m make thin strips and crumbs


@st.composite
def boxes(draw):
    def coord(n):
        return draw(st.integers(0, n)) * COARSE + draw(st.integers(0, 2)) * FINE
    x0, y0 = coord(4), coord(4)
    x1, y1 = x0 + COARSE * draw(st.integers(1, 3)) + draw(st.integers(0, 2)) * FINE, \
        y0 + COARSE * draw(st.integers(1, 3)) + draw(st.integers(0, 2)) * FINE
    return box(37 + x0, 48 + y0, 37 + x1, 48 + y1)


days = st.integers(0, 20).map(lambda n: BASE + timedelta(days=n))
modes = st.sampled_from(("clip_others", "clip_self"))
ops = st.one_of(
    st.tuples(st.just("create"), boxes(), days, modes),
    st.tuples(st.just("edit"), st.integers(0, 9), boxes(), days, modes),
    # Move a version's start earlier / its end later: it now covers neighbours it did not.
    st.tuples(st.just("dates"), st.integers(0, 9), st.integers(-6, 6), modes),
    # A vertical split line, on the coarse grid give or take a few metres: thin strips happen.
    st.tuples(st.just("split"), st.integers(0, 9), st.integers(0, 16), st.integers(0, 2), days),
    st.tuples(st.just("merge"), st.integers(0, 9), st.integers(0, 9), days),
)


def _other_edit(p: Project, op: tuple):
    """The command of a date change, split or merge (None when the op does not apply)."""
    zones = sorted(p.zones)
    if not zones:
        return None
    zid = zones[op[1] % len(zones)]
    if op[0] == "dates":
        v = p.versions_of(zid)[0]
        shift = timedelta(days=op[2])
        if op[2] < 0:
            return set_version_dates(p, v.id, v.valid_from + shift, v.valid_to, op[3])
        end = (v.valid_to or v.valid_from + timedelta(days=10)) + shift
        return set_version_dates(p, v.id, v.valid_from, end, op[3])
    if op[0] == "split":
        x = 37 + op[2] * COARSE / 2 + op[3] * FINE
        return split_zone(p, zid, LineString([(x, 47.9), (x, 48.1)]), op[4])[0]
    other = zones[op[2] % len(zones)]
    return merge_zones(p, [zid, other], op[3]) if other != zid else None


def _parts_ok(p: Project, drawn: list) -> None:
    """Every part of every assessed version is no sliver, or is a part the analyst drew."""
    for v in p.versions.values():
        for part in shapely.get_parts(v.geometry):
            if is_sliver(part):
                assert any(part.equals(d) for d in drawn), \
                    f"{v.zone_id} from {v.valid_from}: a clip left a part of {area_km2(part):.5f} km²"


def _no_overlap(p: Project) -> None:
    for d in p.change_dates():
        vs = [v for v in p.state_at(d) if p.tier_of(v.status) == "assessed"]
        for i, a in enumerate(vs):
            for b in vs[i + 1:]:
                assert a.geometry.intersection(b.geometry).area < OVERLAP_DEG2, (a.zone_id, b.zone_id, d)


@settings(max_examples=40)
@given(st.lists(ops, min_size=2, max_size=8))
def test_no_clip_leaves_a_sliver_and_zones_never_overlap(sequence):
    """Draws, reshapes, date changes, splits and merges, in either clipping mode."""
    p, stack, aid = _env()
    start = p.snapshot()
    drawn: list = []
    pushed = 0
    for op in sequence:
        before = p.snapshot()
        try:
            if op[0] == "create":
                cmd, _ = create_zone(p, name="z", assessment_id=aid, geometry=op[1], status="contested",
                                     as_of=op[2], mode=op[3])
            elif op[0] != "edit":
                cmd = _other_edit(p, op)
                if cmd is None:
                    continue
            else:
                zones = sorted(p.zones)
                if not zones:
                    continue
                cmd = edit_zone(p, zones[op[1] % len(zones)], op[3], geometry=op[2], mode=op[4],
                                status="ru_control")
        except EditError:
            assert p.snapshot() == before
            continue
        if op[0] in ("create", "edit"):
            drawn.append(op[1] if op[0] == "create" else op[2])
        pushed += stack.push(cmd)
        _parts_ok(p, drawn)
        _no_overlap(p)
    for _ in range(pushed):
        stack.undo()
    assert p.snapshot() == start


# -- splits and date changes leave no slivers either ---------------------------------------------
def test_a_split_keeps_a_thin_tip_with_the_part_beside_it_and_says_so():
    p, stack, aid = _env()
    # A U: the line across both arms cuts the left arm's top (a real piece) and ~5.5 m off the
    # right arm's tip (a sliver).
    u = shapely.union_all([box(37.0, 48.0, 37.01, 48.03), box(37.0, 48.0, 37.06, 48.01),
                           box(37.05, 48.0, 37.06, 48.02)])
    _, zid = _draw(p, stack, aid, u, "Northern Pokrovsk")
    cmd, new_ids = split_zone(p, zid, LineString([(36.99, 48.01995), (37.07, 48.01995)]), D2)
    stack.push(cmd)
    assert len(new_ids) == 1  # two zones, not three
    for z in (zid, *new_ids):
        for part in shapely.get_parts(p.version_at(z, D2).geometry):
            assert not is_sliver(part), f"{p.zones[z].name} has a sliver of {area_km2(part):.5f} km²"
    total = sum(p.version_at(z, D2).geometry.area for z in (zid, *new_ids))
    assert abs(total - u.area) < 1e-12  # the tip was kept, not dropped
    assert p.version_at(zid, D2).geometry.covers(box(37.05, 48.01995, 37.06, 48.02).buffer(-1e-9))
    assert any("sliver" in w and "stayed with Northern Pokrovsk" in w for w in cmd.warnings), cmd.warnings


def test_a_split_that_would_only_cut_off_a_sliver_is_refused_with_the_reason():
    p, stack, aid = _env()
    _, zid = _draw(p, stack, aid, NEIGHBOUR, "Northern Pokrovsk")
    before = p.snapshot()
    try:
        split_zone(p, zid, LineString([(36.99, 48.00005), (37.07, 48.00005)]), D2)
    except EditError as e:
        assert "only slivers" in str(e) and "Northern Pokrovsk" in str(e)
    else:
        raise AssertionError("a split into a 5 m strip was accepted")
    assert p.snapshot() == before


def test_moving_a_start_earlier_gives_the_neighbours_slivers_to_the_zone_over_the_added_days():
    p, stack, aid = _env()
    # B held the ground until D2; A began on D2 where B had been, and a 3 m strip west of it.
    b_shape = box(36.99996, 48.0, 37.08, 48.02)  # keeps its part east of A
    _, b = _draw(p, stack, aid, b_shape, "B", when=D1)
    stack.push(end_zone(p, b, D2))
    a_shape = box(37.0, 47.99, 37.05, 48.03)
    _, a = _draw(p, stack, aid, a_shape, "A", when=D2)
    start = p.snapshot()
    cmd = set_version_dates(p, p.versions_of(a)[0].id, D1, None)
    stack.push(cmd)
    b_then = p.version_at(b, D1).geometry
    assert b_then.is_empty or all(not is_sliver(part) for part in shapely.get_parts(b_then))
    a_then, a_now = p.version_at(a, D1), p.version_at(a, D2)
    assert a_then.id != a_now.id and a_then.valid_to == D2  # the added days became their own version
    assert a_then.geometry.area > a_shape.area and a_now.geometry.equals(a_shape)
    assert a_then.geometry.intersection(b_then).area < OVERLAP_DEG2
    assert any("B gave up slivers" in w for w in cmd.warnings), cmd.warnings
    stack.undo()
    assert p.snapshot() == start


def test_moving_a_start_over_ground_already_clipped_leaves_the_neighbour_in_one_piece():
    """Drawn on D2 over a neighbour, then dated back to D1: the neighbour is clipped from D1 on
    the same way as from D2, so it keeps one version from D1, not two with the same shape."""
    p, stack, aid = _env()
    _, n = _draw(p, stack, aid, box(37.0, 48.0, 37.1, 48.05), "Northern Pokrovsk", when=D1)
    _, z = _draw(p, stack, aid, box(37.05, 48.0, 37.15, 48.05), "North of the railway", when=D2)
    assert len(p.versions_of(n)) == 2  # as drawn: whole until D2, clipped from D2
    stack.push(set_version_dates(p, p.versions_of(z)[0].id, D1, None))
    (only,) = p.versions_of(n)
    assert only.valid_from == D1 and only.valid_to is None
    assert only.geometry.equals(box(37.0, 48.0, 37.05, 48.05))
