"""`frontline validate` and the CLI functions for import and export."""
from __future__ import annotations

import json
from argparse import Namespace

import pytest

from desktop.cli_interchange import cmd_export, cmd_import, cmd_validate
from desktop.storage.errors import InputError


def test_validate_exit_codes(shared_data, capsys):
    bad = shared_data / "fixtures/geojsonhint/bad"
    assert cmd_validate(Namespace(files=[str(bad / "bad-polygon-interiorring-rhr.geojson")])) == 0
    out = capsys.readouterr().out
    assert "warning:" in out and "right-hand rule" in out and "feature 0" in out
    assert cmd_validate(Namespace(files=[str(bad / "stringcoord.geojson")])) == 1
    out = capsys.readouterr().out
    assert "error:" in out and "/features/0/geometry/coordinates/0" in out
    kml = shared_data / "fixtures/kml/fastkml/LinearRingWith1DTuple.kml"
    assert cmd_validate(Namespace(files=[str(kml)])) == 1
    assert "root element is <LinearRing>" in capsys.readouterr().out


def test_import_export_cli(shared_data, tmp_path, capsys):
    files = sorted((shared_data / "frontline/deepstate_cyterat_pokrovsk_2025").glob("*.geojson"))[:4]
    proj = tmp_path / "p.gpkg"
    assert cmd_import(Namespace(files=[str(f) for f in files], output=str(proj), status=None, series=True,
                                assessment="DeepState")) == 0
    assert "version(s)" in capsys.readouterr().out
    out = tmp_path / "at.geojson"
    assert cmd_export(Namespace(project=str(proj), output=str(out), at="2025-09-15", history=False)) == 0
    feats = json.loads(out.read_text())["features"]
    assert feats and all(f["properties"]["assessment"] == "DeepState" for f in feats)
    with pytest.raises(InputError, match="not a date"):
        cmd_export(Namespace(project=str(proj), output=str(out), at="15/09/2025", history=False))
    bare = shared_data / "fixtures/geojsonhint/good/good-polygon.geojson"
    new = tmp_path / "new.gpkg"
    with pytest.raises(InputError, match="--status"):
        cmd_import(Namespace(files=[str(bare)], output=str(new), status=None, series=False, assessment=None))
    assert not new.exists()  # a failed import leaves no half-made project
