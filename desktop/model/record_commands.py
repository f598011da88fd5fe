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
from desktop.model.messages import Message
from desktop.model.project import Project


# Words in labels for what is stored as a key (the English label keeps the key as it was:
# "Add video", "Edit observation"); the interface translates them.
_TABLE_WORDS = {"observations": Message("observation"), "sources": Message("source"), "quotes": Message("quote"),
                "attachments": Message("attachment"), "assessments": Message("assessment")}
_KIND_KEYS = {"video": Message("video"), "flag": Message("flag"), "strike": Message("strike"),
              "unit": Message("unit"), "destroyed": Message("destroyed"), "observation": Message("observation"),
              "attack_direction": Message("attack_direction")}


def _check_source(s: Source) -> None:
    if s.reliability not in RELIABILITY:
        raise EditError(Message("reliability must be one of {values}, not {value}", values="".join(RELIABILITY),
                                value=repr(s.reliability)))
    if s.kind not in SOURCE_KINDS:
        raise EditError(Message("source kind must be one of {values}, not {value}", values=", ".join(SOURCE_KINDS),
                                value=repr(s.kind)))
    if not s.outlet.strip():
        raise EditError(Message("a source needs an outlet or author"))


def _check_quote(q: Quote, project: Project) -> None:
    if q.credibility not in CREDIBILITY:
        raise EditError(Message("credibility must be 1 to 6, not {value}", value=repr(q.credibility)))
    if q.source_id not in project.sources:
        raise EditError(Message("a quote must belong to an existing source"))
    if not q.text.strip():
        raise EditError(Message("a quote needs its exact words"))


def _check_evidence(e: Evidence, project: Project) -> None:
    # The one door through which a link enters memory: it must point at things that exist.
    if e.stance not in STANCES:
        raise EditError(Message("stance must be one of {values}", values=", ".join(STANCES)))
    if e.quote_id not in project.quotes:
        raise EditError(Message("no such quote"))
    if e.target_id not in project.versions and e.target_id not in project.observations:
        raise EditError(Message("link target must be a zone version or an observation"))


def put_record(project: Project, table: str, record: Any, label: str) -> Command:
    """Add or replace one record (observation, source, quote, attachment, assessment)."""
    if table == "sources":
        _check_source(record)
    elif table == "quotes":
        _check_quote(record, project)
    elif table == "attachments":
        if record.authenticity not in AUTHENTICITY:
            raise EditError(Message("authenticity must be one of {values}", values=", ".join(AUTHENTICITY)))
        if record.source_id not in project.sources:
            raise EditError(Message("an attachment must belong to an existing source"))
    elif table == "evidence":
        _check_evidence(record, project)
    elif table == "observations" and record.valid_to is not None and record.valid_to <= record.date:
        # A lasting observation holds on [date, valid_to): a date on or past its end would hide it.
        raise EditError(Message("an observation seen until {end} must start before that day",
                                end=record.valid_to.isoformat()))
    b = ChangeBuilder(project)
    b.put(table, record.id, record)
    return Command(label, b.build())


def add_observation(project: Project, obs: Observation) -> Command:
    return put_record(project, "observations", obs, _observation_label(obs))


def _observation_label(obs: Observation) -> str:
    kind = _KIND_KEYS.get(obs.kind, obs.kind)
    if not obs.name.strip():
        return Message("Add {kind}", kind=kind)
    return Message("Add {kind} {name}", kind=kind, name=obs.name.rstrip())


def update_record(project: Project, table: str, id_: str, label: str = "", **fields: Any) -> Command:
    old = project.table(table)[id_]
    label = label or Message("Edit {record}", record=_TABLE_WORDS.get(table, table[:-1]))
    return put_record(project, table, replace(old, **fields), label)


def drop_links(b: ChangeBuilder, *, quote_ids: set[str] = frozenset(), target_ids: set[str] = frozenset()) -> None:
    for e in list(b.rows("evidence").values()):
        if e.quote_id in quote_ids or e.target_id in target_ids:
            b.delete("evidence", e.id)


def delete_observation(project: Project, obs_id: str) -> Command:
    b = ChangeBuilder(project)
    b.delete("observations", obs_id)
    drop_links(b, target_ids={obs_id})
    return Command(Message("Delete observation"), b.build())



def set_legend_entry(project: Project, status: Status) -> Command:
    b = ChangeBuilder(project)
    b.put("legend", status.key, status)
    return Command(Message("Legend: {status}", status=status.label), b.build())


def delete_legend_entry(project: Project, key: str) -> Command:
    if any(v.status == key for v in project.versions.values()):
        raise EditError(Message("status {key} is still used by zones", key=repr(key)))
    b = ChangeBuilder(project)
    b.delete("legend", key)
    return Command(Message("Remove {key} from the legend", key=key), b.build())


def set_info(project: Project, **fields: Any) -> Command:
    b = ChangeBuilder(project)
    b.put("info", "project", replace(project.info, **fields))
    return Command(Message("Project settings"), b.build())


__all__ = ["put_record", "add_observation", "update_record", "drop_links", "delete_observation",
           "set_legend_entry", "delete_legend_entry", "set_info"]
