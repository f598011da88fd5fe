"""Select: click picks the topmost zone, shift-click toggles, a rubber band selects what it meets."""
from __future__ import annotations

from datetime import date

from shapely.geometry import Polygon

from desktop.tools import SelectTool

W = [(37.0, 48.0), (37.1, 48.0), (37.1, 48.1), (37.0, 48.1)]
E = [(37.1, 48.0), (37.2, 48.0), (37.2, 48.1), (37.1, 48.1)]
FAR = [(38.0, 48.0), (38.1, 48.0), (38.1, 48.1), (38.0, 48.1)]


def test_click_shift_click_and_empty_click(h):
    w, e, far = h.draw(W), h.draw(E), h.draw(FAR)
    tool = SelectTool(h.ctx)
    h.click(tool, 37.05, 48.05)
    assert list(h.ctx.selection) == [w]
    h.click(tool, 37.15, 48.05, shift=True)
    assert list(h.ctx.selection) == [w, e]
    h.click(tool, 37.05, 48.05, shift=True)  # shift-click on a selected zone removes it
    assert list(h.ctx.selection) == [e]
    h.click(tool, 38.05, 48.05)
    assert list(h.ctx.selection) == [far]
    h.click(tool, 39.0, 49.0)
    assert list(h.ctx.selection) == []
    assert not h.stack.can_undo() or h.stack.labels()[-1].startswith("Draw")  # selecting is no edit


def test_click_inside_beats_a_nearby_edge_and_topmost_wins(h):
    w, e = h.draw(W), h.draw(E)
    tool = SelectTool(h.ctx)
    h.click(tool, 37.0995, 48.05)  # inside W, within tolerance of E's edge
    assert list(h.ctx.selection) == [w]
    h.click(tool, 37.1003, 48.05)
    assert list(h.ctx.selection) == [e]
    # A claim drawn over W is painted above it (legend order): a click there picks the claim.
    claim = h.draw([(37.02, 48.02), (37.08, 48.02), (37.08, 48.08)], status="ru_claim")
    h.click(tool, 37.06, 48.03)
    assert list(h.ctx.selection) == [claim]
    h.click(tool, 37.02, 48.07)
    assert list(h.ctx.selection) == [w]


def test_only_zones_valid_on_the_date_are_picked(h):
    h.ctx.cursor.set_date(date(2025, 11, 10))
    w = h.draw(W)
    tool = SelectTool(h.ctx)
    h.ctx.cursor.set_date(date(2025, 11, 9))
    h.click(tool, 37.05, 48.05)
    assert list(h.ctx.selection) == []
    h.ctx.cursor.set_date(date(2025, 11, 10))
    h.click(tool, 37.05, 48.05)
    assert list(h.ctx.selection) == [w]


def test_rubber_band_selects_zones_it_meets_and_shift_adds(h):
    w, e, far = h.draw(W), h.draw(E), h.draw(FAR)
    tool = SelectTool(h.ctx)
    h.take(tool.press(h.ev(36.9, 47.9)))
    h.take(tool.move(h.ev(37.0, 47.95)))
    assert tool.draft.equals(Polygon([(36.9, 47.9), (37.0, 47.9), (37.0, 47.95), (36.9, 47.95)]))
    r = h.take(tool.release(h.ev(37.12, 48.05)))  # meets W and a corner strip of E
    assert tool.draft is None and r.done
    assert sorted(h.ctx.selection) == sorted([w, e])
    h.drag(tool, (38.05, 48.05), (38.2, 48.2), shift=True)
    assert h.ctx.selection.ids[:2] in ((w, e), (e, w)) and h.ctx.selection.ids[2] == far
    h.drag(tool, (40.0, 40.0), (40.5, 40.5))
    assert list(h.ctx.selection) == []


def test_click_message_names_the_status_by_its_label():
    # The status bar said "Railway (ru_control)": the analyst reads labels, not keys.
    from datetime import date
    from shapely.geometry import box
    from desktop.model import CommandStack, Project
    from desktop.model.cursor import TimelineCursor
    from desktop.model.edits import add_assessment, create_zone
    from desktop.tools import SelectTool, ToolContext
    from desktop.tools.base import PointerEvent
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "A")
    st.push(cmd)
    cmd, zid = create_zone(p, name="Railway", assessment_id=aid, geometry=box(37.0, 48.0, 37.1, 48.1),
                           status="ru_control", as_of=date(2025, 1, 6))
    st.push(cmd)
    tool = SelectTool(ToolContext(project=p, cursor=TimelineCursor(p, start=date(2025, 1, 6)), assessment_id=aid))
    ev = PointerEvent(37.05, 48.05, tolerance=0.001)
    tool.press(ev)
    res = tool.release(ev)
    assert res.selection == (zid,)
    assert res.message == f"Railway: {p.legend['ru_control'].label}"
