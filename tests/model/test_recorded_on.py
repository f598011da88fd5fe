"""Two dates per change (issue #14): every version an edit places is `recorded_on` today (the
model's clock, pinned here), apart from `valid_from`; it can be set in place like notes."""
from __future__ import annotations

from datetime import date

import pytest
from shapely.geometry import LineString, box

import desktop.model.clock as clock
from desktop.model import (CommandStack, Project, add_assessment, create_zone, edit_zone, merge_zones,
                           set_version_fields, split_zone)
from desktop.model.edits import set_version_dates

D1, D2, D3 = date(2025, 11, 3), date(2025, 11, 17), date(2025, 12, 1)
MON, TUE = date(2025, 11, 24), date(2025, 11, 25)


@pytest.fixture
def today(monkeypatch):
    """Set the model's "today"; returns the setter."""
    def set_today(d: date) -> None:
        monkeypatch.setattr(clock, "today", lambda: d)
    set_today(MON)
    return set_today


def _project() -> tuple[Project, CommandStack, str]:
    p = Project()
    stack = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    stack.push(cmd)
    return p, stack, aid


def _zone(p, stack, aid, geom, d=D1, **fields) -> str:
    cmd, zid = create_zone(p, name="z", assessment_id=aid, geometry=geom, status="ru_control", as_of=d, **fields)
    stack.push(cmd)
    return zid


def test_the_clock_is_the_local_date():
    assert clock.today() == date.today()


def test_a_drawn_zone_is_recorded_today_unless_told(today):
    p, stack, aid = _project()
    assert p.version_at(_zone(p, stack, aid, box(0, 0, 1, 1)), D1).recorded_on == MON
    zid = _zone(p, stack, aid, box(5, 5, 6, 6), recorded_on=D2)
    assert p.version_at(zid, D1).recorded_on == D2


def test_an_edit_as_of_a_date_records_the_new_version_today_and_leaves_the_old(today):
    p, stack, aid = _project()
    zid = _zone(p, stack, aid, box(0, 0, 1, 1))
    today(TUE)
    stack.push(edit_zone(p, zid, D2, geometry=box(0, 0, 2, 1)))
    stack.push(edit_zone(p, zid, D3, status="contested"))
    assert [v.recorded_on for v in p.versions_of(zid)] == [MON, TUE, TUE]
    assert [v.valid_from for v in p.versions_of(zid)] == [D1, D2, D3]  # the other date, untouched
    stack.undo()
    stack.undo()
    assert [v.recorded_on for v in p.versions_of(zid)] == [MON]


def test_an_edit_on_a_versions_first_day_restamps_it(today):
    p, stack, aid = _project()
    zid = _zone(p, stack, aid, box(0, 0, 1, 1), recorded_on=D1)
    stack.push(edit_zone(p, zid, D1, confidence="high"))
    assert p.version_at(zid, D1).recorded_on == MON


def test_a_clipped_neighbour_records_the_cut_piece_only(today):
    p, stack, aid = _project()
    n = _zone(p, stack, aid, box(0, 0, 2, 2), recorded_on=D1)
    w = _zone(p, stack, aid, box(5, 5, 6, 6))
    stack.push(edit_zone(p, w, D3, geometry=box(5, 5, 7, 7)))  # w's next version bounds the window
    today(TUE)
    stack.push(edit_zone(p, w, D2, geometry=box(1, 0, 3, 1)))  # cuts n over [D2, D3)
    # The cut piece says something new; the pieces either side say what was recorded on D1.
    assert [(v.valid_from, v.recorded_on) for v in p.versions_of(n)] == [(D1, D1), (D2, TUE), (D3, D1)]


def test_split_and_merge_record_what_they_place(today):
    p, stack, aid = _project()
    zid = _zone(p, stack, aid, box(0, 0, 2, 1), recorded_on=D1)
    today(TUE)
    cmd, (part,) = split_zone(p, zid, LineString([(1, -1), (1, 2)]), D2)
    stack.push(cmd)
    assert p.version_at(zid, D2).recorded_on == TUE and p.version_at(part, D2).recorded_on == TUE
    assert p.version_at(zid, D1).recorded_on == D1
    today(date(2025, 11, 26))
    stack.push(merge_zones(p, [zid, part], D3))
    assert p.version_at(zid, D3).recorded_on == date(2025, 11, 26)


def test_recorded_on_is_set_in_place_and_undone():
    p, stack, aid = _project()
    zid = _zone(p, stack, aid, box(0, 0, 1, 1))
    v = p.version_at(zid, D1)
    stack.push(set_version_fields(p, v.id, recorded_on=D2))
    assert p.versions[v.id].recorded_on == D2 and p.versions[v.id].valid_from == D1
    stack.push(set_version_fields(p, v.id, recorded_on=None))
    assert p.versions[v.id].recorded_on is None
    stack.undo()
    stack.undo()
    assert p.versions[v.id].recorded_on == v.recorded_on


def test_moving_dates_keeps_the_recorded_date(today):
    p, stack, aid = _project()
    zid = _zone(p, stack, aid, box(0, 0, 1, 1), recorded_on=D1)
    v = p.version_at(zid, D1)
    stack.push(set_version_dates(p, v.id, D2, None))
    assert p.versions[v.id].recorded_on == D1
