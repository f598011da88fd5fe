"""The "changes this step" rows, captions and observation fading, on built and real data."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst
from shapely.geometry import Point, box

from desktop.model import CommandStack, Observation, Project, Quote, Source, area_km2
from desktop.model.edits import EditError, add_assessment, create_zone, edit_zone, end_zone
from desktop.model.record_commands import put_record
from desktop.model.evidence_commands import link_quote
from desktop.model.timeline import (DAY, MONTH, WEEK, area_table, captions_in_step, changes_in_step, excerpt,
                                    frame_captions, observations_in_step, step_interval, steps_between)

from support.builders import pokrovsk_series

D = date


def _built() -> tuple[Project, dict[str, str]]:
    """Three zones near Pokrovsk with a history over Nov-Dec 2025 and two linked quotes."""
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "Our assessment")
    st.push(cmd)
    ids = {}
    cmd, ids["north"] = create_zone(p, name="North", assessment_id=aid, geometry=box(37.10, 48.30, 37.20, 48.35),
                                    status="ru_control", as_of=D(2025, 11, 3))
    st.push(cmd)
    cmd, ids["rail"] = create_zone(p, name="Railway", assessment_id=aid, geometry=box(37.20, 48.25, 37.30, 48.30),
                                   status="contested", as_of=D(2025, 11, 3))
    st.push(cmd)
    cmd, ids["south"] = create_zone(p, name="South", assessment_id=aid, geometry=box(37.10, 48.20, 37.15, 48.25),
                                    status="ru_advance", as_of=D(2025, 11, 3))
    st.push(cmd)
    # Wednesday Nov 12: North grows south; Monday Dec 1: the railway zone turns red; Nov 20: South ends.
    st.push(edit_zone(p, ids["north"], D(2025, 11, 12), geometry=box(37.10, 48.28, 37.20, 48.35)))
    st.push(edit_zone(p, ids["rail"], D(2025, 12, 1), status="ru_control"))
    st.push(end_zone(p, ids["south"], D(2025, 11, 20)))
    src = Source("s1", "Ministry of Defence", published=D(2025, 12, 1), kind="official", reliability="D")
    st.push(put_record(p, "sources", src, "Add source"))
    q1 = Quote("q1", "s1", "Units have fully liberated the town.\nThe flag was raised.", speaker="spokesman",
               said_on=D(2025, 12, 1), credibility=5)
    q2 = Quote("q2", "s1", "Fighting continues near the station.", said_on=D(2025, 11, 30), credibility=3)
    st.push(put_record(p, "quotes", q1, "Add quote"))
    st.push(put_record(p, "quotes", q2, "Add quote"))
    new_rail = p.version_at(ids["rail"], D(2025, 12, 1)).id
    st.push(link_quote(p, "q1", new_rail, "supports")[0])
    st.push(link_quote(p, "q2", new_rail, "contradicts")[0])
    return p, ids


def test_week_of_a_status_change_counts_the_whole_zone():
    p, ids = _built()
    rows = changes_in_step(p, D(2025, 12, 1), WEEK)
    assert [r.zone_id for r in rows] == [ids["rail"]]
    r = rows[0]
    assert (r.old_status, r.new_status) == ("contested", "ru_control")
    whole = area_km2(box(37.20, 48.25, 37.30, 48.30))
    assert r.gained_km2 == pytest.approx(whole) and r.lost_km2 == pytest.approx(whole)
    assert 25 < whole < 45  # 0.1° x 0.05° at 48°N is about 37 km²
    assert r.quote_count == 2 and r.changed_on == D(2025, 12, 1)
    assert r.assessment_name == "Our assessment"


def test_mid_week_growth_shows_in_the_next_monday_frame():
    p, ids = _built()
    # The frame of Monday Nov 17 shows what changed after Monday Nov 10: the Nov 12 growth and
    # nothing of the Nov 20 end yet.
    rows = changes_in_step(p, D(2025, 11, 17), WEEK)
    assert [r.zone_id for r in rows] == [ids["north"]]
    r = rows[0]
    assert r.old_status == r.new_status == "ru_control"
    assert r.gained_km2 == pytest.approx(area_km2(box(37.10, 48.28, 37.20, 48.30)))
    assert r.lost_km2 == pytest.approx(0.0, abs=1e-9)
    assert r.changed_on == D(2025, 11, 12) and r.quote_count == 0
    # A cursor typed on Wednesday Nov 12 sees the change since that week's Monday.
    assert [r.zone_id for r in changes_in_step(p, D(2025, 11, 12), WEEK)] == [ids["north"]]
    assert changes_in_step(p, D(2025, 11, 11), WEEK) == []


def test_an_ended_zone_is_all_lost():
    p, ids = _built()
    rows = changes_in_step(p, D(2025, 11, 24), WEEK)
    assert [(r.zone_id, r.old_status, r.new_status) for r in rows] == [(ids["south"], "ru_advance", None)]
    assert rows[0].gained_km2 == 0 and rows[0].lost_km2 > 0 and rows[0].changed_on == D(2025, 11, 20)


def test_month_and_day_steps():
    p, ids = _built()
    # The December frame shows what changed after Nov 1: North and Railway did not exist then,
    # so they are new (Railway already red); South came and went in between, so neither end of
    # the step shows it and it is not listed.
    rows = changes_in_step(p, D(2025, 12, 1), MONTH)
    assert {r.zone_id: (r.old_status, r.new_status) for r in rows} == {
        ids["north"]: (None, "ru_control"), ids["rail"]: (None, "ru_control")}
    assert all(r.lost_km2 == 0 and r.gained_km2 > 0 for r in rows)
    assert [r.zone_id for r in changes_in_step(p, D(2025, 12, 1), DAY)] == [ids["rail"]]
    assert changes_in_step(p, D(2025, 12, 2), DAY) == []


def test_captions_are_the_quotes_of_versions_starting_in_the_step():
    p, ids = _built()
    caps = captions_in_step(p, D(2025, 12, 1), WEEK)
    # Supporting first (q1, said later), then contradicting (q2), whatever the dates said.
    assert [c.quote_id for c in caps] == ["q1", "q2"]
    assert [c.stance for c in caps] == ["supports", "contradicts"]
    line = caps[0].line()
    assert line.startswith("\u2713 Ministry of Defence (D5), 2025-12-01")
    assert caps[1].line().startswith("\u2717 ")
    assert "spokesman: " in line and "\n" not in line
    assert captions_in_step(p, D(2025, 12, 8), WEEK) == []
    assert captions_in_step(p, D(2025, 11, 17), WEEK) == []


def test_excerpt_cuts_on_words():
    assert excerpt("a  b\nc") == "a b c"
    text = "word " * 100
    out = excerpt(text, 40)
    assert len(out) <= 40 and out.endswith("\u2026") and not out[:-1].endswith(" ")


def test_observations_fade_over_kept_steps():
    p = Project()
    st = CommandStack(p)
    for i, d in enumerate([D(2025, 11, 20), D(2025, 11, 25), D(2025, 12, 2)]):
        st.push(put_record(p, "observations", Observation(f"o{i}", "video", Point(37.2, 48.3), d), "obs"))
    assert [o.id for o, _ in observations_in_step(p, D(2025, 12, 1), WEEK)] == ["o2"]
    shown = observations_in_step(p, D(2025, 12, 1), WEEK, keep_steps=2)
    assert [(o.id, round(a, 3)) for o, a in shown] == [("o0", 0.333), ("o1", 0.667), ("o2", 1.0)]


def _pokrovsk(shared_data, weeks: int | None = None) -> tuple[Project, str, list]:
    p, _, _, zid, dates = pokrovsk_series(shared_data, weeks)
    # A version holds until the next one, so the shape on each file's date is that file's.
    return p, zid, [(d, p.version_at(zid, d).geometry) for d in dates]


def test_real_pokrovsk_weeks(shared_data):
    p, zid, geoms = _pokrovsk(shared_data)
    assert len(geoms) == 18
    weeks = steps_between(*p.date_range(), WEEK)
    assert weeks[0] == D(2025, 9, 1) and weeks[-1] == D(2025, 12, 29)
    total_gain = 0.0
    for (d0, g0), (d1, g1) in zip(geoms, geoms[1:]):
        rows = changes_in_step(p, d1, WEEK)
        if g0.equals_exact(g1, 0):
            assert rows == []
            continue
        assert len(rows) == 1 and rows[0].zone_id == zid
        assert rows[0].gained_km2 == pytest.approx(area_km2(g1.difference(g0)), rel=1e-9)
        assert rows[0].lost_km2 == pytest.approx(area_km2(g0.difference(g1)), rel=1e-9)
        total_gain += rows[0].net_km2
    # Net changes add up to the difference of the first and last week's areas, up to about 1%:
    # geodesic edges are not lon/lat straight lines, so cutting a long edge (the AOI's southern
    # parallel, 60 km) into pieces changes the area a little.
    assert total_gain == pytest.approx(area_km2(geoms[-1][1]) - area_km2(geoms[0][1]), rel=0.01)
    assert total_gain > 10  # the advance on Pokrovsk over the autumn


def _same_as_area_series(p: Project, dates: list) -> None:
    table = area_table(p, dates)
    for i, (d, areas) in enumerate(p.area_series(dates)):
        for key in set(areas) | set(table):
            got = float(table[key][i]) if key in table else 0.0
            assert got == pytest.approx(areas.get(key, 0.0), rel=1e-9, abs=1e-9), (d, key)


def test_area_table_matches_area_series_on_built_data():
    p, ids = _built()
    # Overlapping claims are measured as a union, not a sum.
    aid = next(iter(p.assessments))
    st = CommandStack(p)
    for i in range(2):
        cmd, _ = create_zone(p, name=f"Claim {i}", assessment_id=aid, geometry=box(37.0 + 0.05 * i, 48.2, 37.1 + 0.05 * i, 48.3),
                             status="ru_claim", as_of=D(2025, 11, 10 + 7 * i))
        st.push(cmd)
    days = steps_between(D(2025, 10, 27), D(2025, 12, 15), DAY)
    _same_as_area_series(p, days)
    assert area_table(p, []) == {}
    claim = area_table(p, [D(2025, 11, 20)])[(aid, "ru_claim")][0]
    assert claim == pytest.approx(area_km2(box(37.0, 48.2, 37.15, 48.3)))


def test_area_table_matches_area_series_on_real_weeks(shared_data):
    p, _, _ = _pokrovsk(shared_data)
    _same_as_area_series(p, steps_between(*p.date_range(), WEEK))


def test_frame_captions_put_quotes_under_their_change():
    p, ids = _built()
    lines = frame_captions(p, D(2025, 12, 1), WEEK)
    assert lines[0] == ("Railway: Contested / grey zone \u2192 Russian-controlled (assessed), "
                        f"{area_km2(box(37.20, 48.25, 37.30, 48.30)):,.1f} km\u00b2")
    # Under it, each quote with its stance's mark, the supporting one first.
    assert lines[1].startswith("\u21b3 \u2713 Ministry of Defence (D5), 2025-12-01")
    assert lines[2].startswith("\u21b3 \u2717 Ministry of Defence (D3), 2025-11-30")
    assert "flag was raised" in lines[1] and "Fighting continues" in lines[2]
    assert len(lines) == 3
    assert frame_captions(p, D(2025, 12, 1), WEEK, max_lines=2) == lines[:2]
    ended = frame_captions(p, D(2025, 11, 24), WEEK)[0]
    assert ended.startswith("South: ended, was Russian advance") and "))" not in ended
    assert frame_captions(p, D(2025, 12, 8), WEEK) == ()


def test_remembered_differences_follow_edits():
    p, ids = _built()
    st = CommandStack(p)
    first = changes_in_step(p, D(2025, 11, 17), WEEK)[0].gained_km2
    assert changes_in_step(p, D(2025, 11, 17), WEEK)[0].gained_km2 == first
    # Reshaping the Nov 12 version keeps its id; the remembered figure must not be reused.
    st.push(edit_zone(p, ids["north"], D(2025, 11, 12), geometry=box(37.10, 48.25, 37.20, 48.35)))
    again = changes_in_step(p, D(2025, 11, 17), WEEK)[0]
    assert again.new_version_id is not None
    assert again.gained_km2 == pytest.approx(area_km2(box(37.10, 48.25, 37.20, 48.30)))
    assert again.gained_km2 > first


_STATUSES = ("ru_control", "contested", "ru_advance")


@settings(max_examples=25)
@given(hst.lists(hst.tuples(hst.integers(0, 4), hst.integers(0, 3), hst.integers(0, 3), hst.integers(1, 3),
                            hst.integers(0, 2), hst.integers(0, 60)), min_size=1, max_size=8),
       hst.integers(0, 70), hst.sampled_from((DAY, WEEK, MONTH)))
def test_rows_add_up_to_the_change_in_area_per_status(edits, day, step):
    """Whatever the edits, the rows' gains and losses per status add up to the chart's change."""
    p = Project()
    stack = CommandStack(p)
    cmd, aid = add_assessment(p, "A")
    stack.push(cmd)
    zones: list[str] = []
    start = D(2025, 10, 1)
    for zi, x, y, size, si, offset in edits:
        g = box(37.0 + 0.01 * x, 48.0 + 0.01 * y, 37.0 + 0.01 * (x + size), 48.0 + 0.01 * (y + size))
        when = start + timedelta(days=offset)
        try:
            if zi < len(zones):
                stack.push(edit_zone(p, zones[zi], when, geometry=g, status=_STATUSES[si]))
            else:
                cmd, zid = create_zone(p, name=f"z{len(zones)}", assessment_id=aid, geometry=g,
                                       status=_STATUSES[si], as_of=when)
                stack.push(cmd)
                zones.append(zid)
        except EditError:
            pass  # e.g. a shape wholly inside others: not an edit the property is about
    d = start + timedelta(days=day)
    a, b = step_interval(d, step)
    before, after = p.areas_at(a), p.areas_at(b)
    net: dict[str, float] = {}
    for r in changes_in_step(p, d, step):
        if r.new_status:
            net[r.new_status] = net.get(r.new_status, 0.0) + r.gained_km2
        if r.old_status:
            net[r.old_status] = net.get(r.old_status, 0.0) - r.lost_km2
    for s in _STATUSES:
        expected = after.get((aid, s), 0.0) - before.get((aid, s), 0.0)
        assert net.get(s, 0.0) == pytest.approx(expected, abs=1e-6, rel=1e-6), s
