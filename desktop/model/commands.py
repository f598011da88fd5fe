"""Commands and the one undo stack (in the spirit of glue's core/command.py, no Qt).

A command is a labelled change set. Tools and panels compute one and push it; the stack applies
it (the project writes it through to the file first) and keeps it for undo and redo.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from desktop.model.changes import ChangeSet
from desktop.model.project import Project


@dataclass(frozen=True)
class Command:
    label: str
    changes: ChangeSet
    warnings: tuple[str, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.changes)


# How many undo steps a stack keeps unless told otherwise (Edit ▸ Undo History Length). Every
# edit is written through to the project file as it is made, so a step forgotten loses no edit,
# only the chance to undo it. Kept without end, every step holds its before/after shapes: a
# session of 4,250 edits that kept them all had grown the process to 1 GB.
DEFAULT_UNDO_LIMIT = 1000


class CommandStack:
    def __init__(self, project: Project, limit: int | None = DEFAULT_UNDO_LIMIT) -> None:
        self.project = project
        self.limit = limit  # None: keep every step
        self.forgotten = 0  # the oldest steps dropped to stay within `limit`, in all
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._clean_index = 0
        self._group: list[Command] | None = None
        self._group_label = ""
        self.listeners: list[Callable[["CommandStack"], None]] = []

    # -- doing ------------------------------------------------------------------------------
    def push(self, command: Command) -> bool:
        """Apply a command; returns False (and records nothing) for an empty one."""
        if not command.changes:
            return False
        self.project.apply(command.changes)
        if self._group is not None:
            self._group.append(command)
            return True
        self._record(command)
        return True

    def _record(self, command: Command) -> None:
        if self._clean_index > len(self._done):
            self._clean_index = -1  # the clean state was in the redo branch, now unreachable
        self._done.append(command)
        self._undone.clear()
        self._forget_oldest()
        self._notify()

    def set_limit(self, limit: int | None) -> None:
        """Keep at most `limit` undo steps (None: all); the oldest beyond it are forgotten now."""
        self.limit = limit
        if self._forget_oldest():
            self._notify()

    def _forget_oldest(self) -> int:
        """Drop the oldest done steps beyond `limit` (their edits stay in the project and its
        file: only undoing them is no longer offered). Returns how many were dropped."""
        drop = len(self._done) - self.limit if self.limit is not None else 0
        if drop <= 0:
            return 0
        del self._done[:drop]
        self.forgotten += drop
        # The clean state among the dropped steps can no longer be reached by undoing.
        self._clean_index = self._clean_index - drop if self._clean_index >= drop else -1
        return drop

    def begin_group(self, label: str) -> None:
        """Several pushes until `end_group` become one undo step."""
        if self._group is not None:
            raise RuntimeError("command groups do not nest")
        self._group, self._group_label = [], label

    def end_group(self) -> None:
        group, self._group = self._group, None
        if not group:
            return
        merged = ChangeSet(c for cmd in group for c in cmd.changes).compact()
        warnings = tuple(w for cmd in group for w in cmd.warnings)
        self._record(Command(self._group_label, merged, warnings))

    def abort_group(self) -> None:
        """Undo what the open group applied (e.g. a cancelled import) and forget it."""
        group, self._group = self._group, None
        for cmd in reversed(group or []):
            self.project.apply(cmd.changes.reversed())

    # -- undo and redo ----------------------------------------------------------------------
    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo(self) -> Command | None:
        if not self._done:
            return None
        cmd = self._done.pop()
        self.project.apply(cmd.changes.reversed())
        self._undone.append(cmd)
        self._notify()
        return cmd

    def redo(self) -> Command | None:
        if not self._undone:
            return None
        cmd = self._undone.pop()
        self.project.apply(cmd.changes)
        self._done.append(cmd)
        self._notify()
        return cmd

    @property
    def undo_label(self) -> str:
        return self._done[-1].label if self._done else ""

    @property
    def redo_label(self) -> str:
        return self._undone[-1].label if self._undone else ""

    def labels(self) -> list[str]:
        return [c.label for c in self._done]

    def commands(self) -> list[Command]:
        """The commands done, oldest first (what undo would take back, last first)."""
        return list(self._done)

    def redo_labels(self) -> list[str]:
        """What redo would do, next first (the undone branch, as the history dock lists it)."""
        return [c.label for c in reversed(self._undone)]

    @property
    def index(self) -> int:
        return len(self._done)

    def set_clean(self) -> None:
        self._clean_index = len(self._done)
        self._notify()

    def is_clean(self) -> bool:
        return self._clean_index == len(self._done)

    def _notify(self) -> None:
        for cb in list(self.listeners):
            cb(self)
