"""Raster basemap files, read without Qt: MBTiles (SQLite tiles) and images with a world file.

The painter (desktop/render/raster.py) decodes the tile and image bytes; this module finds them
and says where on the map they go, in EPSG:3857 metres (the canvas's CRS), and explains any
problem in one line (`raster_problem`), so a missing or broken file is a message, never a crash.

World files carry six numbers (pixel width A, rotation D, rotation B, pixel height E, and the
centre of the top-left pixel C, F) but no CRS. We accept EPSG:3857 and EPSG:4326 and decide:
a `.prj` or `.aux.xml` beside the image wins (it names a Mercator projection or a geographic
CRS); otherwise the magnitude of the numbers: a top-left within ±180/±90 with pixels under a
degree is degrees, anything else is metres.
"""
from __future__ import annotations

import math
import sqlite3
import struct
import threading
from dataclasses import dataclass
from pathlib import Path

from desktop.model.mercator import WORLD_HALF, to_merc

MBTILES_EXT = (".mbtiles",)
IMAGE_EXT = (".png", ".jpg", ".jpeg")
# Beside `name.png`: name.pgw, name.pngw, name.wld (and name.png.aux.xml, name.prj for the CRS).
WORLD_EXT = {".png": (".pgw", ".pngw", ".wld"), ".jpg": (".jgw", ".jpgw", ".wld"),
             ".jpeg": (".jgw", ".jpgw", ".jpegw", ".wld")}


class RasterError(Exception):
    """A raster file that cannot be used; the message is one line for the status bar."""


def raster_kind(path: str | Path) -> str | None:
    """"mbtiles" or "image" from the file name, or None for anything else."""
    ext = Path(path).suffix.lower()
    if ext in MBTILES_EXT:
        return "mbtiles"
    if ext in IMAGE_EXT:
        return "image"
    return None


# -- MBTiles ---------------------------------------------------------------------------------------
def tile_bounds(z: int, x: int, y_xyz: int) -> tuple[float, float, float, float]:
    """EPSG:3857 (x0, y0, x1, y1) of an XYZ tile (row 0 at the top, as on screen)."""
    size = 2 * WORLD_HALF / (1 << z)
    # Each edge from its own index, so neighbouring tiles share edges exactly (no seams).
    return (-WORLD_HALF + x * size, WORLD_HALF - (y_xyz + 1) * size,
            -WORLD_HALF + (x + 1) * size, WORLD_HALF - y_xyz * size)


