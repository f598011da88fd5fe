"""Property tests over random sequences of zone edits (hypothesis).

Invariants the whole application leans on:
- the versions of one zone never overlap in time (and none is empty);
- the assessed zones of one assessment never overlap in space, at any date;
- undoing the whole sequence restores the exact earlier snapshot, and redoing it the later one;
- an edit "as of D" leaves what the map shows on every earlier date unchanged;
- no zone is left behind without a version (it would never show, yet be exported).

Shapes are boxes on a coarse grid, so edges coincide and overlaps are common: the hard cases
for clipping. Edits the model refuses (EditError) are part of the game and must change nothing.
"""
from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations

from hypothesis import assume, given, strategies as st
from shapely.geometry import LineString, Polygon, box

from desktop.model import (CommandStack, EditError, Project, add_assessment, create_zone, delete_version,
                           edit_zone, end_zone, merge_zones, split_zone)

BASE = date(2025, 10, 1)
STEP = 0.01  # degrees per grid cell
STATUSES = ("ru_control", "contested", "ru_claim")  # two assessed, one claim
MODES = ("clip_others", "clip_self")
OVERLAP_DEG2 = 1e-12  # a grid cell is 1e-4 deg²: anything above this is a real overlap

days = st.integers(0, 30).map(lambda n: BASE + timedelta(days=n))


@st.composite
def boxes(draw):
    x0, y0 = draw(st.integers(0, 8)), draw(st.integers(0, 8))
    w, h = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    return box(37 + x0 * STEP, 48 + y0 * STEP, 37 + (x0 + w) * STEP, 48 + (y0 + h) * STEP)


@st.composite
def triangles(draw):
    """Oblique edges: their crossings fall off the grid, where float noise lives."""
    pts = [(37 + draw(st.integers(0, 12)) * STEP, 48 + draw(st.integers(0, 12)) * STEP) for _ in range(3)]
    tri = Polygon(pts)
    assume(tri.area > STEP * STEP / 2)
    return tri


shapes = st.one_of(boxes(), triangles())
zone_ref = st.integers(0, 20)  # taken modulo the number of zones
creates = st.tuples(st.just("create"), st.integers(0, 1), shapes, st.sampled_from(STATUSES), days,
                    st.sampled_from(MODES))
ops = st.one_of(
    creates,
    # A status too, used when the zone has no shape on that day (filling a gap in its history).
    st.tuples(st.just("edit"), zone_ref, shapes, days, st.sampled_from(MODES), st.sampled_from(STATUSES)),
    st.tuples(st.just("status"), zone_ref, st.sampled_from(STATUSES), days, st.sampled_from(MODES)),
    st.tuples(st.just("end"), zone_ref, days),
    st.tuples(st.just("delete_version"), zone_ref, st.integers(0, 5)),
    st.tuples(st.just("split"), zone_ref, days, st.floats(0.1, 0.9)),
    st.tuples(st.just("merge"), zone_ref, zone_ref, days),
)


def _new_project() -> tuple[Project, list[str]]:
    p = Project()
    aids = []
    for name in ("Ours", "Theirs"):
        cmd, aid = add_assessment(p, name)
        p.apply(cmd.changes)
        aids.append(aid)
    return p, aids


def _command(p: Project, aids: list[str], op: tuple):
    """The command for `op` and the date it acts as of (None for a version deletion)."""
    kind = op[0]
    zones = sorted(p.zones)
    if kind == "create":
        _, a, geom, status, d, mode = op
        cmd, _ = create_zone(p, name="z", assessment_id=aids[a], geometry=geom, status=status, as_of=d, mode=mode)
        return cmd, d
    if not zones:
        return None, None
    zid = zones[op[1] % len(zones)]
    if kind == "edit":
        status = None if p.version_at(zid, op[3]) else op[5]
        return edit_zone(p, zid, op[3], geometry=op[2], mode=op[4], status=status), op[3]
    if kind == "status":
        d = _on_a_day_with_shape(p, zid, op[3])
        return edit_zone(p, zid, d, status=op[2], mode=op[4]), d
    if kind == "end":
        return end_zone(p, zid, op[2]), op[2]
    if kind == "delete_version":
        vs = p.versions_of(zid)
        return (delete_version(p, vs[op[2] % len(vs)].id), None) if vs else (None, None)
    if kind == "split":
        d = _on_a_day_with_shape(p, zid, op[2])
        v = p.version_at(zid, d)
        if v is None:
            return None, None
        x0, y0, x1, y1 = v.geometry.bounds
        x = x0 + (x1 - x0) * op[3]
        cmd, _ = split_zone(p, zid, LineString([(x, y0 - 1), (x, y1 + 1)]), d)
        return cmd, d
    if kind == "merge":
        others = [z for z in zones if z != zid]
        if not others:
            return None, None
        d = _on_a_day_with_shape(p, zid, op[3])
        return merge_zones(p, [zid, others[op[2] % len(others)]], d), d
    raise AssertionError(kind)


