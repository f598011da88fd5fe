"""The timeline cursor: the one date (with its step and playback range) a window shows.

Qt-free, like `Project`. Every view reads `cursor.date` when it paints or lists, and hears a
move through `listeners`: plain callables called with what changed (`DATE`, `STEP` or `RANGE`).
The controls that move time (timeline bar, chart, inspector, the ui's playback timer, presentation
keys) all call the methods here, so no view keeps a copy of the date that could go stale.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Callable

from desktop.model import timeline as tl

if TYPE_CHECKING:
    from desktop.model.project import Project

DATE, STEP, RANGE = "date", "step", "range"
# Hears one aspect at a time. RANGE also covers the project's change dates (an edit, a new project).
CursorListener = Callable[[str], None]
# Project tables whose edits can move the project's first and last dates or its change dates.
DATED_TABLES = frozenset({"versions", "observations"})


def check_step(step: str) -> str:
    if step not in tl.STEPS:
        raise ValueError(f"step must be one of {', '.join(tl.STEPS)}, not {step!r}")
    return step


class TimelineCursor:
    """The date on screen, the step the arrows and replay move by, and the playback range.

    The range is the one set with `set_range`, else it follows the project's first and last
    data dates. `set_date` takes any date (an analyst may type one outside the data); the moves
    that play or jump to an end land on step starts within the range.
    """

    def __init__(self, project: Project | None = None, *, start: date | None = None,
                 step: str = tl.WEEK) -> None:
        self.listeners: list[CursorListener] = []
        self._project: Project | None = None
        self._step = check_step(step)
        self._range: tuple[date, date] | None = None  # None: follow the project's date range
        self._date = start or date.today()
        if project is not None:
            self.set_project(project, move=start is None)

    # -- project ----------------------------------------------------------------------------
    @property
    def project(self) -> Project | None:
        return self._project

    def set_project(self, project: Project | None, *, move: bool = True) -> None:
        """Follow `project`'s dates; with `move`, go to the step of its last data date."""
        if self._project is not None and self._on_project_changed in self._project.listeners:
            self._project.listeners.remove(self._on_project_changed)
        self._project = project
        if project is not None:
            project.listeners.append(self._on_project_changed)
        self._notify(RANGE)
        if move:
            self.go_last()

    def detach(self) -> None:
        """Stop listening to the project (when the window closes it)."""
        self.set_project(None, move=False)

    def _on_project_changed(self, changes: Any) -> None:
        if any(c.table in DATED_TABLES for c in changes):
            self._notify(RANGE)

    # -- state ------------------------------------------------------------------------------
    @property
    def date(self) -> date:
        return self._date

    @property
    def step(self) -> str:
        return self._step

    def range(self) -> tuple[date, date] | None:
        """The playback range: the one set, else the project's first and last data dates."""
        if self._range is not None:
            return self._range
        return self._project.date_range() if self._project is not None else None

    def step_range(self) -> tuple[date, date] | None:
        """The first days of the steps holding the range's ends: where replay starts and stops."""
        r = self.range()
        return (tl.step_start(r[0], self._step), tl.step_start(r[1], self._step)) if r else None

    def change_dates(self) -> list[date]:
        return self._project.change_dates() if self._project is not None else []

    # -- setters ----------------------------------------------------------------------------
    def set_date(self, d: date) -> None:
        # A datetime is a date too, but ordering it against dates raises: refuse it with the rest.
        if not isinstance(d, date) or isinstance(d, datetime):
            raise TypeError(f"the cursor takes a datetime.date, not {type(d).__name__}")
        if d != self._date:
            self._date = d
            self._notify(DATE)

    def set_step(self, step: str) -> None:
        if check_step(step) != self._step:
            self._step = step
            self._notify(STEP)

    def set_range(self, first: date | None, last: date | None = None) -> None:
        """Limit playback to [first, last] (either order); `set_range(None)` follows the project."""
        self._range = None if first is None or last is None else (min(first, last), max(first, last))
        self._notify(RANGE)

    # -- moving -----------------------------------------------------------------------------
    def step_forward(self) -> None:
        self.set_date(tl.next_step(self._date, self._step))

    def step_back(self) -> None:
        self.set_date(tl.prev_step(self._date, self._step))

    def go_first(self) -> None:
        ends = self.step_range()
        if ends is not None:
            self.set_date(ends[0])

    def go_last(self) -> None:
        ends = self.step_range()
        if ends is not None:
            self.set_date(ends[1])

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

    # -- replay -----------------------------------------------------------------------------
    def rewind_if_finished(self) -> bool:
        """Before playing: like a media player, play pressed on the last step (or outside the
        range) starts over from the first. False when there is no range to play."""
        ends = self.step_range()
        if ends is None:
            return False
        if not ends[0] <= self._date < ends[1]:
            self.set_date(ends[0])
        return True

    def advance(self, loop: bool) -> bool:
        """One replay frame: the next step within the range, wrapping to the first with `loop`.
        False, without moving, when playback must stop (past the last step, or no range)."""
        r = self.range()
        nxt = tl.advance(self._date, self._step, r[0], r[1], loop) if r else None
        if nxt is None:
            return False
        self.set_date(nxt)
        return True

    # -- listeners --------------------------------------------------------------------------
    def _notify(self, what: str) -> None:
        for listener in list(self.listeners):  # a listener may unhook itself while we call
            listener(what)
