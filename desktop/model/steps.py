"""Calendar steps: day, week (starting Monday) and month."""
from __future__ import annotations

from datetime import date, timedelta

STEPS = ("day", "week", "month")


def step_start(d: date, step: str) -> date:
    """The first day of the step holding `d`."""
    if step == "day":
        return d
    if step == "week":
        return d - timedelta(days=d.weekday())
    if step == "month":
        return d.replace(day=1)
    raise ValueError(f"step must be one of {STEPS}, not {step!r}")


def next_step(d: date, step: str) -> date:
    """The first day of the step after the one holding `d`."""
    s = step_start(d, step)
    if step == "day":
        return s + timedelta(days=1)
    if step == "week":
        return s + timedelta(days=7)
    return date(s.year + (s.month == 12), s.month % 12 + 1, 1)


def steps_between(first: date, last: date, step: str) -> list[date]:
    """First days of every step from the one holding `first` to the one holding `last`, inclusive."""
    out: list[date] = []
    d = step_start(first, step)
    while d <= last:
        out.append(d)
        d = next_step(d, step)
    return out
