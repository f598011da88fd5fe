"""The bundled basemap covers the whole front and its rear (Crimea to the Russian border regions
east of Luhansk, 30-42°E / 44-53°N) with one look: no edge where the shared source region
(22-41°E / 44-53°N) ends (issue 15, item 9)."""
from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest
import shapely

from desktop.model.mercator import bbox_to_merc, to_merc
from desktop.model.entities import ProjectInfo
from desktop.model.project import Project
from desktop.render import styles
from desktop.render.basemap import BASEMAP_DIR
from desktop.render.frame import Chrome, FrameSpec, render_image
from desktop.render.projection import MapView

from render.helpers import rgb

FRONT = (30.0, 44.0, 42.0, 53.0)  # lon/lat W, S, E, N
OLD_EAST = 41.0  # where the shared Natural Earth files end
NO_CHROME = Chrome(scale_bar=False, attribution=False)


def _merc(lon: float, lat: float) -> tuple[float, float]:
    return tuple(float(v) for v in to_merc(lon, lat))


@pytest.fixture(scope="module")
def npz():
    with np.load(BASEMAP_DIR / "basemap.npz") as z:
        yield {k: z[k] for k in z.files}


def _parts(npz, key: str, level: int = 0) -> list[np.ndarray]:
    xy, starts = npz[f"{key}@{level}_xy"].astype(np.float64), npz[f"{key}@{level}_starts"]
    ends = np.append(starts[1:], len(xy))
    return [xy[a:b] for a, b in zip(starts, ends)]


def _polygon(npz, key: str, level: int = 0):
    """The layer as the painter fills it (odd-even rule over all its rings)."""
    area = shapely.Polygon()
    for ring in _parts(npz, key, level):
        if len(ring) >= 4:
            area = shapely.symmetric_difference(area, shapely.make_valid(shapely.Polygon(ring)))
    return area


@pytest.mark.parametrize("level", [0, 4])
def test_land_covers_the_whole_front_and_its_rear(npz, level):
    land = shapely.union(_polygon(npz, "land_other", level), _polygon(npz, "land_ua", level))
    # Inland points all over the box, most of them east of the old 41°E edge.
    for lon, lat in [(30.5, 52.8), (35.0, 48.0), (38.0, 52.9), (40.8, 47.5), (41.2, 47.5),
                     (41.5, 51.0), (42.0, 44.2), (42.0, 48.0), (42.0, 52.9), (44.0, 46.0),
                     (45.5, 49.5), (33.0, 53.5), (41.0, 53.5), (43.5, 43.8)]:
        assert land.contains(shapely.Point(_merc(lon, lat))), (lon, lat)
    # ... and the sea stays sea (Black Sea, Sea of Azov, Caspian).
    for lon, lat in [(31.0, 44.5), (36.5, 46.0), (38.5, 44.2), (39.0, 43.5), (48.5, 44.5)]:
        assert not land.contains(shapely.Point(_merc(lon, lat))), (lon, lat)


def _extent(npz, key: str, level: int = 0) -> tuple[float, float, float, float]:
    xy = npz[f"{key}@{level}_xy"]
    return xy[:, 0].min(), xy[:, 1].min(), xy[:, 0].max(), xy[:, 1].max()


@pytest.mark.parametrize("key", ["rivers", "country_borders", "lakes"])
@pytest.mark.parametrize("level", [0, 2, 4])
def test_lines_and_lakes_reach_past_the_old_edge(npz, key, level):
    x0, y0, x1, y1 = _extent(npz, key, level)
    w, s = _merc(30.0, 44.0)
    e, n = _merc(42.0, 53.0)
    assert x0 < w and x1 > e, key
    if key != "lakes":  # no lake north of 53°N or at the Black Sea coast
        assert y0 < s and y1 > n, key


