"""The Evidence panel shows the version in force on the cursor date, also after an edit as of
the cursor splits the version it was showing (it kept showing the earlier part)."""
from __future__ import annotations

from datetime import date

from shapely.geometry import box

from desktop.model import CommandStack, add_assessment, create_zone, edit_zone
from desktop.model.cursor import TimelineCursor
from desktop.model.project import Project
from desktop.model.selection import Selection
from desktop.ui.evidence.panel import EvidencePanel

NOV24, DEC3 = date(2025, 11, 24), date(2025, 12, 3)


def test_an_edit_as_of_the_cursor_moves_the_panel_to_the_new_version(qtbot):
    p = Project()
    stack = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    stack.push(cmd)
    cmd, zid = create_zone(p, name="Pokrovsk", assessment_id=aid, geometry=box(37, 48, 37.1, 48.1),
                           status="ru_control", as_of=NOV24)
    stack.push(cmd)
    cursor = TimelineCursor(p, start=DEC3)
    panel = EvidencePanel(p, stack, cursor=cursor, selection=Selection([zid]))
    qtbot.addWidget(panel)
    first = panel.target_id
    assert first == p.version_at(zid, DEC3).id
    stack.push(edit_zone(p, zid, DEC3, confidence="high"))
    now = p.version_at(zid, DEC3)
    assert now.id != first and now.valid_from == DEC3
    assert panel.target_id == now.id
    assert "2025-12-03" in panel.title.text()
    stack.undo()
    assert panel.target_id == first
