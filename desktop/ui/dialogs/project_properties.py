"""File ▸ Project Properties…: the title, subtitle, organisation and licence every map, frame
and export of the project carries, and the project's notes. One undoable command."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from desktop.ui.i18n import QT_TR_NOOP, tr
from desktop.model.entities import ProjectInfo
from desktop.model.record_commands import set_info
from desktop.ui.widgets.plain_text import plain_label

if TYPE_CHECKING:
    from desktop.ui.window.api import WindowApi

FIELDS = (("title", QT_TR_NOOP("Title")), ("subtitle", QT_TR_NOOP("Subtitle")), ("organisation", QT_TR_NOOP("Organisation")),
          ("licence", QT_TR_NOOP("Licence")))


class ProjectProperties(QDialog):
    def __init__(self, info: ProjectInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Project Properties"))
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        tips = {"title": tr("Shown on every map, frame and export, and in the window's title"),
                "subtitle": tr("A line under the title, e.g. the axis and the step"),
                "organisation": tr("Who publishes this map: the credit line on every map and export"),
                "licence": tr("e.g. CC BY 4.0; printed beside the credit")}
        for key, label in FIELDS:
            e = QLineEdit(getattr(info, key), self)
            e.setToolTip(tips[key])
            e.setObjectName(key)
            self.edits[key] = e
            form.addRow(tr(label), e)
        self.notes = QPlainTextEdit(info.notes, self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(90)
        form.addRow(tr("Notes"), self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(plain_label(tr("Maps, replay frames and exports print the title and subtitle; "
                                  "the organisation and licence join the attribution line."), self,
                                  wrap=True))
        lay.addWidget(buttons)

    def values(self) -> dict[str, str]:
        out = {key: " ".join(e.text().split()) for key, e in self.edits.items()}
        out["notes"] = self.notes.toPlainText().strip()
        return out


def edit_project_properties(window: "WindowApi") -> bool:
    """Show the dialog; push the change as one command. True when something changed."""
    info = window.project.info
    dlg = ProjectProperties(info, window)
    if not dlg.exec():
        return False
    values = dlg.values()
    if not values["title"]:
        values["title"] = info.title  # a map needs a title: an emptied field keeps the old one
    changed = {k: v for k, v in values.items() if getattr(info, k) != v}
    if not changed:
        return False
    return window.push(set_info(window.project, **changed))
