"""The Layers dock: assessments, statuses, observations, evidence marks, raster and vector
basemap layers.

It holds view state (what is shown, which assessment is being edited) and says so through
signals; the window forwards them to the canvas. Raster layers and assessments' properties (name,
credit, licence: right-click ▸ Properties…) are project records instead: their edits are emitted
as commands (see raster_layers.py). Project changes (a new assessment, a legend
edit, a raster added, an undo) refresh the lists. The evidence-mark toggle and how many steps
observations stay visible persist in the settings.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QMenu, QPushButton, QSlider, QSpinBox, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from desktop.ui.i18n import tr
from desktop.model.project import Project

from desktop.ui.window import settings
from desktop.ui.widgets.plain_text import tooltip
from desktop.ui.widgets.icons import icon
from desktop.ui.widgets.swatch import swatch
from desktop.ui.map.canvas import MapCanvas
from desktop.ui.map.raster_layers import RasterRows
from desktop.ui.messages import shown

KIND_ROLE = Qt.UserRole
KEY_ROLE = Qt.UserRole + 1
MARKS_KEY = "map/evidence_marks"
KEEP_KEY = "map/observation_keep_steps"


@dataclass
class BasemapLayer:
    name: str
    label: str
    visible: bool = True
    opacity: float = 1.0


class LayersPanel(QWidget):
    sigAssessmentVisible = Signal(str, bool)
    sigEditAssessment = Signal(str)
    sigStatusVisible = Signal(str, bool)
    sigObservationsVisible = Signal(bool)
    sigBasemapVisible = Signal(str, bool)
    sigBasemapOpacity = Signal(str, float)
    sigAddAssessment = Signal()
    sigEditLegend = Signal()
    sigObservationKeepSteps = Signal(int)  # observations stay visible (fading) this many steps
    sigEvidenceMarks = Signal(bool)
    sigAddRaster = Signal()
    sigCommand = Signal(object)  # raster layer and assessment edits, for the window to push
    sigMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.editing: str | None = None
        self.hidden_assessments: set[str] = set()
        self.hidden_statuses: set[str] = set()
        self.observations_visible = True
        self.basemap: list[BasemapLayer] = []
        self.evidence_marks = _setting_bool(MARKS_KEY, True)
        self.keep_steps = _setting_int(KEEP_KEY, 0)
        self.rasters = RasterRows(self)
        self._listener: Callable | None = None
        self._loading = False

        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(2)
        self.tree.setIndentation(14)
        # Names elide instead of scrolling sideways; the opacity sliders keep their width.
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.tree.setContextMenuPolicy(Qt.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        add = QPushButton(icon("plus"), tr("Assessment"), self)
        add.setToolTip(tr("Add an assessment (a named layer of zones)"))
        add.clicked.connect(self.sigAddAssessment)
        legend = QPushButton(icon("palette-outline"), tr("Legend…"), self)
        legend.setToolTip(tr("Edit statuses: label, tier, colour, hatch"))
        legend.clicked.connect(self.sigEditLegend)
        raster = QPushButton(icon("layers-plus"), tr("Raster…"), self)
        raster.setObjectName("addRasterButton")
        raster.setToolTip(tr("Add a raster basemap: an MBTiles file, or a PNG/JPEG with a world file"))
        raster.clicked.connect(self.sigAddRaster)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(legend)
        buttons.addWidget(raster)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.tree, 1)
        lay.addLayout(buttons)

    def drive(self, canvas: MapCanvas) -> None:
        """Visibility, opacity, fading and evidence marks chosen here go straight to `canvas`."""
        self.sigAssessmentVisible.connect(canvas.set_assessment_visible)
        self.sigStatusVisible.connect(canvas.set_status_visible)
        self.sigObservationsVisible.connect(canvas.set_observations_visible)
        self.sigObservationKeepSteps.connect(lambda n: canvas.set_observations_visible(self.observations_visible, n))
        self.sigEvidenceMarks.connect(canvas.set_evidence_marks)
        self.sigBasemapVisible.connect(canvas.set_basemap_visible)
        self.sigBasemapOpacity.connect(canvas.set_basemap_opacity)
        canvas.set_observations_visible(self.observations_visible, self.keep_steps)
        canvas.set_evidence_marks(self.evidence_marks)
        self.set_basemap_layers([BasemapLayer(*layer) for layer in canvas.basemap_layers()])

    # -- inputs -----------------------------------------------------------------------------
    def set_project(self, project: Project | None, editing: str | None = None) -> None:
        if self.project is not None and self._listener in self.project.listeners:
            self.project.listeners.remove(self._listener)
        self.project = project
        self.editing = editing
        self.hidden_assessments.clear()
        self.hidden_statuses.clear()
        if project is not None:
            self._listener = self._on_changes
            project.listeners.append(self._listener)
        self.refresh()

    def set_editing(self, assessment_id: str | None) -> None:
        self.editing = assessment_id
        self.refresh()

    def set_basemap_layers(self, layers: list[BasemapLayer]) -> None:
        self.basemap = list(layers)
        self.refresh()

    def _on_changes(self, changes) -> None:
        tables = {c.table for c in changes}
        if tables & {"assessments", "legend"}:
            self.refresh()
        elif "rasters" in tables and not self.rasters.update():
            self.refresh()

    # -- display ----------------------------------------------------------------------------
    def _group(self, title: str) -> QTreeWidgetItem:
        g = QTreeWidgetItem([title])
        f = g.font(0)
        f.setBold(True)
        g.setFont(0, f)
        g.setFlags(Qt.ItemIsEnabled)
        self.tree.addTopLevelItem(g)
        g.setExpanded(True)
        return g

    def add_checkable(self, parent: QTreeWidgetItem, text: str, kind: str, key: str, on: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text])
        item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable | Qt.ItemIsSelectable)
        item.setCheckState(0, Qt.Checked if on else Qt.Unchecked)
        item.setData(0, KIND_ROLE, kind)
        item.setData(0, KEY_ROLE, key)
        item.setToolTip(0, tooltip(text))
        # Rows without a slider take the slider column too, so long labels are not cut short.
        item.setFirstColumnSpanned(kind not in ("basemap", "raster"))
        return item

    def refresh(self) -> None:
        self._loading = True
        try:
            self.tree.clear()
            p = self.project
            if p is not None:
                g = self._group(tr("Assessments"))
                for a in sorted(p.assessments.values(), key=lambda a: a.name.lower()):
                    item = self.add_checkable(g, a.name, "assessment", a.id, a.id not in self.hidden_assessments)
                    whose = "".join(f"\n{t}" for t in (a.credit, a.licence) if t)
                    if a.id == self.editing:
                        f = QFont(item.font(0))
                        f.setBold(True)
                        item.setFont(0, f)
                        item.setIcon(0, icon("pencil-outline"))
                        item.setToolTip(0, tooltip(tr("{name} — being edited{whose}\n(right-click: Properties…)").format(
                            name=a.name, whose=whose)))
                    else:
                        item.setToolTip(0, tooltip(tr("{name} — double-click to edit this assessment{whose}"
                                                      "\n(right-click: Properties…)").format(name=a.name, whose=whose)))
                g = self._group(tr("Statuses"))
                for s in sorted(p.legend.values(), key=lambda s: s.order):
                    item = self.add_checkable(g, s.label, "status", s.key, s.key not in self.hidden_statuses)
                    item.setIcon(0, swatch(s.colour))
                    item.setToolTip(0, tooltip(tr("{label} ({key}, {tier}) — double-click to edit the legend").format(
                        label=s.label, key=s.key, tier=s.tier)))
                g = self._group(tr("Observations and evidence"))
                self.add_checkable(g, tr("Observations (points, lines)"), "observations", "", self.observations_visible)
                keep = QTreeWidgetItem(g, [tr("Keep visible for")])
                keep.setFlags(Qt.ItemIsEnabled)
                keep.setToolTip(0, tr("Observations stay on the map, fading, this many steps after their date"))
                self.tree.setItemWidget(keep, 1, self._keep_spin())
                item = self.add_checkable(g, tr("Evidence marks on zones"), "marks", "", self.evidence_marks)
                item.setToolTip(0, tr("Mark zones whose evidence contradicts them (red !) "
                                      "and zones with no evidence at all (grey ?)"))
                if p.rasters:
                    self.rasters.fill(self._group(tr("Raster basemaps")))
            if self.basemap:
                g = self._group(tr("Basemap"))
                for layer in self.basemap:
                    item = self.add_checkable(g, layer.label, "basemap", layer.name, layer.visible)
                    self.tree.setItemWidget(item, 1, self._opacity_slider(layer))
        finally:
            self._loading = False

    def _keep_spin(self) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName("keepSteps")
        spin.setRange(0, 52)
        spin.setValue(self.keep_steps)
        spin.setSuffix(tr(" steps"))
        spin.setSpecialValueText(tr("this step"))
        spin.setToolTip(tr("Keep observations visible, fading, for this many steps after their date"))
        spin.valueChanged.connect(self.set_keep_steps)
        return spin

    def set_keep_steps(self, n: int) -> None:
        self.keep_steps = max(0, int(n))
        settings.set_value(KEEP_KEY, self.keep_steps)
        self.sigObservationKeepSteps.emit(self.keep_steps)

    def _opacity_slider(self, layer: BasemapLayer) -> QSlider:
        s = QSlider(Qt.Horizontal)
        s.setRange(0, 100)
        s.setValue(round(layer.opacity * 100))
        s.setMaximumWidth(90)
        s.setToolTip(tooltip(tr("Opacity of {layer}").format(layer=layer.label)))
        s.setObjectName(f"opacity:{layer.name}")

        def changed(v: int, name=layer.name) -> None:
            for b in self.basemap:
                if b.name == name:
                    b.opacity = v / 100
            self.sigBasemapOpacity.emit(name, v / 100)
        s.valueChanged.connect(changed)
        return s

    def item_for(self, kind: str, key: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            g = self.tree.topLevelItem(i)
            for j in range(g.childCount()):
                c = g.child(j)
                if c.data(0, KIND_ROLE) == kind and c.data(0, KEY_ROLE) == key:
                    return c
        return None

    # -- user actions -----------------------------------------------------------------------
    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._loading or column != 0:
            return
        kind, key = item.data(0, KIND_ROLE), item.data(0, KEY_ROLE)
        on = item.checkState(0) == Qt.Checked
        if kind == "assessment":
            (self.hidden_assessments.discard if on else self.hidden_assessments.add)(key)
            self.sigAssessmentVisible.emit(key, on)
        elif kind == "status":
            (self.hidden_statuses.discard if on else self.hidden_statuses.add)(key)
            self.sigStatusVisible.emit(key, on)
        elif kind == "observations":
            self.observations_visible = on
            self.sigObservationsVisible.emit(on)
        elif kind == "marks":
            self.evidence_marks = on
            settings.set_value(MARKS_KEY, on)
            self.sigEvidenceMarks.emit(on)
        elif kind == "raster":
            layer = self.project.rasters.get(key) if self.project else None
            if layer is not None and layer.visible != on:
                self.rasters.set_visible(key, on)
        elif kind == "basemap":
            for b in self.basemap:
                if b.name == key:
                    b.visible = on
            self.sigBasemapVisible.emit(key, on)

    def _context_menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        if item is not None and item.data(0, KIND_ROLE) == "raster":
            self.rasters.context_menu(item, self.tree.viewport().mapToGlobal(pos))
        elif item is not None and item.data(0, KIND_ROLE) == "assessment":
            aid = item.data(0, KEY_ROLE)
            menu = QMenu(self.tree)
            menu.addAction(tr("Properties…"), lambda: self.edit_assessment_properties(aid))
            menu.exec(self.tree.viewport().mapToGlobal(pos))

    def edit_assessment_properties(self, assessment_id: str, values: dict[str, str] | None = None) -> bool:
        """Name, credit line, licence note and notes of an assessment, asked in a dialog (or
        given as `values`), emitted as one command for the window to push. True when emitted."""
        from desktop.model.edits import EditError
        from desktop.ui.dialogs.assessment_properties import AssessmentProperties, properties_command
        p = self.project
        if p is None or assessment_id not in p.assessments:
            return False
        if values is None:
            dlg = AssessmentProperties(p.assessments[assessment_id], self)
            if not dlg.exec():
                return False
            values = dlg.values()
        try:
            cmd = properties_command(p, assessment_id, values)
        except EditError as e:
            self.sigMessage.emit(shown(e))
            return False
        if cmd is None:
            return False
        self.sigCommand.emit(cmd)
        return True

    def _double_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        kind, key = item.data(0, KIND_ROLE), item.data(0, KEY_ROLE)
        if kind == "assessment" and key != self.editing:
            self.sigEditAssessment.emit(key)
        elif kind == "status":
            self.sigEditLegend.emit()


def _setting_bool(key: str, default: bool) -> bool:
    v = settings.value(key, default)
    if isinstance(v, str):  # ini files give strings back
        return v.lower() in ("true", "1", "yes")
    return bool(v)


def _setting_int(key: str, default: int) -> int:
    try:
        return max(0, int(settings.value(key, default)))
    except (TypeError, ValueError):
        return default
