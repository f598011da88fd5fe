"""What every import takes: the default assessment, the progress callback, the --status check."""
from __future__ import annotations

from typing import Callable

from desktop.model.project import Project
from desktop.storage.errors import InputError

Progress = Callable[[int, int], bool]  # (done, total) -> keep going?
DEFAULT_ASSESSMENT = "Imported"
# A series with several revisions of one day keeps one of them (`series_days`): the last (the
# default) or the first.
KEEP_LAST = "last"
KEEP_FIRST = "first"
KEEP_CHOICES = (KEEP_LAST, KEEP_FIRST)


def check_status(project: Project, status: str | None) -> None:
    if status is not None and status not in project.legend:
        raise InputError(f"--status {status!r} is not a legend key (legend keys: {', '.join(project.legend)})")


# -- the repair budget (`repair_budget`): what a user may set ------------------------------------
# Bounds on what may be asked for: a budget must let a bow-tie be repaired (a fraction of a second,
# tens of MB), and cannot be made unbounded by a typo.
REPAIR_SECONDS_RANGE = (0.5, 3600.0)
REPAIR_MEMORY_MB_RANGE = (64, 64 * 1024)


def repair_budget_setting() -> tuple[float, int]:
    """The repair budget every file gets now: (seconds for all its repairs, MB for each)."""
    from desktop.storage.imports import repair_budget
    return repair_budget.DEFAULT_SECONDS, repair_budget.DEFAULT_MEMORY // 2**20


def set_repair_budget(seconds: float | None = None, memory_mb: int | None = None) -> tuple[float, int]:
    """Set the time (for all the repairs of one file) and memory (for each repair) that imports'
    repairs may take, from now on in this process (`frontline import/validate --repair-seconds
    --repair-memory-mb`, a settings page); None keeps a value. InputError (one line) for a value
    out of range. Returns the previous setting, so a caller can put it back. `validate` says
    whether a polygon fits the budget set here."""
    from desktop.storage.imports import repair_budget
    before = repair_budget_setting()
    if seconds is not None:
        lo, hi = REPAIR_SECONDS_RANGE
        if not (lo <= float(seconds) <= hi):  # (also refuses nan)
            raise InputError(f"--repair-seconds {seconds:g} is out of range ({lo:g} to {hi:g} seconds)")
    if memory_mb is not None:
        lo, hi = REPAIR_MEMORY_MB_RANGE
        if not (lo <= int(memory_mb) <= hi):
            raise InputError(f"--repair-memory-mb {memory_mb} is out of range ({lo} to {hi} MB)")
    if seconds is not None:
        repair_budget.DEFAULT_SECONDS = float(seconds)
    if memory_mb is not None:
        repair_budget.DEFAULT_MEMORY = int(memory_mb) * 2**20
    return before
