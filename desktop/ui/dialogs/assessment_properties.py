"""Layers ▸ an assessment's Properties…: its name, the credit line every map, frame and export
showing it carries, its licence note, and notes. One undoable command."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QWidget

from desktop.ui.i18n import QT_TRANSLATE_NOOP, QT_TR_NOOP, tr
from desktop.model.changes import ChangeBuilder
from desktop.model.commands import Command
from desktop.model.edits import EditError
from desktop.model.entities import Assessment
from desktop.model.messages import Message
from desktop.model.project import Project
from desktop.ui.dialogs.record_form import RecordForm

FIELDS = (("name", QT_TR_NOOP("Name")), ("credit", QT_TR_NOOP("Credit")), ("licence", QT_TR_NOOP("Licence")))
TIPS = {"name": QT_TR_NOOP("The layer's name, in the Layers dock, the Editing box and exports"),
        "credit": QT_TR_NOOP("Printed in the attribution of every map, frame and export where this layer is shown, "
                             "e.g. \u00a9 DeepStateMap.live"),
        "licence": QT_TR_NOOP("The terms the layer's data comes under, e.g. what its licence asks of you")}


class AssessmentProperties(RecordForm):
    def __init__(self, assessment: Assessment, parent: QWidget | None = None) -> None:
        super().__init__(assessment, tr("Assessment Properties: {name}").format(name=assessment.name), FIELDS, TIPS,
                         tr("Whose this layer is: the credit joins the attribution line of every map, "
                            "replay frame and export that shows it."), parent)


def properties_command(project: Project, assessment_id: str, values: dict[str, str]) -> Command | None:
    """One command setting the assessment's name, credit, licence and notes; None when nothing
    changes. An emptied name keeps the old one; a name another assessment has is refused
    (EditError), as imports find their assessment by name."""
    a = project.assessments[assessment_id]
    values = {k: v for k, v in values.items() if k in ("name", "credit", "licence", "notes")}
    if not values.get("name", a.name):
        values["name"] = a.name
    if any(o.name == values.get("name") for o in project.assessments.values() if o.id != assessment_id):
        # Shown at once, in the interface's language.
        raise EditError(tr("another assessment is called {name}").format(name=repr(values["name"])))
    changed = {k: v for k, v in values.items() if getattr(a, k) != v}
    if not changed:
        return None
    b = ChangeBuilder(project)
    b.put("assessments", a.id, replace(a, **changed))
    # A Message: the History dock shows the label in the language of the moment (`shown`),
    # under "Messages" like the core's labels.
    label = Message(QT_TRANSLATE_NOOP("Messages", "Assessment properties: {name}"), name=changed.get("name", a.name))
    return Command(label, b.build())
