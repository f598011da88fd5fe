"""Every QAction of the main window, built in one place with its icon, shortcut and tip.

The window connects them; menus and toolbars only arrange them. Tests trigger them directly.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QWidget

# Our own drawings (resources/icons); `icon` stays importable from here for the docks.
from desktop.ui.i18n import LANGUAGES, QT_TR_NOOP, tr
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
    ToolSpec("select", QT_TR_NOOP("Select"), "cursor-default-outline", "S",
             QT_TR_NOOP("Select zones: click, Shift-click to add, drag a rubber band")),
    ToolSpec("draw_polygon", QT_TR_NOOP("Draw polygon"), "vector-polygon", "P",
             QT_TR_NOOP("Draw a zone: click vertices; double-click or Enter finishes, Backspace removes the "
                        "last vertex, Esc cancels")),
    ToolSpec("draw_line", QT_TR_NOOP("Draw line"), "vector-polyline", "L",
             QT_TR_NOOP("Draw a line observation (an attack direction, a route)")),
    ToolSpec("place_point", QT_TR_NOOP("Place point"), "map-marker-plus-outline", "O",
             QT_TR_NOOP("Place a point observation")),
    ToolSpec("edit_vertices", QT_TR_NOOP("Edit vertices"), "vector-point-edit", "V",
             QT_TR_NOOP("Move a vertex, click an edge to insert one, Delete removes the one under the pointer")),
    ToolSpec("move_zone", QT_TR_NOOP("Move zone"), "cursor-move", "M", QT_TR_NOOP("Drag a whole zone")),
    ToolSpec("split_zone", QT_TR_NOOP("Split zone"), "content-cut", "X",
             QT_TR_NOOP("Draw a line across a zone to split it")),
    ToolSpec("reshape", QT_TR_NOOP("Reshape border"), "vector-curve", "R",
             QT_TR_NOOP("Draw a new border from one edge point to another; the zone takes the new line")),
    ToolSpec("measure", QT_TR_NOOP("Measure"), "ruler", "D", QT_TR_NOOP("Measure geodesic distance and area")),
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
        self.new = A(parent, tr("&New Project…"), "file-plus-outline", QKeySequence.New, tr("Create a new project file"))
        self.open = A(parent, tr("&Open Project…"), "folder-open-outline", QKeySequence.Open, tr("Open a project file"))
        self.save_as = A(parent, tr("Save &As…"), "content-save-outline", QKeySequence.SaveAs,
                         tr("Write a copy of the project to a new file (edits are already saved as you make them)"))
        self.project_properties = A(parent, tr("Project &Properties…"), "information-outline", None,
                                    tr("Title, subtitle, organisation and licence printed on every map and export"))
        self.import_ = A(parent, tr("&Import…"), "import", "Ctrl+I",
                         tr("Import GeoJSON, KML/KMZ, GeoPackage, Shapefile or CSV into an assessment"))
        self.export = A(parent, tr("&Export…"), "export", "Ctrl+E", tr("Export zones as GeoJSON, KML, GeoPackage or CSV"))
        self.add_raster = A(parent, tr("Add &raster layer…"), "layers-plus", None,
                            tr("Add an MBTiles file or a georeferenced image (world file) as a basemap layer"))
        self.add_raster.setObjectName("addRasterAction")
        self.export_image = A(parent, tr("Export &Map Image…"), "image-outline", "Ctrl+Shift+E",
                              tr("Save the map as on screen, on the timeline date, as PNG, SVG or PDF"))
        self.export_replay = A(parent, tr("Export Replay &Video…"), "movie-open-outline", "Ctrl+Shift+R",
                               tr("Write one frame per step, as in presentation mode, to MP4, GIF or PNG frames"))
        self.quit = A(parent, tr("&Quit"), "exit-to-app", QKeySequence.Quit, tr("Close Frontline"))
        # Edit
        self.undo = A(parent, tr("&Undo"), "undo", "Ctrl+Z", tr("Undo the last edit"))
        self.redo = A(parent, tr("&Redo"), "redo", "Ctrl+Shift+Z", tr("Redo the edit last undone"))
        self.delete = A(parent, tr("&Delete"), "delete-outline", QKeySequence.Delete, tr("Delete the selected zones"))
        self.add_assessment = A(parent, tr("Add &Assessment…"), "layers-outline", None,
                                tr("Add an assessment: a named layer of zones (yours, or another project's)"))
        self.legend_editor = A(parent, tr("&Legend…"), "palette-outline", None,
                               tr("Edit the statuses: key, label, tier, colour, hatch"))
        # View
        self.zoom_aoi = A(parent, tr("Zoom to &Area of Interest"), "fit-to-screen-outline", "Ctrl+0",
                          tr("Show the project's area of interest"))
        self.set_aoi = A(parent, tr("Set Area of Interest from View"), "", None,
                         tr("Make the current view the project's area of interest"))
        self.zoom_layer = A(parent, tr("Zoom to &Layer"), "layers-outline", "Ctrl+Shift+0",
                            tr("Show every zone of the assessment being edited"))
        # No shortcut: Ctrl+Shift+S is Save As on Linux and Windows, and an ambiguous key fires neither.
        self.zoom_selection = A(parent, tr("Zoom to &Selection"), "image-filter-center-focus", "Ctrl+J",
                                tr("Show the selected zones"))
        self.reset_layout = A(parent, tr("&Reset Layout"), "", None,
                              tr("Put the panels back where they start, at their first sizes"))
        self.presentation = A(parent, tr("&Presentation Mode"), "presentation-play", "F11",
                              tr("Full screen replay without editing chrome"), checkable=True)
        self.show_changes = A(parent, tr("Show &Gains and Losses"), "swap-horizontal", None,
                              tr("Highlight what each status gained and lost since the previous step"), checkable=True)
        self.find_place = A(parent, tr("&Find Place…"), "map-search-outline", QKeySequence.Find,
                            tr("Find a town, village or hromada by name (Latin or Cyrillic)"))
        self.goto = A(parent, tr("&Go to Coordinates…"), "crosshairs-gps", "Ctrl+G",
                      tr("Centre the map on typed coordinates: decimal, DMS or MGRS"))
        # Help (the help pages are filled in by the sample/help work)
        self.user_guide = A(parent, tr("&User Guide"), "help-circle-outline", QKeySequence.HelpContents)
        self.shortcuts = A(parent, tr("&Keyboard Shortcuts"), "keyboard-outline", None)
        self.about = A(parent, tr("&About Frontline"), "information-outline", None)
        self.open_sample = A(parent, tr("Open &Sample Project"), "map-outline", None,
                             tr("Open a fresh copy of the Pokrovsk–Myrnohrad sample (the bundled file is never changed)"))
        # View ▸ Language: the interface's language, from the next start (stored in the settings).
        self.language_group = QActionGroup(parent)
        self.language_group.setExclusive(True)
        self.languages: dict[str, QAction] = {}
        for code, name in LANGUAGES:  # each language's own name, untranslated
            a = A(parent, name, "", None, tr("The interface's language (applies when Frontline starts again)"),
                  checkable=True)
            a.setData(code)
            self.language_group.addAction(a)
            self.languages[code] = a
        # Tools: one is active at a time.
        self.tool_group = QActionGroup(parent)
        self.tool_group.setExclusive(True)
        self.tools: dict[str, QAction] = {}
        for spec in TOOL_SPECS:
            a = A(parent, tr(spec.label), spec.icon, spec.shortcut, f"{tr(spec.tip)} ({spec.shortcut})", checkable=True)
            a.setData(spec.name)
            self.tool_group.addAction(a)
            self.tools[spec.name] = a
        self.tools["select"].setChecked(True)
        # Merge is not a pointer tool: it acts at once on the selection.
        self.merge = A(parent, tr("Merge Zones"), "vector-union", "G",
                       tr("Merge the selected zones into the first, as of the timeline date (G)"))
        self.clip_mode = A(parent, tr("Clip neighbours"), "vector-difference-ab", "C",
                           tr("Assessed zones never overlap. On: a new or reshaped zone clips its neighbours. "
                           "Off: it is clipped by them (C)"), checkable=True)
        self.clip_mode.setChecked(True)
        self.snapping = A(parent, tr("Snapping"), "magnet", "N",
                          tr("Snap to the vertices and edges of other zones so borders are shared (N)"), checkable=True)
        self.snapping.setChecked(True)
        self.tracing = A(parent, tr("Tracing"), "trace", "T",
                         tr("Between two clicks on a railway, street, river, outline, border or zone edge, "
                         "follow that line (T)"), checkable=True)

    def edit_actions(self) -> list[QAction]:
        """Actions that change the project: disabled on a read-only project (undo and redo follow
        the stack, which a read-only project never fills)."""
        tools = [a for name, a in self.tools.items() if name not in ("select", "measure")]
        return [self.delete, self.merge, self.add_assessment, self.import_, self.set_aoi, self.add_raster,
                self.project_properties] + tools
