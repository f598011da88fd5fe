"""Progress for long work (issue 17, item 5): the shared progress dialog shows the time left once
the rate so far means something; opening a project that takes more than a moment shows progress
and can be cancelled, leaving the file untouched and the previous project open; a cancelled
replay leaves no file under the final name (nor its .part)."""
from __future__ import annotations

import hashlib
import shutil
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from desktop.model.edits import rename_zone
from desktop.render import replay
from desktop.storage.project import projectfile
from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui.app import SAMPLE
from desktop.ui.dialogs import file_menu, media_export
from desktop.ui.dialogs.media_export import ReplayRequest
from desktop.ui.widgets import jobs
from desktop.ui.widgets.jobs import Estimate, run_job, time_left_text


@pytest.fixture
def win(qtbot, tmp_path):
    if not SAMPLE.exists():
        pytest.skip("the bundled sample is not built (resources/samples)")
    from desktop.ui.window.main_window import MainWindow
    path = tmp_path / "first.gpkg"
    shutil.copyfile(SAMPLE, path)
    w = MainWindow(open_project(path), path, restore_layout=False)
    w.keep_saved_layout()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.project.storage is not None:
        close_project(w.project)


def _cancel_button(dialog: QProgressDialog) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")


# -- the estimate -----------------------------------------------------------------------------
def test_the_estimate_waits_for_a_meaningful_rate_then_follows_it():
    now = [100.0]
    e = Estimate(clock=lambda: now[0])
    now[0] += 1.0
    assert e.seconds_left(0.5) is None  # one second in: the start-up would skew the rate
    now[0] += 9.0  # ten seconds in
    assert e.seconds_left(0.01) is None  # 1% done: too little to say
    assert e.seconds_left(0.25) == pytest.approx(30.0)  # 10 s for a quarter: 30 s for the rest
    assert e.text(0.25) == "Less than a minute left"
    assert e.text(0.05) == "About 3 min left"  # 190 s
    assert e.seconds_left(1.0) is None  # done: nothing left to announce
    assert time_left_text(2 * 3600 + 5 * 60) == "About 2 h 5 min left"


def test_a_slow_job_shows_the_time_left_in_its_dialog(qtbot, monkeypatch):
    monkeypatch.setattr(jobs, "ESTIMATE_AFTER_S", 0.2)
    from PySide6.QtWidgets import QWidget
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    go_on = threading.Event()

    def work(progress):
        for i in range(1, 1000):
            progress.report(i / 1000, f"Reading {i} of 1000…")
            time.sleep(0.01)  # ten seconds in all: the estimate says so
            if go_on.is_set():
                break
        return "read"

    outcome = []
    job = run_job(parent, "Slow", work, outcome.append, on_cancelled=lambda: outcome.append("cancelled"))
    qtbot.waitUntil(lambda: job.dialog is not None and "left" in job.dialog.labelText(), timeout=5000)
    label = job.dialog.labelText()
    assert label.startswith("Reading ") and label.splitlines()[-1] in (
        "Less than a minute left", "About 1 min left")  # ~10 s at this rate, however loaded the machine
    qtbot.mouseClick(_cancel_button(job.dialog), Qt.LeftButton)
    go_on.set()
    qtbot.waitUntil(lambda: outcome == ["cancelled"], timeout=5000)


# -- opening a project ------------------------------------------------------------------------
def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _slow_open(monkeypatch, steps: int = 400):
    """`open_project` as the storage layer reports its reading: `progress(fraction)` per step,
    which raises once Cancel was pressed (then nothing is opened)."""
    real = projectfile.open_project

    def slow(path, *, read_only=False, progress=None):
        for i in range(steps):
            if progress is not None:
                progress(i / steps)
            time.sleep(0.005)
        return real(path, read_only=read_only)
    monkeypatch.setattr(projectfile, "open_project", slow)
    monkeypatch.setattr(file_menu, "OPEN_DIALOG_AFTER_MS", 50)


def _click_cancel_when_shown(qtbot, win, seen: list) -> QTimer:
    timer = QTimer(win)

    def poll() -> None:
        dlg = next((d for d in win.findChildren(QProgressDialog) if d.isVisible()), None)
        if dlg is not None:
            seen.append(dlg.labelText())
            timer.stop()
            qtbot.mouseClick(_cancel_button(dlg), Qt.LeftButton)
    timer.timeout.connect(poll)
    timer.start(20)
    return timer


