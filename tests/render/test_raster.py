"""Raster basemaps in the shared painter: MBTiles tiles and world-file images land where they
belong, at the tile zoom the view needs, under the vector lines and over the land."""
from __future__ import annotations

import math
import sqlite3

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImageReader

from desktop.model.commands import CommandStack
from desktop.model.entities import ProjectInfo
from desktop.model.project import Project
from desktop.model.rasters import add_raster, set_raster_opacity
from desktop.render import styles
from desktop.render.frame import Chrome, FrameSpec, render_image
from desktop.render.projection import MapView
from desktop.model.mercator import to_merc
from desktop.render.spec import BASEMAP_GROUPS
from desktop.storage.raster_sources import WORLD_HALF, tile_bounds

from render.helpers import rgb
from render.test_raster_files import POKROVSK, QUADRANTS, make_georef_png, make_mbtiles, solid, tile_colour, xyz_tile

W, H = 640, 480
ONLY_LAND = frozenset(g for g in BASEMAP_GROUPS if g != "land")
NO_CHROME = Chrome(scale_bar=False, attribution=False)


@pytest.fixture(autouse=True)
def app(qapp):
    # pytest-qt's QApplication: a bare QGuiApplication here would break later widget tests.
    return qapp


def project_with(*rasters) -> tuple[Project, list[str]]:
    p = Project(ProjectInfo(title="Rasters"))
    stack = CommandStack(p)
    ids = []
    for kind, path in rasters:
        cmd, rid = add_raster(p, kind, str(path))
        stack.push(cmd)
        ids.append(rid)
    return p, ids


def view_at_zoom(z: float, centre=POKROVSK) -> tuple[float, float, float, float]:
    """A W x H bbox whose resolution is that of 256-px tiles at zoom z."""
    res = 2 * WORLD_HALF / 256 / 2 ** z
    cx, cy = to_merc(*centre)
    return cx - res * W / 2, cy - res * H / 2, cx + res * W / 2, cy + res * H / 2


def spec_for(p: Project, bbox, **kw) -> FrameSpec:
    from datetime import date
    kw.setdefault("hidden_basemap", ONLY_LAND)
    return FrameSpec(project=p, when=date(2025, 11, 3), bbox=bbox, chrome=NO_CHROME, **kw)


def hexes(a: np.ndarray) -> np.ndarray:
    return a[..., 0].astype(np.int64) << 16 | a[..., 1].astype(np.int64) << 8 | a[..., 2]


def colour_at(img: np.ndarray, view: MapView, x: float, y: float) -> str:
    px, py = view.to_px(x, y)
    r, g, b = img[int(py), int(px)]
    return f"#{r:02x}{g:02x}{b:02x}"


def tile_centres(view: MapView, z: int):
    """(x, y) XYZ tiles whose centre is inside the view, with that centre."""
    fx0, fy0, fx1, fy1 = view.fitted
    n = 1 << z
    for x in range(n):
        for y in range(n):
            b = tile_bounds(z, x, y)
            cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
            if fx0 + 1 < cx < fx1 - 1 and fy0 + 1 < cy < fy1 - 1:
                yield x, y, cx, cy


@pytest.fixture(scope="module")
def tiles(tmp_path_factory):
    return make_mbtiles(tmp_path_factory.mktemp("mb") / "tiles.mbtiles", zooms=(9, 10, 11, 12), radius=3)


@pytest.mark.parametrize("cached", [True, False], ids=["raster", "vector-output"])
@pytest.mark.parametrize("zoom", [10, 11, 12])
def test_each_tile_lands_on_its_place_at_the_views_zoom(tiles, zoom, cached):
    p, _ = project_with(("mbtiles", tiles))
    bbox = view_at_zoom(zoom + 0.3)  # between zooms: the nearer one (in log scale) is drawn
    view = MapView(bbox, W, H)
    img = rgb(render_image(spec_for(p, bbox, raster_cache=cached), W, H))
    centres = list(tile_centres(view, zoom))
    assert centres  # the view holds whole tiles of that zoom
    for x, y, cx, cy in centres:
        assert colour_at(img, view, cx, cy) == tile_colour(zoom, x, y)
        # A few pixels inside each corner: still the same tile (no flip, no offset by one row).
        b = tile_bounds(zoom, x, y)
        inset = view.resolution * 3
        for px, py in ((b[0] + inset, b[3] - inset), (b[2] - inset, b[1] + inset)):
            fx0, fy0, fx1, fy1 = view.fitted
            if fx0 < px < fx1 and fy0 < py < fy1:
                assert colour_at(img, view, px, py) == tile_colour(zoom, x, y)


