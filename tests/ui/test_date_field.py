"""The date field itself: a whole date typed from any previous value (ISO or European, any year)
is taken exactly; an incomplete or impossible one is refused with the reason and changes
nothing; a field that may be empty is cleared back to "no date"; the calendar opens on the
field's date, else on the cursor's. Keystrokes go into the real widget."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from desktop.ui.widgets.date_inputs import NO_DATE, date_edit

D = date


def type_date(qtbot, field, text: str, key=Qt.Key.Key_Return) -> None:
    """What an analyst does: click in, select what is there, type, press Enter."""
    field.setFocus()
    field.selectAll()
    if text:
        qtbot.keyClicks(field, text)
    else:
        qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClick(field, key)


@pytest.fixture
def field(qtbot):
    f = date_edit(value=D(2025, 12, 1))
    qtbot.addWidget(f)
    f.show()
    qtbot.waitExposed(f)
    return f


@pytest.mark.parametrize("text, want", [
    ("2024-10-07", D(2024, 10, 7)),  # another year: Qt's section editing kept 2025
    ("07.10.2024", D(2024, 10, 7)),
    ("2026-1-5", D(2026, 1, 5)),
    (" 2025-12-04 ", D(2025, 12, 4)),
])
def test_a_whole_typed_date_is_taken_exactly_and_shown_iso(qtbot, field, text, want):
    seen = []
    field.dateChanged.connect(seen.append)
    type_date(qtbot, field, text)
    assert field.value() == want and field.date() == QDate(want.year, want.month, want.day)
    assert field.text() == want.isoformat() and field.error == ""
    assert seen == [QDate(want.year, want.month, want.day)]  # once


def test_typing_alone_changes_nothing_until_enter(qtbot, field):
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "2024-10-07")
    assert field.value() == D(2025, 12, 1)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.value() == D(2024, 10, 7)


@pytest.mark.parametrize("text, reason", [
    ("2025-02-30", "February 2025 has no day 30"),
    ("2025-13-01", "no month 13"),
    ("2025-12", "not a whole date"),
    ("31.11.2025", "November 2025 has no day 31"),
    ("yesterday", "not a whole date"),
    ("", "no date typed"),
    ("1066-10-14", "from 1901 to 2200"),
])
def test_an_impossible_or_incomplete_date_is_refused_with_the_reason(qtbot, field, text, reason):
    seen, refused = [], []
    field.dateChanged.connect(seen.append)
    field.sigRefused.connect(refused.append)
    field.setToolTip("The date of the thing")
    type_date(qtbot, field, text)
    assert field.value() == D(2025, 12, 1) and seen == []  # never another date
    assert field.text() == text  # left as typed, to correct
    assert reason in field.error and refused == [field.error]
    assert reason in field.toolTip() and field.styleSheet()  # marked
    qtbot.keyClick(field, Qt.Key.Key_Escape)  # gives up the typing
    assert field.text() == "2025-12-01" and field.error == ""
    assert field.toolTip() == "The date of the thing" and not field.styleSheet()


def test_editing_a_refused_text_unmarks_it(qtbot, field):
    type_date(qtbot, field, "2025-02-30")
    assert field.error
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.error == "" and not field.styleSheet()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, "28")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.value() == D(2025, 2, 28)


def test_a_field_that_may_be_empty_is_typed_into_and_cleared_back(qtbot):
    f = date_edit(empty_text="still valid")
    qtbot.addWidget(f)
    f.setDate(NO_DATE)
    assert f.value() is None and f.date() == f.minimumDate() == NO_DATE
    assert f.text() == "" and f.placeholderText() == "still valid"
    type_date(qtbot, f, "2026-01-15")
    assert f.value() == D(2026, 1, 15)
    type_date(qtbot, f, "")
    assert f.value() is None and f.date() == NO_DATE and f.error == ""
    type_date(qtbot, f, "still valid")  # the words themselves mean no date too
    assert f.value() is None and f.text() == ""


def test_set_date_takes_a_qdate_or_a_date_and_signals_only_a_change(qtbot, field):
    seen = []
    field.dateChanged.connect(seen.append)
    field.setDate(QDate(2025, 12, 1))
    field.setDate(D(2024, 1, 2))
    field.set_date(D(2023, 5, 6))  # a mirror of the model: silent
    assert seen == [QDate(2024, 1, 2)] and field.text() == "2023-05-06"


def test_the_calendar_opens_on_the_field_date_or_the_cursor_date(qtbot):
    f = date_edit(empty_text="still valid", cursor_date=lambda: D(2025, 11, 24))
    qtbot.addWidget(f)
    f.show()
    f.open_calendar()
    assert f.popup.isVisible() and f.popup.shown_page() == (2025, 11)
    assert f.popup.calendar.selectedDate() == QDate(2025, 11, 24)  # not January 1900
    f.popup.close()
    f.setDate(D(2024, 3, 9))
    f.open_calendar()
    assert f.popup.shown_page() == (2024, 3)
    finished = []
    f.editingFinished.connect(lambda: finished.append(f.value()))
    f.popup.calendar.clicked.emit(QDate(2024, 3, 21))  # a pick
    assert not f.popup.isVisible() and f.value() == D(2024, 3, 21) and finished == [D(2024, 3, 21)]


def test_the_field_fits_an_iso_date_beside_its_calendar_button(qtbot, field):
    fm = field.fontMetrics()
    assert field.sizeHint().width() >= fm.horizontalAdvance("2025-12-01") + field.sizeHint().height()
    assert field.calendar_action.isVisible()
