"""One Web Mercator: model/mercator.py, used by the renderer, the canvas and the raster sources."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyproj import Transformer

from desktop.model import mercator

INVERSE = Transformer.from_crs("EPSG:3857", "EPSG:4326", always_xy=True)
DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
# The formulas (and the radius as a number) appear in mercator.py only.
FORMULAS = ("6378137.0", "log(math.tan", "arctan(np.exp", "atan(math.exp", "arcsinh(np.tan")


@given(st.floats(-180, 180), st.floats(-89.9, 89.9))
def test_the_point_and_array_forms_agree(lon, lat):
    x, y = mercator.to_merc(lon, lat)
    ax, ay = mercator.project_xy(np.array([lon]), np.array([lat]))
    assert x == ax[0] and y == pytest.approx(ay[0], rel=1e-12, abs=1e-6)


@given(st.floats(-180, 180), st.floats(-85, 85))
def test_back_and_forth_and_as_pyproj_inverts(lon, lat):
    x, y = mercator.to_merc(lon, lat)
    back = mercator.to_lonlat(x, y)
    assert back == pytest.approx((lon, lat), abs=1e-9)
    assert back == pytest.approx(INVERSE.transform(x, y), abs=1e-9)
    assert mercator.merc_y_to_lat(np.array([y]))[0] == pytest.approx(lat, abs=1e-9)
    alon, alat = mercator.unproject_xy(np.array([x]), np.array([y]))
    assert (alon[0], alat[0]) == pytest.approx((lon, lat), abs=1e-9)


def test_the_square_ends_at_max_lat():
    assert mercator.lat_to_merc_y(90) == pytest.approx(mercator.WORLD_HALF, rel=1e-9)
    assert mercator.WORLD_HALF == math.pi * mercator.R


def test_every_layer_uses_the_one_implementation():
    from desktop.render import projection, raster
    from desktop.storage import raster_sources
    assert projection.to_lonlat is mercator.to_lonlat
    assert raster_sources.to_merc is mercator.to_merc and raster.merc_y_to_lat is mercator.merc_y_to_lat
    found = [f"{p.relative_to(DESKTOP)}: {f}" for p in DESKTOP.rglob("*.py") if p.name != "mercator.py"
             for f in FORMULAS if f in p.read_text(encoding="utf-8")]
    assert found == []
