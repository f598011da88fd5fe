"""The series import read on two cores (`series_read`) gives exactly what reading the files one by
one gives: every version (status, dates, zone name, geometry WKB) and every report line, on all four
DeepState series; cancelling applies nothing; errors name the file (and the feature) as before."""
from __future__ import annotations

import gzip
import hashlib
import json
import multiprocessing

import pytest
from hypothesis import given
from hypothesis import strategies as st
import shapely

from desktop.model import Project
from desktop.storage.imports import series_read
from desktop.storage.errors import InputError
from desktop.storage.imports.importer import import_files

SERIES = ("deepstate_cyterat_pokrovsk_2025", "deepstate_cyterat_weekly", "deepstate_raw_pokrovsk_2025",
          "deepstate_raw_weekly_polygons")


def _files(shared_data, name: str) -> list:
    return sorted(p for p in (shared_data / "frontline" / name).iterdir()
                  if p.name.endswith((".geojson", ".geojson.gz")))


def _fingerprint(p: Project) -> str:
    rows = sorted((v.status, str(v.valid_from), str(v.valid_to), p.zones[v.zone_id].name,
                   shapely.to_wkb(v.geometry).hex()) for v in p.versions.values())
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture
def pairs(monkeypatch):
    """Forces the two-run read (whatever the cores and the input size) with a forked child, as
    the CLI does (under pytest Qt is loaded, which alone would choose spawn), and counts its uses."""
    used = []
    real = series_read._run_pair

    def counted(first, second, method, step):
        used.append((len(first.paths), len(second.paths), method))
        return real(first, second, method, step)
    monkeypatch.setattr(series_read, "_run_pair", counted)
    monkeypatch.setattr(series_read, "cores", lambda: 2)
    monkeypatch.setattr(series_read, "MIN_BYTES_FORK", 0)
    monkeypatch.setattr(series_read, "MIN_BYTES_SPAWN", 0)
    monkeypatch.setattr(series_read, "_start_method", lambda: "fork")
    return used


def _import(files, **kw):
    p = Project()
    r = import_files(p, files, series=True, assessment="DeepState", **kw)
    return p, r


def _one_by_one(monkeypatch, files, **kw):
    with monkeypatch.context() as m:
        m.setattr(series_read, "cores", lambda: 1)
        return _import(files, **kw)


