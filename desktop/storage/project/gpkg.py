"""GeoPackage plumbing: the geometry blob, the required metadata tables, the SQL functions
GeoPackage triggers call, and the RTree spatial index extension (OGC 12-128r18 / 1.3.1).

Other tools (GDAL, QGIS) add triggers to a GeoPackage that call SQL functions they expect the
writer to provide (`ST_IsEmpty`, `ST_MinX`...): every connection the project opens registers
them (`register_functions`), so an edit never fails with "no such function".
"""
from __future__ import annotations

import math
import sqlite3
import struct

import shapely
from shapely.geometry.base import BaseGeometry

APPLICATION_ID = 0x47504B47  # "GPKG"
# GeoPackage 1.3: GDAL before 3.8 (Debian's 3.6, QGIS 3.22) opens 102xx and 103xx silently and
# warns that 1.4 "may only be partially supported"; nothing here needs 1.4.
USER_VERSION = 10300
WGS84_SRS_ID = 4326

_WGS84_WKT = ('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
              'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
              'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
              'AUTHORITY["EPSG","4326"]]')

CORE_DDL = """
CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE IF NOT EXISTS gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE IF NOT EXISTS gpkg_extensions (
  table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
  scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
"""


def init_core(con: sqlite3.Connection) -> None:
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {USER_VERSION}")
    for statement in CORE_DDL.split(";"):  # not executescript, which would commit the caller's transaction
        if statement.strip():
            con.execute(statement)
    rows = [
        ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
        ("WGS 84 geodetic", WGS84_SRS_ID, "EPSG", 4326, _WGS84_WKT, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
    ]
    # Columns named: GDAL may have added its own (definition_12_063) to a file it touched.
    con.executemany("INSERT OR IGNORE INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, "
                    "organization_coordsys_id, definition, description) VALUES (?,?,?,?,?,?)", rows)


def register_feature_table(con: sqlite3.Connection, table: str, geom_type: str, description: str) -> None:
    con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
                "VALUES (?, 'features', ?, ?, ?)", (table, table, description, WGS84_SRS_ID))
    con.execute("INSERT OR IGNORE INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, "
                "srs_id, z, m) VALUES (?, 'geom', ?, ?, 0, 0)", (table, geom_type, WGS84_SRS_ID))


def register_attribute_table(con: sqlite3.Connection, table: str, description: str) -> None:
    con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
                "VALUES (?, 'attributes', ?, ?)", (table, table, description))


def encode(geom: BaseGeometry, srs_id: int = WGS84_SRS_ID) -> bytes:
    """GeoPackage binary: 'GP', version 0, flags (little-endian, xy envelope), srs id, envelope, WKB."""
    if geom.is_empty:
        header = b"GP" + bytes([0, 0b00010001]) + struct.pack("<i", srs_id)
        return header + shapely.to_wkb(geom, byte_order=1)
    minx, miny, maxx, maxy = geom.bounds
    header = b"GP" + bytes([0, 0b00000011]) + struct.pack("<i", srs_id) + struct.pack("<4d", minx, maxx, miny, maxy)
    return header + shapely.to_wkb(geom, byte_order=1)


_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def decode(blob: bytes) -> BaseGeometry:
    if len(blob) < 8 or blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    flags = blob[3]
    env = (flags >> 1) & 0b111
    if env not in _ENVELOPE_BYTES:
        raise ValueError("bad envelope code in geometry blob")
    return shapely.from_wkb(bytes(blob[8 + _ENVELOPE_BYTES[env]:]))


# --- SQL functions (GeoPackage Annex "Spatial indexes", "Geometry type/SRS id triggers") -------
# Each takes a GeoPackage geometry blob and answers NULL for anything else, as GDAL does. They
# run per row inside triggers, so the envelope comes from the blob's header (no WKB parsing)
# whenever the header has one; only a blob without one (GDAL writes points so) is parsed.

_EMPTY = ()  # the envelope of an empty geometry
_last: tuple = (None, None)  # the last blob parsed for its envelope, and that envelope (one tuple:
# connections are used from worker threads, and a pair read whole never mixes two blobs)


def _header_ok(blob: object) -> bool:
    return isinstance(blob, bytes) and len(blob) >= 8 and blob[0] == 0x47 and blob[1] == 0x50


def envelope(blob: object) -> tuple[float, float, float, float] | tuple[()] | None:
    """(minx, maxx, miny, maxy) of a geometry blob, () when it is empty, None when the value is
    not a geometry blob."""
    if not _header_ok(blob):
        return None
    flags = blob[3]
    if flags & 0b10000:
        return _EMPTY
    env = (flags >> 1) & 0b111
    if 1 <= env <= 4:
        if len(blob) < 40:
            return None
        box = struct.unpack_from("<4d" if flags & 1 else ">4d", blob, 8)
        if not math.isnan(box[0]):
            return box
        return _EMPTY  # the header may carry NaN for an empty geometry
    if env:
        return None
    global _last
    last = _last
    if blob == last[0]:  # the triggers ask for MinX, MaxX, MinY, MaxY of the same blob in turn
        return last[1]
    try:
        g = shapely.from_wkb(blob[8:])
    except Exception:
        return None
    if g is None or g.is_empty:
        out = _EMPTY
    else:
        minx, miny, maxx, maxy = g.bounds
        out = (minx, maxx, miny, maxy) if not math.isnan(minx) else _EMPTY
    _last = (blob, out)
    return out


