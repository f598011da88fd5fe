"""The main window: map canvas in the centre, docks around it, one command stack.

The window owns what every part reads: the project, the one timeline cursor and the one
selection (Qt-free, from `desktop.model`), the playback timer that moves the cursor, and the
command stack (`command_host`: the window is the only place that pushes). It builds its parts
and wires them here, calling them by name. The hidden panels (`lazy_panels`), presentation mode
and the dialogs are imported when first used: none of them is needed to show the window.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QTabBar, QWidget

from desktop.ui.i18n import current_language, tool_text, tr
from desktop.model import edits
from desktop.model.changes import ChangeSet
from desktop.model.commands import CommandStack
from desktop.model.cursor import TimelineCursor
from desktop.model.project import Project
from desktop.model.selection import Selection
from desktop.storage.basemap_lines import BasemapLines
from desktop.storage.project.projectfile import close_project
from desktop.tools import ACTIONS, TOOLS
from desktop.tools.base import ToolContext

from desktop.ui.evidence.panel import EvidencePanel
from desktop.ui.inspector.inspector_dock import Inspector
from desktop.ui.map.canvas import MapCanvas
from desktop.ui.map.layers_dock import LayersPanel
from desktop.ui.map.raster_layers import add_raster_layer
from desktop.ui.timeline.panel import TimelinePanel
from desktop.ui.timeline.playback import Playback
from desktop.ui.window import offers, settings, team_live
from desktop.ui.window.actions import Actions
from desktop.ui.window.canvas_keys import CanvasKeys
from desktop.ui.window.command_host import CommandHost
from desktop.ui.window.edit_controls import EditingControls
from desktop.ui.window.history_dock import HistoryDock
from desktop.ui.window.lazy_panels import LazyPanels
from desktop.ui.window.menus import build_menus, build_toolbars
from desktop.ui.window.status_bar import StatusBar

if TYPE_CHECKING:
    from desktop.ui.map.presentation import PresentationView


# The dialog modules, imported on first use (the file, media, go-to and help dialogs are not
# needed to show the window).
def _file_menu() -> ModuleType:
    from desktop.ui.dialogs import file_menu
    return file_menu


def _goto() -> ModuleType:
    from desktop.ui.dialogs import goto
    return goto


def _media_export() -> ModuleType:
    from desktop.ui.dialogs import media_export
    return media_export


def _help() -> ModuleType:
    from desktop.ui.dialogs import help as help_dialogs
    return help_dialogs


def _scrolled(widget: QWidget) -> QScrollArea:
    """`widget` in a frameless scroll area that only scrolls vertically."""
    scroll = QScrollArea()
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    return scroll


class MainWindow(CommandHost, LazyPanels, QMainWindow):
    def __init__(self, project: Project, path: str | Path | None = None, *,
                 at: date | None = None, restore_layout: bool = True) -> None:
        super().__init__()
        self.setObjectName("frontlineMainWindow")
        # What every part reads: one project, cursor, selection and stack (set_project renews them).
        self.project: Project = project
        self.path: str | None = str(path) if path else None
        self.stack = CommandStack(project, limit=settings.undo_limit())
        self.cursor = TimelineCursor()
        self.playback = Playback(self.cursor, self)
        self.selection = Selection()
        self.context = ToolContext(project, self.cursor, None, selection=self.selection, zone_name=tr("Zone {n}"))
        # Tracing and snapping reach the basemap's lines (read on first use, not at start-up).
        self.context.trace_lines = BasemapLines().near
        self.presentation_view: PresentationView | None = None
        self.save_layout_on_close = True  # see keep_saved_layout
        self._panels = {}
        self._lazy_docks = {}
        # Menus, toolbars, status bar.
        self.actions = Actions(self)
        self.menus = build_menus(self, self.actions)
        self.toolbars = build_toolbars(self, self.actions)
        self.editing = EditingControls(self, self.actions)
        self.toolbars["tools"].addWidget(self.editing)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        # The parts, and the docks that hold them.
        self.canvas = MapCanvas(self.cursor, self.selection, self)
        self.setCentralWidget(self.canvas)
        self.canvas_keys = CanvasKeys(self.canvas)
        self.layers = LayersPanel(self)
        self.inspector = Inspector(self.cursor, self.selection, self)
        self.evidence = EvidencePanel(None, None, self, cursor=self.cursor, selection=self.selection)
        self.timeline = TimelinePanel(self.playback, self)
        self.history_dock = HistoryDock(self)
        self.layers_dock = self._dock(tr("Layers && legend"), "layersDock", self.layers, Qt.LeftDockWidgetArea)
        # Scrolled: with a zone selected its fields and version history are ~750 px tall, more
        # than a 1366x768 laptop gives the dock, and an unscrolled dock would hold the whole
        # window taller than the screen.
        self.inspector_dock = self._dock(tr("Inspector"), "inspectorDock", _scrolled(self.inspector),
                                         Qt.RightDockWidgetArea)
        self.evidence_dock = self._dock(tr("Evidence"), "evidenceDock", self.evidence, Qt.RightDockWidgetArea)
        self.sources_dock = self._lazy_dock(tr("Sources"), "sourcesDock", "sources", Qt.LeftDockWidgetArea)
        self.timeline_dock = self._dock(tr("Timeline"), "timelineDock", self.timeline, Qt.BottomDockWidgetArea)
        # Beside the evidence: the timeline bar keeps the window's full width for its controls.
        # Made as tabs of the evidence dock directly (added then tabified, Qt leaves a stale tab bar).
        self.changes_dock = self._lazy_dock(tr("Changes this step"), "changesDock", "changes", None)
        self.compare_dock = self._lazy_dock(tr("Compare"), "compareDock", "compare", None)
        self._arrange_docks()
        self._connect_actions()
        self._connect_parts()
        self.resize(1600, 1000)
        # The layout as built, before any saved one: what View ▸ Reset Layout goes back to.
        self._default_state = self.saveState()
        if restore_layout:
            geometry, state = settings.load_layout()
            if geometry is not None:
                self.restoreGeometry(geometry)
            if state is not None:
                self.restoreState(state)
        self.set_project(project, self.path, at=at)

    # -- construction -----------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea | None) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState/restoreState find docks by object name
        dock.setWidget(widget)
        if area is not None:
            self.addDockWidget(area, dock)
        self.menus["panels"].addAction(dock.toggleViewAction())
        return dock

    def _arrange_docks(self) -> None:
        self.setCorner(Qt.BottomLeftCorner, Qt.LeftDockWidgetArea)
        self.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
        self.splitDockWidget(self.inspector_dock, self.evidence_dock, Qt.Vertical)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.history_dock)
        self.menus["panels"].addAction(self.history_dock.toggleViewAction())
        self.splitDockWidget(self.layers_dock, self.history_dock, Qt.Vertical)
        # Sources share the tall dock with Layers: its table of sources and their quotes needs
        # the height (beside the short History list it showed one source at a time).
        self.tabifyDockWidget(self.layers_dock, self.sources_dock)
        self.layers_dock.raise_()
        self.tabifyDockWidget(self.evidence_dock, self.changes_dock)
        self.tabifyDockWidget(self.evidence_dock, self.compare_dock)
        self.evidence_dock.raise_()
        self._default_dock_sizes()

    def _default_dock_sizes(self) -> None:
        self.resizeDocks([self.layers_dock, self.inspector_dock], [260, 330], Qt.Horizontal)
        self.resizeDocks([self.layers_dock, self.history_dock], [560, 200], Qt.Vertical)
        self.resizeDocks([self.inspector_dock, self.evidence_dock], [430, 330], Qt.Vertical)
        self.resizeDocks([self.timeline_dock], [210], Qt.Vertical)

    def _connect_actions(self) -> None:
        a = self.actions
        a.new.triggered.connect(lambda *_: _file_menu().new_project(self))
        a.open.triggered.connect(lambda *_: _file_menu().open_project_dialog(self))
        a.save_as.triggered.connect(lambda *_: _file_menu().save_as(self))
        a.project_properties.triggered.connect(lambda *_: self.edit_project_properties())
        a.reset_layout.triggered.connect(lambda *_: self.reset_layout())
        a.languages[current_language()].setChecked(True)
        for code, act in a.languages.items():
            act.triggered.connect(lambda *_, c=code: self.choose_language(c))
        a.import_.triggered.connect(lambda *_: _file_menu().import_files(self))
        a.export.triggered.connect(lambda *_: _file_menu().export_project(self))
        a.add_raster.triggered.connect(lambda *_: add_raster_layer(self))
        a.export_image.triggered.connect(lambda *_: _media_export().export_image(self))
        a.export_replay.triggered.connect(lambda *_: _media_export().export_replay(self))
        a.quit.triggered.connect(self.close)
        self.menus["recent"].aboutToShow.connect(lambda: _file_menu().fill_recent_menu(self))
        a.undo.triggered.connect(self.undo)
        # Edit ▸ Undo History Length…, after Undo and Redo (the stack keeps its latest steps).
        edit_menu = self.menus["edit"]
        self.undo_limit_action = QAction(tr("Undo History &Length…"), self)
        self.undo_limit_action.setStatusTip(tr("How many edits Undo can take back"))
        edit_menu.insertAction(edit_menu.actions()[2], self.undo_limit_action)
        self.undo_limit_action.triggered.connect(lambda *_: _file_menu().ask_undo_limit(self))
        a.redo.triggered.connect(self.redo)
        a.delete.triggered.connect(self.delete_selection)
        a.merge.triggered.connect(self.merge_selection)
        a.add_assessment.triggered.connect(lambda *_: _file_menu().add_assessment(self))
        a.legend_editor.triggered.connect(self.edit_legend)
        a.zoom_aoi.triggered.connect(lambda *_: _goto().zoom_to_aoi(self))
        a.set_aoi.triggered.connect(lambda *_: _goto().set_aoi_from_view(self))
        a.zoom_layer.triggered.connect(lambda *_: _goto().zoom_to_layer(self))
        a.zoom_selection.triggered.connect(lambda *_: _goto().zoom_to_selection(self))
        a.find_place.triggered.connect(lambda *_: _goto().find_place(self))
        a.goto.triggered.connect(lambda *_: _goto().go_to_coordinates(self))
        a.show_changes.toggled.connect(self.canvas.set_show_changes)
        a.presentation.toggled.connect(self.set_presentation)
        a.user_guide.triggered.connect(lambda *_: _help().user_guide(self))
        a.shortcuts.triggered.connect(lambda *_: _help().shortcuts(self))
        a.about.triggered.connect(lambda *_: _help().about(self))
        a.open_sample.triggered.connect(lambda *_: _file_menu().open_sample(self))
        a.tool_group.triggered.connect(lambda act: self.set_tool(act.data()))
        a.clip_mode.toggled.connect(self._clip_mode_changed)
        a.snapping.toggled.connect(self._snapping_changed)
        a.tracing.toggled.connect(self._tracing_changed)

    def _connect_parts(self) -> None:
        self.editing.sigStatusChosen.connect(self._status_chosen)
        self.editing.sigAssessmentChosen.connect(self.set_editing_assessment)
        self.editing.sigKindChosen.connect(self._kind_chosen)
        self.history_dock.sigUndoTo.connect(self.undo_to)
        self.history_dock.sigRedoTo.connect(self.redo_to)
        self.inspector.sigCommand.connect(self.push)
        self.inspector.sigMessage.connect(self.message)
        self.take_commands_from(self.evidence)
        # The timeline's keys work wherever the focus is; its bar offers two view actions.
        self.addActions(self.timeline.bar.shortcut_actions())
        self.timeline.bar.add_actions([self.actions.show_changes, self.actions.presentation])
        canvas = self.canvas
        canvas.push = self.push  # a tool's message follows only an edit that was written
        canvas.sigMessage.connect(self.message)
        canvas.sigOffer.connect(self.answer_offer)
        canvas.sigCursorMoved.connect(self.status.set_position)
        canvas.sigScaleChanged.connect(self.status.set_scale)
        # Disagreements are drawn while the compare panel is on screen.
        self.compare_dock.visibilityChanged.connect(canvas.set_compare_visible)
        self.compare_dock.visibilityChanged.connect(self._compare_shown)
        lay = self.layers
        lay.sigEditAssessment.connect(self.set_editing_assessment)
        lay.sigAddAssessment.connect(self.actions.add_assessment.trigger)
        lay.sigEditLegend.connect(self.edit_legend)
        lay.sigAssessmentVisible.connect(self._assessment_visibility)
        lay.sigCommand.connect(self.push)  # raster layer edits
        lay.sigMessage.connect(self.message)
        lay.sigAddRaster.connect(self.actions.add_raster.trigger)
        lay.drive(canvas)

    def _compare_shown(self, on: bool) -> None:
        panel = self.built_panel("compare")
        if on and panel is not None:
            panel.refresh_if_stale()

    # -- the project ------------------------------------------------------------------------
    def set_project(self, project: Project, path: str | Path | None, *, at: date | None = None) -> None:
        """Show `project` (the window's previous one must already be closed by the caller)."""
        if self._on_project_changed in self.project.listeners:
            self.project.listeners.remove(self._on_project_changed)
        self.project, self.path = project, (str(path) if path else None)
        project.listeners.append(self._on_project_changed)
        self.stack = CommandStack(project, limit=settings.undo_limit())
        self.stack.listeners.append(lambda s: self.update_undo_actions())
        self.selection.clear()
        self.context.project = project
        self.cursor.set_project(project, move=at is None)
        if at is not None:
            self.cursor.set_date(at)
        editing = next(iter(sorted(project.assessments.values(), key=lambda a: a.name.lower())), None)
        self.context.assessment_id = editing.id if editing else None
        self.layers.set_project(project, self.context.assessment_id)
        self.inspector.set_project(project)
        self.evidence.set_project(project)
        self.history_dock.set_stack(self.stack)
        self.editing.set_project(project, self.context.assessment_id, self.context.status)
        self.canvas.set_project(project)
        self.canvas.set_editing_assessment(self.context.assessment_id)
        self.timeline.chart.set_project(project)
        self.panels_follow_project()
        checked = self.actions.tool_group.checkedAction()
        self.activate_tool(checked.data() if checked else "select")
        self.status.set_path(self.path)
        team_live.follow(self)  # a team project: others' edits live, its URL in the status bar
        self.update_saved_state()
        self._update_title()
        self.update_undo_actions()
        if project.read_only:
            self.message(tr("This project is open read-only: you can view and export, not edit."))
        warnings = project.open_warnings
        if warnings:  # e.g. a shape another tool made invalid, repaired for this session
            more = tr(" (and {n} more like it)").format(n=len(warnings) - 1) if len(warnings) > 1 else ""
            self.message(warnings[0] + more, 30000)

    def _on_project_changed(self, changes: ChangeSet) -> None:
        if any(c.table == "info" for c in changes):
            self._update_title()
        if any(c.table == "assessments" for c in changes):
            if self.context.assessment_id not in self.project.assessments:
                ids = sorted(self.project.assessments)
                self.set_editing_assessment(ids[0] if ids else None)
            self.editing.set_project(self.project, self.context.assessment_id, self.context.status)
        if any(c.table == "legend" for c in changes):
            self.editing.set_project(self.project, self.context.assessment_id, self.context.status)
        p = self.project
        self.selection.discard([i for i in self.selection if i not in p.zones and i not in p.observations])

    def _update_title(self) -> None:
        name = team_live.title_name(self) or (Path(self.path).name if self.path else tr("not saved"))
        ro = tr(" [read-only]") if self.project.read_only else ""
        self.setWindowTitle(f"{self.project.info.title} — {name}{ro} — Frontline")

    # -- actions on the selection -----------------------------------------------------------
    def delete_selection(self) -> None:
        zones = [z for z in self.selection if z in self.project.zones]
        if not zones:
            self.message(tr("Nothing selected to delete"))
            return
        if self.push(edits.delete_zones(self.project, zones)):
            self.selection.clear()

    def merge_selection(self) -> None:
        result = ACTIONS["merge"][1](self.context)
        if result.command is None:
            self.message(result.message or tr("Select two or more zones to merge"))
            return
        if self.push(result.command) and result.selection is not None:
            self.selection.set(result.selection)

    def answer_offer(self, offer) -> None:
        """A tool asks before it edits (drawing over a zone of the same status: add to it?)."""
        choice = offers.ask(self, offer)
        if choice is None:
            self.message(tr("Cancelled: nothing drawn"))
            return
        if self.push(choice.command):
            if choice.selection is not None:
                self.selection.set(choice.selection)
            self.message(choice.message)

    def edit_project_properties(self) -> None:
        from desktop.ui.dialogs.project_properties import edit_project_properties  # loaded when opened
        edit_project_properties(self)

    def edit_legend(self) -> None:
        from desktop.ui.dialogs.legend_editor import LegendEditor  # a dialog: loaded when first opened
        dlg = LegendEditor(self.project, self)
        if dlg.exec():
            self.push_group(tr("Edit legend"), dlg.commands())

    # -- tools and what they act with -------------------------------------------------------
    def set_tool(self, name: str) -> None:
        self.actions.tools[name].setChecked(True)
        self.editing.show_tool(name)
        # The point kind is the point tool's; a line keeps its own (an attack direction).
        self.context.observation_kind = self.editing.kind_key() if name == "place_point" else ""
        self.activate_tool(name)

    def activate_tool(self, name: str) -> None:
        cls = TOOLS.get(name)
        if cls is None:
            self.message(tr("The {name} tool is not available yet").format(name=name.replace('_', ' ')))
            return
        self.canvas.set_tool(cls(self.context))
        if cls.help:
            self.message(tool_text(cls.help), 0)

    def set_editing_assessment(self, assessment_id: str | None) -> None:
        self.context.assessment_id = assessment_id
        self.layers.set_editing(assessment_id)
        self.editing.set_assessment(assessment_id)
        self.canvas.set_editing_assessment(assessment_id)

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

    def _tracing_changed(self, on: bool) -> None:
        self.context.tracing = on

    # -- presentation mode ------------------------------------------------------------------
    def set_presentation(self, on: bool) -> None:
        """Open (or close) presentation mode on the map's view and layer choices (F11)."""
        view = self.presentation_view
        if not on:
            if view is not None:
                self.presentation_view = None
                view.close()
            return
        if view is not None:
            return
        from desktop.ui.map.presentation import PresentationView  # loaded when first presented
        view = self.presentation_view = PresentationView(
            self.playback, self.project, base=self.canvas.frame_spec(), bbox=self.canvas.view_bbox())
        view.sigClosed.connect(self._presentation_closed)
        view.start()

    def _presentation_closed(self) -> None:
        self.presentation_view = None
        self.actions.presentation.setChecked(False)  # the view left by Esc: the F11 action follows

    # -- showing and closing ----------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        self.hide_stale_tab_bars()

    def hide_stale_tab_bars(self) -> None:
        """Qt 6 leaves the tab bar of an earlier tab group visible after a third dock joins it
        (seen offscreen and on X11); hide any bar whose tabs another visible bar also shows."""
        bars = [b for b in self.findChildren(QTabBar) if b.parent() is self and b.isVisible()]
        tabs = {b: {b.tabText(i) for i in range(b.count())} for b in bars}
        for b in bars:
            if any(o is not b and tabs[b] < tabs[o] for o in bars):
                b.hide()

    def reset_layout(self) -> None:
        """The panels back where they started, at their first sizes (a dock widened once stayed
        wide in every later session, squeezing the map); the saved layout is forgotten."""
        self.restoreState(self._default_state)
        for dock in (self.layers_dock, self.evidence_dock):
            dock.raise_()
        self._default_dock_sizes()
        settings.forget_layout()
        self.message(tr("Layout reset: panels back where they start"))

    def choose_language(self, language: str) -> None:
        """View ▸ Language: store the choice; the interface changes when Frontline starts again."""
        settings.set_language(language)
        self.actions.languages[language].setChecked(True)
        if language == current_language():
            self.message(tr("The interface is already in this language"))
        else:
            self.message(tr("Language saved: it applies when Frontline starts again"), 0)

    def keep_saved_layout(self) -> None:
        """Closing this window will not overwrite the layout saved for the next session (a
        screenshot run lays the window out at a size of its own)."""
        self.save_layout_on_close = False

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        if self.save_layout_on_close:
            settings.save_layout(self.saveGeometry(), self.saveState())
        self.playback.pause()
        self.cursor.detach()
        team_live.stop(self)
        close_project(self.project)
        super().closeEvent(event)
