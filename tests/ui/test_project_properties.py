"""Project properties (#15, item 5): title, subtitle, organisation and licence are typed in
File ▸ Project Properties…, kept in the project file as one undoable edit, shown in the window's
title, and carried by the exports."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from desktop.storage.exports.exporter import export_project
from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui.dialogs import project_properties as pp
from support.sample_window import sample_window

TYPED = {"title": "Pokrovsk axis <weekly>", "subtitle": "Control of terrain, as assessed",
         "organisation": "Frontline desk", "licence": "CC BY 4.0"}


@pytest.fixture
def window(qtbot, tmp_path):
    yield from sample_window(qtbot, tmp_path)


def _type_into_dialog(monkeypatch, values: dict[str, str], accept: bool = True) -> list:
    shown = []

    def exec_(dlg: pp.ProjectProperties) -> int:
        shown.append({k: e.text() for k, e in dlg.edits.items()})
        for key, text in values.items():
            e = dlg.edits[key]
            e.setFocus()
            e.selectAll()
            QTest.keyClicks(e, text)
        return QDialog.Accepted if accept else QDialog.Rejected
    monkeypatch.setattr(pp.ProjectProperties, "exec", exec_)
    return shown


def test_typed_properties_are_saved_undoable_and_exported(window, monkeypatch, tmp_path):
    w = window
    before = w.project.info
    shown = _type_into_dialog(monkeypatch, TYPED)
    w.actions.project_properties.trigger()
    assert shown == [{"title": before.title, "subtitle": "", "organisation": "", "licence": ""}]
    info = w.project.info
    assert (info.title, info.subtitle, info.organisation, info.licence) == tuple(TYPED.values())
    assert w.windowTitle().startswith("Pokrovsk axis <weekly> — ")
    # In the file, as one transaction; back to what it was with one undo.
    copy = open_project(w.path, read_only=True)
    assert copy.info == info
    close_project(copy)
    gj = tmp_path / "out.geojson"
    export_project(w.project, gj)
    fc = json.loads(gj.read_text(encoding="utf-8"))
    assert fc["name"] == TYPED["title"] and fc["frontline"]["licence"] == "CC BY 4.0"
    assert "\u00a9 Frontline desk \u00b7 CC BY 4.0" in fc["description"]
    kml = tmp_path / "out.kml"
    export_project(w.project, kml)
    doc = ET.parse(kml).getroot()[0]
    ns = "{http://www.opengis.net/kml/2.2}"
    assert doc.find(f"{ns}name").text == TYPED["title"]
    assert doc.find(f"{ns}description").text.splitlines() == [TYPED["subtitle"], "\u00a9 Frontline desk \u00b7 CC BY 4.0"]
    w.actions.undo.trigger()
    assert w.project.info == before


def test_cancel_or_no_change_writes_nothing_and_a_title_cannot_be_emptied(window, monkeypatch):
    w = window
    before = w.project.info
    _type_into_dialog(monkeypatch, {"subtitle": "x"}, accept=False)
    w.actions.project_properties.trigger()
    _type_into_dialog(monkeypatch, {})
    w.actions.project_properties.trigger()
    assert w.project.info == before and not w.stack.can_undo()
    _type_into_dialog(monkeypatch, {"title": "   ", "subtitle": "Kept"})
    w.actions.project_properties.trigger()
    assert w.project.info.title == before.title and w.project.info.subtitle == "Kept"


def test_read_only_project_cannot_open_the_dialog(qtbot, tmp_path):
    import shutil
    from desktop.ui.app import SAMPLE
    from desktop.ui.window.main_window import MainWindow
    path = tmp_path / "ro.gpkg"
    shutil.copyfile(SAMPLE, path)
    w = MainWindow(open_project(path, read_only=True), path, restore_layout=False)
    qtbot.addWidget(w)
    assert not w.actions.project_properties.isEnabled()
    close_project(w.project)
