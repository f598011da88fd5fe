"""The Qt-free timeline cursor: stepping, ends, replay, the range it follows and its listeners."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import assume, given, strategies as st
from shapely.geometry import box

from desktop.model import CommandStack, Project
from desktop.model import timeline as tl
from desktop.model.cursor import DATE, RANGE, STEP, TimelineCursor
from desktop.model.edits import add_assessment, create_zone, edit_zone

D = date
dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))
steps = st.sampled_from(tl.STEPS)


def project_with_changes() -> tuple[Project, CommandStack, str]:
    """A zone from Mon Nov 3 that grows on Wed Nov 12 and turns red on Mon Dec 1."""
    p = Project()
    stack = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    stack.push(cmd)
    cmd, zid = create_zone(p, name="North", assessment_id=aid, geometry=box(37.1, 48.3, 37.2, 48.35),
                           status="contested", as_of=D(2025, 11, 3))
    stack.push(cmd)
    stack.push(edit_zone(p, zid, D(2025, 11, 12), geometry=box(37.1, 48.28, 37.2, 48.35)))
    stack.push(edit_zone(p, zid, D(2025, 12, 1), status="ru_control"))
    return p, stack, zid


def heard(cursor: TimelineCursor) -> list[str]:
    seen: list[str] = []
    cursor.listeners.append(seen.append)
    return seen


# -- stepping ----------------------------------------------------------------------------------
@given(dates, steps)
def test_forward_then_back_returns_to_the_same_step_start(d, step):
    c = TimelineCursor(start=tl.step_start(d, step), step=step)
    c.step_forward()
    assert c.date > tl.step_start(d, step) and c.date == tl.step_start(c.date, step)
    c.step_back()
    assert c.date == tl.step_start(d, step)


@given(dates, steps)
def test_back_from_inside_a_step_goes_to_its_start_first(d, step):
    c = TimelineCursor(start=d, step=step)
    c.step_back()
    assert c.date < d and c.date == tl.step_start(c.date, step)
    assert c.date == (tl.step_start(d, step) if tl.step_start(d, step) < d else tl.step_start(d - timedelta(1), step))


@given(dates, dates, dates, steps)
def test_the_ends_are_step_starts_within_the_range(a, b, start, step):
    c = TimelineCursor(start=start, step=step)
    c.set_range(a, b)  # either order
    first, last = min(a, b), max(a, b)
    assert c.range() == (first, last)
    lo, hi = tl.step_start(first, step), tl.step_start(last, step)
    c.go_first()
    assert c.date == lo
    c.go_last()
    assert c.date == hi and lo <= c.date <= last


@given(dates, st.integers(0, 40), dates, steps, st.booleans())
def test_replay_stays_on_step_starts_within_the_range(first, span, start, step, loop):
    last = first + timedelta(days=span * 3)
    c = TimelineCursor(start=start, step=step)
    c.set_range(first, last)
    frames = tl.steps_between(first, last, step)
    assert c.rewind_if_finished()
    # Play from where the analyst is, unless that is past the last step or outside the range.
    assert c.date == (start if frames[0] <= start < frames[-1] else frames[0])
    at = c.date
    for _ in range(len(frames) + 2):
        moved = c.advance(loop)
        if not loop and at == frames[-1]:  # the last frame was shown: stop there
            assert not moved and c.date == frames[-1]
            break
        assert moved and c.date in frames  # a step start within the range, always
        expected = tl.next_step(at, step) if at < frames[-1] else frames[0]  # or wrap round
        assert c.date == expected
        at = c.date


@given(dates, steps)
def test_nothing_to_replay_without_a_range(d, step):
    c = TimelineCursor(start=d, step=step)
    assert c.range() is None and not c.rewind_if_finished() and not c.advance(True)
    c.go_first()
    c.go_last()
    assert c.date == d


def test_play_pressed_at_the_end_starts_over_and_in_the_middle_stays():
    c = TimelineCursor(start=D(2025, 11, 17))
    c.set_range(D(2025, 11, 3), D(2025, 12, 1))
    assert c.rewind_if_finished() and c.date == D(2025, 11, 17)
    c.set_date(D(2025, 12, 1))
    assert c.rewind_if_finished() and c.date == D(2025, 11, 3)
    c.set_date(D(2025, 10, 1))
    assert c.rewind_if_finished() and c.date == D(2025, 11, 3)


def test_dates_only():
    c = TimelineCursor(start=D(2025, 1, 1))
    with pytest.raises(TypeError):
        c.set_date("2025-11-03")
    with pytest.raises(TypeError):
        c.set_date(datetime(2025, 11, 3, 12, 0))
    with pytest.raises(ValueError):
        c.set_step("fortnight")
    with pytest.raises(ValueError):
        TimelineCursor(step="year")


# -- the project it follows --------------------------------------------------------------------
def test_a_project_puts_the_cursor_on_its_last_step_and_gives_the_range():
    p, _, _ = project_with_changes()
    c = TimelineCursor(p)
    assert c.date == D(2025, 12, 1) and c.range() == (D(2025, 11, 3), D(2025, 12, 1))
    assert c.change_dates() == [D(2025, 11, 3), D(2025, 11, 12), D(2025, 12, 1)]
    c.set_step(tl.MONTH)
    c.step_back()
    assert c.date == D(2025, 11, 1)
    assert c.next_change() and c.date == D(2025, 11, 3)
    assert c.next_change() and c.date == D(2025, 11, 12)
    assert c.prev_change() and c.date == D(2025, 11, 3)
    assert not c.prev_change() and c.date == D(2025, 11, 3)
    assert TimelineCursor(p, start=D(2025, 11, 20)).date == D(2025, 11, 20)  # a start date wins


def test_listeners_hear_each_change_once_and_no_change_not_at_all():
    p, stack, zid = project_with_changes()
    c = TimelineCursor(p)
    seen = heard(c)
    c.set_date(c.date)
    c.set_step(c.step)
    assert seen == []
    c.step_back()
    c.set_step(tl.DAY)
    c.set_range(D(2025, 11, 10), D(2025, 11, 20))
    assert seen == [DATE, STEP, RANGE]
    stack.push(edit_zone(p, zid, D(2025, 12, 15), status="ru_advance"))  # a new date in the project
    assert seen[-1] == RANGE
    c.set_range(None)
    assert c.range() == (D(2025, 11, 3), D(2025, 12, 15))


def test_a_listener_may_unhook_itself_while_hearing():
    c = TimelineCursor(start=D(2025, 1, 1))
    calls: list[str] = []

    def once(what: str) -> None:
        calls.append(what)
        c.listeners.remove(once)
    c.listeners.append(once)
    c.listeners.append(calls.append)
    c.step_forward()
    c.step_forward()
    assert calls == [DATE, DATE, DATE]


def test_switching_projects_moves_the_listener_and_detach_drops_it():
    p, _, _ = project_with_changes()
    other = Project()
    c = TimelineCursor(p)
    seen = heard(c)
    c.set_project(other)
    assert c._on_project_changed not in p.listeners and c._on_project_changed in other.listeners
    assert seen == [RANGE] and c.range() is None and c.date == D(2025, 12, 1)  # nothing to move to
    c.detach()
    assert c._on_project_changed not in other.listeners and c.project is None


@given(dates, dates)
def test_set_date_goes_exactly_where_asked(a, b):
    assume(a != b)
    c = TimelineCursor(start=a)
    seen = heard(c)
    c.set_date(b)
    assert c.date == b and seen == [DATE]
