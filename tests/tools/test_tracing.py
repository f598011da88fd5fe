"""Tracing (T): the segment between two clicks follows the nearest line on the map.

Qt-free: the basemap's lines come from the bundled npz through `storage.basemap_lines`, as the
window hands them to the tools."""
from __future__ import annotations

import json

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Polygon, shape
from shapely.ops import substring

from desktop.storage.basemap_lines import BasemapLines
from desktop.tools import DrawPolygonTool
from desktop.tools.tracing import snap_to_lines, trace, trace_in_context

from .conftest import TOL

POKROVSK = (37.10, 48.25, 37.25, 48.32)  # lon/lat box around the town
UTM37 = Transformer.from_crs("EPSG:4326", "EPSG:32637", always_xy=True)


def metres(g):
    """`g` in UTM zone 37N metres, so distances are on the ground."""
    return shapely.transform(g, lambda xy: np.column_stack(UTM37.transform(xy[:, 0], xy[:, 1])))


@pytest.fixture(scope="module")
def basemap() -> BasemapLines:
    return BasemapLines()


@pytest.fixture(scope="module")
def railway() -> LineString:
    """The longest stretch of main railway through Pokrovsk (about 4.7 km, 44 vertices)."""
    lines = BasemapLines(layers=("rail_main",)).near(POKROVSK)
    return max(lines, key=lambda g: len(g.coords))


def _two_points(line: LineString, f0: float = 0.1, f1: float = 0.9):
    a, b = line.interpolate(f0, normalized=True), line.interpolate(f1, normalized=True)
    return (a.x, a.y), (b.x, b.y), substring(line, line.project(a), line.project(b))


def test_tracing_along_the_pokrovsk_railway_follows_it_within_a_metre(basemap, railway):
    a, b, between = _two_points(railway)
    assert metres(LineString([a, b])).length > 3000  # a few km apart
    # Every basemap line near the two points, streets, rivers and town outlines included: the
    # shortest way along the network between two points of the railway is the railway.
    path = trace_in_context(basemap.near, [], a, b, TOL)
    assert path is not None and len(path) > 10
    assert metres(LineString(path)).hausdorff_distance(metres(between)) < 1.0


def test_the_traced_railway_lies_on_the_osm_source(basemap, railway, shared_data):
    """Against OSM itself (the basemap stores float32 Web Mercator): every metre of the traced
    line is within 1 m of an OSM railway."""
    src = shared_data / "basemap" / "osm_pokrovsk_area_railways.geojson"
    if not src.exists():
        pytest.skip(f"{src} is absent")
    a, b, _ = _two_points(railway)
    path = LineString(trace_in_context(basemap.near, [], a, b, TOL))
    rails = [shape(f["geometry"]) for f in json.loads(src.read_text(encoding="utf-8"))["features"]]
    osm = metres(shapely.unary_union([g for g in rails if g.distance(path) < 1e-4]))
    samples = shapely.points(shapely.get_coordinates(shapely.segmentize(metres(path), 1.0)))
    assert float(np.max(shapely.distance(osm, samples))) < 1.0


def test_clicks_beside_the_line_are_put_on_it(basemap, railway):
    a, b, between = _two_points(railway, 0.2, 0.6)
    # Half a metre beside the track, with a tolerance of ~10 m (the second track is ~5 m off).
    off, tol = 5e-6, 1e-4
    path = trace_in_context(basemap.near, [], (a[0], a[1] + off), (b[0], b[1] - off), tol)
    assert path is not None
    assert metres(LineString(path)).hausdorff_distance(metres(between)) < 1.0


def test_nothing_near_or_no_way_between_gives_none():
    line = LineString([(37.0, 48.0), (37.1, 48.0)])
    other = LineString([(37.0, 48.05), (37.1, 48.05)])  # not connected to `line`
    assert trace([line], (37.02, 48.02), (37.08, 48.0), TOL) is None  # first point too far
    assert trace([line, other], (37.02, 48.0), (37.08, 48.05), TOL) is None  # no way between
    assert trace([], (37.02, 48.0), (37.08, 48.0), TOL) is None


def test_tracing_goes_round_a_corner_through_junctions():
    # An L of two lines meeting at (37.1, 48.0), crossed by a third.
    lines = [LineString([(37.0, 48.0), (37.1, 48.0)]), LineString([(37.1, 48.0), (37.1, 48.1)]),
             LineString([(37.05, 47.95), (37.05, 48.05)])]
    path = trace(lines, (37.02, 48.0), (37.1, 48.08), TOL)
    assert path[0] == pytest.approx((37.02, 48.0)) and path[-1] == pytest.approx((37.1, 48.08))
    assert any(p == pytest.approx((37.1, 48.0)) for p in path)  # the corner is a vertex
    # A click exactly on the junction vertex works too.
    got = trace(lines, (37.1, 48.0), (37.1, 48.08), TOL)
    assert np.allclose(got, [(37.1, 48.0), (37.1, 48.08)])


def test_snapping_reaches_basemap_vertices(basemap, railway):
    x, y = railway.coords[5]
    tol = 1e-4  # ~10 m
    lines = basemap.near((x - tol, y - tol, x + tol, y + tol))
    assert snap_to_lines(lines, x + tol / 3, y, tol, edges=False) == pytest.approx((x, y))


def test_drawing_a_polygon_with_tracing_puts_the_traced_vertices_in_it(h, basemap, railway):
    h.ctx.trace_lines = basemap.near
    h.ctx.tracing = True
    # Click two of the railway's own vertices (snapping keeps a click on a vertex where it is).
    cs = list(railway.coords)
    a, b = cs[10], cs[30]
    between = LineString(cs[10:31])
    c = (b[0], b[1] - 0.01)  # south of the railway
    tool = DrawPolygonTool(h.ctx)
    h.path(tool, [a, b, c])
    zone = h.project.state_at(h.ctx.when)[-1].geometry
    inner = set(between.coords[1:-1])
    assert inner and inner <= set(zone.exterior.coords)  # every railway vertex between a and b
    along = zone.exterior.intersection(between.buffer(1e-7))
    assert metres(along).length == pytest.approx(metres(between).length, abs=0.5)


def test_tracing_off_draws_straight_segments(h, basemap, railway):
    h.ctx.trace_lines = basemap.near
    a, b, _ = _two_points(railway, 0.3, 0.7)
    tool = DrawPolygonTool(h.ctx)
    h.path(tool, [a, b, (b[0], b[1] - 0.01)])
    zone = h.project.state_at(h.ctx.when)[-1].geometry
    assert len(zone.exterior.coords) == 4
