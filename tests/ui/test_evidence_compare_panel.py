"""The compare panel lists claims and assessment disagreements and exposes their geometries."""
from __future__ import annotations

from datetime import date

import pytest

from desktop.model.edits import create_zone, edit_zone
from desktop.model.geodesy import area_km2
from desktop.model.evidence_commands import link_quote
from desktop.model.cursor import TimelineCursor
from desktop.ui.compare.panel import MODE_ASSESSMENTS, MODE_CLAIMS, ComparePanel

from model.test_evidence_scenario import CITY, NORTH, SOUTH, scenario

D = date(2025, 12, 1)


def test_claims_mode_lists_the_disputed_claim_with_quotes(qtbot):
    p, st, ids = scenario()
    st.push(link_quote(p, ids["putin"], ids["claim_v"], "supports")[0])
    st.push(link_quote(p, ids["denial"], ids["claim_v"], "contradicts")[0])
    panel = ComparePanel(p, st, cursor=TimelineCursor(p))
    qtbot.addWidget(panel)
    got = []
    panel.sigShapesChanged.connect(got.append)
    panel.cursor.set_date(D)
    panel.set_mode(MODE_CLAIMS, ids["ours"])
    [shape] = panel.shapes()
    assert shape.role == "claim" and shape.key == ids["claim_v"]
    assert shape.km2 == pytest.approx(area_km2(NORTH), rel=1e-6)
    assert shape.geometry.symmetric_difference(NORTH).area < 1e-12
    assert got[-1] == panel.shapes()
    top = panel.tree.topLevelItem(0)
    assert "Russian claim: Pokrovsk" in top.text(0)
    texts = [top.child(i).text(0) for i in range(top.childCount())]
    assert texts[0].startswith("assessed: Contested")
    assert "For the claim (1)" in texts and "For the assessment (1)" in texts
    picked = []
    panel.sigShapeSelected.connect(picked.append)
    panel.tree.setCurrentItem(top)
    assert picked == [shape]


def test_assessments_mode_per_status_and_series(qtbot):
    p, st, ids = scenario()
    cmd, z = create_zone(p, name="DS occupied", assessment_id=ids["deepstate"], geometry=SOUTH,
                         status="ru_control", as_of=date(2025, 11, 24))
    st.push(cmd)
    st.push(edit_zone(p, z, D, geometry=CITY))
    panel = ComparePanel(p, st, cursor=TimelineCursor(p))
    qtbot.addWidget(panel)
    panel.cursor.set_date(D)
    panel.set_mode(MODE_ASSESSMENTS, ids["ours"], ids["deepstate"])
    roles = {(s.status, s.role): s.km2 for s in panel.shapes()}
    assert roles == {("ru_control", "only_b"): pytest.approx(area_km2(NORTH), rel=1e-6),
                     ("contested", "only_a"): pytest.approx(area_km2(NORTH), rel=1e-6)}
    series = panel.series()
    assert [d for d, _ in series] == [date(2025, 11, 24), date(2025, 12, 1)]
    assert set(series[0][1]) == {"contested"} and set(series[1][1]) == {"contested", "ru_control"}
    # Undoing the DeepState edit changes the list once the panel recomputes.
    st.undo()
    panel.recompute()
    assert {(s.status, s.role) for s in panel.shapes()} == {("contested", "only_a")}


def test_the_disagreement_series_is_drawn_in_the_panel_chart(qtbot):
    p, st, ids = scenario()
    cmd, z = create_zone(p, name="DS occupied", assessment_id=ids["deepstate"], geometry=SOUTH,
                         status="ru_control", as_of=date(2025, 11, 24))
    st.push(cmd)
    st.push(edit_zone(p, z, D, geometry=CITY))
    panel = ComparePanel(p, st, cursor=TimelineCursor(p))
    qtbot.addWidget(panel)
    panel.show()
    panel.cursor.set_date(D)
    panel.set_mode(MODE_CLAIMS, ids["ours"])
    assert not panel.chart.isVisible()  # claims mode has no series
    panel.set_mode(MODE_ASSESSMENTS, ids["ours"], ids["deepstate"])
    assert panel.chart.isVisible()
    assert set(panel.chart.curves) == {"contested", "ru_control"}
    xs, ys = panel.chart.curves["ru_control"].getData()
    assert list(ys) == [pytest.approx(v.get("ru_control", 0.0)) for _, v in panel.series()]
    assert ys[-1] == pytest.approx(area_km2(NORTH), rel=1e-6) and ys[0] == 0
    assert panel.chart.cursor_line.value() == xs[-1]


def test_a_hidden_panel_waits_until_it_is_shown(qtbot):
    p, st, ids = scenario()
    panel = ComparePanel(p, st, cursor=TimelineCursor(p))
    qtbot.addWidget(panel)
    calls = []
    real = panel.recompute
    panel.recompute = lambda: (calls.append(1), real())[1]
    panel.cursor.set_date(D)
    qtbot.wait(20)
    assert calls == []  # never shown: nothing computed
    panel.show()
    qtbot.waitUntil(lambda: calls == [1], timeout=2000)
    assert panel.tree.topLevelItemCount() > 0
