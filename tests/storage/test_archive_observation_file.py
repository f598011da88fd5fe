"""Lasting observations in the project file (issue 17, item 2): a file written before they
existed opens with every observation of its own day, and gains the columns on a writable open;
an imported archive's observations come back from the file with their spans and tracks."""
from __future__ import annotations

import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.storage.imports.importer import import_files
from desktop.storage.project.projectfile import close_project, create_project, open_project

FIXTURE = Path(__file__).parent.parent / "fixtures" / "project_v0_1.gpkg"
ARCHIVE = "frontline/deepstate_raw_history_2024"
JAN = ("1704145957.geojson.gz", "1704230214.geojson.gz", "1704318201.geojson.gz")


@pytest.fixture
def archive(shared_data) -> Path:
    folder = shared_data / ARCHIVE
    if not (folder / JAN[0]).is_file():
        pytest.skip(f"DeepState's raw archive {folder} is absent")
    return folder


def _columns(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[1] for r in con.execute("PRAGMA table_info(observations)")}
    finally:
        con.close()


def test_a_file_from_before_opens_with_observations_of_their_own_day(tmp_path):
    path = tmp_path / "old.gpkg"
    shutil.copyfile(FIXTURE, path)  # never the fixture itself: a writable open upgrades it
    assert not {"valid_to", "assessment_id", "track_id"} & _columns(path)
    p = open_project(path, read_only=True)
    try:
        obs = list(p.observations.values())
        assert obs and all(o.valid_to is None and o.end == o.date + timedelta(days=1) for o in obs)
        o = obs[0]
        assert p.observations_on(o.date) and o.id in {x.id for x in p.observations_on(o.date)}
        assert o.id not in {x.id for x in p.observations_on(o.date + timedelta(days=1))}
    finally:
        close_project(p)
    p = open_project(path)
    try:
        assert not p.read_only
        before = dict(p.observations)
    finally:
        close_project(p)
    assert {"valid_to", "assessment_id", "track_id"} <= _columns(path)
    again = open_project(path)
    try:
        assert again.observations == before
    finally:
        close_project(again)


def test_imported_observations_keep_their_spans_and_tracks_in_the_file(archive, tmp_path):
    path = tmp_path / "archive.frontline"
    p = create_project(path, title="archive")
    import_files(p, [archive / n for n in JAN], series=True)
    before = dict(p.observations)
    close_project(p)
    assert any(o.valid_to is not None and o.valid_to > o.date + timedelta(days=1) for o in before.values())
    again = open_project(path)

    def spans(obs):  # (the raw style members in `extra` read back with lists as tuples)
        return {o.id: (o.kind, o.name, o.geometry.wkb, o.date, o.valid_to, o.assessment_id, o.track_id)
                for o in obs.values()}
    try:
        assert spans(again.observations) == spans(before)
        assert all(o.track_id and o.assessment_id in again.assessments for o in again.observations.values())
    finally:
        close_project(again)


@pytest.mark.parametrize("fmt", ["geojson", "kml"])
def test_an_exported_history_brings_its_lasting_observations_back(archive, tmp_path, fmt):
    from desktop.model import Project
    from desktop.storage.exports.geojson_write import write_geojson
    from desktop.storage.exports.kml_write import write_kml
    p = Project()
    import_files(p, [archive / n for n in JAN], series=True)
    out = tmp_path / f"history.{fmt}"
    (write_geojson if fmt == "geojson" else write_kml)(p, out, at=None)
    back = Project()
    import_files(back, [out])

    def spans(obs):
        return sorted((o.kind, o.name, round(o.geometry.x, 6), round(o.geometry.y, 6), o.date, o.valid_to)
                      for o in obs.values())
    assert spans(back.observations) == spans(p.observations)
    assert any(o.valid_to is not None for o in back.observations.values())
    if fmt == "kml":
        text = out.read_text(encoding="utf-8")
        o = next(o for o in p.observations.values() if o.valid_to is not None)
        assert f"<TimeSpan><begin>{o.date.isoformat()}</begin><end>{o.valid_to.isoformat()}</end>" in text
