"""Edit vertices (drag, insert on an edge, delete) and move whole zones; each gesture one command."""
from __future__ import annotations

from datetime import date

import pytest
from shapely import affinity
from shapely.geometry import Polygon

from desktop.tools import MoveTool, VertexTool

SQ = [(37.0, 48.0), (37.1, 48.0), (37.1, 48.1), (37.0, 48.1)]
D1 = date(2025, 11, 15)


def _coords(g):
    return list(g.exterior.coords)[:-1]


def _undo_redo_exact(h, before):
    after = h.project.snapshot()
    h.stack.undo()
    assert h.project.snapshot() == before
    h.stack.redo()
    assert h.project.snapshot() == after


def test_drag_a_vertex_as_of_a_later_date(h):
    z = h.draw(SQ)
    h.ctx.cursor.set_date(D1)
    tool = VertexTool(h.ctx)
    assert sorted(tool.handles) == sorted(SQ)
    before = h.project.snapshot()
    r = h.drag(tool, (37.1003, 48.1002), (37.15, 48.15))
    assert r.command is not None and h.stack.index == 2
    # Pressed a little off the corner: the corner follows the motion, not the pointer.
    moved = _coords(h.shape(z, D1))
    assert moved[:2] == SQ[:2] and moved[3] == SQ[3]
    assert moved[2] == pytest.approx((37.1497, 48.1498), abs=1e-12)
    assert _coords(h.shape(z, date(2025, 11, 14))) == SQ  # the earlier date keeps its shape
    _undo_redo_exact(h, before)


def test_press_on_an_edge_inserts_a_vertex_and_a_click_leaves_it_there(h):
    z = h.draw(SQ)
    tool = VertexTool(h.ctx)
    before = h.project.snapshot()
    r = h.click(tool, 37.05, 48.0004)
    assert r.command is not None
    assert _coords(h.shape(z)) == [(37.0, 48.0), (37.05, 48.0), (37.1, 48.0), (37.1, 48.1), (37.0, 48.1)]
    _undo_redo_exact(h, before)
    # Insert and drag in one gesture: one command.
    n = h.stack.index
    h.drag(tool, (37.1, 48.05), (37.13, 48.05))
    assert h.stack.index == n + 1
    assert (37.13, 48.05) in _coords(h.shape(z))


def test_delete_a_vertex_by_alt_click_or_by_the_delete_key(h):
    z = h.draw(SQ + [(36.95, 48.05)])
    tool = VertexTool(h.ctx)
    before = h.project.snapshot()
    h.click(tool, 36.9502, 48.05, alt=True)
    assert _coords(h.shape(z)) == SQ
    _undo_redo_exact(h, before)
    h.stack.undo()
    r = h.click(tool, 37.1, 48.1)  # a plain click chooses the vertex, changes nothing
    assert r.command is None and "Delete" in r.message
    h.take(tool.key("Delete"))
    assert _coords(h.shape(z)) == [(37.0, 48.0), (37.1, 48.0), (37.0, 48.1), (36.95, 48.05)]


def test_a_triangle_keeps_its_three_vertices(h):
    z = h.draw(SQ[:3])
    tool = VertexTool(h.ctx)
    n = h.stack.index
    r = h.click(tool, 37.0, 48.0, alt=True)
    assert r.command is None and "three" in r.message
    assert h.stack.index == n and len(_coords(h.shape(z))) == 3


def test_without_a_selection_a_click_selects_and_escape_cancels_a_drag(h):
    z = h.draw(SQ)
    h.ctx.selection.set([])
    tool = VertexTool(h.ctx)
    r = h.click(tool, 37.05, 48.05)
    assert r.selection == (z,) and r.command is None
    h.take(tool.press(h.ev(37.1, 48.1)))
    h.take(tool.move(h.ev(37.3, 48.3)))
    assert tool.draft is not None
    tool.key("Escape")
    assert tool.draft is None
    assert h.take(tool.release(h.ev(37.3, 48.3))).command is None
    assert _coords(h.shape(z)) == SQ


def test_vertex_dragged_onto_a_neighbour_snaps_to_it(h):
    a = h.draw(SQ)
    b = h.draw([(37.2, 48.0), (37.3, 48.0), (37.3, 48.1), (37.2, 48.1)])
    tool = VertexTool(h.ctx)  # b is selected
    h.drag(tool, (37.2, 48.0), (37.1004, 48.0003))
    assert (37.1, 48.0) in _coords(h.shape(b))
    assert h.shape(a).intersection(h.shape(b)).area < 1e-14


def test_move_a_zone(h):
    z = h.draw(SQ)
    h.ctx.cursor.set_date(D1)
    before = h.project.snapshot()
    tool = MoveTool(h.ctx)
    h.take(tool.press(h.ev(37.05, 48.05)))
    h.take(tool.move(h.ev(37.06, 48.07)))
    assert tool.draft.equals_exact(affinity.translate(Polygon(SQ), 0.01, 0.02), 1e-12)
    h.take(tool.release(h.ev(37.07, 48.08)))
    assert h.shape(z, D1).equals_exact(affinity.translate(Polygon(SQ), 0.02, 0.03), 1e-12)
    assert h.shape(z, date(2025, 11, 14)).equals(Polygon(SQ))
    assert h.stack.labels()[-1].startswith("Move")
    _undo_redo_exact(h, before)


def test_move_clips_the_neighbour_it_is_moved_onto(h):
    a = h.draw(SQ)
    b = h.draw([(37.2, 48.0), (37.3, 48.0), (37.3, 48.1), (37.2, 48.1)])
    h.drag(MoveTool(h.ctx), (37.25, 48.05), (37.2, 48.05))  # b now covers x in [37.15, 37.25]
    assert h.shape(a).equals(Polygon([(37.0, 48.0), (37.1, 48.0), (37.1, 48.1), (37.0, 48.1)]))
    h.drag(MoveTool(h.ctx), (37.2, 48.05), (37.1, 48.05))  # now it covers half of a
    assert h.shape(a).intersection(h.shape(b)).area < 1e-14
    assert abs(h.shape(a).area - 0.05 * 0.1) < 1e-12


def test_a_click_without_drag_moves_nothing(h):
    h.draw(SQ)
    n = h.stack.index
    r = h.click(MoveTool(h.ctx), 37.05, 48.05)
    assert r.command is None and h.stack.index == n


def test_delete_removes_the_vertex_under_the_pointer(h):
    z = h.draw(SQ + [(36.95, 48.05)])
    tool = VertexTool(h.ctx)
    tool.move(h.ev(37.0003, 48.0998))  # hover over the north-west corner
    h.take(tool.key("Delete"))
    assert _coords(h.shape(z)) == [(37.0, 48.0), (37.1, 48.0), (37.1, 48.1), (36.95, 48.05)]
    tool.move(h.ev(37.0, 48.0))  # the closing vertex of the ring is vertex 0
    h.take(tool.key("Backspace"))
    assert _coords(h.shape(z)) == [(37.1, 48.0), (37.1, 48.1), (36.95, 48.05)]
