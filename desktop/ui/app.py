"""Starting the GUI: the QApplication (style, bundled fonts), the project to open, the window.

`run_gui` is what `frontline [PROJECT] [--at DATE] [--screenshot OUT.png] [--size WxH]` calls.
With no PROJECT the bundled sample is copied to the user's data folder and opened there, so
nothing under `resources/` is ever written.
"""
from __future__ import annotations

import atexit
import gc
import os
import sys
from datetime import date
from pathlib import Path

# The GUI does no large linear algebra; numpy's OpenBLAS would start a worker thread per core
# as it loads (~0.05 s of start-up, busy threads that compete with the window for 2 cores).
# Set before numpy is first imported (the CLI imports this module first); a user's value wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from desktop.resources import RESOURCES  # noqa: E402

RESOURCES = RESOURCES
SAMPLE = RESOURCES / "samples" / "pokrovsk_myrnohrad_2025.gpkg"
EMPTY_NAME = "my_project.gpkg"
_AT_EXIT: list = []  # what run_gui registered with atexit (once per process)


def make_app():
    """The one QApplication, set up for a calm, consistent look (Fusion, bundled font)."""
    from PySide6.QtGui import QColor, QFont, QPalette
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("Frontline")
    app.setApplicationName("Frontline")
    app.setDesktopFileName("frontline")  # the task bar finds the menu entry's icon by it
    from PySide6.QtGui import QIcon
    from desktop.resources import resource
    app.setWindowIcon(QIcon(str(resource("app", "frontline.svg"))))
    app.setStyle("Fusion")
    # From Fusion's own light palette, not the desktop's: the map, its chrome and our colours
    # below are light, and a dark desktop theme would otherwise keep its light text on them.
    pal = app.style().standardPalette()
    pal.setColor(QPalette.Window, QColor("#f4f5f7"))
    pal.setColor(QPalette.Base, QColor("#ffffff"))
    pal.setColor(QPalette.AlternateBase, QColor("#f8f9fa"))
    pal.setColor(QPalette.Highlight, QColor("#1a73e8"))
    pal.setColor(QPalette.Button, QColor("#f4f5f7"))
    pal.setColor(QPalette.PlaceholderText, QColor("#80868b"))
    app.setPalette(pal)
    try:
        from desktop.render.fonts import map_family
        font = QFont(map_family())
        font.setPointSizeF(9.0)
        app.setFont(font)
    except ImportError:
        pass
    app.setStyleSheet(STYLE)
    # The interface's language: the Settings choice, else the system locale (only a Ukrainian
    # locale picks Ukrainian). Installed before any window is made, so every tr() sees it.
    from desktop.ui.i18n import install_translator
    install_translator(app)
    return app


# Quiet chrome: thin separators, no bevels; the map and its zones carry the colour.
STYLE = """
QMainWindow::separator { background: #dadce0; width: 1px; height: 1px; }
QDockWidget { titlebar-close-icon: none; }
QDockWidget::title { background: #eceef1; padding: 4px 6px; border-bottom: 1px solid #dadce0; }
QToolBar { border: none; border-bottom: 1px solid #dadce0; spacing: 2px; padding: 2px; }
QStatusBar { border-top: 1px solid #dadce0; }
QStatusBar QLabel { color: #3c4043; border-left: 1px solid #dadce0; }
QTreeWidget, QListWidget { border: none; }
"""


def default_project_path() -> tuple[Path, bool]:
    """Where the no-argument start opens: (path, exists already)."""
    from desktop.ui.window.settings import data_dir
    folder = data_dir()
    if SAMPLE.exists():
        dest = folder / SAMPLE.name
    else:
        dest = folder / EMPTY_NAME
    return dest, dest.exists()


def open_default_project():
    """A copy of the bundled sample (or a new empty project) in the user's data folder."""
    from desktop.model import edits
    from desktop.storage.project.projectfile import copy_file, create_project, open_project
    dest, exists = default_project_path()
    if not exists:
        dest.parent.mkdir(parents=True, exist_ok=True)
        if SAMPLE.exists():
            copy_file(SAMPLE, dest)
        else:
            project = create_project(dest, title="My project")
            cmd, _ = edits.add_assessment(project, "Our assessment", origin="own")
            project.apply(cmd.changes)
            return project, dest
    return open_project(dest), dest


