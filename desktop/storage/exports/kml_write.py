"""KML export: a style per status, a folder per assessment, TimeSpan begin/end on every zone
version (Google Earth's time slider replays the history) and TimeStamp on observations.

The attributes go in a declared Schema with SchemaData, the form GDAL's KML driver reads back as
fields, so QGIS shows them too.

The document validates against the OGC KML 2.2 schema: elements in the schema's order (a
Feature's Styles before a Document's Schema) and every `id` an `xs:ID` (`kml_id`: a letter prefix
and a reversible escape of anything an NCName cannot hold, so `86c7...` becomes `version-86c7...`).

Quotes, notes and names are untrusted text. Google Earth renders a <description> as HTML, so the
descriptions are HTML-escaped before they are written as XML text (`<script>` in a quote is shown
as `<script>`, never run), `$[` is escaped so Google Earth does not substitute its entities, and
every Style's BalloonStyle shows only that escaped description (the default balloon would also
show the name and the ExtendedData table: plain data here, never meant as HTML). Characters
XML 1.0 cannot carry at all (NUL and other C0 controls) become U+FFFD.
"""
from __future__ import annotations

import html
import json
import os
import re
from datetime import date
from pathlib import Path
from string import ascii_letters, digits
from xml.sax.saxutils import escape as _xml_escape, quoteattr as _xml_quoteattr

from shapely.geometry.base import BaseGeometry

from desktop.model.entities import credit_line
from desktop.model.project import Project

from desktop.storage.exports.export_props import (LOOSE_EVIDENCE, evidence_lines, loose_evidence,
                                                  observation_properties,
                                                  observation_property_names, rfc7946, selection,
                                                  version_properties, version_property_names)

# The Schema's fields: every property of a zone or observation feature, `evidence` last, except
# `name`, which is the Placemark's own <name> (GDAL reads that as its Name field).
FIELDS = tuple(k for k in dict.fromkeys(version_property_names() + observation_property_names())
               if k not in ("name", "evidence")) + ("evidence",)


# The Placemark id prefixes (an xs:ID must start with a letter or `_`; ours start with digits).
VERSION_ID_PREFIX = "version-"
OBSERVATION_ID_PREFIX = "observation-"
STATUS_STYLE_PREFIX = "status-"
OBSERVATION_STYLE = "observation"

_ID_SAFE = frozenset(ascii_letters + digits + "-_")
_ID_ESCAPE = re.compile(r"\.([0-9A-F]{2})")
# What XML 1.0 cannot hold even as a character reference.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# A balloon shows the (escaped) description only, keeping its line breaks.
BALLOON = '<div style="white-space:pre-wrap">$[description]</div>'


def kml_id(prefix: str, raw: str) -> str:
    """`prefix` + `raw` as an xs:ID (NCName): ASCII letters, digits, `-` and `_` kept, every other
    character as `.HH` per UTF-8 byte. `prefix` must start with a letter; `id_of_kml` reverses it."""
    return prefix + "".join(c if c in _ID_SAFE else "".join(f".{b:02X}" for b in c.encode("utf-8", "surrogatepass"))
                            for c in raw)


def id_of_kml(prefix: str, value: str) -> str | None:
    """The id `kml_id(prefix, id)` was made from, or None if `value` is not one of ours."""
    if not value.startswith(prefix):
        return None
    body = value[len(prefix):]
    out, i = bytearray(), 0
    while i < len(body):
        m = _ID_ESCAPE.match(body, i)
        if m:
            out.append(int(m[1], 16))
            i = m.end()
        elif body[i] in _ID_SAFE:
            out += body[i].encode("ascii")
            i += 1
        else:
            return None
    try:
        return out.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def escape(text: str) -> str:
    """`text` as XML character data (a carriage return kept as a reference, not turned into a newline)."""
    return _xml_escape(_clean(text), {"\r": "&#13;"})


def quoteattr(text: str) -> str:
    return _xml_quoteattr(_clean(text))


def html_text(text: str) -> str:
    """Plain `text` as HTML that shows exactly that text (`&`, `<`, `>` and `$` as references),
    for a description Google Earth renders as HTML; the caller then escapes it as XML."""
    return html.escape(text, quote=False).replace("$", "&#36;")


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


