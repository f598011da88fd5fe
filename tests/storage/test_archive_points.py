"""DeepState's raw archive (issue 17, item 2): a point shown by snapshot after snapshot is one
observation valid over the days it is shown, a point that moves goes on as a new version of the
same observation, one no longer shown ends, and the editorial points (capitals, Pyongyang, the
clowns) are left out and counted with the satirical polygons.

Real revisions of the archive (read from ../shared, never copied into the repository); where a
test needs a change the archive may not show between two given days, it writes altered copies of
one real revision to tmp_path."""
from __future__ import annotations

import gzip
import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from shapely.geometry import Point

from desktop.model import Project
from desktop.model.changes import ChangeBuilder
from desktop.model.entities import Observation, new_id
from desktop.storage.imports.importer import import_files
from desktop.storage.imports.provenance import FileSources
from desktop.storage.imports.series_points import PointTracks, SamePoints
from desktop.storage.imports.statuses import classify_deepstate

ARCHIVE = "frontline/deepstate_raw_history_2024"
# Three consecutive days of January 2024 (one revision each), with no keys in the names; and
# the last revision of the archive, whose names carry DeepState's i18n keys.
JAN = ("1704145957.geojson.gz", "1704230214.geojson.gz", "1704318201.geojson.gz")
LATEST = "1754251105.geojson.gz"
DAY = 86400


def _load(path: Path) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def _points(doc: dict) -> list[dict]:
    return [f for f in doc["features"] if f["geometry"]["type"] == "Point"]


