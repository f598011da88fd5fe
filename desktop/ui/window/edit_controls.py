"""The editing controls at the end of the tools toolbar: what a new zone becomes and where.

Status for new zones, the assessment being edited, and the clipping mode spelled out, so the
analyst always sees what the next stroke will do.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.ui.i18n import QT_TR_NOOP, tr
from desktop.model.observation_kinds import POINT_KINDS
from desktop.model.project import Project

from desktop.ui.window.actions import Actions, icon
from desktop.ui.widgets.swatch import swatch
from desktop.ui.widgets.fitting import FittingComboBox

CLIP_OTHERS_TEXT = QT_TR_NOOP("Clips neighbours")
CLIP_SELF_TEXT = QT_TR_NOOP("Clipped by neighbours")


class EditingControls(QWidget):
    sigStatusChosen = Signal(str)
    sigAssessmentChosen = Signal(str)
    sigKindChosen = Signal(str)

    def __init__(self, parent: QWidget, actions: Actions) -> None:
        super().__init__(parent)
        self.actions = actions
        self._loading = False
        self.clip_button = QToolButton(self)
        self.clip_button.setDefaultAction(actions.clip_mode)
        self.clip_button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.clip_button.setObjectName("clipModeButton")
        self.status = FittingComboBox(self)
        self.status.setToolTip(tr("The status a new zone gets"))
        self.status.setMinimumContentsLength(24)  # "Russian-controlled (assessed)" reads whole
        self.status.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.status.activated.connect(self._status)
        self.assessment = FittingComboBox(self)
        self.assessment.setToolTip(tr("The assessment being edited: new zones go into it"))
        self.assessment.setMinimumContentsLength(14)
        self.assessment.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.assessment.activated.connect(self._assessment)
        # While the point tool is on, its kind replaces the zone status: a point has no status.
        self.kind_label = QLabel(tr("Point:"), self)
        self.kind = QComboBox(self)
        self.kind.setToolTip(tr("What a new point observation shows; its symbol on the map"))
        for key, text in POINT_KINDS:
            self.kind.addItem(tr(text), key)
        self.kind.activated.connect(lambda i: self.sigKindChosen.emit(self.kind.itemData(i)))
        self.status_label = QLabel(tr("New zone:"), self)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 0, 6, 0)
        lay.setSpacing(6)
        lay.addWidget(self.clip_button)
        lay.addSpacing(8)
        lay.addWidget(self.status_label)
        lay.addWidget(self.status)
        lay.addWidget(self.kind_label)
        lay.addWidget(self.kind)
        lay.addSpacing(8)
        lay.addWidget(QLabel(tr("Editing:"), self))
        lay.addWidget(self.assessment)
        self.show_clip_mode(actions.clip_mode.isChecked())
        self.show_tool("select")

    def show_tool(self, name: str) -> None:
        """The chooser that matters for the active tool: point kind, or new-zone status."""
        point = name == "place_point"
        for w in (self.kind_label, self.kind):
            w.setVisible(point)
        for w in (self.status_label, self.status):
            w.setVisible(not point)

    def kind_key(self) -> str:
        return self.kind.currentData() or ""

    def set_project(self, project: Project, assessment_id: str | None, status: str) -> None:
        self._loading = True
        self.status.clear()
        for s in sorted(project.legend.values(), key=lambda s: s.order):
            self.status.addItem(swatch(s.colour), s.label, s.key)
            self.status.setItemData(self.status.count() - 1, f"{s.label} ({s.tier})", Qt.ToolTipRole)
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        self.assessment.clear()
        for a in sorted(project.assessments.values(), key=lambda a: a.name.lower()):
            self.assessment.addItem(a.name, a.id)
        if not project.assessments:
            self.assessment.addItem(tr("(no assessment yet)"), None)
        self.assessment.setCurrentIndex(max(0, self.assessment.findData(assessment_id)))
        self._loading = False
        key = self.status.currentData()
        if key is not None and key != status:
            self.sigStatusChosen.emit(key)

    def set_assessment(self, assessment_id: str | None) -> None:
        i = self.assessment.findData(assessment_id)
        if i >= 0:
            self.assessment.setCurrentIndex(i)

    def show_clip_mode(self, clip_others: bool) -> None:
        self.actions.clip_mode.setText(tr(CLIP_OTHERS_TEXT if clip_others else CLIP_SELF_TEXT))
        self.actions.clip_mode.setIcon(icon("vector-difference-ab" if clip_others else "vector-difference-ba"))

    def _status(self, index: int) -> None:
        if not self._loading and self.status.itemData(index):
            self.sigStatusChosen.emit(self.status.itemData(index))

    def _assessment(self, index: int) -> None:
        if not self._loading and self.assessment.itemData(index):
            self.sigAssessmentChosen.emit(self.assessment.itemData(index))
