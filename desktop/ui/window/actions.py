"""Every QAction of the main window, built in one place with its icon, shortcut and tip.

The window connects them; menus and toolbars only arrange them. Tests trigger them directly.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QWidget

# Our own drawings (resources/icons); `icon` stays importable from here for the docks.
from desktop.ui.widgets.icons import ICON_ACTIVE, ICON_COLOUR, icon  # noqa: F401


@dataclass(frozen=True)
class ToolSpec:
    name: str  # the tool registry key
    label: str
    icon: str
    shortcut: str
    tip: str


# The drawing and editing tools, in toolbar order. Names match desktop/tools' registry.
TOOL_SPECS: tuple[ToolSpec, ...] = (
    ToolSpec("select", "Select", "cursor-default-outline", "S",
             "Select zones: click, Shift-click to add, drag a rubber band"),
    ToolSpec("draw_polygon", "Draw polygon", "vector-polygon", "P",
             "Draw a zone: click vertices; double-click or Enter finishes, Backspace removes the last vertex, Esc cancels"),
    ToolSpec("draw_line", "Draw line", "vector-polyline", "L", "Draw a line observation (an attack direction, a route)"),
    ToolSpec("place_point", "Place point", "map-marker-plus-outline", "O", "Place a point observation"),
    ToolSpec("edit_vertices", "Edit vertices", "vector-point-edit", "V",
             "Move a vertex, click an edge to insert one, Delete removes the one under the pointer"),
    ToolSpec("move_zone", "Move zone", "cursor-move", "M", "Drag a whole zone"),
    ToolSpec("split_zone", "Split zone", "content-cut", "X", "Draw a line across a zone to split it"),
    ToolSpec("reshape", "Reshape border", "vector-curve", "R",
             "Draw a new border from one edge point to another; the zone takes the new line"),
    ToolSpec("measure", "Measure", "ruler", "D", "Measure geodesic distance and area"),
)


def _action(parent: QWidget, text: str, icon_name: str = "", shortcut=None, tip: str = "",
            checkable: bool = False) -> QAction:
    a = QAction(text, parent)
    if icon_name:
        a.setIcon(icon(icon_name))
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
    if tip:
        a.setToolTip(tip)
        a.setStatusTip(tip)
    a.setCheckable(checkable)
    return a


class Actions:
    """The window's actions as attributes (`actions.undo`, `actions.tools["polygon"]`...)."""

    def __init__(self, parent: QWidget) -> None:
        A = _action
        # File
        self.new = A(parent, "&New Project…", "file-plus-outline", QKeySequence.New, "Create a new project file")
        self.open = A(parent, "&Open Project…", "folder-open-outline", QKeySequence.Open, "Open a project file")
        self.save_as = A(parent, "Save &As…", "content-save-outline", QKeySequence.SaveAs,
                         "Write a copy of the project to a new file (edits are already saved as you make them)")
        self.project_properties = A(parent, "Project &Properties…", "information-outline", None,
                                    "Title, subtitle, organisation and licence printed on every map and export")
        self.import_ = A(parent, "&Import…", "import", "Ctrl+I",
                         "Import GeoJSON, KML/KMZ, GeoPackage, Shapefile or CSV into an assessment")
        self.export = A(parent, "&Export…", "export", "Ctrl+E", "Export zones as GeoJSON, KML, GeoPackage or CSV")
        self.add_raster = A(parent, "Add &raster layer…", "layers-plus", None,
                            "Add an MBTiles file or a georeferenced image (world file) as a basemap layer")
        self.add_raster.setObjectName("addRasterAction")
        self.export_image = A(parent, "Export &Map Image…", "image-outline", "Ctrl+Shift+E",
                              "Save the map as on screen, on the timeline date, as PNG, SVG or PDF")
        self.export_replay = A(parent, "Export Replay &Video…", "movie-open-outline", "Ctrl+Shift+R",
                               "Write one frame per step, as in presentation mode, to MP4, GIF or PNG frames")
        self.quit = A(parent, "&Quit", "exit-to-app", QKeySequence.Quit, "Close Frontline")
        # Edit
        self.undo = A(parent, "&Undo", "undo", "Ctrl+Z", "Undo the last edit")
        self.redo = A(parent, "&Redo", "redo", "Ctrl+Shift+Z", "Redo the edit last undone")
        self.delete = A(parent, "&Delete", "delete-outline", QKeySequence.Delete, "Delete the selected zones")
        self.add_assessment = A(parent, "Add &Assessment…", "layers-outline", None,
                                "Add an assessment: a named layer of zones (yours, or another project's)")
        self.legend_editor = A(parent, "&Legend…", "palette-outline", None,
                               "Edit the statuses: key, label, tier, colour, hatch")
        # View
        self.zoom_aoi = A(parent, "Zoom to &Area of Interest", "fit-to-screen-outline", "Ctrl+0",
                          "Show the project's area of interest")
        self.set_aoi = A(parent, "Set Area of Interest from View", "", None,
                         "Make the current view the project's area of interest")
        self.zoom_layer = A(parent, "Zoom to &Layer", "layers-outline", "Ctrl+Shift+0",
                            "Show every zone of the assessment being edited")
        # No shortcut: Ctrl+Shift+S is Save As on Linux and Windows, and an ambiguous key fires neither.
        self.zoom_selection = A(parent, "Zoom to &Selection", "image-filter-center-focus", "Ctrl+J",
                                "Show the selected zones")
        self.reset_layout = A(parent, "&Reset Layout", "", None,
                              "Put the panels back where they start, at their first sizes")
        self.presentation = A(parent, "&Presentation Mode", "presentation-play", "F11",
                              "Full screen replay without editing chrome", checkable=True)
        self.show_changes = A(parent, "Show &Gains and Losses", "swap-horizontal", None,
                              "Highlight what each status gained and lost since the previous step", checkable=True)
        self.find_place = A(parent, "&Find Place…", "map-search-outline", QKeySequence.Find,
                            "Find a town, village or hromada by name (Latin or Cyrillic)")
        self.goto = A(parent, "&Go to Coordinates…", "crosshairs-gps", "Ctrl+G",
                      "Centre the map on typed coordinates: decimal, DMS or MGRS")
        # Help (the help pages are filled in by the sample/help work)
        self.user_guide = A(parent, "&User Guide", "help-circle-outline", QKeySequence.HelpContents)
        self.shortcuts = A(parent, "&Keyboard Shortcuts", "keyboard-outline", None)
        self.about = A(parent, "&About Frontline", "information-outline", None)
        self.open_sample = A(parent, "Open &Sample Project", "map-outline", None,
                             "Open a fresh copy of the Pokrovsk–Myrnohrad sample (the bundled file is never changed)")
        # Tools: one is active at a time.
        self.tool_group = QActionGroup(parent)
        self.tool_group.setExclusive(True)
        self.tools: dict[str, QAction] = {}
        for spec in TOOL_SPECS:
            a = A(parent, spec.label, spec.icon, spec.shortcut, f"{spec.tip} ({spec.shortcut})", checkable=True)
            a.setData(spec.name)
            self.tool_group.addAction(a)
            self.tools[spec.name] = a
        self.tools["select"].setChecked(True)
        # Merge is not a pointer tool: it acts at once on the selection.
        self.merge = A(parent, "Merge Zones", "vector-union", "G",
                       "Merge the selected zones into the first, as of the timeline date (G)")
        self.clip_mode = A(parent, "Clip neighbours", "vector-difference-ab", "C",
                           "Assessed zones never overlap. On: a new or reshaped zone clips its neighbours. "
                           "Off: it is clipped by them (C)", checkable=True)
        self.clip_mode.setChecked(True)
        self.snapping = A(parent, "Snapping", "magnet", "N",
                          "Snap to the vertices and edges of other zones so borders are shared (N)", checkable=True)
        self.snapping.setChecked(True)
        self.tracing = A(parent, "Tracing", "trace", "T",
                         "Between two clicks on a railway, street, river, outline, border or zone edge, "
                         "follow that line (T)", checkable=True)

    def edit_actions(self) -> list[QAction]:
        """Actions that change the project: disabled on a read-only project (undo and redo follow
        the stack, which a read-only project never fills)."""
        tools = [a for name, a in self.tools.items() if name not in ("select", "measure")]
        return [self.delete, self.merge, self.add_assessment, self.import_, self.set_aoi, self.add_raster,
                self.project_properties] + tools