class MBTiles:
    """One MBTiles file opened read-only. Rows are TMS (row 0 at the bottom) in the file; every
    method here speaks XYZ (row 0 at the top) and flips on the way in."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise RasterError(f"{self.path.name}: file not found ({self.path})")
        try:
            # Read-only and immutable: never create a journal or lock beside someone's basemap.
            self._con = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                        check_same_thread=False)
            tables = {r[0] for r in self._con.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')")}
        except sqlite3.DatabaseError as e:
            raise RasterError(f"{self.path.name}: not an MBTiles file ({e})") from None
        if "tiles" not in tables:
            raise RasterError(f"{self.path.name}: not an MBTiles file (no tiles table)")
        self._lock = threading.Lock()  # exports paint from worker threads
        self.tile_px = 0  # tile width in pixels, learnt by the painter from the first tile it decodes
        self.metadata: dict[str, str] = {}
        if "metadata" in tables:
            self.metadata = {str(k): str(v) for k, v in self._con.execute("SELECT name, value FROM metadata")}
        fmt = self.metadata.get("format", "").lower()
        if fmt in ("pbf", "mvt"):
            raise RasterError(f"{self.path.name}: vector tiles (pbf) are not supported; use a raster MBTiles")
        zooms = [r[0] for r in self._con.execute("SELECT DISTINCT zoom_level FROM tiles ORDER BY zoom_level")]
        if not zooms:
            raise RasterError(f"{self.path.name}: the MBTiles file holds no tiles")
        self.zooms: tuple[int, ...] = tuple(int(z) for z in zooms)
        self.minzoom = _int(self.metadata.get("minzoom"), self.zooms[0])
        self.maxzoom = _int(self.metadata.get("maxzoom"), self.zooms[-1])
        self.minzoom = max(self.minzoom, self.zooms[0])
        self.maxzoom = min(self.maxzoom, self.zooms[-1])

    def bounds_lonlat(self) -> tuple[float, float, float, float] | None:
        raw = self.metadata.get("bounds")
        if raw:
            try:
                w, s, e, n = (float(v) for v in raw.split(","))
                return w, s, e, n
            except ValueError:
                pass
        return None

    def bounds(self) -> tuple[float, float, float, float]:
        """EPSG:3857 bounds: from the metadata, else from the tiles of the lowest zoom."""
        ll = self.bounds_lonlat()
        if ll is not None:
            x0, y0 = to_merc(ll[0], ll[1])
            x1, y1 = to_merc(ll[2], ll[3])
            return x0, y0, x1, y1
        z = self.zooms[0]
        with self._lock:
            cmin, cmax, rmin, rmax = self._con.execute(
                "SELECT min(tile_column), max(tile_column), min(tile_row), max(tile_row) FROM tiles "
                "WHERE zoom_level=?", (z,)).fetchone()
        n = 1 << z
        x0, _, _, y1 = tile_bounds(z, cmin, n - 1 - rmax)
        _, y0, x1, _ = tile_bounds(z, cmax, n - 1 - rmin)
        return x0, y0, x1, y1

    def tile(self, z: int, x: int, y_xyz: int) -> bytes | None:
        row = (1 << z) - 1 - y_xyz
        with self._lock:
            got = self._con.execute("SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                                    (z, x, row)).fetchone()
        return bytes(got[0]) if got and got[0] is not None else None

    def present(self, z: int, x0: int, x1: int, y0_xyz: int, y1_xyz: int) -> set[tuple[int, int]]:
        """(x, y_xyz) of the tiles present at zoom z within the inclusive ranges: one query."""
        n = 1 << z
        with self._lock:
            rows = self._con.execute(
                "SELECT tile_column, tile_row FROM tiles WHERE zoom_level=? AND tile_column BETWEEN ? AND ? "
                "AND tile_row BETWEEN ? AND ?", (z, x0, x1, n - 1 - y1_xyz, n - 1 - y0_xyz)).fetchall()
        return {(int(c), n - 1 - int(r)) for c, r in rows}

    def close(self) -> None:
        self._con.close()


def _int(v: str | None, default: int) -> int:
    try:
        return int(float(v)) if v is not None else default
    except ValueError:
        return default


def zoom_for_resolution(resolution: float, tile_px: int = 256) -> int:
    """The tile zoom whose pixels are closest (in log scale) to `resolution` metres per pixel.

    Rounding in log scale means tiles are drawn between 0.71x and 1.41x their size: never
    blurred by more than that, and never more than about twice as many tiles as pixels need.
    """
    z0 = 2 * WORLD_HALF / tile_px  # metres per pixel at zoom 0
    return max(0, min(30, round(math.log2(z0 / max(resolution, 1e-9)))))


# -- world files -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class WorldFile:
    """The affine transform of an image: x = a*col + b*row + c (pixel centres), y = d*col + e*row + f."""
    a: float
    d: float
    b: float
    e: float
    c: float
    f: float
    crs: str  # "EPSG:3857" or "EPSG:4326"
    crs_reason: str  # how we know: ".prj", ".aux.xml" or "magnitude"

    @property
    def rotated(self) -> bool:
        return self.b != 0 or self.d != 0

    def corner_bounds(self, width: int, height: int) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) in the world file's own CRS, to the outer edges of the pixels."""
        xs, ys = [], []
        for col, row in ((-0.5, -0.5), (width - 0.5, -0.5), (-0.5, height - 0.5), (width - 0.5, height - 0.5)):
            xs.append(self.a * col + self.b * row + self.c)
            ys.append(self.d * col + self.e * row + self.f)
        return min(xs), min(ys), max(xs), max(ys)

    def merc_bounds(self, width: int, height: int) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self.corner_bounds(width, height)
        if self.crs == "EPSG:4326":
            x0, y0 = to_merc(x0, y0)
            x1, y1 = to_merc(x1, y1)
        return x0, y0, x1, y1


def world_file_for(image: str | Path) -> Path | None:
    p = Path(image)
    for ext in WORLD_EXT.get(p.suffix.lower(), ()) + (".wld",):
        for cand in (p.with_suffix(ext), p.with_suffix(ext.upper())):
            if cand.is_file():
                return cand
    return None