def test_a_tile_missing_at_the_zoom_is_drawn_from_its_parent(tmp_path):
    path = make_mbtiles(tmp_path / "sparse.mbtiles", zooms=(10,), radius=2)
    x12, y12 = xyz_tile(*POKROVSK, 12)
    con = sqlite3.connect(path)
    con.execute("INSERT INTO tiles VALUES (12, ?, ?, ?)", (x12, (1 << 12) - 1 - y12, solid("#00ffff")))
    con.commit()
    con.close()
    p, _ = project_with(("mbtiles", path))
    bbox = view_at_zoom(12)
    view = MapView(bbox, W, H)
    img = rgb(render_image(spec_for(p, bbox), W, H))
    for x, y, cx, cy in tile_centres(view, 12):
        want = "#00ffff" if (x, y) == (x12, y12) else tile_colour(10, x >> 2, y >> 2)
        assert colour_at(img, view, cx, cy) == want


def test_opacity_blends_with_the_land_and_lines_stay_on_top(tiles):
    p, (rid,) = project_with(("mbtiles", tiles))
    bbox = view_at_zoom(11.3)
    view = MapView(bbox, W, H)
    x, y, cx, cy = next(iter(tile_centres(view, 11)))
    solid_px = rgb(render_image(spec_for(p, bbox), W, H))
    tx0, ty0 = xyz_tile(*POKROVSK, 11)
    tile_hex = {int(tile_colour(11, tx0 + i, ty0 + j)[1:], 16) for i in range(-3, 4) for j in range(-3, 4)}
    # Over the land: no land colour is left where tiles cover the view.
    assert not (hexes(solid_px) == int(styles.LAND[1:], 16)).any()
    # Borders and roads are drawn over the raster: showing them covers some tile pixels.
    lines = rgb(render_image(spec_for(p, bbox, hidden_basemap=frozenset({"labels", "towns"})), W, H))
    on_tiles = np.isin(hexes(solid_px), list(tile_hex)).mean()
    with_lines = np.isin(hexes(lines), list(tile_hex)).mean()
    assert on_tiles > 0.97 and with_lines < on_tiles - 0.005
    CommandStack(p).push(set_raster_opacity(p, rid, 0.5))
    half = rgb(render_image(spec_for(p, bbox), W, H))
    land, tile = QColor(styles.LAND), QColor(tile_colour(11, x, y))
    px, py = view.to_px(cx, cy)
    got = half[int(py), int(px)].astype(int)
    want = np.array([(land.red() + tile.red()) / 2, (land.green() + tile.green()) / 2, (land.blue() + tile.blue()) / 2])
    assert np.abs(got - want).max() <= 3


@pytest.mark.parametrize("fmt", ["JPEG", "WEBP"])
def test_jpeg_and_webp_tiles(tmp_path, fmt):
    if fmt.lower().encode() not in [bytes(f) for f in QImageReader.supportedImageFormats()]:
        pytest.skip(f"this Qt build cannot read {fmt}")
    path = make_mbtiles(tmp_path / f"{fmt}.mbtiles", zooms=(11,), radius=3, fmt=fmt)
    p, _ = project_with(("mbtiles", path))
    bbox = view_at_zoom(11)
    view = MapView(bbox, W, H)
    img = rgb(render_image(spec_for(p, bbox), W, H))
    for x, y, cx, cy in tile_centres(view, 11):
        got = QColor(colour_at(img, view, cx, cy))
        want = QColor(tile_colour(11, x, y))
        assert max(abs(got.red() - want.red()), abs(got.green() - want.green()), abs(got.blue() - want.blue())) <= 8


