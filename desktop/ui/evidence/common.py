"""What the evidence widgets share: pushing commands, asking first, opening URLs, the quote drag.

Every widget takes `(project, stack)`. With a stack it pushes commands itself; without one
(a window that routes every command through its own `push`) it emits them on `sigCommand`.
"""
from __future__ import annotations

import sqlite3
from typing import Any, Callable

from PySide6.QtCore import QByteArray, QMimeData, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.i18n import tr
from desktop.model.commands import Command, CommandStack
from desktop.model.edits import EditError
from desktop.model.project import Project, ReadOnlyError

from desktop.ui.widgets.plain_text import plain_message_box
from desktop.ui.messages import shown

QUOTE_MIME = "application/x-frontline-quote-id"
EVIDENCE_TABLES = frozenset({"sources", "quotes", "evidence", "attachments", "versions", "observations",
                             "zones", "assessments", "legend"})


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask before a destructive step (tests monkeypatch this)."""
    box = plain_message_box(parent, QMessageBox.Icon.Question, title, text,
                            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


def safe_web_url(url: str) -> QUrl | None:
    """The URL if it is an absolute http(s) URL with a host, else None (javascript:, file:,
    data:, relative paths and custom schemes never reach the system)."""
    q = QUrl((url or "").strip(), QUrl.ParsingMode.TolerantMode)
    if not q.isValid() or q.scheme().lower() not in ("http", "https") or not q.host():
        return None
    return q


def open_url(url: str) -> bool:
    """Open in the system browser; only ever called from a user's click."""
    q = safe_web_url(url)
    if q is None:
        return False
    return bool(QDesktopServices.openUrl(q))


def quote_mime(quote_id: str) -> QMimeData:
    m = QMimeData()
    m.setData(QUOTE_MIME, QByteArray(quote_id.encode("ascii", "ignore")))
    return m


def quote_from_mime(mime: QMimeData) -> str | None:
    if not mime.hasFormat(QUOTE_MIME):
        return None
    return bytes(mime.data(QUOTE_MIME).data()).decode("ascii", "ignore") or None


class CommandPusher:
    """Mixin for the evidence widgets: push with errors and warnings turned into messages."""

    project: Project | None
    stack: CommandStack | None
    sigCommand: Signal
    sigMessage: Signal

    def push(self, make: Callable[[], Any]) -> tuple[bool, list[str]]:
        """Build a command with `make()` (a Command or (Command, ...)), push it; report problems."""
        try:
            out = make()
        except EditError as e:
            self.sigMessage.emit(shown(e))
            return False, [shown(e)]
        cmd = out[0] if isinstance(out, tuple) else out
        if not isinstance(cmd, Command) or not cmd:
            return False, []
        try:
            if self.stack is not None:
                self.stack.push(cmd)
            else:
                self.sigCommand.emit(cmd)  # the window pushes it, or refuses it with a status message
        except (ReadOnlyError, EditError, sqlite3.Error, OSError) as e:
            self.sigMessage.emit(shown(e))
            return False, [shown(e) or tr("The edit was not made.")]
        if not _applied(self.project, cmd):
            # Refused further up (read-only file, write error): a dialog must stay open with
            # the analyst's text in it rather than close as if it had been saved.
            why = (tr("The project is open read-only: the edit was not made. Save a copy to edit it.")
                   if self.project is not None and self.project.read_only
                   else tr("The edit was not made (see the status bar)."))
            return False, [why]
        warnings = list(cmd.warnings)
        for w in warnings:
            self.sigMessage.emit(shown(w))
        return True, [shown(w) for w in warnings]


def _applied(project: Project | None, cmd: Command) -> bool:
    """Whether every row of `cmd` now holds its new value (the command was not refused)."""
    if project is None:
        return False
    return all(project.table(c.table).get(c.id) == c.after for c in cmd.changes.compact())


def touches(changes: Any, tables: frozenset[str] = EVIDENCE_TABLES) -> bool:
    return any(c.table in tables for c in changes)
