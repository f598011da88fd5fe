"""Rows of a project file that contradict each other, found as the file opens.

Frontline never writes such rows, but other tools do (a script, QGIS's attribute table, a copy
that lost a table's rows): a version whose `valid_to` is before its `valid_from`, a version whose
zone does not exist, a quote whose source is gone, a status missing from the legend. Each is
reported once, one line naming the file's table, the row's id and the problem (they go to
`project.open_warnings`: the window's status bar, the command line's stderr).

Rows the model and its views can hold stay in view, as they are (a status missing from the
legend is drawn as an annotation; a version shown on no date stays in the zone's history; a
link to nothing stays in the file's list of links). Rows they cannot show keep their place in
the file but stay out of memory, and their line says so: a version whose zone is missing, a
zone whose assessment is missing (with its versions), a quote whose source is missing (the
window lists quotes by their outlet), a link whose quote is missing or not shown. Nothing here writes: the rows named stay byte for byte as they are, also on a
writable open (`flagged_versions` keeps them out of the stored-area backfill).

Qt-free; it reads only the loaded `Project`.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from desktop.model.changes import Change
from desktop.model.entities import STANCES
from desktop.model.project import Project

from desktop.storage.project.schema import TABLE_MAPS


@dataclass
class Findings:
    lines: list[str] = field(default_factory=list)
    # Versions named in a line (kept in view or not): never rewritten by the open.
    flagged_versions: set[str] = field(default_factory=set)
    # Rows kept out of memory: (model table, id, record), in the order found.
    kept_out: list[tuple[str, str, Any]] = field(default_factory=list)


def _row(model_table: str, row_id: str) -> str:
    return f"table {TABLE_MAPS[model_table].name}, row {row_id!r}"


def check(project: Project, name: str) -> Findings:
    """Every contradiction between the rows of `project` (as loaded from the file `name`), and
    the rows the model cannot show taken out of it. Call once, before anything measures or
    repairs the versions."""
    f = Findings()

    def say(model_table: str, row_id: str, problem: str) -> None:
        f.lines.append(f"{name}: {_row(model_table, row_id)}: {problem}")

    zones, versions = project.zones, project.versions
    hidden_zones: set[str] = set()
    hidden_versions: set[str] = set()

    for zid, z in zones.items():
        if z.assessment_id not in project.assessments:
            n = len(project.version_ids_of(zid))
            say("zones", zid, f"its assessment {z.assessment_id!r} does not exist; the zone "
                f"{z.name!r} and its {n} version(s) are not shown (the file keeps them)")
            hidden_zones.add(zid)

    by_zone: dict[str, list] = defaultdict(list)
    for vid, v in versions.items():
        if v.zone_id not in zones:
            say("versions", vid, f"its zone {v.zone_id!r} does not exist; the version from "
                f"{v.valid_from.isoformat()} is not shown (the file keeps it)")
            hidden_versions.add(vid)
            f.flagged_versions.add(vid)
            continue
        if v.zone_id in hidden_zones:
            hidden_versions.add(vid)  # said with its zone
            f.flagged_versions.add(vid)
            continue
        if v.valid_to is not None and v.valid_to <= v.valid_from:
            word = "before" if v.valid_to < v.valid_from else "the same day as"
            say("versions", vid, f"valid_to {v.valid_to.isoformat()} is {word} valid_from "
                f"{v.valid_from.isoformat()}: the version is shown on no date")
            f.flagged_versions.add(vid)
        else:
            by_zone[v.zone_id].append(v)
        if v.status not in project.legend:
            say("versions", vid, f"status {v.status!r} is not in the legend; shown as an annotation")
            f.flagged_versions.add(vid)

    # Dates in order: one zone has one version on any day.
    for zid, vs in by_zone.items():
        if len(vs) < 2:
            continue
        vs.sort(key=lambda v: (v.valid_from, v.id))
        reach = vs[0]
        for v in vs[1:]:
            if reach.valid_to is None or v.valid_from < reach.valid_to:
                say("versions", v.id, f"valid from {v.valid_from.isoformat()}, while version "
                    f"{reach.id!r} of the same zone is still valid (from {reach.valid_from.isoformat()} "
                    f"to {reach.valid_to.isoformat() if reach.valid_to else 'open'}): both are shown")
                f.flagged_versions.add(v.id)
            if reach.valid_to is not None and (v.valid_to is None or v.valid_to > reach.valid_to):
                reach = v

    # A quote without its source stays out of view: the window lists quotes by their outlet.
    hidden_quotes: set[str] = set()
    for qid, q in project.quotes.items():
        if q.source_id not in project.sources:
            say("quotes", qid, f"its source {q.source_id!r} does not exist; the quote is not shown "
                "(the file keeps it)")
            hidden_quotes.add(qid)
    for aid, a in project.attachments.items():
        if a.source_id not in project.sources:
            say("attachments", aid, f"its source {a.source_id!r} does not exist; the file "
                f"{a.filename!r} is listed under no source")

    hidden_links: set[str] = set()
    for eid, e in project.evidence.items():
        if e.quote_id in hidden_quotes:
            say("evidence", eid, f"its quote {e.quote_id!r} is not shown (see above); nor is the link "
                "(the file keeps it)")
            hidden_links.add(eid)
            continue
        if e.quote_id not in project.quotes:
            say("evidence", eid, f"its quote {e.quote_id!r} does not exist; the link is not shown "
                "(the file keeps it)")
            hidden_links.add(eid)
            continue
        if e.target_id in hidden_versions:
            say("evidence", eid, f"links to version {e.target_id!r}, which is not shown (see above)")
        elif e.target_id not in versions and e.target_id not in project.observations:
            say("evidence", eid, f"links to version or observation {e.target_id!r}, which does not "
                "exist; the link is shown nowhere")
        if e.stance not in STANCES:
            say("evidence", eid, f"stance {e.stance!r} is not one of {', '.join(STANCES)}")

    table_of = {"zones": hidden_zones, "versions": hidden_versions, "quotes": hidden_quotes,
                "evidence": hidden_links}
    out = []
    for table, ids in table_of.items():
        rows = project.table(table)
        for i in ids:
            f.kept_out.append((table, i, rows[i]))
            out.append(Change(table, i, rows[i], None))
    project.load_changes(out)
    return f
