"""The map canvas: a pyqtgraph view box in Web Mercator metres (EPSG:3857) that shows the
project's zones on the timeline's date over the bundled basemap, and drives the editing tools.

The date and the selection are the window's `TimelineCursor` and `Selection`: the canvas reads
them when it paints and repaints when they tell it they changed; it keeps no copy of either.

Painting is delegated to `desktop.render.frame.paint_frame` (one item paints the whole map, see
map_items.py). Mouse and keys are handled here rather than by pyqtgraph's drag machinery, so a
gesture goes to exactly one place: the active tool, or panning when the tool does not want it.
A left drag pans unless the tool claimed the gesture (returned a result or started a draft);
a middle drag always pans; the wheel zooms about the cursor; Up/Down and Shift+arrows pan, +/- zoom
(Left and Right without Shift step the timeline: the window keeps them).
"""
from __future__ import annotations

import math
from typing import Callable

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent

from desktop.ui.i18n import QT_TR_NOOP, tool_text, tr
from desktop.model import timeline as tl
from desktop.model.commands import Command
from desktop.model.cursor import DATE, STEP, TimelineCursor
from desktop.model.project import Project
from desktop.model.selection import Selection
from desktop.render import styles
from desktop.render.cache import drawn_change
from desktop.render.frame import UKRAINE_LONLAT, default_bbox
from desktop.render.projection import MapView
from desktop.model.mercator import R, bbox_to_lonlat, bbox_to_merc, to_lonlat, to_merc
from desktop.render.spec import BASEMAP_GROUPS, Chrome, FrameSpec
from desktop.render.step_frames import previous_frame_date
from desktop.tools.base import NOTHING, PointerEvent, Tool, ToolResult

from desktop.ui.map.map_items import CompareOverlayItem, MapLayerItem, ToolOverlayItem
from desktop.ui.widgets.project_listeners import listen

SNAP_PX = 10.0  # snapping and picking tolerance, screen pixels
CANVAS_CHROME = Chrome(scale_bar=True, attribution=True, scale=1.0)
BASEMAP_LABELS = {"land": QT_TR_NOOP("Land and sea"), "water": QT_TR_NOOP("Rivers and lakes"),
                  "boundaries": QT_TR_NOOP("Borders"), "towns": QT_TR_NOOP("Towns"), "roads": QT_TR_NOOP("Streets"),
                  "railways": QT_TR_NOOP("Railways"), "labels": QT_TR_NOOP("Place names")}
KEYS = {Qt.Key_Return: "Enter", Qt.Key_Enter: "Enter", Qt.Key_Escape: "Escape",
        Qt.Key_Backspace: "Backspace", Qt.Key_Delete: "Delete"}
CURSORS = {"arrow": Qt.ArrowCursor, "cross": Qt.CrossCursor, "hand": Qt.OpenHandCursor,
           "size_all": Qt.SizeAllCursor}
# Tables of which the map draws nothing (see `MapCanvas.shows_change`).
UNSEEN_TABLES = frozenset({"sources", "quotes", "attachments"})
BUTTONS = {Qt.LeftButton: "left", Qt.RightButton: "right", Qt.MiddleButton: "middle"}


