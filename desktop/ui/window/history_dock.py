"""The History dock: the undo stack as a list; clicking a row undoes back to that point."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QWidget

from desktop.ui.i18n import QT_TR_NOOP, tr
from desktop.model.commands import Command, CommandStack
from desktop.ui.widgets.plain_text import tooltip

ORIGIN = QT_TR_NOOP("Opened project")


def recorded_note(cmd: Command) -> str:
    """"recorded on D" for the versions the command added or stamped (the analyst's second date,
    apart from when control changed), or ""."""
    days = sorted({c.after.recorded_on.isoformat() for c in cmd.changes
                   if c.table == "versions" and c.after is not None and c.after.recorded_on is not None
                   and (c.before is None or c.before.recorded_on != c.after.recorded_on)})
    return tr("\nrecorded on {days}").format(days=", ".join(days)) if days else ""


class HistoryDock(QDockWidget):
    """Row 0 is the state when the project was opened; row i is after the i-th command."""

    sigUndoTo = Signal(int)  # the stack index the user clicked
    sigRedoTo = Signal(int)  # an undone row: redo up to it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("History"), parent)
        self.setObjectName("historyDock")
        self.list = QListWidget(self)
        self.list.setUniformItemSizes(True)
        self.list.setToolTip(tr("Click an entry to undo back to it"))
        self.list.itemClicked.connect(self._clicked)
        self.setWidget(self.list)
        self._stack: CommandStack | None = None
        self._listener: Callable | None = None
        self._shown: list[Command] = []  # the commands the list shows as done, in order

    def set_stack(self, stack: CommandStack) -> None:
        if self._stack is not None and self._listener in self._stack.listeners:
            self._stack.listeners.remove(self._listener)
        self._stack = stack
        self.list.clear()  # another stack: nothing shown is its
        self._shown = []
        self._listener = lambda s: self.refresh()
        stack.listeners.append(self._listener)
        self.refresh()

    def refresh(self) -> None:
        """Bring the list in line with the stack. Only the rows that changed are touched: a
        push appends one row (rebuilding the whole list made every edit of a long session
        slower than the one before it)."""
        stack = self._stack
        if stack is None:
            self.list.clear()
            self._shown = []
            return
        done = stack.commands()
        shown = self._shown if self.list.count() else []
        keep = 0
        for a, b in zip(shown, done):
            if a is not b:
                break
            keep += 1
        # Row 0 is the origin; rows 1..len(shown) the commands; then the undone ones.
        if not self.list.count():
            origin = QListWidgetItem(tr(ORIGIN))
            origin.setToolTip(tooltip(tr(ORIGIN)))
            self.list.addItem(origin)
        while self.list.count() > 1 + keep:
            self.list.takeItem(self.list.count() - 1)
        for cmd in done[keep:]:
            item = QListWidgetItem(cmd.label)  # labels carry zone names: plain text in a list item
            item.setToolTip(tooltip(cmd.label + recorded_note(cmd)))
            self.list.addItem(item)
        self._shown = list(done)
        for label in stack.redo_labels():
            # Undone commands stay listed, greyed, until a new edit drops them (as in QUndoView).
            item = QListWidgetItem(tr("{label}  (undone)").format(label=label))
            item.setForeground(Qt.gray)
            item.setToolTip(tr("Click to redo up to here"))
            self.list.addItem(item)
        self.list.setCurrentRow(stack.index)

    def _clicked(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        if self._stack is None:
            return
        if row <= self._stack.index:
            self.sigUndoTo.emit(row)
        else:
            self.sigRedoTo.emit(row)
