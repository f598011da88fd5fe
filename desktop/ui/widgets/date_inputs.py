"""Date fields, one way everywhere: a whole date typed (ISO or European) or picked from a
calendar, shown ISO, with an optional "no date" value (shown as words such as "still valid" or
"from: any"). The field itself is `date_field.DateField`."""
from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from desktop.ui.widgets.date_field import NO_DATE, DateField


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def date_edit(parent: QWidget | None = None, value: date | None = None, *, empty_text: str = "",
              cursor_date: Callable[[], date] | None = None) -> DateField:
    """A date field. With `empty_text` it may be left empty: "no date", which `date()` gives as
    NO_DATE. Its calendar opens on its date, else on `cursor_date()` (by default the date of
    the main window it sits in)."""
    edit = DateField(parent, empty_text=empty_text, cursor_date=cursor_date)
    if value is not None:
        edit.set_date(value)
    return edit


__all__ = ["NO_DATE", "DateField", "date_edit", "from_qdate", "to_qdate"]
