"""The main window: map canvas in the centre, docks around it, one command stack.

The window is the only place that pushes commands: the canvas (through its tools), the
inspector, the layers dock and the dialogs hand it `Command`s, and `push` applies them, turning
refusals (read-only project, an edit the model rejects, a failed write) into a status-bar
message. Pieces built elsewhere (canvas, timeline, evidence) are imported lazily by `hosted`,
so the window runs while they are still being written.
"""
from __future__ import annotations

import importlib
import sqlite3
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QWidget

from desktop.model import edits
from desktop.model.commands import Command, CommandStack
from desktop.model.edits import EditError
from desktop.model.project import Project, ReadOnlyError
from desktop.storage.errors import InputError
from desktop.tools.base import ToolContext

from desktop.ui.window import hosted
from desktop.ui.window import settings
from desktop.ui.window.actions import Actions
from desktop.ui.window.history_dock import HistoryDock
from desktop.ui.inspector.inspector_dock import Inspector
from desktop.ui.map.layers_dock import LayersPanel
from desktop.ui.window.lazy_panels import LazyPanels
from desktop.ui.window.menus import build_menus, build_toolbars
from desktop.ui.window.status_bar import StatusBar
from desktop.ui.timeline.cursor import TimelineCursor
from desktop.ui.window.edit_controls import EditingControls


