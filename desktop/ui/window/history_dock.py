"""The History dock: the undo stack as a list; clicking a row undoes back to that point."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QWidget

from desktop.ui.i18n import QT_TR_NOOP, tr
from desktop.ui.messages import shown
from desktop.model.commands import Command, CommandStack
from desktop.ui.widgets.plain_text import tooltip

ORIGIN = QT_TR_NOOP("Opened project")
OLDER = QT_TR_NOOP("{n} earlier steps (no longer undoable)")
OLDER_TIP = QT_TR_NOOP("Their edits are saved in the project; the undo history keeps only the latest steps "
                       "(Edit ▸ Undo History Length)")


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
        self.remote: QListWidget | None = None  # others' edits (team project), made when the first arrives
        self._forgotten = 0  # the stack's `forgotten` when the list was last brought in line

    def set_stack(self, stack: CommandStack) -> None:
        if self._stack is not None and self._listener in self._stack.listeners:
            self._stack.listeners.remove(self._listener)
        self._stack = stack
        self.list.clear()  # another stack: nothing shown is its
        if self.remote is not None:
            self.remote.clear()  # others' edits were to the previous project
        self._shown = []
        self._forgotten = stack.forgotten
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
        on_screen = self._shown if self.list.count() else []
        # Steps the stack forgot (its undo limit) leave from the top: drop their rows, not all.
        gone = stack.forgotten - self._forgotten if on_screen else 0
        if 0 < gone <= len(on_screen):
            for _ in range(gone):
                self.list.takeItem(1)
            on_screen = on_screen[gone:]
        elif gone:
            on_screen = []
            self.list.clear()
        self._forgotten = stack.forgotten
        keep = 0
        for a, b in zip(on_screen, done):
            if a is not b:
                break
            keep += 1
        # Row 0 is the origin; rows 1..len(on_screen) the commands; then the undone ones.
        if not self.list.count():
            self.list.addItem(QListWidgetItem())
        self._show_origin(stack.forgotten)
        while self.list.count() > 1 + keep:
            self.list.takeItem(self.list.count() - 1)
        for cmd in done[keep:]:
            item = QListWidgetItem(shown(cmd.label))  # labels carry zone names: plain text in a list item
            item.setToolTip(tooltip(shown(cmd.label) + recorded_note(cmd)))
            self.list.addItem(item)
        self._shown = done
        for label in stack.redo_labels():
            # Undone commands stay listed, greyed, until a new edit drops them (as in QUndoView).
            item = QListWidgetItem(tr("{label}  (undone)").format(label=shown(label)))
            item.setForeground(Qt.gray)
            item.setToolTip(tr("Click to redo up to here"))
            self.list.addItem(item)
        self.list.setCurrentRow(stack.index)

    def _show_origin(self, forgotten: int) -> None:
        """Row 0: the project as opened, or, once the oldest steps were forgotten (the undo
        limit), the state after them: their edits are in the file but cannot be undone here."""
        text = tr(ORIGIN) if not forgotten else tr(OLDER).format(n=forgotten)
        origin = self.list.item(0)
        if origin.text() != text:
            origin.setText(text)
            origin.setToolTip(tooltip(text if not forgotten else text + "\n" + tr(OLDER_TIP)))

    def add_remote(self, text: str) -> None:
        """Another analyst's edit (a team project): listed in italics in a list of its own below
        the stack's rows, never undoable from here (undo takes back only your own commands)."""
        if self.remote is None:
            from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget
            self.remote = QListWidget(self)
            self.remote.setToolTip(tr("Edits by other analysts, newest last"))
            # A heading, so the two lists read as yours (undoable) and theirs.
            theirs = QWidget(self)
            lay = QVBoxLayout(theirs)
            lay.setContentsMargins(0, 2, 0, 0)
            lay.setSpacing(2)
            heading = QLabel(tr("Other analysts' edits"), theirs)
            heading.setStyleSheet("color: #5f6368;")
            lay.addWidget(heading)
            lay.addWidget(self.remote)
            split = QSplitter(Qt.Vertical, self)
            split.addWidget(self.list)
            split.addWidget(theirs)
            split.setStretchFactor(0, 1)
            split.setStretchFactor(1, 1)
            self.setWidget(split)
        item = QListWidgetItem(text)  # names are untrusted: plain text in a list item
        item.setToolTip(tooltip(text))
        font = item.font()
        font.setItalic(True)
        item.setFont(font)
        self.remote.addItem(item)
        self.remote.scrollToBottom()

    def _clicked(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        if self._stack is None:
            return
        if row <= self._stack.index:
            self.sigUndoTo.emit(row)
        else:
            self.sigRedoTo.emit(row)
