"""Gaps found by driving the real workspace as an analyst would, at 1600x1000 and 1280x800."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.timeline.bar import TimelineBar
from desktop.ui.timeline.playback import Playback
from desktop.model.cursor import TimelineCursor

from .test_timeline_widgets import make_project

STRIP_MIN = 200  # below this the change marks (one per week for months) cannot be told apart


def test_change_strip_keeps_a_usable_width_in_a_narrow_bar(qtbot):
    # At 1280x800 the timeline dock is about 600 px wide: the controls take nearly all of it,
    # and the strip of change marks used to be squeezed to a few dozen pixels.
    p, _, _ = make_project()
    bar = TimelineBar(Playback(TimelineCursor(p)))
    qtbot.addWidget(bar)
    for width in (600, 1500):
        bar.resize(width, bar.sizeHint().height())
        bar.show()
        QApplication.processEvents()
        bar.resize(width, bar.sizeHint().height())
        QApplication.processEvents()
        assert bar.strip.width() >= STRIP_MIN, width
        assert bar.strip.geometry().bottom() <= bar.height()  # not pushed out of sight
        assert bar.date_edit.isVisible() and bar.step_combo.isVisible()
    # Wide enough: one row, so the bar stays a single line above the chart.
    assert bar.strip.geometry().center().y() == pytest.approx(bar.date_edit.geometry().center().y(), abs=4)


def _sample_window(qtbot, tmp_path, size):
    import shutil
    from pathlib import Path
    from desktop.storage.project.projectfile import open_project
    from desktop.ui.window.main_window import MainWindow
    sample = Path(__file__).resolve().parents[2] / "resources" / "samples" / "pokrovsk_myrnohrad_2025.gpkg"
    shutil.copy(sample, tmp_path / "w.gpkg")
    w = MainWindow(open_project(tmp_path / "w.gpkg"), tmp_path / "w.gpkg", restore_layout=False)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    QApplication.processEvents()
    return w


def test_chart_legend_fits_beside_the_plots_at_1280x800(qtbot, tmp_path):
    # The sample has six statuses with area: at 1280x800 the legend ran past the chart's
    # bottom (the last status unreadable) and took half the dock from the plots.
    w = _sample_window(qtbot, tmp_path, (1280, 800))
    chart = w.timeline.chart
    assert len(chart.legend.items) == 6
    legend = chart.legend.mapRectToScene(chart.legend.boundingRect())
    assert legend.bottom() <= chart.height()
    assert chart.area_plot.sceneBoundingRect().width() >= 0.5 * chart.width()
    w.close()


def test_changes_list_shows_old_and_new_status_in_the_docked_width(qtbot, tmp_path):
    # In the docked panel (about 330 px) the "Change" column is ~100 px: the text was cut after
    # the old status, so the new status, the point of the row, never showed.
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QFontMetrics
    w = _sample_window(qtbot, tmp_path, (1600, 1000))
    w.changes_dock.raise_()
    QApplication.processEvents()
    table = w.changes.table
    assert table.rowCount() >= 3
    fm = QFontMetrics(table.font())
    for row in range(table.rowCount()):
        for col in (0, 1):
            item = table.item(row, col)
            room = table.columnWidth(col) - 8 - (table.iconSize().width() + 4 if not item.icon().isNull() else 0)
            needed = fm.boundingRect(QRect(0, 0, room, 10_000), Qt.TextWordWrap, item.text())
            assert needed.width() <= room and needed.height() <= table.rowHeight(row), (row, col, item.text())
    w.close()


def test_changes_list_says_border_moved_when_the_status_stays(qtbot, tmp_path):
    w = _sample_window(qtbot, tmp_path, (1600, 1000))
    texts = {w.changes.table.item(i, 0).text(): w.changes.table.item(i, 1).text()
             for i in range(w.changes.table.rowCount())}
    assert texts["Northern pincer"] == "Russian-controlled, border moved"
    w.close()


def test_every_tool_help_fits_the_status_bar_at_1280(qtbot, tmp_path):
    # The permanent fields (position, DMS, MGRS, scale, file, state) took ~860 px at fixed widths,
    # so at 1280 px each tool's one-line help was cut mid-word.
    from PySide6.QtGui import QFontMetrics
    from desktop.tools import TOOLS
    w = _sample_window(qtbot, tmp_path, (1280, 800))
    w.status.set_position(37.21984, 48.29506)  # the fields at their widest, cursor on the map
    w.status.set_scale(1_234_567)
    QApplication.processEvents()
    bar = w.status
    fields = [c for c in (bar.position, bar.dms, bar.mgrs, bar.scale, bar.path, bar.state)]
    room = min(f.geometry().left() for f in fields) - 12
    fm = QFontMetrics(bar.font())
    for name, cls in TOOLS.items():
        assert fm.horizontalAdvance(cls.help) <= room, name
    for f in fields:  # and the fields themselves still show their text whole
        assert f.fontMetrics().horizontalAdvance(f.text()) <= f.contentsRect().width(), f.text()
    w.close()


def test_legend_editor_shows_whole_status_labels(qtbot):
    # The status list got a third of a 620 px dialog: labels were cut, with a sideways scroll bar.
    from desktop.model.project import Project
    from desktop.ui.dialogs.legend_editor import LegendEditor
    dlg = LegendEditor(Project())
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    QApplication.processEvents()
    lst = dlg.list
    assert lst.count() >= 8
    assert lst.sizeHintForColumn(0) <= lst.viewport().width()
    assert not lst.horizontalScrollBar().isVisible()


def test_presentation_captions_name_every_change_of_the_step(qtbot, tmp_path):
    # The sample's week to 2025-12-15 has four changes; the quotes of the first two filled the
    # six caption lines, so presentation mode and the replay never mentioned the other two.
    # Then the week to 2025-12-01 had seven: change lines filled the frame and no quote showed.
    from datetime import date
    from desktop.model import timeline as tl
    w = _sample_window(qtbot, tmp_path, (1280, 800))
    d = date(2025, 12, 15)
    rows = tl.changes_in_step(w.project, d, tl.WEEK)
    lines = tl.frame_captions(w.project, d, tl.WEEK)
    assert len(rows) == 4 and len(lines) == 8
    for r in rows:
        assert any(line.startswith(f"{r.zone_name}: ") for line in lines), r.zone_name
    # Quotes still follow their change, in the room left.
    assert lines[0].startswith(rows[0].zone_name) and lines[1].startswith("\u21b3 ")
    # A busier week (seven changes, 2025-12-01): the smallest share one "Also:" line, so every
    # change is named and the largest ones still carry who said so.
    busy = date(2025, 12, 1)
    rows = tl.changes_in_step(w.project, busy, tl.WEEK)
    lines = tl.frame_captions(w.project, busy, tl.WEEK)
    assert len(rows) == 7 and len(lines) == 8
    also = [line for line in lines if line.startswith("Also: ")]
    assert len(also) == 1
    for r in rows:
        assert any(line.startswith(f"{r.zone_name}: ") for line in lines) or r.zone_name in also[0], r.zone_name
    assert sum(line.startswith("\u21b3 ") for line in lines) >= 3
    import re
    assert not any(re.search(r"-\d", line) for line in lines if not line.startswith("\u21b3 "))  # true minus signs
    w.close()


def test_place_point_offers_the_kind_of_observation(qtbot, tmp_path):
    # Points are drawn by kind (flag, strike, unit, destroyed, video) but nothing let the analyst
    # choose one: every point was a "video". The toolbar offers the kind while the tool is on.
    from PySide6.QtCore import Qt
    w = _sample_window(qtbot, tmp_path, (1600, 1000))
    ed = w.editing
    assert not ed.kind.isVisibleTo(w) and ed.status.isVisibleTo(w)
    w.actions.tools["place_point"].trigger()
    assert ed.kind.isVisibleTo(w) and not ed.status.isVisibleTo(w)  # a point has no zone status
    i = ed.kind.findData("strike")
    ed.kind.setCurrentIndex(i)
    ed.kind.activated.emit(i)
    c = w.canvas
    lon, lat = 37.12, 48.34
    p = c.lonlat_to_widget(lon, lat).toPoint()
    before = set(w.project.observations)
    qtbot.mouseMove(c.viewport(), p)
    qtbot.mousePress(c.viewport(), Qt.LeftButton, Qt.NoModifier, p)
    qtbot.mouseRelease(c.viewport(), Qt.LeftButton, Qt.NoModifier, p)
    (new,) = set(w.project.observations) - before
    assert w.project.observations[new].kind == "strike"
    assert "Strike placed" in w.status.currentMessage()
    w.actions.tools["select"].trigger()
    assert not ed.kind.isVisibleTo(w) and ed.status.isVisibleTo(w)
    w.close()


def test_gains_losses_and_presentation_are_one_click_from_the_timeline(qtbot, tmp_path):
    # The hatched gains/losses overlay was only in the View menu: replaying, the analyst had to
    # leave the timeline to find it.
    from PySide6.QtWidgets import QToolButton
    w = _sample_window(qtbot, tmp_path, (1280, 800))
    bar = w.timeline.bar
    buttons = {b.defaultAction(): b for b in bar.findChildren(QToolButton) if b.defaultAction()}
    for action in (w.actions.show_changes, w.actions.presentation):
        assert action in buttons and buttons[action].isVisible()
    buttons[w.actions.show_changes].click()
    assert w.actions.show_changes.isChecked() and w.canvas.show_changes
    assert bar.strip.width() >= 200
    w.close()


def test_first_layout_fits_the_window_it_opens_in(qtbot, tmp_path):
    # Dock sizes were set for 1600x1000 before the window had its real size: at 1280x800 the
    # Layers tree needed a scroll bar while the History list below held one line in 300 px.
    w = _sample_window(qtbot, tmp_path, (1280, 800))
    tree = w.layers.tree
    assert not tree.verticalScrollBar().isVisible()
    assert w.history_dock.height() < w.layers_dock.height() / 2
    w.close()
    # ...and the Sources panel, tabbed with Layers, has the tall dock's height when raised:
    # room for several sources and their quotes, not one row.
    w = _sample_window(qtbot, tmp_path, (1280, 800))
    w.sources_dock.raise_()
    QApplication.processEvents()
    assert w.sources.height() >= w.sources.minimumSizeHint().height()
    assert w.sources_dock.height() >= 2 * w.history_dock.height()
    w.close()


def test_edit_vertices_shows_the_handles_of_the_selected_zone(qtbot, tmp_path):
    # The vertex tool knew its handles but the canvas never drew them: the analyst had to guess
    # where a vertex was before dragging it.
    import numpy as np
    from desktop.tools.rings import to_rings, vertices
    w = _sample_window(qtbot, tmp_path, (1600, 1000))
    c = w.canvas
    zid = next(z for z, zone in w.project.zones.items() if zone.name == "Northern Pokrovsk")
    w.selection.set([zid])
    w.actions.tools["edit_vertices"].trigger()
    QApplication.processEvents()
    img = c.grab().toImage()
    v = w.project.version_at(zid, w.cursor.date)
    shown = 0
    for lon, lat in vertices(to_rings(v.geometry))[::7]:
        p = c.lonlat_to_widget(lon, lat).toPoint()
        if not (10 < p.x() < c.width() - 10 and 10 < p.y() < c.height() - 10):
            continue
        centre = img.pixelColor(p)
        ring = [img.pixelColor(p.x() + dx, p.y() + dy) for dx, dy in ((3, 0), (-3, 0), (0, 3), (0, -3))]
        if min(centre.red(), centre.green(), centre.blue()) >= 250 and \
                sum(q.blue() > q.red() + 60 for q in ring) >= 3:  # white square, blue edge
            shown += 1
    assert shown >= 5
    w.close()


def _title_rect(view):
    from PySide6.QtGui import QImage, QPainter
    from desktop.render import chrome
    from desktop.render.frame import chrome_scale
    spec = view.spec()
    img = QImage(4, 4, QImage.Format_ARGB32_Premultiplied)
    p = QPainter(img)
    rect = chrome.paint_title(p, spec.chrome, spec.when, spec.previous, chrome_scale(spec, view.height()))
    p.end()
    return rect


def test_presentation_controls_never_cover_the_title(qtbot, tmp_path):
    # Centred at the top, the hover controls covered the title and date at 1280 and 800 px wide.
    from desktop.ui.map.presentation import PresentationView
    w = _sample_window(qtbot, tmp_path, (1280, 800))
    for size in ((800, 800), (1280, 800), (1920, 1080)):
        view = PresentationView(w.playback, w.project)
        qtbot.addWidget(view)
        view.resize(*size)
        view.show()
        QApplication.processEvents()
        view.show_controls()
        QApplication.processEvents()
        title = _title_rect(view)
        assert not title.isEmpty()
        assert not title.intersects(view.controls.geometry().toRectF()), size
        assert view.rect().contains(view.controls.geometry()), size
        view.close()
    w.close()


def test_new_zone_status_reads_whole_in_the_toolbar_at_1280(qtbot, tmp_path):
    # "Russian-controlled (asses": the default status was cut in its own chooser.
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox
    w = _sample_window(qtbot, tmp_path, (1280, 800))
    combo = w.editing.status
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    text_room = combo.style().subControlRect(QStyle.CC_ComboBox, opt, QStyle.SC_ComboBoxEditField, combo).width()
    text_room -= combo.iconSize().width() + 4
    assert combo.fontMetrics().horizontalAdvance(combo.currentText()) <= text_room
    bar = w.toolbars["tools"]
    assert w.editing.geometry().right() <= bar.width()  # nothing pushed into the overflow menu
    assert w.editing.isVisible()
    w.close()


def test_layers_status_labels_use_the_whole_row(qtbot, tmp_path):
    # Status and assessment rows have nothing in the slider column, yet their labels were cut
    # at its edge ("Russian-controlled (assess…") with half the row empty.
    w = _sample_window(qtbot, tmp_path, (1600, 1000))
    tree = w.layers.tree
    statuses = tree.topLevelItem(1)
    assert statuses.text(0) == "Statuses"
    fm = tree.fontMetrics()
    label = next(statuses.child(i) for i in range(statuses.childCount())
                 if statuses.child(i).text(0) == "Russian-controlled (assessed)")
    rect = tree.visualRect(tree.indexFromItem(label, 0))
    # checkbox + swatch + text must fit in the row as drawn
    assert fm.horizontalAdvance(label.text(0)) + 60 <= rect.width()
    w.close()


def test_inspector_says_what_a_selected_observation_is(qtbot, tmp_path):
    # Selecting a point on the map left the inspector saying "No zone selected — click a zone".
    w = _sample_window(qtbot, tmp_path, (1600, 1000))
    obs = next(o for o in w.project.observations.values() if o.kind == "destroyed bridge")
    w.selection.set([obs.id])
    ins = w.inspector
    assert ins.title.text() != "No zone selected"
    assert "Destroyed bridge" in ins.title.text()
    ed = ins.observation
    assert ed.isVisible() and not ins.body.isVisible()
    assert ed.date.date().toPython() == obs.date and ed.shape.text() == "one point"
    # Every field is a command written to the file: name, kind, date, time, notes.
    ed.name.setText("Destroyed road bridge")
    ed.name.editingFinished.emit()
    ed.kind.setCurrentIndex(ed.kind.findData("strike"))
    ed.kind.activated.emit(ed.kind.currentIndex())
    from PySide6.QtCore import QDate
    ed.date.setDate(QDate(2024, 9, 10))
    ed.date.editingFinished.emit()
    ed.time.setText("25:99")
    ed.time.editingFinished.emit()  # refused with a message, nothing pushed
    ed.time.setText("14:05")
    ed.time.editingFinished.emit()
    got = w.project.observations[obs.id]
    assert (got.name, got.kind, got.date.isoformat(), got.time) == ("Destroyed road bridge", "strike",
                                                                     "2024-09-10", "14:05")
    assert len(w.stack.labels()) == 4
    from desktop.storage.project.projectfile import open_project, close_project
    ro = open_project(w.path, read_only=True)
    assert ro.observations[obs.id] == got
    close_project(ro)
    w.actions.undo.trigger()
    assert w.project.observations[obs.id].time == "" and ed.time.text() == ""
    w.close()


def test_chart_of_a_new_project_shows_dates_not_epoch_fractions(qtbot, tmp_path):
    # A new project's chart showed "00.100 … 00.900" on its date axis and "km² (x0.001)".
    from datetime import date
    from desktop.model.project import Project
    from desktop.ui.timeline.area_chart import AreaChart, to_x
    cursor = TimelineCursor(Project())
    chart = AreaChart(cursor)
    qtbot.addWidget(chart)
    chart.resize(800, 200)
    chart.show()
    QApplication.processEvents()
    (x0, x1), (y0, y1) = chart.area_plot.viewRange()
    assert to_x(date(2000, 1, 1)) < x0 < to_x(cursor.date) < x1
    assert x1 - x0 >= 28 * 86400
    assert y1 - y0 >= 1.0  # no "x0.001" scale on an empty axis
    assert chart.area_plot.getAxis("left").autoSIPrefixScale == 1.0
