"""Claims against assessments, and assessments against each other, on a date.

A claim ("Russia holds all of Pokrovsk") disagrees with an assessment where the assessed tier
does not show that side in control. Sides: `ru_control` and `ru_control_2014` are Russian,
`ua_liberated` and unmarked land Ukrainian (as on DeepState and ISW maps, unmarked land is held
by Ukraine or not assessed); contested land and Russian infiltration are nobody's control, so
both sides' claims over them disagree with the assessment.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable

from shapely import union_all
from shapely.geometry import box as shapely_box
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from desktop.model.entities import ZoneVersion
from desktop.model.evidence_queries import EvidenceItem, evidence_items
from desktop.model.geodesy import area_km2
from desktop.model.geometry import polygonal
from desktop.model.project import Project

CONTROL_SIDE = {"ru_control": "ru", "ru_control_2014": "ru", "ua_liberated": "ua"}
CLAIM_SIDE = {"ru_claim": "ru", "ua_claim": "ua"}
UNMARKED_SIDE = "ua"
UNMARKED = ""  # the key used for land no assessed zone covers
MIN_KM2 = 1e-4  # 100 m²: below this a difference is a drawing artefact, not a disagreement


def claim_side(project: Project, status: str) -> str | None:
    if status in CLAIM_SIDE:
        return CLAIM_SIDE[status]
    if project.tier_of(status) == "claim":
        # Custom claim statuses: the key's prefix names the side ("ru_claim_city" -> ru).
        head = status.split("_", 1)[0]
        return head if head in ("ru", "ua") else None
    return None


def control_side(status: str) -> str | None:
    return CONTROL_SIDE.get(status)


@dataclass
class ClaimDisagreement:
    claim: ZoneVersion
    zone_name: str
    side: str
    claim_km2: float
    geometry: BaseGeometry  # where the assessment does not show the claimant in control
    km2: float
    by_status: dict[str, float]  # assessed status key (UNMARKED for none) -> km² of disagreement
    assessed_version_ids: list[str]
    claim_quotes: list[EvidenceItem] = field(default_factory=list)  # for the claim
    assessment_quotes: list[EvidenceItem] = field(default_factory=list)  # for the assessment


def _assessed(project: Project, d: date, assessment_id: str) -> list[ZoneVersion]:
    return [v for v in project.state_at(d, assessment_id) if project.tier_of(v.status) == "assessed"]


def compare_claims(project: Project, d: date, assessment_id: str) -> list[ClaimDisagreement]:
    """Every claim-tier zone valid on `d` (of any assessment) against `assessment_id`'s assessed
    tier; largest disagreement first. Claims that fully agree are listed with km2 = 0."""
    assessed = _assessed(project, d, assessment_id)
    covered = union_all([v.geometry for v in assessed]) if assessed else Polygon()
    out = []
    for c in project.state_at(d):
        side = claim_side(project, c.status) if project.tier_of(c.status) == "claim" else None
        if side is None:
            continue
        pieces: list[BaseGeometry] = []
        by_status: dict[str, float] = {}
        against: list[ZoneVersion] = []
        for v in assessed:
            if control_side(v.status) == side or not v.geometry.intersects(c.geometry):
                continue
            part = polygonal(c.geometry.intersection(v.geometry))
            a = area_km2(part)
            if a < MIN_KM2:
                continue
            pieces.append(part)
            by_status[v.status] = by_status.get(v.status, 0.0) + a
            against.append(v)
        if side != UNMARKED_SIDE:
            part = polygonal(c.geometry.difference(covered))
            a = area_km2(part)
            if a >= MIN_KM2:
                pieces.append(part)
                by_status[UNMARKED] = a
        geom = polygonal(union_all(pieces)) if pieces else Polygon()
        zone = project.zones.get(c.zone_id)
        claim_q, assess_q = _sides_quotes(project, c, against)
        out.append(ClaimDisagreement(c, zone.name if zone else "", side, project.version_area_km2(c), geom,
                                     sum(by_status.values()), by_status, [v.id for v in against],
                                     claim_q, assess_q))
    out.sort(key=lambda x: (-x.km2, x.zone_name))
    return out


def _sides_quotes(project: Project, claim: ZoneVersion, against: list[ZoneVersion]
                  ) -> tuple[list[EvidenceItem], list[EvidenceItem]]:
    """Quotes for the claim (supporting it, or contradicting the assessed zones it disputes) and
    for the assessment (supporting those zones, or contradicting the claim); newest first."""
    for_claim, for_assessment = [], []
    for it in evidence_items(project, claim.id):
        if it.evidence.stance == "supports":
            for_claim.append(it)
        elif it.evidence.stance == "contradicts":
            for_assessment.append(it)
    for v in against:
        for it in evidence_items(project, v.id):
            if it.evidence.stance == "supports":
                for_assessment.append(it)
            elif it.evidence.stance == "contradicts":
                for_claim.append(it)
    key = lambda i: (i.when or date.min, i.quote.id)  # noqa: E731
    return sorted(for_claim, key=key, reverse=True), sorted(for_assessment, key=key, reverse=True)


@dataclass
class StatusDisagreement:
    status: str
    only_a: BaseGeometry  # shown with this status by A, not by B
    only_b: BaseGeometry
    only_a_km2: float
    only_b_km2: float

    @property
    def km2(self) -> float:
        return self.only_a_km2 + self.only_b_km2


def _unions(project: Project, d: date, assessment_id: str, tiers: tuple[str, ...]) -> dict[str, BaseGeometry]:
    return {k: g for k, g in project.union_by_status(d, assessment_id).items() if project.tier_of(k) in tiers}


def compare_assessments(project: Project, d: date, a_id: str, b_id: str,
                        tiers: tuple[str, ...] = ("assessed",)) -> list[StatusDisagreement]:
    """Per status, where A and B differ on `d`; largest first, agreements left out.

    With an area of interest set on the project, only differences inside it count: a mapping
    project that covers the whole front would otherwise "disagree" with a local assessment
    everywhere the local one simply did not look.
    """
    ua, ub = _unions(project, d, a_id, tiers), _unions(project, d, b_id, tiers)
    aoi = project.info.aoi
    if aoi is not None:
        box_ = shapely_box(*aoi)
        ua = {k: g.intersection(box_) for k, g in ua.items()}
        ub = {k: g.intersection(box_) for k, g in ub.items()}
    order = {k: s.order for k, s in project.legend.items()}
    out = []
    for status in sorted(set(ua) | set(ub), key=lambda k: order.get(k, 999)):
        ga, gb = ua.get(status), ub.get(status)
        only_a = polygonal(ga.difference(gb) if gb is not None else ga) if ga is not None else Polygon()
        only_b = polygonal(gb.difference(ga) if ga is not None else gb) if gb is not None else Polygon()
        ka, kb = area_km2(only_a), area_km2(only_b)
        if ka < MIN_KM2 and kb < MIN_KM2:
            continue
        out.append(StatusDisagreement(status, only_a, only_b, ka, kb))
    out.sort(key=lambda s: -s.km2)
    return out


def disagreement_series(project: Project, dates: Iterable[date], a_id: str, b_id: str,
                        tiers: tuple[str, ...] = ("assessed",)) -> list[tuple[date, dict[str, float]]]:
    """(date, status -> km² of disagreement) for each date, for the chart.

    Consecutive weeks often show the same versions, so results are reused per state.
    """
    memo: dict[frozenset[str], dict[str, float]] = {}
    out = []
    for d in dates:
        key = frozenset(v.id for v in project.state_at(d, a_id)) | frozenset(
            "b:" + v.id for v in project.state_at(d, b_id))
        if key not in memo:
            memo[key] = {s.status: s.km2 for s in compare_assessments(project, d, a_id, b_id, tiers)}
        out.append((d, dict(memo[key])))
    return out


def week_starts(start: date, end: date) -> list[date]:
    """The Mondays of the weeks from the one holding `start` to the one holding `end`."""
    d = start - timedelta(days=start.weekday())
    out = []
    while d <= end:
        out.append(d)
        d += timedelta(days=7)
    return out
