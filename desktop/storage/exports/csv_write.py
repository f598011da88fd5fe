"""CSV export of sources, quotes and their links: one row per link, so a spreadsheet can filter
by source, reliability, stance or target; quotes without links and sources without quotes get a
row too, so nothing is left out."""
from __future__ import annotations

import csv
import os
from datetime import date
from pathlib import Path

from desktop.model.project import Project

COLUMNS = ("source_id", "outlet", "title", "url", "published", "source_kind", "reliability", "quote_id",
           "quote", "speaker", "said_on", "language", "translation", "credibility", "stance",
           "target_type", "target_id", "target_name", "target_date")


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


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
        src = [s.id, s.outlet, s.title, s.url, _iso(s.published), s.kind, s.reliability]
        qs = sorted(quotes_by_source.get(s.id, []), key=lambda q: (q.said_on or date.min, q.id))
        if not qs:
            out.append(src + [""] * (len(COLUMNS) - len(src)))
        for q in qs:
            qcols = [q.id, q.text, q.speaker, _iso(q.said_on), q.language, q.translation, str(q.credibility)]
            es = sorted(links.get(q.id, []), key=lambda e: e.id)
            if not es:
                out.append(src + qcols + [""] * 5)
            for e in es:
                ttype, tname, tdate = _target(project, e.target_id)
                out.append(src + qcols + [e.stance, ttype, e.target_id, tname, tdate])
    return out


def write_csv(project: Project, path: str | os.PathLike) -> int:
    p = Path(path)
    tmp = p.with_name(p.name + ".part")
    data = rows(project)
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        w.writerows(data)
    os.replace(tmp, p)
    return len(data)
