"""The project's default QGIS style (`layer_styles`), and the history export's date-times and
style (issue 16, item 2). QGIS and GDAL themselves check them in `make interop`; here, the rows,
the QML and the values, in pure Python; and kepler.gl's own field types where node and its
processors are installed (`make interop` installs them in .venv/kepler)."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from desktop.model.changes import Change, ChangeSet
from desktop.model.legend import default_legend
from desktop.storage.exports.exporter import export_project
from desktop.storage.exports.export_props import version_property_names
from desktop.storage.imports.importer import import_files
from desktop.storage.project import qgis_style
from desktop.storage.project.projectfile import close_project, create_project, open_project

from support.builders import populate

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "project_v0_1.gpkg"
KEPLER_SCRIPT = ROOT / "tests" / "interop" / "kepler_fields.js"
ISO_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T00:00:00Z$")


def _styles(path: Path) -> list[dict]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute("SELECT * FROM layer_styles ORDER BY _rowid_")]
    finally:
        con.close()


def _check_style_row(path: Path) -> ET.Element:
    rows = [r for r in _styles(path) if r["styleName"] == qgis_style.STYLE_NAME]
    assert len(rows) == 1
    r = rows[0]
    # What QGIS's loadStyle matches: '' catalog and schema, the table and its geometry column.
    assert (r["f_table_catalog"], r["f_table_schema"], r["f_table_name"], r["f_geometry_column"]) == (
        "", "", "zone_versions", "geom")
    assert r["useAsDefault"] == 1 and r["update_time"]
    con = sqlite3.connect(path)
    assert con.execute("SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'").fetchone() == (
        "attributes",)
    con.close()
    root = ET.fromstring(r["styleQML"])  # the DOCTYPE is only named, never fetched
    assert root.tag == "qgis"
    return root


def _check_temporal(root: ET.Element) -> None:
    t = root.find("temporal")
    assert t is not None
    assert t.get("enabled") == "1"
    # Start and end from expressions (mode 4), start included and end excluded (limitMode 0).
    assert t.get("mode") == "4" and t.get("limitMode") == "0"
    assert t.get("startExpression") == 'to_datetime("valid_from")'
    assert t.get("endExpression") == 'coalesce(to_datetime("valid_to"), make_datetime(9999,12,31,0,0,0))'
    assert (t.get("startField"), t.get("endField")) == ("valid_from", "valid_to")


def test_a_new_project_has_the_default_style(tmp_path):
    path = tmp_path / "p.gpkg"
    close_project(create_project(path, "t"))
    root = _check_style_row(path)
    _check_temporal(root)
    r = root.find("renderer-v2")
    assert r.get("type") == "categorizedSymbol" and r.get("attr") == "status"
    values = [c.get("value") for c in r.find("categories")]
    legend = default_legend()
    assert values == sorted(legend, key=lambda k: legend[k].order) + [""]  # "": any other status
    colours = {layer.find("Option[@type='Map']/Option[@name='color']").get("value")
               for layer in r.iter("layer")}
    assert "165,39,20,89" in colours  # ru_control #a52714 at 0.35


def test_an_upgraded_v0_1_file_has_it_and_the_fixture_stays_as_it_was(tmp_path):
    before = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    copy = tmp_path / "v0_1.gpkg"
    shutil.copyfile(FIXTURE, copy)
    p = open_project(copy, read_only=True)  # a read-only open writes nothing
    close_project(p)
    con = sqlite3.connect(copy)
    assert not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'layer_styles'").fetchone()
    con.close()
    close_project(open_project(copy))  # the first writable open upgrades it
    _check_temporal(_check_style_row(copy))
    close_project(open_project(copy))  # and the next one adds no second row
    assert len(_styles(copy)) == 1
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() == before


def test_its_colours_follow_the_legend_and_a_users_own_style_stays(tmp_path):
    path = tmp_path / "p.gpkg"
    p = create_project(path, "t")
    st = p.legend["ru_control"]
    p.apply(ChangeSet([Change("legend", st.key, st, replace(st, colour="#123456"))]))
    close_project(p)
    close_project(open_project(path))
    assert "18,52,86,89" in _styles(path)[0]["styleQML"]
    # A style the user saved from QGIS as the default stays the default, and stays theirs.
    con = sqlite3.connect(path)
    con.execute("DELETE FROM layer_styles")
    con.execute("INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
                "styleName, styleQML, useAsDefault, description) VALUES ('', '', 'zone_versions', 'geom', "
                "'mine', '<qgis/>', 1, 'my style')")
    con.commit()
    con.close()
    close_project(open_project(path))
    rows = {r["styleName"]: r for r in _styles(path)}
    assert rows["mine"]["useAsDefault"] == 1 and rows["mine"]["styleQML"] == "<qgis/>"
    assert rows["frontline"]["useAsDefault"] == 0


@pytest.fixture
def history(tmp_path) -> tuple[object, Path]:
    project = create_project(tmp_path / "p.gpkg", "t")
    populate(project)
    out = tmp_path / "history.geojson"
    export_project(project, out)
    yield project, out
    close_project(project)


def test_the_geojson_carries_date_times_beside_the_dates(history):
    project, out = history
    feats = [f for f in json.loads(out.read_text(encoding="utf-8"))["features"] if "version_id" in f["properties"]]
    assert len(feats) == len(project.versions) and any(f["properties"]["valid_to"] is None for f in feats)
    for f in feats:
        pr = f["properties"]
        for d, t in (("valid_from", "valid_from_time"), ("valid_to", "valid_to_time")):
            if pr[d] is None:
                assert pr[t] is None  # still valid: no end, as the date says
                continue
            assert ISO_Z.match(pr[t]), pr[t]
            when = datetime.fromisoformat(pr[t].replace("Z", "+00:00"))
            assert when.tzinfo == timezone.utc and when.date() == date.fromisoformat(pr[d])
        keys = list(pr)
        assert keys.index("valid_to_time") == keys.index("evidence") - 1  # evidence still closes it
    assert {"valid_from_time", "valid_to_time"} <= set(version_property_names())


def test_the_history_geojson_comes_with_its_qgis_style(history, tmp_path):
    project, out = history
    root = ET.fromstring(out.with_suffix(".qml").read_text(encoding="utf-8"))
    t = root.find("temporal")
    assert (t.get("enabled"), t.get("mode"), t.get("limitMode")) == ("1", "4", "0")
    assert t.get("startExpression") == 'to_datetime(coalesce("valid_from", "date"))'
    # A picture of one day has no style of its own; someone's own .qml of that name is kept.
    at = tmp_path / "day.geojson"
    export_project(project, at, at=date(2025, 11, 20))
    assert not at.with_suffix(".qml").exists()
    mine = tmp_path / "mine.qml"
    mine.write_text("<qgis/>", encoding="utf-8")
    export_project(project, tmp_path / "mine.geojson")
    assert mine.read_text(encoding="utf-8") == "<qgis/>"


def test_importing_the_export_back_keeps_no_date_time_as_an_extra(history, tmp_path):
    _, out = history
    again = create_project(tmp_path / "again.gpkg", "again")
    import_files(again, [out], assessment="Again")
    assert again.zones
    for z in again.zones.values():
        assert not {"valid_from_time", "valid_to_time"} & {k for k, _ in z.extra}
    close_project(again)


def _kepler_modules() -> Path | None:
    for d in [*os.environ.get("NODE_PATH", "").split(os.pathsep), str(ROOT / ".venv" / "kepler" / "node_modules")]:
        if d and (Path(d) / "@kepler.gl" / "processors" / "package.json").exists():
            return Path(d)
    return None


def test_kepler_gl_takes_the_date_times_as_time(history):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (kepler.gl's processors run on node)")
    modules = _kepler_modules()
    if modules is None:
        pytest.skip("@kepler.gl/processors is not installed (`make interop` installs it in .venv/kepler "
                    "where npm is; or set NODE_PATH)")
    _, out = history
    env = dict(os.environ, NODE_PATH=str(modules))
    res = subprocess.run([node, str(KEPLER_SCRIPT), str(out)], capture_output=True, text=True, env=env,
                         timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    types = json.loads(res.stdout.strip().splitlines()[-1])
    # Time (a time slider), where the plain dates are categories (a multi-select filter).
    assert types["valid_from_time"] == "timestamp" and types["valid_to_time"] == "timestamp"
    assert types["valid_from"] == "date"
