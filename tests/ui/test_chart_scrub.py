"""The area chart: its series are the project's km² per step, and it scrubs the timeline."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from shapely.geometry import box

from desktop.model import CommandStack, Project
from desktop.model.edits import create_zone
from desktop.model.timeline import area_table, steps_between
from desktop.ui.timeline.area_chart import AreaChart, from_x, to_x
from desktop.model.cursor import TimelineCursor

from support.builders import pokrovsk_series

D = date


def pokrovsk_project(shared_data) -> tuple[Project, CommandStack, str]:
    """DeepState's weekly occupied area around Pokrovsk, Sep-Dec 2025, as one dated zone."""
    p, st, aid, _, _ = pokrovsk_series(shared_data)
    return p, st, aid


@pytest.fixture
def chart(qtbot, shared_data):
    p, st, aid = pokrovsk_project(shared_data)
    cursor = TimelineCursor(p)
    w = AreaChart(cursor)
    w.resize(900, 320)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.scene().minDragTime = 0  # pyqtgraph takes short drags for clicks
    return w, cursor, p, st, aid


def _send(widget, kind, pos: QPoint, buttons) -> None:
    button = Qt.LeftButton if kind != QEvent.MouseMove else Qt.NoButton
    ev = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), button, buttons, Qt.NoModifier)
    QApplication.sendEvent(widget, ev)


def _view_pos(w: AreaChart, plot, d: date, y_frac: float = 0.5) -> QPoint:
    vb = plot.getViewBox()
    rect = vb.sceneBoundingRect()
    x_scene = vb.mapViewToScene(QPointF(to_x(d), 0)).x()
    return w.mapFromScene(QPointF(x_scene, rect.top() + rect.height() * y_frac))


def test_series_are_the_projects_weekly_areas(chart):
    w, cursor, p, _, aid = chart
    weeks = steps_between(D(2025, 9, 1), D(2025, 12, 29), "week")
    assert w.dates == weeks
    assert list(w.table) == [(aid, "ru_control")]
    expected = [areas[(aid, "ru_control")] for _, areas in p.area_series(weeks)]
    np.testing.assert_allclose(w.table[(aid, "ru_control")], expected, rtol=1e-9)
    curves = w.area_plot.listDataItems()
    assert len(curves) == 1
    xs, ys = curves[0].getData()
    assert [from_x(x) for x in xs] == weeks
    np.testing.assert_allclose(ys, expected, rtol=1e-9)
    net = w.net_change()[(aid, "ru_control")]
    assert net[0] == 0 and net[1:] == pytest.approx(np.diff(expected))
    assert w.series_names() == {(aid, "ru_control"): "Russian-controlled (assessed)"}


def test_cursor_line_follows_the_cursor(chart):
    w, cursor, *_ = chart
    assert w.cursor_line_date() == D(2025, 12, 29)  # the cursor starts on the last step
    cursor.set_date(D(2025, 10, 13))
    assert all(from_x(line.value()) == D(2025, 10, 13) for line in w.lines)


def test_dragging_the_cursor_line_scrubs_the_timeline(qtbot, chart):
    w, cursor, *_ = chart
    cursor.set_date(D(2025, 10, 13))
    vp = w.viewport()
    start = _view_pos(w, w.area_plot, D(2025, 10, 13))
    end = _view_pos(w, w.area_plot, D(2025, 11, 18))  # a Tuesday: snaps to Monday Nov 17
    clicked = []
    w.sigDateClicked.connect(clicked.append)
    _send(vp, QEvent.MouseButtonPress, start, Qt.LeftButton)
    for i in range(1, 6):
        _send(vp, QEvent.MouseMove, start + (end - start) * i / 5, Qt.LeftButton)
    _send(vp, QEvent.MouseButtonRelease, end, Qt.NoButton)
    assert cursor.date == D(2025, 11, 17)
    assert clicked and clicked[-1] == D(2025, 11, 17)
    assert all(from_x(line.value()) == D(2025, 11, 17) for line in w.lines)


def test_clicking_the_chart_jumps(qtbot, chart):
    w, cursor, *_ = chart
    for plot, target, expected in ((w.net_plot, D(2025, 9, 24), D(2025, 9, 22)),
                                   (w.area_plot, D(2025, 12, 5), D(2025, 12, 8))):
        pos = _view_pos(w, plot, target, 0.8)
        with qtbot.waitSignal(w.sigDateClicked, timeout=1000) as blocker:
            qtbot.mouseClick(w.viewport(), Qt.LeftButton, pos=pos)
        assert blocker.args == [expected] and cursor.date == expected


def test_edits_and_step_changes_recompute(qtbot, chart):
    w, cursor, p, st, aid = chart
    cmd, _ = create_zone(p, name="Grey", assessment_id=aid, geometry=box(37.0, 48.1, 37.05, 48.15),
                         status="contested", as_of=D(2025, 11, 3))
    st.push(cmd)
    qtbot.waitUntil(lambda: (aid, "contested") in w.table, timeout=2000)
    assert w.table[(aid, "contested")][w.dates.index(D(2025, 10, 27))] == 0
    assert w.table[(aid, "contested")][w.dates.index(D(2025, 11, 3))] > 0
    assert len(w.area_plot.listDataItems()) == 2
    cursor.set_step("month")
    qtbot.waitUntil(lambda: w.dates[0] == D(2025, 9, 1) and len(w.dates) == 4, timeout=2000)
    assert {k: list(v) for k, v in w.table.items()} == \
        {k: list(v) for k, v in area_table(p, w.dates).items() if np.any(v)}
    st.undo()
    qtbot.waitUntil(lambda: (aid, "contested") not in w.table, timeout=2000)
    w.detach()
    assert w._on_changes not in p.listeners
