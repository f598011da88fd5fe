"""Reapplying an edit on top of someone else's (no server): the rebase and the partition check
that refuses a reapply that would make two assessed zones of one assessment overlap."""
from __future__ import annotations

from datetime import date

from shapely.geometry import box

from desktop.model import CommandStack, Project, add_assessment, create_zone, edit_zone
from desktop.model.changes import Change, ChangeSet
from desktop.model.commands import Command
from desktop.model.edits import rename_zone
from desktop.storage.team.sync import partition_problems, rebase

D1, D2 = date(2025, 11, 3), date(2025, 11, 10)


def _two_zones():
    p = Project()
    st = CommandStack(p)
    cmd, ours = add_assessment(p, "Ours")
    st.push(cmd)
    cmd, theirs = add_assessment(p, "DeepState")
    st.push(cmd)
    cmd, a = create_zone(p, name="A", assessment_id=ours, geometry=box(0, 0, 1, 1), status="ru_control", as_of=D1)
    st.push(cmd)
    cmd, b = create_zone(p, name="B", assessment_id=ours, geometry=box(1, 0, 2, 1), status="contested", as_of=D1)
    st.push(cmd)
    return p, st, ours, theirs, a, b


def test_rebase_takes_the_current_rows_as_before_and_drops_what_is_already_there():
    p, st, _ours, _theirs, a, b = _two_zones()
    mine = rename_zone(p, a, "A (mine)").changes
    st.push(rename_zone(p, a, "A (theirs)"))  # someone else's edit, now current
    rebased = rebase(mine, lambda t, i: p.table(t).get(i))
    assert rebased == ChangeSet([Change("zones", a, p.zones[a], mine[0].after)])
    assert rebase(rebased, lambda t, i: rebased[0].after) == ChangeSet()  # already there: nothing to do


def test_a_reapply_that_would_overlap_an_assessed_neighbour_is_refused_by_name():
    p, st, _ours, _theirs, a, b = _two_zones()
    v = p.version_at(a, D2)
    grown = ChangeSet([Change("versions", v.id, v, v.with_(geometry=box(0, 0, 1.5, 1)))])  # over B, unclipped
    problems = partition_problems(p, grown)
    assert len(problems) == 1 and "zone 'A'" in problems[0] and "zone 'B'" in problems[0]


def test_edits_that_keep_the_partition_pass():
    p, st, ours, theirs, a, b = _two_zones()
    # The model's own edit clips B: the partition holds.
    assert partition_problems(p, edit_zone(p, a, D2, geometry=box(0, 0, 1.5, 1)).changes) == []
    v = p.version_at(a, D2)
    # Shrinking never overlaps; a claim may overlap anything; another assessment is not clipped.
    assert partition_problems(p, ChangeSet([Change("versions", v.id, v, v.with_(geometry=box(0, 0, .5, 1)))])) == []
    assert partition_problems(p, ChangeSet([Change("versions", v.id, v, v.with_(geometry=box(0, 0, 1.5, 1),
                                                                                  status="ru_claim"))])) == []
    za = p.zones[a]
    moved = ChangeSet([Change("zones", a, za, za.__class__(za.id, za.name, theirs)),
                       Change("versions", v.id, v, v.with_(geometry=box(0, 0, 1.5, 1)))])
    assert partition_problems(p, moved) == []
    # Not at the same time: B ends on D2, A's grown version starts then.
    vb = p.version_at(b, D1)
    st.push(Command("end B", ChangeSet([Change("versions", vb.id, vb, vb.with_(valid_to=D2))])))
    later = v.with_(valid_from=D2, geometry=box(0, 0, 1.5, 1))
    assert partition_problems(p, ChangeSet([Change("versions", v.id, v, later)])) == []
    assert partition_problems(p, ChangeSet([Change("versions", v.id, v, later.with_(valid_from=D1))])) != []


def test_reapply_keeps_their_fields_and_puts_mine_on_top():
    p, st, _ours, _theirs, a, b = _two_zones()
    from desktop.model.edits import set_version_fields
    v = p.version_at(a, D1)
    mine = set_version_fields(p, v.id, notes="mine").changes
    st.push(set_version_fields(p, v.id, confidence="high"))  # theirs, now current
    rebased = rebase(mine, lambda t, i: p.table(t).get(i))
    assert len(rebased) == 1 and rebased[0].before == p.versions[v.id]
    assert (rebased[0].after.notes, rebased[0].after.confidence) == ("mine", "high")


def test_two_edits_of_one_zone_as_of_a_date_cannot_both_stand():
    p, st, _ours, _theirs, a, b = _two_zones()
    mine = edit_zone(p, a, D2, geometry=box(0, 0, 0.8, 1)).changes
    st.push(edit_zone(p, a, D2, geometry=box(0, 0, 0.9, 1)))  # theirs: a new version from D2 too
    rebased = rebase(mine, lambda t, i: p.table(t).get(i))
    assert partition_problems(p, rebased) == [f"zone 'A' would have two versions on {D2.isoformat()}"]
