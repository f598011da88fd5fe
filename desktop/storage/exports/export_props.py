"""The properties every exported feature carries (DESIGN.md), shared by GeoJSON and KML.

A zone feature carries its zone's and its legend entry's properties, then every exported field
of its version (`desktop.model.fields`: a new field is exported with no change here); an
observation feature, every exported field of its observation. Names never change for a field
that has shipped: `export_as` in the field's metadata keeps `version_id` for `ZoneVersion.id`.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, Callable

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from desktop.model.entities import Observation, ZoneVersion
from desktop.model.fields import default_of, export_name, exported_fields, info
from desktop.model.geometry import SAMPLE_ABOVE, GeometryError, repair_polygonal, validity
from desktop.model.project import Project
from desktop.model.stance import rank as stance_rank, symbol as stance_symbol

DECIMALS = 7


# What a zone feature says beside its version's fields, in the order written (the zone, its
# assessment and its legend entry); `evidence` closes every feature.
ZONE_PROPERTIES = ("zone_id", "version_id", "name", "assessment", "status", "status_label", "tier", "colour")
OBSERVATION_PROPERTIES = ("observation_id", "name")
# A version's dates again as ISO 8601 date-times in UTC ("2025-09-01T00:00:00Z"), beside the plain
# dates, in GeoJSON: kepler.gl takes a plain date for a category (a multi-select filter) and a
# date-time with a time zone for time (its time slider). The instant is the day's start, so the
# span stays half-open: [valid_from_time, valid_to_time); null where the date is (still valid).
TIME_PROPERTIES = {"valid_from": "valid_from_time", "valid_to": "valid_to_time"}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def export_value(v: Any) -> Any:
    """A field's value as an interchange format holds it: dates as ISO text."""
    return v.isoformat() if isinstance(v, date) else v


def record_properties(record: Any) -> dict[str, Any]:
    """The exported fields of a record by their export names (a sparse field only when set)."""
    out: dict[str, Any] = {}
    for f in exported_fields(type(record)):
        v = getattr(record, f.name)
        if info(f).sparse and v == default_of(f):
            continue
        out[export_name(f)] = export_value(v)
    return out


def _names(head: tuple[str, ...], cls: type, tail: tuple[str, ...] = ()) -> tuple[str, ...]:
    fields = [export_name(f) for f in exported_fields(cls)]
    return tuple(dict.fromkeys([*head, *fields, *tail, "evidence"]))


def version_property_names() -> tuple[str, ...]:
    """Every property a zone feature may carry, in the order written (the date-times: GeoJSON)."""
    return _names(ZONE_PROPERTIES, ZoneVersion, tuple(TIME_PROPERTIES.values()) + (RECORDED_BY,))


def iso_datetime(d: date | None) -> str | None:
    """A day as the ISO 8601 date-time of its start in UTC: `2025-09-01T00:00:00Z`."""
    return f"{d.isoformat()}T00:00:00Z" if d else None


def time_properties(v: ZoneVersion) -> dict[str, str | None]:
    return {name: iso_datetime(getattr(v, f)) for f, name in TIME_PROPERTIES.items()}


def observation_property_names() -> tuple[str, ...]:
    return _names(OBSERVATION_PROPERTIES, Observation, (RECORDED_BY,))


# A team project (storage that knows who wrote each row, `TeamStore.authors`) exports who made
# each version and observation. Read once per table per export: `selection` starts each export.
RECORDED_BY = "recorded_by"
_authors: dict[str, dict[str, tuple[Any, Any]]] = {}


def recorded_by(project: Project, table: str, row_id: str) -> str | None:
    authors = getattr(project.storage, "authors", None)
    if authors is None:
        return None
    if table not in _authors:
        _authors[table] = authors(table)
    who = _authors[table].get(row_id)
    return who[0] if who else None


