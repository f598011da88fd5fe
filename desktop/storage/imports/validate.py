"""`frontline validate`: every problem of GeoJSON / KML (and CSV, GPKG) files, one line each.

It runs the same reading and checks as import, so what validate calls a warning is exactly what
import repairs and reports, and what it calls an error is what import rejects.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from desktop.model.entities import CONFIDENCES, Observation, ZoneVersion

from desktop.storage.errors import InputError
from desktop.storage.imports.readers import read_any
from desktop.storage.imports.field_values import date_properties, read_fields
from desktop.storage.imports.report import ERROR, WARNING, Problem
from desktop.storage.imports.input_files import ParsedFile, RawFeature, parse_date

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
        return list(parsed.problems) + property_problems(parsed)
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