class MapCanvas(pg.GraphicsView):
    sigCommand = Signal(object)  # a Command for the window to push
    sigMessage = Signal(str)
    sigOffer = Signal(object)  # a tool's question (tools.base.Offer) for the window to ask
    sigCursorMoved = Signal(float, float)  # lon, lat
    sigScaleChanged = Signal(float)  # scale denominator (1:N)

    def __init__(self, cursor: TimelineCursor, selection: Selection, parent=None) -> None:
        super().__init__(parent, background=styles.LAND)
        self.cursor = cursor
        self.selection = selection
        # Set by the window: applies a tool's command and says whether it was written. Without
        # it (a bare canvas) commands go out as `sigCommand`.
        self.push: Callable[[Command], bool] | None = None
        self.vb = pg.ViewBox(lockAspect=1.0, enableMenu=False, invertY=False)
        self.vb.setMouseEnabled(True, True)
        self.vb.setLimits(xMin=-2.0e7, xMax=2.0e7, yMin=-2.0e7, yMax=2.0e7, minXRange=40.0, maxXRange=1.2e7)
        self.setCentralItem(self.vb)
        self.layer = MapLayerItem(self.frame_spec)
        self.overlay = ToolOverlayItem(lambda: self.tool)
        self.compare = CompareOverlayItem()
        self.vb.addItem(self.layer, ignoreBounds=True)
        self.vb.addItem(self.compare, ignoreBounds=True)
        self.vb.addItem(self.overlay, ignoreBounds=True)
        self.compare.setZValue(5)
        self.compare.setVisible(False)  # until the compare panel shows (set_compare_visible)
        self.overlay.setZValue(10)
        self.project: Project | None = None
        self.tool: Tool | None = None
        self.editing_assessment: str | None = None
        self.hidden_assessments: set[str] = set()
        self.hidden_statuses: set[str] = set()
        self.hidden_basemap: set[str] = set()
        self.basemap_opacity: dict[str, float] = {}
        self.observations_visible = True
        self.observation_keep_steps = 0
        self.show_changes = False
        self.evidence_marks = False
        self._raster_problems: dict[str, str] = {}  # layer id -> problem already reported
        self._press: QPointF | None = None
        self._last: QPointF | None = None
        self._button = ""
        self._mode = ""  # "", "tool" or "pan" for the gesture under way
        self._claimed = False
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.vb.sigRangeChanged.connect(self._range_changed)
        listen(self, cursor, self._on_cursor)
        listen(self, selection, self._on_selection)
        self.zoom_to_bbox_lonlat(*UKRAINE_LONLAT)

    # -- state ------------------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        if self.project is not None and self._on_project_changed in self.project.listeners:
            self.project.listeners.remove(self._on_project_changed)
        self.project = project
        if project is not None:
            project.listeners.append(self._on_project_changed)
            self.set_view_bbox(*default_bbox(project))
        self.compare.set_shapes([])
        self._raster_problems = {}
        # After the window has finished showing the project (its tool hint would hide ours).
        QTimer.singleShot(0, self, self.check_rasters)
        self.refresh()

    def set_tool(self, tool: Tool | None) -> None:
        if self.tool is not None and self.tool is not tool:
            self.tool.cancel()
        self.tool = tool
        self._mode = ""
        self.viewport().setCursor(CURSORS.get(getattr(tool, "cursor", "arrow"), Qt.ArrowCursor))
        self.overlay.update()

    def set_editing_assessment(self, assessment_id: str | None) -> None:
        self.editing_assessment = assessment_id

    def set_show_changes(self, on: bool) -> None:
        self.show_changes = bool(on)
        self.refresh()

    def set_assessment_visible(self, assessment_id: str, on: bool) -> None:
        (self.hidden_assessments.discard if on else self.hidden_assessments.add)(assessment_id)
        self.refresh()

    def set_status_visible(self, key: str, on: bool) -> None:
        (self.hidden_statuses.discard if on else self.hidden_statuses.add)(key)
        self.refresh()

    def set_observations_visible(self, on: bool, keep_steps: int | None = None) -> None:
        self.observations_visible = bool(on)
        if keep_steps is not None:
            self.observation_keep_steps = max(0, int(keep_steps))
        self.refresh()

    def set_basemap_visible(self, name: str, on: bool) -> None:
        (self.hidden_basemap.discard if on else self.hidden_basemap.add)(name)
        self.refresh()

    def set_basemap_opacity(self, name: str, opacity: float) -> None:
        self.basemap_opacity[name] = max(0.0, min(1.0, float(opacity)))
        self.refresh()

    def set_evidence_marks(self, on: bool) -> None:
        """Show or hide the "!" (contradicted) and "?" (no evidence) badges on zones."""
        self.evidence_marks = bool(on)
        self.refresh()

    def set_compare_shapes(self, shapes) -> None:
        """The compare panel's disagreements (CompareShape list), drawn over the zones."""
        self.compare.set_shapes(shapes or [])

    def set_compare_visible(self, on: bool) -> None:
        """Draw the disagreements only while the compare panel is shown."""
        self.compare.setVisible(bool(on))

    def show_compare_shape(self, shape) -> None:
        """Highlight one disagreement and zoom to it; None only clears the highlight."""
        self.compare.highlight(shape)
        if shape is not None:
            self.compare.setVisible(True)
        if shape is not None and not shape.geometry.is_empty:
            w, s, e, n = shape.geometry.bounds
            x0, y0, x1, y1 = bbox_to_merc(w, s, e, n)
            dx, dy = max((x1 - x0) * 0.25, 300.0), max((y1 - y0) * 0.25, 300.0)
            self.set_view_bbox(x0 - dx, y0 - dy, x1 + dx, y1 + dy)

    def check_rasters(self) -> dict[str, str]:
        """layer id -> one-line problem for raster layers that cannot be drawn; a problem not
        reported before goes to the status bar (a missing file is a message, never a crash)."""
        from desktop.storage.raster_sources import raster_problem
        if self.project is None:
            return {}
        problems = {}
        for r in self.project.rasters.values():
            msg = raster_problem(r.kind, r.path)
            if msg:
                problems[r.id] = f"Raster layer \u201c{r.name}\u201d cannot be shown: {msg}"
        fresh = [m for i, m in problems.items() if self._raster_problems.get(i) != m]
        self._raster_problems = problems
        if fresh:
            more = f" (and {len(fresh) - 1} more)" if len(fresh) > 1 else ""
            self.sigMessage.emit(fresh[0] + more)
        return problems

    def basemap_layers(self) -> list[tuple[str, str, bool, float]]:
        """(name, label, visible, opacity) of each basemap layer, for the layers dock."""
        return [(g, tr(BASEMAP_LABELS[g]), g not in self.hidden_basemap, self.basemap_opacity.get(g, 1.0))
                for g in BASEMAP_GROUPS]

    def refresh(self) -> None:
        self.layer.update()
        self.compare.update()
        self.overlay.update()

    def _on_cursor(self, what: str) -> None:
        if what in (DATE, STEP):
            self.refresh()

    def _on_selection(self, ids: tuple[str, ...]) -> None:
        self.refresh()

    def _on_project_changed(self, changes=None) -> None:
        if changes and any(c.table == "rasters" for c in changes):
            self.check_rasters()
        if changes and not self.shows_change(changes):
            return  # e.g. a source or a quote edited: nothing on the map moved, no repaint
        self.refresh()

    def shows_change(self, changes) -> bool:
        """Whether the map shows anything these changes touch. Sources, quotes and attachments
        are never drawn; evidence links only through the evidence marks, when they are on; of
        zones and versions only what `drawn_change` names (not a name, not notes)."""
        unseen = UNSEEN_TABLES if self.evidence_marks else UNSEEN_TABLES | {"evidence"}
        return any(c.table not in unseen and (c.table not in ("zones", "versions")
                                              or drawn_change(c.table, c.before, c.after))
                   for c in changes)

    # -- what is painted ----------------------------------------------------------------------------
    def frame_spec(self) -> FrameSpec | None:
        """The spec the canvas paints (presentation mode and export start from it)."""
        if self.project is None:
            return None
        when, step = self.cursor.date, self.cursor.step
        obs = None
        if self.observations_visible:
            obs = tuple(tl.observations_in_step(self.project, when, step, self.observation_keep_steps))
        # Gains and losses since the previous step, by the rule replay and presentation use.
        previous = previous_frame_date(self.project, when, step) if self.show_changes else None
        visible = None
        if self.hidden_assessments:
            visible = frozenset(a for a in self.project.assessments if a not in self.hidden_assessments)
        return FrameSpec(
            project=self.project, when=when, bbox=self.view_bbox(), assessments=visible,
            hidden_statuses=frozenset(self.hidden_statuses), previous=previous,
            selection=frozenset(self.selection), observations=obs, hidden_basemap=frozenset(self.hidden_basemap),
            basemap_layer_opacity=tuple(sorted(self.basemap_opacity.items())), chrome=CANVAS_CHROME,
            evidence_marks=self.evidence_marks)

    # -- view ---------------------------------------------------------------------------------------
    def view_bbox(self) -> tuple[float, float, float, float]:
        r = self.vb.viewRect()
        return r.left(), r.top(), r.right(), r.bottom()

    def view_bbox_lonlat(self) -> tuple[float, float, float, float]:
        return bbox_to_lonlat(*self.view_bbox())

    def set_view_bbox(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """Show this box of map metres (EPSG:3857), fitted to the view's aspect."""
        self.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.0)

    def zoom_to_bbox_lonlat(self, w, s=None, e=None, n=None) -> None:
        if s is None:  # one tuple (as dialogs_goto passes it)
            w, s, e, n = w
        x0, y0, x1, y1 = bbox_to_merc(w, s, e, n)
        if x1 - x0 < 100 and y1 - y0 < 100:  # a point: show a few hundred metres around it
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            x0, y0, x1, y1 = cx - 500, cy - 500, cx + 500, cy + 500
        self.set_view_bbox(x0, y0, x1, y1)

    def zoom_by(self, factor: float, center: tuple[float, float] | None = None) -> None:
        """Zoom in (factor < 1) or out (> 1) about `center` (map metres; default the view centre)."""
        self.vb.scaleBy((factor, factor), center=pg.Point(*center) if center else None)

    def pan_by_fraction(self, fx: float, fy: float) -> None:
        x0, y0, x1, y1 = self.view_bbox()
        self.vb.translateBy(x=(x1 - x0) * fx, y=(y1 - y0) * fy)

    def map_view(self) -> MapView:
        return MapView(self.view_bbox(), max(1, self.viewport().width()), max(1, self.viewport().height()))

    def scale_denominator(self) -> float:
        return self.map_view().scale_denominator()

    def _range_changed(self, *_args) -> None:
        self.sigScaleChanged.emit(float(self.scale_denominator()))

    # -- coordinates ----------------------------------------------------------------------------------
    def widget_to_merc(self, pos: QPointF) -> tuple[float, float]:
        p = self.vb.mapSceneToView(self.mapToScene(pos.toPoint()))
        return float(p.x()), float(p.y())

    def merc_to_widget(self, x: float, y: float) -> QPointF:
        return QPointF(self.mapFromScene(self.vb.mapViewToScene(pg.Point(x, y))))

    def lonlat_to_widget(self, lon: float, lat: float) -> QPointF:
        return self.merc_to_widget(*to_merc(lon, lat))

    def tolerance_degrees(self, lat: float) -> float:
        """SNAP_PX screen pixels in degrees near latitude `lat`.

        Mercator keeps angles: a pixel spans `res/R` radians of longitude and `cos(lat)` times
        that of latitude. Tools measure in plain degrees, so take the mean of the two.
        """
        res = self.map_view().resolution
        dlon = math.degrees(SNAP_PX * res / R)
        return dlon * (1 + math.cos(math.radians(lat))) / 2

    def pick(self, lon: float, lat: float, tolerance: float | None = None) -> str | None:
        """The id of the topmost visible zone under (lon, lat), or within `tolerance` degrees."""
        if self.project is None:
            return None
        from desktop.tools.index import zone_index
        tol = self.tolerance_degrees(lat) if tolerance is None else tolerance
        index = zone_index(self.project, self.cursor.date, frozenset(self.hidden_assessments))
        v = index.pick(lon, lat, tol)
        return v.zone_id if v is not None else None

    def _pointer(self, ev: QMouseEvent, button: str | None = None) -> PointerEvent:
        lon, lat = to_lonlat(*self.widget_to_merc(ev.position()))
        m = ev.modifiers()
        return PointerEvent(lon, lat, self.tolerance_degrees(lat), shift=bool(m & Qt.ShiftModifier),
                            ctrl=bool(m & Qt.ControlModifier), alt=bool(m & Qt.AltModifier),
                            button=button or BUTTONS.get(ev.button(), "left"))

    # -- tool results ------------------------------------------------------------------------------------
    def _handle(self, res: ToolResult) -> bool:
        """Act on a tool's answer; True when it said anything (the gesture is the tool's)."""
        pushed = True
        if res.command is not None and res.command:
            if self.push is not None:
                pushed = self.push(res.command)
            else:
                self.sigCommand.emit(res.command)
        if not pushed:  # refused or not written: the window said why; "Zone 10 drawn" would lie
            self.overlay.update()
            return True
        if res.offer is not None:
            self.sigOffer.emit(res.offer)
        if res.selection is not None:
            self.selection.set(res.selection)  # its listeners (this canvas too) repaint
        if res.message:
            self.sigMessage.emit(tool_text(res.message))
        self.overlay.update()
        return res != NOTHING

    def _tool_wants(self, res: ToolResult) -> bool:
        return self._handle(res) or (self.tool is not None and self.tool.draft is not None)

    # -- mouse --------------------------------------------------------------------------------------------
    def mousePressEvent(self, ev: QMouseEvent) -> None:
        self.setFocus(Qt.MouseFocusReason)
        button = BUTTONS.get(ev.button(), "")
        self._press = self._last = ev.position()
        self._button, self._mode, self._claimed = button, "", False
        if button == "middle":
            self._mode = "pan"
        elif self.tool is not None and button:
            self._claimed = self._tool_wants(self.tool.press(self._pointer(ev, button)))
        ev.accept()

    def mouseMoveEvent(self, ev: QMouseEvent) -> None:
        pos = ev.position()
        lon, lat = to_lonlat(*self.widget_to_merc(pos))
        self.sigCursorMoved.emit(lon, lat)
        if self._mode != "pan" and self.tool is not None:
            self._claimed = self._tool_wants(self.tool.move(self._pointer(ev, self._button or "left"))) \
                or self._claimed
        if self._press is not None and self._button in ("left", "middle") and not self._mode:
            d = pos - self._press
            # Wait past the tools' own click tolerance before deciding that a drag is a pan.
            if max(abs(d.x()), abs(d.y())) > SNAP_PX + 1:
                self._mode = "tool" if self._claimed else "pan"
        if self._mode == "pan" and self._last is not None:
            x0, y0 = self.widget_to_merc(self._last)
            x1, y1 = self.widget_to_merc(pos)
            self.vb.translateBy(x=x0 - x1, y=y0 - y1)
        if self._mode or self._press is None:
            self._last = pos  # while undecided it stays at the press: the pan catches up at once
        ev.accept()

    def mouseReleaseEvent(self, ev: QMouseEvent) -> None:
        button = BUTTONS.get(ev.button(), "")
        if self._mode == "pan" and self._last is not None and ev.position() != self._last:
            x0, y0 = self.widget_to_merc(self._last)
            x1, y1 = self.widget_to_merc(ev.position())
            self.vb.translateBy(x=x0 - x1, y=y0 - y1)
        if self.tool is not None and button and button != "middle":
            self._handle(self.tool.release(self._pointer(ev, button)))
        self._press = self._last = None
        self._button, self._mode, self._claimed = "", "", False
        ev.accept()

    def mouseDoubleClickEvent(self, ev: QMouseEvent) -> None:
        button = BUTTONS.get(ev.button(), "")
        if self.tool is not None and button:
            self._handle(self.tool.double_click(self._pointer(ev, button)))
        ev.accept()

    def leaveEvent(self, ev) -> None:
        if self.tool is not None and self.tool.snap_point is not None:
            self.tool.snap_point = None
            self.overlay.update()
        super().leaveEvent(ev)

    # -- keyboard ---------------------------------------------------------------------------------------
    def keyPressEvent(self, ev: QKeyEvent) -> None:
        key = ev.key()
        name = KEYS.get(key)
        if name and self.tool is not None:
            self._handle(self.tool.key(name))
            ev.accept()
            return
        pans = {Qt.Key_Left: (-0.2, 0), Qt.Key_Right: (0.2, 0), Qt.Key_Up: (0, 0.2), Qt.Key_Down: (0, -0.2)}
        if key in pans:
            self.pan_by_fraction(*pans[key])
        elif key in (Qt.Key_Plus, Qt.Key_Equal):
            self.zoom_by(1 / 1.5)
        elif key in (Qt.Key_Minus, Qt.Key_Underscore):
            self.zoom_by(1.5)
        else:
            super().keyPressEvent(ev)
            return
        ev.accept()
