"""CSV export of sources, quotes and their links: one row per link, so a spreadsheet can filter
by source, reliability, stance or target; quotes without links and sources without quotes get a
row too, so nothing is left out.

The columns are the exported fields of Source, Quote and Evidence (`desktop.model.fields`, in
that order, by their export names), then the link's target described for a reader."""
from __future__ import annotations

import csv
import os
from datetime import date
from pathlib import Path
from typing import Any

from desktop.model.entities import Evidence, Quote, Source
from desktop.model.fields import export_name, exported_fields
from desktop.model.project import Project

TARGET_COLUMNS = ("target_type", "target_id", "target_name", "target_date")
COLUMNS = tuple(export_name(f) for cls in (Source, Quote, Evidence) for f in exported_fields(cls)) + TARGET_COLUMNS


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def _cells(record: Any) -> list[str]:
    out = []
    for f in exported_fields(type(record)):
        v = getattr(record, f.name)
        out.append("" if v is None else v.isoformat() if isinstance(v, date) else str(v))
    return out


def _target(project: Project, tid: str) -> tuple[str, str, str]:
    v = project.versions.get(tid)
    if v is not None:
        z = project.zones.get(v.zone_id)
        return "zone version", z.name if z else "", _iso(v.valid_from)
    o = project.observations.get(tid)
    if o is not None:
        return "observation", o.name or o.kind, _iso(o.date)
    return "", "", ""


def rows(project: Project) -> list[list[str]]:
    out = []
    quotes_by_source: dict[str, list] = {}
    for q in project.quotes.values():
        quotes_by_source.setdefault(q.source_id, []).append(q)
    links: dict[str, list] = {}
    for e in project.evidence.values():
        links.setdefault(e.quote_id, []).append(e)
    for s in sorted(project.sources.values(), key=lambda s: (s.outlet, s.id)):
        src = _cells(s)
        qs = sorted(quotes_by_source.get(s.id, []), key=lambda q: (q.said_on or date.min, q.id))
        if not qs:
            out.append(src + [""] * (len(COLUMNS) - len(src)))
        for q in qs:
            qcols = _cells(q)
            es = sorted(links.get(q.id, []), key=lambda e: e.id)
            if not es:
                out.append(src + qcols + [""] * (len(COLUMNS) - len(src) - len(qcols)))
            for e in es:
                ttype, tname, tdate = _target(project, e.target_id)
                out.append(src + qcols + _cells(e) + [ttype, e.target_id, tname, tdate])
    return out


def write_csv(project: Project, path: str | os.PathLike) -> int:
    p = Path(path)
    tmp = p.with_name(p.name + ".part")
    data = rows(project)
    # With a byte-order mark: Excel reads a CSV without one in the system's code page, and
    # Cyrillic names and quotes came out garbled.
    with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        w.writerows(data)
    os.replace(tmp, p)
    return len(data)
