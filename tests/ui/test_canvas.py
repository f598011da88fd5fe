"""The map canvas: wheel zoom about the cursor, drag pan, keys, picking, tools driven by the
mouse, and the canvas painting exactly what the shared frame painter paints."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from desktop.model.commands import CommandStack
from desktop.render.frame import render_image
from desktop.model.mercator import to_lonlat, to_merc
from desktop.tools import DrawPolygonTool, SelectTool, ToolContext
from desktop.model.cursor import TimelineCursor
from desktop.model.selection import Selection
from desktop.ui.map.canvas import MapCanvas

from render.helpers import AOI, D1, D2, reddish, rgb, two_zone_project


@pytest.fixture
def canvas(qtbot):
    c = MapCanvas(TimelineCursor(), Selection())
    qtbot.addWidget(c)
    c.resize(800, 600)
    with qtbot.waitExposed(c):
        c.show()
    p, red, grey = two_zone_project()
    c.set_project(p)
    c.cursor.set_date(D1)
    c.zoom_to_bbox_lonlat(*AOI)
    QApplication.processEvents()
    c.ids = (red, grey)
    return c


def _wheel(c: MapCanvas, pos: QPoint, steps: int) -> None:
    vp = c.viewport()
    ev = QWheelEvent(QPointF(pos), QPointF(vp.mapToGlobal(pos)), QPoint(0, 0), QPoint(0, 120 * steps),
                     Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(vp, ev)
    QApplication.processEvents()


def test_wheel_zooms_about_the_cursor(canvas):
    pos = QPoint(200, 150)
    before = canvas.widget_to_merc(QPointF(pos))
    w0 = canvas.view_bbox()[2] - canvas.view_bbox()[0]
    scales = []
    canvas.sigScaleChanged.connect(scales.append)
    _wheel(canvas, pos, 2)
    w1 = canvas.view_bbox()[2] - canvas.view_bbox()[0]
    assert w1 < w0 * 0.9  # zoomed in
    after = canvas.widget_to_merc(QPointF(pos))
    assert abs(after[0] - before[0]) < w1 / 400 and abs(after[1] - before[1]) < w1 / 400
    assert scales and scales[-1] < scales[0] * 1.0001 and scales[-1] == pytest.approx(canvas.scale_denominator())


def test_left_drag_pans_without_a_tool(canvas, qtbot):
    vp = canvas.viewport()
    start = canvas.widget_to_merc(QPointF(400, 300))
    qtbot.mousePress(vp, Qt.LeftButton, pos=QPoint(400, 300))
    for x in range(400, 301, -10):
        qtbot.mouseMove(vp, QPoint(x, 300))
    qtbot.mouseRelease(vp, Qt.LeftButton, pos=QPoint(300, 300))
    # The map point that was under the press is now under the release point.
    now = canvas.widget_to_merc(QPointF(300, 300))
    res = canvas.map_view().resolution
    assert abs(now[0] - start[0]) < 2 * res and abs(now[1] - start[1]) < 2 * res


def test_keys_pan_and_zoom(canvas, qtbot):
    x0, y0, x1, y1 = canvas.view_bbox()
    qtbot.keyClick(canvas, Qt.Key_Right)
    a = canvas.view_bbox()
    assert a[0] == pytest.approx(x0 + 0.2 * (x1 - x0), rel=1e-6) and a[1] == pytest.approx(y0, abs=1.0)
    qtbot.keyClick(canvas, Qt.Key_Plus)
    b = canvas.view_bbox()
    assert (b[2] - b[0]) == pytest.approx((a[2] - a[0]) / 1.5, rel=1e-3)


def test_pick_uses_the_state_on_the_date(canvas):
    red, grey = canvas.ids
    assert canvas.pick(37.10, 48.25) == red
    assert canvas.pick(37.30, 48.25) == grey
    assert canvas.pick(37.175, 48.25) is None  # the red zone only grows there on D2
    canvas.cursor.set_date(D2)
    assert canvas.pick(37.175, 48.25) == red
    # Just outside the border, within the 10 px tolerance: still the red zone.
    assert canvas.pick(37.2 + canvas.tolerance_degrees(48.25) / 2, 48.25) == red
    canvas.set_assessment_visible(canvas.project.zones[red].assessment_id, False)
    assert canvas.pick(37.10, 48.25) is None


def _click(qtbot, c: MapCanvas, lon: float, lat: float, double: bool = False) -> None:
    pos = c.lonlat_to_widget(lon, lat).toPoint()
    qtbot.mouseMove(c.viewport(), pos)
    qtbot.mousePress(c.viewport(), Qt.LeftButton, pos=pos)
    qtbot.mouseRelease(c.viewport(), Qt.LeftButton, pos=pos)
    if double:
        qtbot.mouseDClick(c.viewport(), Qt.LeftButton, pos=pos)


def test_draw_polygon_with_the_mouse_emits_one_command(canvas, qtbot):
    p = canvas.project
    aid = next(iter(p.assessments))
    ctx = ToolContext(project=p, cursor=canvas.cursor, assessment_id=aid, status="ru_control",
                      selection=canvas.selection)
    canvas.set_tool(DrawPolygonTool(ctx))
    commands = []
    canvas.sigCommand.connect(commands.append)
    pts = [(37.20, 48.33), (37.30, 48.33), (37.30, 48.37)]
    for lon, lat in pts[:-1]:
        _click(qtbot, canvas, lon, lat)
    assert canvas.tool.draft is not None  # the rubber band is drawn while drawing
    view_before = canvas.view_bbox()
    _click(qtbot, canvas, *pts[-1], double=True)
    assert canvas.view_bbox() == pytest.approx(view_before)  # clicks never pan
    assert len(commands) == 1
    CommandStack(p).push(commands[0])
    new = [v for v in p.state_at(D1) if v.zone_id not in canvas.ids]
    assert len(new) == 1
    coords = np.array(new[0].geometry.exterior.coords)[:-1]
    res_deg = canvas.tolerance_degrees(48.35) / 10  # about one pixel
    for lon, lat in pts:
        assert np.min(np.hypot(coords[:, 0] - lon, coords[:, 1] - lat)) < 1.5 * res_deg


def test_select_tool_click_and_rubber_band(canvas, qtbot):
    red, grey = canvas.ids
    p = canvas.project
    ctx = ToolContext(project=p, cursor=canvas.cursor, assessment_id=None, selection=canvas.selection)
    canvas.set_tool(SelectTool(ctx))
    got = []
    canvas.selection.listeners.append(got.append)
    _click(qtbot, canvas, 37.10, 48.25)
    assert got[-1] == (red,)
    assert canvas.selection.ids == (red,) and canvas.frame_spec().selection == frozenset({red})
    # A drag across both squares selects both and does not pan.
    view = canvas.view_bbox()
    a, b = canvas.lonlat_to_widget(37.0, 48.22).toPoint(), canvas.lonlat_to_widget(37.33, 48.28).toPoint()
    qtbot.mousePress(canvas.viewport(), Qt.LeftButton, pos=a)
    for t in np.linspace(0, 1, 12)[1:]:
        qtbot.mouseMove(canvas.viewport(), QPoint(round(a.x() + (b.x() - a.x()) * t), round(a.y() + (b.y() - a.y()) * t)))
    assert canvas.tool.draft is not None
    qtbot.mouseRelease(canvas.viewport(), Qt.LeftButton, pos=b)
    assert set(got[-1]) == {red, grey}
    assert canvas.view_bbox() == pytest.approx(view)


def test_canvas_paints_what_the_frame_painter_paints(canvas):
    canvas.cursor.set_date(D2)
    canvas.set_show_changes(True)
    QApplication.processEvents()
    shown = rgb(canvas.grab().toImage())
    spec = canvas.frame_spec()
    assert spec.previous == D1
    exported = rgb(render_image(spec, canvas.viewport().width(), canvas.viewport().height()))
    assert shown.shape == exported.shape
    diff = np.abs(shown.astype(int) - exported.astype(int)).max(axis=2)
    assert (diff > 40).mean() < 0.002
    assert reddish(shown).mean() > 0.03


def test_repaints_when_the_project_changes(canvas, qtbot):
    from shapely.geometry import box
    from desktop.model.edits import edit_zone
    red, _ = canvas.ids
    before = reddish(rgb(canvas.grab().toImage())).sum()
    CommandStack(canvas.project).push(edit_zone(canvas.project, red, D1, geometry=box(37.02, 48.18, 37.16, 48.32)))
    QApplication.processEvents()
    after = reddish(rgb(canvas.grab().toImage())).sum()
    assert after > before * 1.2


def test_cursor_signal_reports_lon_lat(canvas, qtbot):
    got = []
    canvas.sigCursorMoved.connect(lambda lon, lat: got.append((lon, lat)))
    pos = canvas.lonlat_to_widget(37.18, 48.28).toPoint()
    qtbot.mouseMove(canvas.viewport(), pos)
    assert got and got[-1][0] == pytest.approx(37.18, abs=0.002) and got[-1][1] == pytest.approx(48.28, abs=0.002)


def test_projection_formula_matches_pyproj():
    from desktop.model.mercator import project_xy
    lon, lat = np.array([22.1, 37.18, 40.2]), np.array([44.4, 48.28, 52.3])
    x, y = project_xy(lon, lat)
    for i in range(3):
        fx, fy = to_merc(lon[i], lat[i])
        assert fx == pytest.approx(x[i], abs=1e-6) and fy == pytest.approx(y[i], abs=1e-6)
        assert to_lonlat(fx, fy) == pytest.approx((lon[i], lat[i]), abs=1e-9)