def test_cancelling_an_open_keeps_the_previous_project_and_the_file_untouched(qtbot, win, tmp_path, monkeypatch):
    other = tmp_path / "other.gpkg"
    shutil.copyfile(SAMPLE, other)
    before = _digest(other)
    files = sorted(p.name for p in tmp_path.iterdir())
    first, first_path = win.project, win.path
    _slow_open(monkeypatch)
    seen: list[str] = []
    _click_cancel_when_shown(qtbot, win, seen)
    assert file_menu.open_path(win, str(other)) is False
    assert seen and seen[0].startswith("Reading other.gpkg")  # the dialog showed the reading
    assert win.project is first and win.path == first_path
    assert "cancelled" in win.status.currentMessage() and "first.gpkg" in win.status.currentMessage()
    assert _digest(other) == before and sorted(p.name for p in tmp_path.iterdir()) == files
    # The previous project is still open for editing: an edit is written to its file.
    zid = next(iter(first.zones))
    assert win.push(rename_zone(first, zid, "Still open"))
    close_project(first)
    assert open_project(first_path).zones[zid].name == "Still open"
    win.project.storage = None  # closed above (the fixture would close it again)


def test_an_open_that_is_not_cancelled_switches_and_says_so(qtbot, win, tmp_path, monkeypatch):
    other = tmp_path / "other.gpkg"
    shutil.copyfile(SAMPLE, other)
    _slow_open(monkeypatch, steps=40)
    old = win.project
    assert file_menu.open_path(win, str(other)) is True
    assert win.project is not old and Path(win.path) == other and old.storage is None
    assert win.findChild(QProgressDialog) is None or not win.findChild(QProgressDialog).isVisible()


def test_an_open_that_fails_in_the_worker_reports_one_line(qtbot, win, tmp_path, monkeypatch):
    bad = tmp_path / "bad.gpkg"
    bad.write_bytes(b"not a project at all" * 100)
    shown = []
    monkeypatch.setattr(file_menu, "show_error", lambda w, title, text: shown.append(text))
    first = win.project
    assert file_menu.open_path(win, str(bad)) is False
    assert win.project is first and len(shown) == 1 and "bad.gpkg" in shown[0] and "\n" not in shown[0]


# -- a cancelled replay -----------------------------------------------------------------------
@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")
def test_a_cancelled_replay_leaves_no_file_nor_part(qtbot, win, tmp_path, monkeypatch):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "replay.mp4"
    real = replay.write_replay

    def cancelling(project, output, dates, step, size, fps, progress=None, **kw):
        def report(i, total):
            if i == 3:
                dlg = next(d for d in win.findChildren(QProgressDialog) if d.isVisible())
                qtbot.mouseClick(_cancel_button(dlg), Qt.LeftButton)
            return progress(i, total)
        return real(project, output, dates, step, size, fps, report, **kw)
    monkeypatch.setattr(replay, "write_replay", cancelling)
    result = media_export.export_replay(win, ReplayRequest(out, date(2025, 9, 1), date(2025, 11, 24), "week",
                                                           (320, 180), 4.0))
    assert result is None
    assert list(out_dir.iterdir()) == []  # neither replay.mp4 nor replay.part.mp4


def test_an_open_shows_the_reading_and_the_time_left(qtbot, win, tmp_path, monkeypatch):
    """`open_project` reports how far its reading is: the dialog's bar fills and, once the rate
    means something, says the time left."""
    other = tmp_path / "other.gpkg"
    shutil.copyfile(SAMPLE, other)
    real = projectfile.open_project

    def reading_slowly(path, *, read_only=False, progress=None):
        def slow(fraction: float) -> None:
            time.sleep(0.01)
            progress(fraction)
        return real(path, read_only=read_only, progress=slow)
    monkeypatch.setattr(projectfile, "open_project", reading_slowly)
    monkeypatch.setattr(projectfile, "READ_CHUNK", 3)
    monkeypatch.setattr(file_menu, "OPEN_DIALOG_AFTER_MS", 50)
    monkeypatch.setattr(jobs, "ESTIMATE_AFTER_S", 0.1)
    seen: list[tuple[int, str]] = []
    timer = QTimer(win)

    def poll() -> None:
        dlg = next((d for d in win.findChildren(QProgressDialog) if d.isVisible()), None)
        if dlg is not None:
            seen.append((dlg.value(), dlg.labelText()))
    timer.timeout.connect(poll)
    timer.start(20)
    first = win.project
    assert file_menu.open_path(win, str(other)) is True
    timer.stop()
    assert win.project is not first
    values = [v for v, _ in seen if v > 0]
    assert values and values == sorted(values)  # a bar that fills, not a busy one
    assert any("left" in text for _, text in seen)
