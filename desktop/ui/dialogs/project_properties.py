"""File ▸ Project Properties…: the title, subtitle, organisation and licence every map, frame
and export of the project carries, and the project's notes. One undoable command."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from desktop.ui.i18n import QT_TR_NOOP, tr
from desktop.model.entities import ProjectInfo
from desktop.model.record_commands import set_info
from desktop.ui.dialogs.record_form import RecordForm

if TYPE_CHECKING:
    from desktop.ui.window.api import WindowApi

FIELDS = (("title", QT_TR_NOOP("Title")), ("subtitle", QT_TR_NOOP("Subtitle")), ("organisation", QT_TR_NOOP("Organisation")),
          ("licence", QT_TR_NOOP("Licence")))


TIPS = {"title": QT_TR_NOOP("Shown on every map, frame and export, and in the window's title"),
        "subtitle": QT_TR_NOOP("A line under the title, e.g. the axis and the step"),
        "organisation": QT_TR_NOOP("Who publishes this map: the credit line on every map and export"),
        "licence": QT_TR_NOOP("e.g. CC BY 4.0; printed beside the credit")}


class ProjectProperties(RecordForm):
    def __init__(self, info: ProjectInfo, parent: QWidget | None = None) -> None:
        super().__init__(info, tr("Project Properties"), FIELDS, TIPS,
                         tr("Maps, replay frames and exports print the title and subtitle; "
                            "the organisation and licence join the attribution line."), parent)


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
