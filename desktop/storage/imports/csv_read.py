"""CSV of observations: latitude/longitude or MGRS, date, kind, notes; common header names."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import shapely

from desktop.storage.errors import InputError
from desktop.storage.imports.report import ERROR, Problem
from desktop.storage.imports.input_files import ParsedFile, RawFeature, parse_date, read_limited

HEADERS = {
    "lat": ("lat", "latitude", "y", "lat_dd", "широта"),
    "lon": ("lon", "lng", "long", "longitude", "x", "lon_dd", "довгота"),
    "mgrs": ("mgrs", "grid", "mgrs_grid"),
    "date": ("date", "day", "date_observed", "observed", "when", "дата"),
    "kind": ("kind", "type", "category", "event", "event_type"),
    "notes": ("notes", "note", "description", "comment", "comments", "details"),
    "name": ("name", "title", "label"),
    "time": ("time", "hour"),
}


def _columns(header: list[str]) -> dict[str, int]:
    low = [h.strip().lower().replace(" ", "_") for h in header]
    out = {}
    for key, names in HEADERS.items():
        for i, h in enumerate(low):
            if h in names:
                out[key] = i
                break
    return out


def read_csv(path: str | Path) -> ParsedFile:
    p = Path(path)
    out = ParsedFile(p.name)
    try:
        text = read_limited(p).decode("utf-8-sig")
    except (InputError, UnicodeDecodeError) as e:
        out.fatal = True
        out.problems.append(Problem(ERROR, p.name, f"cannot read as UTF-8 CSV ({e})"))
        return out
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text), dialect)
    header = next(rows, None)
    if not header:
        out.fatal = True
        out.problems.append(Problem(ERROR, p.name, "empty CSV"))
        return out
    cols = _columns(header)
    if not (("lat" in cols and "lon" in cols) or "mgrs" in cols):
        out.fatal = True
        out.problems.append(Problem(ERROR, p.name, "line 1: no latitude and longitude columns and no MGRS "
                                    f"column (header: {', '.join(header)[:120]})"))
        return out
    if "date" not in cols:
        out.fatal = True
        out.problems.append(Problem(ERROR, p.name, "line 1: no date column"))
        return out
    known = set(cols.values())
    for n, row in enumerate(rows):
        line = n + 2
        if not any(c.strip() for c in row):
            continue

        def bad(msg: str) -> None:
            # `where` "line N" makes the problem read "file: line N: message" (see Problem.line).
            out.problems.append(Problem(ERROR, p.name, msg, n, None, f"line {line}"))

        def get(key: str) -> str:
            i = cols.get(key)
            return row[i].strip() if i is not None and i < len(row) else ""
        if get("lat") or get("lon"):
            try:
                lat, lon = float(get("lat").replace(",", ".")), float(get("lon").replace(",", "."))
            except ValueError:
                bad(f"latitude {get('lat')[:30]!r} / longitude {get('lon')[:30]!r} is not a pair of numbers")
                continue
        elif get("mgrs"):
            import mgrs
            try:
                lat, lon = mgrs.MGRS().toLatLon(get("mgrs").replace(" ", ""))
            except Exception:  # noqa: BLE001 - mgrs raises assorted errors for bad grids
                bad(f"MGRS {get('mgrs')[:30]!r} is not a grid reference")
                continue
        else:
            bad("no position (latitude/longitude or MGRS)")
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            bad(f"position {lat}, {lon} is outside latitude -90..90 / longitude -180..180")
            continue
        d = parse_date(get("date"))
        if d is None:
            bad(f"date {get('date')!r} is not YYYY-MM-DD")
            continue
        props = {"kind": get("kind") or "observation", "notes": get("notes"), "name": get("name"),
                 "date": d.isoformat(), "time": get("time")}
        for i, h in enumerate(header):
            if i not in known and i < len(row) and h:
                props[h] = row[i]
        out.features.append(RawFeature(n, None, shapely.points(lon, lat), props, f"line {line}"))
    return out
