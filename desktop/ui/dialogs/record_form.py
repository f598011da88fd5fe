"""A small form for a record's text fields plus its notes, with OK/Cancel and a line saying
what the fields are for: Project Properties and an assessment's Properties share it."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from desktop.ui.i18n import tr
from desktop.ui.widgets.plain_text import plain_label


class RecordForm(QDialog):
    """`fields`: (attribute, untranslated label) pairs of `record`; `tips`: attribute ->
    untranslated tooltip; the record's `notes` get a box of their own. Texts from the record are
    the analyst's (or a file's): plain text in line edits."""

    def __init__(self, record: Any, title: str, fields: tuple[tuple[str, str], ...], tips: dict[str, str],
                 hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for key, label in fields:
            e = QLineEdit(getattr(record, key), self)
            e.setObjectName(key)
            e.setToolTip(tr(tips[key]))
            e.setCursorPosition(0)
            self.edits[key] = e
            form.addRow(tr(label), e)
        self.notes = QPlainTextEdit(record.notes, self)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(90)
        form.addRow(tr("Notes"), self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(plain_label(hint, self, wrap=True))
        lay.addWidget(buttons)

    def values(self) -> dict[str, str]:
        out = {key: " ".join(e.text().split()) for key, e in self.edits.items()}
        out["notes"] = self.notes.toPlainText().strip()
        return out
