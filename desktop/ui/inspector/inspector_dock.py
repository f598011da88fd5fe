"""The Inspector dock: the selected zone as of the cursor date, and its version history.

Every field edit becomes one command handed to the window through `sigCommand`; the panel never
touches the model itself. The name is the zone's (all dates: rename_zone). Status, confidence and
notes change the zone as of the cursor date (edit_zone: the version valid then is split there),
unless "Correct this version" is checked: then confidence and notes are fixed in place
(set_version_fields). The approximate mark and the recorded date describe the version itself, so
they are always set in place. A line under the fields says which will happen. When the project
changes the panel re-reads the zone, so undo shows.
"""
from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from desktop.ui.i18n import tr
from desktop.ui.messages import shown
from desktop.model import edits
from desktop.model.edits import EditError
from desktop.model.entities import CONFIDENCES
from desktop.model.legend import short_label
from desktop.model.cursor import DATE, TimelineCursor
from desktop.model.project import Project
from desktop.model.selection import Selection

from desktop.ui.widgets.plain_text import tooltip
from desktop.ui.widgets.date_inputs import date_edit, to_qdate
from desktop.ui.widgets.project_listeners import listen
from desktop.ui.widgets.swatch import swatch
from desktop.ui.inspector.edit_scope import scope_text
from desktop.ui.inspector.widgets import NotesEdit
from desktop.ui.inspector.observation_editor import ObservationEditor
from desktop.ui.widgets.fitting import FittingComboBox, WordElideDelegate


