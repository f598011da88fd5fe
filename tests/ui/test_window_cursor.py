"""One timeline cursor and one selection for the whole window: every control that moves time moves
the map, the panels and the tools together, and every view shows the one selection."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from desktop.ui.window.main_window import MainWindow
from support.sample_window import sample_window


@pytest.fixture
def win(qtbot, tmp_path):
    yield from sample_window(qtbot, tmp_path)


def dates_on_screen(w: MainWindow) -> set[date]:
    """The date each part shows or acts on: they must be one."""
    return {w.cursor.date, w.canvas.frame_spec().when, w.context.when, w.inspector.when, w.evidence.when,
            w.timeline.bar.date_edit.date().toPython(), w.timeline.chart.cursor_line_date()}


def test_typing_a_date_moves_the_map_and_every_panel(qtbot, win):
    edit = win.timeline.bar.date_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "2025-11-17")
    qtbot.keyClick(edit, Qt.Key_Return)
    assert dates_on_screen(win) == {date(2025, 11, 17)}
    compare = win.compare  # made now: it reads the same cursor
    assert compare.when == date(2025, 11, 17)


def test_arrow_keys_and_playback_move_the_map(qtbot, win):
    win.canvas.setFocus()
    start = win.cursor.date
    qtbot.keyClick(win.canvas, Qt.Key_Left)  # the map lets the timeline have Left and Right
    assert dates_on_screen(win) == {start - timedelta(weeks=1)}
    qtbot.keyClick(win.canvas, Qt.Key_Right)
    assert dates_on_screen(win) == {start}
    win.cursor.go_first()
    first = win.cursor.date
    win.playback.play()
    win.playback.timer.timeout.emit()  # one frame, without waiting for the timer
    assert win.playback.is_playing() and win.timeline.bar.act_play.text() == "Pause"
    assert dates_on_screen(win) == {first + timedelta(weeks=1)}
    win.playback.pause()


def test_one_selection_for_the_map_the_panels_and_the_tools(qtbot, win):
    zone = next(z for z in win.project.zones.values() if z.name == "Pokrovsk south of the railway")
    win.changes.sigZoneSelected.emit(zone.id)  # a row of the changes list picks the zone
    assert win.selection.ids == (zone.id,) and tuple(win.context.selection) == (zone.id,)
    assert win.canvas.frame_spec().selection == frozenset({zone.id})
    assert win.inspector.title.text() == zone.name
    assert win.evidence.target_id == win.project.version_at(zone.id, win.cursor.date).id
    win.actions.delete.trigger()
    assert zone.id not in win.project.zones and win.selection.ids == ()
    assert win.inspector.title.text() == "No zone selected" and win.evidence.target_id is None
