"""Small input widgets the inspector's forms share."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPlainTextEdit


class NotesEdit(QPlainTextEdit):
    """A notes box that commits when it loses focus (one command per editing session)."""
    editingFinished = Signal()

    def focusOutEvent(self, event) -> None:  # Qt override
        super().focusOutEvent(event)
        self.editingFinished.emit()
