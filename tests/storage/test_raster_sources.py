"""Raster basemap files read without Qt: MBTiles rows and bounds, world files and their CRS,
image headers, and one-line problems for files that cannot be used."""
from __future__ import annotations

import math
import sqlite3
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.storage.raster_sources import (WORLD_HALF, MBTiles, RasterError, image_size, raster_bounds,
                                            raster_kind, raster_problem, read_world_file, tile_bounds,
                                            zoom_for_resolution)


def png_bytes(w: int, h: int, rgb=(200, 30, 30)) -> bytes:
    """A real (tiny) PNG without Qt."""
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def mbtiles(path: Path, tiles: dict, metadata: dict | None = None) -> Path:
    """tiles: (z, x, tms_row) -> bytes."""
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
    con.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    con.executemany("INSERT INTO metadata VALUES (?, ?)", list((metadata or {}).items()))
    con.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", [(*k, v) for k, v in tiles.items()])
    con.commit()
    con.close()
    return path


def test_tiles_are_read_in_xyz_rows_from_tms_storage(tmp_path):
    # At zoom 2, TMS row 3 is the top row: XYZ row 0.
    path = mbtiles(tmp_path / "a.mbtiles", {(2, 1, 3): b"top", (2, 1, 0): b"bottom", (3, 0, 0): b"z3"},
                   {"format": "png", "minzoom": "2", "maxzoom": "9"})
    m = MBTiles(path)
    assert m.tile(2, 1, 0) == b"top" and m.tile(2, 1, 3) == b"bottom" and m.tile(2, 0, 0) is None
    assert m.zooms == (2, 3)
    assert (m.minzoom, m.maxzoom) == (2, 3)  # the metadata's maxzoom is capped by what is there
    assert m.present(2, 0, 3, 0, 3) == {(1, 0), (1, 3)}
    assert m.present(2, 0, 3, 1, 2) == set()
    m.close()


def test_bounds_from_metadata_or_from_the_tiles(tmp_path):
    with_meta = mbtiles(tmp_path / "m.mbtiles", {(1, 0, 0): b"x"}, {"bounds": "-180,-85.0511,0,0"})
    m = MBTiles(with_meta)
    x0, y0, x1, y1 = m.bounds()
    assert x0 == pytest.approx(-WORLD_HALF) and x1 == pytest.approx(0, abs=1e-6) and y1 == pytest.approx(0, abs=1e-6)
    assert y0 == pytest.approx(-WORLD_HALF, rel=1e-4)
    m.close()
    # No bounds: the lowest zoom's tiles say it. TMS (1, 0, 0) is the bottom-left quarter.
    bare = mbtiles(tmp_path / "b.mbtiles", {(1, 0, 0): b"x", (4, 0, 0): b"y"})
    assert raster_bounds("mbtiles", bare) == pytest.approx((-WORLD_HALF, -WORLD_HALF, 0, 0), abs=1e-6)


@pytest.mark.parametrize("setup, needle", [
    (lambda p: None, "file not found"),
    (lambda p: p.write_bytes(b"not a database at all, just some words" * 40), "not an MBTiles file"),
    (lambda p: sqlite3.connect(p).execute("CREATE TABLE other (a)").connection.commit(), "no tiles table"),
    (lambda p: mbtiles(p, {}), "holds no tiles"),
    (lambda p: mbtiles(p, {(1, 0, 0): b"pbf"}, {"format": "pbf"}), "vector tiles"),
])
def test_problems_are_one_line_with_the_file_name(tmp_path, setup, needle):
    path = tmp_path / "broken.mbtiles"
    setup(path)
    msg = raster_problem("mbtiles", path)
    assert msg is not None and needle in msg and "broken.mbtiles" in msg and "\n" not in msg
    with pytest.raises(RasterError):
        MBTiles(path)


def test_an_mbtiles_file_is_never_written(tmp_path):
    path = mbtiles(tmp_path / "a.mbtiles", {(1, 0, 0): b"x"})
    before = sorted(p.name for p in tmp_path.iterdir())
    m = MBTiles(path)
    m.tile(1, 0, 1)
    m.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no journal, no -wal, no -shm


def write_image(tmp_path: Path, name: str, nums, w=4, h=2, world=".pgw", prj=None, aux=None) -> Path:
    img = tmp_path / name
    img.write_bytes(png_bytes(w, h))
    img.with_suffix(world).write_text("\n".join(str(v) for v in nums) + "\n")
    if prj is not None:
        img.with_suffix(".prj").write_text(prj)
    if aux is not None:
        Path(str(img) + ".aux.xml").write_text(aux)
    return img


def test_world_file_in_metres_and_its_bounds(tmp_path):
    img = write_image(tmp_path, "m.png", [10.0, 0, 0, -10.0, 4_000_005.0, 6_200_005.0], w=4, h=2)
    wf = read_world_file(img)
    assert (wf.crs, wf.crs_reason) == ("EPSG:3857", "magnitude")
    assert image_size(img) == (4, 2)
    # Pixel centres in the file; bounds reach the outer pixel edges.
    assert raster_bounds("image", img) == pytest.approx((4_000_000, 6_199_990, 4_000_040, 6_200_010))


