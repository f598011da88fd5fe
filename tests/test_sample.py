"""The bundled sample "Pokrovsk and Myrnohrad, autumn 2025": it opens on a copy, tells the
article's story week by week, backs every assessed line with a quote, and is exactly what its
build script makes."""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from shapely import union_all

from desktop.model.edits import EditError, edit_zone
from desktop.model.evidence_queries import integrity_problems
from desktop.model.geodesy import area_km2
from desktop.model.project import ReadOnlyError
from desktop.model.evidence_commands import supporting_warning
from desktop.storage.project.sample import SAMPLE_TITLE, copy_sample_to, sample_path
from desktop.storage.project.projectfile import close_project, open_project

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT.parent / "shared" / "seed" / "pokrovsk-myrnohrad-article.txt"
FLAG_DAY = date(2025, 12, 3)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    copy = copy_sample_to(tmp_path_factory.mktemp("sample"))
    project = open_project(copy, read_only=True)
    yield project
    close_project(project)


def _assessed(project):
    return [v for v in project.versions.values() if project.tier_of(v.status) == "assessed"]


def _zone_named(project, fragment: str):
    return next(z for z in project.zones.values() if fragment in z.name)


def test_the_sample_opens_on_a_copy_and_the_bundled_file_is_never_written(tmp_path):
    before = _digest(sample_path())
    copy = copy_sample_to(tmp_path)
    assert copy.parent == tmp_path and copy != sample_path()
    project = open_project(copy)
    try:
        assert project.info.title == SAMPLE_TITLE
        assert not project.read_only  # the copy is the analyst's to edit
        v = next(iter(_assessed(project)))
        project.apply(edit_zone(project, v.zone_id, v.valid_from, notes="edited in the copy").changes)
    finally:
        close_project(project)
    assert _digest(sample_path()) == before


def test_a_second_copy_keeps_the_first(tmp_path):
    first = copy_sample_to(tmp_path)
    first.write_bytes(first.read_bytes())  # stands for the analyst's edits
    second = copy_sample_to(tmp_path)
    assert second != first and second.name == "pokrovsk_myrnohrad_2025 (2).gpkg"
    assert copy_sample_to(tmp_path, replace=True) == first


def test_the_bundled_file_opened_read_only_refuses_edits():
    project = open_project(sample_path(), read_only=True)
    try:
        v = next(iter(_assessed(project)))
        with pytest.raises((ReadOnlyError, EditError)):
            project.apply(edit_zone(project, v.zone_id, v.valid_from, notes="x").changes)
    finally:
        close_project(project)


def test_it_spans_at_least_twelve_weekly_steps_on_mondays(sample):
    starts = sorted({v.valid_from for v in _assessed(sample)})
    assert len(starts) >= 12
    assert all(d.weekday() == 0 for d in starts), "assessed versions start on Mondays"
    assert starts[0] <= date(2025, 9, 8) and starts[-1] >= date(2025, 12, 8)
    # weekly: no gap of more than a week between the assessment's steps
    assert max(b - a for a, b in zip(starts, starts[1:])) == timedelta(weeks=1)


def test_zones_have_versions_not_a_new_zone_per_week(sample):
    assert len(sample.zones) <= 12
    assert max(len(sample.versions_of(z)) for z in sample.zones) >= 12


def test_every_assessed_version_has_evidence_and_links_are_sound(sample):
    bare = [v for v in _assessed(sample) if not sample.evidence_for(v.id)]
    assert not bare, [(sample.zones[v.zone_id].name, v.valid_from) for v in bare]
    assert integrity_problems(sample) == []


def test_assessed_zones_never_overlap_on_any_monday(sample):
    d = date(2025, 9, 1)
    while d <= date(2025, 12, 15):
        shapes = [v.geometry for v in sample.state_at(d) if sample.tier_of(v.status) == "assessed"]
        total = sum(area_km2(g) for g in shapes)
        assert total == pytest.approx(area_km2(union_all(shapes)), rel=1e-6, abs=1e-4), d
        d += timedelta(weeks=1)


def test_the_flag_on_shybankova_square_lies_in_the_claim_and_in_assessed_russian_or_grey(sample):
    flag = next(o for o in sample.observations.values() if "Shybankova" in o.name)
    assert flag.date == date(2025, 12, 1)
    state = sample.state_at(FLAG_DAY)
    claims = [v for v in state if v.status == "ru_claim"]
    assert claims and any(v.geometry.contains(flag.geometry) for v in claims)
    held = [v for v in state if v.status in ("ru_control", "contested")]
    assert any(v.geometry.contains(flag.geometry) for v in held)
    # ...and the Ukrainian denial of Dec 2 is there beside it
    assert any(v.status == "ua_claim" and v.valid_from == date(2025, 12, 2) for v in state)


def test_the_corridor_to_myrnohrad_narrows_every_week(sample):
    corridor = _zone_named(sample, "Corridor")
    versions = sample.versions_of(corridor.id)
    assert len(versions) >= 8
    areas = [area_km2(v.geometry) for v in versions]
    assert all(b < a for a, b in zip(areas, areas[1:])), areas
    assert all((b.valid_from - a.valid_from).days == 7 for a, b in zip(versions, versions[1:]))
    assert all(v.status == "corridor" for v in versions)


def test_the_sources_carry_grades_and_the_ai_image_is_marked(sample):
    outlets = " ".join(s.outlet for s in sample.sources.values())
    for name in ("Kyiv Independent", "Ministry of Defence", "General Staff", "DeepState", "Pohorilyi",
                 "drone pilot", "7th Air Assault Corps", "Hromadske", "officer", "425th"):
        assert name in outlets, name
    assert all(s.reliability in "ABCDEF" for s in sample.sources.values())
    assert any(s.kind == "own" and s.notes for s in sample.sources.values())
    fake = [a for a in sample.attachments.values() if a.authenticity == "ai-generated"]
    assert len(fake) == 1 and fake[0].data.startswith(b"\x89PNG") and "STAND-IN" in fake[0].notes
    q425 = next(q for q in sample.quotes.values() if sample.sources[q.source_id].outlet.startswith("425th"))
    assert supporting_warning(sample, q425.id)  # supporting a line with it would be flagged


@pytest.mark.skipif(not ARTICLE.is_file(), reason=f"scenario article {ARTICLE} is absent")
def test_every_quote_is_the_articles_own_words(sample):
    text = re.sub(r"\s+", " ", ARTICLE.read_text(encoding="utf-8"))
    for q in sample.quotes.values():
        assert re.sub(r"\s+", " ", q.text) in text, q.text
        assert len(q.text) <= 200, "short quotes only"


def test_the_committed_file_is_what_the_build_script_makes(shared_data, tmp_path):
    out = tmp_path / "rebuilt.gpkg"
    script = ROOT / "resources" / "samples" / "build_sample.py"
    subprocess.run([sys.executable, str(script), str(out)], check=True, capture_output=True, timeout=300)
    rebuilt, committed = open_project(out, read_only=True), open_project(sample_path(), read_only=True)
    try:
        a, b = rebuilt.snapshot(), committed.snapshot()
        for table in a:
            assert a[table] == b[table], f"table {table} differs: rebuild the sample and commit it"
    finally:
        close_project(rebuilt)
        close_project(committed)


def test_no_deepstate_status_strings_in_resources():
    needle = b"geoJSON.status"
    hits = [p for p in (ROOT / "resources").rglob("*") if p.is_file() and needle in p.read_bytes()]
    assert not hits, hits


def test_the_sample_helper_needs_no_qt():
    code = ("import sys, desktop.storage.project.sample; "
            "sys.exit(any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
