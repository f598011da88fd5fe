"""KML export: a style per status, a folder per assessment, TimeSpan begin/end on every zone
version (Google Earth's time slider replays the history) and TimeStamp on observations.

The attributes go in a declared Schema with SchemaData, the form GDAL's KML driver reads back as
fields, so QGIS shows them too.
"""
from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from shapely.geometry.base import BaseGeometry

from desktop.model.entities import credit_line
from desktop.model.project import Project

from desktop.storage.exports.export_props import (evidence_lines, observation_properties,
                                                  observation_property_names, rfc7946, selection,
                                                  version_properties, version_property_names)

# The Schema's fields: every property of a zone or observation feature, `evidence` last, except
# `name`, which is the Placemark's own <name> (GDAL reads that as its Name field).
FIELDS = tuple(k for k in dict.fromkeys(version_property_names() + observation_property_names())
               if k not in ("name", "evidence")) + ("evidence",)


def _about(project: Project) -> str:
    """The Document's description: subtitle and the project's credit (organisation, licence)."""
    info = project.info
    return "\n".join(t for t in (info.subtitle, credit_line(info)) if t)


def _abgr(colour: str, opacity: float) -> str:
    c = colour.lstrip("#")
    if len(c) != 6:
        c = "607d8b"
    return f"{int(round(opacity * 255)):02x}{c[4:6]}{c[2:4]}{c[0:2]}"


def _num(x: float) -> str:
    return f"{x:.7f}".rstrip("0").rstrip(".")


def _coords(seq) -> str:
    return " ".join(f"{_num(x)},{_num(y)}" for x, y in seq)


def _geom(g: BaseGeometry) -> str:
    t = g.geom_type
    if t == "Point":
        return f"<Point><coordinates>{_coords(g.coords)}</coordinates></Point>"
    if t == "LineString":
        return f"<LineString><coordinates>{_coords(g.coords)}</coordinates></LineString>"
    if t == "Polygon":
        inner = "".join(f"<innerBoundaryIs><LinearRing><coordinates>{_coords(r.coords)}</coordinates>"
                        f"</LinearRing></innerBoundaryIs>" for r in g.interiors)
        return (f"<Polygon><outerBoundaryIs><LinearRing><coordinates>{_coords(g.exterior.coords)}"
                f"</coordinates></LinearRing></outerBoundaryIs>{inner}</Polygon>")
    return "<MultiGeometry>" + "".join(_geom(p) for p in g.geoms) + "</MultiGeometry>"


def _data(props: dict) -> str:
    cells = []
    for k in FIELDS:
        if k not in props or props[k] is None:
            continue
        v = props[k]
        v = json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else str(v)
        cells.append(f"<SimpleData name={quoteattr(k)}>{escape(v)}</SimpleData>")
    return f'<ExtendedData><SchemaData schemaUrl="#frontline">{"".join(cells)}</SchemaData></ExtendedData>'


def _span(begin: date, end: date | None) -> str:
    e = f"<end>{end.isoformat()}</end>" if end else ""
    return f"<TimeSpan><begin>{begin.isoformat()}</begin>{e}</TimeSpan>"


def kml_document(project: Project, at: date | None = None) -> str:
    versions, observations = selection(project, at)
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<kml xmlns="http://www.opengis.net/kml/2.2">',
           f"<Document><name>{escape(project.info.title)}</name>"
           f"<description>{escape(_about(project))}</description>",
           '<Schema name="frontline" id="frontline">' + "".join(
               f'<SimpleField name="{k}" type="string"/>' for k in FIELDS) + "</Schema>"]
    for key, st in project.legend.items():
        out.append(f'<Style id={quoteattr("status-" + key)}><LineStyle><color>{_abgr(st.colour, 1)}</color>'
                   f"<width>2</width></LineStyle><PolyStyle><color>{_abgr(st.colour, st.fill_opacity)}</color>"
                   "</PolyStyle></Style>")
    by_assessment: dict[str, list[str]] = {}
    for v in versions:
        props = version_properties(project, v)
        # Google Earth's balloon shows the description: the notes, then each quote with its
        # stance's mark (plain text, escaped: quotes are untrusted).
        text = "\n\n".join(t for t in (v.notes, "\n".join(evidence_lines(props["evidence"]))) if t)
        pm = (f"<Placemark id={quoteattr(v.id)}><name>{escape(props['name'])}</name>"
              f"<description>{escape(text)}</description>"
              f"{_span(v.valid_from, v.valid_to)}<styleUrl>#status-{escape(v.status)}</styleUrl>"
              f"{_data(props)}{_geom(rfc7946(v.geometry))}</Placemark>")
        by_assessment.setdefault(props["assessment"], []).append(pm)
    for name, pms in by_assessment.items():
        out.append(f"<Folder><name>{escape(name)}</name>{''.join(pms)}</Folder>")
    if observations:
        out.append("<Folder><name>Observations</name>")
        for o in observations:
            props = observation_properties(project, o)
            out.append(f"<Placemark id={quoteattr(o.id)}><name>{escape(o.name or o.kind)}</name>"
                       f"<description>{escape(o.notes)}</description>"
                       f"<TimeStamp><when>{o.date.isoformat()}</when></TimeStamp>"
                       f"{_data(props)}{_geom(rfc7946(o.geometry))}</Placemark>")
        out.append("</Folder>")
    out.append("</Document></kml>")
    return "\n".join(out)


def write_kml(project: Project, path: str | os.PathLike, at: date | None = None) -> None:
    p = Path(path)
    tmp = p.with_name(p.name + ".part")
    tmp.write_text(kml_document(project, at), encoding="utf-8")
    os.replace(tmp, p)

