"""Commands on records: add, replace or edit any record (with the integrity checks), and the
observation, legend and project-info commands.

Integrity: evidence never points to something that does not exist. `put_record` is the one door
through which a source, quote, attachment or link enters memory, so the checks live here; the
commands that delete quotes and sources or link them are in `evidence_commands.py`.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop.model.changes import ChangeBuilder
from desktop.model.commands import Command
from desktop.model.entities import (AUTHENTICITY, CREDIBILITY, RELIABILITY, SOURCE_KINDS, STANCES, Evidence,
                                    Observation, Quote, Source)
from desktop.model.edits import EditError
from desktop.model.legend import Status
from desktop.model.project import Project


def _check_source(s: Source) -> None:
    if s.reliability not in RELIABILITY:
        raise EditError(f"reliability must be one of {''.join(RELIABILITY)}, not {s.reliability!r}")
    if s.kind not in SOURCE_KINDS:
        raise EditError(f"source kind must be one of {', '.join(SOURCE_KINDS)}, not {s.kind!r}")
    if not s.outlet.strip():
        raise EditError("a source needs an outlet or author")


def _check_quote(q: Quote, project: Project) -> None:
    if q.credibility not in CREDIBILITY:
        raise EditError(f"credibility must be 1 to 6, not {q.credibility!r}")
    if q.source_id not in project.sources:
        raise EditError("a quote must belong to an existing source")
    if not q.text.strip():
        raise EditError("a quote needs its exact words")


def _check_evidence(e: Evidence, project: Project) -> None:
    # The one door through which a link enters memory: it must point at things that exist.
    if e.stance not in STANCES:
        raise EditError(f"stance must be one of {', '.join(STANCES)}")
    if e.quote_id not in project.quotes:
        raise EditError("no such quote")
    if e.target_id not in project.versions and e.target_id not in project.observations:
        raise EditError("link target must be a zone version or an observation")


def put_record(project: Project, table: str, record: Any, label: str) -> Command:
    """Add or replace one record (observation, source, quote, attachment, assessment)."""
    if table == "sources":
        _check_source(record)
    elif table == "quotes":
        _check_quote(record, project)
    elif table == "attachments":
        if record.authenticity not in AUTHENTICITY:
            raise EditError(f"authenticity must be one of {', '.join(AUTHENTICITY)}")
        if record.source_id not in project.sources:
            raise EditError("an attachment must belong to an existing source")
    elif table == "evidence":
        _check_evidence(record, project)
    b = ChangeBuilder(project)
    b.put(table, record.id, record)
    return Command(label, b.build())


def add_observation(project: Project, obs: Observation) -> Command:
    return put_record(project, "observations", obs, f"Add {obs.kind} {obs.name}".strip())


def update_record(project: Project, table: str, id_: str, label: str = "", **fields: Any) -> Command:
    old = project.table(table)[id_]
    return put_record(project, table, replace(old, **fields), label or f"Edit {table[:-1]}")


def drop_links(b: ChangeBuilder, *, quote_ids: set[str] = frozenset(), target_ids: set[str] = frozenset()) -> None:
    for e in list(b.rows("evidence").values()):
        if e.quote_id in quote_ids or e.target_id in target_ids:
            b.delete("evidence", e.id)


def delete_observation(project: Project, obs_id: str) -> Command:
    b = ChangeBuilder(project)
    b.delete("observations", obs_id)
    drop_links(b, target_ids={obs_id})
    return Command("Delete observation", b.build())



def set_legend_entry(project: Project, status: Status) -> Command:
    b = ChangeBuilder(project)
    b.put("legend", status.key, status)
    return Command(f"Legend: {status.label}", b.build())


def delete_legend_entry(project: Project, key: str) -> Command:
    if any(v.status == key for v in project.versions.values()):
        raise EditError(f"status {key!r} is still used by zones")
    b = ChangeBuilder(project)
    b.delete("legend", key)
    return Command(f"Remove {key} from the legend", b.build())


def set_info(project: Project, **fields: Any) -> Command:
    b = ChangeBuilder(project)
    b.put("info", "project", replace(project.info, **fields))
    return Command("Project settings", b.build())


__all__ = ["put_record", "add_observation", "update_record", "drop_links", "delete_observation",
           "set_legend_entry", "delete_legend_entry", "set_info"]
