"""Raster basemap layers in the Layers dock, and the "Add raster layer…" action.

Raster layers are project records (saved with the project), so every change here is a command
the window pushes: show/hide, opacity (one command when the slider is let go), move up/down,
remove. A layer whose file is missing or unreadable keeps its row, with a warning icon and the
reason in the tooltip.
"""
from __future__ import annotations

from desktop.ui.i18n import tr_filter, tr
from desktop.ui.messages import shown
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, QTimer, SignalInstance
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QInputDialog, QLineEdit, QMenu, QSlider, QToolButton,
                               QTreeWidget, QTreeWidgetItem, QWidget)

from desktop.model.edits import EditError
from desktop.model.project import Project
from desktop.model.rasters import (add_raster, move_raster, relocate_raster, remove_raster, rename_raster,
                                   set_raster_opacity, set_raster_visible, stacked)
from desktop.storage.raster_sources import RasterError, raster_bounds, raster_kind, raster_problem

from desktop.ui.widgets.icons import icon
from desktop.ui.widgets.plain_text import tooltip

if TYPE_CHECKING:
    from desktop.ui.window.api import WindowApi

FILE_FILTER = ("Raster basemaps (*.mbtiles *.png *.jpg *.jpeg);;MBTiles (*.mbtiles);;"
               "Georeferenced images with a world file (*.png *.jpg *.jpeg)")


def choose_raster_file(parent: QWidget | None, title: str | None = None, start: str = "") -> str | None:
    """Ask for a raster file (tests replace this function)."""
    path, _ = QFileDialog.getOpenFileName(parent, title or tr("Add raster layer"), start, tr_filter(FILE_FILTER))
    return path or None


def ask_raster_name(parent: QWidget | None, current: str) -> str | None:
    """Ask for a layer's new name (tests replace this function)."""
    name, ok = QInputDialog.getText(parent, tr("Rename raster layer"), tr("Name:"), QLineEdit.Normal, current)
    return name if ok else None


def add_raster_layer(window: "WindowApi", path: str | None = None) -> str | None:
    """Add an MBTiles file or a georeferenced image as a basemap layer; the new layer's id.

    A file that cannot be drawn is refused with the reason, rather than added broken.
    """
    path = path or choose_raster_file(window)
    if not path:
        return None
    kind = raster_kind(path)
    if kind is None:
        window.message(tr("Not a raster basemap: {path} (use .mbtiles, or .png/.jpg with a world file)").format(
            path=path))
        return None
    problem = raster_problem(kind, path)
    if problem:
        window.message(tr("Cannot add the raster layer: {problem}").format(problem=problem))
        return None
    try:
        cmd, rid = add_raster(window.project, kind, path)
    except EditError as e:
        window.message(shown(e))
        return None
    if not window.push(cmd):
        return None
    canvas = window.canvas
    try:  # bring it into view if it is nowhere near what is shown
        x0, y0, x1, y1 = raster_bounds(kind, path)
        v0, w0, v1, w1 = canvas.view_bbox()
        if x1 < v0 or x0 > v1 or y1 < w0 or y0 > w1:
            canvas.set_view_bbox(x0, y0, x1, y1)
    except (RasterError, OSError):
        pass
    if kind == "image":
        from desktop.storage.raster_sources import read_world_file
        wf = read_world_file(path)
        how = tr("from its .prj") if wf.crs_reason == ".prj" else (
            tr("from its .aux.xml") if wf.crs_reason == ".aux.xml" else tr("guessed from the size of its coordinates"))
        window.message(tr("Added {name}: world file read as {crs} ({how})").format(
            name=window.project.rasters[rid].name, crs=wf.crs, how=how))
    return rid


class LayerTree(Protocol):
    """What the raster rows need of the Layers dock that holds them (`LayersPanel`, which
    imports this module: it cannot be named here)."""
    project: Project | None
    tree: QTreeWidget
    sigCommand: SignalInstance  # a Command for the window to push
    sigMessage: SignalInstance

    def add_checkable(self, parent: QTreeWidgetItem, text: str, kind: str, key: str, on: bool) -> QTreeWidgetItem: ...

    def item_for(self, kind: str, key: str) -> QTreeWidgetItem | None: ...


