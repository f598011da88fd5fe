"""Commands for observations, sources, quotes, evidence, attachments, the legend and the info.

Integrity: evidence never points to something that does not exist. Deleting a quote or a source
removes its links (and a source's quotes and attachments) in the same command.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop.model.changes import ChangeBuilder
from desktop.model.commands import Command
from desktop.model.entities import (AUTHENTICITY, CREDIBILITY, RELIABILITY, SOURCE_KINDS, STANCES, Attachment,
                       Evidence, Observation, ProjectInfo, Quote, Source, new_id)
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


def _drop_links(b: ChangeBuilder, *, quote_ids: set[str] = frozenset(), target_ids: set[str] = frozenset()) -> None:
    for e in list(b.rows("evidence").values()):
        if e.quote_id in quote_ids or e.target_id in target_ids:
            b.delete("evidence", e.id)


def delete_observation(project: Project, obs_id: str) -> Command:
    b = ChangeBuilder(project)
    b.delete("observations", obs_id)
    _drop_links(b, target_ids={obs_id})
    return Command("Delete observation", b.build())


def delete_quote(project: Project, quote_id: str) -> Command:
    b = ChangeBuilder(project)
    b.delete("quotes", quote_id)
    _drop_links(b, quote_ids={quote_id})
    return Command("Delete quote", b.build())


def delete_source(project: Project, source_id: str) -> Command:
    if source_id not in project.sources:
        raise EditError("no such source")
    b = ChangeBuilder(project)
    # Deleted last to first, so undo (which replays changes backwards) writes them back first to
    # last: a set's order would change the file's row order from run to run.
    qids = [q.id for q in project.quotes.values() if q.source_id == source_id]
    for q in reversed(qids):
        b.delete("quotes", q)
    for a in [a for a in project.attachments.values() if a.source_id == source_id]:
        b.delete("attachments", a.id)
    _drop_links(b, quote_ids=set(qids))
    b.delete("sources", source_id)
    return Command(f"Delete source {project.sources[source_id].outlet}", b.build())


def supporting_warning(project: Project, quote_id: str) -> str:
    """Why supporting a version with this quote is doubtful, or "" (its source's only attachments
    are marked manipulated or AI-generated, as the 425th's flag picture was)."""
    q = project.quotes[quote_id]
    atts = [a for a in project.attachments.values() if a.source_id == q.source_id]
    if atts and all(a.authenticity in ("manipulated", "ai-generated") for a in atts):
        marks = sorted({a.authenticity for a in atts})
        return (f"the quote's only attachment{'s are' if len(atts) > 1 else ' is'} marked "
                f"{' / '.join(m.replace('ai-generated', 'AI-generated') for m in marks)}")
    return ""


def link_quote(project: Project, quote_id: str, target_id: str, stance: str = "supports") -> tuple[Command, list[str]]:
    """Link a quote to a zone version or observation. Returns the command and warnings.

    One link per quote and target: linking again with another stance changes the stance
    (a quote cannot both support and contradict the same line).
    """
    if stance not in STANCES:
        raise EditError(f"stance must be one of {', '.join(STANCES)}")
    if quote_id not in project.quotes:
        raise EditError("no such quote")
    if target_id not in project.versions and target_id not in project.observations:
        raise EditError("link target must be a zone version or an observation")
    warnings = []
    if stance == "supports":
        w = supporting_warning(project, quote_id)
        if w:
            warnings.append(w)
    b = ChangeBuilder(project)
    for e in project.evidence_for(target_id):
        if e.quote_id == quote_id:
            if e.stance == stance:
                return Command("Link quote", b.build()), warnings
            b.put("evidence", e.id, replace(e, stance=stance))
            return Command(f"Mark quote as {stance}", b.build(), tuple(warnings)), warnings
    eid = new_id()
    b.put("evidence", eid, Evidence(eid, quote_id, target_id, stance))
    return Command(f"Link quote ({stance})", b.build(), tuple(warnings)), warnings


def unlink(project: Project, evidence_id: str) -> Command:
    b = ChangeBuilder(project)
    b.delete("evidence", evidence_id)
    return Command("Remove link", b.build())


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


__all__ = ["supporting_warning", "put_record", "add_observation", "update_record", "delete_observation", "delete_quote",
           "delete_source", "link_quote", "unlink", "set_legend_entry", "delete_legend_entry",
           "set_info", "Source", "Quote", "Attachment", "Observation", "ProjectInfo", "new_id"]
