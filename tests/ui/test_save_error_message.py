"""An error while saving is never followed by a message that the edit was made (#16, item 1):
seen when GDAL's triggers failed every write and the status bar said "Zone 10 drawn" at once."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from PySide6.QtCore import Qt

from support.sample_window import sample_window


@pytest.fixture
def window(qtbot, tmp_path):
    yield from sample_window(qtbot, tmp_path)


def _click(qtbot, canvas, lon, lat, double=False):
    pos = canvas.lonlat_to_widget(lon, lat).toPoint()
    qtbot.mouseMove(canvas.viewport(), pos)
    qtbot.mousePress(canvas.viewport(), Qt.LeftButton, pos=pos)
    qtbot.mouseRelease(canvas.viewport(), Qt.LeftButton, pos=pos)
    if double:
        qtbot.mouseDClick(canvas.viewport(), Qt.LeftButton, pos=pos)


def _draw_far_from_everything(w, qtbot) -> None:
    w.cursor.set_date(date(2025, 11, 24))
    w.canvas.zoom_to_bbox_lonlat(37.55, 48.55, 37.65, 48.62)
    w.set_tool("draw_polygon")
    pts = [(37.58, 48.57), (37.62, 48.57), (37.62, 48.60)]
    for lon, lat in pts[:-1]:
        _click(qtbot, w.canvas, lon, lat)
    _click(qtbot, w.canvas, *pts[-1], double=True)


def test_a_failed_write_is_reported_not_covered_by_the_tools_message(window, qtbot, monkeypatch):
    w = window
    zones = set(w.project.zones)

    def failing_push(command):
        raise sqlite3.OperationalError("no such function: ST_IsEmpty")
    monkeypatch.setattr(w.stack, "push", failing_push)
    _draw_far_from_everything(w, qtbot)
    message = w.status.currentMessage()
    assert message.startswith("Could not write to the project file") and "ST_IsEmpty" in message
    assert "drawn" not in message
    assert set(w.project.zones) == zones


def test_a_written_edit_says_what_it_did(window, qtbot):
    w = window
    _draw_far_from_everything(w, qtbot)
    assert "drawn as of 2025-11-24" in w.status.currentMessage()
