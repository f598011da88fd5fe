"""From read features to import items: status, dates, names, repairs, observations.

Both the plain import and the series import start here, so a feature gets the same status and
the same repairs, reported the same way, whichever way it comes in.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import shapely
from shapely.geometry import LineString, MultiLineString, MultiPoint, Point
from shapely.geometry.base import BaseGeometry

import desktop.model.clock as clock
from desktop.model.entities import CONFIDENCES, Observation, ZoneVersion, new_id
from desktop.model.fields import ATTRIBUTE, export_name, info, record_fields
from desktop.model.geometry import GeometryError, polygonal
from desktop.model.legend import unknown_status

from desktop.storage.errors import InputError
from desktop.storage.exports.export_props import observation_property_names, version_property_names
from desktop.storage.imports.field_values import date_properties, read_fields
from desktop.storage.imports.geojson_fast import known_valid
from desktop.storage.imports.report import ERROR, ImportReport
from desktop.storage.imports.input_files import ParsedFile, RawFeature, date_from_name, parse_date
from desktop.storage.imports.provenance import publisher_of
from desktop.storage.imports.repair_budget import REFUSAL, RepairBudget, bounded_repair
from desktop.storage.imports.statuses import classify_deepstate, english_name, is_deepstate, map_status

# Properties the model has fields for, or that our own export writes: not kept as extras.
KNOWN = set(version_property_names()) | set(observation_property_names())
FILE_DATE_MEMBERS = ("date", "deepstate_date", "deepstate_snapshot_utc", "snapshot_date", "valid_from")
MAX_MESSAGES_PER_FILE = 25
# The properties that name a zone version's attribute fields (what `read_fields` reads): a
# feature with none of them (a mapping project's polygon) gives none, so they are not looked for.
_ZONE_FIELDS = frozenset(export_name(f) for f in record_fields(ZoneVersion) if info(f).role == ATTRIBUTE)
# The properties that name an observation's attribute fields, but its name (the feature's own).
_OBS_FIELDS = frozenset(export_name(f) for f in record_fields(Observation) if info(f).role == ATTRIBUTE) - {"name"}
# Date properties whose unreadable text is reported and kept (as `<key>_raw`), never dropped.
CHECKED_DATES = date_properties(ZoneVersion)
RAW_SUFFIX = "_raw"


@dataclass(eq=False)
class Item:
    """A zone version to be: one polygonal feature of one file."""
    file: str
    index: int
    fid: Any
    geometry: BaseGeometry
    status: str
    name: str
    valid_from: date
    valid_to: date | None = None
    # The version's other attributes the feature gives (confidence, notes...), by field name.
    attrs: dict[str, Any] = field(default_factory=dict)
    extra: tuple = ()
    group: str | None = None  # the file's zone_id: features sharing it are versions of one zone
    deepstate: bool = False  # from a DeepState snapshot, whose polygons have no identity of their own

    def label(self) -> str:
        return feature_label(self.file, self.index, self.fid)


def _at(file: str, f: RawFeature) -> str:
    return feature_label(file, f.index, f.fid)


def feature_label(file: str, index: int, fid: Any) -> str:
    """How every message names a feature: `file: feature N (id X)`, as `Problem.line` does."""
    return f"{file}: feature {index}" + (f" (id {fid})" if fid is not None else "")


@dataclass
class Prepared:
    file: str
    items: list[Item]
    observations: list[Observation]
    file_date: date | None
    deepstate: bool
    publisher: str = ""  # who published the file, by its own members ("" when it does not say)


def file_date(parsed: ParsedFile) -> date | None:
    return _file_date(parsed)[0]


def _file_date(parsed: ParsedFile) -> tuple[date | None, str]:
    """The snapshot date of the file and where it comes from (said in the report)."""
    for k in FILE_DATE_MEMBERS:
        d = parse_date(parsed.meta.get(k))
        if d:
            return d, f"the file's {k}"
    dates = {parse_date(f.properties.get("date")) for f in parsed.features}
    if len(dates) == 1 and None not in dates:
        return dates.pop(), "the file's date"
    d = date_from_name(parsed.name)
    return d, ("the date in the file name" if d else "")


def _bad_dates(props: dict) -> list[tuple[str, Any]]:
    """(property, value) of the model's date properties whose value is there but not a date."""
    return [(k, v) for k in CHECKED_DATES if (v := props.get(k)) is not None and v != "" and parse_date(v) is None]


def _shown(v: Any) -> str:
    if isinstance(v, str):
        return repr(v[:40] + ("..." if len(v) > 40 else ""))
    return _str(json.dumps(_jsonable(v)))[:40]


def _bad_date_line(key: str, value: Any, used: str) -> str:
    return (f"{key} {_shown(value)} is not a date (YYYY-MM-DD); {used} instead; "
            f"the text is kept as property {key}{RAW_SUFFIX}")


