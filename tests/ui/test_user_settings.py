"""Settings that belong to the user (#18, item 6): a screenshot run leaves the user's recent
files alone; the window layout is kept per screen size and View ▸ Reset Layout puts the panels
back; save dialogs start at the project's folder with the project's name."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.ui import app as app_mod
from desktop.ui.dialogs import file_menu
from desktop.ui.window import settings
from support.sample_window import sample_window

from .test_main_window import make_file


@pytest.fixture
def window(qtbot, tmp_path):
    yield from sample_window(qtbot, tmp_path)


def test_a_screenshot_run_leaves_recent_files_and_layout_alone(qapp, tmp_path):
    path, _ = make_file(tmp_path)
    before = settings.recent_files()
    assert app_mod.run_gui(str(path), date(2025, 12, 1), str(tmp_path / "s.png"), (900, 600)) == 0
    assert settings.recent_files() == before
    assert settings.load_layout() == (None, None)


def test_the_layout_is_kept_per_screen_size(qapp, monkeypatch):
    from PySide6.QtCore import QByteArray
    monkeypatch.setattr(settings, "screen_key", lambda: "1600x1000")
    settings.save_layout(QByteArray(b"geometry"), QByteArray(b"state"))
    assert settings.load_layout() == (QByteArray(b"geometry"), QByteArray(b"state"))
    monkeypatch.setattr(settings, "screen_key", lambda: "3840x2160")
    assert settings.load_layout() == (None, None)  # another screen starts from the default
    monkeypatch.setattr(settings, "screen_key", lambda: "1600x1000")
    settings.forget_layout()
    assert settings.load_layout() == (None, None)


def test_reset_layout_puts_a_widened_dock_back(window, qtbot):
    w = window
    QApplication.processEvents()
    start = w.inspector_dock.width()
    w.resizeDocks([w.inspector_dock], [700], Qt.Horizontal)
    QApplication.processEvents()
    assert w.inspector_dock.width() > start + 120  # widened, as an analyst drags it
    settings.save_layout(w.saveGeometry(), w.saveState())
    w.actions.reset_layout.trigger()
    QApplication.processEvents()
    assert abs(w.inspector_dock.width() - start) < 40
    assert settings.load_layout() == (None, None)
    assert "Layout reset" in w.status.currentMessage()


def test_save_dialogs_start_at_the_projects_folder_and_name(window, monkeypatch):
    w = window
    seen = []

    def fake(parent, title, start, filter_):
        seen.append(start)
        return "", ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    w.actions.export.trigger()
    w.actions.save_as.trigger()
    project = Path(w.path)
    assert seen == [str(project.with_name(project.stem + ".geojson")),
                    str(project.with_name(project.stem + " copy.gpkg"))]


def test_a_project_in_the_apps_own_folder_exports_to_documents(window, monkeypatch, tmp_path):
    """The sample's copy lives in the app's data folder (hidden, and its name was doubled:
    ~/.local/share/Frontline/Frontline); an export of it is proposed in Documents instead."""
    w = window
    monkeypatch.setattr(settings, "data_dir", lambda: Path(w.path).parent)
    monkeypatch.setattr(settings, "documents_dir", lambda: tmp_path / "Documents")
    assert file_menu.suggested_path(w, ".geojson") == str(tmp_path / "Documents" / (Path(w.path).stem + ".geojson"))
    from desktop.ui.dialogs import media_export
    seen = []
    monkeypatch.setattr(file_menu, "ask_save_path", lambda window, title, filter_, suggested=None: seen.append(suggested) or "")
    media_export.ask_image_path(w)
    media_export.ask_video_path(w, "mp4")
    media_export.ask_video_path(w, "folder")
    stem = Path(w.path).stem
    assert seen == [str(tmp_path / "Documents" / f"{stem}{s}") for s in (".png", ".mp4", " frames")]


def test_the_data_folder_name_is_not_doubled(monkeypatch, tmp_path):
    from PySide6.QtCore import QStandardPaths
    monkeypatch.delenv("FRONTLINE_DATA_DIR", raising=False)
    places = {QStandardPaths.GenericDataLocation: tmp_path / "share",
              QStandardPaths.AppDataLocation: tmp_path / "share" / "Frontline" / "Frontline"}
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda kind: str(places[kind])))
    assert settings.data_dir() == tmp_path / "share" / "Frontline"
