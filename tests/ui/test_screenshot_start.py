"""The --screenshot start: the picture is written losslessly whatever the PNG compression, and
the start-up's pause of the garbage collector never outlives `run_gui`."""
from __future__ import annotations

import atexit
import gc
from datetime import date

from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from desktop.ui import app as app_mod

from .test_main_window import make_file


def a_picture() -> QPixmap:
    pm = QPixmap(320, 200)
    pm.fill(QColor("#f4f5f7"))
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    for i in range(40):
        p.setPen(QColor.fromHsv(i * 9, 200, 180))
        p.drawEllipse(i * 7, i * 4 % 180, 30 + i, 20 + i)
    p.end()
    return pm


def test_png_is_lossless_and_other_suffixes_keep_their_format(qapp, tmp_path):
    pm = a_picture()
    out = tmp_path / "shot.png"
    assert app_mod._save_png(pm, str(out))
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    back = QImage(str(out)).convertToFormat(QImage.Format_RGB32)
    assert back == pm.toImage().convertToFormat(QImage.Format_RGB32)
    jpg = tmp_path / "shot.jpg"
    assert app_mod._save_png(pm, str(jpg)) and jpg.read_bytes()[:2] == b"\xff\xd8"
    assert not app_mod._save_png(pm, str(tmp_path / "no" / "such" / "dir.png"))


def test_run_gui_gives_the_collector_back(qapp, tmp_path, monkeypatch):
    registered = []
    monkeypatch.setattr(atexit, "register", lambda fn, *a: registered.append(fn))
    monkeypatch.setattr(app_mod, "_AT_EXIT", [])
    path, _ = make_file(tmp_path)
    gc.enable()  # conftest runs Qt tests with the collector off; it restores the state after
    assert app_mod.run_gui(str(path), date(2025, 12, 1), str(tmp_path / "a.png"), (900, 600)) == 0
    assert gc.isenabled()
    assert app_mod.run_gui(str(path), date(2025, 12, 1), str(tmp_path / "b.png"), (900, 600)) == 0
    assert registered.count(gc.freeze) == 1  # once per process, however often the GUI starts
    gc.disable()
    try:  # a caller that had switched it off keeps it off
        assert app_mod.run_gui(str(path), date(2025, 12, 1), str(tmp_path / "c.png"), (900, 600)) == 0
        assert not gc.isenabled()
    finally:
        gc.disable()  # as conftest had it: the widgets are closed after the test with it off


def test_blas_runs_one_thread_in_the_gui():
    """The CLI loads the GUI module before numpy, so numpy's OpenBLAS starts no worker threads
    (set by app.py unless the user set it); a user's own setting is kept."""
    import os
    import subprocess
    import sys
    code = ("import os, sys, desktop.cli\n"
            "assert 'numpy' not in sys.modules, 'the CLI imported numpy before the GUI module'\n"
            "import desktop.ui.app\n"
            "import numpy\n"
            "print(os.environ['OPENBLAS_NUM_THREADS'], len(os.listdir('/proc/self/task')))\n")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    setting, threads = out.stdout.split()
    assert setting == "1" and int(threads) == 1
    env["OPENBLAS_NUM_THREADS"] = "2"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.split()[0] == "2"


def test_the_process_exits_cleanly_after_a_screenshot(tmp_path):
    """The window is deleted while Python is whole: left to PySide's clean-up at exit, the
    area chart's axes were called back from Qt's destructors during interpreter shutdown and
    every `frontline --screenshot` (and every session) ended in a segmentation fault."""
    import os
    import shutil
    import subprocess
    import sys
    from desktop.ui.app import SAMPLE
    project = tmp_path / "sample.gpkg"
    shutil.copyfile(SAMPLE, project)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FRONTLINE_DATA_DIR=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    out = subprocess.run([sys.executable, "-m", "desktop", str(project), "--screenshot", str(tmp_path / "s.png"),
                          "--size", "1280x800", "--at", "2025-12-01"], env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, (out.returncode, out.stderr[-2000:])
    assert (tmp_path / "s.png").stat().st_size > 10_000
