"""Labels and refusals made in the interface's own code keep the core's way (#18): an
assessment's Properties command is labelled by a Message (English in the undo stack, the
language of the moment in the History dock), a duplicate name is refused in the interface's
language, and a raster layer's refused file reads in Ukrainian in the status bar."""
from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication

from desktop.model.edits import EditError
from desktop.model.messages import Message
from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui import i18n
from desktop.ui.dialogs.assessment_properties import properties_command
from desktop.ui.map import raster_layers
from desktop.ui.window.main_window import MainWindow

from render.test_raster_files import make_georef_png, make_mbtiles

from .test_main_window import make_file

CYRILLIC = re.compile("[А-Яа-яІіЇїЄєҐґ]")


@pytest.fixture
def ukrainian(qapp):
    assert i18n.install_translator(qapp, "uk") == "uk"
    yield
    i18n.remove_translators(qapp)


@pytest.fixture
def win(qtbot, tmp_path):
    path, _ = make_file(tmp_path)
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    QApplication.processEvents()
    yield w
    if w.project.storage is not None:
        close_project(w.project)


def test_assessment_properties_label_is_english_in_the_stack_and_ukrainian_in_history(qtbot, ukrainian, win):
    p = win.project
    aid = next(iter(p.assessments))
    cmd = properties_command(p, aid, {"name": "Ours, renamed", "credit": "© us"})
    assert cmd.label == "Assessment properties: Ours, renamed" and isinstance(cmd.label, Message)
    assert win.push(cmd)
    assert win.stack.labels()[-1] == "Assessment properties: Ours, renamed"  # English kept
    history = win.history_dock.list
    assert history.item(history.count() - 1).text() == "Властивості оцінки: Ours, renamed"
    win.actions.undo.trigger()  # the undone row too
    assert history.item(history.count() - 1).text().startswith("Властивості оцінки: Ours, renamed")


def test_a_duplicate_assessment_name_is_refused_in_the_interface_language(qapp, ukrainian, win):
    p = win.project
    aid = next(iter(p.assessments))
    from desktop.model.edits import add_assessment
    cmd, _ = add_assessment(p, "Theirs")
    assert win.push(cmd)
    with pytest.raises(EditError) as e:
        properties_command(p, aid, {"name": "Theirs"})
    assert str(e.value) == "інша оцінка вже має назву 'Theirs'"


def test_a_raster_file_of_another_kind_is_refused_in_ukrainian(qtbot, ukrainian, win, tmp_path, monkeypatch):
    tiles = make_mbtiles(tmp_path / "t.mbtiles", zooms=(11,), radius=1)
    monkeypatch.setattr(raster_layers, "choose_raster_file", lambda *a: str(tiles))
    win.actions.add_raster.trigger()
    rid, = win.project.rasters
    png = make_georef_png(tmp_path / "photo.png", (37.1, 48.2, 37.2, 48.3))
    monkeypatch.setattr(raster_layers, "choose_raster_file", lambda *a: str(png))
    win.layers.rasters.locate(rid)  # the model refuses it (EditError): shown through `shown`
    status = win.status.currentMessage()
    assert "photo.png" in status and CYRILLIC.search(status), status
    assert "choose a file" not in status and "same kind" not in status, status
    assert win.project.rasters[rid].path == str(tiles.resolve())
