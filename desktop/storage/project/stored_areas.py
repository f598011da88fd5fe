"""Each zone version's geodesic area, kept in the project file beside its geometry.

Measuring thousands of versions on the ellipsoid is the largest cost of opening a big project
(the area chart needs every one), so the file stores each version's km² in the same transaction
that writes the version, with the CRC-32 of the geometry blob it was measured on. On load an
area is trusted only while that CRC still matches the blob, so a file whose shapes were edited
by another tool (QGIS, an older Frontline that does not know the columns) never shows a stale
figure: those versions are measured again, and written back on the first writable open.
"""
from __future__ import annotations

import math
import sqlite3
import struct
import zlib
from typing import Any

from desktop.model.entities import ZoneVersion
from desktop.model.geodesy import areas_km2

from desktop.storage.project.schema import AREA_COLUMN, AREA_CRC_COLUMN

# The seal stored beside each area is a CRC-32 over how it was measured, the geometry blob and
# the area itself: a change of method (bump the tag), of the shape (QGIS, an older Frontline) or
# of the figure (a field calculator filling the column) each make it stale, and it is measured
# again rather than shown.
METHOD = b"frontline area_km2: WGS84 geodesic, pyproj Geod, rings oriented; 1"
_METHOD_CRC = zlib.crc32(METHOD)


def blob_crc(blob: bytes) -> int:
    return zlib.crc32(blob, _METHOD_CRC)


def seal(crc_of_blob: int, area: float) -> int:
    return zlib.crc32(struct.pack("<d", area), crc_of_blob)


def _number(v: Any) -> float | None:
    """A stored area that can be one (a finite, non-negative number), else None: the column is
    a cache, and junk in it must never stop a file from opening."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    v = float(v)
    return v if math.isfinite(v) and v >= 0 else None


# Versions measured at a time: `areas_km2` copies every coordinate of what it is given a few
# times over (oriented shapes, rings, arrays), which for a whole archive's versions written at
# once (2,852, 39 MB of shapes) was 150 MB above the import's own peak; in batches it is a few
# MB, and each area is the same to the last bit (each shape is measured on its own).
BATCH = 256


def measure(project: Any, versions: list[ZoneVersion]) -> list[float]:
    """The km² of each version, through the project's cache when there is a project (so the
    chart finds them measured, and a status edit re-uses its shape's area)."""
    if project is None:
        return [a for i in range(0, len(versions), BATCH)
                for a in areas_km2([v.geometry for v in versions[i:i + BATCH]]).tolist()]
    for i in range(0, len(versions), BATCH):
        project.prefetch_areas(versions[i:i + BATCH])
    return [project.version_area_km2(v) for v in versions]


def add_to_rows(project: Any, pairs: list[tuple[ZoneVersion, dict[str, Any]]]) -> None:
    """Fill the derived columns of zone_versions rows about to be written (row["geom"] is the
    encoded blob)."""
    if not pairs:
        return
    for (_, row), a in zip(pairs, measure(project, [v for v, _ in pairs])):
        row[AREA_COLUMN] = a
        row[AREA_CRC_COLUMN] = seal(blob_crc(row["geom"]), a)


class AreaReader:
    """The stored areas of a loaded zone_versions table that still match their blob, and the
    blobs' CRCs of the versions that need measuring."""

    def __init__(self, names: list[str], rows: list[tuple], ids: list[str]) -> None:
        self.trusted: dict[str, float] = {}
        self.stale: dict[str, int] = {}  # version id -> blob_crc of its blob
        geom = names.index("geom")
        crcs = [blob_crc(r[geom]) for r in rows]
        if AREA_COLUMN not in names or AREA_CRC_COLUMN not in names:
            self.stale = dict(zip(ids, crcs))
            return
        a_col, c_col = names.index(AREA_COLUMN), names.index(AREA_CRC_COLUMN)
        for vid, row, crc in zip(ids, rows, crcs):
            a = _number(row[a_col])
            if a is not None and row[c_col] == seal(crc, a):
                self.trusted[vid] = a
            else:
                self.stale[vid] = crc


def backfill(con: sqlite3.Connection, project: Any, stale: dict[str, int]) -> None:
    """Measure the versions whose stored area is missing or stale and write it (one
    transaction; the blobs are unchanged, so their CRCs from the load still hold).

    Best effort: it is a cache. A file that is locked or on a full disk still opens (the areas
    are in memory, measured); the next writable open tries again."""
    versions = [project.versions[i] for i in stale if i in project.versions]
    if not versions:
        return
    rows = [(a, seal(stale[v.id], a), v.id) for v, a in zip(versions, measure(project, versions))]
    try:
        with con:
            con.executemany(f'UPDATE zone_versions SET "{AREA_COLUMN}" = ?, "{AREA_CRC_COLUMN}" = ? WHERE id = ?',
                            rows)
    except sqlite3.Error:
        pass
