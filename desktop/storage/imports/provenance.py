"""Whose imported data is, and what backs it: the assessment it lands in (named, credited and
worded as DeepState when it is DeepState's), the zones' names, and a source per file.

Every imported file becomes a `Source` (outlet, the file's name as title, its date) with one
quote, "Map data: <file>", that supports every version the file produced: imported zones are
backed by their file, and only the analyst's own zones are marked as backed by nothing. All of
it goes into the import's one change set, so one undo takes it away again. Importing a file
again reuses its source (same title and outlet) and quote.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Callable

from desktop.model.changes import ChangeBuilder
from desktop.model.entities import Assessment, Evidence, Quote, Source, new_id
from desktop.model.legend import short_label
from desktop.model.project import Project

from desktop.storage.imports.options import DEFAULT_ASSESSMENT

DEEPSTATE_ASSESSMENT = "DeepState"
DEEPSTATE_OUTLET = "DeepStateMap.live"
DEEPSTATE_CREDIT = "\u00a9 DeepStateMap.live"
DEEPSTATE_LICENCE = ("Data \u00a9 DeepStateMap.live (DEEPSTATEUATECH LLC), under DeepState's License Agreement "
                     "(deepstatemap.live/license-en.html): credit DeepStateMap.live wherever it is shown; "
                     "publishing maps derived from it needs DeepState's permission.")
# DeepState's own words for the statuses its data is read as (its legend: Occupied, Unknown
# status, Liberated, CADR and CALR, Occupied Crimea). Its maps have no advance or claim polygons.
DEEPSTATE_LABELS = {
    "ru_control": "DeepState: occupied",
    "contested": "DeepState: grey zone / unknown",
    "ua_liberated": "DeepState: liberated",
    "ru_control_2014": "DeepState: CADR and CALR / Crimea",
}
# A DeepState zone with no name of its own is "<word> <n>".
DEEPSTATE_ZONE_WORDS = {"ru_control": "Occupied", "contested": "Grey zone", "ua_liberated": "Liberated",
                        "ru_control_2014": "CADR and CALR / Crimea"}
DEEPSTATE_KIND = "mapping project"
FILE_KIND = "mapping project"  # another party's map data; its reliability is the analyst's call
QUOTE_PREFIX = "Map data: "
# Collection members that may name who published a file (GeoJSON foreign members, KML metadata).
PUBLISHER_MEMBERS = ("publisher", "attribution", "author", "creator", "organisation", "organization")


def publisher_of(meta: dict) -> str:
    """Who published the file, from its own members, or ""."""
    for k in PUBLISHER_MEMBERS:
        v = meta.get(k)
        if isinstance(v, str) and v.strip() and len(v.strip()) <= 120:
            return " ".join(v.split())
    return ""


# -- the assessment -----------------------------------------------------------------------------
def assessment_name(requested: str | None, deepstate: bool, existing: set[str]) -> str:
    """The assessment an import goes into. None, or the default name when no assessment has it
    yet (the command line's default, not a choice), is automatic: "DeepState" for DeepState's
    files, else the default. Any other name, or an existing assessment, is the analyst's choice."""
    if requested is None or (requested == DEFAULT_ASSESSMENT and requested not in existing):
        return DEEPSTATE_ASSESSMENT if deepstate else DEFAULT_ASSESSMENT
    return requested


def resolve_assessment(b: ChangeBuilder, requested: str | None, *, deepstate: bool, any_deepstate: bool,
                       statuses: set[str], origin: str = "") -> str:
    """The id of the assessment to import into, made when new. DeepState's data credits
    DeepStateMap.live (its licence asks it wherever shown) and, in a new layer or one already
    credited to DeepState, labels the statuses it uses in DeepState's words."""
    rows = b.rows("assessments")
    by_name = {}
    for a in rows.values():
        by_name.setdefault(a.name, a)
    name = assessment_name(requested, deepstate, set(by_name))
    old = by_name.get(name)
    a = old if old is not None else Assessment(new_id(), name, origin)
    worded = old is None or old.credit == DEEPSTATE_CREDIT  # a layer of the analyst's keeps its words
    if any_deepstate and not a.credit.strip():
        a = replace(a, credit=DEEPSTATE_CREDIT, licence=a.licence or DEEPSTATE_LICENCE)
    if deepstate and worded:
        labels = dict(a.labels)
        for key in sorted(statuses):
            if key in DEEPSTATE_LABELS and key not in labels:
                labels[key] = DEEPSTATE_LABELS[key]
        if labels != dict(a.labels):
            a = replace(a, labels=tuple(sorted(labels.items())))
    if a != old:
        b.put("assessments", a.id, a)
    return a.id


# -- zone names ---------------------------------------------------------------------------------
def zone_word(status: str, legend: dict, deepstate: bool) -> str:
    """How a zone with no name of its own is called: DeepState's word ("Occupied"), else the
    legend's label without its qualifier ("Russian-controlled"), else the key."""
    if deepstate and status in DEEPSTATE_ZONE_WORDS:
        return DEEPSTATE_ZONE_WORDS[status]
    s = legend.get(status)
    return short_label(s.label) if s is not None else status


class ZoneNamer:
    """"<status> <n>" for zones without a name of their own, numbered on from the names the
    assessment already has, so a second import does not repeat the first's names."""

    def __init__(self, b: ChangeBuilder, assessment_id: str, word: Callable[[str, bool], str]) -> None:
        self._names = [z.name for z in b.rows("zones").values() if z.assessment_id == assessment_id]
        self._word = word
        self._next: dict[str, int] = {}

    def __call__(self, status: str, deepstate: bool) -> str:
        prefix = self._word(status, deepstate)
        n = self._next.get(prefix)
        if n is None:
            pat = re.compile(re.escape(prefix) + r" (\d+)")
            n = 1 + max((int(m[1]) for nm in self._names if (m := pat.fullmatch(nm))), default=0)
        self._next[prefix] = n + 1
        return f"{prefix} {n}"


def text_name(name: str) -> str:
    """A file name as text the project file can hold: bytes that were not UTF-8 (kept by the
    file system as surrogates) are shown as U+FFFD."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "replace")
    return raw.decode("utf-8", "replace")


# -- sources ------------------------------------------------------------------------------------
def is_file_quote(quote: Quote, source: Source | None) -> bool:
    """Is this the quote an import made for a file ("Map data: <file>" of the file's source)?"""
    return source is not None and quote.text == QUOTE_PREFIX + source.title


def file_quote_ids(project: Project) -> set[str]:
    """The quotes imports made for their files: links to them say which file a version came
    from, and are not carried to a version a later file redraws."""
    src = project.sources
    return {q.id for q in project.quotes.values() if is_file_quote(q, src.get(q.source_id))}


class FileSources:
    """One source and quote per imported file (reused when the file was imported before), and
    the links from that quote to the versions the file produced."""

    def __init__(self, b: ChangeBuilder) -> None:
        self.b = b
        self._sources = {(s.title, s.outlet): s.id for s in b.rows("sources").values()}
        self._quotes = {(q.source_id, q.text): q.id for q in b.rows("quotes").values()}
        self._by_file: dict[str, str] = {}
        self.new_quotes: set[str] = set()

    def quote_for(self, file: str, *, deepstate: bool, publisher: str = "", published: date | None = None) -> str:
        qid = self._by_file.get(file)
        if qid is not None:
            return qid
        title = text_name(file)
        outlet = DEEPSTATE_OUTLET if deepstate else (publisher or title)
        sid = self._sources.get((title, outlet))
        if sid is None:
            sid = new_id()
            self.b.put("sources", sid, Source(sid, outlet, title, published=published,
                                               kind=DEEPSTATE_KIND if deepstate else FILE_KIND,
                                               notes="Imported file"))
            self._sources[(title, outlet)] = sid
        text = QUOTE_PREFIX + title
        qid = self._quotes.get((sid, text))
        if qid is None:
            qid = new_id()
            self.b.put("quotes", qid, Quote(qid, sid, text, said_on=published))
            self._quotes[(sid, text)] = qid
            self.new_quotes.add(qid)
        self._by_file[file] = qid
        return qid

    def link(self, version_id: str, quote_id: str) -> None:
        """The quote supports the version (a version new in this import, or one known not to
        have this link yet: see `link_once`)."""
        eid = new_id()
        self.b.put("evidence", eid, Evidence(eid, quote_id, version_id, "supports"))

    def link_once(self, project: Project, version_id: str, quote_id: str) -> None:
        """As `link`, unless the version (one from before the import) already has it."""
        if quote_id in self.new_quotes or not any(e.quote_id == quote_id for e in project.evidence_for(version_id)):
            self.link(version_id, quote_id)
