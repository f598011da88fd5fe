"""The window's seams to pieces built elsewhere: the map canvas, the timeline, evidence, presentation.

Each is imported when the window builds it (heavy modules stay out of start-up). Everything here
is glue: no behaviour of its own.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

if TYPE_CHECKING:
    from desktop.ui.window.main_window import MainWindow


def _hosted(module: str, name: str) -> Any:
    """`module.name` of a hosted piece, imported when the window needs it (keeps start-up lean).

    A piece that fails to import fails loudly: a quiet placeholder would hide a broken module
    behind skipped tests."""
    return getattr(importlib.import_module(module, __package__), name)


def call(obj: Any, method: str, *args: Any) -> Any:
    """Call `obj.method(*args)` if the hosted piece has that method (it may not, yet)."""
    fn = getattr(obj, method, None)
    return fn(*args) if callable(fn) else None


# -- map canvas ------------------------------------------------------------------------------
def make_canvas(window: "MainWindow") -> QWidget:
    cls = _hosted("desktop.ui.map.canvas", "MapCanvas")
    return cls(window)


def connect_canvas(window: "MainWindow", canvas: QWidget) -> None:
    def connect(signal: str, slot) -> None:
        sig = getattr(canvas, signal, None)
        if sig is not None:
            sig.connect(slot)
    connect("sigCommand", window.push)
    connect("sigSelectionChanged", lambda ids: window.set_selection(ids, from_canvas=True))
    connect("sigMessage", window.message)
    connect("sigCursorMoved", window.status.set_position)
    connect("sigScaleChanged", window.status.set_scale)
    window.cursor.sigStepChanged.connect(lambda step: call(canvas, "set_step", step))
    call(canvas, "set_step", window.cursor.step)
    window._key_router = CanvasKeys(canvas)
    canvas.installEventFilter(window._key_router)
    dock = getattr(window, "compare_dock", None)
    if dock is not None:  # disagreements are drawn while the compare panel is on screen
        dock.visibilityChanged.connect(lambda on: call(canvas, "set_compare_visible", on))
        dock.visibilityChanged.connect(lambda on: on and call(window.built_panel("compare"), "refresh_if_stale"))
    _hosted("desktop.ui.map.raster_layers", "wire_window")(window)  # raster layers, marks, observation fading


class CanvasKeys(QObject):
    """Keys the focused map keeps from the window's shortcuts. Left and Right always step the
    timeline (the analyst's rhythm: week by week, wherever the focus is); on the map Up and
    Down pan, Shift+arrows pan in every direction and +/- zoom. While a drawing or editing tool
    is active Enter, Escape, Backspace and Delete go to the tool (with the Select tool, Delete
    is the window's "delete the selected zones")."""

    VIEW_KEYS = {Qt.Key_Up, Qt.Key_Down, Qt.Key_Plus, Qt.Key_Minus, Qt.Key_Equal}
    SHIFT_VIEW_KEYS = {Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down}
    TOOL_KEYS = {Qt.Key_Return, Qt.Key_Enter, Qt.Key_Escape, Qt.Key_Backspace, Qt.Key_Delete}

    def __init__(self, canvas: QWidget) -> None:
        super().__init__(canvas)
        self.canvas = canvas

    def eventFilter(self, obj, event) -> bool:  # Qt override
        if (event.type() == QEvent.ShortcutOverride and event.modifiers() == Qt.ShiftModifier
                and event.key() in self.SHIFT_VIEW_KEYS):
            event.accept()
            return True
        if event.type() == QEvent.ShortcutOverride and event.modifiers() in (Qt.NoModifier, Qt.KeypadModifier):
            tool = getattr(self.canvas, "tool", None)
            if event.key() in self.VIEW_KEYS or (
                    event.key() in self.TOOL_KEYS and tool is not None and getattr(tool, "name", "") != "select"):
                event.accept()  # the canvas's keyPressEvent gets the key, not a window shortcut
                return True
        return False


def activate_tool(window: "MainWindow", name: str) -> None:
    from desktop.tools import TOOLS
    cls = TOOLS.get(name)
    if cls is None:
        window.message(f"The {name.replace('_', ' ')} tool is not available yet")
        return
    call(window.canvas, "set_tool", cls(window.context))
    if getattr(cls, "help", ""):
        window.message(cls.help, 0)


def connect_layers(canvas: QWidget, layers: Any) -> None:
    """Visibility and opacity from the Layers dock go straight to the canvas, if it takes them."""
    layers.sigAssessmentVisible.connect(lambda aid, on: call(canvas, "set_assessment_visible", aid, on))
    layers.sigStatusVisible.connect(lambda key, on: call(canvas, "set_status_visible", key, on))
    layers.sigObservationsVisible.connect(lambda on: call(canvas, "set_observations_visible", on))
    layers.sigBasemapVisible.connect(lambda name, on: call(canvas, "set_basemap_visible", name, on))
    layers.sigBasemapOpacity.connect(lambda name, op: call(canvas, "set_basemap_opacity", name, op))


def project_changed(window: "MainWindow") -> None:
    """Tell every hosted piece about a newly shown project."""
    canvas = window.canvas
    call(canvas, "set_project", window.project)
    call(canvas, "set_date", window.cursor.date)
    call(canvas, "set_selection", [])
    call(canvas, "set_editing_assessment", window.context.assessment_id)
    layers = call(canvas, "basemap_layers")
    if layers:
        from desktop.ui.map.layers_dock import BasemapLayer
        window.layers.set_basemap_layers([l if isinstance(l, BasemapLayer) else BasemapLayer(*l) for l in layers])
    call(window.evidence, "set_project", window.project)
    call(window.evidence, "set_date", window.cursor.date)
    call(window.built_panel("changes"), "set_project", window.project)
    # Panels bound to one project at construction are made anew for a new one.
    for attr in ("sources", "compare"):
        old = window.built_panel(attr)
        if old is not None and getattr(old, "project", window.project) is not window.project:
            window.drop_panel(attr)
    for child in getattr(window, "_timeline_parts", []):
        call(child, "set_project", window.project)
    checked = window.actions.tool_group.checkedAction()
    activate_tool(window, checked.data() if checked else "select")


# -- timeline (bar + chart) ------------------------------------------------------------------
def make_timeline(window: "MainWindow", cursor: Any) -> QWidget:
    box = QWidget(window)
    lay = QVBoxLayout(box)
    lay.setContentsMargins(4, 2, 4, 2)
    lay.setSpacing(2)
    bar = _hosted("desktop.ui.timeline.bar", "TimelineBar")(cursor, box)
    lay.addWidget(bar)
    window.addActions(bar.shortcut_actions())
    call(bar, "add_actions", [window.actions.show_changes, window.actions.presentation])
    chart = _hosted("desktop.ui.timeline.area_chart", "AreaChart")(cursor, box)
    lay.addWidget(chart, 1)
    window._timeline_parts = [bar, chart]
    return box


# -- evidence --------------------------------------------------------------------------------
def _wire_pusher(window: "MainWindow", panel: QWidget) -> None:
    """Evidence widgets get no stack: their commands come to `window.push` (which refuses
    edits on a read-only project with a message) and their messages go to the status bar."""
    for sig, slot in (("sigCommand", window.push), ("sigMessage", window.message)):
        s = getattr(panel, sig, None)
        if s is not None:
            s.connect(slot)


def make_evidence_panel(window: "MainWindow") -> QWidget:
    cls = _hosted("desktop.ui.evidence.panel", "EvidencePanel")
    panel = cls(window)
    _wire_pusher(window, panel)
    return panel


def make_sources_panel(window: "MainWindow") -> QWidget:
    """The sources and quotes list. It is bound to one project, so a new project makes a new one."""
    cls = _hosted("desktop.ui.evidence.sources_dock", "SourcesPanel")
    panel = cls(window.project, None, window)
    # Its splitter asks for ~285 px; tabbed with History under the Layers dock that took the
    # Layers tree's room at 1280x800. The analyst can still drag the dock taller.
    panel.setMinimumHeight(120)
    _wire_pusher(window, panel)
    sig = getattr(panel, "sigQuoteSelected", None)
    if sig is not None:
        sig.connect(lambda qid: call(window.evidence, "set_current_quote", qid))
    return panel


def make_compare_panel(window: "MainWindow") -> QWidget:
    """Claims against the assessment, or two assessments: listed here, drawn by the canvas."""
    cls = _hosted("desktop.ui.compare.panel", "ComparePanel")
    panel = cls(window.project, None, window)
    _wire_pusher(window, panel)
    call(panel, "set_date", window.cursor.date)
    for sig, method in (("sigShapesChanged", "set_compare_shapes"), ("sigShapeSelected", "show_compare_shape")):
        s = getattr(panel, sig, None)
        if s is not None:
            s.connect(lambda value, m=method: call(window.canvas, m, value))
    return panel


def make_changes_panel(window: "MainWindow") -> QWidget:
    cls = _hosted("desktop.ui.timeline.changes_panel", "ChangesPanel")
    panel = cls(window.cursor, window)
    sig = getattr(panel, "sigZoneSelected", None)
    if sig is not None:
        sig.connect(lambda zid: window.set_selection([zid]))
    return panel


# Panels the window makes the first time they are shown (see MainWindow._lazy_dock).
LAZY_PANELS = {"sources": make_sources_panel, "changes": make_changes_panel, "compare": make_compare_panel}


# -- presentation mode -----------------------------------------------------------------------
def set_presentation(window: "MainWindow", on: bool) -> None:
    _hosted("desktop.ui.map.presentation", "set_presentation")(window, on)