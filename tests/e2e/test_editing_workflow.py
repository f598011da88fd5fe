"""The editing workflow with the mouse on the real canvas, checked in the project file after
every step: draw, snap a neighbour to the shared border, drag a vertex, split, merge, undo, redo."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop.model import edits
from desktop.storage.project.projectfile import close_project, create_project, open_project
from desktop.ui.window.main_window import MainWindow


AOI = (37.05, 48.22, 37.35, 48.36)
D = date(2025, 11, 24)


def pos(canvas, lon, lat) -> QPoint:
    return canvas.lonlat_to_widget(lon, lat).toPoint()


def click(qtbot, canvas, lon, lat, double=False, modifier=Qt.NoModifier):
    p, vp = pos(canvas, lon, lat), canvas.viewport()
    qtbot.mouseMove(vp, p)
    qtbot.mousePress(vp, Qt.LeftButton, modifier, p)
    qtbot.mouseRelease(vp, Qt.LeftButton, modifier, p)
    if double:
        qtbot.mouseDClick(vp, Qt.LeftButton, modifier, p)


def drag(qtbot, canvas, a, b):
    vp = canvas.viewport()
    pa, pb = pos(canvas, *a), pos(canvas, *b)
    qtbot.mouseMove(vp, pa)
    qtbot.mousePress(vp, Qt.LeftButton, Qt.NoModifier, pa)
    for t in (0.25, 0.5, 0.75, 1.0):
        qtbot.mouseMove(vp, QPoint(round(pa.x() + (pb.x() - pa.x()) * t), round(pa.y() + (pb.y() - pa.y()) * t)))
    qtbot.mouseRelease(vp, Qt.LeftButton, Qt.NoModifier, pb)


def path_gesture(qtbot, window, tool, points):
    window.actions.tools[tool].trigger()
    for p in points[:-1]:
        click(qtbot, window.canvas, *p)
    click(qtbot, window.canvas, *points[-1], double=True)


def content(project):
    zones = {z.id: (z.name, z.assessment_id) for z in project.zones.values()}
    versions = {v.id: (v.zone_id, v.status, v.valid_from, v.valid_to, v.geometry.wkb)
                for v in project.versions.values()}
    return zones, versions


def in_file(path):
    """What the file holds right now, read through a second, read-only connection."""
    p = open_project(path, read_only=True)
    try:
        return content(p)
    finally:
        close_project(p)


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "edit.gpkg"
    p = create_project(path, title="Editing")
    p.apply(edits.add_assessment(p, "Our assessment")[0].changes)
    w = MainWindow(p, path, at=D, restore_layout=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    QApplication.processEvents()
    w.canvas.zoom_to_bbox_lonlat(AOI)
    QApplication.processEvents()
    yield w
    w.close()


def test_draw_snap_vertex_split_merge_undo_redo(window, qtbot):
    w, path = window, window.path
    history = [in_file(path)]

    def step(expected_zones: int):
        QApplication.processEvents()
        assert len(w.project.state_at(D)) == expected_zones, w.status.currentMessage()
        assert in_file(path) == content(w.project)  # written through, exactly
        history.append(content(w.project))

    # 1. draw A
    path_gesture(qtbot, w, "draw_polygon", [(37.10, 48.25), (37.20, 48.25), (37.20, 48.32), (37.10, 48.32)])
    step(1)
    a = next(iter(w.project.zones))
    ga = w.project.version_at(a, D).geometry

    # 2. draw B as a contested zone, clicking a few pixels off A's right edge: it snaps to it
    w.editing.status.activated.emit(w.editing.status.findData("contested"))
    off = 0.0004  # a few pixels at this zoom, inside the snapping tolerance
    path_gesture(qtbot, w, "draw_polygon", [(37.20 + off, 48.26), (37.28, 48.26), (37.28, 48.31),
                                            (37.20 - off, 48.31)])
    step(2)
    b = next(z for z in w.project.zones if z != a)
    gb = w.project.version_at(b, D).geometry
    ga = w.project.version_at(a, D).geometry
    assert ga.intersection(gb).area < 1e-12
    # B's clicks near the edge snapped onto it exactly, so the two share that border segment
    edge_x = max(x for x, _ in ga.exterior.coords)  # A's east edge, where its clicks landed
    near = [(x, y) for x, y in gb.exterior.coords if abs(x - edge_x) < 1e-3]
    assert len(near) >= 2 and all(x == edge_x for x, _ in near)
    shared = ga.boundary.intersection(gb.boundary).length
    span = max(y for _, y in near) - min(y for _, y in near)
    assert shared == pytest.approx(span, rel=1e-9) and span == pytest.approx(0.05, abs=1e-3)

    # 3. select A and drag its south-west corner
    w.actions.tools["select"].trigger()
    click(qtbot, w.canvas, 37.12, 48.30)
    assert w.selection.ids == (a,)
    w.actions.tools["edit_vertices"].trigger()
    drag(qtbot, w.canvas, (37.10, 48.25), (37.08, 48.24))
    step(2)
    moved = w.project.version_at(a, D).geometry
    assert moved.area > ga.area
    assert min(x for x, _ in moved.exterior.coords) == pytest.approx(37.08, abs=5e-4)  # within a pixel

    # 4. split A along a north-south line
    path_gesture(qtbot, w, "split_zone", [(37.15, 48.20), (37.15, 48.34)])
    step(3)

    # 5. select both halves of A and merge them back
    w.actions.tools["select"].trigger()
    click(qtbot, w.canvas, 37.12, 48.30)
    click(qtbot, w.canvas, 37.18, 48.30, modifier=Qt.ShiftModifier)
    assert len(w.selection) == 2 and b not in w.selection
    w.actions.merge.trigger()
    step(2)
    assert w.project.version_at(a, D).geometry.area == pytest.approx(moved.area, rel=1e-9)

    # 6. undo everything, then redo everything: the file follows at every step
    n = len(w.stack.labels())
    assert n == 5, w.stack.labels()
    for k in range(n):
        w.actions.undo.trigger()
        assert in_file(path) == content(w.project) == history[-2 - k]
    for k in range(n):
        w.actions.redo.trigger()
        assert in_file(path) == content(w.project) == history[k + 1]
