"""Dates as analysts type them: ISO `2024-10-07` and the European `07.10.2024`.

A typed date is taken whole or refused with the reason: an incomplete or impossible date is
never "corrected" into another one (Qt's section editing turned a typed 2024-10-07 into
2025-10-07 by keeping the old year). Stdlib only, so the date fields of every dialog and the
command line read dates the same way.
"""
from __future__ import annotations

import re
from datetime import date

from desktop.model.messages import MessageError, Message

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_EUROPEAN = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
FORMATS_HINT = Message("type a date as 2025-12-01 or 01.12.2025")
# English month names whatever the C library's locale (Qt sets it from the system's); the
# interface translates them with the rest of the message.
MONTHS = (Message("January"), Message("February"), Message("March"), Message("April"), Message("May"),
          Message("June"), Message("July"), Message("August"), Message("September"),
          Message("October"), Message("November"), Message("December"))


class DateTextError(MessageError):
    """A typed date that cannot be taken; the message says why, in one line."""


def parse_date_text(text: str) -> date:
    """The date `text` spells, or DateTextError naming the problem."""
    s = text.strip()
    if not s:
        raise DateTextError(Message("no date typed: {hint}", hint=FORMATS_HINT))
    m = _ISO.fullmatch(s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _EUROPEAN.fullmatch(s)
        if not m:
            raise DateTextError(Message("{text} is not a whole date: {hint}", text=repr(s), hint=FORMATS_HINT))
        d, mo, y = (int(g) for g in m.groups())
    if y < 1:
        raise DateTextError(Message("{text}: year {year} does not exist", text=repr(s), year=y))
    if not 1 <= mo <= 12:
        raise DateTextError(Message("{text}: there is no month {month}", text=repr(s), month=mo))
    try:
        return date(y, mo, d)
    except ValueError:
        raise DateTextError(Message("{text}: {month} {year} has no day {day}", text=repr(s),
                                   month=MONTHS[mo - 1], year=y, day=d)) from None


def format_date(d: date) -> str:
    """The one way Frontline shows a date: ISO."""
    return d.isoformat()
