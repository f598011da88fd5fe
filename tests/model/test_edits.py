"""The zone model: versions in time, the assessed-tier rule, split, merge, commands."""
from __future__ import annotations

from datetime import date

import pytest
from shapely.geometry import LineString, Polygon, box

from desktop.model import (CLIP_SELF, CommandStack, EditError, Project, add_assessment, create_zone,
                           delete_version, edit_zone, end_zone, merge_zones, split_zone)
from desktop.model.record_commands import put_record
from desktop.model.evidence_commands import link_quote
from desktop.model.entities import Quote, Source

D1, D2, D3, D4 = date(2025, 9, 1), date(2025, 9, 8), date(2025, 9, 15), date(2025, 9, 22)


@pytest.fixture
def env():
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    st.push(cmd)
    return p, st, aid


def draw(p, st, aid, geom, status="ru_control", when=D1, **kw):
    cmd, zid = create_zone(p, name=kw.pop("name", "z"), assessment_id=aid, geometry=geom, status=status,
                           as_of=when, **kw)
    st.push(cmd)
    return zid


def test_edit_as_of_date_keeps_the_past_and_holds_until_next_version(env):
    p, st, aid = env
    z = draw(p, st, aid, box(0, 0, 1, 1))
    st.push(edit_zone(p, z, D3, geometry=box(0, 0, 3, 1)))
    st.push(edit_zone(p, z, D2, geometry=box(0, 0, 2, 1)))
    vs = p.versions_of(z)
    assert [(v.valid_from, v.valid_to) for v in vs] == [(D1, D2), (D2, D3), (D3, None)]
    assert [round(v.geometry.area) for v in vs] == [1, 2, 3]
    assert p.version_at(z, date(2025, 9, 7)).geometry.equals(box(0, 0, 1, 1))


def test_clip_others_splits_neighbour_in_time(env):
    p, st, aid = env
    a = draw(p, st, aid, box(0, 0, 2, 2), name="A")
    b = draw(p, st, aid, box(1, 0, 3, 2), status="contested", when=D2, name="B")
    st.push(edit_zone(p, b, D3, geometry=box(2.5, 0, 3, 2)))  # B shrinks back from D3
    # A was clipped only while B held its large shape: [D2, D3)
    va = p.versions_of(a)
    assert [(v.valid_from, v.valid_to, v.geometry.area) for v in va] == [
        (D1, D2, 4.0), (D2, None, 2.0)]
    # ... A's own later shape stays clipped (the edit of B at D3 does not grow A back)
    assert p.state_at(D4, aid)[0].status == "ru_control"


def test_no_overlap_after_clip_others_at_every_date(env):
    p, st, aid = env
    draw(p, st, aid, box(0, 0, 2, 2), name="A")
    draw(p, st, aid, box(1, 1, 3, 3), status="contested", when=D2, name="B")
    for d in (D1, D2, D3):
        vs = p.state_at(d, aid)
        for i, v in enumerate(vs):
            for w in vs[i + 1:]:
                assert v.geometry.intersection(w.geometry).area < 1e-12


def test_clip_self_mode_keeps_neighbours(env):
    p, st, aid = env
    a = draw(p, st, aid, box(0, 0, 2, 2), name="A")
    b = draw(p, st, aid, box(1, 1, 3, 3), status="contested", mode=CLIP_SELF, name="B")
    assert p.version_at(a, D1).geometry.area == pytest.approx(4)
    assert p.version_at(b, D1).geometry.area == pytest.approx(3)
    with pytest.raises(EditError, match="wholly inside"):
        create_zone(p, name="C", assessment_id=aid, geometry=box(0.5, 0.5, 1, 1), status="contested",
                    as_of=D1, mode=CLIP_SELF)


def test_other_assessments_and_claims_never_clip(env):
    p, st, aid = env
    a = draw(p, st, aid, box(0, 0, 2, 2), name="A")
    cmd, other = add_assessment(p, "DeepState (imported)")
    st.push(cmd)
    draw(p, st, other, box(1, 1, 3, 3), name="B")
    draw(p, st, aid, box(0, 0, 3, 3), status="ru_claim", name="claim")
    assert p.version_at(a, D1).geometry.area == pytest.approx(4)


def test_invalid_geometry_is_repaired_with_a_warning(env):
    p, st, aid = env
    bowtie = Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
    cmd, z = create_zone(p, name="bow", assessment_id=aid, geometry=bowtie, status="contested", as_of=D1)
    assert any("repaired" in w for w in cmd.warnings)
    st.push(cmd)
    g = p.version_at(z, D1).geometry
    assert g.is_valid and g.area == pytest.approx(2)


