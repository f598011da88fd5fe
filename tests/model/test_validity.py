"""One rule for "in force on a date": `Project.state_at` (one version at a time) and the array
form the renderer's index uses (model/validity.py) answer alike on any set of versions."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import box

from desktop.model import Project
from desktop.model.changes import ChangeBuilder
from desktop.model.entities import Assessment, Zone, ZoneVersion
from desktop.model.validity import spans, state_order, valid_rows

D0 = date(2025, 9, 1)


@st.composite
def _versions(draw):
    rows = []
    for i in range(draw(st.integers(0, 25))):
        length = draw(st.one_of(st.none(), st.integers(1, 15)))
        rows.append((f"z{draw(st.integers(0, 5))}", draw(st.integers(0, 40)), length,
                     draw(st.sampled_from(("ru_control", "contested", "corridor", "not_in_legend"))),
                     draw(st.sampled_from(("a", "b"))), i))
    return rows


def _project(rows) -> Project:
    p = Project()
    b = ChangeBuilder(p)
    for a in ("a", "b"):
        b.put("assessments", a, Assessment(a, a.upper()))
    for z, *_rest, aid, _i in rows:
        b.put("zones", z, Zone(z, z, aid))
    for z, start, length, status, _aid, i in rows:
        frm = D0 + timedelta(days=start)
        b.put("versions", f"v{i:02d}", ZoneVersion(f"v{i:02d}", z, box(i, 0, i + 1, 1), status, frm,
                                                   None if length is None else frm + timedelta(days=length)))
    p.apply(b.build())
    return p


@given(_versions())
def test_state_at_and_the_array_rule_agree_on_every_day(rows):
    p = _project(rows)
    versions = sorted(p.versions.values(), key=state_order(p.legend))
    start, end = spans(versions)
    for k in range(-1, 58):  # every day, so every start and end is met on both sides
        d = D0 + timedelta(days=k)
        by_array = [versions[i] for i in valid_rows(start, end, d).tolist()]
        assert by_array == [v for v in versions if v.valid_on(d)]
        assert by_array == p.state_at(d)
        for aid in ("a", "b"):
            assert p.state_at(d, aid) == [v for v in by_array if p.zones[v.zone_id].assessment_id == aid]
