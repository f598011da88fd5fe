"""The History dock keeps up with a long session (#17, item 6): a push adds one row, the rows
already there are left alone, and after any mix of pushes, undos and redos the list is exactly
the stack (origin, done commands, undone ones greyed)."""
from __future__ import annotations

import random
from datetime import date

from shapely.geometry import box

from desktop.model import CommandStack, Project, add_assessment, create_zone
from desktop.ui.window.history_dock import HistoryDock


def _rows(dock: HistoryDock) -> list[str]:
    return [dock.list.item(i).text() for i in range(dock.list.count())]


def _want(stack: CommandStack) -> list[str]:
    return ["Opened project"] + [c.label for c in stack.commands()] + [f"{l}  (undone)" for l in stack.redo_labels()]


def test_a_push_adds_one_row_and_leaves_the_others(qtbot):
    p = Project()
    stack = CommandStack(p)
    dock = HistoryDock()
    qtbot.addWidget(dock)
    dock.set_stack(stack)
    stack.push(add_assessment(p, "A")[0])
    aid = next(iter(p.assessments))
    stack.push(create_zone(p, name="z1", assessment_id=aid, geometry=box(37, 48, 37.1, 48.1),
                           status="ru_control", as_of=date(2025, 11, 1))[0])
    before = [dock.list.item(i) for i in range(dock.list.count())]
    stack.push(create_zone(p, name="z2", assessment_id=aid, geometry=box(37.2, 48, 37.3, 48.1),
                           status="ru_control", as_of=date(2025, 11, 1))[0])
    after = [dock.list.item(i) for i in range(dock.list.count())]
    assert len(after) == len(before) + 1
    assert all(a is b for a, b in zip(before, after))  # the same row objects: nothing rebuilt
    assert _rows(dock) == _want(stack)


def test_any_mix_of_push_undo_redo_shows_the_stack(qtbot):
    rng = random.Random(7)
    p = Project()
    stack = CommandStack(p)
    dock = HistoryDock()
    qtbot.addWidget(dock)
    dock.set_stack(stack)
    p.apply(add_assessment(p, "A")[0].changes)  # not on the stack: undo stops above it
    aid = next(iter(p.assessments))
    for i in range(120):
        op = rng.choice(["push", "push", "undo", "redo"])
        if op == "push":
            x = 37 + (i % 30) * 0.01
            stack.push(create_zone(p, name=f"z{i}", assessment_id=aid, geometry=box(x, 48, x + 0.005, 48.005),
                                   status="ru_control", as_of=date(2025, 11, 1 + i % 20))[0])
        elif op == "undo" and stack.can_undo():
            stack.undo()
        elif op == "redo" and stack.can_redo():
            stack.redo()
        assert _rows(dock) == _want(stack), i
        assert dock.list.currentRow() == stack.index