def _on_a_day_with_shape(p: Project, zone_id: str, d: date) -> date:
    """`d` if the zone has a shape then, else the start of one of its versions (picked by `d`),
    so that edits needing a shape are tried more often than refused."""
    if p.version_at(zone_id, d) is not None:
        return d
    vs = p.versions_of(zone_id)
    return vs[d.toordinal() % len(vs)].valid_from if vs else d


def _visible(p: Project, d: date) -> frozenset:
    """What the map shows on `d`: zone, status and exact shape of each valid version."""
    return frozenset((v.zone_id, v.status, v.geometry.wkb) for v in p.state_at(d))


def _check_time(p: Project) -> None:
    for zid in p.zones:
        vs = p.versions_of(zid)
        assert vs, f"zone {zid} is left with no version"
        for v in vs:
            assert v.valid_to is None or v.valid_from < v.valid_to, f"empty version {v}"
        for a, b in zip(vs, vs[1:]):
            assert a.valid_to is not None and a.valid_to <= b.valid_from, f"versions overlap in time: {a} {b}"


def _check_space(p: Project) -> None:
    for d in p.change_dates():
        for aid in p.assessments:
            assessed = [v for v in p.state_at(d, aid) if p.tier_of(v.status) == "assessed"]
            for a, b in combinations(assessed, 2):
                overlap = a.geometry.intersection(b.geometry).area
                assert overlap < OVERLAP_DEG2, f"{a.zone_id} and {b.zone_id} overlap by {overlap} on {d}"


@given(st.lists(creates, min_size=2, max_size=4), st.lists(ops, min_size=1, max_size=10))
def test_random_edit_sequences_keep_the_invariants(first, then):
    sequence = first + then
    p, aids = _new_project()
    stack = CommandStack(p)
    start = p.snapshot()
    for op in sequence:
        before = p.snapshot()
        try:
            cmd, as_of = _command(p, aids, op)
        except EditError:
            assert p.snapshot() == before  # a refused edit changes nothing
            continue
        if cmd is None:
            continue
        earlier = []
        if as_of is not None:
            # Every day before D that any edit can reach (all dates are drawn from BASE on).
            earlier = [BASE + timedelta(days=k) for k in range(-1, (as_of - BASE).days)]
            seen = {d: _visible(p, d) for d in earlier}
        stack.push(cmd)
        for d in earlier:
            assert _visible(p, d) == seen[d], f"{op[0]} as of {as_of} changed the map on {d}"
        _check_time(p)
        _check_space(p)
        assert p.date_range() == p._compute_date_range()  # the remembered span follows edits
    end = p.snapshot()
    while stack.can_undo():
        stack.undo()
        assert p.date_range() == p._compute_date_range()
    assert p.snapshot() == start
    while stack.can_redo():
        stack.redo()
    assert p.snapshot() == end


def test_the_property_checks_can_fail():
    """The checks above catch what they claim to (an overlap and a time overlap made by hand)."""
    import pytest
    from desktop.model.changes import ChangeBuilder
    from desktop.model.entities import Zone, ZoneVersion

    p, aids = _new_project()
    b = ChangeBuilder(p)
    for zid, geom, frm in (("a", box(0, 0, 2, 2), BASE), ("b", box(1, 1, 3, 3), BASE)):
        b.put("zones", zid, Zone(zid, zid, aids[0]))
        b.put("versions", zid + "1", ZoneVersion(zid + "1", zid, geom, "ru_control", frm))
    p.apply(b.build())
    with pytest.raises(AssertionError, match="overlap by"):
        _check_space(p)
    b = ChangeBuilder(p)
    b.put("versions", "a2", ZoneVersion("a2", "a", box(5, 5, 6, 6), "ru_claim", BASE + timedelta(days=3)))
    p.apply(b.build())
    with pytest.raises(AssertionError, match="overlap in time"):
        _check_time(p)


def test_merging_a_zone_away_on_its_first_day_removes_it():
    """Found by the property test: ending a zone on its first day left an empty zone row."""
    p, aids = _new_project()
    stack = CommandStack(p)
    ids = []
    for g in (box(0, 0, 1, 1), box(1, 0, 2, 1)):
        cmd, zid = create_zone(p, name="z", assessment_id=aids[0], geometry=g, status="ru_control", as_of=BASE)
        stack.push(cmd)
        ids.append(zid)
    before = p.snapshot()
    stack.push(merge_zones(p, ids, BASE))
    assert ids[1] not in p.zones and p.version_at(ids[0], BASE).geometry.equals(box(0, 0, 2, 1))
    stack.undo()
    assert p.snapshot() == before
    stack.push(end_zone(p, ids[0], BASE))
    assert ids[0] not in p.zones