@pytest.mark.parametrize("name", SERIES)
def test_two_runs_give_the_same_versions_and_report(shared_data, monkeypatch, pairs, name):
    files = _files(shared_data, name)
    # A few consecutive weeks from the middle: the second run starts without the memos.
    files = files[len(files) // 2:len(files) // 2 + 5]
    p1, r1 = _one_by_one(monkeypatch, files)
    assert not pairs
    p2, r2 = _import(files)
    assert pairs and pairs[0][1] >= 1 and pairs[0][2] == "fork", "the two-run read was not used"
    assert len(p2.versions) == len(p1.versions) > 0
    assert _fingerprint(p2) == _fingerprint(p1)
    assert r2.messages == r1.messages and r2.summary() == r1.summary()
    assert not multiprocessing.active_children()


def test_spawned_child_gives_the_same(shared_data, monkeypatch, pairs):
    """As in the GUI (Qt loaded: no fork): the child imports everything itself."""
    files = _files(shared_data, "deepstate_raw_pokrovsk_2025")[:4]
    p1, r1 = _one_by_one(monkeypatch, files)
    monkeypatch.setattr(series_read, "_start_method", lambda: "spawn")
    p2, r2 = _import(files)
    assert pairs[-1][2] == "spawn"
    assert _fingerprint(p2) == _fingerprint(p1) and r2.messages == r1.messages


def test_cancelling_applies_nothing_and_ends_the_child(shared_data, pairs):
    files = _files(shared_data, "deepstate_raw_pokrovsk_2025")[:8]
    calls = []

    def progress(n, total):
        calls.append(n)
        return n < 3  # stop in the middle of the read
    p = Project()
    before = (len(p.versions), len(p.zones), len(p.assessments))
    r = import_files(p, files, series=True, progress=progress)
    assert pairs and r.cancelled
    assert (len(p.versions), len(p.zones), len(p.assessments)) == before
    assert calls == [1, 2, 3]
    assert not multiprocessing.active_children()


def test_progress_counts_every_file_once(shared_data, pairs):
    files = _files(shared_data, "deepstate_cyterat_pokrovsk_2025")[:6]
    calls = []
    _import(files, progress=lambda n, total: calls.append((n, total)) or True)
    assert [n for n, _ in calls] == list(range(1, 2 * len(files) + 1))
    assert {t for _, t in calls} == {2 * len(files)}


def _broken_copy(src, dst, feature: int):
    """`src` with one feature's polygon reduced to two points (an error naming that feature)."""
    opener = gzip.open if src.suffix == ".gz" else open
    with opener(src, "rt", encoding="utf-8") as f:
        doc = json.load(f)
    feats = [k for k, f in enumerate(doc["features"]) if f["geometry"]["type"] == "Polygon"]
    k = feats[feature]
    doc["features"][k]["geometry"]["coordinates"] = [[[30.0, 48.0], [30.1, 48.0]]]
    dst.write_text(json.dumps(doc), encoding="utf-8")
    return k


def test_errors_in_the_second_run_name_the_file_and_feature(shared_data, tmp_path, monkeypatch, pairs):
    src = _files(shared_data, "deepstate_raw_pokrovsk_2025")[:4]
    broken = tmp_path / src[3].name.replace(".gz", "")
    k = _broken_copy(src[3], broken, 0)
    files = src[:3] + [broken]
    p1, r1 = _one_by_one(monkeypatch, files)
    p2, r2 = _import(files)
    assert pairs[-1][1] >= 1 and broken in [*files[len(files) - pairs[-1][1]:]]
    named = [m for m in r2.messages if m.startswith(f"{broken.name}: feature {k}")]
    assert named, r2.messages
    assert r2.messages == r1.messages and _fingerprint(p2) == _fingerprint(p1)


def test_the_first_failing_file_in_order_is_raised(tmp_path, pairs):
    files = []
    for n, day in enumerate(("20250105", "20250112", "20250119", "20250126")):
        f = tmp_path / f"snap_{day}.geojson"
        f.write_text(json.dumps({"type": "FeatureCollection", "features": [{
            "type": "Feature", "properties": {"status": "ru_control"},
            "geometry": {"type": "Polygon", "coordinates": [[[30, 48], [31 + n, 48], [31, 49], [30, 48]]]}}]}))
        files.append(f)
    files[1].write_text("{not json")
    files[3].write_text("{not json either")
    with pytest.raises(InputError, match=files[1].name):
        import_files(Project(), files, series=True)
    assert pairs
    files[1].write_text(files[0].read_text().replace("48]]]", "48]]], \"x\": 1"))
    no_date = tmp_path / "undated.geojson"
    no_date.write_text(files[0].read_text())
    with pytest.raises(InputError, match="undated.geojson: no date"):
        import_files(Project(), files[:2] + [no_date, files[3]], series=True)
    assert not multiprocessing.active_children()


class _NoChildren:
    """A multiprocessing context whose processes cannot start (as in a daemon process)."""

    def __init__(self, real) -> None:
        self.real = real

    def Pipe(self, *a, **kw):  # noqa: N802 - multiprocessing's name
        return self.real.Pipe(*a, **kw)

    def Process(self, *a, **kw):  # noqa: N802 - multiprocessing's name
        proc = self.real.Process(*a, **kw)

        def refuse():
            raise AssertionError("daemonic processes are not allowed to have children")
        proc.start = refuse
        return proc


@pytest.mark.parametrize("how", ["dies", "never starts"])
def test_a_dead_child_costs_only_time(shared_data, monkeypatch, pairs, how):
    files = _files(shared_data, "deepstate_cyterat_pokrovsk_2025")[:6]
    p1, r1 = _one_by_one(monkeypatch, files)
    calls = []
    if how == "dies":
        monkeypatch.setattr(series_read, "_child", _die)
    else:
        real = series_read.multiprocessing.get_context
        monkeypatch.setattr(series_read.multiprocessing, "get_context", lambda m: _NoChildren(real(m)))
    p2, r2 = _import(files, progress=lambda n, total: calls.append(n) or True)
    assert pairs and _fingerprint(p2) == _fingerprint(p1) and r2.messages == r1.messages
    assert calls == list(range(1, 2 * len(files) + 1))


def _die(conn, *args):
    import os
    conn.send(None)  # one file reported, then gone
    os._exit(3)


def test_new_legend_entries_in_both_runs_read_as_one_by_one(tmp_path, monkeypatch, pairs):
    """Statuses not in the legend: the entries, their order and the lines are those of one run."""
    files = []
    for n, (day, statuses) in enumerate((("20250105", ["held by x"]), ("20250112", ["held by y"]),
                                         ("20250119", ["held by x", "held by z"]),
                                         ("20250126", ["held by y"]))):
        feats = [{"type": "Feature", "properties": {"status": s},
                  "geometry": {"type": "Polygon", "coordinates": [[[30 + 2 * i, 48], [31 + 2 * i, 48],
                                                                   [31 + 2 * i, 49], [30 + 2 * i, 48]]]}}
                 for i, s in enumerate(statuses)]
        f = tmp_path / f"snap_{day}.geojson"
        f.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))
        files.append(f)
    p1, r1 = _one_by_one(monkeypatch, files)
    p2, r2 = _import(files)
    assert pairs
    assert r2.new_statuses == r1.new_statuses == ["held_by_x", "held_by_y", "held_by_z"]
    assert r2.messages == r1.messages
    assert [(k, s.order) for k, s in p2.legend.items()] == [(k, s.order) for k, s in p1.legend.items()]
    assert _fingerprint(p2) == _fingerprint(p1)


@given(st.lists(st.integers(1, 10**7), min_size=2, max_size=60), st.integers(0, 10**7))
def test_the_cut_leaves_two_consecutive_runs_of_about_half(sizes, head_start):
    cut = series_read._cut(sizes, 0, head_start)
    assert 1 <= cut <= len(sizes) - 1
    half = (sum(sizes) + head_start) / 2
    # The first run is the shortest start holding half the bytes (and the head start), unless
    # that would leave the second run nothing.
    assert sum(sizes[:cut]) >= half or cut == len(sizes) - 1
    assert sum(sizes[:cut - 1]) < half or cut == 1
    assert series_read._cut(sizes, sum(sizes) + 1) == 0  # too little input: one run
