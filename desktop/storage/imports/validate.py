"""`frontline validate`: every problem of GeoJSON / KML (and CSV, GPKG) files, one line each.

It runs the same reading and checks as import, so what validate calls a warning is exactly what
import repairs and reports, and what it calls an error is what import rejects, with one kind of
exception: what RFC 7946 says MUST NOT be (`rfc7946_problems`: a FeatureCollection with a
`properties` or `coordinates` member, a ring whose last position is not its first, even by a
third value only) is an error here, although import takes such a file and says so.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from desktop.model.entities import CONFIDENCES, Observation, ZoneVersion

from desktop.storage.errors import InputError
from desktop.storage.imports.readers import kind_of, read_any, worth_streaming
from desktop.storage.imports.field_values import date_properties, read_fields
from desktop.storage.imports.report import ERROR, WARNING, Problem
from desktop.storage.imports.input_files import ParsedFile, RawFeature, parse_date, read_limited

DATE_PROPERTIES = date_properties(ZoneVersion, Observation)


def _where(f: RawFeature, key: str) -> str:
    """Where property `key` of `f` is in its document, in the document's own terms."""
    if f.where.startswith("/") or f.where == "":  # GeoJSON: a JSON pointer
        return f"{f.where}/properties/{key}"
    if "Placemark" in f.where:
        return f"{f.where}/ExtendedData/Data[@name='{key}']"
    return f"{f.where}, column {key}"


def property_problems(parsed: ParsedFile) -> list[Problem]:
    """Values of the model's properties import cannot use: it falls back (another date, no end,
    medium confidence), so these are warnings, but a user must hear of them."""
    out = []
    for f in parsed.features:
        props = f.properties

        def warn(key: str, msg: str) -> None:
            out.append(Problem(WARNING, parsed.name, msg, f.index, f.fid, _where(f, key), True))

        dates = {}
        for key in DATE_PROPERTIES:
            v = props.get(key)
            if v is None or v == "":
                continue
            dates[key] = parse_date(v)
            if dates[key] is None:
                shown = repr(v[:40]) if isinstance(v, str) else json.dumps(v)[:40]
                warn(key, f"{key} {shown} is not a date (YYYY-MM-DD); import cannot use it")
        start, end = dates.get("valid_from") or dates.get("date") or f.begin, dates.get("valid_to")
        if start and end and end <= start:
            warn("valid_to", f"valid_to {end} is not after valid_from {start}; import ignores valid_to")
        conf = props.get("confidence")
        if conf not in (None, "") and str(conf).strip().lower() not in CONFIDENCES:
            warn("confidence", f"confidence {str(conf)[:40]!r} is not low, medium or high; import uses medium")
        told = set()
        for cls in (ZoneVersion, Observation):
            for key, v, kind in read_fields(cls, props)[1]:
                if key not in told:
                    told.add(key)
                    warn(key, f"{key} {str(v)[:40]!r} is not a {kind}; import leaves it at its default")
    return out


# FeatureCollection members RFC 7946 (section 7.1) says MUST NOT be there: import warns and goes on.
FORBIDDEN_COLLECTION_MEMBERS = ("properties", "coordinates")
_RING_DEPTH = {"Polygon": 1, "MultiPolygon": 2}  # list levels above the rings' position lists


def _collection_member_warning(member: str) -> str:
    """The GeoJSON reader's wording (geojson_read._collection), replaced here by the error."""
    return f'FeatureCollection object cannot contain a "{member}" member'


