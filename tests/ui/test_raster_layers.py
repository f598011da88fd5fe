"""Raster basemap layers in the main window: "Add raster layer…", the Layers dock rows
(visibility, opacity, order, remove) as undoable commands, a missing file flagged without a
crash, saved with the project; and the dock's "keep observations visible for N steps"."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QSpinBox, QToolButton
from shapely.geometry import Point

from desktop.model.entities import Observation
from desktop.model.rasters import set_raster_opacity
from desktop.model.record_commands import add_observation
from desktop.model.mercator import to_merc
from desktop.storage.project.projectfile import close_project, open_project
from desktop.storage.raster_sources import WORLD_HALF
from desktop.ui.map import raster_layers
from desktop.ui.window.main_window import MainWindow

from render.helpers import rgb
from render.test_raster_files import POKROVSK, make_georef_png, make_mbtiles, tile_colour

from .test_main_window import make_file


@pytest.fixture
def window(qtbot, tmp_path):
    path, _ = make_file(tmp_path)
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    QApplication.processEvents()
    yield w
    if w.project.storage is not None:
        close_project(w.project)


@pytest.fixture(scope="module")
def tiles(tmp_path_factory):
    return make_mbtiles(tmp_path_factory.mktemp("mb") / "tiles.mbtiles", zooms=(10, 11, 12, 13), radius=4)


def add_via_menu(w, monkeypatch, path) -> str:
    monkeypatch.setattr(raster_layers, "choose_raster_file", lambda parent: str(path))
    before = set(w.project.rasters)
    assert w.actions.add_raster in w.menus["file"].actions()
    w.actions.add_raster.trigger()
    added = set(w.project.rasters) - before
    assert len(added) == 1
    return added.pop()


def test_add_show_on_the_canvas_and_in_the_dock(window, monkeypatch, tiles):
    w = window
    rid = add_via_menu(w, monkeypatch, tiles)
    layer = w.project.rasters[rid]
    assert (layer.kind, layer.name, layer.visible, layer.opacity) == ("mbtiles", "tiles", True, 1.0)
    assert w.stack.labels()[-1] == "Add raster tiles"
    item = w.layers.item_for("raster", rid)
    assert item is not None and item.checkState(0) == Qt.Checked and item.data(0, Qt.UserRole + 2) == ""
    # The canvas draws it: a grid of points over the view shows, mostly, the colour of the tile
    # (at the canvas's tile zoom) that holds each point; streets and labels cover a few.
    w.canvas.zoom_to_bbox_lonlat(37.15, 48.28, 37.21, 48.31)  # inside Pokrovsk: over the town fill too
    QApplication.processEvents()
    from desktop.render.raster import _source, tile_zoom
    z = tile_zoom(_source(layer.path), w.canvas.map_view().resolution)
    img = rgb(w.canvas.grab().toImage())
    h, wd = img.shape[:2]
    hits = total = 0
    for i in range(1, 10):
        for j in range(1, 10):
            px, py = wd * i / 10, h * 0.6 * j / 10  # the top 60%: the test zone is lower down
            mx, my = w.canvas.widget_to_merc(QPointF(px, py))
            n = 1 << z
            x = int((mx + WORLD_HALF) / (2 * WORLD_HALF) * n)
            y = int((WORLD_HALF - my) / (2 * WORLD_HALF) * n)
            total += 1
            hits += "#%02x%02x%02x" % tuple(img[int(py), int(px)]) == tile_colour(z, x, y)
    assert hits >= 0.8 * total


def test_opacity_visibility_order_and_remove_are_undoable(window, monkeypatch, tiles, tmp_path, qtbot):
    w = window
    a = add_via_menu(w, monkeypatch, tiles)
    cx, cy = to_merc(*POKROVSK)
    img = make_georef_png(tmp_path / "scan.png", (cx - 3000, cy - 3000, cx + 3000, cy + 3000))
    b = raster_layers.add_raster_layer(w, str(img))
    assert "EPSG:3857" in w.status.currentMessage() and "guessed" in w.status.currentMessage()
    lay = w.layers
    top = lay.tree.topLevelItem([lay.tree.topLevelItem(i).text(0) for i in range(lay.tree.topLevelItemCount())]
                                .index("Raster basemaps"))
    assert [top.child(i).text(0) for i in range(top.childCount())] == ["scan", "tiles"]  # top of the stack first
    slider = lay.rasters.sliders[a]
    slider.setValue(40)  # a click or a key: one command at once
    assert w.project.rasters[a].opacity == pytest.approx(0.4)
    n = len(w.stack.labels())
    slider.setSliderDown(True)  # a drag: nothing until it is let go, then one command
    for v in (35, 30, 25):
        slider.setValue(v)
    assert w.project.rasters[a].opacity == pytest.approx(0.4)
    slider.setSliderDown(False)
    assert w.project.rasters[a].opacity == pytest.approx(0.25) and len(w.stack.labels()) == n + 1
    w.actions.undo.trigger()
    assert lay.rasters.sliders[a] is slider and slider.value() == 40  # updated in place, not rebuilt
    lay.item_for("raster", b).setCheckState(0, Qt.Unchecked)
    assert w.project.rasters[b].visible is False
    w.actions.undo.trigger()
    assert w.project.rasters[b].visible and lay.item_for("raster", b).checkState(0) == Qt.Checked
    lay.rasters.move(b, -1)  # the context menu's "Move down"
    top = lay.item_for("raster", a).parent()
    assert [top.child(i).text(0) for i in range(top.childCount())] == ["tiles", "scan"]
    assert w.project.rasters[b].order < w.project.rasters[a].order
    remove = lay.tree.findChild(QToolButton, f"remove:{b}")
    remove.click()
    qtbot.waitUntil(lambda: b not in w.project.rasters)
    assert lay.item_for("raster", b) is None
    w.actions.undo.trigger()
    assert b in w.project.rasters and lay.item_for("raster", b) is not None


def test_files_that_cannot_be_drawn_are_refused_with_the_reason(window, monkeypatch, tmp_path):
    w = window
    lonely = tmp_path / "lonely.png"
    make_georef_png(lonely, (0, 0, 1, 1)).with_suffix(".pgw").unlink()
    monkeypatch.setattr(raster_layers, "choose_raster_file", lambda parent: str(lonely))
    w.actions.add_raster.trigger()
    assert not w.project.rasters and "no world file" in w.status.currentMessage()
    monkeypatch.setattr(raster_layers, "choose_raster_file", lambda parent: str(tmp_path / "notes.txt"))
    w.actions.add_raster.trigger()
    assert not w.project.rasters and "Not a raster basemap" in w.status.currentMessage()
    monkeypatch.setattr(raster_layers, "choose_raster_file", lambda parent: None)  # cancelled
    w.actions.add_raster.trigger()
    assert not w.project.rasters


def test_saved_with_the_project_and_a_missing_file_is_flagged(qtbot, tmp_path, monkeypatch):
    path, _ = make_file(tmp_path)
    tiles = make_mbtiles(tmp_path / "moving.mbtiles", zooms=(11,), radius=1)
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    rid = add_via_menu(w, monkeypatch, tiles)
    w.push(set_raster_opacity(w.project, rid, 0.55))
    close_project(w.project)
    w.close()
    tiles.rename(tmp_path / "moved.mbtiles")  # the analyst moved the file
    w2 = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w2)
    w2.show()
    QApplication.processEvents()
    layer = w2.project.rasters[rid]
    assert (layer.name, layer.opacity, layer.path) == ("moving", 0.55, str(tiles.resolve()))
    item = w2.layers.item_for("raster", rid)
    assert item is not None and "file not found" in item.data(0, Qt.UserRole + 2)
    assert "file not found" in item.toolTip(0)
    msg = w2.status.currentMessage()
    assert "moving" in msg and "file not found" in msg and "\n" not in msg
    w2.canvas.grab()  # painting with the missing file does not fail
    close_project(w2.project)


def test_keep_observations_visible_for_n_steps(window, qtbot):
    w = window
    d = date(2025, 12, 1)  # a Monday
    w.push(add_observation(w.project, Observation("o-old", "video", Point(37.18, 48.28), d - timedelta(days=14))))
    w.push(add_observation(w.project, Observation("o-now", "strike", Point(37.19, 48.28), d + timedelta(days=2))))
    w.cursor.set_date(d)
    spin = w.layers.tree.findChild(QSpinBox, "keepSteps")
    assert spin is not None and spin.value() == 0
    shown = {o.id: a for o, a in w.canvas.frame_spec().observations}
    assert shown == {"o-now": 1.0}
    spin.setValue(2)
    assert w.canvas.observation_keep_steps == 2
    shown = {o.id: a for o, a in w.canvas.frame_spec().observations}
    assert shown["o-now"] == 1.0 and shown["o-old"] == pytest.approx(1 / 3)  # two steps old: faded
    spin.setValue(1)
    assert "o-old" not in {o.id for o, _ in w.canvas.frame_spec().observations}
    from desktop.ui.map.layers_dock import LayersPanel
    again = LayersPanel()  # persisted for the next session
    qtbot.addWidget(again)
    assert again.keep_steps == 1


def test_rename_and_locate_a_moved_file_from_the_dock(qtbot, tmp_path, monkeypatch):
    path, _ = make_file(tmp_path)
    tiles = make_mbtiles(tmp_path / "moving.mbtiles", zooms=(11,), radius=1)
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    rid = add_via_menu(w, monkeypatch, tiles)
    rows = w.layers.rasters
    monkeypatch.setattr(raster_layers, "ask_raster_name", lambda parent, current: "  Sentinel-2, 12 Nov  ")
    rows.rename(rid)
    assert w.project.rasters[rid].name == "Sentinel-2, 12 Nov"
    assert w.layers.item_for("raster", rid).text(0) == "Sentinel-2, 12 Nov"
    moved = tiles.rename(tmp_path / "elsewhere.mbtiles")
    w.layers.refresh()
    assert "file not found" in w.layers.item_for("raster", rid).data(0, Qt.UserRole + 2)
    # A file of another kind, or one that is not a raster, is refused with the reason.
    png = make_georef_png(tmp_path / "photo.png", (37.1, 48.2, 37.2, 48.3))
    for wrong, why in ((png, "same kind"), (tmp_path / "notes.txt", "Not a raster basemap")):
        monkeypatch.setattr(raster_layers, "choose_raster_file", lambda *a, p=wrong: str(p))
        rows.locate(rid)
        assert why in w.status.currentMessage()
        assert w.project.rasters[rid].path == str(tiles.resolve())
    monkeypatch.setattr(raster_layers, "choose_raster_file", lambda *a: str(moved))
    rows.locate(rid)
    assert w.project.rasters[rid].path == str(moved.resolve())
    assert w.layers.item_for("raster", rid).data(0, Qt.UserRole + 2) == ""
    w.actions.undo.trigger()  # one undo step per gesture
    assert w.project.rasters[rid].path == str(tiles.resolve())
    w.actions.redo.trigger()
    close_project(w.project)
    layer = open_project(path).rasters[rid]
    assert (layer.name, layer.path) == ("Sentinel-2, 12 Nov", str(moved.resolve()))


def test_locate_starts_beside_the_project_when_the_old_folder_is_gone(qtbot, tmp_path, monkeypatch):
    path, _ = make_file(tmp_path)
    gone = tmp_path / "usb-stick"
    gone.mkdir()
    tiles = make_mbtiles(gone / "sat.mbtiles", zooms=(11,), radius=1)
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    rid = add_via_menu(w, monkeypatch, tiles)
    tiles.unlink()
    gone.rmdir()
    asked = {}
    monkeypatch.setattr(raster_layers, "choose_raster_file",
                        lambda parent, title, start: asked.update(title=title, start=start))
    w.layers.rasters.locate(rid)
    assert asked == {"title": "Locate the file of sat", "start": str(path.parent)}
    close_project(w.project)
