"""Split along a drawn line, merge the selection, reshape a border, measure."""
from __future__ import annotations

from datetime import date

import pytest
from shapely.geometry import LineString, Polygon, box

from desktop.model.geodesy import area_km2, length_km
from desktop.tools import MeasureTool, ReshapeTool, SplitTool, merge_selected, reshape_polygon

SQ = [(37.0, 48.0), (37.1, 48.0), (37.1, 48.1), (37.0, 48.1)]
D1 = date(2025, 11, 15)


def _undo_redo_exact(h, before):
    after = h.project.snapshot()
    h.stack.undo()
    assert h.project.snapshot() == before
    h.stack.redo()
    assert h.project.snapshot() == after


def test_split_the_selected_zone_along_a_line(h):
    z = h.draw(SQ)
    h.ctx.cursor.set_date(D1)
    before = h.project.snapshot()
    r = h.path(SplitTool(h.ctx), [(37.03, 47.99), (37.03, 48.05), (37.04, 48.11)])
    assert r.command is not None and len(r.selection) == 2 and r.selection[0] == z
    a, b = (h.shape(i, D1) for i in r.selection)
    assert a.area > b.area and abs(a.area + b.area - 0.01) < 1e-12
    assert a.intersection(b).area < 1e-14
    assert h.shape(z, date(2025, 11, 14)).equals(Polygon(SQ))
    assert h.project.version_at(r.selection[1], date(2025, 11, 14)) is None
    _undo_redo_exact(h, before)


def test_split_line_ending_on_the_border_by_snapping_still_cuts(h):
    z = h.draw(SQ)
    h.ctx.selection.set([])  # no selection: the one zone the line crosses
    r = h.path(SplitTool(h.ctx), [(37.0504, 48.0003), (37.0497, 48.0996)])  # snap onto both edges
    assert r.command is not None, r.message
    # The ends snapped onto the edges at x=37.0504 (south) and x=37.0497 (north).
    assert [h.shape(i).area for i in r.selection] == pytest.approx([0.0050050, 0.0049950], abs=1e-12)


def test_split_line_that_misses_says_why(h):
    h.draw(SQ)
    r = h.path(SplitTool(h.ctx), [(37.03, 47.99), (37.03, 48.05)])
    assert r.command is None and "cross" in r.message
    assert h.stack.index == 1


def test_merge_the_selected_zones(h):
    a = h.draw(SQ)
    b = h.draw([(37.1, 48.0), (37.2, 48.0), (37.2, 48.1), (37.1, 48.1)])
    h.ctx.cursor.set_date(D1)
    h.ctx.selection.set([a, b])
    before = h.project.snapshot()
    r = h.take(merge_selected(h.ctx))
    assert r.command is not None and r.selection == (a,)
    assert h.shape(a, D1).equals(box(37.0, 48.0, 37.2, 48.1))
    assert h.project.version_at(b, D1) is None and h.shape(b, date(2025, 11, 14)) is not None
    _undo_redo_exact(h, before)
    h.ctx.selection.set([a])
    r = merge_selected(h.ctx)
    assert r.command is None and "two" in r.message


def test_reshape_outward_grows_and_inward_shrinks(h):
    z = h.draw(SQ)
    h.ctx.cursor.set_date(D1)
    before = h.project.snapshot()
    tool = ReshapeTool(h.ctx)
    # From the east edge out and back: a bump of 0.05 x 0.02 is added.
    r = h.path(tool, [(37.1, 48.02), (37.12, 48.02), (37.12, 48.07), (37.1, 48.07)])
    assert r.command is not None, r.message
    assert h.shape(z, D1).equals(box(37.0, 48.0, 37.1, 48.1).union(box(37.1, 48.02, 37.12, 48.07)))
    assert h.shape(z, date(2025, 11, 14)).equals(Polygon(SQ))
    _undo_redo_exact(h, before)
    # Inside, from the south edge to the east edge: the south-east corner goes.
    h.path(ReshapeTool(h.ctx), [(37.08, 48.0), (37.08, 48.02), (37.1, 48.02)])
    expected = box(37.0, 48.0, 37.1, 48.1).union(box(37.1, 48.02, 37.12, 48.07)).difference(
        box(37.08, 48.0, 37.1, 48.02))
    assert h.shape(z, D1).equals(expected)


