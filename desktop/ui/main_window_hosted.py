"""The window's seams to pieces built elsewhere: the map canvas, the timeline, evidence, presentation.

Each is imported lazily and optionally, so the window opens (with a quiet placeholder) while a
piece is missing, and picks it up once it lands. Everything here is glue: no behaviour of its own.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from .main_window import MainWindow


def _optional(module: str, name: str) -> Any:
    """`module.name`, or None while that module is not written yet (or fails to import)."""
    try:
        return getattr(importlib.import_module(module, __package__), name)
    except ImportError:
        return None


def call(obj: Any, method: str, *args: Any) -> Any:
    """Call `obj.method(*args)` if the hosted piece has that method (it may not, yet)."""
    fn = getattr(obj, method, None)
    return fn(*args) if callable(fn) else None


def placeholder(text: str, parent: QWidget | None = None) -> QWidget:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.PlainText)
    label.setAlignment(Qt.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet("color: #80868b; background: #f8f9fa;")
    return label


# -- map canvas ------------------------------------------------------------------------------
def make_canvas(window: "MainWindow") -> QWidget:
    cls = _optional(".canvas", "MapCanvas")
    if cls is None:
        return placeholder("The map canvas is not available in this build.", window)
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
        dock.visibilityChanged.connect(lambda on: on and call(window.compare, "refresh_if_stale"))
    wire_rasters = _optional(".raster_layers", "wire_window")  # raster layers, marks, observation fading
    if wire_rasters is not None:
        wire_rasters(window)


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
        from .layers_dock import BasemapLayer
        window.layers.set_basemap_layers([l if isinstance(l, BasemapLayer) else BasemapLayer(*l) for l in layers])
    call(window.evidence, "set_project", window.project)
    call(window.evidence, "set_date", window.cursor.date)
    call(window.changes, "set_project", window.project)
    # Panels bound to one project at construction are rebuilt for a new one.
    for attr, dock, make in (("sources", window.sources_dock, make_sources_panel),
                             ("compare", window.compare_dock, make_compare_panel)):
        old = getattr(window, attr)
        if getattr(old, "project", window.project) is not window.project:
            setattr(window, attr, make(window))
            dock.setWidget(getattr(window, attr))
            old.deleteLater()
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
    parts = []
    bar_cls = _optional(".timeline_bar", "TimelineBar")
    if bar_cls is not None:
        bar = bar_cls(cursor, box)
        lay.addWidget(bar)
        parts.append(bar)
        window.addActions(call(bar, "shortcut_actions") or [])
        call(bar, "add_actions", [window.actions.show_changes, window.actions.presentation])
    chart_cls = _optional(".area_chart", "AreaChart")
    if chart_cls is not None:
        chart = chart_cls(cursor, box)
        lay.addWidget(chart, 1)
        parts.append(chart)
    if not parts:
        lay.addWidget(placeholder("The timeline is not available in this build.", box))
    window._timeline_parts = parts
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
    cls = _optional(".evidence_panel", "EvidencePanel")
    if cls is None:
        return placeholder("Quotes that support or contradict the selected zone appear here.", window)
    panel = cls(window)
    _wire_pusher(window, panel)
    return panel


def make_sources_panel(window: "MainWindow") -> QWidget:
    """The sources and quotes list. It is bound to one project, so a new project makes a new one."""
    cls = _optional(".sources_dock", "SourcesPanel")
    if cls is None:
        return placeholder("Sources and their quotes appear here.", window)
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
    cls = _optional(".compare_panel", "ComparePanel")
    if cls is None:
        return placeholder("Comparisons of claims and assessments appear here.", window)
    panel = cls(window.project, None, window)
    _wire_pusher(window, panel)
    call(panel, "set_date", window.cursor.date)
    for sig, method in (("sigShapesChanged", "set_compare_shapes"), ("sigShapeSelected", "show_compare_shape")):
        s = getattr(panel, sig, None)
        if s is not None:
            s.connect(lambda value, m=method: call(window.canvas, m, value))
    return panel


def make_changes_panel(window: "MainWindow") -> QWidget:
    cls = _optional(".changes_panel", "ChangesPanel")
    if cls is None:
        return placeholder("What changed in this step appears here.", window)
    panel = cls(window.cursor, window)
    sig = getattr(panel, "sigZoneSelected", None)
    if sig is not None:
        sig.connect(lambda zid: window.set_selection([zid]))
    return panel


# -- presentation mode -----------------------------------------------------------------------
def set_presentation(window: "MainWindow", on: bool) -> None:
    fn = _optional(".presentation", "set_presentation")
    if fn is not None:
        fn(window, on)
        return
    # Until the presentation view lands: full screen with the editing chrome hidden.
    if on:
        window._chrome = [w for w in window.findChildren(QWidget)
                          if w.parent() is window and w.isVisible() and w is not window.centralWidget()
                          and w is not window.statusBar() and w is not window.timeline_dock]
        for w in window._chrome:
            w.hide()
        window.showFullScreen()
    else:
        for w in getattr(window, "_chrome", []):
            w.show()
        window._chrome = []
        window.showNormal()
