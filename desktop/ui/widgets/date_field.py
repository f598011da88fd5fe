"""A date field that takes a whole typed date, or refuses it with the reason.

Qt's QDateEdit edits a date section by section and keeps the sections not typed over: typing
2024-10-07 over 2025-12-01 gave 2025-10-07, and a field showing "still valid" could not be typed
into at all. Here the text is free while typing. Enter, leaving the field or a calendar pick reads
it whole with `model.date_text.parse_date_text` (ISO `2024-10-07` or European `07.10.2024`): a
date becomes the value (shown ISO), anything else stays on screen, marked, with the reason in
the tooltip, the window's status bar and `sigRefused`. The value never becomes a date nobody
typed. A field made with `empty_text` may be empty: that is "no date" (e.g. "still valid").

The API is QDateEdit's where callers use it (`date()`, `setDate()`, `dateChanged`,
`editingFinished`, `minimumDate()` as the "no date" value), so dialogs and panels read it as
before; `value()` is the plain `datetime.date`, or None.
"""
from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import QDate, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QFrame, QLineEdit, QMainWindow, QToolTip, QVBoxLayout, QWidget

from desktop.ui.i18n import tr
from desktop.ui.messages import shown
from desktop.model.date_text import DateTextError, format_date, parse_date_text

from desktop.ui.widgets.icons import icon
from desktop.ui.widgets.plain_text import tooltip

NO_DATE = QDate(1900, 1, 1)  # what `date()` gives for "no date", as QDateEdit's minimum did
# The dates a field takes: wide enough for any conflict record, narrow enough that step and
# replay arithmetic never runs off Python's calendar, and clear of the NO_DATE stand-in.
EARLIEST, LATEST = date(1901, 1, 1), date(2200, 12, 31)
INVALID_STYLE = "QLineEdit { background: #fdecea; border: 1px solid #c62828; border-radius: 2px; padding: 1px; }"
WIDEST_DATE = "8888-88-88"


def as_date(value: QDate | date | None) -> date | None:
    """A plain date from what callers hand `setDate`; NO_DATE and invalid QDates are None."""
    if value is None:
        return None
    if isinstance(value, QDate):
        if not value.isValid() or value == NO_DATE:
            return None
        return date(value.year(), value.month(), value.day())
    return value


def as_qdate(value: date | None) -> QDate:
    return NO_DATE if value is None else QDate(value.year, value.month, value.day)


def check_range(d: date, text: str) -> date:
    if not EARLIEST <= d <= LATEST:
        raise DateTextError(tr("{text}: Frontline takes dates from {first} to {last}").format(
            text=repr(text), first=EARLIEST.year, last=LATEST.year))
    return d


def _main_window(widget: QWidget) -> QMainWindow | None:
    """The main window a field sits in (through docks and dialogs), if any."""
    w = widget.parentWidget()
    while w is not None and not isinstance(w, QMainWindow):
        w = w.parentWidget()
    return w


class CalendarPopup(QFrame):
    """The calendar under a field: a click or Enter picks, Escape or a click outside closes."""
    sigPicked = Signal(object)  # a datetime.date

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)  # the timeline's weeks start on Monday
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setDateRange(as_qdate(EARLIEST), as_qdate(LATEST))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(1, 1, 1, 1)
        lay.addWidget(self.calendar)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)

    def open_on(self, d: date, below: QWidget) -> None:
        """Show the month of `d` with `d` selected, just under `below` (kept on its screen)."""
        self.calendar.setSelectedDate(as_qdate(d))
        self.calendar.setCurrentPage(d.year, d.month)
        self.adjustSize()
        pos = below.mapToGlobal(QPoint(0, below.height()))
        screen = QGuiApplication.screenAt(pos) or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            if pos.y() + self.height() > room.bottom():
                pos.setY(below.mapToGlobal(QPoint(0, 0)).y() - self.height())  # above the field
            pos.setX(max(room.left(), min(pos.x(), room.right() - self.width())))
        self.move(pos)
        self.show()
        self.calendar.setFocus()

    def shown_page(self) -> tuple[int, int]:
        return self.calendar.yearShown(), self.calendar.monthShown()

    def _pick(self, q: QDate) -> None:
        self.close()
        self.sigPicked.emit(as_date(q))


