"""Questions the evidence views ask: badges, evidence by stance, map marks, integrity."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from desktop.model.entities import STANCES, Attachment, Evidence, Quote, Source
from desktop.model.messages import Message, joined
from desktop.model.project import Project

# Map marks for zone versions (the window draws them; a toggle hides both).
MARK_CONTRADICTED = "contradicted"
MARK_NO_EVIDENCE = "no_evidence"


def admiralty_code(reliability: str, credibility: int) -> str:
    """The NATO Admiralty grade as shown on a badge, e.g. "B2"."""
    return f"{reliability}{credibility}"


# entities.RELIABILITY and CREDIBILITY in lower case, as the badge's sentence reads them (a test
# keeps them equal); Messages, so that the sentence is translated whole.
RELIABILITY_WORDS = {
    "A": Message("completely reliable"), "B": Message("usually reliable"), "C": Message("fairly reliable"),
    "D": Message("not usually reliable"), "E": Message("unreliable"), "F": Message("reliability cannot be judged"),
}
CREDIBILITY_WORDS = {
    1: Message("confirmed by other sources"), 2: Message("probably true"), 3: Message("possibly true"),
    4: Message("doubtful"), 5: Message("improbable"), 6: Message("truth cannot be judged"),
}
# The kinds of observation an unnamed one is called by (its key, as the labels of commands).
_KIND_WORDS = {"video": Message("video"), "flag": Message("flag"), "strike": Message("strike"),
               "unit": Message("unit"), "destroyed": Message("destroyed"), "observation": Message("observation"),
               "attack_direction": Message("attack_direction")}


def admiralty_meaning(reliability: str, credibility: int) -> str:
    r = RELIABILITY_WORDS.get(reliability, Message("unknown reliability"))
    c = CREDIBILITY_WORDS.get(credibility, Message("unknown credibility"))
    return Message("{grade}: source {reliability}; {number}: information {credibility}",
                   grade=reliability, reliability=r, number=credibility, credibility=c)


def quote_badge(project: Project, quote: Quote) -> tuple[str, str]:
    """(code, meaning) for a quote, taking the reliability from its source."""
    src = project.sources.get(quote.source_id)
    rel = src.reliability if src else "F"
    return admiralty_code(rel, quote.credibility), admiralty_meaning(rel, quote.credibility)


@dataclass(frozen=True)
class EvidenceItem:
    evidence: Evidence
    quote: Quote
    source: Source
    code: str  # "B2"
    meaning: str
    when: date | None  # the date the words were said (or the source published)
    attachments: tuple[Attachment, ...] = ()

    @property
    def doubtful_attachments(self) -> bool:
        """Every attachment of the source is marked manipulated or AI-generated."""
        return bool(self.attachments) and all(
            a.authenticity in ("manipulated", "ai-generated") for a in self.attachments)


def quote_date(project: Project, quote: Quote) -> date | None:
    if quote.said_on is not None:
        return quote.said_on
    src = project.sources.get(quote.source_id)
    return src.published if src else None


def _newest_first(items: list[EvidenceItem]) -> list[EvidenceItem]:
    # Undated quotes go last; ties keep a stable order by speaker then id.
    dated = sorted((i for i in items if i.when is not None),
                   key=lambda i: (i.when, i.quote.speaker, i.quote.id), reverse=True)
    undated = sorted((i for i in items if i.when is None), key=lambda i: (i.quote.speaker, i.quote.id))
    return dated + undated


def evidence_items(project: Project, target_id: str) -> list[EvidenceItem]:
    out = []
    for e in project.evidence_for(target_id):
        q = project.quotes.get(e.quote_id)
        s = project.sources.get(q.source_id) if q else None
        if q is None or s is None:
            continue  # cannot happen while integrity holds; never crash a view on it
        code, meaning = admiralty_code(s.reliability, q.credibility), admiralty_meaning(s.reliability, q.credibility)
        atts = tuple(a for a in project.attachments.values() if a.source_id == s.id)
        out.append(EvidenceItem(e, q, s, code, meaning, quote_date(project, q), atts))
    return out


def evidence_by_stance(project: Project, target_id: str) -> dict[str, list[EvidenceItem]]:
    """stance -> items, newest first; every stance is a key (empty lists for none)."""
    groups: dict[str, list[EvidenceItem]] = {s: [] for s in STANCES}
    for it in evidence_items(project, target_id):
        groups.setdefault(it.evidence.stance, []).append(it)
    return {k: _newest_first(v) for k, v in groups.items()}


def version_marks(project: Project, version_ids: Iterable[str] | None = None) -> dict[str, str]:
    """version id -> MARK_CONTRADICTED (some evidence contradicts it) or MARK_NO_EVIDENCE (no
    evidence at all). Versions with only supporting/context evidence are not in the dict."""
    ids = project.versions.keys() if version_ids is None else version_ids
    out = {}
    for vid in ids:
        ev = project.evidence_for(vid)
        if not ev:
            out[vid] = MARK_NO_EVIDENCE
        elif any(e.stance == "contradicts" for e in ev):
            out[vid] = MARK_CONTRADICTED
    return out


def marks_at(project: Project, d: date, assessment_id: str | None = None) -> dict[str, str]:
    """The marks of the versions shown on `d`."""
    return version_marks(project, [v.id for v in project.state_at(d, assessment_id)])


def quote_counts(project: Project) -> dict[str, int]:
    """source id -> number of quotes."""
    out = {sid: 0 for sid in project.sources}
    for q in project.quotes.values():
        out[q.source_id] = out.get(q.source_id, 0) + 1
    return out


def link_counts(project: Project) -> dict[str, int]:
    """quote id -> number of links."""
    out: dict[str, int] = {}
    for e in project.evidence.values():
        out[e.quote_id] = out.get(e.quote_id, 0) + 1
    return out


def target_label(project: Project, target_id: str) -> str:
    v = project.versions.get(target_id)
    if v is not None:
        z = project.zones.get(v.zone_id)
        until = v.valid_to.isoformat() if v.valid_to else "…"
        return f"{z.name if z else '?'} ({v.valid_from.isoformat()} – {until})"  # data only
    o = project.observations.get(target_id)
    if o is not None:
        span = o.date.isoformat() if o.valid_to is None else f"{o.date.isoformat()} – {o.last_day.isoformat()}"
        # An unnamed observation is called by its kind, a word the interface translates.
        return joined("", [o.name or _KIND_WORDS.get(o.kind, o.kind), f" ({span})"])
    return ""


def resolve_target(project: Project, selected_id: str, when: date) -> str | None:
    """A selection (zone, version or observation id) as a link target on the cursor date."""
    if selected_id in project.versions or selected_id in project.observations:
        return selected_id
    if selected_id in project.zones:
        v = project.version_at(selected_id, when)
        return v.id if v else None
    return None


def integrity_problems(project: Project) -> list[str]:
    """Every reference that points at nothing (empty when the model is sound)."""
    probs = []
    for e in project.evidence.values():
        if e.quote_id not in project.quotes:
            probs.append(f"link {e.id} points to missing quote {e.quote_id}")
        if e.target_id not in project.versions and e.target_id not in project.observations:
            probs.append(f"link {e.id} points to missing target {e.target_id}")
        if e.stance not in STANCES:
            probs.append(f"link {e.id} has stance {e.stance!r}")
    for q in project.quotes.values():
        if q.source_id not in project.sources:
            probs.append(f"quote {q.id} belongs to missing source {q.source_id}")
    for a in project.attachments.values():
        if a.source_id not in project.sources:
            probs.append(f"attachment {a.id} belongs to missing source {a.source_id}")
    return probs