class _Rfc7946:
    """The MUST NOTs of RFC 7946 the shared reading only warns of, or cannot see because it keeps
    two values of a position (a ring closed in longitude and latitude but not in elevation)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.out: list[Problem] = []

    def error(self, msg: str, where: str, feature: int | None = None, fid=None) -> None:
        # Repairable: import takes the file anyway (the member ignored, the ring closed).
        self.out.append(Problem(ERROR, self.name, msg, feature, fid, where, True))

    def root(self, obj) -> None:
        if not isinstance(obj, dict):
            return
        if obj.get("type") == "FeatureCollection":
            for member in FORBIDDEN_COLLECTION_MEMBERS:
                if member in obj:
                    self.error(f'a FeatureCollection MUST NOT have a "{member}" member (RFC 7946, 7.1)',
                               "/" + member)
            feats = obj.get("features")
            for i, f in enumerate(feats if isinstance(feats, list) else ()):
                if isinstance(f, dict):
                    self.feature(f, i, f"/features/{i}")
        elif obj.get("type") == "Feature":
            self.feature(obj, 0, "")
        else:
            self.geometry(obj, "", 0, None)

    def feature(self, f: dict, index: int, where: str) -> None:
        fid = f.get("id")
        fid = fid if isinstance(fid, (str, int, float)) and not isinstance(fid, bool) else None
        if isinstance(f.get("geometry"), dict):
            self.geometry(f["geometry"], where + "/geometry", index, fid)

    def geometry(self, g: dict, where: str, index: int, fid, depth: int = 0) -> None:
        if depth > 32 or not isinstance(g, dict):
            return
        t = g.get("type")
        if t == "GeometryCollection" and isinstance(g.get("geometries"), list):
            for i, part in enumerate(g["geometries"]):
                self.geometry(part, f"{where}/geometries/{i}", index, fid, depth + 1)
        elif t in _RING_DEPTH:
            self.rings(g.get("coordinates"), _RING_DEPTH[t], where + "/coordinates", index, fid)

    def rings(self, c, depth: int, where: str, index: int, fid) -> None:
        if not isinstance(c, list):
            return
        if depth:
            for i, sub in enumerate(c):
                self.rings(sub, depth - 1, f"{where}/{i}", index, fid)
            return
        if len(c) < 4 or not (isinstance(c[0], list) and isinstance(c[-1], list)):
            return  # the reader reports rings too short or malformed
        first, last = c[0], c[-1]
        # Only what the reader cannot see: two positions alike in their first two values (a
        # difference there is its error already) but not in all of them.
        if first[:2] == last[:2] and first != last:
            self.error("the first and last positions in a LinearRing of coordinates must be the same "
                       f"(they differ after the second value: {first} and {last})", where, index, fid)


def _rfc7946_streamed(path: Path) -> list[Problem] | None:
    """The MUST NOTs of a FeatureCollection read feature by feature as its bytes arrive (a large
    file is never held whole, as the reading before did not hold it: `geojson_stream`); None
    when it must be read whole."""
    from desktop.storage.imports.geojson_stream import stream_collection
    features = _Rfc7946(path.name)

    def take(i: int, f) -> None:
        if isinstance(f, dict):
            features.feature(f, i, f"/features/{i}")

    skeleton = stream_collection(path, lambda before: take)
    if skeleton is None:
        return None
    check = _Rfc7946(path.name)
    check.root(skeleton)  # (its features emptied: the members around them, in the same order)
    return check.out + features.out if skeleton.get("type") == "FeatureCollection" else check.out


def rfc7946_problems(path: Path, problems: list[Problem]) -> list[Problem]:
    """`problems` (what reading a GeoJSON file found) with the MUST NOTs of RFC 7946 as errors."""
    from desktop.storage.imports.geojson_read import load_json
    check = _Rfc7946(path.name)
    try:
        found = _rfc7946_streamed(path) if worth_streaming(path) else None
        if found is None:
            obj, failed = load_json([read_limited(path)], path.name)
            if failed is not None:
                return problems
            check.root(obj)
            found = check.out
    except InputError:
        return problems
    check.out = found
    if not check.out:
        return problems
    replaced = {_collection_member_warning(m) for m in FORBIDDEN_COLLECTION_MEMBERS}
    kept = [p for p in problems if not (p.level == WARNING and p.feature is None and p.message in replaced)]
    return kept + check.out


def missing(path: Path) -> str | None:
    """Why `path` cannot be read as a file at all, or None."""
    if path.is_dir():
        return "is a folder, not a file"
    if not path.exists():
        return "no such file"
    return None


def validate_file(path: str | Path) -> list[Problem]:
    p = Path(path)
    why = missing(p)
    if why:
        return [Problem(ERROR, p.name, why)]
    try:
        parsed = read_any(p)
        problems = list(parsed.problems)
        if kind_of(p) == "geojson" and not parsed.fatal:
            problems = rfc7946_problems(p, problems)
        return problems + property_problems(parsed)
    except InputError as e:
        # Readers' messages start with the file's name or path; the problem line gives it already.
        msg = str(e)
        for head in (f"{p}: ", f"{p.name}: "):
            msg = msg.removeprefix(head)
        return [Problem(ERROR, p.name, msg)]


def validate_files(paths: Sequence[str | Path]) -> tuple[list[str], bool]:
    """(lines to print, has_errors)."""
    lines, errors = [], False
    for path in paths:
        problems = validate_file(path)
        n_err = sum(p.level == ERROR for p in problems)
        errors = errors or n_err > 0
        for p in problems:
            lines.append(f"{p.level}: {p.line()}")
        name = Path(path).name
        if not problems:
            lines.append(f"{name}: no problems")
        else:
            lines.append(f"{name}: {n_err} error(s), {len(problems) - n_err} warning(s)")
    return lines, errors
