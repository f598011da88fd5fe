"""`recorded_on` in and out of files (issue #14): an import takes it from the file's field where
one gives it, else the import date; GeoJSON and KML exports carry it; approximate dates stay."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import box, mapping

import desktop.model.clock as clock
from desktop.model import CommandStack, Project, add_assessment, create_zone
from desktop.storage.exports.exporter import export_project
from desktop.storage.imports.importer import import_files

IMPORT_DAY = date(2026, 1, 5)


@pytest.fixture(autouse=True)
def _import_day(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: IMPORT_DAY)


def _square(x: float, **props) -> dict:
    return {"type": "Feature", "geometry": mapping(box(37 + x, 48, 37.05 + x, 48.05)), "properties": props}


def _write(path: Path, *features: dict) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": list(features)}))
    return path


def _by_name(p: Project) -> dict:
    return {p.zones[v.zone_id].name: v for v in p.versions.values()}


def test_import_takes_recorded_on_from_the_file_else_the_import_date(tmp_path):
    f = _write(tmp_path / "zones.geojson",
               _square(0, name="given", status="ru_control", valid_from="2025-11-03", recorded_on="2025-11-05",
                       approximate=True),
               _square(0.1, name="absent", status="ru_control", valid_from="2025-11-03"),
               _square(0.2, name="bad", status="ru_control", valid_from="2025-11-03", recorded_on="last tuesday"))
    p = Project()
    r = import_files(p, [f])
    v = _by_name(p)
    assert v["given"].recorded_on == date(2025, 11, 5) and v["given"].approximate
    assert v["absent"].recorded_on == IMPORT_DAY and not v["absent"].approximate
    assert v["bad"].recorded_on == IMPORT_DAY
    assert any("'last tuesday'" in m and "recorded on 2026-01-05 (the import date)" in m for m in r.messages)


def test_a_series_import_records_its_versions_on_the_import_date_or_the_files(tmp_path):
    a = _write(tmp_path / "front_20251103.geojson", _square(0, status="ru_control"))
    b = _write(tmp_path / "front_20251110.geojson", _square(0, status="ru_control", recorded_on="2025-11-12"),
               _square(0.1, status="ru_control", recorded_on="2025-11-12"))
    p = Project()
    import_files(p, [a, b], series=True)
    got = sorted((v.valid_from, v.recorded_on) for v in p.versions.values())
    assert got[0] == (date(2025, 11, 3), IMPORT_DAY)
    assert all(rec == date(2025, 11, 12) for d, rec in got if d == date(2025, 11, 10))


def _project_with_recorded(tmp_path: Path) -> Project:
    p = Project()
    stack = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    stack.push(cmd)
    stack.push(create_zone(p, name="Pokrovsk", assessment_id=aid, geometry=box(37, 48, 37.1, 48.1),
                           status="ru_control", as_of=date(2025, 12, 1), approximate=True)[0])
    return p


def test_geojson_and_kml_exports_carry_recorded_on(tmp_path):
    p = _project_with_recorded(tmp_path)
    gj = tmp_path / "out.geojson"
    export_project(p, gj)
    props = json.loads(gj.read_text())["features"][0]["properties"]
    assert props["recorded_on"] == IMPORT_DAY.isoformat() and props["valid_from"] == "2025-12-01"
    kml = tmp_path / "out.kml"
    export_project(p, kml)
    text = kml.read_text()
    assert "<SimpleData name=\"recorded_on\">2026-01-05</SimpleData>" in text
    # And back: the exported field is the recorded date, not the day of the second import.
    p2 = Project()
    import_files(p2, [gj])
    (v,) = p2.versions.values()
    assert v.recorded_on == IMPORT_DAY and v.approximate and v.valid_from == date(2025, 12, 1)


def test_a_series_snapshot_that_reshapes_a_linked_zone_carries_its_quotes(tmp_path):
    """Evidence follows the shape through a series import too: the changed part's new version
    continues the analyst's linked one."""
    from desktop.model.entities import Quote, Source
    from desktop.model.evidence_commands import link_quote
    from desktop.model.record_commands import put_record
    p = Project()
    stack = CommandStack(p)
    cmd, aid = add_assessment(p, "DeepState")
    stack.push(cmd)
    cmd, zid = create_zone(p, name="z", assessment_id=aid, geometry=box(37, 48, 37.05, 48.05),
                           status="ru_control", as_of=date(2025, 11, 3))
    stack.push(cmd)
    stack.push(put_record(p, "sources", Source("s1", "Outlet"), "s"))
    stack.push(put_record(p, "quotes", Quote("q1", "s1", "words"), "q"))
    stack.push(link_quote(p, "q1", p.version_at(zid, date(2025, 11, 3)).id, "contradicts")[0])
    f = _write(tmp_path / "front_20251110.geojson",
               {"type": "Feature", "geometry": mapping(box(37, 48, 37.06, 48.05)), "properties": {"status": "ru_control"}})
    import_files(p, [f], series=True, stack=stack, assessment="DeepState")
    new = p.version_at(zid, date(2025, 11, 10))
    assert new.valid_from == date(2025, 11, 10) and new.recorded_on == IMPORT_DAY
    # The analyst's quote goes along; the file's own quote supports the shape it drew.
    links = sorted((p.quotes[e.quote_id].text, e.stance) for e in p.evidence_for(new.id))
    assert links == [("Map data: front_20251110.geojson", "supports"), ("words", "contradicts")]
    assert len(p.evidence_for(p.version_at(zid, date(2025, 11, 3)).id)) == 1
