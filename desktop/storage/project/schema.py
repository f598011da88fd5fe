"""How each model table maps to a GeoPackage table: columns and value codecs.

The columns follow the dataclass fields, so adding a field to a record adds a column; the
codec is chosen from the field's annotation, and the column's DEFAULT is the field's default.
A file written before a field existed is read with that default, and gains the column (filled
with it) on its first writable open: `TableMap.add_missing_columns`. Added columns need no schema
bump, so older versions still open the file; they ignore the column, and rows they insert get
its DEFAULT.
"""
from __future__ import annotations

import dataclasses
import functools
import json
from datetime import date
from typing import Any, Callable

from shapely.geometry import MultiPolygon, Polygon

from desktop.model.entities import (Assessment, Attachment, Evidence, Observation, ProjectInfo, Quote,
                                    RasterLayer, Source, Zone, ZoneVersion)
from desktop.model.fields import default_of, has_default, value_type
from desktop.model.legend import Status

from desktop.storage.project import gpkg

SCHEMA_VERSION = 1
# Columns beside a record's fields, written by the project file itself. zone_versions keeps each
# version's geodesic km² with the CRC-32 of the geometry blob it was measured on: a reader trusts
# the area only while the blob still matches, so a file edited by another tool (QGIS, an older
# Frontline) is never read with a stale area; the column pair was added after schema 1 shipped
# and is read as absent, then added on the first writable open, like a field's column.
AREA_COLUMN, AREA_CRC_COLUMN = "area_km2", "area_geom_crc32"
DERIVED_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "zone_versions": ((AREA_COLUMN, "REAL"), (AREA_CRC_COLUMN, "INTEGER")),
}

# model table -> (file table, record class, key field, geometry type or None, description)
TABLES: dict[str, tuple[str, type, str, str | None, str]] = {
    "info": ("project_info", ProjectInfo, "", None, "Frontline project settings"),
    "legend": ("legend", Status, "key", None, "Status keys, labels, tiers and colours"),
    "assessments": ("assessments", Assessment, "id", None, "Named layers of zones"),
    "zones": ("zones", Zone, "id", None, "Zones (their shapes are in zone_versions)"),
    "versions": ("zone_versions", ZoneVersion, "id", "MULTIPOLYGON",
                 "Dated zone versions, valid over [valid_from, valid_to)"),
    "observations": ("observations", Observation, "id", "GEOMETRY", "Dated observations"),
    "sources": ("sources", Source, "id", None, "Sources with Admiralty reliability"),
    "quotes": ("quotes", Quote, "id", None, "Quotes with Admiralty credibility"),
    "evidence": ("evidence", Evidence, "id", None, "Links from quotes to versions/observations"),
    "attachments": ("attachments", Attachment, "id", None, "Files attached to sources"),
    "rasters": ("raster_layers", RasterLayer, "id", None, "Raster basemaps the user added (paths)"),
}


def _enc_date(v: date | None) -> str | None:
    return v.isoformat() if v is not None else None


def _dec_date(v: str | None) -> date | None:
    return date.fromisoformat(v) if v else None


def _enc_zone_geom(g: Any) -> bytes:
    if isinstance(g, Polygon):
        g = MultiPolygon([g])
    return gpkg.encode(g)


def _enc_json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


def _dec_json_tuple(v: str | None) -> Any:
    if v is None:
        return None
    return _dec_json_text(v)


@functools.lru_cache(maxsize=2048)
def _dec_json_text(v: str) -> Any:
    """Decoded once per distinct text: an archive's observations repeat a few dozen "extra"
    values over thousands of rows (72 in 5,204; their decoding was a quarter of reading the
    file). The records are frozen, so equal values may be one shared object."""
    return _tuplify(json.loads(v))


def _tuplify(x: Any) -> Any:
    if isinstance(x, list):
        return tuple(_tuplify(i) for i in x)
    return x


def sql_literal(v: Any) -> str:
    """An encoded value as an SQL constant, for a column's DEFAULT."""
    if v is None:
        return "NULL"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, bytes):
        return f"X'{v.hex()}'"
    return "'" + str(v).replace("'", "''") + "'"


Codec = tuple[str, Callable[[Any], Any], Callable[[Any], Any]]
_IDENT = (lambda v: v)


