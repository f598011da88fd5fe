"""The inspector's form for a selected observation: name, kind, date, time, notes.

Every field is one command (`records.update_record`) handed to the window through
`sigCommand`, like the zone fields; the form never touches the model itself.
"""
from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from desktop.ui.i18n import tr
from desktop.ui.messages import shown
from desktop.model import record_commands as records
from desktop.model.edits import EditError
from desktop.model.observation_kinds import LINE_KINDS, POINT_KINDS
from desktop.model.project import Project

from desktop.ui.widgets.date_inputs import date_edit, to_qdate
from desktop.ui.inspector.widgets import NotesEdit
from desktop.ui.widgets.fitting import FittingComboBox

TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class ObservationEditor(QWidget):
    sigCommand = Signal(object)
    sigMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.obs_id: str | None = None
        self._loading = False
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(tr("What it shows, e.g. Flag video on Shybankova Square"))
        self.kind = FittingComboBox(self)
        self.kind.setEditable(True)  # imported files bring their own kinds
        for key, text in POINT_KINDS + LINE_KINDS:
            self.kind.addItem(tr(text), key)
        self.date = date_edit(self)
        self.time = QLineEdit(self)
        self.time.setPlaceholderText(tr("HH:MM (optional)"))
        self.notes = NotesEdit(self)
        self.notes.setPlaceholderText(tr("Notes: what it shows, how it was geolocated"))
        self.notes.setMaximumHeight(90)
        self.shape = QLabel(self)
        self.shape.setTextFormat(Qt.PlainText)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignRight)
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("Kind"), self.kind)
        form.addRow(tr("Date"), self.date)
        form.addRow(tr("Time"), self.time)
        form.addRow(tr("Notes"), self.notes)
        form.addRow(tr("Shape"), self.shape)
        self.name.editingFinished.connect(lambda: self._set(name=self.name.text().strip()))
        self.kind.activated.connect(lambda i: self._set(kind=self._kind_value()))
        self.kind.lineEdit().editingFinished.connect(lambda: self._set(kind=self._kind_value()))
        self.date.editingFinished.connect(lambda: self._set(date=self.date.date().toPython()))
        self.time.editingFinished.connect(self._time_done)
        self.notes.editingFinished.connect(lambda: self._set(notes=self.notes.toPlainText()))

    def show_observation(self, project: Project, obs_id: str) -> None:
        self.project, self.obs_id = project, obs_id
        obs = project.observations[obs_id]
        self._loading = True
        try:
            self.name.setText(obs.name)
            i = self.kind.findData(obs.kind)
            if i >= 0:
                self.kind.setCurrentIndex(i)
            else:
                self.kind.setEditText(obs.kind)
            self.date.setDate(to_qdate(obs.date))
            self.time.setText(obs.time)
            if self.notes.toPlainText() != obs.notes:
                self.notes.setPlainText(obs.notes)
            parts = len(getattr(obs.geometry, "geoms", [obs.geometry]))
            if "Line" in obs.geometry.geom_type:
                text = tr("{n} lines").format(n=parts) if parts > 1 else tr("one line")
            else:
                text = tr("{n} points").format(n=parts) if parts > 1 else tr("one point")
            self.shape.setText(text)
        finally:
            self._loading = False

    def _kind_value(self) -> str:
        i = self.kind.currentIndex()
        text = self.kind.currentText().strip()
        if i >= 0 and self.kind.itemText(i) == text:
            return self.kind.itemData(i)
        return text

    def _time_done(self) -> None:
        text = self.time.text().strip()
        if text and not TIME.match(text):
            self.sigMessage.emit(tr("Time must be HH:MM (24-hour), not {text}").format(text=repr(text)))
            self.show_observation(self.project, self.obs_id)
            return
        self._set(time=text)

    def _set(self, **fields) -> None:
        if self._loading or self.project is None or self.obs_id not in self.project.observations:
            return
        obs = self.project.observations[self.obs_id]
        if all(getattr(obs, k) == v for k, v in fields.items()) or fields.get("kind") == "":
            return
        try:
            label = tr("Edit observation {name}").format(name=obs.name or obs.kind)
            self.sigCommand.emit(records.update_record(self.project, "observations", obs.id, label, **fields))
        except EditError as e:
            self.sigMessage.emit(shown(e))


__all__ = ["ObservationEditor"]
