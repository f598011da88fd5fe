"""Small export fixes of #16 (item 5): a Shapefile export writes one file per geometry type (an
export mixes polygons, points and lines); the CSV of sources starts with a byte-order mark, so
Excel reads Cyrillic right; a date (`--at`) an export cannot honour is refused, never ignored."""
from __future__ import annotations

import subprocess
import sys
from datetime import date

import numpy as np
import pyogrio
import pytest
import shapely
from shapely.geometry import box

from desktop.model import CommandStack, create_zone
from desktop.storage.errors import InputError
from desktop.storage.exports.exporter import export_project
from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui.app import SAMPLE


@pytest.fixture
def sample():
    p = open_project(SAMPLE, read_only=True)
    yield p
    close_project(p)


def _read(path):
    meta, _, wkb, cols = pyogrio.raw.read(path, encoding="UTF-8")
    return meta, shapely.from_wkb(wkb), dict(zip(meta["fields"], cols))


def test_shapefile_history_one_file_per_geometry_type(sample, tmp_path):
    out = tmp_path / "front.shp"
    summary = export_project(sample, out)
    assert "front.shp" in summary and "front_points.shp" in summary and "front_lines.shp" in summary
    meta, geoms, cols = _read(out)
    assert meta["crs"] == "EPSG:4326"
    by_id = {v.id: v for v in sample.versions.values() if not v.geometry.is_empty}
    assert sorted(cols["version_id"]) == sorted(by_id)
    for vid, g, vf, vt in zip(cols["version_id"], geoms, cols["valid_from"], cols["valid_to"]):
        v = by_id[vid]
        assert vf == np.datetime64(v.valid_from)
        assert (np.isnat(vt) if v.valid_to is None else vt == np.datetime64(v.valid_to))
        assert abs(g.area - v.geometry.area) < 1e-6 * max(v.geometry.area, 1e-9) + 1e-12
    # The quotes do not fit a DBF: they are counted per stance.
    for vid, n in zip(cols["version_id"], cols["n_support"]):
        assert n == sum(1 for e in sample.evidence_for(vid) if e.stance == "supports")
    kinds = {"Point", "MultiPoint"}, {"LineString", "MultiLineString"}
    for suffix, types in zip(("_points", "_lines"), kinds):
        _, g, c = _read(tmp_path / f"front{suffix}.shp")
        want = sorted(o.id for o in sample.observations.values() if o.geometry.geom_type in types)
        assert sorted(c["obs_id"]) == want and len(g) == len(want)
    assert not list(tmp_path.glob("*.part*"))


def test_shapefile_on_a_date_and_cyrillic_names(sample, tmp_path):
    from desktop.model import Project, add_assessment
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "Наша оцінка")
    st.push(cmd)
    st.push(create_zone(p, name="Покровськ, північ", assessment_id=aid, geometry=box(37.1, 48.28, 37.2, 48.32),
                        status="contested", as_of=date(2025, 11, 24))[0])
    out = tmp_path / "z.shp"
    export_project(p, out, at=date(2025, 12, 1))
    _, _, cols = _read(out)
    assert list(cols["name"]) == ["Покровськ, північ"] and list(cols["assessmnt"]) == ["Наша оцінка"]
    assert (tmp_path / "z.cpg").read_text().strip().upper().replace("-", "") == "UTF8"
    assert not (tmp_path / "z_points.shp").exists()  # no observations: no empty files


def test_csv_of_sources_has_a_bom_and_refuses_a_date(sample, tmp_path):
    out = tmp_path / "sources.csv"
    export_project(sample, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw[3:].startswith(b"source_id") or raw[3:4] != b"\xef"
    with pytest.raises(InputError, match="--at does not apply to a CSV: sources and quotes export"):
        export_project(sample, tmp_path / "again.csv", at=date(2025, 12, 1))
    assert not (tmp_path / "again.csv").exists()


def test_the_cli_refuses_at_for_csv_with_one_line(tmp_path):
    r = subprocess.run([sys.executable, "-m", "desktop", "export", str(SAMPLE), "-o", str(tmp_path / "s.csv"),
                        "--at", "2025-12-01"], capture_output=True, text=True)
    assert r.returncode != 0
    assert "--at does not apply" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
