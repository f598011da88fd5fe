"""The timeline bar: |< < [date] > >|, play, speed, step, loop, range, and the change strip.

It drives the window's `TimelineCursor` (date, step, range) and `Playback` (play, speed, loop)
and mirrors them; it holds no time state of its own. Keyboard
shortcuts are QActions (`shortcut_actions()`) that the host window adds to itself, so the arrows
and space work wherever focus is, except in text fields that need those keys.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel,
                               QMenu, QPushButton, QSizePolicy, QSpacerItem, QToolButton, QVBoxLayout, QWidget,
                               QWidgetAction)

from desktop.ui.i18n import QT_TR_NOOP, tr
from desktop.model import timeline as tl
from desktop.model.cursor import DATE, RANGE, STEP

from desktop.ui.widgets.date_inputs import DateField, date_edit, from_qdate
from desktop.ui.widgets.icons import icon
from desktop.ui.widgets.project_listeners import listen
from desktop.ui.timeline.playback import Playback
from desktop.ui.timeline.change_dates import ChangeDates
from desktop.ui.timeline.strip import ChangeStrip

SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0, 60.0)  # frames (steps) per second
STRIP_MIN_WIDTH = 240  # px of change strip below which it goes on its own row
STEP_LABELS = {tl.DAY: QT_TR_NOOP("Day"), tl.WEEK: QT_TR_NOOP("Week"), tl.MONTH: QT_TR_NOOP("Month")}


def _icon(name: str):
    return icon(name)


class TimelineBar(QWidget):
    def __init__(self, playback: Playback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.playback = playback
        self.cursor = cursor = playback.cursor
        self._marks: ChangeDates | None = None
        self._build_actions()
        self._build_widgets()
        listen(self, cursor, self._on_cursor)
        playback.sigPlayingChanged.connect(self._on_playing)
        playback.sigSettingsChanged.connect(self._on_settings)
        self._on_date(cursor.date)
        self._on_step(cursor.step)
        self._on_playing(playback.is_playing())
        self._on_settings()
        self.refresh_marks()

    # -- actions ----------------------------------------------------------------------------
    def _act(self, text: str, icon: str, shortcut: str | None, slot, tip: str) -> QAction:
        a = QAction(_icon(icon), tr(text), self)
        tip = tr(tip)
        if shortcut:
            a.setShortcut(QKeySequence(shortcut))
            tip = f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.NativeText)})"
        a.setToolTip(tip)
        a.setStatusTip(tip)
        a.triggered.connect(slot)
        return a

    def _build_actions(self) -> None:
        c, play = self.cursor, self.playback
        self.act_first = self._act(QT_TR_NOOP("First step"), "page-first", "Home", c.go_first,
                                   QT_TR_NOOP("Go to the first step"))
        self.act_back = self._act(QT_TR_NOOP("Step back"), "chevron-left", "Left", c.step_back,
                                  QT_TR_NOOP("Previous step"))
        self.act_forward = self._act(QT_TR_NOOP("Step forward"), "chevron-right", "Right", c.step_forward,
                                     QT_TR_NOOP("Next step"))
        self.act_last = self._act(QT_TR_NOOP("Last step"), "page-last", "End", c.go_last,
                                  QT_TR_NOOP("Go to the last step"))
        self.act_play = self._act(QT_TR_NOOP("Play"), "play", "Space", play.toggle_play,
                                  QT_TR_NOOP("Play or pause the replay"))
        self.act_prev_change = self._act(QT_TR_NOOP("Previous change"), "skip-previous", "Ctrl+Left", c.prev_change,
                                         QT_TR_NOOP("Jump to the previous date where something changes"))
        self.act_next_change = self._act(QT_TR_NOOP("Next change"), "skip-next", "Ctrl+Right", c.next_change,
                                         QT_TR_NOOP("Jump to the next date where something changes"))
        self.act_loop = self._act(QT_TR_NOOP("Loop"), "repeat", None, play.set_loop, QT_TR_NOOP("Loop the replay"))
        self.act_loop.setCheckable(True)

    def shortcut_actions(self) -> list[QAction]:
        """The actions the host window should add to itself (`window.addActions(...)`)."""
        return [self.act_first, self.act_back, self.act_forward, self.act_last, self.act_play,
                self.act_prev_change, self.act_next_change]

    # -- widgets ----------------------------------------------------------------------------
    def _button(self, action: QAction) -> QToolButton:
        b = QToolButton(self)
        b.setDefaultAction(action)
        b.setAutoRaise(True)
        b.setFocusPolicy(Qt.NoFocus)  # keep arrows and space for the window's shortcuts
        return b

    def _build_widgets(self) -> None:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.date_edit = self._date_field(self)
        self.date_edit.setToolTip(tr("The date on the map: type a date (2025-12-01 or 01.12.2025) and press Enter, "
                                  "or pick one from the calendar"))
        self.date_edit.dateChanged.connect(lambda q: self.cursor.set_date(from_qdate(q)))
        self.play_button = self._button(self.act_play)
        self.speed_combo = QComboBox(self)
        for fps in SPEEDS:
            self.speed_combo.addItem(tr("{fps} fps").format(fps=f"{fps:g}"), fps)
        self.speed_combo.setToolTip(tr("Replay speed, steps per second"))
        self.speed_combo.currentIndexChanged.connect(
            lambda i: self.playback.set_fps(self.speed_combo.itemData(i)))
        self.step_combo = QComboBox(self)
        for key, label in STEP_LABELS.items():
            self.step_combo.addItem(tr(label), key)
        self.step_combo.setToolTip(tr("Step of the arrows and of the replay (weeks start on Monday)"))
        self.step_combo.currentIndexChanged.connect(
            lambda i: self.cursor.set_step(self.step_combo.itemData(i)))
        self.range_button = self._range_button()
        for w in (self._button(self.act_first), self._button(self.act_back), self.date_edit,
                  self._button(self.act_forward), self._button(self.act_last)):
            row.addWidget(w)
        row.addSpacing(8)
        row.addWidget(self.play_button)
        row.addWidget(self.speed_combo)
        row.addSpacing(8)
        row.addWidget(QLabel(tr("Step:"), self))
        row.addWidget(self.step_combo)
        row.addWidget(self._button(self.act_loop))
        row.addWidget(self.range_button)
        row.addSpacing(8)
        # The change marks with their jump buttons: beside the controls when there is room,
        # on a row of their own in a narrow dock (at 1280 px wide the controls leave the strip
        # a few dozen pixels, too few to tell weekly marks apart).
        self.strip_box = QWidget(self)
        strip_row = QHBoxLayout(self.strip_box)
        strip_row.setContentsMargins(0, 0, 0, 0)
        strip_row.setSpacing(2)
        strip_row.addWidget(self._button(self.act_prev_change))
        self.strip = ChangeStrip(self.cursor, self.strip_box)
        self.strip.sigDateClicked.connect(self.cursor.set_date)
        strip_row.addWidget(self.strip, 1)
        strip_row.addWidget(self._button(self.act_next_change))
        self._controls_row = row
        self._controls_width = row.sizeHint().width()
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(4, 2, 4, 2)
        self._outer.setSpacing(2)
        self._outer.addLayout(row)
        self._strip_wrapped: bool | None = None
        self._wrap_stretch = QSpacerItem(0, 0, QSizePolicy.Expanding, QSizePolicy.Minimum)
        self._place_strip(wrapped=False)

    def add_actions(self, actions: list[QAction]) -> None:
        """Buttons for the host's view actions (gains and losses, presentation) after the
        controls: what a replaying analyst reaches for, without leaving the timeline."""
        at = self._controls_row.indexOf(self.strip_box)
        at = at if at >= 0 else self._controls_row.count() - (1 if self._strip_wrapped else 0)
        for a in actions:
            self._controls_row.insertWidget(at, self._button(a))
            at += 1
        self._controls_row.insertSpacing(at, 8)
        # The controls row is wider now: decide again where the strip goes.
        self._controls_width = sum(self._controls_row.itemAt(i).sizeHint().width()
                                   for i in range(self._controls_row.count())
                                   if self._controls_row.itemAt(i).widget() is not self.strip_box)
        self._controls_width += self._controls_row.spacing() * self._controls_row.count()
        if self.width() > 0:
            spare = self.width() - 8 - self._controls_width - self.strip_box.minimumSizeHint().width()
            self._place_strip(wrapped=spare < STRIP_MIN_WIDTH)

    def _place_strip(self, wrapped: bool) -> None:
        if wrapped == self._strip_wrapped:
            return
        self._strip_wrapped = wrapped
        self._controls_row.removeWidget(self.strip_box)
        self._outer.removeWidget(self.strip_box)
        if wrapped:
            self._outer.addWidget(self.strip_box)
            self._controls_row.addItem(self._wrap_stretch)  # the controls stay together at the left
        else:
            self._controls_row.removeItem(self._wrap_stretch)
            self._controls_row.addWidget(self.strip_box, 1)

    def resizeEvent(self, event) -> None:  # Qt override
        spare = event.size().width() - 8 - self._controls_width - self.strip_box.minimumSizeHint().width()
        self._place_strip(wrapped=spare < STRIP_MIN_WIDTH)
        super().resizeEvent(event)

    def _range_button(self) -> QToolButton:
        b = QToolButton(self)
        b.setIcon(_icon("calendar-range"))
        b.setAutoRaise(True)
        b.setFocusPolicy(Qt.NoFocus)
        b.setPopupMode(QToolButton.InstantPopup)
        b.setToolTip(tr("Replay range"))
        menu = QMenu(b)
        box = QWidget(menu)
        form = QFormLayout(box)
        self.range_from, self.range_to = self._date_field(box), self._date_field(box)
        self.range_whole = QCheckBox(tr("Whole project"), box)
        self.range_whole.setChecked(True)
        form.addRow(tr("From"), self.range_from)
        form.addRow(tr("To"), self.range_to)
        form.addRow(self.range_whole)
        apply = QPushButton(tr("Apply"), box)
        apply.clicked.connect(lambda: self.apply_range() and menu.close())
        form.addRow(apply)
        wa = QWidgetAction(menu)
        wa.setDefaultWidget(box)
        menu.addAction(wa)
        b.setMenu(menu)
        return b

    def _date_field(self, parent: QWidget) -> DateField:
        # Its calendar opens on the cursor's date while the field is empty (a range not set yet).
        return date_edit(parent, cursor_date=lambda: self.cursor.date)

    def apply_range(self) -> bool:
        """Apply the range popup: the project's whole range, or the two dates typed. A date
        typed but not confirmed is read now; one that is not a date leaves the range as it was
        (the field says why)."""
        if self.range_whole.isChecked():
            self.cursor.set_range(None)
            return True
        first, last = self.range_from, self.range_to
        if not (first.commit() and last.commit()) or first.value() is None or last.value() is None:
            return False
        self.cursor.set_range(first.value(), last.value())
        return True

    # -- mirroring the cursor ---------------------------------------------------------------
    def _on_cursor(self, what: str) -> None:
        if what == DATE:
            self._on_date(self.cursor.date)
        elif what == STEP:
            self._on_step(self.cursor.step)
        elif what == RANGE:
            self.refresh_marks()

    def _change_dates(self) -> list[date]:
        """The cursor's project's change dates, counted edit by edit (see `ChangeDates`)."""
        project = self.cursor.project
        if self._marks is None or self._marks.project is not project:
            if self._marks is not None:
                self._marks.detach()
            self._marks = ChangeDates(project) if project is not None else None
        return self._marks.dates() if self._marks is not None else []

    def refresh_marks(self) -> None:
        r = self.cursor.range()
        self.strip.set_marks(self._change_dates(), *(r or (None, None)))
        if r is not None:
            self.range_from.set_date(r[0])
            self.range_to.set_date(r[1])
        has_data = r is not None
        for a in (self.act_first, self.act_last, self.act_play):
            a.setEnabled(has_data)

    def _on_date(self, d: date) -> None:
        self.date_edit.set_date(d)
        self.strip.update()  # its mark is at the cursor's date

    def _on_step(self, step: str) -> None:
        self.step_combo.blockSignals(True)
        self.step_combo.setCurrentIndex(self.step_combo.findData(step))
        self.step_combo.blockSignals(False)

    def _on_playing(self, playing: bool) -> None:
        self.act_play.setIcon(_icon("pause" if playing else "play"))
        self.act_play.setText("Pause" if playing else QT_TR_NOOP("Play"))

    def _on_settings(self) -> None:
        self.act_loop.blockSignals(True)
        self.act_loop.setChecked(self.playback.loop)
        self.act_loop.blockSignals(False)
        fps = self.playback.fps
        i = min(range(len(SPEEDS)), key=lambda k: abs(SPEEDS[k] - fps))
        self.speed_combo.blockSignals(True)
        self.speed_combo.setCurrentIndex(i)
        self.speed_combo.blockSignals(False)
