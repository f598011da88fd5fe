"""GeoJSON export, RFC 7946: lon/lat, right-hand rule, no `crs`, at most 7 decimals.

`--at D` writes the picture on D (one feature per zone valid that day); history writes every
version with `valid_from` / `valid_to` (dates, which QGIS's Temporal Controller replays) and
`valid_from_time` / `valid_to_time` (the same days as ISO 8601 date-times with `Z`, which kepler.gl
takes as time). A still-valid version has `valid_to` null, which GDAL reads as an open end.

A history export comes with `<name>.qml` beside it, the default style QGIS loads for the file:
its Temporal Controller replays the history with no setup, with Frontline's half-open spans, and
keeps the still-valid versions that GDAL 3.6 drops from a date filter on a NULL end
(`qgis_style.export_style_qml`). A `.qml` of that name that Frontline did not write is kept.
"""
from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from shapely.geometry import mapping

from desktop.model.entities import credit_line
from desktop.model.project import Project

from desktop.storage.exports.export_props import loose_evidence, observation_properties, rfc7946, selection, version_properties
from desktop.storage.project.qgis_style import EXPORT_STYLE_MARK, export_style_qml


def _geometry(geom) -> dict:
    return mapping(rfc7946(geom))


def feature_collection(project: Project, at: date | None = None) -> dict:
    versions, observations = selection(project, at)
    feats = [{"type": "Feature", "id": v.id, "properties": version_properties(project, v, times=True),
              "geometry": _geometry(v.geometry)} for v in versions if not v.geometry.is_empty]
    feats += [{"type": "Feature", "id": o.id, "properties": observation_properties(project, o),
               "geometry": _geometry(o.geometry)} for o in observations if not o.geometry.is_empty]
    info = project.info
    # Whose map it is, as foreign members (RFC 7946 §6.1): GDAL/QGIS take "name" as the layer's
    # name and "description" as its description; "frontline" keeps the four apart.
    fc = {"type": "FeatureCollection", "name": info.title,
          "description": " — ".join(t for t in (info.subtitle, credit_line(info)) if t),
          "frontline": {"title": info.title, "subtitle": info.subtitle,
                        "organisation": info.organisation, "licence": info.licence},
          "features": feats}
    # The evidence no feature carries (a source with no quote, a quote linked to nothing shown).
    targets = {f["id"] for f in feats}
    loose = loose_evidence(project, targets)
    if loose:
        fc["frontline"]["loose_evidence"] = loose
    return fc


def write_geojson(project: Project, path: str | os.PathLike, at: date | None = None) -> int:
    """Write the file (atomically: a crash never leaves half a file); returns the feature count."""
    fc = feature_collection(project, at)
    p = Path(path)
    tmp = p.with_name(p.name + ".part")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(fc, f, ensure_ascii=False, separators=(",", ":"))
    os.replace(tmp, p)
    if at is None:
        write_qgis_style(p)
    return len(fc["features"])


def write_qgis_style(p: Path) -> Path | None:
    """`<name>.qml` beside the export (QGIS's default style for it); None when a file of that
    name is someone else's."""
    qml = p.with_suffix(".qml")
    try:
        if qml.exists() and EXPORT_STYLE_MARK not in qml.read_text(encoding="utf-8", errors="replace")[:300]:
            return None
    except OSError:
        return None
    tmp = qml.with_name(qml.name + ".part")
    tmp.write_text(export_style_qml(), encoding="utf-8")
    os.replace(tmp, qml)
    return qml
