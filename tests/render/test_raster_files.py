"""Small raster basemap files for the raster tests (and tests that the makers are right).

`make_mbtiles` writes tiles of known colours in TMS row order, as real MBTiles files store
them; `make_georef_png` writes a PNG of four coloured quadrants with a world file.
"""
from __future__ import annotations

import math
import sqlite3
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

POKROVSK = (37.18, 48.28)
QUADRANTS = ("#e53935", "#43a047", "#1e88e5", "#fdd835")  # NW, NE, SW, SE


def xyz_tile(lon: float, lat: float, z: int) -> tuple[int, int]:
    """The XYZ tile (row 0 at the top) holding a point."""
    n = 1 << z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y


def tile_colour(z: int, x: int, y: int) -> str:
    """A distinct colour per tile, so a pixel tells which tile (and zoom) drew it."""
    r = 40 + (x * 37 + z * 101) % 200
    g = 40 + (y * 53 + z * 17) % 200
    b = 40 + (z * 71) % 200
    return f"#{r:02x}{g:02x}{b:02x}"


def encode(img: QImage, fmt: str = "PNG") -> bytes:
    ba = QByteArray()
    buf = QBuffer(ba)
    buf.open(QIODevice.WriteOnly)
    img.save(buf, fmt)
    buf.close()
    return bytes(ba)


def solid(colour: str, size: int = 256, fmt: str = "PNG") -> bytes:
    img = QImage(size, size, QImage.Format_RGB32)
    img.fill(QColor(colour))
    return encode(img, fmt)


def make_mbtiles(path: Path, zooms=(10, 11, 12), around=POKROVSK, radius: int = 3, metadata=None,
                 colour=tile_colour, fmt: str = "PNG", size: int = 256) -> Path:
    """Tiles within `radius` of the tile holding `around`, at each zoom, in TMS rows."""
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
    con.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)")
    con.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    for k, v in (metadata or {"name": "test", "format": fmt.lower()}).items():
        con.execute("INSERT INTO metadata VALUES (?, ?)", (k, str(v)))
    for z in zooms:
        n = 1 << z
        cx, cy = xyz_tile(*around, z)
        for x in range(cx - radius, cx + radius + 1):
            for y in range(cy - radius, cy + radius + 1):
                con.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                            (z, x, n - 1 - y, solid(colour(z, x, y), size, fmt)))
    con.commit()
    con.close()
    return path


def make_georef_png(path: Path, bounds: tuple[float, float, float, float], width: int = 200,
                    height: int = 160, world_ext: str = ".pgw", prj: str | None = None) -> Path:
    """A PNG of four quadrants (QUADRANTS) covering `bounds` (x0, y0, x1, y1 in the world
    file's CRS), with its world file (pixel centres, as the format says)."""
    img = QImage(width, height, QImage.Format_RGB32)
    for row in range(height):
        for col in range(width):
            q = (0 if row < height // 2 else 2) + (0 if col < width // 2 else 1)
            img.setPixelColor(col, row, QColor(QUADRANTS[q]))
    img.save(str(path), "PNG")
    x0, y0, x1, y1 = bounds
    a, e = (x1 - x0) / width, -(y1 - y0) / height
    Path(path).with_suffix(world_ext).write_text(
        f"{a!r}\n0.0\n0.0\n{e!r}\n{x0 + a / 2!r}\n{y1 + e / 2!r}\n", encoding="utf-8")
    if prj is not None:
        Path(path).with_suffix(".prj").write_text(prj, encoding="utf-8")
    return Path(path)


def test_made_tiles_are_stored_in_tms_rows(tmp_path):
    path = make_mbtiles(tmp_path / "t.mbtiles", zooms=(8,), radius=0)
    x, y = xyz_tile(*POKROVSK, 8)
    con = sqlite3.connect(path)
    rows = con.execute("SELECT tile_column, tile_row FROM tiles").fetchall()
    con.close()
    assert rows == [(x, (1 << 8) - 1 - y)]


def test_made_image_has_its_world_file(tmp_path):
    path = make_georef_png(tmp_path / "i.png", (0.0, 0.0, 200.0, 160.0))
    nums = [float(v) for v in path.with_suffix(".pgw").read_text().split()]
    assert nums == [1.0, 0.0, 0.0, -1.0, 0.5, 159.5]
    assert QImage(str(path)).pixelColor(0, 0).name() == QUADRANTS[0]