class DateField(QLineEdit):
    """One date, typed whole or picked from the calendar (see the module's docstring)."""
    dateChanged = Signal(QDate)  # once per new value, typed, picked or set
    sigRefused = Signal(str)  # the reason a typed text was not taken

    def __init__(self, parent: QWidget | None = None, *, empty_text: str = "",
                 cursor_date: Callable[[], date] | None = None) -> None:
        super().__init__(parent)
        self._empty_text = empty_text
        self._cursor_date = cursor_date
        self._value: date | None = None
        self._plain_tip: str | None = None  # the caller's tooltip while a refusal's is shown
        self.error = ""  # why the text on screen was refused; "" when it is the value
        self.popup: CalendarPopup | None = None  # made on first use
        if empty_text:
            self.setPlaceholderText(empty_text)
        self.calendar_action = self.addAction(icon("calendar"), QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip(tr("Pick the date from a calendar (Alt+Down)"))
        self.calendar_action.triggered.connect(self.open_calendar)
        # Connected before any caller's slot, so those read the value the text now spells.
        self.editingFinished.connect(self.commit)
        self.textEdited.connect(self._edited)

    # -- QDateEdit's API, as callers use it -------------------------------------------------
    def date(self) -> QDate:
        """The value as a QDate; NO_DATE when there is none."""
        return as_qdate(self._value)

    def setDate(self, value: QDate | date | None) -> None:  # QDateEdit's name, kept for callers
        """Show `value` (NO_DATE or None: no date) and emit `dateChanged` if it is new."""
        new = as_date(value)
        self._show(new)
        if new != self._value:
            self._value = new
            self.dateChanged.emit(as_qdate(new))

    def minimumDate(self) -> QDate:  # what callers compare with for "no date"
        return NO_DATE

    # -- plain API --------------------------------------------------------------------------
    def value(self) -> date | None:
        return self._value

    def set_date(self, value: date | None) -> None:
        """Show `value` without signalling: a mirror of the model (the timeline's cursor)."""
        self._value = value
        self._show(value)

    def commit(self) -> bool:
        """Take the text on screen whole: True if it is now the value, False if refused."""
        text = self.text().strip()
        if self._empty_text and (not text or text.casefold() == self._empty_text.casefold()):
            new = None
        else:
            try:
                new = check_range(parse_date_text(text), text)
            except DateTextError as e:
                self._refuse(shown(e))  # the core's reason, in the interface's language
                return False
        self.setDate(new)  # shows it ISO (07.10.2024 → 2024-10-07)
        return True

    def open_calendar(self) -> None:
        """The calendar on the field's date, or (with none) on the date the window shows."""
        if self.popup is None:
            self.popup = CalendarPopup(self)
            self.popup.sigPicked.connect(self._picked)
        self.popup.open_on(self._value or self.cursor_date(), self)

    def cursor_date(self) -> date:
        """The timeline cursor's date: the given provider's, else the main window's, else today."""
        if self._cursor_date is not None:
            return self._cursor_date()
        cursor = getattr(_main_window(self), "cursor", None)
        return getattr(cursor, "date", None) or date.today()

    # -- inside -----------------------------------------------------------------------------
    def _picked(self, d: date) -> None:
        self.setText(format_date(d))
        # As if typed and confirmed: the value, then the callers that act on a finished edit.
        self.editingFinished.emit()
        self.setFocus()

    def _edited(self, _text: str) -> None:
        self._unmark()  # being corrected: the refusal no longer describes the text

    def _show(self, value: date | None) -> None:
        self._unmark()
        self.setText(format_date(value) if value is not None else "")

    def _refuse(self, reason: str) -> None:
        self.error = reason
        if self._plain_tip is None:
            self._plain_tip = self.toolTip()
        self.setToolTip(tooltip(reason))
        self.setStyleSheet(INVALID_STYLE)
        if self.isVisible():
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), tooltip(reason), self)
        self.sigRefused.emit(reason)
        window = _main_window(self)
        if window is not None and hasattr(window, "message"):
            window.message(tr("Date not taken: {reason}").format(reason=reason))

    def _unmark(self) -> None:
        if self._plain_tip is None:
            return
        self.error = ""
        self.setToolTip(self._plain_tip)
        self._plain_tip = None
        self.setStyleSheet("")

    # -- Qt overrides -------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
            self.open_calendar()
            return
        if key == Qt.Key.Key_Escape and (self.error or self.text() != self._shown_text()):
            self._show(self._value)  # give up the typing; a second Escape reaches the dialog
            return
        super().keyPressEvent(event)  # Enter: editingFinished, so commit() runs
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.error:
            event.accept()  # a refused date must not press the dialog's default button

    def _shown_text(self) -> str:
        return format_date(self._value) if self._value is not None else ""

    def sizeHint(self) -> QSize:  # Qt override
        """Wide enough for an ISO date (or the "no date" words) beside the calendar button."""
        fm = self.fontMetrics()
        text = max(fm.horizontalAdvance(WIDEST_DATE), fm.horizontalAdvance(self._empty_text))
        h = super().sizeHint().height()
        return QSize(text + h + 14, h)  # the button is about as wide as the field is tall

    def minimumSizeHint(self) -> QSize:  # Qt override
        return self.sizeHint()


__all__ = ["DateField", "CalendarPopup", "NO_DATE", "as_date", "as_qdate"]
