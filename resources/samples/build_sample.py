"""Build the bundled sample project "Pokrovsk and Myrnohrad, autumn 2025".

    .venv/bin/python resources/samples/build_sample.py [OUT.gpkg]

Writes `resources/samples/pokrovsk_myrnohrad_2025.gpkg` (or OUT) through the model's own
commands and the project file API, exactly as the app would: zones are edited "as of" each
Monday so they have versions, sources and quotes are records, links are evidence. The story
is the Kyiv Independent article in `../shared/seed/pokrovsk-myrnohrad-article.txt`; the
geometry is ours, drawn from the OpenStreetMap basemap (see sample_shapes.py).

Ids are deterministic (a seeded id generator replaces the random one while building), so
building twice gives equal projects and a test can prove the committed file is what this
script makes.
"""
from __future__ import annotations

import hashlib
import os
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1])]

from shapely.geometry import LineString, MultiPoint  # noqa: E402

from desktop.model import clock, entities  # noqa: E402
from desktop.model.commands import CommandStack  # noqa: E402
from desktop.model.edits import add_assessment, create_zone, edit_zone, end_zone  # noqa: E402
from desktop.model.entities import Attachment, Observation  # noqa: E402
from desktop.model.project import Project  # noqa: E402
from desktop.model.record_commands import put_record, set_info  # noqa: E402
from desktop.model.evidence_commands import link_quote  # noqa: E402
from desktop.storage.project.projectfile import close_project, create_project  # noqa: E402

import sample_links as L  # noqa: E402
import sample_plan as P  # noqa: E402
import sample_shapes as S  # noqa: E402
import sample_sources as Q  # noqa: E402

TITLE = "Pokrovsk and Myrnohrad, autumn 2025"
OUT = HERE / "pokrovsk_myrnohrad_2025.gpkg"
ASSESSMENT = "our"
CORRIDOR = "zone-corridor"


@contextmanager
def deterministic_ids(seed: str = "frontline-sample") -> Iterator[None]:
    """Make `entities.new_id` deterministic while building (it calls `uuid.uuid4().hex`)."""
    class _Ids:
        n = 0

        def uuid4(self) -> "_Ids":
            self.n += 1
            self.hex = hashlib.sha1(f"{seed}-{self.n}".encode()).hexdigest()
            return self

    real = entities.uuid
    entities.uuid = _Ids()
    try:
        yield
    finally:
        entities.uuid = real


# What the sample's versions say for `recorded_on` (edits stamp "today"): None, as the committed
# file has it. Give a date and rebuild the sample (and commit it) to have the sample carry one.
RECORDED_ON: date | None = None


@contextmanager
def pinned_clock(day: date | None = RECORDED_ON) -> Iterator[None]:
    """The model's "today" fixed while building, so a rebuild gives the same file any day."""
    real = clock.today
    clock.today = lambda: day  # type: ignore[assignment]
    try:
        yield
    finally:
        clock.today = real


def _place(project: Project, stack: CommandStack, zone_id: str, name: str, status: str, geometry,
           when: date, confidence: str, notes: str) -> None:
    """Create the zone, or edit it as of `when` if its shape or status changed."""
    if zone_id not in project.zones:
        cmd, _ = create_zone(project, name=name, assessment_id=ASSESSMENT, geometry=geometry, status=status,
                             as_of=when, confidence=confidence, notes=notes, zone_id=zone_id)
        stack.push(cmd)
        return
    at = project.version_at(zone_id, when)
    if at is not None and at.status == status and at.geometry.equals(geometry):
        return  # unchanged this week: the version holds on, as an analyst's would
    stack.push(edit_zone(project, zone_id, when, geometry=geometry, status=status, confidence=confidence,
                         notes=notes))


def _weeks(project: Project, stack: CommandStack) -> None:
    live: set[str] = set()
    for week in range(S.WEEKS):
        when = P.monday(week)
        shapes = P.assessed(week)
        for gone in sorted(live - set(shapes)):
            stack.push(end_zone(project, gone, when))
        for key, (status, geom) in shapes.items():
            spec = P.ZONES[key]
            conf = "high" if key == "zone-pokrovsk-south" and week >= 13 else spec.confidence
            _place(project, stack, key, spec.name, status, geom, when, conf, spec.notes)
        live = set(shapes)
        gap = P.corridor(week)
        if gap is not None:
            _place(project, stack, CORRIDOR, "Corridor to Myrnohrad", "corridor", gap, when, "medium",
                   "The remaining land corridor between the pincers, narrowing week by week; hand-placed "
                   "along an axis from Myrnohrad's west edge to the north-west.")