def _style(sid: str, line: str | None = None, fill: str | None = None) -> str:
    line_style = f"<LineStyle><color>{line}</color><width>2</width></LineStyle>" if line else ""
    poly_style = f"<PolyStyle><color>{fill}</color></PolyStyle>" if fill else ""
    return (f"<Style id={quoteattr(sid)}>{line_style}{poly_style}"
            f"<BalloonStyle><text>{escape(BALLOON)}</text></BalloonStyle></Style>")


def _description(text: str) -> str:
    return f"<description>{escape(html_text(text))}</description>"


def kml_document(project: Project, at: date | None = None) -> str:
    versions, observations = selection(project, at)
    # The OGC schema's order: a Feature's name, description and Styles, then a Document's Schema
    # and its Features.
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<kml xmlns="http://www.opengis.net/kml/2.2">',
           f"<Document><name>{escape(project.info.title)}</name>{_description(_about(project))}"]
    for key, st in project.legend.items():
        out.append(_style(kml_id(STATUS_STYLE_PREFIX, key), _abgr(st.colour, 1), _abgr(st.colour, st.fill_opacity)))
    out.append(_style(OBSERVATION_STYLE))
    # The sources and quotes no Placemark carries (a source with no quote...), for an import to
    # bring back (export_props.loose_evidence): the Document's own ExtendedData, as JSON text.
    targets = {v.id for v in versions} | {o.id for o in observations}
    loose = loose_evidence(project, targets)
    if loose:
        out.append(f'<ExtendedData><Data name="{LOOSE_EVIDENCE}"><value>'
                   f"{escape(_clean(json.dumps(loose, ensure_ascii=False)))}</value></Data></ExtendedData>")
    out.append('<Schema name="frontline" id="frontline">' + "".join(
        f"<SimpleField name={quoteattr(k)} type=\"string\"/>" for k in FIELDS) + "</Schema>")
    by_assessment: dict[str, list[str]] = {}
    for v in versions:
        props = version_properties(project, v)
        props.setdefault("notes", v.notes)  # always a field: an importer never takes the description for it
        # Google Earth's balloon shows the description: the notes, then each quote with its
        # stance's mark (plain text, escaped as HTML: quotes are untrusted).
        text = "\n\n".join(t for t in (v.notes, "\n".join(evidence_lines(props["evidence"]))) if t)
        style = "#" + kml_id(STATUS_STYLE_PREFIX, v.status)
        pm = (f"<Placemark id={quoteattr(kml_id(VERSION_ID_PREFIX, v.id))}><name>{escape(props['name'])}</name>"
              f"{_description(text)}{_span(v.valid_from, v.valid_to)}<styleUrl>{escape(style)}</styleUrl>"
              f"{_data(props)}{_geom(rfc7946(v.geometry))}</Placemark>")
        by_assessment.setdefault(props["assessment"], []).append(pm)
    for name, pms in by_assessment.items():
        out.append(f"<Folder><name>{escape(name)}</name>{''.join(pms)}</Folder>")
    if observations:
        out.append("<Folder><name>Observations</name>")
        for o in observations:
            props = observation_properties(project, o)
            props.setdefault("notes", o.notes)
            text = "\n\n".join(t for t in (o.notes, "\n".join(evidence_lines(props["evidence"]))) if t)
            out.append(f"<Placemark id={quoteattr(kml_id(OBSERVATION_ID_PREFIX, o.id))}>"
                       f"<name>{escape(o.name or o.kind)}</name>{_description(text)}"
                       + (_span(o.date, o.valid_to) if o.valid_to is not None  # a lasting one: its span
                          else f"<TimeStamp><when>{o.date.isoformat()}</when></TimeStamp>")
                       + f"<styleUrl>#{OBSERVATION_STYLE}</styleUrl>"
                       f"{_data(props)}{_geom(rfc7946(o.geometry))}</Placemark>")
        out.append("</Folder>")
    out.append("</Document></kml>")
    return "\n".join(out)


def write_kml(project: Project, path: str | os.PathLike, at: date | None = None) -> None:
    p = Path(path)
    tmp = p.with_name(p.name + ".part")
    tmp.write_text(kml_document(project, at), encoding="utf-8")
    os.replace(tmp, p)