def _plain(v: Any, depth: int = 0) -> bool:
    """Is `v` made of what JSON parsing gives (checked without writing it out: a parsed
    feature's dicts and lists, e.g. DeepState's style members on every point of every file)?"""
    t = type(v)
    if v is None or t in (str, int, float, bool):
        return True
    if depth > 20:  # (json.dumps would refuse a cycle: left to it)
        return False
    if t is list:
        return all(_plain(x, depth + 1) for x in v)
    if t is dict:
        return all(type(k) is str and _plain(x, depth + 1) for k, x in v.items())
    return False


def _jsonable(v: Any) -> Any:
    if v is None or type(v) in (str, int, float, bool):
        return v  # what JSON gives back can be written again
    if _plain(v):
        return v
    try:
        json.dumps(v)
        return v
    except (TypeError, ValueError):
        return str(v)


def _extras(props: dict) -> tuple:
    return tuple((k, _jsonable(v)) for k, v in props.items() if k not in KNOWN)


def _split(geom: BaseGeometry | None) -> tuple[BaseGeometry | None, list[BaseGeometry]]:
    """The polygonal part and the point/line parts (GeometryCollections are taken apart)."""
    if geom is None or geom.is_empty:
        return None, []
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom, []  # what taking it apart and putting it together again would give
    parts = shapely.get_parts(geom)
    while any(p.geom_type == "GeometryCollection" for p in parts):
        parts = shapely.get_parts(parts)
    polys = [p for p in parts if p.geom_type in ("Polygon", "MultiPolygon")]
    others = [p for p in parts if p.geom_type not in ("Polygon", "MultiPolygon") and not p.is_empty]
    poly = None
    if polys:
        poly = polys[0] if len(polys) == 1 else shapely.multipolygons(shapely.get_parts(polys))
    return poly, others


def _obs_geometry(parts: list[BaseGeometry]) -> BaseGeometry:
    if len(parts) == 1:
        return parts[0]
    pts = [p for p in shapely.get_parts(parts) if isinstance(p, Point)]
    lines = [p for p in shapely.get_parts(parts) if isinstance(p, LineString)]
    return MultiPoint(pts) if pts and not lines else MultiLineString(lines) if lines and not pts else parts[0]


def _some(names: list[str], limit: int = 160) -> str:
    """Whole names, as many as fit in about `limit` characters, then how many more."""
    shown: list[str] = []
    used = 0
    for n in names:
        if shown and used + len(n) > limit:
            break
        shown.append(n)
        used += len(n) + 2
    rest = len(names) - len(shown)
    return ", ".join(shown) + (f" and {rest} more" if rest else "")


def _str(v: Any) -> str:
    return "" if v is None else str(v)


def _memoised(memo, tag: str, geom: BaseGeometry, fn):
    """fn(geom), remembered in `memo` (a series' `GeometryMemo`) for this very geometry object:
    the series reader hands back the same object for coordinates that did not change."""
    if memo is None or geom is None:
        return fn(geom)
    key = (tag, id(geom))
    hit = memo.get(key)
    if hit is None or hit[0] is not geom:
        hit = memo.current[key] = (geom, fn(geom))  # holding `geom` keeps its id from being reused
    return hit[1]


def _repair(geom: BaseGeometry, budget: RepairBudget | None = None) -> tuple[BaseGeometry | None, list[str], str]:
    """`repair_polygonal` within the file's repair budget (`repair_budget`)."""
    try:
        out, warnings = bounded_repair(geom, budget)
        return out, warnings, ""
    except GeometryError as e:
        return None, [], str(e)


def _valid_polygonal(geom: BaseGeometry) -> tuple[BaseGeometry | None, list[str], str]:
    """`repair_polygonal` of a geometry known to be valid and 2D: what is left is the sliver rule."""
    out = polygonal(geom)
    return (None, [], "geometry has no area") if out.is_empty else (out, [], "")


def _start(props: dict, f: RawFeature, fdate: date | None, fdate_from: str) -> tuple[date | None, str]:
    """The date a feature is valid from, and where it came from (for the report)."""
    d = parse_date(props.get("valid_from"))
    if d:
        return d, "valid_from"
    d = parse_date(props.get("date"))
    if d:
        return d, "the feature's date"
    if f.begin:
        return f.begin, "the feature's time span"
    return fdate, fdate_from


