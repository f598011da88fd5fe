"""Evidence follows the shape (issue #14): every version that continues another, in time or in
space, carries its quote links with their stances; only an explicit unlink removes one.

The property test runs random sequences of creates, edits as of a date (shape, status,
confidence), splits, merges, clipping by a drawn neighbour, links, unlinks and undos. After
each step: on every date a zone is in force both before and after, the (quote, stance) pairs
linked to its version then were not lost, unless the step unlinked that very link; and undo
gives back the exact evidence rows.
"""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, strategies as st
from shapely.geometry import LineString, box

from desktop.model import (CommandStack, EditError, Project, add_assessment, create_zone, delete_version,
                           delete_zones, edit_zone, merge_zones, split_zone)
from desktop.model.entities import STANCES, Quote, Source
from desktop.model.evidence_commands import link_quote, unlink
from desktop.model.record_commands import put_record

BASE = date(2025, 10, 1)
STEP = 0.01
QUOTES = ("q1", "q2", "q3")
days = st.integers(0, 20).map(lambda n: BASE + timedelta(days=n))


@st.composite
def boxes(draw):
    x0, y0 = draw(st.integers(0, 6)), draw(st.integers(0, 6))
    w, h = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    return box(37 + x0 * STEP, 48 + y0 * STEP, 37 + (x0 + w) * STEP, 48 + (y0 + h) * STEP)


ref = st.integers(0, 50)  # a zone, version or link, taken modulo how many there are
creates = st.tuples(st.just("create"), boxes(), st.sampled_from(("ru_control", "contested")), days)
ops = st.one_of(
    creates,  # an assessed shape drawn over others clips them ("clip by drawing a neighbour")
    st.tuples(st.just("reshape"), ref, boxes(), days),
    st.tuples(st.just("status"), ref, st.sampled_from(("ru_control", "contested", "ru_claim")), days),
    st.tuples(st.just("confidence"), ref, st.sampled_from(("low", "medium", "high")), days),
    st.tuples(st.just("split"), ref, days, st.floats(0.2, 0.8)),
    st.tuples(st.just("merge"), ref, ref, days),
    st.tuples(st.just("link"), ref, st.sampled_from(QUOTES), st.sampled_from(STANCES)),
    st.tuples(st.just("link"), ref, st.sampled_from(QUOTES), st.sampled_from(STANCES)),
    st.tuples(st.just("unlink"), ref),
    st.tuples(st.just("delete_version"), ref),  # deleted outright: its links go with it
    st.tuples(st.just("undo")),
)


def _new_project() -> tuple[Project, CommandStack, str]:
    p = Project()
    stack = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    stack.push(cmd)
    stack.push(put_record(p, "sources", Source("s1", "Outlet"), "source"))
    for q in QUOTES:
        stack.push(put_record(p, "quotes", Quote(q, "s1", f"words {q}"), "quote"))
    return p, stack, aid


def _pick(items: list, n: int):
    return items[n % len(items)] if items else None


def _shape_day(p: Project, zid: str, d: date) -> date:
    """`d` when the zone has a shape then, else the start of one of its versions."""
    if p.version_at(zid, d) is not None:
        return d
    vs = p.versions_of(zid)
    return vs[d.toordinal() % len(vs)].valid_from


