"""Timeline steps without Qt: days, Monday weeks, months, leap years, ranges and looping."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.model.timeline import (DAY, MONTH, STEPS, WEEK, advance, nearest_step_start, next_change,
                                    next_step, prev_change, prev_step, step_end, step_start,
                                    steps_between)

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
steps = st.sampled_from(STEPS)


def test_week_starts_on_monday():
    # 2025-12-01 is a Monday, 2025-12-07 a Sunday.
    assert step_start(date(2025, 12, 1), WEEK) == date(2025, 12, 1)
    assert step_start(date(2025, 12, 7), WEEK) == date(2025, 12, 1)
    assert step_start(date(2025, 12, 3), WEEK) == date(2025, 12, 1)
    assert step_start(date(2025, 12, 8), WEEK) == date(2025, 12, 8)
    assert next_step(date(2025, 12, 7), WEEK) == date(2025, 12, 8)
    assert prev_step(date(2025, 12, 1), WEEK) == date(2025, 11, 24)


def test_week_across_year_boundary():
    # 2026-01-01 is a Thursday: its week started on Monday 2025-12-29.
    assert step_start(date(2026, 1, 1), WEEK) == date(2025, 12, 29)
    assert next_step(date(2025, 12, 29), WEEK) == date(2026, 1, 5)
    assert steps_between(date(2025, 12, 31), date(2026, 1, 6), WEEK) == [date(2025, 12, 29), date(2026, 1, 5)]


def test_month_ends_and_year_boundary():
    assert step_start(date(2025, 1, 31), MONTH) == date(2025, 1, 1)
    assert next_step(date(2025, 1, 31), MONTH) == date(2025, 2, 1)
    assert next_step(date(2025, 12, 31), MONTH) == date(2026, 1, 1)
    assert prev_step(date(2026, 1, 1), MONTH) == date(2025, 12, 1)
    assert step_end(date(2025, 4, 30), MONTH) == date(2025, 5, 1)
    assert steps_between(date(2025, 11, 30), date(2026, 2, 1), MONTH) == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]


def test_leap_years():
    assert next_step(date(2024, 2, 28), DAY) == date(2024, 2, 29)
    assert next_step(date(2024, 2, 29), DAY) == date(2024, 3, 1)
    assert next_step(date(2025, 2, 28), DAY) == date(2025, 3, 1)
    assert step_start(date(2024, 2, 29), MONTH) == date(2024, 2, 1)
    assert next_step(date(2024, 2, 29), MONTH) == date(2024, 3, 1)
    assert prev_step(date(2024, 3, 1), DAY) == date(2024, 2, 29)
    # Thursday 2024-02-29 is in the week of Monday 2024-02-26.
    assert step_start(date(2024, 2, 29), WEEK) == date(2024, 2, 26)
    assert len(steps_between(date(2024, 2, 1), date(2024, 2, 29), DAY)) == 29
    assert len(steps_between(date(2023, 2, 1), date(2023, 2, 28), DAY)) == 28
    assert len(steps_between(date(2024, 1, 1), date(2024, 12, 31), DAY)) == 366


def test_prev_step_from_inside_a_step_returns_to_its_start():
    assert prev_step(date(2025, 12, 3), WEEK) == date(2025, 12, 1)
    assert prev_step(date(2025, 12, 15), MONTH) == date(2025, 12, 1)
    assert prev_step(date(2025, 12, 15), DAY) == date(2025, 12, 14)


def test_empty_and_one_day_ranges():
    d = date(2025, 12, 3)
    assert steps_between(d, d - timedelta(days=1), WEEK) == []
    for step in STEPS:
        assert steps_between(d, d, step) == [step_start(d, step)]
    # One-step ranges: playback stops at once, or stays on that step when looping.
    assert advance(d, WEEK, d, d, loop=False) is None
    assert advance(d, WEEK, d, d, loop=True) == date(2025, 12, 1)
    assert advance(d, WEEK, d, d - timedelta(days=1), loop=True) is None


def test_advance_and_loop():
    first, last = date(2025, 11, 5), date(2025, 12, 2)  # weeks of Nov 3 .. Dec 1
    seq, d = [], date(2025, 11, 3)
    while d is not None:
        seq.append(d)
        d = advance(d, WEEK, first, last, loop=False)
    assert seq == steps_between(first, last, WEEK)
    assert advance(date(2025, 12, 1), WEEK, first, last, loop=True) == date(2025, 11, 3)
    # From before the range playback starts at the first step, from past it stops or wraps.
    assert advance(date(2025, 1, 1), WEEK, first, last, loop=False) == date(2025, 11, 3)
    assert advance(date(2026, 1, 1), WEEK, first, last, loop=False) is None
    assert advance(date(2026, 1, 1), WEEK, first, last, loop=True) == date(2025, 11, 3)
    # A cursor in the middle of the last step also ends playback.
    assert advance(date(2025, 12, 3), WEEK, first, last, loop=False) is None


def test_nearest_step_start():
    assert nearest_step_start(date(2025, 12, 4), WEEK) == date(2025, 12, 1)  # Thursday: 3 back, 4 on
    assert nearest_step_start(date(2025, 12, 5), WEEK) == date(2025, 12, 8)
    assert nearest_step_start(date(2025, 12, 20), MONTH) == date(2026, 1, 1)


def test_change_navigation():
    ds = [date(2025, 11, 3), date(2025, 11, 12), date(2025, 12, 1)]
    assert next_change(ds, date(2025, 11, 3)) == date(2025, 11, 12)
    assert next_change(ds, date(2025, 11, 1)) == date(2025, 11, 3)
    assert next_change(ds, date(2025, 12, 1)) is None
    assert prev_change(ds, date(2025, 11, 12)) == date(2025, 11, 3)
    assert prev_change(ds, date(2025, 11, 3)) is None
    assert prev_change(ds, date(2026, 1, 1)) == date(2025, 12, 1)
    assert next_change([], date(2025, 1, 1)) is None


def test_unknown_step_is_refused():
    with pytest.raises(ValueError, match="step must be one of"):
        step_start(date(2025, 1, 1), "fortnight")


@given(dates, steps)
def test_step_start_is_idempotent_and_holds_d(d, step):
    s = step_start(d, step)
    assert step_start(s, step) == s
    assert s <= d < next_step(d, step)
    if step == WEEK:
        assert s.weekday() == 0
    if step == MONTH:
        assert s.day == 1


@given(dates, steps)
def test_next_and_prev_are_strict_and_inverse_on_boundaries(d, step):
    n = next_step(d, step)
    assert n > d and step_start(n, step) == n
    p = prev_step(d, step)
    assert p < d and step_start(p, step) == p
    s = step_start(d, step)
    assert prev_step(next_step(s, step), step) == s
    assert next_step(prev_step(s, step), step) == s


@given(dates, st.integers(0, 400), steps)
def test_steps_between_is_contiguous(first, span, step):
    last = first + timedelta(days=span)
    out = steps_between(first, last, step)
    assert out[0] == step_start(first, step) and out[-1] == step_start(last, step)
    assert all(next_step(a, step) == b for a, b in zip(out, out[1:]))
    # Every day of the range falls in exactly one listed step.
    assert step_start(first + timedelta(days=span // 2), step) in out


@given(dates, st.integers(0, 120), steps, st.booleans())
def test_playback_visits_every_step_once(first, span, step, loop):
    last = first + timedelta(days=span)
    expected = steps_between(first, last, step)
    seen, d = [], expected[0]
    for _ in range(len(expected)):
        seen.append(d)
        d = advance(d, step, first, last, loop)
    assert seen == expected
    assert d == (expected[0] if loop else None)
