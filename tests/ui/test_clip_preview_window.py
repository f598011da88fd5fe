"""Clipping without surprises in the real window (#14, item 5): while a polygon is drawn with the
mouse, the neighbour it will cut is outlined on the canvas and named in the status bar; drawn over
a zone of the same status, the window asks, and each answer does what it says."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from desktop.ui.window import offers
from support.sample_window import sample_window

D = date(2025, 11, 24)
# Three corners inside and around the sample's contested "Northern Pokrovsk".
CORNERS = [(37.15, 48.295), (37.20, 48.295), (37.20, 48.325), (37.15, 48.325)]


@pytest.fixture
def window(qtbot, tmp_path):
    yield from sample_window(qtbot, tmp_path)


def _zone(w, name: str) -> str:
    return next(z.id for z in w.project.zones.values() if z.name == name)


def _click(qtbot, canvas, lon, lat, double=False):
    pos = canvas.lonlat_to_widget(lon, lat).toPoint()
    qtbot.mouseMove(canvas.viewport(), pos)
    qtbot.mousePress(canvas.viewport(), Qt.LeftButton, pos=pos)
    qtbot.mouseRelease(canvas.viewport(), Qt.LeftButton, pos=pos)
    if double:
        qtbot.mouseDClick(canvas.viewport(), Qt.LeftButton, pos=pos)


def _orange_pixels(w) -> int:
    img = w.canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    a = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine() // 4, 4)
    b, g, r = a[..., 0].astype(int), a[..., 1].astype(int), a[..., 2].astype(int)
    return int(((abs(r - 0xd8) < 12) & (abs(g - 0x43) < 14) & (abs(b - 0x15) < 14)).sum())


def _draw(w, qtbot, status: str) -> None:
    w.cursor.set_date(D)
    w.canvas.zoom_to_bbox_lonlat(37.10, 48.27, 37.25, 48.34)
    w.editing.status.setCurrentIndex(w.editing.status.findData(status))
    w.editing.status.activated.emit(w.editing.status.currentIndex())
    w.set_tool("draw_polygon")
    plain = _orange_pixels(w)
    for lon, lat in CORNERS[:3]:
        _click(qtbot, w.canvas, lon, lat)
    assert "Will cut Northern Pokrovsk" in w.status.currentMessage()
    assert _orange_pixels(w) > plain + 200, "the neighbour to be cut is not outlined"
    _click(qtbot, w.canvas, *CORNERS[3], double=True)


def test_the_cut_is_shown_then_reported_with_its_km2(window, qtbot):
    w = window
    north = _zone(w, "Northern Pokrovsk")
    before = w.project.version_at(north, D).geometry
    _draw(w, qtbot, "ru_control")
    message = w.status.currentMessage()
    assert "drawn as of 2025-11-24" in message and "clipped Northern Pokrovsk (−" in message
    assert w.project.version_at(north, D).geometry.area < before.area
    # The whole message, however long, is the status bar's tooltip, as text (not markup).
    assert "clipped Northern Pokrovsk (−" in w.status.toolTip()
    w.message("Zone <b>x</b> drawn")
    assert "&lt;b&gt;x&lt;/b&gt;" in w.status.toolTip()


@pytest.mark.parametrize("answer", ["add", "new", "cancel"])
def test_drawing_over_the_same_status_asks(window, qtbot, monkeypatch, answer):
    w = window
    north = _zone(w, "Northern Pokrovsk")
    zones, shape = set(w.project.zones), w.project.version_at(north, D).geometry
    asked = []

    def ask(parent, offer):
        asked.append(offer)
        pick = {"add": 0, "new": 1}.get(answer)
        return None if pick is None else offer.choices[pick]
    monkeypatch.setattr(offers, "ask", ask)
    _draw(w, qtbot, "contested")
    assert len(asked) == 1 and "Northern Pokrovsk" in asked[0].question
    after = w.project.version_at(north, D).geometry
    if answer == "add":
        assert set(w.project.zones) == zones and after.area > shape.area
        assert list(w.selection) == [north]
    elif answer == "new":
        assert len(set(w.project.zones) - zones) == 1 and after.area < shape.area
    else:
        assert set(w.project.zones) == zones and after.equals(shape)
        assert "nothing drawn" in w.status.currentMessage()
        assert not w.stack.can_undo()