def test_world_file_in_degrees_is_detected_and_projected(tmp_path):
    img = write_image(tmp_path, "d.png", [0.5, 0, 0, -0.5, 37.25, 48.75], w=4, h=2, world=".wld")
    wf = read_world_file(img)
    assert wf.crs == "EPSG:4326"
    x0, y0, x1, y1 = raster_bounds("image", img)
    assert x0 == pytest.approx(math.radians(37.0) * 6378137.0) and x1 == pytest.approx(math.radians(39.0) * 6378137.0)
    assert y1 == pytest.approx(6378137.0 * math.log(math.tan(math.pi / 4 + math.radians(49.0) / 2)))


def test_a_prj_or_aux_xml_beats_the_magnitude_guess(tmp_path):
    # Small numbers that look like degrees, but the .prj says Web Mercator.
    merc = 'PROJCS["WGS 84 / Pseudo-Mercator",GEOGCS["WGS 84"],PROJECTION["Mercator_1SP"],AUTHORITY["EPSG","3857"]]'
    img = write_image(tmp_path, "p.png", [0.5, 0, 0, -0.5, 37.25, 48.75], prj=merc)
    assert (read_world_file(img).crs, read_world_file(img).crs_reason) == ("EPSG:3857", ".prj")
    aux = '<PAMDataset><SRS>GEOGCS["WGS 84",DATUM["WGS_1984"]]</SRS></PAMDataset>'
    img = write_image(tmp_path, "x.png", [10.0, 0, 0, -10.0, 4_000_005.0, 6_200_005.0], aux=aux)
    assert (read_world_file(img).crs, read_world_file(img).crs_reason) == ("EPSG:4326", ".aux.xml")
    utm = 'PROJCS["WGS 84 / UTM zone 37N",GEOGCS["WGS 84"],PROJECTION["Transverse_Mercator"]]'
    img = write_image(tmp_path, "u.png", [10.0, 0, 0, -10.0, 400_000.0, 5_300_000.0], prj=utm)
    with pytest.raises(RasterError, match="other than EPSG:3857 or EPSG:4326"):
        read_world_file(img)


@pytest.mark.parametrize("nums, needle", [
    (["1", "0", "0", "-1", "5"], "six numbers"),
    (["1", "0", "0", "-1", "5", "x"], "six numbers"),
    (["0", "0", "0", "-1", "5", "6"], "pixel size is zero"),
    (["0.1", "0.01", "0.01", "-0.1", "37", "48"], "rotated image in degrees"),
])
def test_bad_world_files_say_why(tmp_path, nums, needle):
    img = write_image(tmp_path, "bad.png", nums)
    msg = raster_problem("image", img)
    assert msg is not None and needle in msg


def test_an_image_without_a_world_file_or_not_an_image(tmp_path):
    img = tmp_path / "lonely.png"
    img.write_bytes(png_bytes(2, 2))
    assert "no world file" in raster_problem("image", img)
    fake = write_image(tmp_path, "fake.png", [10.0, 0, 0, -10.0, 4e6, 6e6])
    fake.write_bytes(b"GIF89a not really")
    assert "not a PNG or JPEG" in raster_problem("image", fake)


def test_jpeg_size_from_its_frame_header(tmp_path):
    # SOI, an APP0 segment, then SOF0 (precision, height 300, width 500): enough for the header.
    data = (b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x00" * 9
            + b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 300, 500) + b"\x00" * 12 + b"\xff\xd9")
    path = tmp_path / "a.jpg"
    path.write_bytes(data)
    assert image_size(path) == (500, 300)


def test_kind_from_the_file_name():
    assert raster_kind("/x/Basemap.MBTILES") == "mbtiles"
    assert raster_kind("scan.JPG") == "image" and raster_kind("scan.jpeg") == "image"
    assert raster_kind("notes.txt") is None and raster_kind("tiles.pmtiles") is None


@given(st.floats(0.02, 70_000.0), st.sampled_from([256, 512]))  # below zoom 0 it clamps
def test_tile_zoom_keeps_tile_pixels_within_a_factor_of_root_two(res, tile_px):
    z = zoom_for_resolution(res, tile_px)
    tile_res = 2 * WORLD_HALF / tile_px / (1 << z)
    assert res / math.sqrt(2) * 0.999 <= tile_res <= res * math.sqrt(2) * 1.001


@given(st.integers(0, 18), st.data())
def test_tiles_of_a_zoom_share_their_edges(z, data):
    n = 1 << z
    x = data.draw(st.integers(0, n - 1))
    y = data.draw(st.integers(0, n - 1))
    x0, y0, x1, y1 = tile_bounds(z, x, y)
    assert x1 - x0 == pytest.approx(y1 - y0) == pytest.approx(2 * WORLD_HALF / n, abs=1e-6)
    if x + 1 < n:
        assert tile_bounds(z, x + 1, y)[0] == x1  # exactly: no seam between neighbours
    if y + 1 < n:
        assert tile_bounds(z, x, y + 1)[3] == y0  # the next row is below


def test_reading_rasters_needs_no_qt():
    code = ("import sys, desktop.storage.raster_sources, desktop.model.rasters; "
            "print(any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[2], check=True)
    assert out.stdout.strip() == "False"
