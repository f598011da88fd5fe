"""Dates as analysts type them: ISO `2024-10-07` and the European `07.10.2024`.

A typed date is taken whole or refused with the reason: an incomplete or impossible date is
never "corrected" into another one (Qt's section editing turned a typed 2024-10-07 into
2025-10-07 by keeping the old year). Stdlib only, so the date fields of every dialog and the
command line read dates the same way.
"""
from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_EUROPEAN = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
FORMATS_HINT = "type a date as 2025-12-01 or 01.12.2025"


class DateTextError(ValueError):
    """A typed date that cannot be taken; the message says why, in one line."""


def parse_date_text(text: str) -> date:
    """The date `text` spells, or DateTextError naming the problem."""
    s = text.strip()
    if not s:
        raise DateTextError(f"no date typed: {FORMATS_HINT}")
    m = _ISO.fullmatch(s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _EUROPEAN.fullmatch(s)
        if not m:
            raise DateTextError(f"{s!r} is not a whole date: {FORMATS_HINT}")
        d, mo, y = (int(g) for g in m.groups())
    if y < 1:
        raise DateTextError(f"{s!r}: year {y} does not exist")
    if not 1 <= mo <= 12:
        raise DateTextError(f"{s!r}: there is no month {mo}")
    try:
        return date(y, mo, d)
    except ValueError:
        raise DateTextError(f"{s!r}: {date(y, mo, 1):%B %Y} has no day {d}") from None


def format_date(d: date) -> str:
    """The one way Frontline shows a date: ISO."""
    return d.isoformat()