def test_rivers_and_the_don_reservoir_east_of_luhansk(npz):
    # The Don, the Khopyor, the Volga: many river vertices east of the old edge, and the
    # Tsimlyansk Reservoir (42-43.5°E) among the lakes.
    rivers = npz["rivers@0_xy"]
    east = _merc(OLD_EAST, 48.0)[0]
    assert (rivers[:, 0] > east).sum() > 1000
    tsimlyansk = shapely.Point(_merc(42.9, 47.75)).buffer(30_000)
    assert any(shapely.intersects(tsimlyansk, shapely.Polygon(r)) for r in _parts(npz, "lakes") if len(r) >= 4)


@pytest.mark.parametrize("lon, lat", [(22.0, None), (41.0, None), (None, 44.0), (None, 53.0)])
def test_no_border_runs_along_the_edge_of_the_source_region(npz, lon, lat):
    """A clipped country's cut edge is not a border: no stretch of the country borders lies
    on the old region's edges (it drew a hard vertical line at 41°E)."""
    xy = npz["country_borders@0_xy"].astype(np.float64)
    starts = npz["country_borders@0_starts"]
    same_part = np.ones(len(xy) - 1, bool)
    same_part[starts[1:] - 1] = False
    a, b = xy[:-1][same_part], xy[1:][same_part]
    if lon is not None:
        x = _merc(lon, 48.0)[0]
        along = (np.abs(a[:, 0] - x) < 5) & (np.abs(b[:, 0] - x) < 5)
    else:
        y = _merc(30.0, lat)[1]
        along = (np.abs(a[:, 1] - y) < 5) & (np.abs(b[:, 1] - y) < 5)
    assert np.hypot(*(b - a)[along].T).sum() < 1000.0


def test_cities_east_of_the_old_edge_are_labelled():
    raw = json.loads((BASEMAP_DIR / "labels.json").read_text(encoding="utf-8"))
    names = {t for x, y, t, k, p in raw if k == "city" and x > _merc(OLD_EAST, 48.0)[0]}
    assert {"Volgograd", "Volgodonsk", "Elista", "Tambov"} <= names
    assert "Tsimlyansk Reservoir" in {t for *_, t, k, p in raw if k == "water"}


def test_whole_front_frame_is_painted_past_the_old_edge(qapp):
    """A frame of the whole front: east of 40.5°E it is land (the neighbours' shade), crossed by
    rivers, with no vertical line where the old data ended."""
    project = Project(ProjectInfo(title="Front", aoi=FRONT))
    bbox = bbox_to_merc(*FRONT)
    width, height = 1600, 1000
    spec = FrameSpec(project, date(2025, 11, 10), bbox, chrome=NO_CHROME,
                     hidden_basemap=frozenset({"labels"}))
    img = rgb(render_image(spec, width, height)).astype(int)
    view = MapView(bbox, width, height)
    x_edge = round(view.to_px(*to_merc(40.5, 48.0))[0])
    x_old = round(view.to_px(*to_merc(OLD_EAST, 48.0))[0])
    _, y_top = view.to_px(*to_merc(40.5, 52.5))
    _, y_bottom = view.to_px(*to_merc(40.5, 45.0))
    right = img[round(y_top):round(y_bottom), x_edge:]
    assert right.shape[1] > 150

    def share(colour: str, tol: int = 6) -> float:
        c = np.array(styles.qcolor(colour).getRgb()[:3])
        return float((np.abs(right - c).max(axis=2) <= tol).mean())

    assert share(styles.LAND_OTHER) > 0.8
    assert share(styles.WATER, 3) < 0.05  # not the sea-coloured background
    # Rivers east of the old edge too (the Don, the Volga), in the rivers' colour.
    river = np.array(styles.qcolor(styles.RIVER).getRgb()[:3])
    east = img[round(y_top):round(y_bottom), x_old + 4:]
    assert (np.abs(east - river).max(axis=2) <= 40).mean() > 0.005
    # No vertical line at the old edge: the columns there look like their neighbours.
    land = np.array(styles.qcolor(styles.LAND_OTHER).getRgb()[:3])
    strip = img[round(y_top):round(y_bottom), x_old - 3:x_old + 4]
    off_land = (np.abs(strip - land).max(axis=2) > 12).mean(axis=0)
    assert off_land.max() < 0.2, off_land
