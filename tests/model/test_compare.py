"""Claims against the assessed tier, and two assessments against each other."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import box, shape

from desktop.model.compare import (UNMARKED, compare_assessments, compare_claims, disagreement_series,
                                   week_starts)
from desktop.model.edits import create_zone, edit_zone
from desktop.model.geodesy import area_km2
from desktop.model.evidence_commands import link_quote

from model.test_evidence_scenario import CITY, NORTH, SOUTH, scenario

D = date(2025, 12, 1)


def test_russian_claim_of_the_city_against_our_assessment():
    p, st, ids = scenario()
    st.push(link_quote(p, ids["putin"], ids["claim_v"], "supports")[0])
    st.push(link_quote(p, ids["denial"], ids["claim_v"], "contradicts")[0])
    st.push(link_quote(p, ids["pilot"], ids["north_v"], "supports")[0])
    [c] = compare_claims(p, D, ids["ours"])
    assert c.claim.id == ids["claim_v"] and c.side == "ru"
    # The south is assessed Russian: agreement. The north is contested: the claim disagrees there.
    assert c.by_status == pytest.approx({"contested": area_km2(NORTH)})
    assert c.km2 == pytest.approx(area_km2(NORTH))
    assert c.geometry.symmetric_difference(NORTH).area < 1e-12
    assert c.claim_km2 == pytest.approx(area_km2(CITY))
    assert [i.quote.id for i in c.claim_quotes] == [ids["putin"]]
    assert {i.quote.id for i in c.assessment_quotes} == {ids["denial"], ids["pilot"]}
    assert c.assessed_version_ids == [ids["north_v"]]


def test_claim_beyond_any_assessed_zone_disagrees_as_unmarked_land():
    p, st, ids = scenario()
    big = box(37.12, 48.25, 37.30, 48.31)  # the city and Myrnohrad to the east
    st.push(edit_zone(p, ids["claim"], D, geometry=big))
    [c] = compare_claims(p, D, ids["ours"])
    east = big.difference(CITY)
    assert c.by_status[UNMARKED] == pytest.approx(area_km2(east), rel=1e-6)
    assert c.km2 == pytest.approx(area_km2(east) + area_km2(NORTH), rel=1e-6)
    # A week earlier the claim was the city only.
    [c0] = compare_claims(p, date(2025, 11, 24), ids["ours"])
    assert UNMARKED not in c0.by_status


def test_ukrainian_claim_disagrees_where_russia_is_assessed():
    p, st, ids = scenario()
    cmd, _ = create_zone(p, name="UA: we hold the north and the railway", assessment_id=ids["ours"],
                         geometry=box(37.12, 48.28, 37.22, 48.31), status="ua_claim", as_of=D)
    st.push(cmd)
    ua = [c for c in compare_claims(p, D, ids["ours"]) if c.side == "ua"][0]
    strip = box(37.12, 48.28, 37.22, 48.285)
    assert set(ua.by_status) == {"ru_control", "contested"}
    assert ua.by_status["ru_control"] == pytest.approx(area_km2(strip), rel=1e-6)
    assert ua.by_status["contested"] == pytest.approx(area_km2(NORTH), rel=1e-6)


def test_two_assessments_per_status_and_weekly_series():
    p, st, ids = scenario()
    # DeepState: the whole city Russian from Dec 1, the south only before.
    cmd, z = create_zone(p, name="DS occupied", assessment_id=ids["deepstate"], geometry=SOUTH,
                         status="ru_control", as_of=date(2025, 11, 17))
    st.push(cmd)
    st.push(edit_zone(p, z, D, geometry=CITY))
    before = compare_assessments(p, date(2025, 11, 24), ids["ours"], ids["deepstate"])
    assert [s.status for s in before] == ["contested"]  # only we mark the north contested
    after = {s.status: s for s in compare_assessments(p, D, ids["ours"], ids["deepstate"])}
    assert after["ru_control"].only_b_km2 == pytest.approx(area_km2(NORTH), rel=1e-6)
    assert after["ru_control"].only_a_km2 == pytest.approx(0)
    assert after["contested"].only_a_km2 == pytest.approx(area_km2(NORTH), rel=1e-6)
    weeks = week_starts(date(2025, 11, 19), date(2025, 12, 10))
    assert weeks == [date(2025, 11, 17), date(2025, 11, 24), date(2025, 12, 1), date(2025, 12, 8)]
    series = disagreement_series(p, weeks, ids["ours"], ids["deepstate"])
    assert [d for d, _ in series] == weeks
    # Nov 17: we had drawn nothing yet, DeepState had the south: all of it is disagreement.
    assert series[0][1] == {"ru_control": pytest.approx(area_km2(SOUTH), rel=1e-6)}
    assert series[1][1] == {"contested": pytest.approx(area_km2(NORTH), rel=1e-6)}
    assert series[2][1] == series[3][1] == {"ru_control": pytest.approx(area_km2(NORTH), rel=1e-6),
                                            "contested": pytest.approx(area_km2(NORTH), rel=1e-6)}


def _load(path: Path):
    return shape(json.loads(path.read_text())["features"][0]["geometry"])


def test_against_real_deepstate_weeks(shared_data):
    """Our hand-drawn Pokrovsk against DeepState's real Pokrovsk-area picture on two Mondays."""
    folder = shared_data / "frontline" / "deepstate_cyterat_pokrovsk_2025"
    p, st, ids = scenario()
    g1, g2 = _load(folder / "pokrovsk_occupied_20251124.geojson"), _load(folder / "pokrovsk_occupied_20251201.geojson")
    cmd, z = create_zone(p, name="DeepState occupied", assessment_id=ids["deepstate"], geometry=g1,
                         status="ru_control", as_of=date(2025, 11, 24))
    st.push(cmd)
    st.push(edit_zone(p, z, D, geometry=g2))
    for d in (date(2025, 11, 24), D):
        g = p.version_at(z, d).geometry  # as stored (repaired on the way in)
        [ru] = [s for s in compare_assessments(p, d, ids["ours"], ids["deepstate"]) if s.status == "ru_control"]
        ours = p.versions[ids["south_v"]].geometry
        # Conservation: what only we mark plus what both mark is all we mark, and likewise for them.
        # (Within 0.1%: geodesic area joins vertices by geodesics, not the lon/lat lines shapely
        # cuts along, so pieces of a polygon do not add up exactly to the whole.)
        both = area_km2(ours.intersection(g))
        assert ru.only_a_km2 + both == pytest.approx(area_km2(ours), rel=1e-3)
        assert ru.only_b_km2 + both == pytest.approx(area_km2(g), rel=1e-3)
        assert ru.only_b_km2 > 1000  # DeepState's picture covers far more than our one box
    # DeepState gained ground in the week, so the disagreement grew.
    s = disagreement_series(p, [date(2025, 11, 24), D], ids["ours"], ids["deepstate"])
    assert s[1][1]["ru_control"] > s[0][1]["ru_control"]


def test_assessments_compare_only_inside_the_area_of_interest():
    from desktop.model.commands import CommandStack
    from desktop.model.record_commands import set_info
    p, st, ids = scenario()
    d = date(2025, 12, 1)
    far = box(36.0, 47.0, 36.2, 47.2)  # the other project maps far beyond our area
    cmd, _ = create_zone(p, name="DS far", assessment_id=ids["deepstate"], geometry=far,
                         status="ru_control", as_of=d)
    st.push(cmd)
    everywhere = {s.status: s.km2 for s in compare_assessments(p, d, ids["ours"], ids["deepstate"])}
    assert everywhere["ru_control"] >= area_km2(far) * 0.999
    w, s_, e, n = CITY.bounds
    st.push(set_info(p, aoi=(w - 0.01, s_ - 0.01, e + 0.01, n + 0.01)))
    inside = {s.status: s.km2 for s in compare_assessments(p, d, ids["ours"], ids["deepstate"])}
    assert inside.get("ru_control", 0.0) < everywhere["ru_control"] - area_km2(far) * 0.99
    series = dict(disagreement_series(p, [d], ids["ours"], ids["deepstate"]))
    assert series[d] == inside