def _command(p: Project, aid: str, op: tuple):
    """The command for `op`, and the evidence id it unlinks (None otherwise)."""
    kind, zones = op[0], sorted(p.zones)
    if kind == "create":
        return create_zone(p, name="z", assessment_id=aid, geometry=op[1], status=op[2], as_of=op[3])[0], None
    if kind == "unlink":
        eid = _pick(sorted(p.evidence), op[1])
        return (unlink(p, eid), eid) if eid else (None, None)
    if kind == "delete_version":
        vid = _pick(sorted(p.versions), op[1])
        return (delete_version(p, vid), None) if vid else (None, None)
    if kind == "link":
        vid = _pick(sorted(p.versions), op[1])
        return (link_quote(p, op[2], vid, op[3])[0], None) if vid else (None, None)
    zid = _pick(zones, op[1])
    if zid is None:
        return None, None
    if kind == "reshape":
        return edit_zone(p, zid, _shape_day(p, zid, op[3]), geometry=op[2]), None
    if kind == "status":
        return edit_zone(p, zid, _shape_day(p, zid, op[3]), status=op[2]), None
    if kind == "confidence":
        return edit_zone(p, zid, _shape_day(p, zid, op[3]), confidence=op[2]), None
    if kind == "split":
        d = _shape_day(p, zid, op[2])
        x0, y0, x1, y1 = p.version_at(zid, d).geometry.bounds
        x = x0 + (x1 - x0) * op[3]
        return split_zone(p, zid, LineString([(x, y0 - 1), (x, y1 + 1)]), d)[0], None
    if kind == "merge":
        other = _pick([z for z in zones if z != zid], op[2])
        return (merge_zones(p, [zid, other], _shape_day(p, zid, op[3])), None) if other else (None, None)
    raise AssertionError(kind)


# Every date an edit here can reach, and the day before: versions start and end on drawn dates,
# so checking each of them checks every date.
DATES = [BASE + timedelta(days=k) for k in range(-1, 22)]
SETUP = 2 + len(QUOTES)  # commands before the sequence: assessment, source, quotes


def _links_in_force(p: Project) -> dict[tuple[str, date], set[tuple[str, str, str]]]:
    """(zone, date) -> {(quote, stance, evidence id)} of the version in force then."""
    out = {}
    for zid in p.zones:
        for d in DATES:
            v = p.version_at(zid, d)
            if v is not None:
                out[(zid, d)] = {(e.quote_id, e.stance, e.id) for e in p.evidence_for(v.id)}
    return out


def _check_nothing_lost(op: tuple, before: dict, after: dict, unlinked: str | None) -> None:
    for key, links in before.items():
        if key not in after:
            continue  # not in force after the step (ended, merged away, clipped out)
        kept = {(q, s) for q, s, _ in after[key]}
        for q, s, eid in links:
            if eid == unlinked:
                continue  # the one way a link may go
            if op[0] == "link" and op[2] == q:
                continue  # linked again with another stance: the analyst changed its stance
            assert (q, s) in kept, f"{op}: quote {q} ({s}) no longer backs zone {key[0]} on {key[1]}"


@given(st.lists(creates, min_size=2, max_size=3), st.lists(ops, min_size=1, max_size=12))
def test_links_follow_every_continuation_and_undo_restores_them(first, then):
    p, stack, aid = _new_project()
    history: list[dict] = []  # the evidence table before each command of the sequence
    for op in first + then:
        if op[0] == "undo":
            if stack.index > SETUP:
                stack.undo()
                assert dict(p.evidence) == history.pop()
            continue
        evidence_before, before = dict(p.evidence), _links_in_force(p)
        try:
            cmd, unlinked = _command(p, aid, op)
        except EditError:
            assert dict(p.evidence) == evidence_before  # a refused edit changes nothing
            continue
        if not cmd:
            continue
        stack.push(cmd)
        history.append(evidence_before)
        _check_nothing_lost(op, before, _links_in_force(p), unlinked)
        # Every link points at a record that exists (none left behind by a deleted version).
        assert all(e.target_id in p.versions for e in p.evidence.values())
    while stack.index > SETUP:
        stack.undo()
        assert dict(p.evidence) == history.pop()


def test_the_check_catches_a_lost_link():
    before = {("z", BASE): {("q1", "supports", "e1")}}
    import pytest
    with pytest.raises(AssertionError, match="no longer backs"):
        _check_nothing_lost(("reshape",), before, {("z", BASE): set()}, None)
    _check_nothing_lost(("unlink",), before, {("z", BASE): set()}, "e1")
    _check_nothing_lost(("create",), before, {}, None)


# -- each way a version is continued, one by one ------------------------------------------------
D1, D2, D3 = date(2025, 11, 3), date(2025, 11, 17), date(2025, 12, 1)


def _zone(p: Project, stack: CommandStack, aid: str, geom, status: str = "ru_control", d: date = D1) -> str:
    cmd, zid = create_zone(p, name="z", assessment_id=aid, geometry=geom, status=status, as_of=d)
    stack.push(cmd)
    return zid


