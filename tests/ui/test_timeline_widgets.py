"""The timeline cursor with its playback timer, the bar, change strip and changes panel with pytest-qt."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget
from shapely.geometry import box

from desktop.model import CommandStack, Project, Quote, Source
from desktop.model.edits import add_assessment, create_zone, edit_zone
from desktop.model.record_commands import put_record
from desktop.model.evidence_commands import link_quote
from desktop.model.cursor import DATE, RANGE, TimelineCursor
from desktop.ui.timeline.changes_panel import ChangesPanel
from desktop.ui.timeline.bar import TimelineBar
from desktop.ui.timeline.playback import Playback

D = date


def make_project() -> tuple[Project, CommandStack, dict[str, str]]:
    """Two zones: North from Nov 3 growing on Wed Nov 12, Railway turning red on Mon Dec 1."""
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "Our assessment")
    st.push(cmd)
    ids = {}
    cmd, ids["north"] = create_zone(p, name="North <b>bold</b>", assessment_id=aid,
                                    geometry=box(37.10, 48.30, 37.20, 48.35), status="ru_control", as_of=D(2025, 11, 3))
    st.push(cmd)
    cmd, ids["rail"] = create_zone(p, name="Railway", assessment_id=aid, geometry=box(37.20, 48.25, 37.30, 48.30),
                                   status="contested", as_of=D(2025, 11, 3))
    st.push(cmd)
    st.push(edit_zone(p, ids["north"], D(2025, 11, 12), geometry=box(37.10, 48.28, 37.20, 48.35)))
    st.push(edit_zone(p, ids["rail"], D(2025, 12, 1), status="ru_control"))
    st.push(put_record(p, "sources", Source("s1", "Ministry"), "src"))
    st.push(put_record(p, "quotes", Quote("q1", "s1", "The flag was raised."), "q"))
    st.push(link_quote(p, "q1", p.version_at(ids["rail"], D(2025, 12, 1)).id)[0])
    return p, st, ids


@pytest.fixture
def built():
    return make_project()


def test_cursor_starts_on_the_last_step_and_steps(built):
    p, _, _ = built
    c = TimelineCursor(p)
    assert c.date == D(2025, 12, 1) and c.range() == (D(2025, 11, 3), D(2025, 12, 1))
    c.step_back()
    assert c.date == D(2025, 11, 24)
    c.set_step("day")
    c.step_forward()
    assert c.date == D(2025, 11, 25)
    c.set_step("month")
    c.step_back()
    assert c.date == D(2025, 11, 1)
    c.next_change()
    assert c.date == D(2025, 11, 3)
    c.next_change()
    assert c.date == D(2025, 11, 12)
    c.prev_change()
    assert c.date == D(2025, 11, 3)
    assert not c.prev_change() and c.date == D(2025, 11, 3)
    with pytest.raises(TypeError):
        c.set_date("2025-11-03")


def test_play_and_pause_with_the_timer_driven_by_the_test(qtbot, built):
    p, _, _ = built
    c = TimelineCursor(p)
    play = Playback(c)
    seen, playing = [], []
    c.listeners.append(lambda what: what == DATE and seen.append(c.date))
    play.sigPlayingChanged.connect(playing.append)
    play.play()  # at the last step: starts over from the first
    assert play.is_playing() and c.date == D(2025, 11, 3)
    for _ in range(4):
        play.timer.timeout.emit()
    assert seen == [D(2025, 11, 3), D(2025, 11, 10), D(2025, 11, 17), D(2025, 11, 24), D(2025, 12, 1)]
    play.timer.timeout.emit()  # past the last step, no loop: playback stops where it was
    assert not play.is_playing() and c.date == D(2025, 12, 1) and playing == [True, False]
    play.set_loop(True)
    play.play()
    c.set_date(D(2025, 12, 1))
    play.timer.timeout.emit()
    assert play.is_playing() and c.date == D(2025, 11, 3)
    play.toggle_play()
    assert not play.is_playing() and not play.timer.isActive()


def test_play_runs_on_the_real_timer(qtbot, built):
    p, _, _ = built
    c = TimelineCursor(p)
    play = Playback(c)
    play.set_fps(60)
    assert play.timer.interval() == 17
    c.go_first()
    seen = []
    c.listeners.append(lambda what: what == DATE and seen.append(c.date))
    play.play()
    assert seen == []  # play() does not move from the first step: the first move is the first tick's
    qtbot.waitUntil(lambda: len(seen) > 0, timeout=2000)
    assert seen[0] == D(2025, 11, 10)
    play.pause()
    assert not play.is_playing()


def test_range_and_project_updates(qtbot, built):
    p, st, ids = built
    c = TimelineCursor(p)
    ranges = []
    c.listeners.append(lambda what: what == RANGE and ranges.append(c.range()))
    st.push(edit_zone(p, ids["north"], D(2025, 12, 15), status="ru_advance"))
    assert ranges[-1] == (D(2025, 11, 3), D(2025, 12, 15))
    c.set_range(D(2025, 11, 17), D(2025, 11, 10))  # given backwards: put in order
    assert c.range() == (D(2025, 11, 10), D(2025, 11, 17))
    c.go_last()
    assert c.date == D(2025, 11, 17)
    c.set_range(None)
    assert c.range() == (D(2025, 11, 3), D(2025, 12, 15))
    c.detach()
    assert c._on_project_changed not in p.listeners


@pytest.fixture
def host(qtbot, built):
    """A window hosting the bar with its shortcuts installed, as the main window does."""
    p, st, ids = built
    cursor = TimelineCursor(p)
    win = QWidget()
    bar = TimelineBar(Playback(cursor), win)
    QVBoxLayout(win).addWidget(bar)
    win.addActions(bar.shortcut_actions())
    win.resize(1000, 60)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.setFocus()
    return win, bar, cursor


def test_keyboard_steps_and_space_plays(qtbot, host):
    win, bar, cursor = host
    qtbot.keyClick(win, Qt.Key_Left)
    assert cursor.date == D(2025, 11, 24)
    qtbot.keyClick(win, Qt.Key_Left)
    qtbot.keyClick(win, Qt.Key_Right)
    assert cursor.date == D(2025, 11, 24)
    qtbot.keyClick(win, Qt.Key_Home)
    assert cursor.date == D(2025, 11, 3)
    qtbot.keyClick(win, Qt.Key_Right, Qt.ControlModifier)  # next change: Wednesday Nov 12
    assert cursor.date == D(2025, 11, 12)
    qtbot.keyClick(win, Qt.Key_Space)
    assert bar.playback.is_playing() and bar.act_play.text() == "Pause"
    qtbot.keyClick(win, Qt.Key_Space)
    assert not bar.playback.is_playing() and bar.act_play.text() == "Play"


def test_bar_controls_drive_the_cursor(qtbot, host):
    win, bar, cursor = host
    assert bar.date_edit.text() == "2025-12-01"
    bar.date_edit.setFocus()
    bar.date_edit.selectAll()
    qtbot.keyClicks(bar.date_edit, "2025-11-19")
    assert bar.date_edit.text() == "2025-11-19"
    assert cursor.date == D(2025, 12, 1)  # typing alone does not move time
    qtbot.keyClick(bar.date_edit, Qt.Key_Return)
    assert cursor.date == D(2025, 11, 19)
    bar.step_combo.setCurrentIndex(bar.step_combo.findData("month"))
    assert cursor.step == "month"
    bar.speed_combo.setCurrentIndex(bar.speed_combo.findData(15.0))
    assert bar.playback.fps == 15.0
    bar.act_loop.trigger()
    assert bar.playback.loop and bar.act_loop.isChecked()
    cursor.set_date(D(2025, 11, 5))
    assert bar.date_edit.text() == "2025-11-05"
    bar.range_whole.setChecked(False)
    bar.range_from.set_date(D(2025, 11, 10))
    bar.range_to.set_date(D(2025, 11, 20))
    bar.apply_range()
    assert cursor.range() == (D(2025, 11, 10), D(2025, 11, 20))


def test_clicking_a_mark_on_the_strip_jumps_to_it(qtbot, host):
    win, bar, cursor = host
    strip = bar.strip
    assert strip.marks() == [D(2025, 11, 3), D(2025, 11, 12), D(2025, 12, 1)]
    x = round(strip.x_of(D(2025, 11, 12))) + 3  # a few pixels off still hits the mark
    qtbot.mouseClick(strip, Qt.LeftButton, pos=QPoint(x, strip.height() // 2))
    assert cursor.date == D(2025, 11, 12)
    # Between marks a click scrubs to the nearest Monday.
    x = round(strip.x_of(D(2025, 11, 23)))
    qtbot.mouseClick(strip, Qt.LeftButton, pos=QPoint(x, strip.height() // 2))
    assert cursor.date == D(2025, 11, 24)


def test_changes_panel_lists_rows_and_selects_zones(qtbot, built):
    p, st, ids = built
    cursor = TimelineCursor(p)
    panel = ChangesPanel(cursor)
    qtbot.addWidget(panel)
    assert [r.zone_id for r in panel.rows] == [ids["rail"]]
    assert panel.table.item(0, 1).text() == "Contested / grey zone \u2192 Russian-controlled"
    # The quotes column marks each stance with its count, in the stance's colour.
    assert panel.table.item(0, 3).text() == "\u2713" + "1"
    assert panel.table.item(0, 3).foreground().color().name() == "#2e7d32"
    assert "1 supports" in panel.table.item(0, 3).toolTip()
    cursor.set_date(D(2025, 11, 17))
    assert [r.zone_id for r in panel.rows] == [ids["north"]]
    # Names are plain text, and tooltips escape them so Qt cannot take them for markup.
    assert panel.table.item(0, 0).text() == "North <b>bold</b>"
    assert "&lt;b&gt;" in panel.table.item(0, 0).toolTip()
    assert panel.table.item(0, 2).text().startswith("+")
    assert panel.table.item(0, 2).foreground().style() == Qt.NoBrush  # neutral: see km2_text's test
    with qtbot.waitSignal(panel.sigZoneSelected) as blocker:
        panel.table.selectRow(0)
    assert blocker.args == [ids["north"]]
    # An edit in that week shows up once the event loop has run.
    st.push(edit_zone(p, ids["rail"], D(2025, 11, 14), status="ru_advance"))
    qtbot.waitUntil(lambda: len(panel.rows) == 2, timeout=1000)
    panel.select_zone(ids["rail"])
    assert panel.table.selectionModel().selectedRows()[0].row() == \
        [r.zone_id for r in panel.rows].index(ids["rail"])
    panel.detach()
    assert panel._on_changes not in p.listeners


def test_changes_km2_are_signed_and_neutral():
    """+ when a zone grew or appeared, − when it shrank or ended (true minus signs), unsigned for
    a change of status; no red or green, which would judge whose gain it is."""
    from desktop.model.timeline import ChangeRow
    from desktop.ui.timeline.changes_panel import km2_text

    def row(old, new, gained, lost):
        return ChangeRow("z", "Z", "a", "A", old, new, None, None, gained, lost, 0, D(2025, 11, 3))

    assert km2_text(row("ru_control", "ru_control", 2.0, 0.5)) == "+1.5"
    assert km2_text(row("corridor", "corridor", 0.2, 1.5)) == "\u22121.3"
    assert km2_text(row(None, "contested", 9.6, 0.0)) == "+9.6"
    assert km2_text(row("ru_advance", None, 0.0, 6.1)) == "\u22126.1"
    assert km2_text(row("ru_advance", "ru_control", 8.0, 8.0)) == "8.0"
