"""ISO date fields, one way everywhere: `yyyy-MM-dd`, a calendar popup, and an optional "no
date" value (the minimum date, shown as a word such as "still valid" or "from: any")."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

NO_DATE = QDate(1900, 1, 1)  # the minimum of a field that may be empty


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def date_edit(parent: QWidget | None = None, value: date | None = None, *, empty_text: str = "") -> QDateEdit:
    """A date field; with `empty_text`, NO_DATE stands for "no date" and shows that text."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setKeyboardTracking(False)  # commit a typed date once, not on every keystroke
    if empty_text:
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(empty_text)
    if value is not None:
        edit.setDate(to_qdate(value))
    return edit