def _write(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _english(f: dict) -> str:
    return f["properties"]["name"].split("///")[1].replace("\xa0", " ").strip()


@pytest.fixture
def archive(shared_data) -> Path:
    folder = shared_data / ARCHIVE
    if not (folder / LATEST).is_file():
        pytest.skip(f"DeepState's raw archive {folder} is absent")
    return folder


def test_a_point_in_three_consecutive_snapshots_is_one_observation_spanning_them(archive):
    p = Project()
    r = import_files(p, [archive / n for n in JAN], series=True)
    days = [date(2024, 1, 1), date(2024, 1, 2), date(2024, 1, 3)]
    saki = [o for o in p.observations.values() if o.name.startswith("Saki airfield")]
    assert len(saki) == 1, saki
    o = saki[0]
    assert (o.date, o.valid_to) == (days[0], days[2] + timedelta(days=1))
    assert all(o.valid_on(d) for d in days) and not o.valid_on(days[2] + timedelta(days=1))
    assert [x.id for x in p.observations_on(days[1]) if x.name.startswith("Saki")] == [o.id]
    # The points belong to the imported assessment, whose credit the map carries.
    a = p.assessments[o.assessment_id]
    assert "DeepState" in a.credit
    # Far fewer observations than points x snapshots: each point of each day counted once.
    shown = sum(1 for n in JAN for f in _points(_load(archive / n))
                if classify_deepstate(f["properties"], False).kind == "observation")
    assert shown > 800 and r.observations == len(p.observations) < shown / 2
    # Every point a snapshot shows is shown on its day, once.
    for n, d in zip(JAN, days):
        on_day = Counter(x.name for x in p.observations_on(d))
        in_file = Counter(_english(f) if "///" in f["properties"]["name"] else f["properties"]["name"]
                          for f in _points(_load(archive / n))
                          if classify_deepstate(f["properties"], False).kind == "observation")
        assert sum(on_day.values()) == sum(in_file.values())


def test_a_moved_point_is_a_new_version_and_a_gone_point_ends(archive, tmp_path):
    doc = _load(archive / JAN[0])
    pts = _points(doc)
    saki = next(f for f in pts if "Saki airfield" in f["properties"]["name"])
    belbek = next(f for f in pts if "Belbek" in f["properties"]["name"])
    t0 = int(JAN[0].split(".")[0])
    first = _write(tmp_path / f"{t0}.geojson", doc)
    saki["geometry"]["coordinates"][0] += 0.02  # moved 1.5 km east
    doc["features"].remove(belbek)
    second = _write(tmp_path / f"{t0 + DAY}.geojson", doc)
    third = _write(tmp_path / f"{t0 + 2 * DAY}.geojson", doc)
    p = Project()
    import_files(p, [first, second, third], series=True)
    d1, d2, d3 = date(2024, 1, 1), date(2024, 1, 2), date(2024, 1, 3)
    versions = sorted((o for o in p.observations.values() if o.name.startswith("Saki airfield")),
                      key=lambda o: o.date)
    assert [(o.date, o.valid_to) for o in versions] == [(d1, d2), (d2, d3 + timedelta(days=1))]
    assert versions[0].track_id == versions[1].track_id != ""
    assert versions[1].geometry.x == pytest.approx(versions[0].geometry.x + 0.02)
    gone = [o for o in p.observations.values() if o.name.startswith("Belbek")]
    assert [(o.date, o.valid_to) for o in gone] == [(d1, d2)]
    assert not [o for o in p.observations_on(d2) if o.name.startswith("Belbek")]
    # Each observation (and version) is backed by the file that first showed it.
    quote_file = {q.id: p.sources[q.source_id].title for q in p.quotes.values()}
    assert [quote_file[e.quote_id] for e in p.evidence_for(versions[1].id)] == [second.name]


def test_importing_the_last_snapshot_again_adds_no_observation(archive):
    p = Project()
    import_files(p, [archive / n for n in JAN], series=True)
    before = dict(p.observations)
    import_files(p, [archive / JAN[-1]], series=True)
    assert p.observations == before


def test_a_later_series_continues_the_observations_of_the_earlier_one(archive):
    whole, parts = Project(), Project()
    import_files(whole, [archive / n for n in JAN], series=True)
    import_files(parts, [archive / n for n in JAN[:2]], series=True)
    import_files(parts, [archive / JAN[2]], series=True)

    def spans(p):
        return sorted((o.kind, o.name, o.geometry.wkb, o.date, o.valid_to) for o in p.observations.values())
    assert spans(parts) == spans(whole)


def test_editorial_points_are_left_out_and_counted_with_the_satirical_polygons(archive):
    for name, capitals in ((LATEST, {"Kyiv", "Minsk", "Moscow", "Pyongyang"}), (JAN[0], {"Kyiv", "Minsk"})):
        doc = _load(archive / name)
        polygons = sum(1 for f in doc["features"] if f["geometry"]["type"] != "Point"
                       and classify_deepstate(f["properties"], True).kind == "satirical")
        points = [f for f in _points(doc) if classify_deepstate(f["properties"], False).kind == "satirical"]
        p = Project()
        r = import_files(p, [archive / name])
        assert polygons > 5 and r.satirical == polygons + len(points)
        assert capitals <= {_english(f) for f in points}
        names = {o.name for o in p.observations.values()}
        assert not names & capitals and not [n for n in names if "Orban" in n or "Fico" in n]
        assert "territories" not in {o.kind for o in p.observations.values()}
        line = next(m for m in r.messages if "satirical DeepState territories left out" in m)
        assert all(c in line for c in sorted(capitals)[:2])
    # In the keyless file the units are units, as the later files key them, not bare markers.
    kinds = Counter(o.kind for o in p.observations.values())
    assert kinds["units"] > 150 and kinds["attack_direction"] > 30


def test_the_kept_revision_of_a_day_gives_that_days_points(archive, tmp_path):
    """Two revisions of one day: the last is kept (the first with keep="first"), points too."""
    doc = _load(archive / JAN[0])
    t0 = int(JAN[0].split(".")[0])
    early = _write(tmp_path / f"{t0 - 3600}.geojson", doc)
    late_doc = json.loads(json.dumps(doc))
    saki = next(f for f in _points(late_doc) if "Saki airfield" in f["properties"]["name"])
    saki["geometry"]["coordinates"][1] += 0.05
    late = _write(tmp_path / f"{t0}.geojson", late_doc)
    for keep, lat in (("last", saki["geometry"]["coordinates"][1]),
                      ("first", saki["geometry"]["coordinates"][1] - 0.05)):
        p = Project()
        r = import_files(p, [late, early], series=True, keep=keep)
        assert r.set_aside == 1
        o = next(o for o in p.observations.values() if o.name.startswith("Saki airfield"))
        assert o.geometry.y == pytest.approx(lat)


# -- the tracking rule, on made-up snapshots ------------------------------------------------------
_point = st.tuples(st.sampled_from(["units", "airfield"]), st.sampled_from(["A", "B", ""]),
                   st.integers(0, 3), st.integers(0, 1))
_snapshot = st.lists(_point, max_size=6)


@given(st.lists(_snapshot, min_size=1, max_size=6), st.lists(st.integers(1, 3), min_size=6, max_size=6),
       st.lists(st.booleans(), min_size=36, max_size=36))
def test_every_snapshot_is_what_the_observations_show_on_its_day(snaps, gaps, ask):
    """Whatever points come and go, move or are renamed: on each snapshot's day the observations
    shown are exactly that snapshot's points, and versions of one track never overlap in time;
    whether the reader asked `SamePoints` for a point seen before (`ask`) or made it again."""
    p = Project()
    b = ChangeBuilder(p)
    sources = FileSources(b)
    quote = (lambda: sources.quote_for("made.geojson", deepstate=False))
    days = []
    d = date(2024, 1, 1)
    tracks = PointTracks(p, b, "a1", d, sources)
    same = SamePoints()
    asked = iter(ask)
    for snap, gap in zip(snaps, gaps):
        pts = []
        for kind, name, x, y in snap:
            g = Point(x * 0.3, y)
            seen = same.known(kind, name, g) if next(asked) else None
            pts.append(seen or Observation(new_id(), kind, g, d, name=name))
        tracks.apply(d, same(pts), quote)
        days.append((d, snap))
        d += timedelta(days=gap)
    tracks.finish()
    p.apply(b.build())
    obs = list(p.observations.values())
    for day, snap in days:
        shown = Counter((o.kind, o.name, round(o.geometry.x / 0.3), int(o.geometry.y)) for o in obs if o.valid_on(day))
        assert shown == Counter(snap)
    by_track: dict[str, list[Observation]] = {}
    for o in obs:
        assert o.assessment_id == "a1" and o.valid_to is not None and o.date < o.valid_to
        by_track.setdefault(o.track_id, []).append(o)
    for versions in by_track.values():
        versions.sort(key=lambda o: o.date)
        assert all(a.valid_to <= b.date for a, b in zip(versions, versions[1:]))
