"""Evidence grouped by stance, badges, map marks."""
from __future__ import annotations

from datetime import date

from desktop.model.evidence_commands import add_quote, edit_quote
from desktop.model.evidence_queries import (MARK_CONTRADICTED, MARK_NO_EVIDENCE, admiralty_code,
                                            admiralty_meaning, evidence_by_stance, marks_at, quote_badge,
                                            quote_counts, resolve_target, target_label, version_marks)
from desktop.model.evidence_commands import link_quote

from model.test_evidence_scenario import scenario


def test_badge_is_reliability_then_credibility_with_meaning():
    p, st, ids = scenario()
    code, meaning = quote_badge(p, p.quotes[ids["denial"]])
    assert code == "B2" == admiralty_code("B", 2)
    assert "usually reliable" in meaning and "probably true" in meaning
    assert "cannot be judged" in admiralty_meaning("F", 6)


def test_evidence_grouped_by_stance_newest_first():
    p, st, ids = scenario()
    for q, stance in (("putin", "contradicts"), ("denial", "supports"), ("pilot", "supports"),
                      ("flag", "context")):
        st.push(link_quote(p, ids[q], ids["north_v"], stance)[0])
    cmd, undated = add_quote(p, ids["ki"], "no date here")
    st.push(cmd)
    st.push(edit_quote(p, undated, said_on=None))
    st.push(link_quote(p, undated, ids["north_v"], "supports")[0])
    g = evidence_by_stance(p, ids["north_v"])
    assert list(g) == ["supports", "contradicts", "context"]
    # pilot said it on Dec 3, the denial on Dec 2; the undated one (its source was published
    # Dec 4, so it takes that date) is newest.
    assert [i.quote.id for i in g["supports"]] == [undated, ids["pilot"], ids["denial"]]
    assert g["supports"][0].when == date(2025, 12, 4)
    assert [i.code for i in g["supports"]] == ["B6", "B3", "B2"]
    assert [i.quote.id for i in g["contradicts"]] == [ids["putin"]]
    assert [i.quote.id for i in g["context"]] == [ids["flag"]]


def test_version_marks_contradicted_and_no_evidence():
    p, st, ids = scenario()
    st.push(link_quote(p, ids["putin"], ids["claim_v"], "supports")[0])
    st.push(link_quote(p, ids["denial"], ids["claim_v"], "contradicts")[0])
    st.push(link_quote(p, ids["pilot"], ids["north_v"], "context")[0])
    m = version_marks(p)
    assert m == {ids["claim_v"]: MARK_CONTRADICTED, ids["south_v"]: MARK_NO_EVIDENCE}
    assert marks_at(p, date(2025, 12, 1)) == m
    assert marks_at(p, date(2025, 1, 1)) == {}  # nothing shown then


def test_counts_labels_and_targets():
    p, st, ids = scenario()
    assert quote_counts(p)[ids["ki"]] == 1
    assert resolve_target(p, ids["claim"], date(2025, 12, 1)) == ids["claim_v"]
    assert resolve_target(p, ids["claim"], date(2025, 1, 1)) is None
    assert resolve_target(p, ids["claim_v"], date(2025, 1, 1)) == ids["claim_v"]
    assert target_label(p, ids["claim_v"]) == "Russian claim: Pokrovsk (2025-11-24 – …)"