class RasterRows:
    """Builds and updates the raster rows of the layers tree; turns gestures into commands.
    Dialogs and menus open over the dock's tree."""

    def __init__(self, panel: LayerTree) -> None:
        self.panel = panel
        self.sliders: dict[str, QSlider] = {}

    def fill(self, parent: QTreeWidgetItem) -> None:
        self.sliders = {}
        project = self.panel.project
        for layer in reversed(stacked(project)):  # top of the stack first, as in QGIS
            item = self.panel.add_checkable(parent, layer.name, "raster", layer.id, layer.visible)
            self.panel.tree.setItemWidget(item, 1, self._controls(layer))
            self.decorate(item, layer)

    def decorate(self, item: QTreeWidgetItem, layer) -> None:
        problem = raster_problem(layer.kind, layer.path)
        kind = "MBTiles" if layer.kind == "mbtiles" else tr("Image with world file")
        if problem:
            item.setIcon(0, icon("alert"))
            item.setToolTip(0, tooltip(tr("{name} — cannot be shown: {problem}\n{path}\n"
                                          "Right-click ▸ Locate file… if it was moved").format(
                name=layer.name, problem=problem, path=layer.path)))
        else:
            item.setIcon(0, icon("map-outline" if layer.kind == "mbtiles" else "image-outline"))
            item.setToolTip(0, tooltip(tr("{name} ({kind})\n{path}\nRight-click to rename, move or remove").format(
                name=layer.name, kind=kind, path=layer.path)))
        item.setData(0, Qt.UserRole + 2, problem or "")

    def update(self) -> bool:
        """Refresh rows in place after an edit of opacity or visibility; False when rows were
        added, removed or reordered (the caller rebuilds the tree)."""
        project = self.panel.project
        layers = list(reversed(stacked(project)))
        if [r.id for r in layers] != list(self.sliders):
            return False
        for layer in layers:
            item = self.panel.item_for("raster", layer.id)
            if item is None or item.text(0) != layer.name:
                return False
            item.setCheckState(0, Qt.Checked if layer.visible else Qt.Unchecked)
            s = self.sliders[layer.id]
            if not s.isSliderDown():
                s.blockSignals(True)
                s.setValue(round(layer.opacity * 100))
                s.blockSignals(False)
            self.decorate(item, layer)
        return True

    def _controls(self, layer) -> QWidget:
        box = QWidget()
        lay = QHBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        s = QSlider(Qt.Horizontal)
        s.setRange(0, 100)
        s.setValue(round(layer.opacity * 100))
        s.setMaximumWidth(90)
        s.setToolTip(tooltip(tr("Opacity of {layer}").format(layer=layer.name)))
        s.setObjectName(f"opacity:{layer.id}")
        # One undo step per gesture: a drag commits when let go; keys and clicks commit at once.
        s.sliderReleased.connect(lambda rid=layer.id, s=s: self._opacity(rid, s.value()))
        s.valueChanged.connect(lambda v, rid=layer.id, s=s: None if s.isSliderDown() else self._opacity(rid, v))
        self.sliders[layer.id] = s
        rm = QToolButton()
        rm.setIcon(icon("close"))
        rm.setAutoRaise(True)
        rm.setToolTip(tooltip(tr("Remove {name} from the project (the file stays)").format(name=layer.name)))
        rm.setObjectName(f"remove:{layer.id}")
        # Deferred: the push rebuilds the tree, which must not delete the button inside its click.
        rm.clicked.connect(lambda _=False, rid=layer.id: QTimer.singleShot(0, self.panel.tree, lambda: self.remove(rid)))
        lay.addWidget(s)
        lay.addWidget(rm)
        return box

    # -- commands ---------------------------------------------------------------------------
    def _push(self, make, *args) -> None:
        project = self.panel.project
        if project is None or args[0] not in project.rasters:
            return
        try:
            self.panel.sigCommand.emit(make(project, *args))
        except EditError as e:
            self.panel.sigMessage.emit(shown(e))

    def _opacity(self, layer_id: str, value: int) -> None:
        layer = self.panel.project.rasters.get(layer_id) if self.panel.project else None
        if layer is not None and round(layer.opacity * 100) != value:
            self._push(set_raster_opacity, layer_id, value / 100)

    def set_visible(self, layer_id: str, on: bool) -> None:
        self._push(set_raster_visible, layer_id, on)

    def move(self, layer_id: str, steps: int) -> None:
        self._push(move_raster, layer_id, steps)

    def remove(self, layer_id: str) -> None:
        self._push(remove_raster, layer_id)

    def rename(self, layer_id: str) -> None:
        layer = self.panel.project.rasters.get(layer_id) if self.panel.project else None
        if layer is None:
            return
        name = ask_raster_name(self.panel.tree, layer.name)
        if name is not None and name.strip() and name.strip() != layer.name:
            self._push(rename_raster, layer_id, name)

    def locate(self, layer_id: str) -> None:
        """Point a layer whose file moved at its new place; a file that cannot be drawn is
        refused with the reason, as when adding."""
        layer = self.panel.project.rasters.get(layer_id) if self.panel.project else None
        if layer is None:
            return
        # Start where the file was; when that folder is gone too (a project folder copied to
        # another machine), beside the project file, where such folders usually travel.
        storage = getattr(self.panel.project, "storage", None)
        here = Path(layer.path).parent
        start = str(here) if here.is_dir() else str(Path(storage.path).parent) if storage is not None else ""
        path = choose_raster_file(self.panel.tree, tr("Locate the file of {name}").format(name=layer.name), start)
        if not path:
            return
        if raster_kind(path) is None:
            self.panel.sigMessage.emit(
                tr("Not a raster basemap: {path} (use .mbtiles, or .png/.jpg with a world file)").format(path=path))
            return
        problem = raster_problem(layer.kind, path) if raster_kind(path) == layer.kind else None
        if problem:
            self.panel.sigMessage.emit(tr("Cannot use {file} for {name}: {problem}").format(
                file=Path(path).name, name=layer.name, problem=problem))
            return
        self._push(relocate_raster, layer_id, path)  # a file of another kind: the model says why

    def context_menu(self, item: QTreeWidgetItem, global_pos) -> None:
        rid = item.data(0, Qt.UserRole + 1)
        menu = QMenu(self.panel.tree)
        menu.addAction(tr("Rename…"), lambda: self.rename(rid))
        menu.addAction(tr("Locate file…"), lambda: self.locate(rid))
        menu.addSeparator()
        menu.addAction(icon("arrow-up"), tr("Move up"), lambda: self.move(rid, 1))
        menu.addAction(icon("arrow-down"), tr("Move down"), lambda: self.move(rid, -1))
        menu.addSeparator()
        menu.addAction(icon("close"), tr("Remove"), lambda: self.remove(rid))
        menu.exec(global_pos)
