"""End to end: start the real main window on a new project file, draw zones with the mouse on
the map, edit one in the inspector, undo and redo, close, reopen the file: the same content."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui.dialogs import file_menu as dialogs_file
from desktop.ui.window.main_window import MainWindow


AOI = (37.05, 48.22, 37.35, 48.36)
D = date(2025, 11, 24)


def click(qtbot, canvas, lon, lat, double=False):
    pos = canvas.lonlat_to_widget(lon, lat).toPoint()
    vp = canvas.viewport()
    qtbot.mouseMove(vp, pos)
    qtbot.mousePress(vp, Qt.LeftButton, pos=pos)
    qtbot.mouseRelease(vp, Qt.LeftButton, pos=pos)
    if double:
        qtbot.mouseDClick(vp, Qt.LeftButton, pos=pos)


def draw(qtbot, window, points):
    window.actions.tools["draw_polygon"].trigger()
    for lon, lat in points[:-1]:
        click(qtbot, window.canvas, lon, lat)
    click(qtbot, window.canvas, *points[-1], double=True)


def content(project):
    """Everything that must survive closing: zones and versions with exact geometry."""
    zones = {z.id: (z.name, z.assessment_id) for z in project.zones.values()}
    versions = {v.id: (v.zone_id, v.status, v.valid_from, v.valid_to, v.confidence, v.geometry.wkb)
                for v in project.versions.values()}
    return zones, versions


def test_draw_close_reopen(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "e2e.gpkg"
    from desktop.storage.project.projectfile import create_project
    from desktop.model import edits
    p = create_project(path, title="End to end")
    cmd, aid = edits.add_assessment(p, "Our assessment")
    p.apply(cmd.changes)
    window = MainWindow(p, path, at=D, restore_layout=False)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.canvas.scene().minDragTime = 0  # pyqtgraph: short drags are not clicks
    window.canvas.zoom_to_bbox_lonlat(AOI)
    QApplication.processEvents()

    # A first zone, then a second whose status is contested, drawn across the first's edge.
    draw(qtbot, window, [(37.10, 48.25), (37.20, 48.25), (37.20, 48.32), (37.10, 48.32)])
    assert len(window.project.zones) == 1, window.status.currentMessage()
    i = window.editing.status.findData("contested")
    window.editing.status.activated.emit(i)
    draw(qtbot, window, [(37.18, 48.27), (37.28, 48.27), (37.28, 48.30), (37.18, 48.30)])
    assert len(window.project.zones) == 2
    first, second = sorted(window.project.zones.values(), key=lambda z: z.name)
    v1 = window.project.version_at(first.id, D)
    v2 = window.project.version_at(second.id, D)
    assert v1.status == "ru_control" and v2.status == "contested"
    assert v1.geometry.intersection(v2.geometry).area < 1e-12  # the assessed rule: no overlap
    assert window.stack.labels()[:2] == [f"Draw {first.name}", f"Draw {second.name}"]

    # Select the first with the mouse and rename it in the inspector.
    window.actions.tools["select"].trigger()
    click(qtbot, window.canvas, 37.12, 48.30)
    assert window.selection.ids == (first.id,) and window.inspector.title.text() == first.name
    window.inspector.name.setText("Pokrovsk south")
    window.inspector.name.editingFinished.emit()
    window.actions.undo.trigger()
    window.actions.redo.trigger()
    expected = content(window.project)
    assert window.project.zones[first.id].name == "Pokrovsk south"

    window.close()
    assert window.project.storage is None  # closing the window closes the file
    reopened = open_project(path)
    assert content(reopened) == expected
    close_project(reopened)
    screenshot = tmp_path / "e2e.png"
    window2 = MainWindow(open_project(path), path, at=D, restore_layout=False)
    qtbot.addWidget(window2)
    window2.resize(1400, 900)
    window2.show()
    window2.selection.set([first.id])
    window2.grab().save(str(screenshot))
    assert window2.inspector.title.text() == "Pokrovsk south"
    window2.close()
