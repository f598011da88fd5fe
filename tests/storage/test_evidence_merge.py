"""A colleague's project merged with its evidence (#16, item 4): importing a Frontline project, or
its GeoJSON or KML export, brings its sources, quotes, links and attachments along; what the
project already has is matched, not made twice; the report says which; one undo takes it all
away; and export then import into an empty project gives the same evidence CSV."""
from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import Point, box, mapping

from desktop.model import CommandStack, Project, add_assessment, create_zone
from desktop.model.entities import Quote, Source
from desktop.model.evidence_commands import link_quote
from desktop.model.record_commands import put_record
from desktop.storage.exports.csv_write import write_csv
from desktop.storage.exports.exporter import export_project
from desktop.storage.imports.importer import import_files
from desktop.storage.project.projectfile import close_project, open_project

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "pokrovsk_myrnohrad_2025.gpkg"
IDS = ("source_id", "quote_id", "target_id")  # differ from project to project
HOSTILE = '<script>alert("x")</script>\n</description>]]> & \'quoted\' "words"\r\n\ttab <b>bold</b>'


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample project (read-only) and its GeoJSON and KML history exports."""
    d = tmp_path_factory.mktemp("sample")
    p = open_project(SAMPLE, read_only=True)
    export_project(p, d / "history.geojson")
    export_project(p, d / "history.kml")
    shutil.copy(SAMPLE, d / "colleague.gpkg")
    write_csv(p, d / "evidence.csv")
    yield p, d
    close_project(p)


def _csv_rows(project: Project, path: Path) -> set[tuple[str, ...]]:
    """The evidence CSV's rows with the ids left out (the target stays named by zone and date)."""
    write_csv(project, path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    drop = [head.index(c) for c in IDS]
    return {tuple("" if i in drop else c for i, c in enumerate(r)) for r in rows[1:]}


def _counts(p: Project) -> tuple[int, int, int, int]:
    return len(p.sources), len(p.quotes), len(p.evidence), len(p.attachments)


def _quoteless_sources(p: Project) -> set[str]:
    quoted = {q.source_id for q in p.quotes.values()}
    return {s.outlet for s in p.sources.values() if s.id not in quoted}


# -- (a) the round trip ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["history.geojson", "history.kml"])
def test_an_export_imported_into_an_empty_project_gives_the_same_evidence_csv(sample, tmp_path, name):
    src, d = sample
    want = _csv_rows(src, tmp_path / "want.csv")
    p = Project()
    report = import_files(p, [d / name], assessment="Colleague")
    got = _csv_rows(p, tmp_path / "got.csv")
    # Each feature carries the quotes behind it; a source with no quote at all ("Own assessment",
    # the basis of the analyst's interpolation) has no feature to travel with: the GeoJSON
    # collection (`frontline.loose_evidence`) and the KML Document's ExtendedData carry it.
    lost: set[str] = set()
    assert _quoteless_sources(src) == {"Own assessment"}
    assert got == {r for r in want if r[1] not in lost}
    assert (len(p.sources), len(p.quotes), len(p.evidence)) == (len(src.sources) - len(lost), 31, 149)
    # No "Map data" source of the file: the features say what backs them.
    assert not any(q.text.startswith("Map data: ") for q in p.quotes.values())
    assert report.evidence_sources == (len(src.sources) - len(lost), 0) and report.evidence_quotes == (31, 0)
    assert report.evidence_links == 149
    line = report.summary()
    n = len(src.sources) - len(lost)
    assert "\n" not in line and line.endswith(f"; evidence: {n} sources ({n} new), 31 quotes (31 new), 149 links")


def test_a_project_file_imported_into_an_empty_project_gives_the_same_evidence_csv(sample, tmp_path):
    src, d = sample
    p = Project()
    report = import_files(p, [d / "colleague.gpkg"], assessment="Colleague")
    assert _csv_rows(p, tmp_path / "got.csv") == _csv_rows(src, tmp_path / "want.csv")
    assert _counts(p) == (13, 31, 149, 1)
    assert report.summary().endswith(
        "; evidence: 13 sources (13 new), 31 quotes (31 new), 149 links, 1 attachment (1 new)")
    # The attachment comes whole, under the same source; the colleague's notes on sources too.
    [a] = src.attachments.values()
    [b] = p.attachments.values()
    assert (b.filename, b.mime, b.data, b.authenticity, b.notes) == (a.filename, a.mime, a.data, a.authenticity,
                                                                     a.notes)
    assert p.sources[b.source_id].outlet == src.sources[a.source_id].outlet
    notes = {s.outlet: s.notes for s in src.sources.values()}
    assert all(s.notes == notes[s.outlet] for s in p.sources.values())
    # Observations get their links too (11 in the sample).
    assert sum(1 for e in p.evidence.values() if e.target_id in p.observations) == 11


def test_export_import_export_keeps_every_evidence_field(sample, tmp_path):
    src, d = sample
    p = Project()
    import_files(p, [d / "history.geojson"], assessment="Colleague")
    export_project(p, tmp_path / "again.geojson")

    def evidence_of(path: Path) -> list:
        skip = {"source_id", "quote_id"}
        out = []
        for f in json.loads(path.read_text())["features"]:
            props = f["properties"]
            key = (props["name"], props.get("valid_from") or props.get("date"))
            out.append((key, sorted(json.dumps({k: v for k, v in e.items() if k not in skip}, sort_keys=True)
                                    for e in props["evidence"])))
        return sorted(out)
    assert evidence_of(tmp_path / "again.geojson") == evidence_of(d / "history.geojson")


# -- (b) matched, not made twice ------------------------------------------------------------------
@pytest.mark.parametrize("name", ["history.geojson", "history.kml", "colleague.gpkg"])
def test_importing_twice_matches_rather_than_duplicates(sample, tmp_path, name):
    _, d = sample
    p = Project()
    import_files(p, [d / name], assessment="Colleague")
    sources, quotes, links, attachments = _counts(p)
    report = import_files(p, [d / name], assessment="Colleague again")
    assert (len(p.sources), len(p.quotes), len(p.attachments)) == (sources, quotes, attachments)
    assert len(p.evidence) == 2 * links  # the second import's versions are backed as the first's
    assert report.evidence_sources == (0, sources) and report.evidence_quotes == (0, quotes)
    tail = report.summary().split("; ")[-1]
    assert tail.startswith(f"evidence: {sources} sources ({sources} matched), {quotes} quotes ({quotes} matched), "
                           f"{links} links"), tail


def test_a_source_is_matched_by_outlet_and_url_whatever_the_case_and_spacing(sample, tmp_path):
    src, d = sample
    p = Project()
    p.apply(put_record(p, "sources", Source("mine", "  kyiv  INDEPENDENT ", url="HTTPS://kyivindependent.com/ ",
                                            reliability="A"), "s").changes)
    # A source without a URL matches by outlet and title.
    p.apply(put_record(p, "sources", Source("mod", "Russian ministry of defence",
                                            title="Video:  flag unfurled on Shybankova Square"), "s").changes)
    p.apply(put_record(p, "sources", Source("other", "Kremlin (President Putin)", title="Another claim"), "s").changes)
    report = import_files(p, [d / "history.geojson"], assessment="Colleague")
    assert report.evidence_sources == (11, 2)  # "Own assessment" (no quote) comes from the collection
    assert p.sources["mine"].reliability == "A"  # the analyst's own record stays as it was
    ki = sorted(q.text for q in p.quotes.values() if q.source_id == "mine")
    assert ki and ki == sorted(q.text for q in src.quotes.values() if q.source_id == "src-ki")
    assert [q for q in p.quotes.values() if q.source_id == "mod"]
    assert not [q for q in p.quotes.values() if q.source_id == "other"]
    assert "evidence: 13 sources (11 new, 2 matched)" in report.summary()


# -- (c) one undo ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["history.geojson", "colleague.gpkg"])
def test_undo_takes_all_of_it_away(sample, name):
    _, d = sample
    p = Project()
    stack = CommandStack(p)
    stack.push(put_record(p, "sources", Source("mine", "Kyiv Independent", url="https://kyivindependent.com/"), "s"))
    stack.push(put_record(p, "quotes", Quote("q", "mine", "words"), "q"))
    before = p.snapshot()
    import_files(p, [d / name], assessment="Colleague", stack=stack)
    assert len(p.evidence) == 149 and len(p.quotes) == 32
    stack.undo()
    assert p.snapshot() == before
    stack.redo()
    assert len(p.evidence) == 149


# -- (d) hostile text -----------------------------------------------------------------------------
def _project_with_hostile_quote() -> Project:
    p = Project()
    stack = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    stack.push(cmd)
    cmd, zid = create_zone(p, name="z <i>", assessment_id=aid, geometry=box(37, 48, 37.05, 48.05),
                           status="ru_control", as_of=date(2025, 11, 3))
    stack.push(cmd)
    stack.push(put_record(p, "sources", Source("s1", "Outlet </a>", title="T \"1\"", url="https://x.test/?a=1&b=<2>",
                                               published=date(2025, 11, 2), kind="social", reliability="E"), "s"))
    stack.push(put_record(p, "quotes", Quote("q1", "s1", HOSTILE, speaker="Mr <b>X</b>\n", said_on=date(2025, 11, 1),
                                             language="ru", translation="]]><x/>", credibility=4), "q"))
    stack.push(link_quote(p, "q1", p.version_at(zid, date(2025, 11, 3)).id, "contradicts")[0])
    return p


@pytest.mark.parametrize("suffix", [".geojson", ".kml"])
def test_a_hostile_quote_survives_the_round_trip_as_text(tmp_path, suffix):
    src = _project_with_hostile_quote()
    out = tmp_path / f"export{suffix}"
    export_project(src, out)
    p = Project()
    import_files(p, [out], assessment="Colleague")
    [q] = p.quotes.values()
    [s] = p.sources.values()
    [e] = p.evidence.values()
    assert (q.text, q.speaker, q.said_on, q.language, q.translation, q.credibility) == (
        HOSTILE, "Mr <b>X</b>\n", date(2025, 11, 1), "ru", "]]><x/>", 4)
    assert (s.outlet, s.title, s.url, s.published, s.kind, s.reliability) == (
        "Outlet </a>", "T \"1\"", "https://x.test/?a=1&b=<2>", date(2025, 11, 2), "social", "E")
    assert e.stance == "contradicts" and p.zones[p.versions[e.target_id].zone_id].name == "z <i>"
    assert _csv_rows(p, tmp_path / "got.csv") == _csv_rows(src, tmp_path / "want.csv")


# -- other files ----------------------------------------------------------------------------------
def _fc(*features) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def _feature(geom, **props) -> dict:
    return {"type": "Feature", "geometry": mapping(geom), "properties": props}


def test_an_older_export_without_the_new_fields_still_brings_its_quotes(tmp_path):
    old = {"source": "General Staff", "published": "2025-12-02", "reliability": "C", "credibility": 3,
           "speaker": "", "quote": "Pokrovsk is held", "stance": "contradicts"}
    f = tmp_path / "old.geojson"
    f.write_text(json.dumps(_fc(
        _feature(box(37, 48, 37.05, 48.05), status="ru_control", valid_from="2025-12-01", evidence=[old]),
        _feature(box(37.1, 48, 37.15, 48.05), status="ru_control", valid_from="2025-12-01", evidence=[old, old]),
        _feature(Point(37.2, 48.1), kind="flag", date="2025-12-01", evidence=[dict(old, stance="supports")]))))
    p = Project()
    report = import_files(p, [f], assessment="Old")
    [s] = p.sources.values()
    [q] = p.quotes.values()
    assert (s.outlet, s.published, s.reliability, q.text, q.credibility) == (
        "General Staff", date(2025, 12, 2), "C", "Pokrovsk is held", 3)
    stances = sorted((e.stance, e.target_id in p.observations) for e in p.evidence.values())
    assert stances == [("contradicts", False), ("contradicts", False), ("supports", True)]
    assert report.evidence_links == 3


def test_unreadable_evidence_is_reported_and_the_file_still_backs_its_zones(tmp_path):
    f = tmp_path / "odd.geojson"
    f.write_text(json.dumps(_fc(
        _feature(box(37, 48, 37.05, 48.05), status="ru_control", valid_from="2025-12-01", evidence="not json ["),
        _feature(box(37.1, 48, 37.15, 48.05), status="ru_control", valid_from="2025-12-01",
                 evidence=[1, {"quote": "x", "stance": "maybe"}, {"quote": "", "stance": "supports"}]))))
    p = Project()
    report = import_files(p, [f], assessment="Odd")
    assert any("1 feature(s) with an evidence property that is not a list" in m for m in report.messages)
    assert any("3 evidence item(s) without a quote text or a known stance" in m for m in report.messages)
    # The first feature said nothing readable: its file's quote backs it, as for any file.
    texts = sorted(p.quotes[e.quote_id].text for e in p.evidence.values())
    assert texts == ["Map data: odd.geojson"]


def test_a_file_without_evidence_is_backed_by_its_file_as_before(tmp_path):
    f = tmp_path / "plain.geojson"
    f.write_text(json.dumps(_fc(_feature(box(37, 48, 37.05, 48.05), status="ru_control", valid_from="2025-12-01"))))
    p = Project()
    report = import_files(p, [f], assessment="Plain")
    [q] = p.quotes.values()
    assert q.text == "Map data: plain.geojson" and len(p.evidence) == 1
    assert "evidence:" not in report.summary()


def test_deeply_nested_evidence_text_is_refused_not_a_crash(tmp_path):
    f = tmp_path / "deep.geojson"
    f.write_text(json.dumps(_fc(_feature(box(37, 48, 37.05, 48.05), status="ru_control", valid_from="2025-12-01",
                                         evidence="[" * 100_000 + "]" * 100_000))))
    p = Project()
    report = import_files(p, [f], assessment="Deep")
    assert any("not a list of quotes" in m for m in report.messages)
    assert len(p.versions) == 1


def test_two_files_of_one_name_are_not_mixed_up(tmp_path):
    src = _project_with_hostile_quote()
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        export_project(src, tmp_path / sub / "same.geojson")
    p = Project()
    report = import_files(p, [tmp_path / "a" / "same.geojson", tmp_path / "b" / "same.geojson"], assessment="Two")
    assert sum("another file of this import has the same name" in m for m in report.messages) == 2
    assert all(p.quotes[e.quote_id].text == "Map data: same.geojson" for e in p.evidence.values())
