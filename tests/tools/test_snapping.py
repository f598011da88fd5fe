"""Snapping: a zone drawn next to a neighbour shares its border exactly."""
from __future__ import annotations

from datetime import date

import shapely
from shapely.geometry import Polygon

from desktop.tools import DrawPolygonTool, snap_point
from desktop.tools.index import zone_index

from .conftest import TOL

A = [(37.0, 48.0), (37.1, 48.0), (37.1, 48.1), (37.0, 48.1)]


def _shared_length(g1, g2) -> float:
    return g1.boundary.intersection(g2.boundary).length


def test_snap_prefers_vertex_then_edge_then_nothing(h):
    a = h.draw(A)
    index = zone_index(h.project, h.ctx.when)
    s = snap_point(index, 37.1004, 48.0003, TOL)
    assert (s.x, s.y, s.kind, s.zone_id) == (37.1, 48.0, "vertex", a)
    s = snap_point(index, 37.1004, 48.05, TOL)
    assert (s.x, s.y, s.kind) == (37.1, 48.05, "edge")
    assert snap_point(index, 37.1004, 48.05, TOL, exclude={a}) is None
    assert snap_point(index, 37.103, 48.05, TOL) is None


def test_snapping_ignores_zones_not_valid_on_the_date_and_hidden_ones(h):
    h.ctx.cursor.set_date(date(2025, 11, 10))
    a = h.draw(A)
    assert snap_point(zone_index(h.project, date(2025, 11, 9)), 37.1004, 48.0003, TOL) is None
    assert snap_point(zone_index(h.project, date(2025, 11, 10), frozenset({h.aid})), 37.1004, 48.0003, TOL) is None
    assert snap_point(zone_index(h.project, date(2025, 11, 10)), 37.1004, 48.0003, TOL).zone_id == a


def test_a_zone_drawn_against_a_neighbour_shares_its_border(h):
    a = h.draw(A)
    # Clicked near A's corners and a point near its east edge, a few pixels off either side.
    b = h.draw([(37.1006, 47.9996), (37.2, 48.0), (37.2, 48.1), (37.0995, 48.1004), (37.0996, 48.05)])
    ga, gb = h.shape(a), h.shape(b)
    assert ga.equals(Polygon(A))  # the neighbour kept its shape
    assert ga.intersection(gb).area < 1e-14
    assert abs(_shared_length(ga, gb) - 0.1) < 1e-12  # the whole east edge of A is shared
    assert shapely.coverage_is_valid([ga, gb])  # same vertices on both sides of the border
    # The edge-snapped vertex went into A too (topological editing), in the same command.
    assert (37.1, 48.05) in list(ga.exterior.coords)
    h.stack.undo()
    assert list(h.shape(a).exterior.coords) == list(Polygon(A).exterior.coords)


def test_oblique_border_shared_within_float_noise(h):
    a = h.draw([(37.0, 48.0), (37.13, 48.03), (37.07, 48.11), (36.98, 48.09)])
    # B shares A's oblique east edge from (37.13, 48.03) to (37.07, 48.11), clicked off by < TOL,
    # with one vertex snapped into the middle of that edge.
    b = h.draw([(37.1303, 48.0298), (37.2, 48.05), (37.0705, 48.1103), (37.1004, 48.0702)])
    ga, gb = h.shape(a), h.shape(b)
    assert ga.intersection(gb).area < 1e-14
    edge = shapely.LineString([(37.13, 48.03), (37.07, 48.11)])
    assert abs(_shared_length(ga, gb) - edge.length) < 1e-9
    assert shapely.coverage_is_valid([ga, gb])


def test_snap_point_is_shown_while_drawing_and_snapping_can_be_off(h):
    h.draw(A)
    tool = DrawPolygonTool(h.ctx)
    tool.move(h.ev(37.1004, 48.0003))
    assert tool.snap_point == (37.1, 48.0)
    tool.move(h.ev(37.5, 48.5))
    assert tool.snap_point is None
    h.ctx.snapping = False
    tool.move(h.ev(37.1004, 48.0003))
    assert tool.snap_point is None
    h.click(tool, 37.1004, 48.0003)
    assert tool.vertices == [(37.1004, 48.0003)]
