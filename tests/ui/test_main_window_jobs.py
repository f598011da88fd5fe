"""Long work off the GUI thread: an import runs as a job and lands as one undo step; a
cancelled import leaves the project (and its file) as they were."""
from __future__ import annotations

import threading

import pytest

from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui.dialogs import file_menu as dialogs_file
from desktop.ui.widgets.jobs import run_job
from desktop.ui.window.main_window import MainWindow

from .test_main_window import make_file

SERIES = "frontline/deepstate_cyterat_pokrovsk_2025"


@pytest.fixture
def win(qtbot, tmp_path):
    path, _ = make_file(tmp_path)
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    yield w
    if w.project.storage is not None:
        close_project(w.project)


def test_import_runs_as_a_job_and_is_one_undo_step(qtbot, win, shared_data):
    files = sorted((shared_data / SERIES).glob("*.geojson"))[:2]
    before = len(win.project.versions)
    job = dialogs_file.import_files(win, [str(f) for f in files], assessment="DeepState", status="ru_control")
    with qtbot.waitSignal(job.sigEnded, timeout=60000):
        pass
    assert job.outcome == "done"
    names = {a.name for a in win.project.assessments.values()}
    assert "DeepState" in names
    ours = next(a.id for a in win.project.assessments.values() if a.name == "Our assessment")
    assert win.context.assessment_id == ours  # an import never moves the Editing target
    added = len(win.project.versions) - before
    assert added >= 2 and win.stack.labels() == ["Import 2 files"]
    path = win.path
    close_project(win.project)
    assert len(open_project(path).versions) == before + added


def test_cancelled_import_changes_nothing(qtbot, win, shared_data):
    files = [str(f) for f in sorted((shared_data / SERIES).glob("*.geojson"))]
    snapshot = win.project.snapshot()
    gate = threading.Event()

    from desktop.ui.widgets import jobs
    original_report = jobs.Progress.report

    def slow_report(self, fraction, text=""):
        gate.wait(10)  # hold the worker until the test has pressed Cancel
        original_report(self, fraction, text)
    jobs.Progress.report = slow_report
    try:
        job = dialogs_file.import_files(win, files, assessment="DeepState", status="ru_control")
        job.cancel()
        gate.set()
        with qtbot.waitSignal(job.sigEnded, timeout=60000):
            pass
    finally:
        jobs.Progress.report = original_report
    assert job.outcome == "cancelled"
    assert win.project.snapshot().keys() == snapshot.keys()
    assert all(win.project.table(t) == rows for t, rows in snapshot.items())
    assert win.stack.labels() == [] and "cancelled" in win.status.currentMessage()


def test_failed_work_reports_one_line(qtbot, win):
    errors = []

    def work(progress):
        raise ValueError("bad.geojson: feature 3: not a polygon")
    job = run_job(win, "Working", work, lambda r: None, errors.append, show_dialog=False)
    with qtbot.waitSignal(job.sigEnded, timeout=10000):
        pass
    assert errors == ["bad.geojson: feature 3: not a polygon"]


def test_the_gui_thread_stays_free(qtbot, win):
    """The work runs in another thread than the one that started it."""
    seen = {}

    def work(progress):
        seen["thread"] = threading.get_ident()
        return 42
    results = []
    job = run_job(win, "Working", work, results.append, show_dialog=False)
    with qtbot.waitSignal(job.sigEnded, timeout=10000):
        pass
    assert results == [42] and seen["thread"] != threading.get_ident()


def test_export_runs_as_a_job(qtbot, win, tmp_path):
    import json
    out = tmp_path / "out.geojson"
    job = dialogs_file.export_project(win, str(out), history=False)
    with qtbot.waitSignal(job.sigEnded, timeout=30000):
        pass
    assert job.outcome == "done", job.error
    features = json.loads(out.read_text())["features"]
    assert [f["properties"]["name"] for f in features] == ["Pokrovsk"]
    assert "out.geojson" in win.status.currentMessage()