class MainWindow(LazyPanels, QMainWindow):
    def __init__(self, project: Project, path: str | Path | None = None, *,
                 at: date | None = None, restore_layout: bool = True) -> None:
        super().__init__()
        self.setObjectName("frontlineMainWindow")
        self.project: Project = project
        self.path: str | None = str(path) if path else None
        self.stack = CommandStack(project)
        self.selection: list[str] = []
        self.cursor = TimelineCursor(project, self)
        self.context = ToolContext(project=project, when=self.cursor.date, assessment_id=None)
        self.actions = Actions(self)
        self.menus = build_menus(self, self.actions)
        self.toolbars = build_toolbars(self, self.actions)
        self.editing = EditingControls(self, self.actions)
        self.toolbars["tools"].addWidget(self.editing)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self._build_centre()
        self._build_docks()
        self._connect()
        self._project_listener = self._on_project_changed
        self.resize(1600, 1000)
        if restore_layout:
            geometry, state = settings.load_layout()
            if geometry is not None:
                self.restoreGeometry(geometry)
            if state is not None:
                self.restoreState(state)
        self.set_project(project, self.path, at=at)

    # -- construction -----------------------------------------------------------------------
    def _build_centre(self) -> None:
        self.canvas = hosted.make_canvas(self)
        self.setCentralWidget(self.canvas)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea | None) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState/restoreState find docks by object name
        dock.setWidget(widget)
        if area is not None:
            self.addDockWidget(area, dock)
        self.menus["panels"].addAction(dock.toggleViewAction())
        return dock

    def _build_docks(self) -> None:
        self.setCorner(Qt.BottomLeftCorner, Qt.LeftDockWidgetArea)
        self.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
        self.layers = LayersPanel(self)
        self.layers_dock = self._dock("Layers && legend", "layersDock", self.layers, Qt.LeftDockWidgetArea)
        self.inspector = Inspector(self)
        # Scrolled: with a zone selected its fields and version history are ~750 px tall, more
        # than a 1366x768 laptop gives the dock, and an unscrolled dock would hold the whole
        # window taller than the screen.
        scroll = QScrollArea()
        scroll.setWidget(self.inspector)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.inspector_dock = self._dock("Inspector", "inspectorDock", scroll, Qt.RightDockWidgetArea)
        self.evidence = hosted.make_evidence_panel(self)
        self.evidence_dock = self._dock("Evidence", "evidenceDock", self.evidence, Qt.RightDockWidgetArea)
        self.splitDockWidget(self.inspector_dock, self.evidence_dock, Qt.Vertical)
        self.history_dock = HistoryDock(self)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.history_dock)
        self.menus["panels"].addAction(self.history_dock.toggleViewAction())
        self.splitDockWidget(self.layers_dock, self.history_dock, Qt.Vertical)
        self.sources_dock = self._lazy_dock("Sources", "sourcesDock", "sources", Qt.LeftDockWidgetArea)
        # Sources share the tall dock with Layers: its table of sources and their quotes needs
        # the height (beside the short History list it showed one source at a time).
        self.tabifyDockWidget(self.layers_dock, self.sources_dock)
        self.layers_dock.raise_()
        self.timeline = hosted.make_timeline(self, self.cursor)
        self.timeline_dock = self._dock("Timeline", "timelineDock", self.timeline, Qt.BottomDockWidgetArea)
        # Beside the evidence: the timeline bar keeps the window's full width for its controls.
        # Made as tabs of the evidence dock directly (added then tabified, Qt leaves a stale tab bar).
        self.changes_dock = self._lazy_dock("Changes this step", "changesDock", "changes", None)
        self.compare_dock = self._lazy_dock("Compare", "compareDock", "compare", None)
        self.tabifyDockWidget(self.evidence_dock, self.changes_dock)
        self.tabifyDockWidget(self.evidence_dock, self.compare_dock)
        self.evidence_dock.raise_()
        self.resizeDocks([self.layers_dock, self.inspector_dock], [260, 330], Qt.Horizontal)
        self.resizeDocks([self.layers_dock, self.history_dock], [560, 200], Qt.Vertical)
        self.resizeDocks([self.inspector_dock, self.evidence_dock], [430, 330], Qt.Vertical)
        self.resizeDocks([self.timeline_dock], [210], Qt.Vertical)

    def _connect(self) -> None:
        a = self.actions
        a.new.triggered.connect(self._dialog("desktop.ui.dialogs.file_menu", "new_project"))
        a.open.triggered.connect(self._dialog("desktop.ui.dialogs.file_menu", "open_project_dialog"))
        a.save_as.triggered.connect(self._dialog("desktop.ui.dialogs.file_menu", "save_as"))
        a.import_.triggered.connect(self._dialog("desktop.ui.dialogs.file_menu", "import_files"))
        a.export.triggered.connect(self._dialog("desktop.ui.dialogs.file_menu", "export_project"))
        a.export_image.triggered.connect(self._dialog("desktop.ui.dialogs.media_export", "export_image"))
        a.export_replay.triggered.connect(self._dialog("desktop.ui.dialogs.media_export", "export_replay"))
        a.quit.triggered.connect(self.close)
        self.menus["recent"].aboutToShow.connect(self._dialog("desktop.ui.dialogs.file_menu", "fill_recent_menu"))
        a.undo.triggered.connect(self.undo)
        a.redo.triggered.connect(self.redo)
        a.delete.triggered.connect(self.delete_selection)
        a.merge.triggered.connect(self.merge_selection)
        a.add_assessment.triggered.connect(self._dialog("desktop.ui.dialogs.file_menu", "add_assessment"))
        a.legend_editor.triggered.connect(self.edit_legend)
        a.zoom_aoi.triggered.connect(self._dialog("desktop.ui.dialogs.goto", "zoom_to_aoi"))
        a.set_aoi.triggered.connect(self._dialog("desktop.ui.dialogs.goto", "set_aoi_from_view"))
        a.zoom_layer.triggered.connect(self._dialog("desktop.ui.dialogs.goto", "zoom_to_layer"))
        a.zoom_selection.triggered.connect(self._dialog("desktop.ui.dialogs.goto", "zoom_to_selection"))
        a.find_place.triggered.connect(self._dialog("desktop.ui.dialogs.goto", "find_place"))
        a.goto.triggered.connect(self._dialog("desktop.ui.dialogs.goto", "go_to_coordinates"))
        a.show_changes.toggled.connect(lambda on: hosted.call(self.canvas, "set_show_changes", on))
        a.presentation.toggled.connect(lambda on: hosted.set_presentation(self, on))
        a.user_guide.triggered.connect(self._dialog("desktop.ui.dialogs.help", "user_guide"))
        a.shortcuts.triggered.connect(self._dialog("desktop.ui.dialogs.help", "shortcuts"))
        a.about.triggered.connect(self._dialog("desktop.ui.dialogs.help", "about"))
        a.open_sample.triggered.connect(self._dialog("desktop.ui.dialogs.file_menu", "open_sample"))
        a.tool_group.triggered.connect(lambda act: self.set_tool(act.data()))
        a.clip_mode.toggled.connect(self._clip_mode_changed)
        a.snapping.toggled.connect(self._snapping_changed)
        self.editing.sigStatusChosen.connect(self._status_chosen)
        self.editing.sigAssessmentChosen.connect(self.set_editing_assessment)
        self.editing.sigKindChosen.connect(self._kind_chosen)
        self.history_dock.sigUndoTo.connect(self.undo_to)
        self.history_dock.sigRedoTo.connect(self.redo_to)
        self.inspector.sigCommand.connect(self.push)
        self.inspector.sigMessage.connect(self.message)
        self.inspector.sigDateRequested.connect(self.set_date)
        lay = self.layers
        lay.sigEditAssessment.connect(self.set_editing_assessment)
        lay.sigAddAssessment.connect(a.add_assessment.trigger)
        lay.sigEditLegend.connect(self.edit_legend)
        lay.sigAssessmentVisible.connect(self._assessment_visibility)
        hosted.connect_layers(self.canvas, lay)
        self.cursor.sigDateChanged.connect(self._date_changed)
        hosted.connect_canvas(self, self.canvas)

    def _dialog(self, module: str, function: str):
        """A slot calling `module.function(window)`; the dialogs module is imported on first use
        (the file, media, go-to and help dialogs are not needed to show the window)."""
        def run(*_args) -> None:
            getattr(importlib.import_module(module), function)(self)
        return run

    # -- the project ------------------------------------------------------------------------
    def set_project(self, project: Project, path: str | Path | None, *, at: date | None = None) -> None:
        """Show `project` (the window's previous one must already be closed by the caller)."""
        old = getattr(self, "_shown", None)
        if old is not None and self._project_listener in old.listeners:
            old.listeners.remove(self._project_listener)
        self.project, self.path = project, (str(path) if path else None)
        self._shown = project
        project.listeners.append(self._project_listener)
        self.stack = CommandStack(project)
        self.stack.listeners.append(lambda s: self._update_undo_actions())
        self.selection = []
        self.context.project = project
        self.context.selection = []
        self.cursor.set_project(project, move=at is None)
        if at is not None:
            self.cursor.set_date(at)
        editing = next(iter(sorted(project.assessments.values(), key=lambda a: a.name.lower())), None)
        self.context.assessment_id = editing.id if editing else None
        self.context.when = self.cursor.date
        self.layers.set_project(project, self.context.assessment_id)
        self.inspector.set_project(project)
        self.inspector.set_date(self.cursor.date)
        self.history_dock.set_stack(self.stack)
        self.editing.set_project(project, self.context.assessment_id, self.context.status)
        hosted.project_changed(self)
        self.status.set_path(self.path)
        self._update_state()
        self._update_title()
        self._update_undo_actions()
        if project.read_only:
            self.message("This project is open read-only: you can view and export, not edit.")
        warnings = getattr(project, "open_warnings", [])
        if warnings:  # e.g. a shape another tool made invalid, repaired for this session
            more = f" (and {len(warnings) - 1} more like it)" if len(warnings) > 1 else ""
            self.message(warnings[0] + more, 30000)

    def _on_project_changed(self, changes) -> None:
        if any(c.table == "info" for c in changes):
            self._update_title()
        if any(c.table == "assessments" for c in changes):
            if self.context.assessment_id not in self.project.assessments:
                ids = sorted(self.project.assessments)
                self.set_editing_assessment(ids[0] if ids else None)
            self.editing.set_project(self.project, self.context.assessment_id, self.context.status)
        if any(c.table == "legend" for c in changes):
            self.editing.set_project(self.project, self.context.assessment_id, self.context.status)
        gone = [z for z in self.selection if z not in self.project.zones and z not in self.project.observations]
        if gone:
            self.set_selection([z for z in self.selection if z not in gone])

    def _update_title(self) -> None:
        name = Path(self.path).name if self.path else "not saved"
        ro = " [read-only]" if self.project.read_only else ""
        self.setWindowTitle(f"{self.project.info.title} — {name}{ro} — Frontline")

    def _update_state(self, error: str = "") -> None:
        for action in self.actions.edit_actions():
            action.setEnabled(not self.project.read_only)
        if error:
            self.status.set_state("Not saved", error)
        elif self.project.read_only:
            self.status.set_state("Read-only", "The file is open read-only: edits are refused")
        elif self.path:
            self.status.set_state("Saved", "Every edit is written to the file as you make it")
        else:
            self.status.set_state("In memory", "This project is not backed by a file")

    # -- commands ---------------------------------------------------------------------------
    def push(self, command: Command | None) -> bool:
        """Apply a command on the window's stack; refusals become a status-bar message."""
        if not command:
            return False
        try:
            ok = self.stack.push(command)
        except ReadOnlyError:
            self.message("Read-only project: the edit was not made. Save a copy (File ▸ Save As) to edit it.")
            return False
        except EditError as e:
            self.message(str(e))
            return False
        except (sqlite3.Error, OSError, InputError) as e:
            self.message(f"Could not write to the project file: {e}")
            self._update_state(str(e))
            return False
        self._update_state()
        self.message(f"{command.label}" + (f" — {'; '.join(command.warnings)}" if command.warnings else ""))
        return ok

    def _refusing(self) -> bool:
        if self.project.read_only:
            self.message("Read-only project: the edit was not made. Save a copy (File ▸ Save As) to edit it.")
        return self.project.read_only

    def undo(self) -> None:
        if self._refusing() or not self.stack.can_undo():
            return
        try:
            cmd = self.stack.undo()
        except (sqlite3.Error, OSError) as e:
            self.message(f"Could not write to the project file: {e}")
            return
        if cmd:
            self.message(f"Undid {cmd.label}")

    def redo(self) -> None:
        if self._refusing() or not self.stack.can_redo():
            return
        try:
            cmd = self.stack.redo()
        except (sqlite3.Error, OSError) as e:
            self.message(f"Could not write to the project file: {e}")
            return
        if cmd:
            self.message(f"Redid {cmd.label}")

    def undo_to(self, index: int) -> None:
        while self.stack.index > index and self.stack.can_undo() and not self.project.read_only:
            self.undo()

    def redo_to(self, index: int) -> None:
        while self.stack.index < index and self.stack.can_redo() and not self.project.read_only:
            self.redo()

    def _update_undo_actions(self) -> None:
        s = self.stack
        self.actions.undo.setEnabled(s.can_undo())
        self.actions.redo.setEnabled(s.can_redo())
        self.actions.undo.setText(f"&Undo {s.undo_label}" if s.can_undo() else "&Undo")
        self.actions.redo.setText(f"&Redo {s.redo_label}" if s.can_redo() else "&Redo")

    def delete_selection(self) -> None:
        zones = [z for z in self.selection if z in self.project.zones]
        if not zones:
            self.message("Nothing selected to delete")
            return
        if self.push(edits.delete_zones(self.project, zones)):
            self.set_selection([])

    def merge_selection(self) -> None:
        from desktop.tools import ACTIONS
        result = ACTIONS["merge"][1](self.context)
        if result.command is None:
            self.message(result.message or "Select two or more zones to merge")
            return
        if self.push(result.command) and result.selection is not None:
            self.set_selection(list(result.selection))

    def edit_legend(self) -> None:
        from desktop.ui.dialogs.legend_editor import LegendEditor
        dlg = LegendEditor(self.project, self)
        if dlg.exec():
            self.push_group("Edit legend", dlg.commands())

    def push_group(self, label: str, commands: list[Command]) -> bool:
        """Several commands as one undo step (all or nothing)."""
        commands = [c for c in commands if c]
        if not commands:
            return False
        if len(commands) == 1:
            return self.push(commands[0])
        self.stack.begin_group(label)
        try:
            for c in commands:
                self.stack.push(c)
        except ReadOnlyError:
            self.stack.abort_group()
            return self.push(commands[0])  # reports the refusal
        except (EditError, sqlite3.Error, OSError) as e:
            self.stack.abort_group()
            self.message(str(e))
            return False
        self.stack.end_group()
        self.message(label)
        return True

    # -- view state -------------------------------------------------------------------------
    def message(self, text: str, timeout_ms: int = 8000) -> None:
        self.status.showMessage(text, timeout_ms)

    def set_date(self, d: date) -> None:
        self.cursor.set_date(d)

    def _date_changed(self, d: date) -> None:
        self.context.when = d
        self.inspector.set_date(d)
        hosted.call(self.evidence, "set_date", d)
        hosted.call(self.built_panel("compare"), "set_date", d)
        hosted.call(self.canvas, "set_date", d)

    def set_selection(self, ids, *, from_canvas: bool = False) -> None:
        self.selection = list(ids)
        self.context.selection = list(ids)
        self.inspector.set_selection(self.selection)
        hosted.call(self.evidence, "set_selection", self.selection)
        if not from_canvas:
            hosted.call(self.canvas, "set_selection", self.selection)

    def set_tool(self, name: str) -> None:
        self.actions.tools[name].setChecked(True)
        self.editing.show_tool(name)
        # The point kind is the point tool's; a line keeps its own (an attack direction).
        self.context.observation_kind = self.editing.kind_key() if name == "place_point" else ""
        hosted.activate_tool(self, name)

    def set_editing_assessment(self, assessment_id: str | None) -> None:
        self.context.assessment_id = assessment_id
        self.layers.set_editing(assessment_id)
        self.editing.set_assessment(assessment_id)
        hosted.call(self.canvas, "set_editing_assessment", assessment_id)

    def _assessment_visibility(self, assessment_id: str, visible: bool) -> None:
        self.context.hidden_assessments = frozenset(self.layers.hidden_assessments)

    def _kind_chosen(self, key: str) -> None:
        self.context.observation_kind = key

    def _status_chosen(self, key: str) -> None:
        self.context.status = key

    def _clip_mode_changed(self, clip_others: bool) -> None:
        self.context.clip_mode = edits.CLIP_OTHERS if clip_others else edits.CLIP_SELF
        self.editing.show_clip_mode(clip_others)

    def _snapping_changed(self, on: bool) -> None:
        self.context.snapping = on

    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        self._hide_stale_tab_bars()

    def _hide_stale_tab_bars(self) -> None:
        """Qt 6 leaves the tab bar of an earlier tab group visible after a third dock joins it
        (seen offscreen and on X11); hide any bar whose tabs another visible bar also shows."""
        from PySide6.QtWidgets import QTabBar
        bars = [b for b in self.findChildren(QTabBar) if b.parent() is self and b.isVisible()]
        tabs = {b: {b.tabText(i) for i in range(b.count())} for b in bars}
        for b in bars:
            if any(o is not b and tabs[b] < tabs[o] for o in bars):
                b.hide()

    # -- closing ----------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # Qt override
        if not getattr(self, "_screenshot_mode", False):
            settings.save_layout(self.saveGeometry(), self.saveState())
        self.cursor.detach()
        from desktop.storage.project.projectfile import close_project
        close_project(self.project)
        super().closeEvent(event)
