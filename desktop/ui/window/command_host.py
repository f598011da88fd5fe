"""The main window's part that applies commands: push, groups, undo and redo, and what the
status bar and the Edit menu say about them.

The window is the only place that pushes: the canvas (through its tools), the inspector, the
layers dock and the dialogs hand it `Command`s. Refusals (a read-only project, an edit the model
rejects, a failed write) become a status-bar message, never an exception in a slot.
"""
from __future__ import annotations

import sqlite3
from typing import Any

from desktop.ui.i18n import QT_TR_NOOP, tr
from desktop.ui.messages import shown
from desktop.model.commands import Command, CommandStack
from desktop.model.edits import EditError
from desktop.model.project import Project, ReadOnlyError
from desktop.storage.errors import InputError
from desktop.storage.team.url import is_team_url

from desktop.ui.window.actions import Actions
from desktop.ui.window.status_bar import StatusBar

READ_ONLY = QT_TR_NOOP("Read-only project: the edit was not made. Save a copy (File ▸ Save As) to edit it.")


class CommandHost:
    """Mixed into `MainWindow`, which sets these in its `__init__`."""

    project: Project
    path: str | None
    stack: CommandStack
    actions: Actions
    status: StatusBar

    def message(self, text: str, timeout_ms: int = 8000) -> None:
        self.status.showMessage(text, timeout_ms)

    def take_commands_from(self, panel: Any) -> None:
        """A panel with no stack of its own (evidence, sources, compare): its `sigCommand`s come to
        `push`, which refuses edits on a read-only project, and its `sigMessage`s to the status bar."""
        panel.sigCommand.connect(self.push)
        panel.sigMessage.connect(self.message)

    def push(self, command: Command | None) -> bool:
        """Apply a command on the window's stack; refusals become a status-bar message."""
        if not command:
            return False
        try:
            ok = self.stack.push(command)
        except ReadOnlyError:
            self.message(tr(READ_ONLY))
            return False
        except EditError as e:
            self.message(shown(e))
            return False
        except (sqlite3.Error, OSError, InputError) as e:
            if hasattr(e, "conflicts"):  # a team project refused it (ConflictError): whose edit, and what now
                from desktop.ui.dialogs.team_conflict import resolve
                return resolve(self, command, e)
            self.message(tr("Could not write to the project file: {error}").format(error=e))
            self.update_saved_state(str(e))
            return False
        self.update_saved_state()
        self.message(shown(command.label) + (" — " + "; ".join(shown(w) for w in command.warnings)
                                              if command.warnings else ""))
        return ok

    def push_group(self, label: str, commands: list[Command]) -> bool:
        """Several commands as one undo step (all or nothing)."""
        commands = [c for c in commands if c]
        if not commands:
            return False
        if len(commands) == 1:
            return self.push(commands[0])
        self.stack.begin_group(label)
        try:
            for c in commands:
                self.stack.push(c)
        except ReadOnlyError:
            self.stack.abort_group()
            return self.push(commands[0])  # reports the refusal
        except (EditError, sqlite3.Error, OSError, InputError) as e:  # InputError: a team project refused it
            self.stack.abort_group()
            self.message(shown(e))
            return False
        self.stack.end_group()
        self.message(label)
        return True

    def refuses_edits(self) -> bool:
        """True, with a message, when the project is read-only (before asking for a file to import...)."""
        if self.project.read_only:
            self.message(tr(READ_ONLY))
        return self.project.read_only

    def undo(self) -> None:
        if self.refuses_edits() or not self.stack.can_undo():
            return
        from desktop.ui.window import team_live
        last = team_live.top_of(self.stack, redo=False)
        try:
            cmd = self.stack.undo()
        except InputError as e:  # a team project refused it: someone changed those rows since
            team_live.refused(self, last, e, redo=False)
            return
        except (sqlite3.Error, OSError) as e:
            self.message(tr("Could not write to the project file: {error}").format(error=e))
            return
        if cmd:
            self.message(tr("Undid {label}").format(label=shown(cmd.label)))

    def redo(self) -> None:
        if self.refuses_edits() or not self.stack.can_redo():
            return
        from desktop.ui.window import team_live
        last = team_live.top_of(self.stack, redo=True)
        try:
            cmd = self.stack.redo()
        except InputError as e:  # a team project refused it: someone changed those rows since
            team_live.refused(self, last, e, redo=True)
            return
        except (sqlite3.Error, OSError) as e:
            self.message(tr("Could not write to the project file: {error}").format(error=e))
            return
        if cmd:
            self.message(tr("Redid {label}").format(label=shown(cmd.label)))

    def undo_to(self, index: int) -> None:
        while self.stack.index > index and self.stack.can_undo() and not self.project.read_only:
            at = self.stack.index
            self.undo()
            if self.stack.index == at:  # refused (a team project): stop there
                break

    def redo_to(self, index: int) -> None:
        while self.stack.index < index and self.stack.can_redo() and not self.project.read_only:
            at = self.stack.index
            self.redo()
            if self.stack.index == at:  # refused (a team project): stop there
                break

    def update_undo_actions(self) -> None:
        s = self.stack
        self.actions.undo.setEnabled(s.can_undo())
        self.actions.redo.setEnabled(s.can_redo())
        self.actions.undo.setText(tr("&Undo {label}").format(label=shown(s.undo_label)) if s.can_undo() else tr("&Undo"))
        self.actions.redo.setText(tr("&Redo {label}").format(label=shown(s.redo_label)) if s.can_redo() else tr("&Redo"))

    def update_saved_state(self, error: str = "") -> None:
        """The edit actions' enabled state and the status bar's "Saved" field."""
        for action in self.actions.edit_actions():
            action.setEnabled(not self.project.read_only)
        team = is_team_url(str(self.path or ""))
        if error:
            self.status.set_state(tr("Not saved"), error)
        elif self.project.read_only and team:
            self.status.set_state(tr("Read-only"),
                                  tr("Your database role may only read this team project: edits are refused"))
        elif self.project.read_only:
            self.status.set_state(tr("Read-only"), tr("The file is open read-only: edits are refused"))
        elif team:
            self.status.set_state(tr("Saved"), tr("Every edit is written to the team server as you make it"))
        elif self.path:
            self.status.set_state(tr("Saved"), tr("Every edit is written to the file as you make it"))
        else:
            self.status.set_state(tr("In memory"), tr("This project is not backed by a file"))
