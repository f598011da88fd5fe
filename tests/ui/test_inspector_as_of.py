"""Every edit as of the cursor (issue #14, item 2), through the real inspector widgets: confidence
and notes changed inside a version split it on the cursor date; with "Correct this version"
checked they fix the version in place; a line says beforehand which of the two will happen."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from shapely.geometry import box

import desktop.model.clock as clock
from desktop.model import CommandStack, Project, add_assessment, create_zone, edit_zone
from desktop.model.cursor import TimelineCursor
from desktop.model.selection import Selection
from desktop.ui.inspector.inspector_dock import Inspector

NOV24, DEC1, DEC8, DEC15 = date(2025, 11, 24), date(2025, 12, 1), date(2025, 12, 8), date(2025, 12, 15)


@pytest.fixture
def setup(qtbot, monkeypatch):
    """Pokrovsk: Russian-controlled from Nov 24, contested from Dec 8; the cursor on Dec 1."""
    monkeypatch.setattr(clock, "today", lambda: DEC1)
    p = Project()
    stack = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    stack.push(cmd)
    cmd, zid = create_zone(p, name="Pokrovsk", assessment_id=aid, geometry=box(37, 48, 37.1, 48.1),
                           status="ru_control", as_of=NOV24, notes="DeepState")
    stack.push(cmd)
    stack.push(edit_zone(p, zid, DEC8, status="contested"))
    cursor = TimelineCursor(p, start=DEC1)
    ins = Inspector(cursor, Selection([zid]))
    qtbot.addWidget(ins)
    ins.set_project(p)
    ins.sigCommand.connect(stack.push)
    return p, stack, ins, zid, cursor


def _pick_high(ins: Inspector) -> None:
    """The analyst steps the confidence combo from "medium" to "high" with the keyboard."""
    assert ins.confidence.currentText() == "medium"
    QTest.keyClick(ins.confidence, Qt.Key_Down)
    assert ins.confidence.currentText() == "high"


def _type_notes(ins: Inspector, text: str) -> None:
    ins.notes.moveCursor(ins.notes.textCursor().MoveOperation.End)
    QTest.keyClicks(ins.notes, text)
    # Leaving the box commits the notes (one command per editing session).
    QApplication.sendEvent(ins.notes, QFocusEvent(QEvent.FocusOut, Qt.TabFocusReason))


def test_confidence_and_notes_inside_a_version_change_the_zone_from_the_cursor_date(setup):
    p, stack, ins, zid, _ = setup
    assert ins.scope.text() == "Edits apply from 2025-12-01 (the version since 2025-11-24 ends the day before)."
    _pick_high(ins)
    assert stack.labels()[-1] == "Set confidence of Pokrovsk as of 2025-12-01"
    # After the split the cursor sits on the new version's first day: further edits change it.
    assert ins.scope.text() == "Edits change the version from 2025-12-01."
    _type_notes(ins, "; flag video")
    old, new, later = p.versions_of(zid)
    assert (old.valid_from, old.valid_to, old.confidence, old.notes) == (NOV24, DEC1, "medium", "DeepState")
    assert (new.valid_from, new.valid_to, new.confidence, new.notes) == (DEC1, DEC8, "high", "DeepState; flag video")
    assert later.status == "contested"
    assert stack.labels()[-1] == "Set notes of Pokrovsk as of 2025-12-01"
    stack.undo()
    stack.undo()
    assert [(v.valid_from, v.confidence, v.notes) for v in p.versions_of(zid)] == [
        (NOV24, "medium", "DeepState"), (DEC8, "medium", "DeepState")]
    assert ins.confidence.currentText() == "medium" and ins.notes.toPlainText() == "DeepState"


def test_notes_alone_split_the_version_too(setup):
    p, _, ins, zid, _ = setup
    _type_notes(ins, "; denied by the General Staff")
    old, new, _later = p.versions_of(zid)
    assert (old.valid_to, old.notes) == (DEC1, "DeepState")
    assert (new.valid_from, new.notes) == (DEC1, "DeepState; denied by the General Staff")


def test_correct_this_version_fixes_it_in_place(setup):
    p, stack, ins, zid, _ = setup
    assert not ins.correct.isChecked()  # off by default
    before = p.versions_of(zid)
    QTest.mouseClick(ins.correct, Qt.LeftButton)
    assert ins.correct.isChecked()
    assert ins.scope.text() == ("Confidence and notes correct the version 2025-11-24 – 2025-12-08 in place; "
                                "status still changes from 2025-12-01.")
    _pick_high(ins)
    _type_notes(ins, " (typo)")
    after = p.versions_of(zid)
    assert [v.id for v in after] == [v.id for v in before]
    first = after[0]
    assert (first.valid_from, first.valid_to, first.confidence, first.notes) == (NOV24, DEC8, "high",
                                                                                "DeepState (typo)")
    assert after[1].confidence == "medium"
    assert stack.labels()[-2:] == ["Edit Pokrovsk", "Edit Pokrovsk"]
    assert ins.correct.isChecked()  # holds while the analyst stays on the version


def test_correct_mode_resets_when_the_date_or_selection_changes(setup):
    _, _, ins, zid, cursor = setup
    ins.correct.setChecked(True)
    cursor.set_date(DEC15)
    assert not ins.correct.isChecked()
    assert ins.scope.text() == "Edits apply from 2025-12-15 (the version since 2025-12-08 ends the day before)."
    ins.correct.setChecked(True)
    assert "from 2025-12-08 (still valid) in place" in ins.scope.text()
    ins.selection.set([zid])
    ins.selection.set([])
    ins.selection.set([zid])
    assert not ins.correct.isChecked()


def test_the_line_is_plain_text_and_hidden_without_a_version(setup):
    _, _, ins, _, cursor = setup
    assert ins.scope.textFormat() == Qt.PlainText
    cursor.set_date(NOV24)
    assert ins.scope.text() == "Edits change the version from 2025-11-24."
    cursor.set_date(date(2025, 11, 1))
    assert ins.scope.isHidden() and not ins.correct.isEnabled()
