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
