"""Panels behind a tab (Sources, Changes, Compare) are made when first shown, not at start-up,
and the window looks exactly as if they were there from the start."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui.app import SAMPLE
from support.sample_window import sample_window

ROOT = Path(__file__).resolve().parents[2]
# Modules the window imports only when first used: the hidden panels, presentation mode, dialogs.
LAZY_MODULES = ["desktop.ui.evidence.sources_dock", "desktop.ui.timeline.changes_panel", "desktop.ui.compare.panel",
                "desktop.ui.map.presentation", "desktop.ui.dialogs.file_menu", "desktop.ui.dialogs.goto",
                "desktop.ui.dialogs.media_export", "desktop.ui.dialogs.help", "desktop.ui.dialogs.legend_editor"]

# Run as the app runs (its style, font and palette decide the sizes), in a fresh process that
# also shows which heavy modules start-up loaded.
PROBE = r"""
import json, sys
from desktop.ui.app import make_app
app = make_app()
from desktop.storage.project.projectfile import open_project
from desktop.ui.window.lazy_panels import PANEL_SIZES
from desktop.ui.window.main_window import MainWindow
lazy_path, eager_path = sys.argv[1:3]
LAZY_MODULES = json.loads(sys.argv[3])
def show(w):
    w.resize(1600, 1000)
    w.show()
    for _ in range(4):
        app.processEvents()
lazy = MainWindow(open_project(lazy_path), lazy_path, restore_layout=False)
show(lazy)
modules = [m for m in ("pyproj", "qtawesome", "qtpy") if m in sys.modules]
lazy_modules = [m for m in LAZY_MODULES if m in sys.modules]
eager = MainWindow(open_project(eager_path), eager_path, restore_layout=False)
real = {attr: getattr(eager, attr) for attr in PANEL_SIZES}  # made before the window shows
show(eager)
docks = ("layers", "inspector", "evidence", "history", "sources", "timeline", "changes", "compare")
geometry = lambda w: {d: getattr(w, d + "_dock").geometry().getRect() for d in docks}
def effective(p):  # what a layout takes as the panel's minimum (QWidget's smart minimum size)
    hint = p.minimumSizeHint()
    return [p.minimumWidth() or hint.width(), p.minimumHeight() or hint.height()]
print(json.dumps({
    "lazy": geometry(lazy), "eager": geometry(eager),
    "made_at_start": [a for a in PANEL_SIZES if lazy.built_panel(a) is not None],
    "sizes": {a: [[m.width(), m.height()], [s.width(), s.height()]] for a, (m, s) in PANEL_SIZES.items()},
    "real": {a: [effective(p), [p.sizeHint().width(), p.sizeHint().height()]] for a, p in real.items()},
    "modules": modules,
    "lazy_modules": lazy_modules,
}))
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lazy")
    paths = [tmp / "lazy.gpkg", tmp / "eager.gpkg"]
    for p in paths:
        shutil.copyfile(SAMPLE, p)
        close_project(open_project(p))  # the first writable open stores the zones' areas
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FRONTLINE_DATA_DIR=str(tmp / "data"),
               XDG_CONFIG_HOME=str(tmp / "config"))
    out = subprocess.run([sys.executable, "-c", PROBE, *map(str, paths), json.dumps(LAZY_MODULES)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_start_up_makes_no_hidden_panel(probe):
    assert probe["made_at_start"] == []


def test_docks_are_laid_out_as_with_the_real_panels(probe):
    """The placeholders claim the sample's panels' sizes, so every dock has the same geometry."""
    assert probe["lazy"] == probe["eager"]


def test_placeholder_sizes_are_the_real_panels(probe):
    # If a panel's layout changes, update PANEL_SIZES in desktop/ui/window/lazy_panels.py to these.
    assert probe["sizes"] == probe["real"]


def test_start_up_loads_neither_pyproj_nor_an_icon_font(probe):
    # pyproj (~0.07 s) is only needed to measure or reproject; the icons are our own drawings.
    assert probe["modules"] == []


def test_start_up_imports_no_hidden_panel_presentation_or_dialog_module(probe):
    assert probe["lazy_modules"] == []


@pytest.fixture
def window(qtbot, tmp_path):
    yield from sample_window(qtbot, tmp_path)


def test_a_tab_brought_to_the_front_gets_its_panel(window, qtbot):
    assert window.built_panel("compare") is None
    window.compare_dock.raise_()
    qtbot.waitUntil(lambda: window.built_panel("compare") is not None)
    panel = window.built_panel("compare")
    assert window.compare_dock.widget() is panel and panel.project is window.project
    qtbot.waitUntil(panel.isVisible)
    window.sources_dock.raise_()
    qtbot.waitUntil(lambda: window.built_panel("sources") is not None)
    assert window.sources_dock.widget() is window.built_panel("sources")
    assert window.built_panel("changes") is None  # still behind Evidence


def test_asking_for_a_panel_makes_it_once(window):
    assert window.built_panel("changes") is None
    panel = window.changes
    assert panel is window.changes is window.built_panel("changes") is window.changes_dock.widget()


def test_moving_in_time_does_not_make_hidden_panels(window):
    window.cursor.set_date(date(2025, 11, 3))
    assert [a for a in ("sources", "changes", "compare") if window.built_panel(a)] == []


def test_a_new_project_gets_new_panels(window, tmp_path):
    old_sources, old_compare = window.sources, window.compare
    path = tmp_path / "other.gpkg"
    shutil.copyfile(SAMPLE, path)
    old_project = window.project
    close_project(old_project)
    window.set_project(open_project(path), path)
    assert window.sources is not old_sources and window.sources.project is window.project
    assert window.compare is not old_compare and window.compare.project is window.project
    assert window.sources_dock.widget() is window.sources
