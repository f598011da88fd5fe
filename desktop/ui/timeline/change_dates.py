"""The change strip's marks kept edit by edit (Qt-free).

`Project.change_dates()` walks every version and observation; the timeline bar asked for it
after each edit (a dated edit moves the cursor's range), so a long session's edits got slower as
versions piled up. `ChangeDates` counts, per date, the versions starting or ending on it and the
observations dated on it, and takes each change set as it is applied: only the touched records'
dates move, and the sorted list is rebuilt only when a date appears or disappears.
"""
from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any, Iterable


class ChangeDates:
    def __init__(self, project: Any) -> None:
        self.project = project
        self.counts: Counter[date] = Counter()
        for v in project.versions.values():
            self._count("versions", v, 1)
        for o in project.observations.values():
            self._count("observations", o, 1)
        self._sorted: list[date] | None = None
        # First among the project's listeners: the timeline cursor's listener (which tells the bar
        # to redraw its marks) must find these counts already up to date.
        project.listeners.insert(0, self.update)

    def detach(self) -> None:
        if self.update in self.project.listeners:
            self.project.listeners.remove(self.update)

    def update(self, changes: Iterable[Any]) -> None:
        for c in changes:
            if c.table in ("versions", "observations"):
                if c.before is not None:
                    self._count(c.table, c.before, -1)
                if c.after is not None:
                    self._count(c.table, c.after, 1)

    def dates(self) -> list[date]:
        """What `Project.change_dates()` returns, sorted."""
        if self._sorted is None:
            self._sorted = sorted(self.counts)
        return self._sorted

    def _count(self, table: str, record: Any, n: int) -> None:
        days = (record.date,) if table == "observations" else (
            (record.valid_from,) if record.valid_to is None else (record.valid_from, record.valid_to))
        for d in days:
            left = self.counts[d] + n
            if left > 0:
                if left == n:  # a date not marked before
                    self._sorted = None
                self.counts[d] = left
            else:
                del self.counts[d]
                self._sorted = None
