"""Every edit as of the cursor (issue #14, item 2): confidence and notes changed on a date inside
a version change the zone from that date on, as status and shape edits do; on the version's first
day they change it in place; a correction of the whole version is `set_version_fields`."""
from __future__ import annotations

from datetime import date

import pytest
from shapely.geometry import box

import desktop.model.clock as clock
from desktop.model import CommandStack, Project, add_assessment, create_zone, edit_zone, set_version_fields
from desktop.model.edits import rename_zone
from desktop.model.entities import Quote, Source
from desktop.model.evidence_commands import link_quote
from desktop.model.record_commands import put_record

NOV24, DEC1, DEC8 = date(2025, 11, 24), date(2025, 12, 1), date(2025, 12, 8)
RECORDED, TODAY = date(2025, 11, 26), date(2025, 12, 2)


@pytest.fixture
def zone(monkeypatch):
    """A zone valid since Nov 24 (recorded Nov 26), ending Dec 8, one quote linked; today is Dec 2."""
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    st.push(cmd)
    cmd, zid = create_zone(p, name="Pokrovsk", assessment_id=aid, geometry=box(0, 0, 1, 1), status="ru_control",
                           as_of=NOV24, confidence="medium", notes="DeepState", recorded_on=RECORDED)
    st.push(cmd)
    st.push(edit_zone(p, zid, DEC8, status="contested", recorded_on=RECORDED))
    st.push(put_record(p, "sources", Source("s1", "General Staff", reliability="B"), "src"))
    st.push(put_record(p, "quotes", Quote("q1", "s1", "we hold it", credibility=3), "q"))
    st.push(link_quote(p, "q1", p.version_at(zid, NOV24).id)[0])
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return p, st, zid


def _snapshot(p: Project) -> tuple:
    return (sorted(p.versions.items()), sorted((e.quote_id, e.target_id) for e in p.evidence.values()))


@pytest.mark.parametrize("fields", [{"confidence": "high"}, {"notes": "flag video"},
                                    {"confidence": "low", "notes": "denied"}])
def test_inside_a_version_it_splits_there(zone, fields):
    p, st, zid = zone
    before = _snapshot(p)
    st.push(edit_zone(p, zid, DEC1, **fields))
    old, new, later = p.versions_of(zid)
    assert (old.valid_from, old.valid_to, new.valid_from, new.valid_to) == (NOV24, DEC1, DEC1, DEC8)
    # The earlier part keeps what it said and when it was recorded; the new part says the new
    # thing, recorded today, and carries the quotes of the version it continues.
    assert (old.confidence, old.notes, old.recorded_on) == ("medium", "DeepState", RECORDED)
    assert {k: getattr(new, k) for k in fields} == fields and new.recorded_on == TODAY
    assert new.status == "ru_control" and new.geometry.equals(old.geometry)
    assert [e.quote_id for e in p.evidence_for(old.id)] == [e.quote_id for e in p.evidence_for(new.id)] == ["q1"]
    assert later.status == "contested" and later.confidence == "medium"  # the next keyframe holds
    st.undo()
    assert _snapshot(p) == before


def test_on_the_first_day_it_changes_that_version_without_a_new_one(zone):
    p, st, zid = zone
    before = _snapshot(p)
    first = p.version_at(zid, NOV24)
    st.push(edit_zone(p, zid, NOV24, confidence="high", notes="flag video"))
    assert len(p.versions_of(zid)) == 2
    v = p.versions[first.id]
    assert (v.valid_from, v.valid_to, v.confidence, v.notes) == (NOV24, DEC8, "high", "flag video")
    assert [e.quote_id for e in p.evidence_for(v.id)] == ["q1"]
    st.undo()
    assert _snapshot(p) == before


def test_a_correction_rewrites_the_whole_version_in_place(zone):
    p, st, zid = zone
    before = _snapshot(p)
    first = p.version_at(zid, DEC1)
    st.push(set_version_fields(p, first.id, confidence="low", notes="typo fixed"))
    assert len(p.versions_of(zid)) == 2
    v = p.versions[first.id]
    assert (v.valid_from, v.valid_to, v.confidence, v.notes, v.recorded_on) == (NOV24, DEC8, "low", "typo fixed",
                                                                                RECORDED)
    st.undo()
    assert _snapshot(p) == before


def test_a_name_belongs_to_the_zone_on_every_date(zone):
    p, st, zid = zone
    versions = dict(p.versions)
    st.push(rename_zone(p, zid, "Pokrovsk (south)"))
    assert p.zones[zid].name == "Pokrovsk (south)" and p.versions == versions
