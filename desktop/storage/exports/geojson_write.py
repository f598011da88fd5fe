"""GeoJSON export, RFC 7946: lon/lat, right-hand rule, no `crs`, at most 7 decimals.

`--at D` writes the picture on D (one feature per zone valid that day); history writes every
version with `valid_from` / `valid_to`, which QGIS's Temporal Controller and kepler.gl replay.
"""
from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from shapely.geometry import mapping

from desktop.model.entities import credit_line
from desktop.model.project import Project

from desktop.storage.exports.export_props import observation_properties, rfc7946, selection, version_properties


def _geometry(geom) -> dict:
    return mapping(rfc7946(geom))


def feature_collection(project: Project, at: date | None = None) -> dict:
    versions, observations = selection(project, at)
    feats = [{"type": "Feature", "id": v.id, "properties": version_properties(project, v),
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
    return fc


def write_geojson(project: Project, path: str | os.PathLike, at: date | None = None) -> int:
    """Write the file (atomically: a crash never leaves half a file); returns the feature count."""
    fc = feature_collection(project, at)
    p = Path(path)
    tmp = p.with_name(p.name + ".part")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(fc, f, ensure_ascii=False, separators=(",", ":"))
    os.replace(tmp, p)
    return len(fc["features"])
