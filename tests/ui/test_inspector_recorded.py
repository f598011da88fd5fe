"""The second date of a version in the panels (issue #14): the inspector shows and edits
`recorded_on` (one command, undoable), the versions table lists it, the history dock's tooltip
says when an edit was recorded."""
from __future__ import annotations

from datetime import date

import pytest
from shapely.geometry import box

import desktop.model.clock as clock
from desktop.model import CommandStack, Project, add_assessment, create_zone, edit_zone
from desktop.model.cursor import TimelineCursor
from desktop.model.selection import Selection
from desktop.ui.inspector.inspector_dock import Inspector
from desktop.ui.widgets.date_inputs import to_qdate
from desktop.ui.window.history_dock import HistoryDock, recorded_note

TODAY = date(2025, 11, 25)
D1, D2 = date(2025, 11, 3), date(2025, 11, 17)


@pytest.fixture
def setup(qtbot, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    p = Project()
    stack = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    stack.push(cmd)
    cmd, zid = create_zone(p, name="Pokrovsk", assessment_id=aid, geometry=box(37, 48, 37.1, 48.1),
                           status="ru_control", as_of=D1, recorded_on=D1)
    stack.push(cmd)
    stack.push(edit_zone(p, zid, D2, geometry=box(37, 48, 37.2, 48.1)))
    cursor = TimelineCursor(p, start=D2)
    selection = Selection([zid])
    ins = Inspector(cursor, selection)
    qtbot.addWidget(ins)
    ins.set_project(p)
    ins.sigCommand.connect(stack.push)
    return p, stack, ins, zid, cursor


def test_shows_and_lists_the_recorded_date(setup):
    p, stack, ins, zid, cursor = setup
    assert ins.recorded.date().toPython() == TODAY and ins.recorded.isEnabled()
    assert ins.versions.headerItem().text(4) == "Recorded"
    rows = [ins.versions.topLevelItem(i) for i in range(ins.versions.topLevelItemCount())]
    assert [(r.text(0), r.text(4)) for r in rows] == [(D1.isoformat(), D1.isoformat()),
                                                     (D2.isoformat(), TODAY.isoformat())]
    cursor.set_date(D1)
    assert ins.recorded.date().toPython() == D1


def test_editing_the_recorded_date_is_one_undoable_command(setup):
    p, stack, ins, zid, cursor = setup
    n = stack.index
    ins.recorded.setDate(to_qdate(date(2025, 11, 20)))
    ins.recorded.editingFinished.emit()
    v = p.version_at(zid, D2)
    assert v.recorded_on == date(2025, 11, 20) and v.valid_from == D2 and stack.index == n + 1
    ins.recorded.editingFinished.emit()  # nothing changed: no command
    assert stack.index == n + 1
    ins.recorded.setDate(ins.recorded.minimumDate())  # "not recorded"
    ins.recorded.editingFinished.emit()
    assert p.version_at(zid, D2).recorded_on is None and ins.recorded.date() == ins.recorded.minimumDate()
    stack.undo()
    stack.undo()
    assert p.version_at(zid, D2).recorded_on == TODAY and ins.recorded.date().toPython() == TODAY


def test_history_tooltip_says_when_an_edit_was_recorded(setup, qtbot):
    p, stack, ins, zid, cursor = setup
    dock = HistoryDock()
    qtbot.addWidget(dock)
    dock.set_stack(stack)
    last = dock.list.item(dock.list.count() - 1)
    assert "recorded on 2025-11-25" in last.toolTip()
    assert recorded_note(stack.commands()[0]) == ""  # adding an assessment places no version
