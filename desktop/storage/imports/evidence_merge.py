"""A colleague's evidence merged with the zones it backs: sources, quotes, links, attachments.

A Frontline GeoJSON or KML export says, per feature, which quotes back it (`export_props.evidence`:
the quote, its source and the stance; in KML the same list as JSON text); a Frontline project
file holds its sources, quotes, links and attachments in tables. Importing either brings them
into the import's one change set, so one undo takes them away with the zones:

- a source already in the project (same outlet and URL, compared without case or extra
  whitespace; with no URL, same outlet and title) is matched, not made again;
- so is a quote of a matched source with the same text, speaker and date said;
- an attachment of a project file's source, when the matched source has one with the same bytes
  (SHA-256);
- every version (or observation) a feature became gets the links the feature's evidence
  describes, with their stance.

Only files that carry evidence cost anything here: `collect` looks for the `evidence` property
and returns None for a file without it.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from desktop.model.changes import ChangeBuilder
from desktop.model.entities import (AUTHENTICITY, CREDIBILITY, RELIABILITY, SOURCE_KINDS, STANCES, Attachment,
                                    Evidence, Quote, Source, new_id)

from desktop.storage.imports.input_files import ParsedFile, parse_date
from desktop.storage.imports.report import ImportReport

PROJECT_SUFFIXES = (".gpkg",)


@dataclass
class FileEvidence:
    """What one read file says about evidence, kept once its features are let go."""
    file: str  # the file's name, as its import items name it
    # Feature index -> that feature's evidence list (a GeoJSON or KML export).
    by_feature: dict[int, list] = field(default_factory=dict)
    # Feature index -> the file's own id of the version or observation it is (a project file).
    targets: dict[int, str] = field(default_factory=dict)
    # The indexes of the features that become observations, in the order they become them.
    observation_features: list[int] = field(default_factory=list)
    # A project file's own tables (id -> record).
    sources: dict[str, Source] = field(default_factory=dict)
    quotes: dict[str, Quote] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    attachments: dict[str, Attachment] = field(default_factory=dict)
    unreadable: int = 0  # evidence values that are not a list of quotes
    # Sources and quotes the file carries beside its features (`export_props.loose_evidence`).
    loose: list = field(default_factory=list)

    def carries(self, index: int) -> bool:
        """Does the feature say what backs it (so the file's own "Map data" quote is not needed)?"""
        return index in self.by_feature or index in self.targets


# -- reading --------------------------------------------------------------------------------------
def collect(parsed: ParsedFile, path: str | Path, report: ImportReport) -> FileEvidence | None:
    """The evidence a read file carries, or None (most files: then nothing more is done)."""
    p = Path(path)
    out = FileEvidence(parsed.name)
    if p.suffix.lower() in PROJECT_SUFFIXES:
        for f in parsed.features:  # (`readers.read_ogr` names a project's rows by their ids)
            if not f.where.startswith(("zone_versions[", "observations[")):
                continue
            tid = f.properties.get("version_id") or f.properties.get("observation_id")
            if isinstance(tid, str) and tid:
                out.targets[f.index] = tid
        if out.targets and not _read_project(p, out, report):
            out.targets.clear()
    if not out.targets:
        for f in parsed.features:
            ev = f.properties.get("evidence")
            if ev is None:
                continue
            if isinstance(ev, str):  # KML's ExtendedData holds the list as JSON text
                try:
                    ev = json.loads(ev) if ev.strip() else []
                except (ValueError, RecursionError):
                    ev = None
            if isinstance(ev, list):
                out.by_feature[f.index] = ev
            else:
                out.unreadable += 1
    if out.unreadable:
        report.note(f"{parsed.name}: {out.unreadable} feature(s) with an evidence property that is not a list "
                    "of quotes; their evidence is left out")
    member = parsed.meta.get("frontline") if not out.targets else None
    loose = member.get("loose_evidence") if isinstance(member, dict) else None
    if isinstance(loose, list):
        out.loose = [it for it in loose if isinstance(it, dict)]
    if not out.by_feature and not out.targets and not out.loose:
        return None
    out.observation_features = _observation_features(parsed)
    return out


def _read_project(path: Path, out: FileEvidence, report: ImportReport) -> bool:
    """A Frontline project file's sources, quotes, links and attachments, read-only."""
    import sqlite3

    from desktop.storage.errors import InputError
    from desktop.storage.project.projectfile import close_project, open_project
    try:
        src = open_project(path, read_only=True)
    except (InputError, OSError, ValueError, sqlite3.Error) as e:
        report.note(f"{path.name}: its sources, quotes and links cannot be read ({str(e)[:160]}); "
                    "zones and observations only")
        return False
    try:
        out.sources, out.quotes = dict(src.sources), dict(src.quotes)
        out.evidence, out.attachments = dict(src.evidence), dict(src.attachments)
    finally:
        close_project(src)
    return True


def _observation_features(parsed: ParsedFile) -> list[int]:
    """Which features `prepare` makes observations of (those with point or line parts), in order."""
    from desktop.storage.imports.prepare import _split
    out = []
    for f in parsed.features:
        g = f.geometry
        if g is None or g.geom_type in ("Polygon", "MultiPolygon"):
            continue
        if _split(g)[1]:
            out.append(f.index)
    return out


# -- values ---------------------------------------------------------------------------------------
def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def norm(v: Any) -> str:
    """Text as matching compares it: case and runs of whitespace do not count."""
    return " ".join(_text(v).split()).casefold()


def source_key(outlet: str, url: str, title: str) -> tuple[str, ...]:
    return (norm(outlet), norm(url)) if norm(url) else (norm(outlet), "", norm(title))


def quote_key(source_id: str, text: str, speaker: str, said_on: date | None) -> tuple:
    return (source_id, norm(text), norm(speaker), said_on)


def source_of(item: dict, file: str) -> Source:
    """A source as an export's evidence item describes it (unknown values at their defaults)."""
    reliability = _text(item.get("reliability")).strip().upper()
    kind = _text(item.get("source_kind")).strip().lower()
    return Source("", _text(item.get("source")), title=_text(item.get("title")), url=_text(item.get("url")).strip(),
                  published=parse_date(item.get("published")),
                  kind=kind if kind in SOURCE_KINDS else "media",
                  reliability=reliability if reliability in RELIABILITY else "F",
                  notes=f"Imported with {file}")


def quote_of(item: dict, source_id: str) -> Quote:
    cred = item.get("credibility")
    if isinstance(cred, str) and cred.strip().isdigit():
        cred = int(cred.strip())
    elif isinstance(cred, float) and cred.is_integer():
        cred = int(cred)
    if isinstance(cred, bool) or not isinstance(cred, int) or cred not in CREDIBILITY:
        cred = 6
    return Quote("", source_id, _text(item.get("quote")), speaker=_text(item.get("speaker")),
                 said_on=parse_date(item.get("said_on")), language=_text(item.get("language")).strip() or "en",
                 translation=_text(item.get("translation")), credibility=cred)


# -- merging --------------------------------------------------------------------------------------
class EvidenceMerge:
    """Puts a file's evidence into the import's change set, matching what the project has."""

    def __init__(self, b: ChangeBuilder, report: ImportReport) -> None:
        self.b = b
        self.report = report
        self._before_sources = set(b.project.sources)
        self._before_quotes = set(b.project.quotes)
        self._before_attachments = set(b.project.attachments)
        self._sources: dict[tuple, str] = {}
        for s in sorted(b.rows("sources").values(), key=lambda s: s.id):
            self._sources.setdefault(source_key(s.outlet, s.url, s.title), s.id)
        self._quotes: dict[tuple, str] = {}
        for q in sorted(b.rows("quotes").values(), key=lambda q: q.id):
            self._quotes.setdefault(quote_key(q.source_id, q.text, q.speaker, q.said_on), q.id)
        self._hashes: dict[tuple[str, str], str] | None = None  # made when an attachment comes
        self.sources: set[str] = set()  # the project's ids of the sources the import brought or matched
        self.quotes: set[str] = set()
        self.attachments: set[str] = set()
        self._links: set[tuple[str, str, str]] = set()

    # records
    def source(self, s: Source) -> str:
        key = source_key(s.outlet, s.url, s.title)
        sid = self._sources.get(key)
        if sid is None:
            sid = new_id()
            self.b.put("sources", sid, replace(s, id=sid))
            self._sources[key] = sid
        self.sources.add(sid)
        return sid

    def quote(self, q: Quote) -> str:
        key = quote_key(q.source_id, q.text, q.speaker, q.said_on)
        qid = self._quotes.get(key)
        if qid is None:
            qid = new_id()
            self.b.put("quotes", qid, replace(q, id=qid))
            self._quotes[key] = qid
        self.quotes.add(qid)
        return qid

    def attachment(self, a: Attachment, source_id: str) -> None:
        if self._hashes is None:
            self._hashes = {(x.source_id, _sha(x.data)): x.id for x in self.b.rows("attachments").values()}
        key = (source_id, _sha(a.data))
        aid = self._hashes.get(key)
        if aid is None:
            aid = new_id()
            auth = a.authenticity if a.authenticity in AUTHENTICITY else "unverified"
            self.b.put("attachments", aid, replace(a, id=aid, source_id=source_id, authenticity=auth))
            self._hashes[key] = aid
        self.attachments.add(aid)

    def link(self, quote_id: str, target_id: str, stance: str) -> None:
        key = (quote_id, target_id, stance)
        if key in self._links:
            return
        self._links.add(key)
        eid = new_id()
        self.b.put("evidence", eid, Evidence(eid, quote_id, target_id, stance))

    # files
    def merge(self, fe: FileEvidence, made: dict[int, list[str]]) -> None:
        """`made`: feature index -> the ids of the versions and observations it became."""
        if fe.targets:
            self._merge_project(fe, made)
        else:
            self._merge_export(fe, made)

    def _merge_export(self, fe: FileEvidence, made: dict[int, list[str]]) -> None:
        bad = 0
        by_source: dict[tuple, str] = {}  # the file's source_id (or the source's key) -> ours
        for index in sorted(fe.by_feature):
            targets = made.get(index, [])
            for item in fe.by_feature[index]:
                if not isinstance(item, dict) or not _text(item.get("quote")).strip():
                    bad += 1
                    continue
                stance = _text(item.get("stance")).strip().lower()
                if stance not in STANCES:
                    bad += 1
                    continue
                sid = self._item_source(item, fe.file, by_source)
                qid = self.quote(quote_of(item, sid))
                for t in targets:
                    self.link(qid, t, stance)
        for item in fe.loose:  # no feature carries these: the source, and its quote if any
            sid = self._item_source(item, fe.file, by_source)
            if _text(item.get("quote")).strip():
                self.quote(quote_of(item, sid))
        if bad:
            self.report.note(f"{fe.file}: {bad} evidence item(s) without a quote text or a known stance "
                             f"({', '.join(STANCES)}); left out")

    def _item_source(self, item: dict, file: str, by_source: dict[tuple, str]) -> str:
        """Our id of an export item's source: grouped by the file's source_id (else the source's
        key), matched against the project once per group."""
        s = source_of(item, file)
        tag = ("id", _text(item["source_id"])) if item.get("source_id") else source_key(s.outlet, s.url, s.title)
        sid = by_source.get(tag)
        if sid is None:
            sid = by_source[tag] = self.source(s)
        return sid

    def _merge_project(self, fe: FileEvidence, made: dict[int, list[str]]) -> None:
        new_targets: dict[str, list[str]] = {}
        for index, tid in fe.targets.items():
            new_targets.setdefault(tid, []).extend(made.get(index, []))
        sids = {old: self.source(replace(s, url=s.url.strip())) for old, s in sorted(fe.sources.items())}
        qids = {old: self.quote(replace(q, source_id=sids[q.source_id]))
                for old, q in sorted(fe.quotes.items()) if q.source_id in sids}
        for _, a in sorted(fe.attachments.items()):
            if a.source_id in sids:
                self.attachment(a, sids[a.source_id])
        for _, e in sorted(fe.evidence.items()):
            qid = qids.get(e.quote_id)
            if qid is None or e.stance not in STANCES:
                continue
            for t in new_targets.get(e.target_id, []):
                self.link(qid, t, e.stance)

    def count(self) -> None:
        """Tell the report what was merged and what matched."""
        r = self.report
        r.evidence_sources = (len(self.sources - self._before_sources), len(self.sources & self._before_sources))
        r.evidence_quotes = (len(self.quotes - self._before_quotes), len(self.quotes & self._before_quotes))
        r.evidence_attachments = (len(self.attachments - self._before_attachments),
                                  len(self.attachments & self._before_attachments))
        r.evidence_links = len(self._links)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data or b"").hexdigest()


def feature_targets(fe: FileEvidence, versions: dict[int, list[str]], observations: Iterable[str]) -> dict[int, list[str]]:
    """Feature index -> the ids it became: its versions, and its observation (observations are
    made in feature order, one per feature with point or line parts)."""
    made = {i: list(ids) for i, ids in versions.items()}
    obs = list(observations)
    if len(obs) == len(fe.observation_features):
        for i, oid in zip(fe.observation_features, obs):
            made.setdefault(i, []).append(oid)
    return made
