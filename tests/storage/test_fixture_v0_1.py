"""A project file written by Frontline 0.1 (tests/fixtures/project_v0_1.gpkg, kept as it was
written: never regenerate it) opens, edits and saves with every later version.

It was made once with the code at commit 8d21551: `support.builders.populate` on a new project
file, then a third zone ("Myrnohrad": contested from Nov 1, Russian advance from Nov 24 recorded
Nov 26, Russian-controlled from Dec 1, with a supporting and a contradicting quote from two
sources), and a fourth ("Corridor") ended on Dec 8; then closed. Tests open copies of it only.
"""
from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import box

from desktop.model import CommandStack, edit_zone
from desktop.model.edits import set_version_fields
from desktop.model.entities import Quote
from desktop.model.evidence_commands import link_quote
from desktop.model.record_commands import put_record
from desktop.storage.project.projectfile import close_project, open_project

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "project_v0_1.gpkg"
FIXTURE_SHA256 = "a92b63a22674529a9b7e01d3e98405a12297008a8dbbc88e86ceb1e9099a737c"


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture
def copy(tmp_path) -> Path:
    dest = tmp_path / "v0_1.gpkg"
    shutil.copyfile(FIXTURE, dest)
    return dest


def _zone(project, name: str) -> str:
    return next(z.id for z in project.zones.values() if z.name == name)


def test_the_fixture_is_what_0_1_wrote():
    # A fixture rewritten by a later version would prove nothing about old files.
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() == FIXTURE_SHA256


def test_it_opens_read_only_as_it_was_written_and_stays_untouched(copy):
    before = fingerprint(copy)
    p = open_project(copy, read_only=True)
    counts = {t: len(p.table(t)) for t in ("zones", "versions", "sources", "quotes", "evidence",
                                            "attachments", "observations", "assessments")}
    assert counts == {"zones": 4, "versions": 7, "sources": 2, "quotes": 2, "evidence": 3, "attachments": 1,
                      "observations": 2, "assessments": 1}
    m = p.versions_of(_zone(p, "Myrnohrad"))
    assert [(v.valid_from, v.status, v.confidence, v.recorded_on) for v in m] == [
        (date(2025, 11, 1), "contested", "low", None),
        (date(2025, 11, 24), "ru_advance", "medium", date(2025, 11, 26)),
        (date(2025, 12, 1), "ru_control", "medium", date(2025, 11, 26))]
    south = p.versions_of(_zone(p, "Pokrovsk south"))
    assert south[0].approximate and south[0].notes == "<b>not bold</b>"
    assert sorted((p.quotes[e.quote_id].text[:12], e.stance) for e in p.evidence_for(m[2].id)) == [
        ("It's stupid ", "supports"), ("Pokrovsk has", "contradicts")]
    assert p.attachments["a1"].data == b"\x89PNG\x00\x01"
    close_project(p)
    assert fingerprint(copy) == before


def test_it_opens_edits_saves_and_reopens(copy):
    p = open_project(copy)
    assert not p.read_only
    st = CommandStack(p)
    z = _zone(p, "Myrnohrad")
    st.push(edit_zone(p, z, date(2025, 12, 8), geometry=box(37.6, 48.25, 37.75, 48.37)))
    st.push(set_version_fields(p, p.version_at(z, date(2025, 12, 8)).id, notes="encircled", confidence="high"))
    st.push(put_record(p, "quotes", Quote("q3", "s2", "Myrnohrad is surrounded", credibility=2), "q3"))
    st.push(link_quote(p, "q3", p.version_at(z, date(2025, 12, 8)).id, "supports")[0])
    st.undo()  # the link goes again; the rest stays
    snap = p.snapshot()
    close_project(p)

    again = open_project(copy)
    assert again.snapshot() == snap
    v = again.version_at(z, date(2025, 12, 8))
    assert (v.notes, v.confidence, v.valid_from) == ("encircled", "high", date(2025, 12, 8))
    assert again.version_at(z, date(2025, 12, 7)).notes == "grey zone"
    # The reshape's version continues the 0.1 one: its links came along (issue #14); q3's went again.
    carried = {(e.quote_id, e.stance) for e in again.evidence_for(v.id)}
    assert carried == {(e.quote_id, e.stance) for e in again.evidence_for(again.version_at(z, date(2025, 12, 7)).id)}
    assert "q3" in again.quotes and "q3" not in {q for q, _ in carried}
    close_project(again)