def codec_for(f: dataclasses.Field, is_zone: bool) -> Codec:
    a = value_type(f)
    if a == "date":
        return "DATE", _enc_date, _dec_date  # ISO text; GDAL and QGIS read it as a date
    if a == "bool":
        return "INTEGER", (lambda v: int(bool(v))), (lambda v: bool(v))
    if a == "int":
        return "INTEGER", _IDENT, _IDENT
    if a == "float":
        return "REAL", _IDENT, _IDENT
    if a == "bytes":
        return "BLOB", (lambda v: bytes(v)), (lambda v: bytes(v) if v is not None else b"")
    if a == "geometry":
        return "BLOB", (_enc_zone_geom if is_zone else gpkg.encode), gpkg.decode
    if a == "str":
        return "TEXT", _IDENT, (lambda v: v if v is not None else "")
    return "TEXT", _enc_json, _dec_json_tuple


class TableMap:
    def __init__(self, model_table: str) -> None:
        self.model_table = model_table
        self.name, self.cls, self.key, self.geom_type, self.description = TABLES[model_table]
        self.fields = [f for f in dataclasses.fields(self.cls)]
        is_zone = model_table == "versions"
        self.codecs = {f.name: codec_for(f, is_zone) for f in self.fields}
        # The GeoPackage geometry column is called "geom"; the record field is "geometry".
        self.columns = ["geom" if f.name == "geometry" else f.name for f in self.fields]
        self.key_column = self.key or "id"
        self.derived = DERIVED_COLUMNS.get(self.name, ())
        # column -> the field's default as stored, for the fields that have one
        self.defaults = {col: self.codecs[f.name][1](default_of(f))
                         for f, col in zip(self.fields, self.columns) if has_default(f)}

    def _column_def(self, f: dataclasses.Field, col: str) -> str:
        sqltype = self.geom_type if col == "geom" else self.codecs[f.name][0]
        unique = " NOT NULL UNIQUE" if f.name == self.key else ""
        default = f" DEFAULT {sql_literal(self.defaults[col])}" if self.defaults.get(col) is not None else ""
        return f'"{col}" {sqltype}{unique}{default}'

    def ddl(self) -> str:
        # Every table has an INTEGER PRIMARY KEY (GeoPackage requirement 119: what GDAL and QGIS
        # edit a row by); the text id beside it is what Frontline uses, unique.
        cols = ["fid INTEGER PRIMARY KEY AUTOINCREMENT"]
        if not self.key:
            cols.append("id TEXT NOT NULL UNIQUE")
        cols += [self._column_def(f, col) for f, col in zip(self.fields, self.columns)]
        cols += [f'"{col}" {sqltype}' for col, sqltype in self.derived]
        return f'CREATE TABLE IF NOT EXISTS "{self.name}" ({", ".join(cols)})'

    def add_missing_columns(self, con: Any) -> None:
        """Add the columns of fields (with their default) and derived columns a file written
        before them lacks. Writable opens only, inside the open's one upgrade transaction. A
        field without a default cannot be filled in: its absence is reported on load."""
        have = {r[1] for r in con.execute(f'PRAGMA table_info("{self.name}")')}
        if not have:
            return
        for f, col in zip(self.fields, self.columns):
            if col not in have and col in self.defaults:
                con.execute(f'ALTER TABLE "{self.name}" ADD COLUMN {self._column_def(f, col)}')
        for col, sqltype in self.derived:
            if col not in have:
                con.execute(f'ALTER TABLE "{self.name}" ADD COLUMN "{col}" {sqltype}')

    def to_row(self, id_: str, record: Any) -> dict[str, Any]:
        row = {col: self.codecs[f.name][1](getattr(record, f.name)) for f, col in zip(self.fields, self.columns)}
        if not self.key:
            row["id"] = id_
        return row

    def from_row(self, row: dict[str, Any]) -> tuple[str, Any]:
        names = list(row)
        return self.from_rows([tuple(row.values())], names)[0]

    def from_rows(self, rows: list[tuple], names: list[str]) -> list[tuple[str, Any]]:
        """The records of many rows (tuples in the order of `names`) in one pass. A column the
        file lacks reads as its field's default (a file from before the field). Versions that
        share a shape (a status edit keeps it) share one decoded geometry, so a shape is parsed
        once and measured once. Raises RowError naming the row."""
        where = {n: i for i, n in enumerate(names)}
        if not rows:
            return []  # an empty table lacking a column holds nothing to misread
        absent = [c for c in self.columns if c not in where and c in self.defaults]
        if absent:  # each row gains the stored defaults, decoded like any other cell
            filler = tuple(self.defaults[c] for c in absent)
            where.update((c, len(names) + k) for k, c in enumerate(absent))
            rows = [row + filler for row in rows]
        missing = [c for c in self.columns + ([] if self.key else ["id"]) if c not in where]
        if missing:
            rid = rows[0][where["id"]] if "id" in where else "?"
            raise RowError(rid, KeyError(missing[0]))
        decoders = [self.codecs[f.name][2] for f in self.fields]
        if self.geom_type:
            k = self.columns.index("geom")
            decoders[k] = _shared_geometries(self.model_table == "versions")
        cols = [where[c] for c in self.columns]
        id_col = None if self.key else where["id"]
        key_pos = None if not self.key else [f.name for f in self.fields].index(self.key)
        pairs = list(zip(cols, decoders))
        cls, out = self.cls, []
        for row in rows:
            try:
                rec = cls(*[dec(row[i]) for i, dec in pairs])
            except Exception as e:
                rid = row[where["id"]] if "id" in where else "?"
                raise RowError(rid, e) from None
            out.append((row[id_col] if key_pos is None else getattr(rec, self.key), rec))
        return out

    def _written_columns(self) -> list[str]:
        return self.columns + ([] if self.key else ["id"]) + [c for c, _ in self.derived]

    def update_sql(self) -> str:
        """The row with the record's key, rewritten (every column named: another tool's extra
        columns keep their values)."""
        sets = ", ".join(f'"{c}" = :{c}' for c in self._written_columns() if c != self.key_column)
        return f'UPDATE "{self.name}" SET {sets} WHERE "{self.key_column}" = :{self.key_column}'

    def insert_sql(self) -> str:
        """A new row (columns named; the INTEGER PRIMARY KEY and other tools' columns get their
        defaults)."""
        cols = self._written_columns()
        names = ", ".join(f'"{c}"' for c in cols)
        marks = ", ".join(f":{c}" for c in cols)
        return f'INSERT INTO "{self.name}" ({names}) VALUES ({marks})'

    def upsert_sql(self) -> str:
        """One statement for insert-or-update. Not what the project file writes with: inside an
        UPSERT, SQLite applies the statement's own conflict policy to what the triggers do, and
        the RTree trigger `update1` of GeoPackage 1.3 (as GDAL 3.6 and QGIS make it) relies on
        INSERT OR REPLACE; `ProjectFile.write` runs update_sql, then insert_sql if no row."""
        cols = self._written_columns()
        names = ", ".join(f'"{c}"' for c in cols)
        marks = ", ".join(f":{c}" for c in cols)
        sets = ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c != self.key_column)
        return (f'INSERT INTO "{self.name}" ({names}) VALUES ({marks}) '
                f'ON CONFLICT("{self.key_column}") DO UPDATE SET {sets}')

    def delete_sql(self) -> str:
        return f'DELETE FROM "{self.name}" WHERE "{self.key_column}" = ?'


class RowError(ValueError):
    """A row that does not decode; `row_id` names it."""

    def __init__(self, row_id: Any, error: Exception) -> None:
        super().__init__(str(error))
        self.row_id = row_id


def _shared_geometries(is_zone: bool) -> Callable[[bytes], Any]:
    """A geometry decoder that parses each distinct blob once. Zone shapes come out in the
    model's canonical form (a one-part MultiPolygon is its Polygon, as ZoneVersion makes it),
    so the shared object is the very one each record keeps."""
    memo: dict[bytes, Any] = {}

    def decode(blob: bytes) -> Any:
        g = memo.get(blob)
        if g is None:
            g = gpkg.decode(blob)
            if is_zone and g.geom_type == "MultiPolygon" and len(g.geoms) == 1:
                g = g.geoms[0]
            memo[blob] = g
        return g
    return decode


TABLE_MAPS = {t: TableMap(t) for t in TABLES}
