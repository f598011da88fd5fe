"""The date queries a large archive leans on (issue 17, item 4), against their plain
definitions: `frontline stats` rows from one sweep over the versions equal `areas_at` asked step
by step; observations found through the date index equal a scan of every observation, also
after edits; a zone's sorted versions follow its edits."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import Point, box

from desktop.cli_stats import stats_rows
from desktop.model.changes import ChangeBuilder
from desktop.model.entities import Assessment, Observation, Zone, ZoneVersion
from desktop.model.project import Project
from desktop.model.timeline import steps_between

D0 = date(2024, 1, 1)
STATUSES = ("ru_control", "contested", "ua_liberated", "ru_claim", "corridor")  # assessed and overlapping tiers


@st.composite
def histories(draw):
    """Zones of two assessments, each a run of versions with gaps, random statuses and shapes
    (overlapping shapes in the claim and annotation tiers, which are measured as unions)."""
    p = Project()
    b = ChangeBuilder(p)
    for a in ("a1", "a2"):
        b.put("assessments", a, Assessment(a, f"layer {a}"))
    for z in range(draw(st.integers(1, 6))):
        zid = f"z{z}"
        b.put("zones", zid, Zone(zid, f"zone {z}", draw(st.sampled_from(["a1", "a2"]))))
        day = draw(st.integers(0, 20))
        # Assessed zones of one assessment never overlap: each zone its own column of the grid.
        x = z * 0.2
        for k in range(draw(st.integers(1, 4))):
            length = draw(st.integers(1, 30))
            end = None if k == 3 else D0 + timedelta(days=day + length)
            status = draw(st.sampled_from(STATUSES))
            w = 0.05 + 0.1 * draw(st.floats(0, 1))
            if status in ("ru_claim", "corridor"):
                g = box(0.0, 48.0, 1.0 + w, 48.5)  # overlapping its kind in other zones
            else:
                g = box(30 + x, 48.0, 30 + x + w, 48.1 + w)
            vid = f"{zid}-{k}"
            b.put("versions", vid, ZoneVersion(vid, zid, g, status, D0 + timedelta(days=day), end))
            if end is None:
                break
            day += length + draw(st.integers(0, 5))
    p.apply(b.build())
    return p


@pytest.mark.parametrize("step", ["day", "week"])
@given(project=histories())
def test_stats_rows_are_areas_at_step_by_step(project, step):
    rng = project.date_range()
    names = {a.id: a.name for a in project.assessments.values()}
    want = []
    for d in steps_between(rng[0], rng[1], step):
        for (aid, status), km2 in sorted(project.areas_at(d).items(), key=lambda kv: (names[kv[0][0]], kv[0][1])):
            want.append((d.isoformat(), names[aid], status, km2))
    got = stats_rows(project, step)
    assert [r[:3] for r in got] == [r[:3] for r in want]
    for g, w in zip(got, want):
        assert g[3] == pytest.approx(w[3], rel=1e-9, abs=1e-9)


def _scan(project, start, end):
    return sorted((o for o in project.observations.values() if o.overlaps_time(start, end)),
                  key=lambda o: (o.date, o.id))


@given(st.lists(st.tuples(st.integers(0, 60), st.one_of(st.none(), st.integers(1, 40))), min_size=1, max_size=40),
       st.integers(0, 80), st.integers(1, 30), st.data())
def test_observations_by_the_date_index_are_the_scan(spans, start, length, data):
    p = Project()
    b = ChangeBuilder(p)
    for i, (day, lasting) in enumerate(spans):
        first = D0 + timedelta(days=day)
        end = None if lasting is None else first + timedelta(days=lasting)
        b.put("observations", f"o{i}", Observation(f"o{i}", "unit", Point(37, 48), first, name=f"u{i}", valid_to=end))
    p.apply(b.build())
    lo, hi = D0 + timedelta(days=start), D0 + timedelta(days=start + length)
    assert p.observations_between(lo, hi) == _scan(p, lo, hi)
    # An edit (a new end, a removal) is seen by the next question: the index is rebuilt.
    victim = f"o{data.draw(st.integers(0, len(spans) - 1))}"
    o = p.observations[victim]
    b = ChangeBuilder(p)
    b.put("observations", victim, o.with_(valid_to=o.date + timedelta(days=100)))
    if victim != "o0":
        b.put("observations", "o0", None)
    p.apply(b.build())
    assert p.observations_between(lo, hi) == _scan(p, lo, hi)


def test_a_zones_sorted_versions_follow_its_edits():
    p = Project()
    b = ChangeBuilder(p)
    b.put("assessments", "a", Assessment("a", "A"))
    b.put("zones", "z", Zone("z", "Z", "a"))
    b.put("versions", "v2", ZoneVersion("v2", "z", box(0, 0, 1, 1), "ru_control", D0 + timedelta(days=5)))
    b.put("versions", "v1", ZoneVersion("v1", "z", box(0, 0, 1, 1), "ru_control", D0, D0 + timedelta(days=5)))
    p.apply(b.build())
    assert [v.id for v in p.versions_of("z")] == ["v1", "v2"]
    assert p.version_at("z", D0 + timedelta(days=6)).id == "v2"
    got = p.versions_of("z")
    got.clear()  # a caller's list is its own
    assert [v.id for v in p.versions_of("z")] == ["v1", "v2"]
    b = ChangeBuilder(p)
    b.put("versions", "v0", ZoneVersion("v0", "z", box(0, 0, 1, 1), "contested", D0 - timedelta(days=3), D0))
    b.put("versions", "v2", None)
    p.apply(b.build())
    assert [v.id for v in p.versions_of("z")] == ["v0", "v1"]
    assert p.version_at("z", D0 + timedelta(days=6)) is None
