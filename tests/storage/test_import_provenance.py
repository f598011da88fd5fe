"""Every imported layer says whose it is (#15, item 4): DeepState's data lands in "DeepState",
credited to DeepStateMap.live and worded in DeepState's terms; zones are named by their feature
or "<status> <n>", never by a file; each file is a source whose quote supports every version it
produced, so imported zones are not marked unbacked, while the analyst's own still are. One
undo takes all of it away; importing a file again reuses its source."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import box, mapping

from desktop.model import CommandStack, Project, add_assessment, create_zone
from desktop.model.credits import attributions, status_label
from desktop.model.evidence_queries import MARK_NO_EVIDENCE, version_marks
from desktop.storage.imports.importer import import_files
from desktop.storage.imports.provenance import DEEPSTATE_CREDIT, DEEPSTATE_LABELS

RAW = "frontline/deepstate_raw_pokrovsk_2025"
CYTERAT = "frontline/deepstate_cyterat_pokrovsk_2025"


def _files(shared_data: Path, folder: str, n: int | None = None) -> list[Path]:
    d = shared_data / folder
    files = sorted(d.glob("*.geojson"))[:n]
    if not files:
        pytest.skip(f"no DeepState files in {d}")
    return files


def _no_file_names(project: Project, files: list[Path]) -> None:
    for z in project.zones.values():
        assert z.name.strip()
        for f in files:
            assert f.name not in z.name and f.stem not in z.name, z.name
        assert ".geojson" not in z.name and "(" not in z.name, z.name
        assert not any(z.name.startswith(k + " ") for k in project.legend), z.name  # not "ru_control 3"


def _quote_of(project: Project, file: Path) -> str:
    qs = [q.id for q in project.quotes.values() if q.text == f"Map data: {file.name}"]
    assert len(qs) == 1, qs
    return qs[0]


def _supported_by(project: Project, vid: str) -> set[str]:
    return {e.quote_id for e in project.evidence_for(vid) if e.stance == "supports"}


def test_a_deepstate_file_is_credited_worded_and_backed(shared_data):
    f = _files(shared_data, RAW, 1)[0]
    p = Project()
    stack = CommandStack(p)
    before = p.snapshot()
    r = import_files(p, [f], stack=stack)
    assert r.versions > 0
    [a] = p.assessments.values()
    assert a.name == "DeepState" and a.credit == DEEPSTATE_CREDIT == "\u00a9 DeepStateMap.live"
    assert "DeepStateMap.live" in a.licence and "permission" in a.licence
    used = {v.status for v in p.versions.values()}
    assert dict(a.labels) == {k: DEEPSTATE_LABELS[k] for k in used if k in DEEPSTATE_LABELS}
    assert status_label(p, "ru_control", a.id) == "DeepState: occupied"
    assert status_label(p, "contested", a.id) == "DeepState: grey zone / unknown"
    assert attributions(p, [a.id]) == ["\u00a9 DeepStateMap.live"]
    # Zones carry DeepState's own (English) names, never the file's.
    _no_file_names(p, [f])
    assert {"Occupied", "Unknown status"} & {z.name for z in p.zones.values()}
    # The file is a source; its one quote supports every version it produced.
    [s] = p.sources.values()
    assert (s.outlet, s.title, s.kind, s.published) == ("DeepStateMap.live", f.name, "mapping project",
                                                         date(2025, 1, 6))
    q = _quote_of(p, f)
    assert p.quotes[q].source_id == s.id
    assert all(_supported_by(p, vid) == {q} for vid in p.versions)
    assert version_marks(p) == {}  # no imported zone is marked as backed by nothing
    # One undo step takes everything away, exactly.
    assert len(stack.labels()) == 1
    stack.undo()
    assert p.snapshot() == before
    stack.redo()
    assert len(p.sources) == 1 and len(p.evidence) == len(p.versions)


def test_importing_the_same_file_again_reuses_its_source(shared_data):
    f = _files(shared_data, RAW, 1)[0]
    p = Project()
    import_files(p, [f])
    sources, quotes = dict(p.sources), dict(p.quotes)
    import_files(p, [f])
    assert p.sources == sources and p.quotes == quotes
    q = next(iter(quotes))
    assert all(_supported_by(p, vid) == {q} for vid in p.versions)
    # Numbered names go on from the first import's, and the assessment is the same one.
    assert len(p.assessments) == 1
    names = [z.name for z in p.zones.values()]
    assert len(names) == len(set(names)) or all(n in ("Occupied", "Unknown status", "CADR and CALR",
                                                       "Liberated") for n in names if names.count(n) > 1)


def test_a_deepstate_series_links_each_version_to_its_own_file(shared_data):
    files = _files(shared_data, CYTERAT, 6)
    p = Project()
    stack = CommandStack(p)
    before = p.snapshot()
    import_files(p, files, series=True, stack=stack)
    [a] = p.assessments.values()
    assert a.name == "DeepState" and a.credit == DEEPSTATE_CREDIT
    assert dict(a.labels) == {"ru_control": "DeepState: occupied"}
    _no_file_names(p, files)
    assert all(z.name.startswith("Occupied ") for z in p.zones.values())
    by_date = {s.published: s for s in p.sources.values()}
    assert len(by_date) == len(p.sources) and all(s.outlet == "DeepStateMap.live" for s in p.sources.values())
    for v in p.versions.values():
        src = by_date[v.valid_from]  # the snapshot the version came from
        quote = _quote_of(p, Path(src.title))
        assert _supported_by(p, v.id) == {quote}
    assert version_marks(p) == {}
    stack.undo()
    assert p.snapshot() == before
    stack.redo()
    # The same series again adds nothing: no version, no source, no link.
    again = p.snapshot()
    import_files(p, files, series=True, stack=stack)
    assert p.snapshot() == again


def test_a_series_continuing_a_zone_does_not_carry_the_old_files_link(shared_data):
    files = _files(shared_data, CYTERAT, 4)
    p = Project()
    import_files(p, files[:2], series=True)
    import_files(p, files[2:], series=True)
    assert len(p.assessments) == 1
    by_title = {s.title: s for s in p.sources.values()}
    assert set(by_title) == {f.name for f in files}
    for v in p.versions.values():
        [e] = p.evidence_for(v.id)  # only the file that drew it
        assert p.sources[p.quotes[e.quote_id].source_id].published == v.valid_from


def _write(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc))
    return path


def _fc(*features, **members) -> dict:
    return {"type": "FeatureCollection", **members, "features": list(features)}


def _feature(geom, **props) -> dict:
    return {"type": "Feature", "geometry": mapping(geom), "properties": props}


def test_another_file_is_its_own_source_without_deepstates_credit(tmp_path):
    f = _write(tmp_path / "front_20251110.geojson",
               _fc(_feature(box(37, 48, 37.05, 48.05), status="ru_control"),
                   _feature(box(37.1, 48, 37.15, 48.05), status="contested", name="North of the railway")))
    p = Project()
    stack = CommandStack(p)
    before = p.snapshot()
    import_files(p, [f], stack=stack)
    [a] = p.assessments.values()
    assert a.name == "Imported" and a.credit == "" and a.licence == "" and a.labels == ()
    assert attributions(p) == []
    assert status_label(p, "ru_control", a.id) == "Russian-controlled (assessed)"
    assert sorted(z.name for z in p.zones.values()) == ["North of the railway", "Russian-controlled 1"]
    [s] = p.sources.values()
    assert (s.outlet, s.title, s.published) == (f.name, f.name, date(2025, 11, 10))
    q = _quote_of(p, f)
    assert all(_supported_by(p, vid) == {q} for vid in p.versions)
    stack.undo()
    assert p.snapshot() == before


def test_a_files_publisher_is_its_outlet(tmp_path):
    f = _write(tmp_path / "isw_20251201.geojson",
               _fc(_feature(box(37, 48, 37.05, 48.05), status="ru_claim"), publisher="ISW"))
    p = Project()
    import_files(p, [f])
    [s] = p.sources.values()
    assert (s.outlet, s.title) == ("ISW", f.name)


def test_the_analysts_own_zones_are_still_marked_unbacked(shared_data):
    f = _files(shared_data, RAW, 1)[0]
    p = Project()
    stack = CommandStack(p)
    cmd, ours = add_assessment(p, "Ours")
    stack.push(cmd)
    cmd, zid = create_zone(p, name="Ours", assessment_id=ours, geometry=box(37.1, 48.2, 37.2, 48.3),
                           status="contested", as_of=date(2025, 1, 1))
    stack.push(cmd)
    import_files(p, [f], stack=stack)
    own = p.version_at(zid, date(2025, 1, 1)).id
    assert version_marks(p) == {own: MARK_NO_EVIDENCE}
    assert attributions(p, [ours]) == [] and attributions(p) == [DEEPSTATE_CREDIT]


def test_an_explicit_choice_of_assessment_wins(shared_data, tmp_path):
    f = _files(shared_data, RAW, 1)[0]
    p = Project()
    stack = CommandStack(p)
    cmd, ours = add_assessment(p, "Ours")
    stack.push(cmd)
    import_files(p, [f], assessment="Ours", stack=stack)
    assert set(a.name for a in p.assessments.values()) == {"Ours"}
    a = p.assessments[ours]
    # Still DeepState's data: the credit its licence asks for, but our layer keeps its words.
    assert a.credit == DEEPSTATE_CREDIT and a.labels == ()
    p2 = Project()
    import_files(p2, [f], assessment="DS 2025")
    [a2] = p2.assessments.values()
    assert a2.name == "DS 2025" and a2.credit == DEEPSTATE_CREDIT and dict(a2.labels)["ru_control"]
    # A plain file into an explicitly chosen new assessment: no DeepState anything.
    g = _write(tmp_path / "x_20251110.geojson", _fc(_feature(box(37, 48, 37.05, 48.05), status="ru_control")))
    p3 = Project()
    import_files(p3, [g], assessment="Mine")
    [a3] = p3.assessments.values()
    assert (a3.name, a3.credit, a3.labels) == ("Mine", "", ())


def test_the_analysts_quote_goes_along_a_series_but_each_files_stays_with_its_version(tmp_path):
    from desktop.model.entities import Quote, Source
    from desktop.model.evidence_commands import link_quote
    from desktop.model.record_commands import put_record
    p = Project()
    stack = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    stack.push(cmd)
    cmd, zid = create_zone(p, name="z", assessment_id=aid, geometry=box(37, 48, 37.05, 48.05),
                           status="ru_control", as_of=date(2025, 11, 3))
    stack.push(cmd)
    stack.push(put_record(p, "sources", Source("s1", "Outlet"), "s"))
    stack.push(put_record(p, "quotes", Quote("q1", "s1", "words"), "q"))
    stack.push(link_quote(p, "q1", p.version_at(zid, date(2025, 11, 3)).id, "supports")[0])
    files = [_write(tmp_path / f"front_202511{d}.geojson",
                    _fc(_feature(box(37, 48, 37.05 + w, 48.05), status="ru_control")))
             for d, w in (("10", 0.01), ("17", 0.02), ("24", 0.03))]
    import_files(p, files, series=True, stack=stack, assessment="Ours")
    for d, f in zip((10, 17, 24), files):
        v = p.version_at(zid, date(2025, 11, d))
        assert v.valid_from == date(2025, 11, d)
        texts = sorted(p.quotes[e.quote_id].text for e in p.evidence_for(v.id))
        assert texts == [f"Map data: {f.name}", "words"]
    assert p.assessments[aid].credit == ""  # not DeepState's data