def evidence(project: Project, target_id: str) -> list[dict[str, Any]]:
    """The quotes linked to a version or observation, supporting first, each with its stance.

    The first seven keys are what a reader needs (and what exports always carried); the rest
    (by the evidence CSV's column names) make the source and quote whole again when the file is
    imported back (`imports.evidence_merge`): `source_id` groups the quotes of one source."""
    out = []
    for e in sorted(project.evidence_for(target_id), key=lambda e: (stance_rank(e.stance), e.id)):
        q = project.quotes.get(e.quote_id)
        if q is None:
            continue
        s = project.sources.get(q.source_id)
        out.append({"source": s.outlet if s else "", "published": _iso(s.published) if s else None,
                    "reliability": s.reliability if s else "F", "credibility": q.credibility,
                    "speaker": q.speaker, "quote": q.text, "stance": e.stance,
                    "source_id": q.source_id, "title": s.title if s else "", "url": s.url if s else "",
                    "source_kind": s.kind if s else "", "quote_id": q.id, "said_on": _iso(q.said_on),
                    "language": q.language, "translation": q.translation})
    return out


def _item(project: Project, s: Any, q: Any) -> dict[str, Any]:
    """An evidence item of a source (and quote, if any) without a stance: linked to nothing."""
    return {"source": s.outlet, "published": _iso(s.published), "reliability": s.reliability,
            "credibility": q.credibility if q else None, "speaker": q.speaker if q else "",
            "quote": q.text if q else "", "stance": None, "source_id": s.id, "title": s.title,
            "url": s.url, "source_kind": s.kind, "quote_id": q.id if q else "",
            "said_on": _iso(q.said_on) if q else None, "language": q.language if q else "",
            "translation": q.translation if q else ""}


LOOSE_EVIDENCE = "frontline_loose_evidence"  # the KML Document's Data name for them


def loose_evidence(project: Project, target_ids: set[str]) -> list[dict[str, Any]]:
    """The sources and quotes no exported feature carries: quotes linked to none of
    `target_ids`, and sources with no quote at all (the analyst's "Own assessment"). A
    per-feature export would lose them; the collection carries them (`frontline` member), so
    export then import gives the same evidence CSV."""
    linked = {e.quote_id for e in project.evidence.values() if e.target_id in target_ids}
    quoted: set[str] = set()
    out = []
    for q in sorted(project.quotes.values(), key=lambda q: q.id):
        quoted.add(q.source_id)
        s = project.sources.get(q.source_id)
        if q.id not in linked and s is not None:
            out.append(_item(project, s, q))
    for s in sorted(project.sources.values(), key=lambda s: s.id):
        if s.id not in quoted:
            out.append(_item(project, s, None))
    return out


def evidence_lines(items: list[dict[str, Any]]) -> list[str]:
    """`✓ Kyiv Independent (B2), 2025-12-04 — "…"`: one plain-text line per quote, marked with
    its stance (✓ supports, ✗ contradicts, ○ context), for a reader with no property table
    (a KML balloon)."""
    out = []
    for it in items:
        when = f", {it['published']}" if it.get("published") else ""
        who = f"{it['speaker']}: " if it.get("speaker") else ""
        out.append(f"{stance_symbol(it['stance'])} {it['stance']}: {it['source']} "
                   f"({it['reliability']}{it['credibility']}){when} \u2014 {who}\u201c{it['quote']}\u201d")
    return out


def version_properties(project: Project, v: ZoneVersion, times: bool = False) -> dict[str, Any]:
    """A zone feature's properties; with `times`, its dates also as date-times (TIME_PROPERTIES)."""
    z = project.zones[v.zone_id]
    a = project.assessments.get(z.assessment_id)
    st = project.legend.get(v.status)
    props: dict[str, Any] = dict(z.extra)
    props.update({
        "zone_id": z.id, "version_id": v.id, "name": z.name, "assessment": a.name if a else "",
        "status": v.status, "status_label": st.label if st else v.status,
        "tier": st.tier if st else "annotation", "colour": st.colour if st else "#607d8b",
    })
    props.update(record_properties(v))  # the version's own fields (those above keep their place)
    if times:
        props.update(time_properties(v))
    by = recorded_by(project, "versions", v.id)
    if by is not None:
        props[RECORDED_BY] = by
    props["evidence"] = evidence(project, v.id)
    return props


def observation_properties(project: Project, o: Observation) -> dict[str, Any]:
    props: dict[str, Any] = dict(o.extra)
    props.update({"observation_id": o.id, "name": o.name})
    props.update(record_properties(o))
    by = recorded_by(project, "observations", o.id)
    if by is not None:
        props[RECORDED_BY] = by
    props["evidence"] = evidence(project, o.id)
    return props


def _round(g: BaseGeometry) -> BaseGeometry:
    return shapely.transform(g, lambda xy: np.round(xy, DECIMALS))


