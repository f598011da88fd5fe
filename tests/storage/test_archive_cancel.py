"""A series import of the archive stopped part-way (issue 17, item 5) leaves nothing: the project
in memory as it was, and with `frontline import -o new.gpkg` no file under the final name (nor a
half-made `.part`)."""
from __future__ import annotations

from pathlib import Path

import pytest

from desktop.model import Project
from desktop.storage.imports import series_points
from desktop.storage.imports.importer import import_files

ARCHIVE = "frontline/deepstate_raw_history_2024"
JAN = ("1704145957.geojson.gz", "1704230214.geojson.gz", "1704318201.geojson.gz")


@pytest.fixture
def archive(shared_data) -> Path:
    folder = shared_data / ARCHIVE
    if not (folder / JAN[0]).is_file():
        pytest.skip(f"DeepState's raw archive {folder} is absent")
    return folder


@pytest.mark.parametrize("stop_at", [2, 5])  # 3 files: steps 1-3 read them, 4-6 match them
def test_a_series_import_cancelled_by_its_progress_changes_nothing(archive, stop_at):
    p = Project()
    before = p.snapshot()
    calls = []

    def progress(n: int, total: int) -> bool:
        calls.append(n)
        return n < stop_at
    r = import_files(p, [archive / n for n in JAN], series=True, progress=progress)
    assert r.cancelled and max(calls) == stop_at
    assert p.snapshot() == before and not p.observations


def test_an_import_into_a_new_file_stopped_part_way_leaves_no_file(archive, tmp_path, monkeypatch):
    from desktop.cli import sub_parser
    from desktop.cli_interchange import cmd_import
    applied = []
    real = series_points.PointTracks.apply

    def interrupted(self, *a, **kw):  # Ctrl+C while the second snapshot's points are matched
        applied.append(1)
        if len(applied) == 2:
            raise KeyboardInterrupt
        return real(self, *a, **kw)
    monkeypatch.setattr(series_points.PointTracks, "apply", interrupted)
    out = tmp_path / "new.gpkg"
    args = sub_parser().parse_args(["import", *[str(archive / n) for n in JAN], "--series", "-o", str(out)])
    with pytest.raises(KeyboardInterrupt):
        cmd_import(args)
    assert len(applied) == 2
    assert sorted(x.name for x in tmp_path.iterdir()) == []
    monkeypatch.setattr(series_points.PointTracks, "apply", real)
    assert cmd_import(args) == 0 and out.exists()
