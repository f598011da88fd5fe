"""The inspector: each field edit is one command, written to the file (reopened to check),
undo shows in the panel, and clicking a version moves the timeline cursor."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui.window.main_window import MainWindow

from .test_main_window import make_file


@pytest.fixture
def win(qtbot, tmp_path, shared_data):
    path, zid = make_file(tmp_path, shared_data)
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    w.selection.set([zid])
    w.zone_id = zid
    yield w
    if w.project.storage is not None:
        close_project(w.project)


def reopen(w):
    path = w.path
    close_project(w.project)
    return open_project(path)


def test_shows_the_selected_zone_as_of_the_cursor(win):
    ins = win.inspector
    assert ins.title.text() == "Pokrovsk"
    assert ins.status.currentData() == "ru_control"
    assert ins.valid_from.date().toPython() == date(2025, 12, 1)
    assert ins.valid_to.text() == "" and ins.valid_to.placeholderText() == "still valid"
    assert float(ins.area.text().split()[0].replace(",", "")) > 50  # the real occupied area, km²
    win.cursor.set_date(date(2025, 11, 1))
    assert "no shape on 2025-11-01" in ins.subtitle.text() and not ins.confidence.isEnabled()
    assert not ins.valid_from.isEnabled()


def test_rename_status_confidence_notes_are_commands_written_through(win):
    ins, zid = win.inspector, win.zone_id
    ins.name.setText("Pokrovsk (south)")
    ins.name.editingFinished.emit()
    win.cursor.set_date(date(2025, 12, 8))
    i = ins.status.findData("contested")
    ins.status.setCurrentIndex(i)
    ins.status.activated.emit(i)
    ins.confidence.setCurrentText("high")
    ins.confidence.activated.emit(ins.confidence.currentIndex())
    ins.notes.setPlainText("Flag video on Shybankova Square")
    ins.notes.editingFinished.emit()
    assert win.stack.labels()[0] == "Rename Pokrovsk to Pokrovsk (south)"
    assert win.stack.labels()[1].startswith("Set Pokrovsk (south) to Contested")
    assert len(win.stack.labels()) == 4
    assert ins.versions.topLevelItemCount() == 2
    # The versions table is narrow: short status labels, the full one and "still valid" in tooltips.
    first, last = ins.versions.topLevelItem(0), ins.versions.topLevelItem(1)
    assert first.text(2) == "Russian-controlled" and "Russian-controlled (assessed)" in first.toolTip(2)
    assert last.text(1) == "…" and last.toolTip(1) == "still valid"
    p = reopen(win)
    assert p.zones[zid].name == "Pokrovsk (south)"
    old, new = p.versions_of(zid)
    assert (old.status, old.valid_from, old.valid_to) == ("ru_control", date(2025, 12, 1), date(2025, 12, 8))
    assert (new.status, new.confidence, new.notes) == ("contested", "high", "Flag video on Shybankova Square")
    assert old.confidence == "medium" and old.notes == ""


def test_undo_shows_in_the_panel(win):
    ins = win.inspector
    ins.confidence.setCurrentText("low")
    ins.confidence.activated.emit(ins.confidence.currentIndex())
    assert win.project.version_at(win.zone_id, win.cursor.date).confidence == "low"
    win.actions.undo.trigger()
    assert ins.confidence.currentText() == "medium"


def test_no_command_when_nothing_changed(win):
    ins = win.inspector
    ins.name.editingFinished.emit()
    ins.notes.editingFinished.emit()
    ins.status.activated.emit(ins.status.currentIndex())
    assert win.stack.labels() == []


def test_clicking_a_version_moves_the_cursor(win):
    win.cursor.set_date(date(2025, 12, 15))
    ins = win.inspector
    i = ins.status.findData("contested")
    ins.status.activated.emit(i)
    first = ins.versions.topLevelItem(0)
    ins.versions.itemClicked.emit(first, 0)
    assert win.cursor.date == date(2025, 12, 1)
    assert ins.status.currentData() == "ru_control"


def test_untrusted_text_is_plain(win):
    ins = win.inspector
    ins.name.setText("<b>bold</b>")
    ins.name.editingFinished.emit()
    assert ins.title.textFormat() == Qt.PlainText and ins.title.text() == "<b>bold</b>"


def test_valid_dates_are_edited_as_a_command_and_written_through(win):
    from PySide6.QtCore import QDate
    ins, zid = win.inspector, win.zone_id
    v = win.project.version_at(zid, date(2025, 12, 1))
    ins.valid_to.setDate(QDate(2025, 12, 20))
    ins.valid_to.editingFinished.emit()
    assert win.stack.labels()[-1].startswith("Dates of Pokrovsk")
    p = reopen(win)
    assert p.versions[v.id].valid_to == date(2025, 12, 20)
    close_project(p)