def run_gui(path: str | None, at: date | None, screenshot: str | None,
            size: tuple[int, int] = (1600, 1000), *, select: str | None = None, panel: str | None = None,
            presentation: bool = False) -> int:
    if screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # At exit the interpreter's last collections walk every object start-up made (~0.07 s);
    # nothing there needs collecting as the process ends (the project file is closed by then).
    if gc.freeze not in _AT_EXIT:
        _AT_EXIT.append(gc.freeze)
        atexit.register(gc.freeze)
    # Start-up allocates much and frees little: the collector's passes over it (~0.03 s) would
    # find next to nothing. It runs again once the window is on screen.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        app = make_app()
        # A screenshot run is not the user's session: it neither restores nor saves a layout,
        # nor puts its file in the user's recent files.
        window = _open_window(path, at, restore_layout=not screenshot, remember=not screenshot)
        _apply_start_options(window, select, panel)
        if screenshot:
            return _screenshot(app, window, screenshot, size, presentation)
        window.show()
    finally:
        if was_enabled:
            gc.enable()
    if presentation:
        window.actions.presentation.setChecked(True)  # the F11 action opens the view
    try:
        return app.exec()
    finally:
        _dispose(window)


def _dispose(window) -> None:
    """Delete the window's widgets now, while Python is whole. Left to PySide's clean-up at
    exit, the chart's axes (Python overrides of Qt virtuals) were called back from Qt's
    destructors after the interpreter had begun to shut down, and the process died with a
    segmentation fault (exit 139) after every run and screenshot."""
    import shiboken6
    if shiboken6.isValid(window):
        window.close()
        shiboken6.delete(window)


def _open_window(path: str | None, at: date | None, restore_layout: bool, remember: bool = True):
    """The main window on PROJECT, or on the user's copy of the sample."""
    from desktop.storage.project.projectfile import open_project
    from desktop.ui.window.main_window import MainWindow
    from desktop.ui.window import settings
    from desktop.storage.team.url import is_team_url
    if path and is_team_url(path):
        # A team project (TeamError -> the CLI's one line), its URL remembered without a password.
        from desktop.storage.team.any_project import open_any
        from desktop.ui.dialogs import team_menu
        project = open_any(path, analyst=team_menu.analyst())
        if remember:
            team_menu.add_recent_url(path)
        return MainWindow(project, path, at=at, restore_layout=restore_layout)
    if path:
        project, project_path = open_project(path), Path(path)  # ProjectFileError -> the CLI's one line
    else:
        project, project_path = open_default_project()
    if remember:
        settings.add_recent_file(project_path)
    return MainWindow(project, project_path, at=at, restore_layout=restore_layout)


def _apply_start_options(window, select: str | None, panel: str | None) -> None:
    """--select and --panel: start with a zone selected and a panel in front (also for screenshots)."""
    from desktop.storage.errors import InputError
    if select:
        wanted = select.casefold()
        ids = [z.id for z in window.project.zones.values() if z.name.casefold() == wanted]
        if not ids:
            raise InputError(f"{window.path}: no zone named {select!r}")
        window.selection.set(ids[:1])
    if panel:
        getattr(window, f"{panel}_dock").raise_()


def _save_png(image, out: str) -> bool:
    """PNG at zlib level 1: ~30% quicker to write than the default level for ~6% more bytes
    (Qt maps quality 80 to level 1). Other formats by their suffix, at Qt's defaults."""
    from PySide6.QtGui import QImageWriter

    from desktop.render.export import PNG_QUALITY  # the level image export saves at
    writer = QImageWriter(out)
    if out.lower().endswith(".png"):
        writer.setFormat(b"png")
        writer.setQuality(PNG_QUALITY)
    return writer.write(image.toImage())


def _screenshot(app, window, out: str, size: tuple[int, int], presentation: bool = False) -> int:
    window.keep_saved_layout()  # do not overwrite the user's saved layout
    window.resize(*size)
    # The map is painted once, into the picture: painting while the layout settles painted it
    # at each intermediate size (3 frames, ~0.1 s on a large archive) before grab().
    window.canvas.setUpdatesEnabled(False)
    window.show()
    # Layout settles over a few event-loop turns (docks, tab bars), then the canvas paints.
    for _ in range(4):
        window.layout().activate()
        app.processEvents()
    window.hide_stale_tab_bars()
    window.canvas.setUpdatesEnabled(True)
    if len(window.selection):  # --select: the picture frames the zone it is about
        window.actions.zoom_selection.trigger()
        app.processEvents()
    if presentation:
        from desktop.ui.map.presentation import PresentationView
        view = PresentationView(window.playback, window.project, base=window.canvas.frame_spec(),
                                bbox=window.canvas.view_bbox())
        view.resize(*size)
        image = view.grab()
        view.close()
    else:
        image = window.grab()
    ok = _save_png(image, out)
    window.close()
    app.processEvents()
    _dispose(window)
    if not ok:
        print(f"frontline: error: cannot write {out}", file=sys.stderr)
        return 1
    return 0
