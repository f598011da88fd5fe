"""Several revisions a day (issue 17, item 1): a series import keeps the last revision of each day
(or the first), says how many it set aside, and refuses what it cannot order before any file is
parsed; a series import cancelled half-way leaves the project as it was (item 5).

Four real revisions of DeepState's archive, copied to tmp_path: 2024-01-27, two of 2024-01-28
(09:58 and 22:19 UTC; the second is already 00:19 on the 29th in Kyiv, but DeepState dates its
revisions by the UTC day) and 2024-01-29."""
from __future__ import annotations

import gzip
import json
import shutil
import time
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from desktop.model import Project
from desktop.model.commands import CommandStack
from desktop.storage.errors import InputError
from desktop.storage.imports import series_read
from desktop.storage.imports.importer import import_files
from desktop.storage.imports.series import plan_series
from desktop.storage.imports.series_days import from_name, plan_days

ARCHIVE = "frontline/deepstate_raw_history_2024"
DAY_BEFORE, FIRST, LAST, DAY_AFTER = ("1706392086.geojson.gz", "1706435881.geojson.gz", "1706480394.geojson.gz",
                                      "1706566905.geojson.gz")
NAMES = (DAY_BEFORE, FIRST, LAST, DAY_AFTER)


@pytest.fixture
def revisions(shared_data, tmp_path) -> list[Path]:
    src = shared_data / ARCHIVE
    out = []
    for name in (LAST, DAY_AFTER, FIRST, DAY_BEFORE):  # not in order: the plan sorts them
        out.append(tmp_path / name)
        shutil.copyfile(src / name, out[-1])
    return out


def _file_titles(p: Project) -> dict[date, str]:
    """The file each snapshot date was read from (each file is a source, titled by its name)."""
    return {s.published: s.title for s in p.sources.values()}


def _no_parsing(monkeypatch):
    def refuse(*a, **kw):
        raise AssertionError("a file was parsed")
    monkeypatch.setattr(series_read, "read_any", refuse)
    monkeypatch.setattr(series_read, "prepare", refuse)


def test_the_day_of_a_revision_is_its_utc_day():
    assert from_name("1706480394.geojson.gz") == (
        date(2024, 1, 28), datetime(2024, 1, 28, 22, 19, 54, tzinfo=timezone.utc))
    assert from_name("pokrovsk_deepstate_20250106T2109Z.geojson") == (
        date(2025, 1, 6), datetime(2025, 1, 6, 21, 9, tzinfo=timezone.utc))
    assert from_name("deepstatemap_data_20240708.geojson") == (date(2024, 7, 8), None)
    assert from_name("front_2025-11-03.geojson") == (date(2025, 11, 3), None)
    assert from_name("latest.geojson") is None


def test_the_last_revision_of_each_day_is_kept_by_default(revisions):
    p = Project()
    r = import_files(p, revisions, series=True, stack=CommandStack(p))
    assert _file_titles(p) == {date(2024, 1, 27): DAY_BEFORE, date(2024, 1, 28): LAST, date(2024, 1, 29): DAY_AFTER}
    assert r.files == 3 and r.set_aside == 1
    assert "set aside 1 earlier revision of the same day (kept the last of each day)" in r.summary()
    assert any(FIRST in m and "set aside" in m for m in r.messages)
    assert r.summary() in r.lines()


def test_the_first_revision_of_each_day_on_request(revisions):
    p = Project()
    r = import_files(p, revisions, series=True, keep="first", stack=CommandStack(p))
    assert _file_titles(p)[date(2024, 1, 28)] == FIRST
    assert r.files == 3 and r.set_aside == 1
    assert "set aside 1 later revision of the same day (kept the first of each day)" in r.summary()


def test_the_cli_keeps_the_first_with_keep_first(revisions, tmp_path, capsys):
    from desktop.cli import sub_parser
    from desktop.cli_interchange import cmd_import
    assert sub_parser().parse_args(["import", "a.geojson", "-o", "x.frontline", "--series"]).keep == "last"
    args = sub_parser().parse_args(["import", *map(str, revisions), "-o", str(tmp_path / "p.frontline"),
                                    "--series", "--keep", "first", "--assessment", "DeepState"])
    assert cmd_import(args) == 0
    assert "(kept the first of each day)" in capsys.readouterr().out