def _clean(g: BaseGeometry) -> bool:
    """No two consecutive positions alike (across parts too: a false alarm only costs time) and valid."""
    xy = shapely.get_coordinates(g)
    return not (xy[1:] == xy[:-1]).all(axis=1).any() and g.is_valid


def rfc7946(geom: BaseGeometry) -> BaseGeometry:
    """At most 7 decimals, counter-clockwise exteriors and clockwise holes, 2D, and still valid:
    rounding alone can make two vertices one (geojsonhint and our own validate warn of it), fold
    a sliver or collapse a tiny hole, so lines and polygons are snapped to the 1e-7 grid by GEOS,
    which keeps them valid, and only rounded where that would make them vanish."""
    g = shapely.force_2d(geom)
    if g.geom_type in ("Polygon", "MultiPolygon") and not g.is_valid:
        # Opening repairs shapes another tool made invalid (projectfile._repair_foreign_shapes);
        # a project built in memory could still hold one: export its repair, never invalid
        # GeoJSON or a GEOS error.
        g, _ = repair_polygonal(g)
    rounded = _round(g)
    if g.geom_type not in ("Point", "MultiPoint") and not _clean(rounded):
        snapped = shapely.set_precision(g, 10.0 ** -DECIMALS)  # slower: only where needed
        if not snapped.is_empty:
            rounded = _round(snapped)  # the grid's multiples of 1e-7 are not exact in binary
    g = rounded
    if g.geom_type in ("Polygon", "MultiPolygon"):
        g = shapely.orient_polygons(g, exterior_cw=False)
    return g


# Called with each line saying a feature was left out of an export and why. Unset, the lines go
# to `projectfile.report_warning` (which the command line sets for every subcommand).
report_warning: Callable[[str], None] | None = None


def _say(line: str) -> None:
    from desktop.storage.project import projectfile
    hook = report_warning or projectfile.report_warning
    if hook is not None:
        hook(line)


def _writable(project: Project, items: list) -> list:
    """`items` (versions or observations) whose shapes can be written: an invalid polygon is
    repaired here, once (`rfc7946` then finds it valid), and one that cannot be (too costly to
    repair: `geometry.repair_polygonal` refuses it in milliseconds; or no area left) is left out,
    said in one line. Opening a file repairs what another tool made invalid; a project built in
    memory could still hold such a shape, and one feature must not stop the whole export."""
    if not items:
        return items
    geoms = np.array([x.geometry for x in items], dtype=object)
    polygons = np.isin(shapely.get_type_id(geoms), (3, 6))
    large = polygons & (shapely.get_num_coordinates(geoms) > SAMPLE_ABOVE)
    ok = np.ones(len(items), dtype=bool)
    small = polygons & ~large
    ok[small] = shapely.is_valid(geoms[small])
    for k in np.flatnonzero(large):  # (a large scribble is sampled, not checked by GEOS: seconds)
        ok[k] = validity(geoms[k])[0]
    out = []
    for x, good in zip(items, ok):
        if good:
            out.append(x)
            continue
        try:
            fixed, _ = repair_polygonal(x.geometry)
        except GeometryError as e:
            if isinstance(x, ZoneVersion):
                zone = project.zones.get(x.zone_id)
                what = f"zone '{zone.name if zone else x.zone_id}' from {x.valid_from.isoformat()} (version {x.id!r})"
            else:
                what = f"observation {x.id!r}"
            _say(f"export: {what}: {e}; left out of the export")
            continue
        out.append(replace(x, geometry=fixed))
    return out


def selection(project: Project, at: date | None) -> tuple[list[ZoneVersion], list[Observation]]:
    """The versions (and observations) an export holds: those valid on `at`, or all (history)."""
    _authors.clear()  # each export asks the team server once who made what
    if at is not None:
        versions = project.state_at(at)
        # What has been seen by `at`, but not a lasting observation that has ended by then.
        obs = [o for o in project.observations.values() if o.date <= at and (o.valid_to is None or at < o.valid_to)]
    else:
        order = {k: s.order for k, s in project.legend.items()}
        versions = sorted(project.versions.values(),
                          key=lambda v: (v.valid_from, order.get(v.status, 999), v.zone_id, v.id))
        obs = list(project.observations.values())
    return _writable(project, versions), _writable(project, sorted(obs, key=lambda o: (o.date, o.id)))