def _linked(p: Project, zid: str, d: date) -> set[tuple[str, str]]:
    return {(e.quote_id, e.stance) for e in p.evidence_for(p.version_at(zid, d).id)}


def _backed() -> tuple[Project, CommandStack, str, str]:
    """A zone from D1 with one supporting and one contradicting quote."""
    p, stack, aid = _new_project()
    zid = _zone(p, stack, aid, box(0, 0, 2, 2))
    v = p.version_at(zid, D1).id
    stack.push(link_quote(p, "q1", v, "supports")[0])
    stack.push(link_quote(p, "q2", v, "contradicts")[0])
    return p, stack, aid, zid


BOTH = {("q1", "supports"), ("q2", "contradicts")}


def test_reshape_as_of_a_later_date_keeps_the_quotes_on_both_parts():
    """What was seen: the new version had no quote ("no quote backs it", `evidence: []`)."""
    p, stack, _, zid = _backed()
    stack.push(edit_zone(p, zid, D2, geometry=box(0, 0, 3, 2)))
    assert _linked(p, zid, D1) == BOTH and _linked(p, zid, D2) == BOTH
    assert p.version_at(zid, D1).id != p.version_at(zid, D2).id


def test_status_and_confidence_changes_keep_the_quotes():
    p, stack, _, zid = _backed()
    stack.push(edit_zone(p, zid, D2, status="contested"))
    stack.push(edit_zone(p, zid, D3, confidence="high"))
    assert _linked(p, zid, D1) == _linked(p, zid, D2) == _linked(p, zid, D3) == BOTH


def test_a_neighbour_drawn_over_it_leaves_every_piece_its_quotes():
    p, stack, aid, zid = _backed()
    stack.push(edit_zone(p, zid, D3, geometry=box(0, 0, 2, 3)))  # a later keyframe ends the window
    _zone(p, stack, aid, box(1, 0, 3, 2), d=D2)  # clips zid over [D2, D3)
    assert len(p.versions_of(zid)) == 3
    for d in (D1, D2, D3):
        assert _linked(p, zid, d) == BOTH
    assert p.version_at(zid, D2).geometry.equals(box(0, 0, 1, 2))


def test_split_gives_each_part_the_quotes():
    p, stack, _, zid = _backed()
    cmd, new = split_zone(p, zid, LineString([(1, -1), (1, 3)]), D2)
    stack.push(cmd)
    assert _linked(p, zid, D1) == _linked(p, zid, D2) == _linked(p, new[0], D2) == BOTH


def test_merge_gives_the_continuing_zone_the_quotes_of_both():
    p, stack, aid, zid = _backed()
    other = _zone(p, stack, aid, box(2, 0, 4, 2))
    stack.push(link_quote(p, "q3", p.version_at(other, D1).id, "context")[0])
    stack.push(link_quote(p, "q2", p.version_at(other, D1).id, "supports")[0])
    stack.push(merge_zones(p, [zid, other], D2))
    # q2: one link per quote and version, and the continuing zone's own stance stands.
    assert _linked(p, zid, D2) == BOTH | {("q3", "context")}
    assert _linked(p, zid, D1) == BOTH and p.version_at(other, D2) is None


def test_merge_on_the_day_a_merged_version_starts():
    p, stack, aid, zid = _backed()
    other = _zone(p, stack, aid, box(2, 0, 4, 2), d=D2)
    stack.push(link_quote(p, "q3", p.version_at(other, D2).id, "context")[0])
    stack.push(merge_zones(p, [zid, other], D2))
    assert other not in p.zones  # merged away on its first day
    assert _linked(p, zid, D2) == BOTH | {("q3", "context")}


def test_deleting_a_version_or_a_zone_takes_its_links():
    p, stack, _, zid = _backed()
    stack.push(edit_zone(p, zid, D2, geometry=box(0, 0, 3, 2)))
    stack.push(delete_version(p, p.version_at(zid, D2).id))
    assert all(e.target_id in p.versions for e in p.evidence.values()) and len(p.evidence) == 2
    stack.push(delete_zones(p, [zid]))
    assert not p.evidence
