"""The one timeline cursor of a window: its date, step, range and playback.

Every view that depends on time (map, inspector, chart, changes list, presentation) listens to
`sigDateChanged`; every control that moves time calls the methods here, so there is exactly
one source of truth for "the date on screen".
"""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.model import timeline as tl

MIN_FPS, MAX_FPS = 0.25, 60.0


class TimelineCursor(QObject):
    sigDateChanged = Signal(object)  # datetime.date
    sigStepChanged = Signal(str)
    sigPlayingChanged = Signal(bool)
    # The range or the change dates may have changed: (first, last) or None.
    sigRangeChanged = Signal(object)
    sigSettingsChanged = Signal()  # fps or loop

    def __init__(self, project: Any = None, parent: QObject | None = None, *,
                 start: date | None = None, step: str = tl.WEEK) -> None:
        super().__init__(parent)
        tl._check(step)
        self._project = None
        self._step = step
        self._loop = False
        self._fps = 4.0
        self._range: tuple[date, date] | None = None  # None: follow the project's date range
        self._date = start or date.today()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self._apply_interval()
        if project is not None:
            self.set_project(project, move=start is None)

    # -- project ----------------------------------------------------------------------------
    @property
    def project(self) -> Any:
        return self._project

    def set_project(self, project: Any, *, move: bool = True) -> None:
        """Attach a project; with `move`, put the cursor on the step of its last data date."""
        if self._project is not None and self._on_project_changed in self._project.listeners:
            self._project.listeners.remove(self._on_project_changed)
        self._project = project
        if project is not None:
            project.listeners.append(self._on_project_changed)
        self.sigRangeChanged.emit(self.range())
        if move and project is not None:
            r = self.range()
            if r is not None:
                self.set_date(tl.step_start(r[1], self._step))

    def detach(self) -> None:
        """Stop listening to the project (call when the window closes it)."""
        self.pause()
        self.set_project(None, move=False)

    def _on_project_changed(self, changes: Any) -> None:
        if any(c.table in ("versions", "observations") for c in changes):
            self.sigRangeChanged.emit(self.range())

    # -- state ------------------------------------------------------------------------------
    @property
    def date(self) -> date:
        return self._date

    @property
    def step(self) -> str:
        return self._step

    @property
    def loop(self) -> bool:
        return self._loop

    @property
    def fps(self) -> float:
        return self._fps

    def is_playing(self) -> bool:
        return self.timer.isActive()

    def range(self) -> tuple[date, date] | None:
        """The playback range: the one set, else the project's first and last data dates."""
        if self._range is not None:
            return self._range
        if self._project is not None:
            return self._project.date_range()
        return None

    def change_dates(self) -> list[date]:
        return self._project.change_dates() if self._project is not None else []

    # -- setters ----------------------------------------------------------------------------
    def set_date(self, d: date) -> None:
        if not isinstance(d, date):
            raise TypeError(f"the cursor takes a datetime.date, not {type(d).__name__}")
        if d != self._date:
            self._date = d
            self.sigDateChanged.emit(d)

    def set_step(self, step: str) -> None:
        tl._check(step)
        if step != self._step:
            self._step = step
            self.sigStepChanged.emit(step)

    def set_loop(self, loop: bool) -> None:
        if bool(loop) != self._loop:
            self._loop = bool(loop)
            self.sigSettingsChanged.emit()

    def set_fps(self, fps: float) -> None:
        fps = min(MAX_FPS, max(MIN_FPS, float(fps)))
        if fps != self._fps:
            self._fps = fps
            self._apply_interval()
            self.sigSettingsChanged.emit()

    def set_range(self, first: date | None, last: date | None = None) -> None:
        """Limit playback to [first, last]; `set_range(None)` follows the project again."""
        self._range = None if first is None or last is None else (min(first, last), max(first, last))
        self.sigRangeChanged.emit(self.range())

    def _apply_interval(self) -> None:
        self.timer.setInterval(max(1, round(1000.0 / self._fps)))

    # -- moving -----------------------------------------------------------------------------
    def step_forward(self) -> None:
        self.set_date(tl.next_step(self._date, self._step))

    def step_back(self) -> None:
        self.set_date(tl.prev_step(self._date, self._step))

    def go_first(self) -> None:
        r = self.range()
        if r is not None:
            self.set_date(tl.step_start(r[0], self._step))

    def go_last(self) -> None:
        r = self.range()
        if r is not None:
            self.set_date(tl.step_start(r[1], self._step))

    def next_change(self) -> bool:
        d = tl.next_change(self.change_dates(), self._date)
        if d is not None:
            self.set_date(d)
        return d is not None

    def prev_change(self) -> bool:
        d = tl.prev_change(self.change_dates(), self._date)
        if d is not None:
            self.set_date(d)
        return d is not None

    # -- playback ---------------------------------------------------------------------------
    def play(self) -> None:
        if self.is_playing():
            return
        r = self.range()
        if r is None:
            return
        # Like a media player: pressing play at the end (or outside the range) starts over.
        first, last = tl.step_start(r[0], self._step), tl.step_start(r[1], self._step)
        if not (first <= self._date) or self._date >= last:
            self.set_date(first)
        self.timer.start()
        self.sigPlayingChanged.emit(True)

    def pause(self) -> None:
        if self.timer.isActive():
            self.timer.stop()
            self.sigPlayingChanged.emit(False)

    def toggle_play(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def _tick(self) -> None:
        r = self.range()
        nxt = tl.advance(self._date, self._step, r[0], r[1], self._loop) if r else None
        if nxt is None:
            self.pause()
        else:
            self.set_date(nxt)