def st_is_empty(blob: object) -> int | None:
    e = envelope(blob)
    return None if e is None else int(e == _EMPTY)


def _bound(i: int):
    def f(blob: object) -> float | None:
        e = envelope(blob)
        return e[i] if e else None
    f.__name__ = ("st_minx", "st_maxx", "st_miny", "st_maxy")[i]
    return f


st_minx, st_maxx, st_miny, st_maxy = (_bound(i) for i in range(4))


def st_srid(blob: object) -> int | None:
    if not _header_ok(blob):
        return None
    return struct.unpack_from("<i" if blob[3] & 1 else ">i", blob, 4)[0]


_WKB_TYPES = {1: "POINT", 2: "LINESTRING", 3: "POLYGON", 4: "MULTIPOINT", 5: "MULTILINESTRING",
              6: "MULTIPOLYGON", 7: "GEOMETRYCOLLECTION", 8: "CIRCULARSTRING", 9: "COMPOUNDCURVE",
              10: "CURVEPOLYGON", 11: "MULTICURVE", 12: "MULTISURFACE", 13: "CURVE", 14: "SURFACE",
              15: "POLYHEDRALSURFACE", 16: "TIN", 17: "TRIANGLE"}


def st_geometry_type(blob: object) -> str | None:
    """The geometry's type name in capitals (the WKB type, whatever Z or M it has)."""
    if not _header_ok(blob):
        return None
    env = (blob[3] >> 1) & 0b111
    at = 8 + _ENVELOPE_BYTES.get(env, 0)
    if len(blob) < at + 5:
        return None
    code = struct.unpack_from("<I" if blob[at] == 1 else ">I", blob, at + 1)[0]
    code &= 0x0FFFFFFF  # EWKB's Z/M/SRID flags
    return _WKB_TYPES.get(code % 1000)


# The geometry type hierarchy of the GeoPackage spec (Annex E, figure 2): each type's parent.
_PARENT = {"POINT": "GEOMETRY", "CURVE": "GEOMETRY", "SURFACE": "GEOMETRY",
           "GEOMETRYCOLLECTION": "GEOMETRY", "LINESTRING": "CURVE", "CIRCULARSTRING": "CURVE",
           "COMPOUNDCURVE": "CURVE", "CURVEPOLYGON": "SURFACE", "POLYGON": "CURVEPOLYGON",
           "POLYHEDRALSURFACE": "SURFACE", "TIN": "POLYHEDRALSURFACE", "TRIANGLE": "POLYGON",
           "MULTIPOINT": "GEOMETRYCOLLECTION", "MULTICURVE": "GEOMETRYCOLLECTION",
           "MULTISURFACE": "GEOMETRYCOLLECTION", "MULTILINESTRING": "MULTICURVE",
           "MULTIPOLYGON": "MULTISURFACE"}


def gpkg_is_assignable(expected: object, actual: object) -> int | None:
    """1 when a value of type `actual` may go in a column declared `expected`."""
    if not isinstance(expected, str) or not isinstance(actual, str):
        return None
    want, t = expected.upper(), actual.upper()
    while t:
        if t == want:
            return 1
        t = _PARENT.get(t)
    return 0


SQL_FUNCTIONS = {
    # RTree spatial index triggers
    "ST_IsEmpty": (1, st_is_empty), "ST_MinX": (1, st_minx), "ST_MaxX": (1, st_maxx),
    "ST_MinY": (1, st_miny), "ST_MaxY": (1, st_maxy),
    # geometry type triggers
    "ST_GeometryType": (1, st_geometry_type), "GPKG_IsAssignable": (2, gpkg_is_assignable),
    # geometry SRS id triggers
    "ST_SRID": (1, st_srid),
}


def register_functions(con: sqlite3.Connection) -> sqlite3.Connection:
    """Give `con` the SQL functions GeoPackage triggers (GDAL's, QGIS's, ours) call."""
    for name, (n, fn) in SQL_FUNCTIONS.items():
        con.create_function(name, n, fn, deterministic=True)
    return con


# --- RTree spatial index extension (gpkg_rtree_index) -------------------------------------------

RTREE_DEFINITION = "http://www.geopackage.org/spec120/#extension_rtree"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def rtree_name(table: str, column: str) -> str:
    return f"rtree_{table}_{column}"