def test_a_date_that_cannot_be_found_refuses_before_any_file_is_parsed(revisions, tmp_path, monkeypatch):
    undated = tmp_path / "latest.geojson.gz"
    shutil.copyfile(revisions[0], undated)
    _no_parsing(monkeypatch)
    with pytest.raises(InputError, match="latest.geojson.gz: no date"):
        plan_series(Project(), [*revisions, undated])


def test_two_revisions_of_a_day_without_times_refuse_before_any_file_is_parsed(revisions, tmp_path, monkeypatch):
    a, b = tmp_path / "front_20240128.geojson.gz", tmp_path / "front_20240128_copy.geojson.gz"
    shutil.copyfile(revisions[0], a)
    shutil.copyfile(revisions[2], b)
    _no_parsing(monkeypatch)
    with pytest.raises(InputError, match="two snapshots for 2024-01-28: front_20240128.geojson.gz, "
                                         "front_20240128_copy.geojson.gz"):
        plan_series(Project(), [revisions[1], a, b])


def test_a_name_without_a_date_reads_only_the_files_timestamp_member(revisions, tmp_path):
    # A raw revision's features with DeepState's snapshot time as a member, under a plain name:
    # its day and time come from the head of the file, and order it among the named revisions.
    with gzip.open(revisions[2], "rt", encoding="utf-8") as f:
        doc = json.load(f)
    undated = tmp_path / "snapshot.geojson"
    undated.write_text(json.dumps({"type": "FeatureCollection", "deepstate_snapshot_utc": "2024-01-28T23:00:00Z",
                                   "features": doc["features"]}), encoding="utf-8")
    plan = plan_days([*revisions, undated])
    assert [d.name for d in plan.kept] == [DAY_BEFORE, "snapshot.geojson", DAY_AFTER]
    assert sorted(d.name for d in plan.set_aside) == [FIRST, LAST]
    assert [d.name for d in plan_days([*revisions, undated], "first").kept] == [DAY_BEFORE, FIRST, DAY_AFTER]


def test_the_whole_archive_is_planned_or_refused_in_well_under_a_second(shared_data, tmp_path):
    names = sorted((shared_data / ARCHIVE).glob("*.geojson.gz"))
    t = time.perf_counter()
    plan = plan_days(names)
    assert time.perf_counter() - t < 0.5
    assert len(plan.kept) + len(plan.set_aside) == len(names)
    assert len({d.day for d in plan.kept}) == len(plan.kept)
    (tmp_path / "latest.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    t = time.perf_counter()
    with pytest.raises(InputError, match="latest.geojson: no date"):
        plan_days([*names, tmp_path / "latest.geojson"])
    assert time.perf_counter() - t < 0.5


@pytest.mark.parametrize("stop_at", ["reading", "matching"])
def test_a_cancelled_series_import_leaves_the_project_file_as_it_was(revisions, tmp_path, stop_at):
    from desktop.storage.project.projectfile import close_project, create_project, open_project
    path = tmp_path / "work.frontline"
    p = create_project(path, title="work")
    import_files(p, revisions[3:], series=True, stack=CommandStack(p))  # something there already
    close_project(p)
    files_before = sorted(x.name for x in tmp_path.iterdir())  # closed: no WAL side files either
    p = open_project(path)  # (compared as stored: what a reopened file gives)
    stack = CommandStack(p)
    before = p.snapshot()
    calls = []

    def progress(n: int, total: int) -> bool:
        calls.append((n, total))
        half = total // 2
        return n < (half - 1 if stop_at == "reading" else half + 2)  # 3 files: 6 steps
    r = import_files(p, revisions, series=True, stack=stack, progress=progress)
    assert r.cancelled and calls[-1][1] == 6 and len(calls) == (2 if stop_at == "reading" else 5)
    assert p.snapshot() == before
    close_project(p)
    again = open_project(path)
    try:
        assert again.snapshot() == before
    finally:
        close_project(again)
    assert sorted(x.name for x in tmp_path.iterdir()) == files_before


def test_the_import_dialog_offers_the_first_or_the_last_revision_of_a_day(qtbot):
    from PySide6.QtWidgets import QWidget
    from desktop.ui.dialogs.import_options import ImportDialog
    window = QWidget()
    window.project = Project()
    qtbot.addWidget(window)
    dlg = ImportDialog(window, ["1706435881.geojson.gz", "1706480394.geojson.gz"])
    assert dlg.options().series and dlg.options().keep == "last" and dlg.keep.isEnabled()
    dlg.keep.setCurrentIndex(dlg.keep.findData("first"))
    assert dlg.options().keep == "first"
    dlg.series.setChecked(False)
    assert not dlg.keep.isEnabled()
