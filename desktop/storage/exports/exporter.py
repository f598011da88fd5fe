"""Export dispatch by file extension: .geojson/.json, .kml, .gpkg (a copy of the project), .csv."""
from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

from desktop.model.project import Project

from desktop.storage.errors import InputError

EXTENSIONS = (".geojson", ".json", ".kml", ".gpkg", ".csv")


def export_project(project: Project, path: str | os.PathLike, at: date | None = None) -> str:
    """Write the export; returns a one-line summary. `at=None` means the whole history."""
    p = Path(path)
    if not p.parent.is_dir():
        raise InputError(f"{p}: cannot write (no such folder {p.parent})")
    if p.is_dir():
        raise InputError(f"{p}: is a folder; give a file name ending in {', '.join(EXTENSIONS)}")
    try:
        return _export(project, p, at)
    except (OSError, sqlite3.Error) as e:  # a full disk, a read-only folder: one line, no traceback
        p.with_name(p.name + ".part").unlink(missing_ok=True)
        raise InputError(f"{p}: cannot write ({getattr(e, 'strerror', None) or e})") from None


def _export(project: Project, p: Path, at: date | None) -> str:
    ext = p.suffix.lower()
    if ext in (".geojson", ".json"):
        from desktop.storage.exports.geojson_write import write_geojson
        n = write_geojson(project, p, at)
        return f"{p.name}: {n} feature(s)" + (f" valid on {at.isoformat()}" if at else " (history)")
    if ext == ".kml":
        from desktop.storage.exports.kml_write import write_kml
        write_kml(project, p, at)
        return f"{p.name}: KML written" + (f" for {at.isoformat()}" if at else " with TimeSpans (history)")
    if ext == ".gpkg":
        if at is not None:
            raise InputError("--at does not apply to a GeoPackage export (it is a copy of the whole project)")
        from desktop.storage.project.projectfile import save_copy
        save_copy(project, p)
        return f"{p.name}: copy of the project"
    if ext == ".csv":
        from desktop.storage.exports.csv_write import write_csv
        n = write_csv(project, p)
        return f"{p.name}: {n} row(s) of sources, quotes and links"
    raise InputError(f"{p.name}: unknown export format {ext or '(none)'}; use one of {', '.join(EXTENSIONS)}")
