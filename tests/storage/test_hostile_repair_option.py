"""Issue 20: the repair budget (time for a file's repairs, memory for each) is the user's to set
(`options.set_repair_budget`, the command line's --repair-seconds / --repair-memory-mb): what
import refuses and what validate predicts follow it, and a value out of range is one line."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from desktop.model import Project
from desktop.storage.errors import InputError
from desktop.storage.imports import repair_budget
from desktop.storage.imports.importer import import_files
from desktop.storage.imports.options import repair_budget_setting, set_repair_budget
from desktop.storage.imports.validate import validate_files
from support.hostile_files import scribble


@pytest.fixture(autouse=True)
def restore(monkeypatch):
    # (monkeypatch puts the module's defaults back whatever the test sets)
    monkeypatch.setattr(repair_budget, "DEFAULT_SECONDS", repair_budget.DEFAULT_SECONDS)
    monkeypatch.setattr(repair_budget, "DEFAULT_MEMORY", repair_budget.DEFAULT_MEMORY)


def polygon_file(path: Path, ring: np.ndarray) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "s1", "properties": {"name": "S", "status": "ru_control"},
         "geometry": {"type": "Polygon", "coordinates": [np.round(ring, 7).tolist()]}}]}))
    return path


def test_the_defaults_are_20_s_and_1_gb_and_a_setting_returns_the_previous_one():
    assert repair_budget_setting() == (20.0, 1024)
    assert set_repair_budget(5, 300) == (20.0, 1024)
    assert repair_budget_setting() == (5.0, 300)
    assert repair_budget.RepairBudget().describe() == "5 s / 300 MB"
    set_repair_budget(memory_mb=512)  # None keeps the other
    assert repair_budget_setting() == (5.0, 512)


def test_validate_and_import_follow_the_budget_set(tmp_path):
    # About 460,000 crossings: more than 1 s of budget allows, less than 20 s.
    f = polygon_file(tmp_path / "s_20250301.geojson", scribble(2_000))
    set_repair_budget(1, 256)
    lines, errors = validate_files([f])
    line = next(m for m in lines if "self-intersecting" in m)
    assert errors and "2,001 vertices" in line and "within 1 s / 256 MB; import skips it" in line
    report = import_files(Project(), [f])
    assert report.skipped == 1
    assert any("2,001 vertices" in m and "1 s / 256 MB" in m for m in report.messages)
    set_repair_budget(20)
    lines, errors = validate_files([f])
    line = next(m for m in lines if "self-intersecting" in m)
    assert not errors and "2,001 vertices" in line and "import repairs it" in line


@pytest.mark.parametrize("seconds, memory_mb, said", [
    (0, None, "--repair-seconds 0 is out of range"),
    (float("nan"), None, "--repair-seconds nan is out of range"),
    (None, 10, "--repair-memory-mb 10 is out of range"),
    (None, 10**7, "--repair-memory-mb 10000000 is out of range"),
])
def test_a_value_out_of_range_is_one_line_and_changes_nothing(seconds, memory_mb, said):
    with pytest.raises(InputError, match=said):
        set_repair_budget(seconds, memory_mb)
    assert repair_budget_setting() == (20.0, 1024)


def test_the_command_line_sets_the_budget_and_refuses_a_bad_value(tmp_path, capsys):
    from desktop.cli import main
    f = polygon_file(tmp_path / "s_20250301.geojson", scribble(2_000))
    assert main(["validate", str(f), "--repair-seconds", "1", "--repair-memory-mb", "256"]) == 1
    out = capsys.readouterr().out
    assert "2,001 vertices" in out and "within 1 s / 256 MB; import skips it" in out
    assert main(["validate", str(f), "--repair-seconds", "20"]) == 0
    assert "import repairs it" in capsys.readouterr().out
    dest = tmp_path / "p.gpkg"
    assert main(["import", str(f), "-o", str(dest), "--repair-seconds", "0"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("frontline: error: --repair-seconds 0 is out of range")
    assert not dest.exists()
