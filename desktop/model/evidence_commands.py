"""Evidence edits as commands: sources, quotes, attachments and links.

Built on `record_commands.put_record` (which holds the integrity rules); this adds what the panels
need on top: duplicate-URL warnings, attachment checks and authenticity marks, links and stance
changes, and deletes that take a quote's or source's links (and a source's quotes and
attachments) with them in the same command.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from urllib.parse import urlsplit, urlunsplit

from desktop.model.changes import ChangeBuilder
from desktop.model.commands import Command
from desktop.model.edits import EditError
from desktop.model.entities import AUTHENTICITY, STANCES, Attachment, Evidence, Quote, Source, new_id
from desktop.model.evidence_files import AttachmentError, check_attachment, safe_filename
from desktop.model.messages import Message, joined
from desktop.model.project import Project
from desktop.model.record_commands import drop_links, put_record

_TRACKING = ("utm_", "fbclid", "gclid")
# The stored keys as words in labels and warnings (the keys themselves are entities.STANCES and
# AUTHENTICITY); English as before, translated where shown.
_STANCE_WORDS = {"supports": Message("supports"), "contradicts": Message("contradicts"),
                 "context": Message("context")}
_AUTHENTICITY_WORDS = {"unverified": Message("unverified"), "authentic": Message("authentic"),
                       "manipulated": Message("manipulated"), "ai-generated": Message("ai-generated")}


def normalise_url(url: str) -> str:
    """A URL reduced to what identifies the page: case of scheme and host, "www.", a trailing
    slash, the fragment and tracking parameters do not make two sources different."""
    url = (url or "").strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url if "://" in url else "https://" + url)
    except ValueError:
        return url.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = "&".join(p for p in parts.query.split("&") if p and not p.lower().startswith(_TRACKING))
    path = parts.path.rstrip("/")
    scheme = parts.scheme.lower()
    if scheme == "http":
        scheme = "https"  # the same page behind both schemes
    return urlunsplit((scheme, host, path, query, ""))


def duplicate_url_sources(project: Project, url: str, exclude_id: str | None = None) -> list[Source]:
    key = normalise_url(url)
    if not key:
        return []
    return [s for s in project.sources.values() if s.id != exclude_id and normalise_url(s.url) == key]


def _dup_warning(project: Project, source: Source) -> tuple[str, ...]:
    dups = duplicate_url_sources(project, source.url, exclude_id=source.id)
    if not dups:
        return ()
    names = ", ".join(d.outlet for d in dups)
    return (Message("another source has the same URL: {sources}", sources=names),)


# -- sources ----------------------------------------------------------------------------------
def add_source(project: Project, outlet: str, *, title: str = "", url: str = "",
               published: date | None = None, kind: str = "media", reliability: str = "F",
               notes: str = "", id_: str | None = None) -> tuple[Command, str]:
    """A new source; a duplicate URL is allowed (two stories can share a page) but warned of."""
    s = Source(id_ or new_id(), outlet.strip(), title, url.strip(), published, kind, reliability, notes)
    cmd = put_record(project, "sources", s, Message("Add source {outlet}", outlet=s.outlet))
    return replace(cmd, warnings=_dup_warning(project, s)), s.id


def edit_source(project: Project, source_id: str, **fields) -> Command:
    old = project.sources.get(source_id)
    if old is None:
        raise EditError(Message("no such source"))
    s = replace(old, **fields)
    cmd = put_record(project, "sources", s, Message("Edit source {outlet}", outlet=s.outlet))
    return replace(cmd, warnings=_dup_warning(project, s))


# -- quotes -----------------------------------------------------------------------------------
def add_quote(project: Project, source_id: str, text: str, *, speaker: str = "",
              said_on: date | None = None, language: str = "en", translation: str = "",
              credibility: int = 6, id_: str | None = None) -> tuple[Command, str]:
    q = Quote(id_ or new_id(), source_id, text, speaker, said_on, language, translation, credibility)
    short = text.strip().replace("\n", " ")
    words = short[:30] + ("…" if len(short) > 30 else "")
    return put_record(project, "quotes", q, Message("Add quote “{words}”", words=words)), q.id


def edit_quote(project: Project, quote_id: str, **fields) -> Command:
    old = project.quotes.get(quote_id)
    if old is None:
        raise EditError(Message("no such quote"))
    return put_record(project, "quotes", replace(old, **fields), Message("Edit quote"))


# -- attachments ------------------------------------------------------------------------------
def add_attachment(project: Project, source_id: str, filename: str, data: bytes, *,
                   authenticity: str = "unverified", notes: str = "",
                   id_: str | None = None) -> tuple[Command, str]:
    """Copy a file into the project. Raises EditError (with the analyst's message) when it is
    too large, empty or of a type we do not keep."""
    try:
        mime = check_attachment(filename, data)
    except AttachmentError as e:
        raise EditError(str(e)) from None
    a = Attachment(id_ or new_id(), source_id, safe_filename(filename), mime, bytes(data),
                   authenticity, notes)
    return put_record(project, "attachments", a, Message("Attach {file}", file=a.filename)), a.id


def set_authenticity(project: Project, attachment_id: str, authenticity: str) -> Command:
    a = project.attachments.get(attachment_id)
    if a is None:
        raise EditError(Message("no such attachment"))
    if authenticity not in AUTHENTICITY:
        raise EditError(Message("authenticity must be one of {values}", values=", ".join(AUTHENTICITY)))
    return put_record(project, "attachments", replace(a, authenticity=authenticity),
                      Message("Mark {file} {mark}", file=a.filename,
                              mark=_AUTHENTICITY_WORDS.get(authenticity, authenticity)))


def delete_attachment(project: Project, attachment_id: str) -> Command:
    a = project.attachments.get(attachment_id)
    if a is None:
        raise EditError(Message("no such attachment"))
    b = ChangeBuilder(project)
    b.delete("attachments", attachment_id)
    return Command(Message("Remove {file}", file=a.filename), b.build())


# -- deletes: a quote's links, a source's quotes, attachments and links go with it ---------------
def delete_quote(project: Project, quote_id: str) -> Command:
    b = ChangeBuilder(project)
    b.delete("quotes", quote_id)
    drop_links(b, quote_ids={quote_id})
    return Command(Message("Delete quote"), b.build())


def delete_source(project: Project, source_id: str) -> Command:
    if source_id not in project.sources:
        raise EditError(Message("no such source"))
    b = ChangeBuilder(project)
    # Deleted last to first, so undo (which replays changes backwards) writes them back first to
    # last: a set's order would change the file's row order from run to run.
    qids = [q.id for q in project.quotes.values() if q.source_id == source_id]
    for q in reversed(qids):
        b.delete("quotes", q)
    for a in [a for a in project.attachments.values() if a.source_id == source_id]:
        b.delete("attachments", a.id)
    drop_links(b, quote_ids=set(qids))
    b.delete("sources", source_id)
    return Command(Message("Delete source {outlet}", outlet=project.sources[source_id].outlet), b.build())


# -- links ------------------------------------------------------------------------------------
def supporting_warning(project: Project, quote_id: str) -> str:
    """Why supporting a version with this quote is doubtful, or "" (its source's only attachments
    are marked manipulated or AI-generated, as the 425th's flag picture was)."""
    q = project.quotes[quote_id]
    atts = [a for a in project.attachments.values() if a.source_id == q.source_id]
    if atts and all(a.authenticity in ("manipulated", "ai-generated") for a in atts):
        marks = sorted({a.authenticity for a in atts})
        words = joined(" / ", [Message("AI-generated") if m == "ai-generated" else _AUTHENTICITY_WORDS[m]
                                for m in marks])
        return (Message("the quote's only attachments are marked {marks}", marks=words) if len(atts) > 1
                else Message("the quote's only attachment is marked {marks}", marks=words))
    return ""


def link_quote(project: Project, quote_id: str, target_id: str, stance: str = "supports") -> tuple[Command, list[str]]:
    """Link a quote to a zone version or observation. Returns the command and warnings.

    One link per quote and target: linking again with another stance changes the stance
    (a quote cannot both support and contradict the same line).
    """
    if stance not in STANCES:
        raise EditError(Message("stance must be one of {values}", values=", ".join(STANCES)))
    if quote_id not in project.quotes:
        raise EditError(Message("no such quote"))
    if target_id not in project.versions and target_id not in project.observations:
        raise EditError(Message("link target must be a zone version or an observation"))
    warnings = []
    if stance == "supports":
        w = supporting_warning(project, quote_id)
        if w:
            warnings.append(w)
    b = ChangeBuilder(project)
    for e in project.evidence_for(target_id):
        if e.quote_id == quote_id:
            if e.stance == stance:
                return Command(Message("Link quote"), b.build()), warnings
            b.put("evidence", e.id, replace(e, stance=stance))
            label = Message("Mark quote as {stance}", stance=_STANCE_WORDS[stance])
            return Command(label, b.build(), tuple(warnings)), warnings
    eid = new_id()
    b.put("evidence", eid, Evidence(eid, quote_id, target_id, stance))
    return Command(Message("Link quote ({stance})", stance=_STANCE_WORDS[stance]), b.build(), tuple(warnings)), warnings


def unlink(project: Project, evidence_id: str) -> Command:
    b = ChangeBuilder(project)
    b.delete("evidence", evidence_id)
    return Command(Message("Remove link"), b.build())


def set_stance(project: Project, evidence_id: str, stance: str) -> tuple[Command, list[str]]:
    e = project.evidence.get(evidence_id)
    if e is None:
        raise EditError(Message("no such link"))
    if stance not in STANCES:
        raise EditError(Message("stance must be one of {values}", values=", ".join(STANCES)))
    return link_quote(project, e.quote_id, e.target_id, stance)


__all__ = ["supporting_warning", "normalise_url", "duplicate_url_sources", "add_source", "edit_source", "delete_source",
           "add_quote", "edit_quote", "delete_quote", "add_attachment", "set_authenticity",
           "delete_attachment", "link_quote", "set_stance", "unlink"]