def test_reshape_must_start_on_the_border(h):
    h.draw(SQ)
    tool = ReshapeTool(h.ctx)
    r = h.click(tool, 37.05, 48.05)
    assert "border" in r.message and tool.vertices == []
    r = h.path(tool, [(37.1, 48.02), (37.12, 48.02), (37.15, 48.07)])
    assert r.command is None and "border" in r.message


def test_reshape_that_grows_an_assessed_zone_clips_its_neighbour(h):
    a = h.draw(SQ)
    b = h.draw([(37.1, 48.0), (37.2, 48.0), (37.2, 48.1), (37.1, 48.1)])
    h.ctx.selection.set([a])
    h.path(ReshapeTool(h.ctx), [(37.1, 48.02), (37.15, 48.02), (37.15, 48.07), (37.1, 48.07)])
    assert h.shape(a).intersection(h.shape(b)).area < 1e-14
    assert abs(h.shape(b).area - (0.01 - 0.05 * 0.05)) < 1e-12


def test_reshape_polygon_replaces_a_hole_border():
    ring = box(37.0, 48.0, 37.1, 48.1)
    holed = ring.difference(box(37.04, 48.04, 37.06, 48.06))
    # A line from the hole's west edge out to the south-west and back to its south edge
    # enlarges the hole.
    out = reshape_polygon(holed, [(37.04, 48.045), (37.03, 48.03), (37.045, 48.04)], 1e-6)
    assert out.area < holed.area
    assert len(out.interiors) == 1 and out.exterior.equals(ring.exterior)


def test_measure_distance_and_area_geodesic(h):
    tool = MeasureTool(h.ctx)
    h.click(tool, 37.0, 48.0)
    r = tool.move(h.ev(37.1, 48.0))
    km = length_km(LineString([(37.0, 48.0), (37.1, 48.0)]))
    assert 7.4 < km < 7.5 and f"{km:,.2f} km" in r.message
    h.click(tool, 37.1, 48.0)
    h.click(tool, 37.1, 48.1)
    r = h.take(tool.key("Enter"))
    assert r.command is None and r.done
    km2 = area_km2(Polygon([(37.0, 48.0), (37.1, 48.0), (37.1, 48.1)]))
    assert f"{km2:,.3f} km²" in r.message
    assert isinstance(tool.draft, LineString)  # the result stays drawn
    assert h.stack.index == 0
    assert tool.key("Escape").done and tool.draft is None


@pytest.mark.parametrize("finish", ["double", "Enter"])
def test_measure_finishes_either_way(h, finish):
    r = h.path(MeasureTool(h.ctx), [(37.0, 48.0), (37.0, 48.005)], finish=finish)  # 556 m
    assert r.done and r.message == "Distance 556 m"


def test_merge_ignores_a_zone_selected_twice_and_zones_not_shown_that_day(h):
    a = h.draw(SQ)
    h.ctx.cursor.set_date(D1)
    b = h.draw([(37.1, 48.0), (37.2, 48.0), (37.2, 48.1), (37.1, 48.1)])
    h.ctx.selection.set([a, a, b])
    assert h.ctx.selection.ids == (a, b)  # a zone picked twice is selected once
    assert h.take(merge_selected(h.ctx)).command is not None
    assert h.shape(a, D1).equals(box(37.0, 48.0, 37.2, 48.1))
    h.stack.undo()
    h.ctx.cursor.set_date(date(2025, 11, 14))  # b does not exist yet: nothing to merge with
    r = merge_selected(h.ctx)
    assert r.command is None and "two" in r.message
