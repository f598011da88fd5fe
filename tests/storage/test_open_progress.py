"""Opening a project reports how far its reading is and can be cancelled from that report
(issue 17, item 5): a Cancel leaves the file byte for byte as it was, an older file included
(a completed writable open would upgrade it)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.storage.project import projectfile
from desktop.storage.project.projectfile import close_project, open_project
from desktop.storage.project.sample import sample_path

OLD = Path(__file__).resolve().parents[1] / "fixtures" / "project_v0_1.gpkg"


class Cancel(Exception):
    pass


def test_the_reading_is_reported_in_order_and_the_project_is_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(projectfile, "READ_CHUNK", 7)  # several reports even for the sample
    path = shutil.copyfile(sample_path(), tmp_path / "s.gpkg")
    seen: list[float] = []
    p = open_project(path, read_only=True, progress=seen.append)
    try:
        q = open_project(path, read_only=True)
        assert p.snapshot() == q.snapshot()
        close_project(q)
    finally:
        close_project(p)
    assert seen[0] == 0.0 and seen[-1] == 0.95 and len(seen) > 10
    assert all(a <= b for a, b in zip(seen, seen[1:])) and max(seen) <= 0.95


@pytest.mark.parametrize("stop_after", [1, 3, "last"])
def test_a_cancel_leaves_an_older_file_as_it_was(tmp_path, monkeypatch, stop_after):
    monkeypatch.setattr(projectfile, "READ_CHUNK", 2)
    path = shutil.copyfile(OLD, tmp_path / "old.gpkg")
    before = path.read_bytes()
    calls: list[float] = []

    def progress(fraction: float) -> None:
        calls.append(fraction)
        if fraction == 0.95 if stop_after == "last" else len(calls) > stop_after:
            raise Cancel()
    with pytest.raises(Cancel):
        open_project(path, progress=progress)
    assert path.read_bytes() == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["old.gpkg"]  # no journal or WAL left
    # ...and a completed writable open does upgrade it (what the Cancel kept from happening).
    close_project(open_project(path))
    assert path.read_bytes() != before