def _note_bad_dates(report: ImportReport, f: RawFeature, file: str, bad: list[tuple[str, Any]], start: date,
                    whence: str, end: date | None, span_end: date | None, recorded: date | None = None) -> None:
    label = feature_label(file, f.index, f.fid)
    for key, value in bad:
        if key == "valid_from":
            used = f"valid from {start.isoformat()} ({whence})"
        elif key == "valid_to":
            used = f"valid to {end.isoformat()} (the feature's time span)" if end and end == span_end else "no end"
        elif key == "recorded_on" and recorded is not None:
            used = f"recorded on {recorded.isoformat()} (the import date)"
        else:
            used = "left empty"
        report.note(f"{label}: {_bad_date_line(key, value, used)}")


def prepare(parsed: ParsedFile, legend: dict, report: ImportReport, *, status: str | None = None,
            today: date | None = None, new_legend: dict | None = None, memo=None,
            repair: RepairBudget | None = None, same_points=None) -> Prepared:
    """Items and observations of one read file. Raises InputError when the file cannot be used.
    `memo`: the series' `GeometryMemo`, so unchanged geometries are not split and repaired again.
    `same_points`: the series' `series_points.SamePoints`: a point the previous file showed the
    same (kind, name, position) is the observation made of it then (its date is the series' to set).
    `repair`: the time and memory the file's repairs may take (default: `repair_budget`'s)."""
    name = parsed.name
    budget = repair if repair is not None else RepairBudget()
    ds = is_deepstate(parsed.meta, parsed.features)
    splits = [_memoised(memo, "split", f.geometry, _split) for f in parsed.features]
    # DeepState's satirical territories are left out whatever their state: only counted, never
    # reported for their geometry (so they are told apart before the reader's problems are noted).
    kinds = [classify_deepstate(f.properties, sp[0] is not None) for f, sp in zip(parsed.features, splits)] \
        if ds else [None] * len(splits)
    left_out = {f.index for f, c in zip(parsed.features, kinds) if c is not None and c.kind == "satirical"}
    problems = [p for p in parsed.problems if p.feature not in left_out] if left_out else parsed.problems
    shown = 0
    for p in problems:
        if shown < MAX_MESSAGES_PER_FILE:
            report.note(p)
        shown += 1
    if shown > MAX_MESSAGES_PER_FILE:
        report.note(f"{name}: ... and {shown - MAX_MESSAGES_PER_FILE} more problems (run `frontline validate`)")
    if parsed.fatal:
        fatal = next((p for p in problems if p.level == ERROR), None)
        raise InputError(fatal.line() if fatal else f"{name}: cannot be read")
    bad = {p.feature for p in problems if p.level == ERROR and not p.repairable and p.feature is not None}
    report.skipped += len(bad)
    fixed = {p.feature for p in problems if p.repairable and p.feature is not None} - bad
    told = {p.feature for p in problems if p.feature is not None and "geometry" in p.message}
    fdate, fdate_from = _file_date(parsed)
    new_legend = new_legend if new_legend is not None else {}
    items: list[Item] = []
    observations: list[Observation] = []
    missing_status: list[RawFeature] = []
    satirical = Counter()
    for f, (poly, others), c in zip(parsed.features, splits, kinds):
        props = f.properties
        if c is not None and c.kind == "satirical":
            satirical[c.name] += 1
            continue
        if poly is None and not others:
            if f.index in bad:
                continue  # the reader said why (counted as skipped above)
            if f.index not in told:  # (a reader that names the missing geometry says it once)
                report.note(f"{_at(name, f)}: {'empty' if f.geometry is not None else 'no'} geometry; "
                            "nothing to import")
            report.skipped += 1
            continue
        st = None
        fname = _str(props.get("name"))
        obs_kind = _str(props.get("kind")) or "observation"
        if c is not None:
            if c.kind == "unknown":
                report.skipped += 1
                report.note(f"{_at(name, f)}: unrecognised DeepState feature {fname[:60]!r}; skipped")
                continue
            st, fname = c.status or None, c.name or english_name(fname)
            if c.kind == "observation":
                obs_kind = c.obs_kind
        if status:
            st = status
        elif not ds and poly is not None:
            st, is_new = map_status(props.get("status"), {**legend, **new_legend})
            if is_new and st not in new_legend:
                new_legend[st] = unknown_status(st, order=100 + len(new_legend))
                report.new_statuses.append(st)
                report.note(f"{_at(name, f)}: status {props.get('status')!r} is not in the legend; "
                            f"added as {st!r}")
        start, whence = _start(props, f, fdate, fdate_from)
        bad_dates = _bad_dates(props)
        if same_points is not None and poly is None and not bad_dates and _OBS_FIELDS.isdisjoint(props) \
                and "valid_to" not in props:
            # A point the previous snapshot of a series showed as it is: its observation again
            # (nothing to report for it, and its properties are not read again).
            seen = same_points.known(obs_kind, fname, _obs_geometry(others))
            if seen is not None:
                if f.index in fixed:
                    report.repaired += 1
                observations.append(seen)
                continue
        extra = _extras(props)
        if bad_dates:
            extra += tuple((k + RAW_SUFFIX, _jsonable(v)) for k, v in bad_dates)
        # Every attribute field of the record(s) the feature becomes, by its property name.
        attrs, unread = read_fields(ZoneVersion, props) if poly is not None and not _ZONE_FIELDS.isdisjoint(props) \
            else ({}, [])
        # (A point of a mapping project names none of its fields but `name`, which the feature's
        # name replaces below: reading them would give nothing, at a cost per point per file.)
        obs_attrs, obs_unread = read_fields(Observation, props) if others and not _OBS_FIELDS.isdisjoint(props) \
            else ({}, [])
        for key, v, kind in unread + [u for u in obs_unread if u[0] not in {k for k, _, _ in unread}]:
            report.note(f"{_at(name, f)}: {key} {_shown(v)} is not a {kind}; left at its default; "
                        f"the text is kept as property {key}{RAW_SUFFIX}")
            extra += ((key + RAW_SUFFIX, _jsonable(v)),)
        if f.index in fixed:
            report.repaired += 1
        if others:
            d = start or today or date.today()
            # A lasting observation (our export writes its end as valid_to) lasts again; an end
            # not after its start is no span (kept as the property the file gave, in extra).
            until = parse_date(props.get("valid_to"))
            if until is not None and until <= d:
                until = None
                if poly is None:
                    extra += (("valid_to" + RAW_SUFFIX, _jsonable(props.get("valid_to"))),)
            observations.append(Observation(**{**obs_attrs, "id": new_id(), "kind": obs_kind, "date": d,
                                               "name": fname, "geometry": _obs_geometry(others), "extra": extra,
                                               "valid_to": until}))
            if bad_dates and poly is None:
                _note_bad_dates(report, f, name, bad_dates, d, whence or "today", None, None)
        if poly is None:
            continue
        if st is None:
            missing_status.append(f)
            continue
        geom, warnings, error = _memoised(
            memo, "repair", poly, lambda g: _valid_polygonal(g) if known_valid(memo, g) else _repair(g, budget))
        if geom is None:
            report.skipped += 1
            label = _at(name, f)
            if error.startswith(REFUSAL) and fname:
                label = f"{label[:-1]}, name {fname[:60]!r})" if f.fid is not None else f"{label} (name {fname[:60]!r})"
            report.note(f"{label}: {error}; skipped")
            continue
        if warnings:
            if f.index not in fixed:
                report.repaired += 1
            for w in warnings:
                report.note(f"{_at(name, f)}: {w}")
        if start is None:
            start, whence = today or date.today(), "today"
            if not any(k == "valid_from" for k, _ in bad_dates):
                report.note(f"{_at(name, f)}: no date in the feature or the file name; valid from "
                            f"{start.isoformat()}")
        conf = attrs.get("confidence", "medium").lower()
        if conf not in CONFIDENCES:
            report.note(f"{_at(name, f)}: confidence {conf!r} is not low/medium/high; kept as notes")
            conf = "medium"
        attrs["confidence"] = conf
        attrs.pop("status", None)  # the legend's key, mapped above
        # When the analyst recorded it: the file's word where it gives one (our own export
        # does), else the day it came into the project.
        if attrs.get("recorded_on") is None:  # (an unreadable date reads as None, and is reported)
            attrs["recorded_on"] = today or clock.today()
        end = parse_date(props.get("valid_to")) or f.end
        if end is not None and end <= start:
            # Which of the two is wrong cannot be known: the zone stays open, and the date is
            # kept with the zone's other fields so nothing the file said is lost.
            report.note(f"{_at(name, f)}: valid_to {end} is not after valid_from {start}; ignored "
                        f"(kept as valid_to{RAW_SUFFIX})")
            extra += (("valid_to" + RAW_SUFFIX, end.isoformat()),)
            end = None
        if bad_dates:
            _note_bad_dates(report, f, name, bad_dates, start, whence, end, f.end, attrs["recorded_on"])
        items.append(Item(name, f.index, f.fid, geom, st, fname, start, end, attrs=attrs, extra=extra,
                          group=_str(props.get("zone_id")) or None, deepstate=ds))
    if missing_status:
        if not items:
            raise InputError(f"{name}: the features have no status; give one with --status KEY "
                             f"(legend keys: {', '.join(legend)})")
        for f in missing_status:
            report.skipped += 1
            report.note(f"{_at(name, f)}: no status; skipped (use --status to give one)")
    if satirical:
        report.satirical += sum(satirical.values())
        report.note(f"{name}: {sum(satirical.values())} satirical DeepState territories left out "
                    f"({_some(sorted({n.rstrip('. ') for n in satirical if n}))})")
    return Prepared(name, items, observations, fdate, ds, publisher_of(parsed.meta))
