"""Shapefile export: one file per geometry type, as the format requires (an export of zones and
observations mixes polygons, points and lines, which `ogr2ogr` refused to put in one .shp).

`name.shp` holds the zone versions (MultiPolygon); observations go to `name_points.shp` and
`name_lines.shp` when there are any. Each comes with .prj (WGS 84) and .cpg (UTF-8, so
Cyrillic names read right in QGIS and ArcGIS). A DBF field name has at most 10 characters, and a
text field at most 254: long names are shortened (the same way each time, listed in
`SHORT_NAMES`), dates are DBF dates, and the quotes are counted per stance — the quotes
themselves are in the GeoJSON, KML or CSV exports, which have room for them.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio
import shapely

from desktop.model.entities import STANCES
from desktop.model.project import Project
from desktop.storage.exports.export_props import (observation_properties, rfc7946, selection,
                                                  version_properties)

# Export names longer than DBF's 10 characters -> the field name written.
SHORT_NAMES = {"status_label": "status_lbl", "assessment": "assessmnt", "recorded_on": "recorded",
               "approximate": "approx", "observation_id": "obs_id", "confidence": "confidnce",
               "valid_from_approximate": "from_aprx", "credibility": "credblty"}
_TEXT_MAX = 254
DATE_FIELDS = ("valid_from", "valid_to", "recorded_on", "date")  # written as DBF dates


def _short(name: str, taken: set[str]) -> str:
    out = SHORT_NAMES.get(name, name)[:10]
    n = 1
    while out in taken:  # two names cut to the same ten letters: number the second
        n += 1
        out = f"{out[:8]}_{n}"
    taken.add(out)
    return out


def _columns(rows: list[dict[str, Any]]) -> tuple[list[str], list[np.ndarray]]:
    names: list[str] = []
    for r in rows:
        names.extend(k for k in r if k not in names)
    taken: set[str] = set()
    fields, arrays = [], []
    for name in names:
        values = [r.get(name) for r in rows]
        if any(isinstance(v, (list, dict)) for v in values):
            continue  # nested values (evidence) are counted instead, below
        if name in DATE_FIELDS:
            arr = np.array([np.datetime64(v) if v else np.datetime64("NaT") for v in
                            (date.fromisoformat(v) if isinstance(v, str) and v else v for v in values)],
                           dtype="datetime64[D]")
        elif all(v is None for v in values):
            arr = np.array([""] * len(values), dtype=object)
        elif all(isinstance(v, bool) or v is None for v in values):
            arr = np.array([int(bool(v)) for v in values], dtype=np.int32)
        elif all(isinstance(v, int) and not isinstance(v, bool) or v is None for v in values):
            arr = np.array([v if v is not None else 0 for v in values], dtype=np.int64)
        elif all(isinstance(v, (int, float)) and not isinstance(v, bool) or v is None for v in values):
            arr = np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)
        else:
            arr = np.array(["" if v is None else str(v)[:_TEXT_MAX] for v in values], dtype=object)
        fields.append(_short(name, taken))
        arrays.append(arr)
    return fields, arrays


def _stance_counts(rows: list[dict[str, Any]]) -> tuple[list[str], list[np.ndarray]]:
    short = {"supports": "n_support", "contradicts": "n_contra", "context": "n_context"}
    return ([short[s] for s in STANCES],
            [np.array([sum(1 for e in r.get("evidence", []) if e["stance"] == s) for r in rows], dtype=np.int32)
             for s in STANCES])


def _write(path: Path, geoms: list, rows: list[dict[str, Any]], geometry_type: str) -> None:
    fields, arrays = _columns(rows)
    more_f, more_a = _stance_counts(rows)
    tmp = path.with_name(path.stem + ".part" + path.suffix)
    pyogrio.raw.write(tmp, shapely.to_wkb(np.array(geoms, dtype=object)), arrays + more_a,
                      fields + more_f, driver="ESRI Shapefile", geometry_type=geometry_type,
                      crs="EPSG:4326", encoding="UTF-8")
    # The sidecars (.dbf, .shx, .prj, .cpg) are renamed with it: a crash leaves only ".part" files.
    for side in tmp.parent.glob(tmp.stem + ".*"):
        os.replace(side, path.with_suffix(side.suffix))


def write_shapefile(project: Project, path: str | os.PathLike, at: date | None = None) -> list[Path]:
    """Write the zones (and observations, by geometry type); returns the .shp files written."""
    p = Path(path)
    versions, observations = selection(project, at)
    versions = [v for v in versions if not v.geometry.is_empty]
    written = []
    _write(p, [shapely.MultiPolygon(list(shapely.get_parts(rfc7946(v.geometry)))) for v in versions],
           [version_properties(project, v) for v in versions], "MultiPolygon")
    written.append(p)
    for kind, types, gtype in (("points", ("Point", "MultiPoint"), "Point"),
                               ("lines", ("LineString", "MultiLineString"), "LineString")):
        obs = [o for o in observations if o.geometry.geom_type in types and not o.geometry.is_empty]
        if not obs:
            continue
        out = p.with_name(f"{p.stem}_{kind}.shp")
        geoms = [rfc7946(o.geometry) for o in obs]
        if any(g.geom_type.startswith("Multi") for g in geoms):
            gtype = "Multi" + gtype
            geoms = [g if g.geom_type.startswith("Multi") else
                     (shapely.MultiPoint([g]) if gtype == "MultiPoint" else shapely.MultiLineString([g]))
                     for g in geoms]
        _write(out, geoms, [observation_properties(project, o) for o in obs], gtype)
        written.append(out)
    return written