def _rtree_triggers(t: str, c: str, i: str) -> list[str]:
    """The spec's triggers (1.3 names, which GDAL 3.6's validate_gpkg.py asks for; update3 on any
    column, as 1.4 fixed it). `OLD.i = NEW.i` comes first in each condition, so an edit that
    keeps the row's id calls no function for the triggers about a changed id."""
    r = rtree_name(t, c)
    rq, tq, cq, iq = _q(r), _q(t), _q(c), _q(i)
    put = (f"INSERT OR REPLACE INTO {rq} VALUES (NEW.{iq}, ST_MinX(NEW.{cq}), ST_MaxX(NEW.{cq}), "
           f"ST_MinY(NEW.{cq}), ST_MaxY(NEW.{cq}));")
    full, empty = f"(NEW.{cq} NOTNULL AND NOT ST_IsEmpty(NEW.{cq}))", f"(NEW.{cq} ISNULL OR ST_IsEmpty(NEW.{cq}))"
    return [
        f"CREATE TRIGGER {_q(r + '_insert')} AFTER INSERT ON {tq} WHEN {full} BEGIN {put} END",
        f"CREATE TRIGGER {_q(r + '_update1')} AFTER UPDATE OF {cq} ON {tq} "
        f"WHEN OLD.{iq} = NEW.{iq} AND {full} BEGIN {put} END",
        f"CREATE TRIGGER {_q(r + '_update2')} AFTER UPDATE OF {cq} ON {tq} "
        f"WHEN OLD.{iq} = NEW.{iq} AND {empty} BEGIN DELETE FROM {rq} WHERE id = OLD.{iq}; END",
        f"CREATE TRIGGER {_q(r + '_update3')} AFTER UPDATE ON {tq} "
        f"WHEN OLD.{iq} != NEW.{iq} AND {full} BEGIN DELETE FROM {rq} WHERE id = OLD.{iq}; {put} END",
        f"CREATE TRIGGER {_q(r + '_update4')} AFTER UPDATE ON {tq} "
        f"WHEN OLD.{iq} != NEW.{iq} AND {empty} BEGIN DELETE FROM {rq} WHERE id IN (OLD.{iq}, NEW.{iq}); END",
        f"CREATE TRIGGER {_q(r + '_delete')} AFTER DELETE ON {tq} WHEN OLD.{cq} NOT NULL "
        f"BEGIN DELETE FROM {rq} WHERE id = OLD.{iq}; END",
    ]


def ensure_rtree(con: sqlite3.Connection, table: str, column: str, pk: str) -> bool:
    """Give `table`.`column` a spatial index kept by triggers, filled from the rows there are,
    and declare it in gpkg_extensions. An index another tool made (GDAL's CreateSpatialIndex,
    with its own triggers) is kept as it is. Returns True when it built one. Run it inside the
    caller's transaction, on a connection with `register_functions`."""
    r = rtree_name(table, column)
    have = {row[0] for row in con.execute(
        "SELECT name FROM sqlite_master WHERE name = ? OR (type = 'trigger' AND tbl_name = ?)", (r, table))}
    built = False
    if r not in have or not {r + "_insert", r + "_delete"} <= have:
        # None, or one without the triggers that keep it (stale): made again from the rows.
        for name in sorted(n for n in have if n.startswith(r + "_")):  # only the index's own
            con.execute(f"DROP TRIGGER IF EXISTS {_q(name)}")
        con.execute(f"DROP TABLE IF EXISTS {_q(r)}")
        con.execute(f"CREATE VIRTUAL TABLE {_q(r)} USING rtree(id, minx, maxx, miny, maxy)")
        cq = _q(column)
        con.execute(f"INSERT OR REPLACE INTO {_q(r)} SELECT {_q(pk)}, ST_MinX({cq}), ST_MaxX({cq}), "
                    f"ST_MinY({cq}), ST_MaxY({cq}) FROM {_q(table)} WHERE {cq} NOT NULL AND NOT ST_IsEmpty({cq})")
        for sql in _rtree_triggers(table, column, pk):
            con.execute(sql)
        built = True
    con.execute("INSERT OR IGNORE INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
                "VALUES (?, ?, 'gpkg_rtree_index', ?, 'write-only')", (table, column, RTREE_DEFINITION))
    return built


def unknown_feature_counts(con: sqlite3.Connection, tables: list[str]) -> None:
    """A file GDAL wrote keeps each table's row count in gpkg_ogr_contents, kept up to date by
    GDAL's triggers. Where a table's triggers are absent (GDAL drops them while it edits a file
    and puts them back on closing), a count would go stale under our edits: it is set to NULL,
    which GDAL reads as "count the rows"."""
    if not con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_ogr_contents'").fetchone():
        return
    have = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for t in tables:
        if not {f"trigger_insert_feature_count_{t}", f"trigger_delete_feature_count_{t}"} <= have:
            con.execute("UPDATE gpkg_ogr_contents SET feature_count = NULL "
                        "WHERE lower(table_name) = lower(?) AND feature_count NOT NULL", (t,))
