"""`frontline stats` on the Pokrovsk DeepState series matches the published AOI areas."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import shape

from desktop.model import CommandStack, add_assessment, create_zone, edit_zone
from desktop.storage.project.projectfile import close_project, create_project

ROOT = Path(__file__).resolve().parents[1]


def expected_table(readme: Path) -> dict[str, float]:
    """The 'occupied km2 in AOI' column of shared/data/README.md, by date."""
    rows = {}
    for m in re.finditer(r"^\| (2025-\d\d-\d\d) \| \d+ \| ([\d.]+) \|", readme.read_text(), re.M):
        rows[m.group(1)] = float(m.group(2))
    return rows


def test_stats_match_published_areas(shared_data, tmp_path):
    folder = shared_data / "frontline" / "deepstate_cyterat_pokrovsk_2025"
    files = sorted(folder.glob("*.geojson"))
    assert len(files) == 18
    expected = expected_table(shared_data / "README.md")
    assert len(expected) == 18
    path = tmp_path / "pokrovsk.gpkg"
    project = create_project(path, "DeepState Pokrovsk")
    st = CommandStack(project)
    cmd, aid = add_assessment(project, "DeepState")
    st.push(cmd)
    zone = None
    for f in files:
        fc = json.loads(f.read_text())
        geom = shape(fc["features"][0]["geometry"])
        d = date.fromisoformat(fc["features"][0]["properties"]["date"])
        if zone is None:
            cmd, zone = create_zone(project, name="Occupied", assessment_id=aid, geometry=geom,
                                    status="ru_control", as_of=d)
        else:
            cmd = edit_zone(project, zone, d, geometry=geom)
        st.push(cmd)
    assert len(project.versions_of(zone)) == 18
    close_project(project)
    r = subprocess.run([sys.executable, "-m", "desktop", "stats", str(path), "--step", "week", "--csv"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert r.stdout.splitlines()[0] == "date,assessment,status,km2"
    got = {row["date"]: float(row["km2"]) for row in rows}
    assert set(got) == set(expected)
    for d, km2 in expected.items():
        assert got[d] == pytest.approx(km2, rel=0.005), d
    assert {row["status"] for row in rows} == {"ru_control"}
    assert {row["assessment"] for row in rows} == {"DeepState"}
