"""What a team project says when it cannot do something: one line, shown like any input error."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.storage.errors import ProjectFileError


class TeamError(ProjectFileError):
    """A team project that cannot be opened, created or written (server gone, no rights...).
    One line; the UI and CLI show it as they show a project file's errors."""


@dataclass(frozen=True)
class Conflict:
    """A row a change set was built on that someone else changed meanwhile."""
    table: str          # model table ("zones", "versions"...)
    id: str
    mine_before: Any    # the row as this session had it (None: it had none)
    theirs: Any         # the row on the server now (None: deleted)
    by: str             # who wrote it there
    at: datetime | None  # when (server time)


class ConflictError(TeamError):
    """A change set refused because rows it was built on changed on the server: nothing of it
    was written. `.conflicts` names each row and whose edit it collided with."""

    def __init__(self, message: str, conflicts: list[Conflict]) -> None:
        super().__init__(message)
        self.conflicts = conflicts
