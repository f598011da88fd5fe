"""The one registry of data formats: which file names Frontline reads, writes, or keeps a project in.

Everything that lists formats derives from `FORMATS`: the readers' choice of parser
(imports/readers.py), the export dispatch (exports/exporter.py), the File menu's import and
export filters, the command line's help, and the names a project file may not be written under
(`frontline import -o x.geojson` is a mistake, not a project). Adding a format here shows up in
all of them; the writer or reader itself still has to exist (a test checks every entry round
trips).

The same suffix may name two formats that are not the same thing: a CSV we import is a table of
observations, a CSV we export is the sources, quotes and links. So a format is looked up for
reading or for writing. Images and videos drawn by the renderer are `desktop.render.outputs`
(the renderer may not import storage, and they carry no data to import).
"""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    key: str
    label: str  # in the export dialog's filter
    suffixes: tuple[str, ...]  # lower case, with the dot; the first is the one a bare name gets
    reader: str | None = None  # the reader in imports/readers.py: "geojson", "kml", "csv" or "ogr"
    writer: bool = False  # `frontline export` and File > Export write it (exports/exporter.py)
    takes_date: bool = False  # an export can hold only the zones valid on one date (`--at`)
    project: bool = False  # a Frontline project file is one of these


FORMATS: tuple[Format, ...] = (
    Format("geojson", "GeoJSON", (".geojson", ".json"), reader="geojson", writer=True, takes_date=True),
    Format("geojson_gz", "GeoJSON, gzipped", (".geojson.gz", ".json.gz", ".gz"), reader="geojson"),
    Format("kml", "KML", (".kml",), reader="kml", writer=True, takes_date=True),
    Format("kmz", "KMZ", (".kmz",), reader="kml"),
    # A copy of the project: it always holds the whole history, so no `--at`.
    Format("gpkg", "GeoPackage", (".gpkg",), reader="ogr", writer=True, project=True),
    # Written one file per geometry type (exports/shapefile_write.py).
    Format("shapefile", "Shapefile", (".shp",), reader="ogr", writer=True, takes_date=True),
    Format("zip", "Zipped GIS file", (".zip",), reader="ogr"),
    Format("flatgeobuf", "FlatGeobuf", (".fgb",), reader="ogr"),
    Format("gml", "GML", (".gml",), reader="ogr"),
    Format("csv", "CSV of observations", (".csv", ".tsv"), reader="csv"),
    # Not the format above: the evidence, one row per link, for a spreadsheet; no zones, no date.
    Format("csv_sources", "CSV: sources and quotes", (".csv",), writer=True),
)


def readable() -> list[Format]:
    return [f for f in FORMATS if f.reader]


def writable() -> list[Format]:
    return [f for f in FORMATS if f.writer]


def project_format() -> Format:
    return next(f for f in FORMATS if f.project)


def _unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def read_suffixes() -> tuple[str, ...]:
    return _unique(s for f in readable() for s in f.suffixes)


def write_suffixes() -> tuple[str, ...]:
    return _unique(s for f in writable() for s in f.suffixes)


def _match(path: str | os.PathLike, candidates: list[Format]) -> Format | None:
    """The format whose suffix ends the file name (the longest such suffix wins: `.geojson.gz`
    before `.gz`); a name that is only a suffix (".kml") has none."""
    name = os.path.basename(os.fspath(path)).lower()
    best: tuple[int, Format] | None = None
    for f in candidates:
        for s in f.suffixes:
            if name.endswith(s) and len(name) > len(s) and (best is None or len(s) > best[0]):
                best = (len(s), f)
    return best[1] if best else None


def for_reading(path: str | os.PathLike) -> Format | None:
    return _match(path, readable())


def for_writing(path: str | os.PathLike) -> Format | None:
    return _match(path, writable())


# -- what is derived: dialog filters, help text, refused project names -------------------------
def patterns(suffixes) -> str:
    return " ".join(f"*{s}" for s in suffixes)


def import_filter() -> str:
    """The import dialog's filter: every name a reader takes, then any file (content decides)."""
    return f"Geodata ({patterns(read_suffixes())});;All files (*)"


def export_filter() -> str:
    """The export dialog's filter: one entry per writer."""
    return ";;".join(f"{f.label} ({patterns(f.suffixes)})" for f in writable())


def project_filter() -> str:
    return f"Frontline project ({patterns(project_format().suffixes)})"


def import_help() -> str:
    return "import " + " ".join(read_suffixes()) + " into a project"


def export_help() -> str:
    dated = _unique(s for f in writable() if f.takes_date for s in f.suffixes)
    return (f"export a project to {' '.join(f.suffixes[0] for f in writable())}"
            f" (--at: {' '.join(dated)} only)")


def project_name_problem(path: str | os.PathLike, outputs: dict[str, str] | None = None) -> str | None:
    """Why a project file may not be created under this name, or None.

    A project is a GeoPackage: a name ending in another format's suffix is a mistake (the
    result would be a GeoPackage that QGIS or a browser misreads). `outputs` are the render
    outputs' suffixes, each with the command that writes it ("frontline render"), which the
    caller knows and storage may not."""
    p = os.fspath(path)
    if _match(p, [project_format()]):
        return None
    name = os.path.basename(p).lower()
    known = {s for f in FORMATS for s in f.suffixes} | set(outputs or ())
    ext = max((s for s in known if name.endswith(s) and len(name) > len(s)), key=len, default=None)
    if ext is None:
        return None
    head = f"{p}: a project file is a GeoPackage ({project_format().suffixes[0]})"
    command = "frontline export" if for_writing(p) else (outputs or {}).get(ext)
    if command:
        return f"{head}; to write {ext} use `{command}`"
    return f"{head}; {ext} is a format to import from"


__all__ = ["Format", "FORMATS", "readable", "writable", "project_format", "read_suffixes", "write_suffixes",
           "for_reading", "for_writing", "patterns", "import_filter", "export_filter", "project_filter",
           "import_help", "export_help", "project_name_problem"]
