"""Today's date, as the model sees it: the day an analyst records a version (`recorded_on`).

One function, looked up at call time (`clock.today()`), so a test pins the date with
`monkeypatch.setattr(clock, "today", ...)`; the model asks no toolkit and no server.
"""
from __future__ import annotations

from datetime import date


def today() -> date:
    """The local calendar date: what the analyst would write on the record, not UTC's."""
    return date.today()
