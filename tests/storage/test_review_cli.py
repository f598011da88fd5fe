"""Review of `frontline import/export/validate` as a user types them: through `desktop.cli.main`,
so argparse's own conversions (dates) and the exit codes are part of what is tested."""
from __future__ import annotations

import json

import pytest

from desktop.cli import main

RING = [[37, 48], [37.1, 48], [37.1, 48.1], [37, 48.1], [37, 48]]


def _fc(*features) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def _zone(fid, name, **props) -> dict:
    ring = [[x + 0.5 * fid, y] for x, y in RING]
    return {"type": "Feature", "id": fid, "properties": {"name": name, **props},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


@pytest.fixture
def project(tmp_path):
    src = tmp_path / "in.geojson"
    src.write_text(json.dumps(_fc(_zone(1, "A", status="ru_control", valid_from="2025-01-01"),
                                  _zone(2, "B", status="contested", valid_from="2025-03-01"))))
    proj = tmp_path / "p.gpkg"
    assert main(["import", str(src), "-o", str(proj)]) == 0
    return proj


def test_export_at_from_the_command_line(project, tmp_path, capsys):
    out = tmp_path / "at.geojson"
    assert main(["export", str(project), "-o", str(out), "--at", "2025-02-01"]) == 0
    feats = json.loads(out.read_text())["features"]
    assert [f["properties"]["name"] for f in feats] == ["A"]
    assert main(["export", str(project), "-o", str(tmp_path / "at.kml"), "--at", "2025-03-01"]) == 0
    with pytest.raises(SystemExit) as e:  # a bad date is a usage error: exit 2
        main(["export", str(project), "-o", str(out), "--at", "01/02/2025"])
    assert e.value.code == 2


def test_missing_files_and_folders_are_named_once(tmp_path, capsys):
    missing = tmp_path / "nope.geojson"
    assert main(["validate", str(missing), str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"error: nope.geojson: no such file" in out
    assert f"error: {tmp_path.name}: is a folder, not a file" in out
    assert main(["import", str(tmp_path), "-o", str(tmp_path / "p.gpkg")]) == 1
    assert "is a folder, not a file" in capsys.readouterr().err
    assert not (tmp_path / "p.gpkg").exists()


def test_binary_file_named_geojson(tmp_path, capsys):
    junk = tmp_path / "junk.geojson"
    junk.write_bytes(bytes(range(256)) * 8)
    assert main(["validate", str(junk)]) == 1
    assert "junk.geojson" in capsys.readouterr().out
    assert main(["import", str(junk), "-o", str(tmp_path / "p.gpkg")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("frontline: error: junk.geojson: ")
    assert not (tmp_path / "p.gpkg").exists()


@pytest.mark.parametrize("ext", [".geojson", ".kml", ".csv", ".gpkg"])
def test_export_into_a_missing_folder_is_one_line(project, tmp_path, capsys, ext):
    out = tmp_path / "no" / "such" / f"out{ext}"
    assert main(["export", str(project), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"frontline: error: {out}: cannot write (no such folder {out.parent})"]
    assert not out.parent.exists()


def test_import_into_a_missing_folder_is_one_line(tmp_path, capsys):
    src = tmp_path / "in.geojson"
    src.write_text(json.dumps(_fc(_zone(1, "A", status="ru_control", valid_from="2025-01-01"))))
    out = tmp_path / "no" / "p.gpkg"
    assert main(["import", str(src), "-o", str(out)]) == 1
    assert capsys.readouterr().err.strip() == f"frontline: error: {out}: cannot create (no such folder {out.parent})"
