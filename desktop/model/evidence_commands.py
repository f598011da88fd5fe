"""Evidence edits as commands: sources, quotes, attachments and links.

Built on `records.py` (which holds the integrity rules); this adds what the panels need on top:
duplicate-URL warnings, attachment checks and authenticity marks, stance changes.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from urllib.parse import urlsplit, urlunsplit

from desktop.model.changes import ChangeBuilder
from desktop.model.commands import Command
from desktop.model.edits import EditError
from desktop.model.entities import AUTHENTICITY, STANCES, Attachment, Quote, Source, new_id
from desktop.model.evidence_files import AttachmentError, check_attachment, safe_filename
from desktop.model.project import Project
from desktop.model.records import delete_quote, delete_source, link_quote, put_record, unlink

_TRACKING = ("utm_", "fbclid", "gclid")


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
    return (f"another source has the same URL: {names}",)


# -- sources ----------------------------------------------------------------------------------
def add_source(project: Project, outlet: str, *, title: str = "", url: str = "",
               published: date | None = None, kind: str = "media", reliability: str = "F",
               notes: str = "", id_: str | None = None) -> tuple[Command, str]:
    """A new source; a duplicate URL is allowed (two stories can share a page) but warned of."""
    s = Source(id_ or new_id(), outlet.strip(), title, url.strip(), published, kind, reliability, notes)
    cmd = put_record(project, "sources", s, f"Add source {s.outlet}")
    return replace(cmd, warnings=_dup_warning(project, s)), s.id


def edit_source(project: Project, source_id: str, **fields) -> Command:
    old = project.sources.get(source_id)
    if old is None:
        raise EditError("no such source")
    s = replace(old, **fields)
    cmd = put_record(project, "sources", s, f"Edit source {s.outlet}")
    return replace(cmd, warnings=_dup_warning(project, s))


# -- quotes -----------------------------------------------------------------------------------
def add_quote(project: Project, source_id: str, text: str, *, speaker: str = "",
              said_on: date | None = None, language: str = "en", translation: str = "",
              credibility: int = 6, id_: str | None = None) -> tuple[Command, str]:
    q = Quote(id_ or new_id(), source_id, text, speaker, said_on, language, translation, credibility)
    short = text.strip().replace("\n", " ")
    return put_record(project, "quotes", q, f"Add quote “{short[:30]}{'…' if len(short) > 30 else ''}”"), q.id


def edit_quote(project: Project, quote_id: str, **fields) -> Command:
    old = project.quotes.get(quote_id)
    if old is None:
        raise EditError("no such quote")
    return put_record(project, "quotes", replace(old, **fields), "Edit quote")


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
    return put_record(project, "attachments", a, f"Attach {a.filename}"), a.id


def set_authenticity(project: Project, attachment_id: str, authenticity: str) -> Command:
    a = project.attachments.get(attachment_id)
    if a is None:
        raise EditError("no such attachment")
    if authenticity not in AUTHENTICITY:
        raise EditError(f"authenticity must be one of {', '.join(AUTHENTICITY)}")
    return put_record(project, "attachments", replace(a, authenticity=authenticity),
                      f"Mark {a.filename} {authenticity}")


def delete_attachment(project: Project, attachment_id: str) -> Command:
    a = project.attachments.get(attachment_id)
    if a is None:
        raise EditError("no such attachment")
    b = ChangeBuilder(project)
    b.delete("attachments", attachment_id)
    return Command(f"Remove {a.filename}", b.build())


# -- links ------------------------------------------------------------------------------------
def set_stance(project: Project, evidence_id: str, stance: str) -> tuple[Command, list[str]]:
    e = project.evidence.get(evidence_id)
    if e is None:
        raise EditError("no such link")
    if stance not in STANCES:
        raise EditError(f"stance must be one of {', '.join(STANCES)}")
    return link_quote(project, e.quote_id, e.target_id, stance)


__all__ = ["normalise_url", "duplicate_url_sources", "add_source", "edit_source", "delete_source",
           "add_quote", "edit_quote", "delete_quote", "add_attachment", "set_authenticity",
           "delete_attachment", "link_quote", "set_stance", "unlink"]