def _crs_from_text(text: str) -> str | None:
    """EPSG:3857 or EPSG:4326 from WKT / aux.xml text, or None if it is neither or unclear."""
    t = text.lower()
    if any(k in t for k in ("3857", "900913", "pseudo-mercator", "pseudo_mercator", "popular visualisation",
                            "mercator_auxiliary_sphere", "web mercator")):
        return "EPSG:3857"
    if "projcs" in t or "projcrs" in t:
        return "other"
    if "geogcs" in t or "geogcrs" in t or "4326" in t or "wgs 84" in t or "wgs_1984" in t:
        return "EPSG:4326"
    return None


def read_world_file(image: str | Path) -> WorldFile:
    p = Path(image)
    wf = world_file_for(p)
    if wf is None:
        raise RasterError(f"{p.name}: no world file beside it (.pgw/.jgw/.pngw/.jpgw/.wld)")
    try:
        nums = [float(line) for line in wf.read_text(encoding="utf-8", errors="replace").split() if line.strip()]
    except ValueError:
        raise RasterError(f"{wf.name}: a world file holds six numbers, one per line") from None
    if len(nums) != 6 or not all(math.isfinite(v) for v in nums):
        raise RasterError(f"{wf.name}: a world file holds six numbers, one per line")
    a, d, b, e, c, f = nums
    if a == 0 and b == 0 or d == 0 and e == 0:
        raise RasterError(f"{wf.name}: the pixel size is zero")
    crs, reason = None, ""
    for side, why in ((p.with_suffix(".prj"), ".prj"), (Path(str(p) + ".aux.xml"), ".aux.xml")):
        if side.is_file():
            crs = _crs_from_text(side.read_text(encoding="utf-8", errors="replace")[:20000])
            if crs is not None:
                reason = why
                break
    if crs == "other":
        raise RasterError(f"{p.name}: its {reason} names a CRS other than EPSG:3857 or EPSG:4326; "
                          "reproject it (e.g. gdalwarp -t_srs EPSG:3857)")
    if crs is None:
        degrees = abs(c) <= 180 and abs(f) <= 90 and abs(a) < 1 and abs(e) < 1
        crs, reason = ("EPSG:4326" if degrees else "EPSG:3857"), "magnitude"
    if crs == "EPSG:4326" and (b != 0 or d != 0):
        raise RasterError(f"{wf.name}: a rotated image in degrees is not supported; rotate or warp it first")
    return WorldFile(a, d, b, e, c, f, crs, reason)


def image_size(path: str | Path) -> tuple[int, int]:
    """(width, height) of a PNG or JPEG from its header, without decoding it."""
    p = Path(path)
    with p.open("rb") as fh:
        head = fh.read(32)
        if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
            return struct.unpack(">II", head[16:24])
        if head.startswith(b"\xff\xd8"):
            fh.seek(2)
            while True:
                marker = fh.read(2)
                if len(marker) < 2 or marker[0] != 0xFF:
                    break
                if marker[1] in (0xD8, 0x01) or 0xD0 <= marker[1] <= 0xD7:
                    continue
                (length,) = struct.unpack(">H", fh.read(2))
                if marker[1] in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                    h, w = struct.unpack(">HH", fh.read(5)[1:5])
                    return w, h
                fh.seek(length - 2, 1)
    raise RasterError(f"{p.name}: not a PNG or JPEG image")


# -- problems --------------------------------------------------------------------------------------
def raster_problem(kind: str, path: str | Path) -> str | None:
    """One line explaining why the raster cannot be drawn, or None when it can."""
    p = Path(path)
    if not p.is_file():
        return f"{p.name}: file not found ({p})"
    try:
        if kind == "mbtiles":
            MBTiles(p).close()
        elif kind == "image":
            image_size(p)
            read_world_file(p)
        else:
            return f"{p.name}: unknown raster kind {kind!r}"
    except RasterError as e:
        return str(e)
    except OSError as e:
        return f"{p.name}: cannot be read ({e.strerror or e})"
    return None


def raster_bounds(kind: str, path: str | Path) -> tuple[float, float, float, float]:
    """EPSG:3857 bounds of a raster (for "zoom to layer"); raises RasterError."""
    if kind == "mbtiles":
        m = MBTiles(path)
        try:
            return m.bounds()
        finally:
            m.close()
    wf = read_world_file(path)
    return wf.merc_bounds(*image_size(path))
