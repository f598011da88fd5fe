"""Issue #13: a field added to a record is one line in its dataclass. The test makes that one-line
change to a copy of the code (ZoneVersion gains `unit_name: str = ""`) and runs it in a fresh
interpreter (tests/support/added_field_scenario.py) on a file today's Frontline wrote: the file
opens and gains the column, and the field goes through edit, undo, an in-place change, a reshape
as of a later date, save, export and import. Then today's code (older than the copy) edits the
upgraded file, and the copy reads it back."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from desktop.model import CommandStack, edit_zone
from desktop.model.edits import set_version_fields
from desktop.storage.project.projectfile import close_project, open_project

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
FIXTURE = TESTS / "fixtures" / "project_v0_1.gpkg"
SCENARIO = TESTS / "support" / "added_field_scenario.py"
ANCHOR = '    confidence: str = "medium"\n    notes: str = ""\n'  # the end of ZoneVersion's fields
ADDED = '    unit_name: str = ""\n'
U1, U2 = "38th Marine Brigade", "425th Assault Regiment"


@pytest.fixture(scope="module")
def newer_code(tmp_path_factory) -> Path:
    """A copy of `desktop` whose only change is one line in ZoneVersion."""
    root = tmp_path_factory.mktemp("newer_code")
    shutil.copytree(ROOT / "desktop", root / "desktop", ignore=shutil.ignore_patterns("__pycache__"))
    entities = root / "desktop" / "model" / "entities.py"
    text = entities.read_text(encoding="utf-8")
    assert text.count(ANCHOR) == 1
    entities.write_text(text.replace(ANCHOR, ANCHOR + ADDED), encoding="utf-8")
    return root


def run(code: Path, *args: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code), QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, str(SCENARIO), *args], capture_output=True, text=True, env=env,
                       cwd=str(code), timeout=240)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.splitlines()[-1])


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_an_added_field_round_trips_and_old_files_gain_its_column(newer_code, tmp_path):
    old = tmp_path / "old.gpkg"
    shutil.copyfile(FIXTURE, old)
    pristine = tmp_path / "pristine.gpkg"
    shutil.copyfile(FIXTURE, pristine)
    before = fingerprint(pristine)

    # Read-only, the newer code shows the default and writes nothing.
    seen = run(newer_code, "look", str(pristine))
    assert seen["raw"] is None and set(seen["units"].values()) == {""}
    assert fingerprint(pristine) == before
    assert not Path(str(pristine) + "-wal").exists()

    out = tmp_path / "out"
    out.mkdir()
    seen = run(newer_code, "new", str(old), str(out))
    assert seen["package"].startswith(str(newer_code)) and "unit_name" in seen["fields"]
    # Writable, the file gains the column, filled with the field's default.
    assert "unit_name" in seen["columns"]
    assert seen["raw_after_upgrade"] and set(seen["raw_after_upgrade"]) == {""}
    # edit_zone takes it (a keyframe from Nov 28), undo removes it.
    assert seen["edited"] == {"2025-11-01": "", "2025-11-24": "", "2025-11-28": U1, "2025-12-01": ""}
    assert seen["undone"] == {"2025-11-01": "", "2025-11-24": "", "2025-12-01": ""}
    assert seen["in_place_changes"] == 1
    # A reshape as of a later date inherits it; the file keeps all of it.
    want = {"2025-11-01": "", "2025-11-24": "", "2025-11-28": U1, "2025-12-01": U2, "2025-12-10": U2}
    assert seen["reshaped"] == want
    assert seen["reopened"] == want
    assert seen["geojson_properties"] == sorted({"", U1, U2})
    assert seen["kml_has_field"]
    assert seen["imported_geojson"] == want
    assert seen["imported_kml"] == want

    # Today's Frontline (older than the copy) opens the upgraded file and edits it: a row it
    # updates keeps the column it does not know; a row it adds gets the column's DEFAULT.
    project = open_project(old)
    st = CommandStack(project)
    myrnohrad = next(z.id for z in project.zones.values() if z.name == "Myrnohrad")
    north = next(z.id for z in project.zones.values() if z.name == "north")
    st.push(set_version_fields(project, project.version_at(myrnohrad, date(2025, 12, 10)).id, notes="held"))
    st.push(edit_zone(project, north, date(2025, 12, 5), status="ru_control"))
    close_project(project)

    seen = run(newer_code, "look", str(old))
    assert seen["units"] == want
    assert seen["north"] == {"2025-11-10": "", "2025-12-05": ""}
    assert None not in seen["raw"]