class Inspector(QWidget):
    """Shows the window's selection as of its cursor date; reads both, keeps no copy."""
    sigCommand = Signal(object)  # a model Command to push
    sigMessage = Signal(str)

    def __init__(self, cursor: TimelineCursor, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cursor = cursor
        self.selection = selection
        self.project: Project | None = None
        # What the selection holds, sorted out once per change (refresh reads them often).
        self.zone_id: str | None = None
        self._count = 0
        self.observation_id: str | None = None
        self._loading = False
        self._listener: Callable | None = None
        self._build()
        listen(self, cursor, self._on_cursor)
        listen(self, selection, self._read_selection)
        self.refresh()

    @property
    def when(self) -> date:
        """The cursor's date: what the fields show and what edits apply as of."""
        return self.cursor.date

    # -- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.PlainText)
        self.title.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self.title.setWordWrap(True)
        self.subtitle = QLabel(self)
        self.subtitle.setTextFormat(Qt.PlainText)
        self.subtitle.setStyleSheet("color: #5f6368;")
        self.subtitle.setWordWrap(True)

        self.name = QLineEdit(self)
        self.name.setPlaceholderText(tr("Zone name"))
        self.name.editingFinished.connect(self._name_done)
        self.status = FittingComboBox(self)
        self.status.setToolTip(tr("Status as of the cursor date (a new version from that date on)"))
        self.status.activated.connect(self._status_chosen)
        # Editable dates of the version on the cursor date; "still valid" is the open end.
        self.valid_from = date_edit(self)
        self.valid_to = date_edit(self, empty_text=tr("still valid"))
        self.valid_from.editingFinished.connect(self._dates_done)
        self.valid_to.editingFinished.connect(self._dates_done)
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.valid_from, 1)
        dates.addWidget(QLabel("→", self))
        dates.addWidget(self.valid_to, 1)
        self.approximate = QCheckBox(tr("start date approximate"), self)
        self.approximate.toggled.connect(lambda on: self._set_fields(in_place=True, approximate=on))
        # When the analyst recorded the version, apart from when control changed (mapping projects
        # publish days late); edits set it to today, and it can be corrected here.
        self.recorded = date_edit(self, empty_text=tr("not recorded"))
        self.recorded.setToolTip(tr("When the analyst recorded this version (mapping projects publish days late)"))
        self.recorded.editingFinished.connect(self._recorded_done)
        self.confidence = QComboBox(self)
        self.confidence.addItems(list(CONFIDENCES))
        self.confidence.activated.connect(lambda i: self._set_fields(confidence=self.confidence.itemText(i)))
        self.notes = NotesEdit(self)
        self.notes.setPlaceholderText(tr("Notes on this version"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        self.notes.editingFinished.connect(self._notes_done)
        # Off by default: an edit's normal meaning is "from the cursor date on"; fixing a mistake in
        # a whole version is the exception, asked for explicitly and forgotten on the next move.
        self.correct = QCheckBox(tr("Correct this version (in place)"), self)
        self.correct.setToolTip(tr("Fix confidence and notes of the whole version instead of changing "
                                "them from the cursor date on"))
        self.correct.toggled.connect(lambda _on: self._show_scope())
        self.scope = QLabel(self)  # what the next edit will do, said before it is made
        self.scope.setTextFormat(Qt.PlainText)
        self.scope.setWordWrap(True)
        self.scope.setStyleSheet("color: #5f6368;")
        self.area = QLabel(self)
        self.area.setTextFormat(Qt.PlainText)
        self.end_button = QPushButton(self)
        self.end_button.setToolTip(tr("The zone no longer exists from the cursor date on"))
        self.end_button.clicked.connect(self._end_zone)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignRight)
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("Status"), self.status)
        form.addRow(tr("Valid"), dates)
        form.addRow("", self.approximate)
        form.addRow(tr("Recorded"), self.recorded)
        form.addRow(tr("Confidence"), self.confidence)
        form.addRow(tr("Notes"), self.notes)
        form.addRow("", self.correct)
        form.addRow(self.scope)
        form.addRow(tr("Area"), self.area)

        self.versions = QTreeWidget(self)
        self.versions.setItemDelegate(WordElideDelegate(self.versions))
        self.versions.setHeaderLabels([tr("From"), tr("To"), tr("Status"), tr("km²"), tr("Recorded")])
        self.versions.setRootIsDecorated(False)
        self.versions.setUniformRowHeights(True)
        self.versions.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.versions.header().setStretchLastSection(False)
        self.versions.header().setSectionResizeMode(2, QHeaderView.Stretch)
        self.versions.setToolTip(tr("Click a version to move the timeline cursor to its start"))
        self.versions.itemClicked.connect(self._version_clicked)
        self.versions_label = QLabel(tr("Versions"), self)
        self.versions_label.setStyleSheet("font-weight: 600; margin-top: 6px;")

        # Everything below the title lives in one body that hides when nothing is selected.
        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(form)
        body.addWidget(self.end_button)
        body.addWidget(self.versions_label)
        body.addWidget(self.versions, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        lay.addWidget(self.body, 1)
        self.observation = ObservationEditor(self)
        self.observation.sigCommand.connect(self.sigCommand)
        self.observation.sigMessage.connect(self.sigMessage)
        self.observation.setVisible(False)
        lay.addWidget(self.observation)
        self.spacer = QWidget(self)
        lay.addWidget(self.spacer, 1)

    # -- inputs -----------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        if self.project is not None and self._listener in self.project.listeners:
            self.project.listeners.remove(self._listener)
        self.project = project
        if project is not None:
            self._listener = lambda changes: self.refresh()
            project.listeners.append(self._listener)
        self._read_selection()

    def _on_cursor(self, what: str) -> None:
        if what == DATE:
            self._reset_correct()
            self.refresh()

    def _reset_correct(self) -> None:
        # A correction is meant for the version the analyst was looking at, not the next one.
        self.correct.blockSignals(True)
        self.correct.setChecked(False)
        self.correct.blockSignals(False)

    def _read_selection(self, _ids: tuple[str, ...] = ()) -> None:
        p, ids = self.project, self.selection.ids
        self.observation_id = next((i for i in ids if p is not None and i in p.observations), None)
        zones = [i for i in ids if p is not None and i in p.zones]
        self.zone_id = zones[0] if zones else None
        self._count = len(zones)
        self._reset_correct()
        self.refresh()

    # -- display ----------------------------------------------------------------------------
    def _fill_status_combo(self, current: str | None) -> None:
        self.status.clear()
        legend = sorted(self.project.legend.values(), key=lambda s: s.order)
        for s in legend:
            self.status.addItem(swatch(s.colour), s.label, s.key)
        i = self.status.findData(current) if current else -1
        self.status.setCurrentIndex(i)

    def refresh(self) -> None:
        self._loading = True
        try:
            self._refresh()
        finally:
            self._loading = False

    def _refresh(self) -> None:
        p, zid = self.project, self.zone_id
        if p is not None and zid is not None and zid not in p.zones:
            self.zone_id = zid = None  # deleted (or its creation undone)
        zone = p.zones.get(zid) if (p is not None and zid) else None
        self.body.setVisible(zone is not None)
        self.spacer.setVisible(zone is None)
        obs = p.observations.get(self.observation_id) if (p is not None and zone is None) else None
        self.observation.setVisible(obs is not None)
        if obs is not None:
            kind = obs.kind.replace("_", " ")
            self.title.setText(f"{kind[:1].upper()}{kind[1:]}" + (f": {obs.name}" if obs.name else ""))
            self.subtitle.setText(tr("Observation · link quotes to it in the Evidence panel"))
            self.observation.show_observation(p, obs.id)
            self._clear_fields()
            return
        if zone is None:
            self.title.setText(tr("No zone selected"))
            self.subtitle.setText(tr("Click a zone on the map with the Select tool to inspect it."))
            self._clear_fields()
            return
        v = p.version_at(zone.id, self.when)
        assessment = p.assessments.get(zone.assessment_id)
        self.title.setText(zone.name)
        more = tr(" · {n} more selected").format(n=self._count - 1) if self._count > 1 else ""
        self.subtitle.setText(tr("{assessment} · as of {when}").format(
            assessment=assessment.name if assessment else "?", when=self.when.isoformat()) + more)
        self.name.setText(zone.name)
        self._fill_status_combo(v.status if v else None)
        if v is None:
            self.subtitle.setText(self.subtitle.text() + tr(" · no shape on {when}").format(when=self.when.isoformat()))
            self.recorded.setDate(self.recorded.minimumDate())
            self.area.setText("")
            self.notes.setPlainText("")
            self.valid_from.setDate(to_qdate(self.when))
            self.valid_to.setDate(self.valid_to.minimumDate())
        else:
            self.valid_from.setDate(to_qdate(v.valid_from))
            self.valid_to.setDate(to_qdate(v.valid_to) if v.valid_to
                                  else self.valid_to.minimumDate())
            self.recorded.setDate(to_qdate(v.recorded_on) if v.recorded_on else self.recorded.minimumDate())
            self.confidence.setCurrentText(v.confidence)
            self.approximate.setChecked(v.approximate)
            if self.notes.toPlainText() != v.notes:
                self.notes.setPlainText(v.notes)
            self.area.setText(tr("{area} km²").format(area=f"{p.version_area_km2(v):,.2f}"))
        for w in (self.confidence, self.approximate, self.notes, self.valid_from, self.valid_to, self.recorded,
                  self.correct):
            w.setEnabled(v is not None)
        self.end_button.setText(tr("End zone on {when}").format(when=self.when.isoformat()))
        self.end_button.setEnabled(v is not None)
        self._fill_versions(zone.id, v.id if v else None)
        self._show_scope()

    def _show_scope(self) -> None:
        v = self._current_version() if self.project is not None else None
        self.scope.setText(scope_text(v, self.when, correct=self.correct.isChecked()))
        self.scope.setVisible(v is not None)

    def _clear_fields(self) -> None:
        self.name.clear()
        self.notes.clear()
        self.versions.clear()
        self.recorded.setDate(self.recorded.minimumDate())
        self.area.clear()

    def _fill_versions(self, zone_id: str, current_id: str | None) -> None:
        p = self.project
        self.versions.clear()
        for v in p.versions_of(zone_id):
            s = p.legend.get(v.status)
            # The column is narrow: the short label ("Russian-controlled"), the full one in the tooltip.
            row = QTreeWidgetItem([v.valid_from.isoformat(), v.valid_to.isoformat() if v.valid_to else "…",
                                   short_label(s.label) if s else v.status, f"{p.version_area_km2(v):,.1f}",
                                   v.recorded_on.isoformat() if v.recorded_on else ""])
            row.setData(0, Qt.UserRole, v.valid_from)
            if v.valid_to is None:
                row.setToolTip(1, tr("still valid"))
            row.setToolTip(2, tooltip(s.label if s else v.status))
            if s:
                row.setIcon(2, swatch(s.colour))
            self.versions.addTopLevelItem(row)
            if v.id == current_id:
                self.versions.setCurrentItem(row)
        for c in (0, 1, 3, 4):
            self.versions.resizeColumnToContents(c)

    # -- edits ------------------------------------------------------------------------------
    def _emit(self, make: Callable) -> None:
        if self._loading or self.project is None or self.zone_id is None:
            return
        try:
            cmd = make()
        except EditError as e:
            self.sigMessage.emit(shown(e))
            self.refresh()
            return
        if cmd:
            self.sigCommand.emit(cmd)
        self.refresh()  # shows the result, or the old value again if the edit was refused

    def _current_version(self):
        return self.project.version_at(self.zone_id, self.when) if self.zone_id else None

    def _name_done(self) -> None:
        name = self.name.text().strip()
        zone = self.project.zones.get(self.zone_id) if (self.project and self.zone_id) else None
        if zone is None or self._loading or not name or name == zone.name:
            return
        self._emit(lambda: edits.rename_zone(self.project, zone.id, name))

    def _status_chosen(self, index: int) -> None:
        key = self.status.itemData(index)
        v = self._current_version() if self.project else None
        if key is None or (v is not None and v.status == key):
            return
        label = tr("Set {zone} to {status} as of {when}").format(
            zone=self.project.zones[self.zone_id].name, status=self.status.itemText(index), when=self.when.isoformat())
        self._emit(lambda: edits.edit_zone(self.project, self.zone_id, self.when, status=key, label=label))

    def _set_fields(self, *, in_place: bool = False, **fields) -> None:
        """Confidence and notes: as of the cursor date, or in place when correcting the version
        (or when the field describes the version itself: `in_place`)."""
        v = self._current_version() if (self.project and not self._loading) else None
        if v is None or all(getattr(v, k) == val for k, val in fields.items()):
            return
        if in_place or self.correct.isChecked():
            self._emit(lambda: edits.set_version_fields(self.project, v.id, **fields))
            return
        what = ", ".join(fields)
        label = tr("Set {fields} of {zone} as of {when}").format(
            fields=what, zone=self.project.zones[self.zone_id].name, when=self.when.isoformat())
        self._emit(lambda: edits.edit_zone(self.project, self.zone_id, self.when, label=label, **fields))

    def _notes_done(self) -> None:
        if self._loading:
            return
        self._set_fields(notes=self.notes.toPlainText())

    def _dates_done(self) -> None:
        v = self._current_version() if (self.project and not self._loading) else None
        if v is None:
            return
        start = self.valid_from.date().toPython()
        end = None if self.valid_to.date() == self.valid_to.minimumDate() else self.valid_to.date().toPython()
        if (start, end) == (v.valid_from, v.valid_to):
            return
        self._emit(lambda: edits.set_version_dates(self.project, v.id, start, end))

    def _recorded_done(self) -> None:
        if self._loading:
            return
        q = self.recorded.date()
        self._set_fields(in_place=True, recorded_on=None if q == self.recorded.minimumDate() else q.toPython())

    def _end_zone(self) -> None:
        self._emit(lambda: edits.end_zone(self.project, self.zone_id, self.when))

    def _version_clicked(self, item: QTreeWidgetItem) -> None:
        d = item.data(0, Qt.UserRole)
        if isinstance(d, date):
            self.cursor.set_date(d)