def test_image_in_metres_lands_on_its_quadrants(tmp_path):
    cx, cy = to_merc(*POKROVSK)
    bounds = (cx - 8000, cy - 6000, cx + 8000, cy + 6000)
    path = make_georef_png(tmp_path / "scan.png", bounds)
    p, _ = project_with(("image", path))
    bbox = (cx - 12000, cy - 9000, cx + 12000, cy + 9000)
    view = MapView(bbox, W, H)
    img = rgb(render_image(spec_for(p, bbox), W, H))
    for (dx, dy), q in zip(((-4000, 3000), (4000, 3000), (-4000, -3000), (4000, -3000)), QUADRANTS):
        assert colour_at(img, view, cx + dx, cy + dy) == q
    assert colour_at(img, view, cx + 10000, cy) == styles.LAND  # outside the image: land
    assert colour_at(img, view, cx - 7900, cy + 5900) == QUADRANTS[0]  # the top-left corner is top-left


def test_image_in_degrees_is_warped_to_mercator(tmp_path):
    # 40-60 N: the quadrants meet at 50 N, which Mercator puts ~186 km south of the middle
    # of the image's Mercator extent. A linear stretch would put 50.5 N in a southern quadrant.
    path = make_georef_png(tmp_path / "deg.png", (30.0, 40.0, 40.0, 60.0), width=100, height=400)
    p, _ = project_with(("image", path))
    x0, y0 = to_merc(28.0, 38.0)
    x1, y1 = to_merc(42.0, 62.0)
    view = MapView((x0, y0, x1, y1), W, H)
    img = rgb(render_image(spec_for(p, (x0, y0, x1, y1)), W, H))
    assert colour_at(img, view, *to_merc(32.0, 50.6)) == QUADRANTS[0]
    assert colour_at(img, view, *to_merc(32.0, 49.4)) == QUADRANTS[2]
    assert colour_at(img, view, *to_merc(38.0, 59.5)) == QUADRANTS[1]
    assert colour_at(img, view, *to_merc(38.0, 40.5)) == QUADRANTS[3]
    mid = (to_merc(0, 40.0)[1] + to_merc(0, 60.0)[1]) / 2
    assert math.degrees(2 * math.atan(math.exp(mid / 6378137.0)) - math.pi / 2) > 50.6  # the test discriminates


def test_missing_and_hidden_rasters_draw_nothing_and_never_crash(tmp_path, tiles):
    p, (gone, ok) = project_with(("mbtiles", tmp_path / "gone.mbtiles"), ("image", tmp_path / "gone.png"))
    bbox = view_at_zoom(11)
    img = rgb(render_image(spec_for(p, bbox), W, H))
    assert (hexes(img) == int(styles.LAND[1:], 16)).mean() > 0.99
    q, (rid,) = project_with(("mbtiles", tiles))
    shown = rgb(render_image(spec_for(q, bbox), W, H))
    assert (hexes(shown) == int(styles.LAND[1:], 16)).mean() < 0.01
    hidden = rgb(render_image(spec_for(q, bbox, rasters=False), W, H))
    assert (hexes(hidden) == int(styles.LAND[1:], 16)).mean() > 0.99
    from desktop.model.rasters import set_raster_visible
    CommandStack(q).push(set_raster_visible(q, rid, False))
    off = rgb(render_image(spec_for(q, bbox), W, H))  # a new key: the cached basemap is not reused
    assert (hexes(off) == int(styles.LAND[1:], 16)).mean() > 0.99


def test_upper_rasters_cover_lower_ones(tmp_path, tiles):
    cx, cy = to_merc(*POKROVSK)
    path = make_georef_png(tmp_path / "top.png", (cx - 3000, cy - 3000, cx + 3000, cy + 3000))
    p, (under, over) = project_with(("mbtiles", tiles), ("image", path))
    bbox = view_at_zoom(11.3)
    view = MapView(bbox, W, H)
    img = rgb(render_image(spec_for(p, bbox), W, H))
    assert colour_at(img, view, cx - 1500, cy + 1500) == QUADRANTS[0]
    from desktop.model.rasters import move_raster
    CommandStack(p).push(move_raster(p, over, -1))
    img = rgb(render_image(spec_for(p, bbox), W, H))
    assert colour_at(img, view, cx - 1500, cy + 1500) != QUADRANTS[0]  # now under the tiles
