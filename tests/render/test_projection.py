"""Web Mercator in numpy: the same metres as PROJ's EPSG:4326 -> EPSG:3857, without pyproj."""
from __future__ import annotations

import json

import numpy as np
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st
from pyproj import Transformer

from desktop.model.mercator import MAX_LAT, project_geometry, project_xy, to_merc

PROJ = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
POKROVSK = "frontline/deepstate_cyterat_pokrovsk_2025/pokrovsk_occupied_20251201.geojson"


def check_against_proj(lon: np.ndarray, lat: np.ndarray) -> None:
    x, y = project_xy(lon, lat)
    px, py = PROJ.transform(lon, np.clip(lat, -MAX_LAT, MAX_LAT))
    assert np.array_equal(x, px)  # x = R·λ: the same product, bit for bit
    # y = R·asinh(tan φ): numpy's vectorised tan/asinh may round the last bit differently
    # from libm's; a few nanometres (1e-15 of the value) at the most.
    assert np.allclose(y, py, rtol=1e-15, atol=1e-8)


@given(st.lists(st.tuples(st.floats(-180, 180), st.floats(-89.9, 89.9)), min_size=1, max_size=50))
def test_agrees_with_proj_anywhere(points):
    lon, lat = np.array(points).T
    check_against_proj(lon, lat)


def test_agrees_with_proj_on_a_real_front(shared_data):
    geom = shapely.from_geojson(json.dumps(json.loads((shared_data / POKROVSK).read_text())["features"][0]["geometry"]))
    xy = shapely.get_coordinates(geom)
    assert len(xy) > 100
    check_against_proj(xy[:, 0], xy[:, 1])
    projected = shapely.get_coordinates(project_geometry(geom))
    px, py = PROJ.transform(xy[:, 0], xy[:, 1])
    assert np.allclose(projected, np.column_stack([px, py]), rtol=1e-15, atol=1e-8)


def test_latitudes_are_clamped_to_the_mercator_square():
    x, y = project_xy(np.array([0.0, 0.0]), np.array([90.0, -90.0]))
    top = to_merc(0.0, MAX_LAT)[1]
    assert np.isfinite(y).all() and y[0] == pytest.approx(top) and y[1] == pytest.approx(-top)


def test_takes_lists_and_integer_arrays():
    x, y = project_xy([37, 38], np.array([48, 49]))
    px, py = PROJ.transform([37, 38], [48, 49])
    assert np.array_equal(x, px) and np.allclose(y, py, rtol=1e-15)
