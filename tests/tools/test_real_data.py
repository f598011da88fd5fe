"""Tools on a real DeepState snapshot around Pokrovsk: snapping to a real front line, splitting
and reshaping real zones, and undo, all exact."""
from __future__ import annotations

import json
import math
from datetime import date

import pytest
import shapely
from shapely.geometry import LineString, Polygon, shape

from desktop.model import create_zone
from desktop.tools import DrawPolygonTool, ReshapeTool, SplitTool

from .conftest import TOL

STATUS = {"geoJSON.status.occupied": "ru_control", "geoJSON.status.unknown": "contested",
          "geoJSON.territories.ordlo": "ru_control_2014"}
WHEN = date(2025, 8, 4)


@pytest.fixture
def real(h, shared_data):
    path = shared_data / "frontline" / "deepstate_raw_pokrovsk_2025" / "pokrovsk_deepstate_20250728T2046Z.geojson"
    if not path.exists():
        path = sorted(path.parent.glob("*.geojson"))[-1]
    fc = json.loads(path.read_text(encoding="utf-8"))
    ids = {}
    h.ctx.cursor.set_date(WHEN)
    for f in fc["features"]:
        key = f["properties"].get("name", "").split("///")[-1].strip()
        if key in STATUS and f["geometry"]["type"] in ("Polygon", "MultiPolygon"):
            cmd, zid = create_zone(h.project, name=key, assessment_id=h.aid, geometry=shape(f["geometry"]),
                                   status=STATUS[key], as_of=WHEN)
            h.stack.push(cmd)
            ids[STATUS[key]] = zid
    assert "ru_control" in ids
    return ids


def _free_stretch(occupied, n: int = 4):
    """Consecutive vertices of the front line and a point beyond them in free land: a small
    polygon that would share exactly that stretch of border with the occupied zone."""
    ring = list(occupied.exterior.coords) if occupied.geom_type == "Polygon" else \
        list(max(occupied.geoms, key=lambda g: g.area).exterior.coords)
    for i in range(0, len(ring) - n, 7):
        stretch = ring[i:i + n]
        if LineString(stretch).length < 20 * TOL:
            continue
        (x0, y0), (x1, y1) = stretch[0], stretch[-1]
        mx, my, L = (x0 + x1) / 2, (y0 + y1) / 2, math.hypot(x1 - x0, y1 - y0)
        for sign in (1, -1):
            apex = (mx - sign * (y1 - y0) / L * 0.02, my + sign * (x1 - x0) / L * 0.02)
            poly = Polygon(stretch + [apex])
            if poly.is_valid and occupied.intersection(poly).area < 1e-14 and poly.area > 1e-6:
                return stretch, apex
    pytest.fail("no free stretch of front line found")


def test_a_zone_drawn_along_the_real_front_shares_it_exactly(h, real):
    occ_id = real["ru_control"]
    occupied = h.shape(occ_id)
    stretch, apex = _free_stretch(occupied)
    before = h.project.snapshot()
    # Each corner clicked a little off the real vertex (within the snapping tolerance).
    clicks = [(x + TOL * 0.4, y - TOL * 0.3) for x, y in stretch] + [apex]
    r = h.path(DrawPolygonTool(h.ctx), clicks)
    assert r.command is not None, r.message
    new = h.shape(r.selection[0])
    assert set(stretch) <= set(new.exterior.coords)
    assert occupied.intersection(new).area < 1e-14
    shared = h.shape(occ_id).boundary.intersection(new.boundary).length
    assert shared == pytest.approx(LineString(stretch).length, rel=1e-9)
    assert h.shape(occ_id).equals(occupied)
    h.stack.undo()
    assert h.project.snapshot() == before


def test_split_and_reshape_a_real_zone_and_undo_both(h, real):
    occ_id = real["ru_control"]
    occupied = h.shape(occ_id)
    start = h.project.snapshot()
    x0, y0, x1, y1 = occupied.bounds
    cx = (x0 + x1) / 2
    h.ctx.selection.set([occ_id])
    r = h.path(SplitTool(h.ctx), [(cx, y0 - 0.01), (cx + 0.001, y1 + 0.01)])
    assert r.command is not None, r.message
    parts = [h.shape(z) for z in r.selection]
    assert sum(p.area for p in parts) == pytest.approx(occupied.area, rel=1e-9)
    assert shapely.union_all(parts).symmetric_difference(occupied).area < 1e-10
    # Reshape the kept part: a line out from its border and back adds a bump.
    keep = h.shape(occ_id)
    ring = keep.exterior if keep.geom_type == "Polygon" else max(keep.geoms, key=lambda g: g.area).exterior
    a, b = ring.interpolate(0.30, normalized=True), ring.interpolate(0.31, normalized=True)
    out = [(a.x, a.y), (b.x, b.y)]
    for sign in (1, -1):
        bump = [(a.x, a.y), (a.x + sign * 0.01, a.y + sign * 0.01), (b.x + sign * 0.01, b.y + sign * 0.01), (b.x, b.y)]
        if not keep.intersects(LineString(bump[1:3])):
            out = bump
            break
    h.ctx.selection.set([occ_id])
    r = h.path(ReshapeTool(h.ctx), out)
    assert r.command is not None, r.message
    assert h.shape(occ_id).area > keep.area
    for v in h.project.state_at(WHEN):
        for w in h.project.state_at(WHEN):
            if v.id < w.id:
                assert v.geometry.intersection(w.geometry).area < 1e-12
    h.stack.undo()
    h.stack.undo()
    # Back to the imported picture, exactly.
    snap = h.project.snapshot()
    assert snap["versions"] == start["versions"] and snap["zones"] == start["zones"]
