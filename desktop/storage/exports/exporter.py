"""Export dispatch by file name: the format registry (`storage/formats.py`) says which writer,
and whether it takes a date; one small function per writer here says what it wrote."""
from __future__ import annotations

import os
import sqlite3
from datetime import date
from glob import escape as glob_escape
from pathlib import Path

from desktop.model.project import Project

from desktop.storage import formats
from desktop.storage.errors import InputError


def export_project(project: Project, path: str | os.PathLike, at: date | None = None) -> str:
    """Write the export; returns a one-line summary. `at=None` means the whole history."""
    p = Path(path)
    if not p.parent.is_dir():
        raise InputError(f"{p}: cannot write (no such folder {p.parent})")
    if p.is_dir():
        raise InputError(f"{p}: is a folder; give a file name ending in {', '.join(formats.write_suffixes())}")
    # Every writer writes `<name>.part` beside the target and renames it into place when
    # complete: a failed, stopped (Ctrl-C) or killed export leaves the target as it was.
    try:
        return _export(project, p, at)
    except (OSError, sqlite3.Error) as e:  # a full disk, a read-only folder: one line, no traceback
        _remove_parts(p)
        raise InputError(f"{p}: cannot write ({getattr(e, 'strerror', None) or e})") from None
    except BaseException:
        _remove_parts(p)
        raise


def _remove_parts(p: Path) -> None:
    """What a failed or stopped writer left: `<name>.part`, or a Shapefile's `<stem>.part.*`."""
    p.with_name(p.name + ".part").unlink(missing_ok=True)
    if p.suffix.lower() == ".shp":
        for side in p.parent.glob(glob_escape(p.stem) + ".part.*"):
            side.unlink(missing_ok=True)


def _export(project: Project, p: Path, at: date | None) -> str:
    fmt = formats.for_writing(p)
    if fmt is None:
        ext = p.suffix.lower()
        raise InputError(f"{p.name}: unknown export format {ext or '(none)'}; "
                         f"use one of {', '.join(formats.write_suffixes())}")
    if at is not None and not fmt.takes_date:  # never ignore a date the user gave
        why = "it is a copy of the whole project" if fmt.project else "sources and quotes have no date"
        raise InputError(f"--at does not apply to a {fmt.label} export ({why}); export without --at")
    return WRITERS[fmt.key](project, p, at)


# The writers are imported when used: an export loads only its own (and the CLI starts fast).
def _geojson(project: Project, p: Path, at: date | None) -> str:
    from desktop.storage.exports.geojson_write import write_geojson
    n = write_geojson(project, p, at)
    return f"{p.name}: {n} feature(s)" + (f" valid on {at.isoformat()}" if at else " (history)")


def _kml(project: Project, p: Path, at: date | None) -> str:
    from desktop.storage.exports.kml_write import write_kml
    write_kml(project, p, at)
    return f"{p.name}: KML written" + (f" for {at.isoformat()}" if at else " with TimeSpans (history)")


def _gpkg(project: Project, p: Path, at: date | None) -> str:
    from desktop.storage.project.projectfile import save_copy
    save_copy(project, p)
    return f"{p.name}: copy of the project"


def _csv_sources(project: Project, p: Path, at: date | None) -> str:
    from desktop.storage.exports.csv_write import write_csv
    n = write_csv(project, p)
    return f"{p.name}: {n} row(s) of sources, quotes and links"


def _shapefile(project: Project, p: Path, at: date | None) -> str:
    from desktop.storage.exports.shapefile_write import write_shapefile
    files = write_shapefile(project, p, at)
    return f"{', '.join(f.name for f in files)}: Shapefile, one file per geometry type" + (
        f", valid on {at.isoformat()}" if at else " (history)")


# Format key (formats.FORMATS) -> writer; a test checks every writable format has one.
WRITERS = {"geojson": _geojson, "kml": _kml, "gpkg": _gpkg, "csv_sources": _csv_sources,
           "shapefile": _shapefile}