def _claims(project: Project, stack: CommandStack) -> None:
    for zid, name, status, when, geom, notes in P.claims():
        cmd, _ = create_zone(project, name=name, assessment_id=ASSESSMENT, geometry=geom, status=status,
                             as_of=when, confidence="low", notes=notes, zone_id=zid)
        stack.push(cmd)


def _observations(project: Project, stack: CommandStack) -> None:
    _, p_north = S.pokrovsk_halves()
    positions = MultiPoint([(37.150, 48.300), (37.175, 48.293), (37.196, 48.303)])
    assert p_north.contains(positions), "reported positions must lie in northern Pokrovsk"
    obs = [
        Observation("obs-flag-shybankova", "flag-raising", S.shybankova_square(), date(2025, 12, 1), "",
                    "Flag-raising video, Shybankova Square",
                    "Defence Ministry video: soldiers unfurl the Russian flag on the square (OSM: "
                    "Nezalezhnosti Square, formerly Shybankova). Place from the street layer."),
        Observation("obs-ua-positions-north", "unit position", positions, date(2025, 12, 3), "",
                    "Reported Ukrainian positions, northern Pokrovsk",
                    "A drone pilot reports positions held in the north, cut off on the ground. The article "
                    "gives no places: the points are the analyst's approximate placement."),
        Observation("obs-destroyed-bridge", "destroyed bridge", S.railway_bridge(), date(2024, 9, 9), "",
                    "Destroyed bridge (photo of 2024-09-09)",
                    "Dated as the article's photo caption dates the destruction: 2024-09-09, a year before "
                    "the zones of this sample. The caption does not name the bridge: placed at a road "
                    "bridge over the railway that OSM marks as under construction."),
        Observation("obs-axis-south", "attack_direction", LineString([(37.232, 48.252), (37.232, 48.296)]),
                    date(2025, 11, 10), "", "Southern pincer, between the towns", "Analyst's arrow."),
        Observation("obs-axis-north", "attack_direction", LineString([(37.262, 48.362), (37.236, 48.334)]),
                    date(2025, 11, 17), "", "Northern pincer, west of Myrnohrad", "Analyst's arrow."),
    ]
    for o in obs:
        stack.push(put_record(project, "observations", o, f"Add {o.name}"))


def _records(project: Project, stack: CommandStack) -> None:
    for s in Q.SOURCES:
        stack.push(put_record(project, "sources", s, f"Add source {s.outlet}"))
    for q in Q.quotes():
        stack.push(put_record(project, "quotes", q, "Add quote"))
    stack.push(put_record(project, "attachments", Attachment(
        "att-425-stand-in", "src-425", "425th-regiment-image-STAND-IN.png", "image/png", Q.placeholder_png(),
        "ai-generated",
        "STAND-IN: a grey placeholder made for this sample, not the real picture. The regiment's deleted "
        "post showed an AI-generated image of two soldiers with a Ukrainian flag on Shybankova Square."),
        "Attach stand-in image"))


def _links(project: Project, stack: CommandStack) -> None:
    for v in sorted(project.versions.values(), key=lambda v: (v.zone_id, v.valid_from, v.id)):
        for key, stance in L.links_for_version(v.zone_id, v.valid_from, project.tier_of(v.status)):
            stack.push(link_quote(project, Q.quote_id(key), v.id, stance)[0])
    for oid, links in L.OBSERVATION_LINKS.items():
        for key, stance in links:
            stack.push(link_quote(project, Q.quote_id(key), oid, stance)[0])


def populate(project: Project) -> None:
    stack = CommandStack(project)
    stack.push(set_info(project, title=TITLE, aoi=S.AOI, notes=(
        "Sample project. The story follows the Kyiv Independent report 'Pokrovsk in Russia's grip as sister "
        "city stares down encirclement' (Dec 2025); the weekly zones between its dated facts are the sample "
        "analyst's own assessment, drawn on OpenStreetMap town outlines, railway and streets. Not a "
        "reference map of the battle.")))
    stack.push(add_assessment(project, "Our assessment", origin="Frontline sample analyst",
                              notes="Weekly assessment, Mondays 2025-09-01 to 2025-12-15.", id_=ASSESSMENT)[0])
    _records(project, stack)
    _weeks(project, stack)
    _claims(project, stack)
    _observations(project, stack)
    _links(project, stack)


def build(out: Path = OUT) -> Path:
    out = Path(out)
    tmp = out.with_name(out.name + ".building")
    with deterministic_ids(), pinned_clock():
        project = create_project(tmp, TITLE, overwrite=True)
        try:
            populate(project)
        finally:
            close_project(project)
    os.replace(tmp, out)
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    print(build(target))
