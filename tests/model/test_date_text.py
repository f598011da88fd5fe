"""Typed dates: every whole date in either spelling is read as itself; anything else is refused
with the reason, never turned into another date."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.model.date_text import DateTextError, format_date, parse_date_text

DATES = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))


@given(DATES)
def test_iso_and_european_spellings_read_back_the_same_date(d):
    assert parse_date_text(d.isoformat()) == d
    assert parse_date_text(f"{d.day:02d}.{d.month:02d}.{d.year}") == d
    assert parse_date_text(f"  {d.day}.{d.month}.{d.year} ") == d
    assert parse_date_text(format_date(d)) == d


def test_the_issues_examples_keep_their_year():
    assert parse_date_text("2024-10-07") == date(2024, 10, 7)
    assert parse_date_text("07.10.2024") == date(2024, 10, 7)
    assert parse_date_text("2025-12-04") == date(2025, 12, 4)


@pytest.mark.parametrize("text, reason", [
    ("", "no date typed"),
    ("2024-10", "not a whole date"),
    ("07.10.24", "not a whole date"),
    ("2024/10/07", "not a whole date"),
    ("2024-13-01", "no month 13"),
    ("2025-02-29", "February 2025 has no day 29"),
    ("31.04.2025", "April 2025 has no day 31"),
    ("0000-01-01", "year 0 does not exist"),
])
def test_incomplete_or_impossible_dates_are_refused_with_the_reason(text, reason):
    with pytest.raises(DateTextError, match=reason):
        parse_date_text(text)