def test_end_zone_and_delete_version(env):
    p, st, aid = env
    z = draw(p, st, aid, box(0, 0, 1, 1))
    st.push(edit_zone(p, z, D3, geometry=box(0, 0, 2, 1)))
    st.push(end_zone(p, z, D2))
    assert [(v.valid_from, v.valid_to) for v in p.versions_of(z)] == [(D1, D2)]
    st.undo()
    assert len(p.versions_of(z)) == 2
    st.push(delete_version(p, p.versions_of(z)[1].id))
    assert p.version_at(z, D4) is None and p.version_at(z, D1) is not None


def test_split_and_merge(env):
    p, st, aid = env
    z = draw(p, st, aid, box(0, 0, 2, 1), name="Z")
    cmd, new = split_zone(p, z, LineString([(1, -1), (1, 2)]), D2)
    st.push(cmd)
    assert len(new) == 1
    assert p.version_at(z, D2).geometry.area == pytest.approx(1)
    assert p.version_at(new[0], D2).geometry.area == pytest.approx(1)
    assert p.version_at(z, D1).geometry.area == pytest.approx(2)  # the past is kept
    st.push(merge_zones(p, [z, new[0]], D3))
    assert p.version_at(z, D3).geometry.area == pytest.approx(2)
    assert p.version_at(new[0], D3) is None
    with pytest.raises(EditError):
        split_zone(p, z, LineString([(5, 5), (6, 6)]), D3)


def test_clipping_a_neighbour_in_time_keeps_its_evidence(env):
    p, st, aid = env
    a = draw(p, st, aid, box(0, 0, 2, 2), name="A")
    src = Source("s1", "General Staff", reliability="B")
    st.push(put_record(p, "sources", src, "src"))
    st.push(put_record(p, "quotes", Quote("q1", "s1", "we hold it", credibility=3), "q"))
    st.push(link_quote(p, "q1", p.version_at(a, D1).id)[0])
    draw(p, st, aid, box(1, 0, 3, 2), status="contested", when=D2, name="B")
    for v in p.versions_of(a):
        assert [e.quote_id for e in p.evidence_for(v.id)] == ["q1"]


def test_command_stack_undo_redo_group_and_clean(env):
    p, st, aid = env
    before = p.snapshot()
    st.set_clean()
    st.begin_group("two zones")
    draw(p, st, aid, box(0, 0, 1, 1), name="A")
    draw(p, st, aid, box(0.5, 0, 2, 1), name="B")
    st.end_group()
    assert st.labels()[-1] == "two zones" and not st.is_clean()
    st.undo()
    assert p.snapshot() == before and st.is_clean()
    st.redo()
    assert len(p.zones) == 2
    st.undo()
    draw(p, st, aid, box(5, 5, 6, 6), name="C")  # a new branch drops the redo
    assert not st.can_redo()


def test_areas_are_geodesic(env):
    p, st, aid = env
    # One degree square at the equator is about 12,308 km² on WGS84.
    draw(p, st, aid, box(0, 0, 1, 1), name="A")
    (key, km2), = p.areas_at(D1).items()
    assert key == (aid, "ru_control")
    assert km2 == pytest.approx(12308.8, rel=1e-3)
    gained, lost = p.changes_between(date(2025, 8, 1), D1)[(aid, "ru_control")]
    assert gained.area == pytest.approx(1) and lost.is_empty


def test_reshaping_in_a_gap_inherits_the_nearest_versions_fields(env):
    p, st, aid = env
    z = draw(p, st, aid, box(0, 0, 1, 1), status="contested", confidence="high")
    st.push(end_zone(p, z, D2))
    st.push(edit_zone(p, z, D4, geometry=box(0, 0, 2, 2)))
    v = p.version_at(z, D4)
    assert (v.status, v.confidence) == ("contested", "high")
    assert p.version_at(z, D3) is None


def test_version_dates_move_and_clip_neighbours_over_the_new_time(env):
    from desktop.model.edits import set_version_dates
    p, st, aid = env
    a = draw(p, st, aid, box(0, 0, 2, 2), name="A")            # A from D1
    b = draw(p, st, aid, box(1, 0, 3, 2), status="contested", when=D3, name="B")  # clips A from D3
    vb = p.versions_of(b)[0]
    st.push(set_version_dates(p, vb.id, D2, None))              # B now starts a week earlier
    assert p.version_at(b, D2) is not None
    assert p.version_at(a, D2).geometry.area == pytest.approx(2)  # A clipped over [D2, D3) too
    assert p.version_at(a, D1).geometry.area == pytest.approx(4)
    with pytest.raises(EditError, match="after"):
        set_version_dates(p, vb.id, D3, D2)
    st.push(edit_zone(p, b, D4, geometry=box(2, 0, 3, 2)))
    with pytest.raises(EditError, match="overlaps"):
        set_version_dates(p, p.versions_of(b)[0].id, D2, None)
    st.undo()
    st.undo()
    assert p.version_at(b, D2) is None and p.version_at(a, D2).geometry.area == pytest.approx(4)
