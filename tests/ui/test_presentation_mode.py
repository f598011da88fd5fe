"""Presentation mode: the same pixels as the exported frame, hover controls, keys, the F11 action."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from desktop.model import Project, Quote, Source
from desktop.model.record_commands import put_record
from desktop.model.evidence_commands import link_quote
from desktop.render.frame import render_image
from desktop.ui.map.presentation import PresentationView
from desktop.ui.timeline.playback import Playback
from desktop.model.cursor import TimelineCursor
from desktop.render.step_frames import step_spec

from support.builders import pokrovsk_series

D = date
SIZE = (960, 540)


def pokrovsk_with_a_quote(shared_data) -> Project:
    """DeepState's weekly Pokrovsk series (Sep-Dec 2025) and a quote on the Dec 1 version."""
    p, st, _, zid, _ = pokrovsk_series(shared_data)
    st.push(put_record(p, "sources", Source("s", "Russian MoD <script>", reliability="E"), "s"))
    st.push(put_record(p, "quotes", Quote("q", "s", "Krasnoarmeysk has been fully liberated.", credibility=5,
                                          said_on=D(2025, 12, 1)), "q"))
    st.push(link_quote(p, "q", p.version_at(zid, D(2025, 12, 1)).id)[0])
    return p


def _pixels(img: QImage) -> np.ndarray:
    img = img.convertToFormat(QImage.Format_RGBA8888)
    a = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine() // 4, 4)
    return a[:, : img.width()].astype(np.int16)


def _assert_same(a: QImage, b: QImage) -> None:
    pa, pb = _pixels(a), _pixels(b)
    assert pa.shape == pb.shape
    diff = np.abs(pa - pb).max(axis=2)
    # Small tolerance: the two go through the same painter, onto a pixmap and an image.
    assert (diff > 8).mean() < 0.001, f"{(diff > 8).sum()} pixels differ"


@pytest.fixture
def view(qtbot, shared_data):
    p = pokrovsk_with_a_quote(shared_data)
    cursor = TimelineCursor(p)
    cursor.set_date(D(2025, 12, 1))
    v = PresentationView(Playback(cursor))
    v.resize(*SIZE)
    v.show()
    qtbot.waitExposed(v)
    yield v, cursor, p
    if shiboken6.isValid(v):  # it deletes itself once closed
        v.close()


def test_grab_equals_the_exported_frame(qtbot, view):
    v, cursor, p = view
    for d in (D(2025, 12, 1), D(2025, 10, 13)):
        cursor.set_date(d)
        grab = v.grab().toImage()
        spec = step_spec(p, d, "week")
        assert spec.chrome.date_caption and spec.chrome.legend and spec.chrome.north_arrow
        assert spec.previous == D(2025, 11, 24) if d == D(2025, 12, 1) else spec.previous == D(2025, 10, 6)
        _assert_same(grab, render_image(spec, *SIZE))
    # The two dates really are different pictures: the comparison above can fail.
    a = _pixels(render_image(step_spec(p, D(2025, 12, 1), "week"), *SIZE))
    b = _pixels(render_image(step_spec(p, D(2025, 10, 13), "week"), *SIZE))
    assert (np.abs(a - b).max(axis=2) > 8).mean() > 0.01


def test_captions_carry_the_step_change_and_its_quote(view):
    v, cursor, p = view
    caps = v.spec().chrome.captions
    assert caps[0].startswith("Occupied: Russian-controlled (assessed) +") and caps[0].endswith("km\u00b2")
    assert caps[1] == ("\u21b3 \u2713 Russian MoD <script> (E5), 2025-12-01 \u2014 "
                       "\u201cKrasnoarmeysk has been fully liberated.\u201d")
    cursor.set_date(D(2025, 9, 1))  # the first frame: nothing before it to compare with
    assert v.spec().previous is None


def test_controls_show_on_hover_and_hide_at_rest(qtbot, view):
    v, cursor, p = view
    assert not v.controls.isVisible()
    qtbot.mouseMove(v, QPoint(400, 300))
    qtbot.mouseMove(v, QPoint(420, 310))
    assert v.controls.isVisible() and v.hide_timer.isActive()
    assert v.controls.date_label.text().startswith("2025-12-01")
    v.controls.buttons["back"].click()
    assert cursor.date == D(2025, 11, 24)
    v.hide_timer.timeout.emit()
    assert not v.controls.isVisible()


def test_keys_step_play_and_leave(qtbot, view):
    v, cursor, p = view
    qtbot.keyClick(v, Qt.Key_Left)
    assert cursor.date == D(2025, 11, 24)
    qtbot.keyClick(v, Qt.Key_Right)
    qtbot.keyClick(v, Qt.Key_Right)
    assert cursor.date == D(2025, 12, 8)
    qtbot.keyClick(v, Qt.Key_Space)
    assert v.playback.is_playing()
    qtbot.keyClick(v, Qt.Key_Space)
    assert not v.playback.is_playing()
    with qtbot.waitSignal(v.sigClosed):
        qtbot.keyClick(v, Qt.Key_Escape)
    assert v._on_changes not in p.listeners


def test_f11_opens_full_screen_and_esc_unchecks(qtbot, shared_data):
    from desktop.ui.window.main_window import MainWindow
    p = pokrovsk_with_a_quote(shared_data)
    win = MainWindow(p, None, restore_layout=False)
    qtbot.addWidget(win)
    win.actions.presentation.setChecked(True)
    v = win.presentation_view
    assert isinstance(v, PresentationView) and v.cursor is win.cursor  # it moves the window's time
    qtbot.waitExposed(v)
    assert v.isFullScreen()
    with qtbot.waitSignal(v.sigClosed):
        qtbot.keyClick(v, Qt.Key_Escape)
    assert win.presentation_view is None and not win.actions.presentation.isChecked()
    # And toggling the action off closes an open view.
    win.actions.presentation.setChecked(True)
    v = win.presentation_view
    with qtbot.waitSignal(v.sigClosed):
        win.actions.presentation.setChecked(False)
