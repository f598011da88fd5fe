"""Run by tests/storage/test_added_field.py in a fresh interpreter, on a copy of `desktop` whose
ZoneVersion has one line more: `unit_name: str = ""`. Prints what it saw as one JSON object.

    python added_field_scenario.py new OLD_FILE OUT_DIR   open a file 0.1 wrote, edit, export, import
    python added_field_scenario.py look FILE              each version's unit_name, read-only
"""
from __future__ import annotations

import dataclasses
import json
import sqlite3
import sys
from datetime import date
from pathlib import Path

from shapely.geometry import box

import desktop
from desktop.model import CommandStack, Project, edit_zone
from desktop.model.edits import set_version_fields
from desktop.model.entities import ZoneVersion
from desktop.storage.exports.geojson_write import write_geojson
from desktop.storage.exports.kml_write import write_kml
from desktop.storage.imports.importer import import_files
from desktop.storage.project.projectfile import close_project, open_project

ZONE = "Myrnohrad"  # three versions in the fixture: from Nov 1, Nov 24 and Dec 1
U1, U2 = "38th Marine Brigade", "425th Assault Regiment"


def units(project: Project, zone_name: str = ZONE) -> dict[str, str]:
    """valid_from -> unit_name of the zone's versions."""
    zid = next(z.id for z in project.zones.values() if z.name == zone_name)
    return {v.valid_from.isoformat(): v.unit_name for v in project.versions_of(zid)}


def raw_units(path: Path) -> list:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT unit_name FROM zone_versions ORDER BY valid_from, id")]
    finally:
        con.close()


def new(old_file: Path, out: Path) -> dict:
    seen: dict = {"package": desktop.__file__,
                  "fields": [f.name for f in dataclasses.fields(ZoneVersion)]}
    p = open_project(old_file)
    con = sqlite3.connect(f"file:{old_file}?mode=ro", uri=True)
    seen["columns"] = [r[1] for r in con.execute('PRAGMA table_info("zone_versions")')]
    con.close()
    seen["raw_after_upgrade"] = raw_units(old_file)
    st = CommandStack(p)
    zid = next(z.id for z in p.zones.values() if z.name == ZONE)
    st.push(edit_zone(p, zid, date(2025, 11, 28), unit_name=U1))  # a new keyframe from Nov 28
    seen["edited"] = units(p)
    st.undo()
    seen["undone"] = units(p)
    st.redo()
    # Only this field changes: the change must not be compacted away as "no change".
    dec1 = p.version_at(zid, date(2025, 12, 1))
    cmd = set_version_fields(p, dec1.id, unit_name=U2)
    seen["in_place_changes"] = len(cmd.changes)
    st.push(cmd)
    # A reshape as of a later date: the new version inherits the unit.
    st.push(edit_zone(p, zid, date(2025, 12, 10), geometry=box(37.6, 48.25, 37.75, 48.37)))
    seen["reshaped"] = units(p)
    write_geojson(p, out / "history.geojson")
    write_kml(p, out / "history.kml")
    close_project(p)
    seen["reopened"] = units(open_project(old_file, read_only=True))
    doc = json.loads((out / "history.geojson").read_text())
    seen["geojson_properties"] = sorted({f["properties"].get("unit_name", "<absent>") for f in doc["features"]
                                         if f["properties"].get("name") == ZONE})
    seen["kml_has_field"] = '<SimpleField name="unit_name"' in (out / "history.kml").read_text()
    for fmt in ("geojson", "kml"):
        q = Project()
        import_files(q, [out / f"history.{fmt}"], assessment="Again")
        seen[f"imported_{fmt}"] = units(q)
    return seen


def look(path: Path) -> dict:
    """What a read-only open shows (and, where the file has the column, what it holds)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    has_column = "unit_name" in [r[1] for r in con.execute('PRAGMA table_info("zone_versions")')]
    con.close()
    p = open_project(path, read_only=True)
    out = {"units": units(p), "north": units(p, "north"), "raw": raw_units(path) if has_column else None}
    close_project(p)
    return out


if __name__ == "__main__":
    if sys.argv[1] == "new":
        result = new(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        result = look(Path(sys.argv[2]))
    print(json.dumps(result))
