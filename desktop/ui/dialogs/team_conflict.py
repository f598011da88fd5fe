"""A team edit refused as a conflict: whose edit it collided with, and the analyst's choice.

When `TeamStore.write` refuses a change set, nothing changed here (the writer raises before
memory does). The server's rows are brought in first, so the map shows what the others did; then
the analyst chooses:

- Drop mine: the command is dropped (it was never applied, so the undo stack is as it was);
- Reapply mine on top: the same command rebased on the rows as they are now (each change's
  `before` becomes the server's row) and pushed again, refused with the reason where the result
  would break the partition (two assessed zones of one assessment overlapping).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from desktop.model.commands import Command
from desktop.model.messages import joined
from desktop.ui.i18n import tr
from desktop.ui.messages import shown
from desktop.ui.widgets.plain_text import plain_label

DROP, REAPPLY = 1, 2
MAX_ROUNDS = 3  # a zone edited again and again while the analyst decides: stop asking


class ConflictDialog(QDialog):
    """`exec()` returns DROP or REAPPLY (closing the dialog is Drop: nothing is written)."""

    def __init__(self, label: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Edit Conflict"))
        self.lines = lines
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(tr("Your edit “{label}” was not saved: someone changed the same rows "
                                        "since you loaded them.").format(label=label), self, wrap=True))
        # Names and analysts' names are untrusted text: plain labels.
        layout.addWidget(plain_label("\n".join(lines), self, wrap=True, selectable=True))
        layout.addWidget(plain_label(tr("The map now shows their edit."), self, wrap=True))
        buttons = QDialogButtonBox(self)
        self.drop_button = QPushButton(tr("Drop Mine"), self)
        self.reapply_button = QPushButton(tr("Reapply Mine on Top"), self)
        buttons.addButton(self.drop_button, QDialogButtonBox.RejectRole)
        buttons.addButton(self.reapply_button, QDialogButtonBox.AcceptRole)
        self.drop_button.clicked.connect(lambda: self.done(DROP))
        self.reapply_button.clicked.connect(lambda: self.done(REAPPLY))
        layout.addWidget(buttons)

    def reject(self) -> None:  # Esc, the close button
        self.done(DROP)


def resolve(window: Any, command: Command, error: Any, rounds: int = 0) -> bool:
    """Show the conflict of `command` (refused with ConflictError `error`) and do what the analyst
    chooses. Returns True when a rebased command went in."""
    from desktop.storage.team.sync import conflict_line, partition_problems, rebase
    from desktop.ui.window import team_live
    team_live.catch_up(window)
    project = window.project
    lines = [conflict_line(project, c) for c in error.conflicts]
    if rounds >= MAX_ROUNDS:
        window.message(tr("Your edit was refused again: {error}").format(error=shown(error)))
        return False
    choice = ConflictDialog(shown(command.label), lines, window).exec()
    if choice != REAPPLY:
        window.message(tr("Dropped your edit “{label}”; the map shows the team project as it is").format(
            label=shown(command.label)))
        return False
    theirs = {(c.table, c.id): c.theirs for c in error.conflicts}

    def current(t: str, i: str) -> Any:
        return theirs[(t, i)] if (t, i) in theirs else project.table(t).get(i)
    rebased = rebase(command.changes, current)
    if not rebased:
        window.message(tr("Nothing to reapply: the team project already has your edit"))
        return False
    problems = partition_problems(project, rebased)
    if problems:
        window.message(tr("Not reapplied: {reason}").format(reason=shown(joined("; ", problems))), 0)
        return False
    return push_rebased(window, Command(command.label, rebased, command.warnings), rounds + 1)


def push_rebased(window: Any, command: Command, rounds: int) -> bool:
    """Push again; a second conflict (someone was quicker again) asks again."""
    from desktop.storage.team import ConflictError
    try:
        ok = window.stack.push(command)
    except ConflictError as e:
        return resolve(window, command, e, rounds)
    except Exception as e:  # noqa: BLE001 - a slot answers in the status bar, not a traceback
        window.message(shown(e))
        return False
    window.update_saved_state()
    window.message(tr("Reapplied your edit “{label}” on top of the others'").format(label=shown(command.label)))
    return ok
