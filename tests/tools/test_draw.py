"""Drawing zones and observations by feeding pointer events, then pushing what comes back."""
from __future__ import annotations

from datetime import date

from shapely.geometry import LineString, Point, Polygon

from desktop.tools import DrawLineTool, DrawPolygonTool, PlacePointTool

from .conftest import D0

SQUARE = [(37.0, 48.0), (37.1, 48.0), (37.1, 48.1), (37.0, 48.1)]


def test_draw_polygon_creates_a_zone_as_of_the_cursor(h):
    h.ctx.cursor.set_date(date(2025, 11, 20))
    h.ctx.status = "contested"
    before = h.project.snapshot()
    zid = h.draw(SQUARE)
    v = h.project.version_at(zid, date(2025, 11, 20))
    assert v.geometry.equals(Polygon(SQUARE))
    assert v.status == "contested" and v.valid_from == date(2025, 11, 20) and v.valid_to is None
    assert h.project.zones[zid].assessment_id == h.aid
    assert h.project.version_at(zid, date(2025, 11, 19)) is None
    assert list(h.ctx.selection) == [zid]
    assert h.stack.labels() == [f"Draw {h.project.zones[zid].name}"]
    after = h.project.snapshot()
    h.stack.undo()
    assert h.project.snapshot() == before
    h.stack.redo()
    assert h.project.snapshot() == after


def test_draft_is_the_ring_so_far_plus_the_rubber_band(h):
    tool = DrawPolygonTool(h.ctx)
    h.click(tool, *SQUARE[0])
    tool.move(h.ev(37.05, 48.05))
    assert isinstance(tool.draft, LineString)
    assert list(tool.draft.coords) == [SQUARE[0], (37.05, 48.05)]
    h.click(tool, *SQUARE[1])
    tool.move(h.ev(37.05, 48.05))
    # Three points: the ring closes back to the first vertex.
    assert list(tool.draft.coords) == [SQUARE[0], SQUARE[1], (37.05, 48.05), SQUARE[0]]


def test_enter_finishes_and_double_click_adds_no_duplicate_vertex(h):
    tool = DrawPolygonTool(h.ctx)
    r = h.path(tool, SQUARE, finish="Enter")
    assert r.command is not None and r.done
    v = h.project.versions_of(r.selection[0])[0]
    assert len(v.geometry.exterior.coords) == 5
    r = h.path(DrawPolygonTool(h.ctx), [(38.0, 48.0), (38.1, 48.0), (38.1, 48.1)])
    v = h.project.versions_of(r.selection[0])[0]
    assert len(v.geometry.exterior.coords) == 4  # the double-click's press did not add a 4th


def test_escape_cancels_and_pushes_nothing(h):
    tool = DrawPolygonTool(h.ctx)
    for p in SQUARE:
        h.click(tool, *p)
    r = tool.key("Escape")
    assert r.done and r.command is None
    assert tool.draft is None and tool.vertices == []
    assert tool.key("Enter").command is None
    assert not h.project.zones and not h.stack.can_undo()


def test_backspace_removes_the_last_vertex(h):
    tool = DrawPolygonTool(h.ctx)
    for p in SQUARE + [(37.3, 48.3)]:  # one wrong click
        h.click(tool, *p)
    tool.key("Backspace")
    assert tool.vertices == SQUARE
    r = h.take(tool.key("Enter"))
    assert h.shape(r.selection[0]).equals(Polygon(SQUARE))


def test_too_few_points_keeps_drawing(h):
    tool = DrawPolygonTool(h.ctx)
    h.click(tool, *SQUARE[0])
    h.click(tool, *SQUARE[1])
    r = tool.key("Enter")
    assert r.command is None and not r.done and "3" in r.message
    h.click(tool, *SQUARE[2])
    assert h.take(tool.key("Enter")).command is not None


def test_without_an_assessment_nothing_is_drawn(h):
    h.ctx.assessment_id = None
    r = h.path(DrawPolygonTool(h.ctx), SQUARE)
    assert r.command is None and "assessment" in r.message
    assert not h.project.zones


def test_new_assessed_zone_clips_or_is_clipped_by_its_neighbour(h):
    a = h.draw(SQUARE)
    overlapping = [(37.05, 48.0), (37.2, 48.0), (37.2, 48.1), (37.05, 48.1)]
    b = h.draw(overlapping)  # clip_others: A loses its east half
    assert h.shape(a).equals(Polygon([(37.0, 48.0), (37.05, 48.0), (37.05, 48.1), (37.0, 48.1)]))
    assert h.shape(b).equals(Polygon(overlapping))
    h.stack.undo()
    h.ctx.clip_mode = "clip_self"
    b = h.draw(overlapping)
    assert h.shape(a).equals(Polygon(SQUARE))
    assert h.shape(b).equals(Polygon([(37.1, 48.0), (37.2, 48.0), (37.2, 48.1), (37.1, 48.1)]))


def test_place_point_and_draw_line_add_dated_observations(h):
    h.ctx.cursor.set_date(date(2025, 12, 1))
    r = h.click(PlacePointTool(h.ctx), 37.18, 48.28)
    obs = h.project.observations[r.selection[0]]
    assert obs.geometry.equals(Point(37.18, 48.28)) and obs.date == date(2025, 12, 1) and obs.kind == "video"
    h.ctx.observation_kind = "attack_direction"
    r = h.path(DrawLineTool(h.ctx), [(37.0, 48.0), (37.1, 48.05), (37.2, 48.2)])
    line = h.project.observations[r.selection[0]]
    assert line.geometry.equals(LineString([(37.0, 48.0), (37.1, 48.05), (37.2, 48.2)]))
    assert line.kind == "attack_direction"
    assert len(h.stack.labels()) == 2
    h.stack.undo()
    h.stack.undo()
    assert not h.project.observations


def test_right_click_finishes_a_line(h):
    tool = DrawLineTool(h.ctx)
    h.click(tool, 37.0, 48.0)
    h.click(tool, 37.1, 48.0)
    r = h.take(tool.press(h.ev(37.1, 48.0, button="right")))
    assert r.command is not None
    assert h.project.observations[r.selection[0]].date == D0


def test_a_crossed_ring_is_repaired_and_the_message_says_so(h):
    r = h.path(DrawPolygonTool(h.ctx), [(37.0, 48.0), (37.1, 48.1), (37.1, 48.0), (37.0, 48.1)])
    assert r.command is not None and "repaired" in r.message
    g = h.shape(r.selection[0])
    assert g.is_valid and abs(g.area - 0.005) < 1e-12  # the two triangles of the bow tie
