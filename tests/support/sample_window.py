"""A real main window on a copy of the bundled sample, shown at 1400x900, for window tests."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui.app import SAMPLE
from desktop.ui.window.main_window import MainWindow


def sample_window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    """Yield the window; close its project after (a generator for a pytest fixture)."""
    path = tmp_path / "sample.gpkg"
    shutil.copyfile(SAMPLE, path)
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.project.storage is not None:
        close_project(w.project)
