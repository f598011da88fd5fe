"""Shared test setup. Qt must be told to run offscreen before any Qt module loads."""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FRONTLINE_OFFLINE_TEST", "1")

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("ci", deadline=None, derandomize=True, max_examples=40,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """`../shared/data`, or skip: the real data lives beside the repo, never in it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data folder {SHARED_DATA} is absent")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _collect_garbage_between_qt_tests(request):
    """Python's cyclic garbage collector must not run inside a Qt call: collecting a widget of
    an earlier test's window while Qt holds a signal mutex (pyqtgraph disconnecting a view)
    deadlocks the process in QObject::~QObject. Tests with Qt run with the collector off and
    collect after the test, outside any Qt call, as the app does on its idle timer."""
    if not {"qapp", "qtbot"} & set(request.fixturenames):
        yield
        return
    import gc
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        if was_enabled:
            gc.enable()


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, monkeypatch):
    """Keep QSettings and the user data folder out of the developer's home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QSettings
        QSettings.setDefaultFormat(QSettings.IniFormat)
        QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(home / "config"))
    yield
