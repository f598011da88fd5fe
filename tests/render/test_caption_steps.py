"""What a replay frame's captions and observations are computed from (issue 17 item 4): the
versions starting or ending in a step come from a per-project index by date instead of a scan
of every version, and an observation's fading age is counted directly instead of step by step.
Both must answer as the plain definitions do, also after edits (undo included)."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import example, given
from hypothesis import strategies as st
from shapely.geometry import Point, box

from desktop.model import timeline as tl
from desktop.model.commands import CommandStack
from desktop.model.edits import edit_zone, end_zone
from desktop.model.entities import Observation
from desktop.model.project import Project

from render.helpers import D1, D2, two_zone_project


def _touched_by_scan(project: Project, a: date, b: date) -> set[str]:
    return {v.zone_id for v in project.versions.values()
            if a < v.valid_from <= b or (v.valid_to is not None and a < v.valid_to <= b)}


def _all_steps(project: Project) -> list[tuple[date, date]]:
    first, last = project.date_range()
    return [tl.step_interval(d, step) for step in tl.STEPS
            for d in tl.steps_between(first - timedelta(days=8), last + timedelta(days=8), step)]


def test_changed_zones_follow_edits_and_undo(qapp):
    p, red, grey = two_zone_project()
    stack = CommandStack(p)
    edits = [edit_zone(p, grey, D2 + timedelta(days=3), status="ru_control"),
             edit_zone(p, red, D1 + timedelta(days=2), geometry=box(37.05, 48.20, 37.12, 48.30)),
             end_zone(p, grey, D2 + timedelta(days=20))]
    seen = []
    for cmd in edits:
        for a, b in _all_steps(p):
            assert tl._touched_zones(p, a, b) == _touched_by_scan(p, a, b)  # also fills the index
        stack.push(cmd)
        seen.append(tl.frame_captions(p, D2 + timedelta(days=3), tl.DAY))
    for _ in edits:
        stack.undo()
        for a, b in _all_steps(p):
            assert tl._touched_zones(p, a, b) == _touched_by_scan(p, a, b)
    assert any("ru_control" in line or "Russian" in line for line in seen[0])  # grey's status change


def _age_by_walking(last: date, d: date, step: str) -> int:
    s, start, age = tl.step_start(last, step), tl.step_start(d, step), 0
    while s < start:
        s = tl.next_step(s, step)
        age += 1
    return age


@given(day=st.integers(0, 900), length=st.integers(0, 90), later=st.integers(-10, 120),
       keep=st.integers(0, 6), step=st.sampled_from(tl.STEPS))
@example(day=2, length=0, later=5, keep=1, step=tl.WEEK)  # seen on a Wednesday, shown the next Monday: 1 week old
@example(day=30, length=3, later=30, keep=2, step=tl.MONTH)  # last seen on Feb 2, shown in March: 1 month old
def test_observation_ages_are_the_steps_walked(day, length, later, keep, step):
    p = Project()
    start = date(2024, 1, 1) + timedelta(days=day)
    o = Observation("o", "unit", Point(37.0, 48.0), start, valid_to=start + timedelta(days=length) if length else None)
    p.load_changes([_put(o)])
    d = o.last_day + timedelta(days=later)  # from inside its span to well past its fading
    got = dict((x.id, a) for x, a in tl.observations_in_step(p, d, step, keep))
    age = _age_by_walking(o.last_day, d, step)
    if later >= 0:  # on or after its last day: shown while its age is within `keep` steps
        assert ("o" in got) == (age <= keep)
    if "o" in got:
        assert got["o"] == 1.0 - age / (keep + 1)


def _put(o: Observation):
    from desktop.model.changes import Change
    return Change("observations", o.id, None, o)
