"""Issue #20, item 4: rows that contradict each other are reported as the file opens, once each,
naming the table and the row; nothing is dropped from view without its line; a writable open
leaves them byte for byte; export, stats and render work on such a file.

The files are made by Frontline, then broken with plain sqlite3, as another tool would."""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import box

from desktop.cli import main
from desktop.model import CommandStack, add_assessment, create_zone
from desktop.model.evidence_commands import add_quote, add_source, link_quote
from desktop.storage.project.gpkg import register_functions
from desktop.storage.project.projectfile import close_project, create_project, open_project
from desktop.storage.project.schema import TABLE_MAPS

TABLES = ("zone_versions", "zones", "evidence", "quotes", "sources", "legend", "assessments")


def good_project(path: Path) -> dict[str, str]:
    """Two zones (one version each), a source, a quote linked to both versions."""
    p = create_project(path, title="Contradictions")
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    st.push(cmd)
    ids = {"assessment": aid}
    for k, x in (("a", 37.0), ("b", 37.1)):
        cmd, zid = create_zone(p, name=f"zone {k}", assessment_id=aid, geometry=box(x, 48.0, x + 0.05, 48.05),
                               status="ru_control", as_of=date(2025, 1, 6))
        st.push(cmd)
        ids[f"zone_{k}"] = zid
        ids[f"version_{k}"] = next(iter(p.version_ids_of(zid)))
    for k, outlet in (("a", "Outlet"), ("b", "Other outlet")):
        cmd, sid = add_source(p, outlet)
        st.push(cmd)
        cmd, qid = add_quote(p, sid, f"The line moved ({k}).")
        st.push(cmd)
        st.push(link_quote(p, qid, ids[f"version_{k}"])[0])
        ids.update({f"source_{k}": sid, f"quote_{k}": qid})
        ids[f"link_{k}"] = next(e.id for e in p.evidence.values() if e.quote_id == qid)
    close_project(p)
    return ids


def connect(path: Path) -> sqlite3.Connection:
    return register_functions(sqlite3.connect(path))  # the rtree triggers call ST_MinX etc.


def copy_version(con: sqlite3.Connection, vid: str, new_id: str, zone_id: str) -> None:
    cols = [c for c in TABLE_MAPS["versions"].columns if c not in ("id", "zone_id")]
    listed = ", ".join(f'"{c}"' for c in cols)
    con.execute(f'INSERT INTO zone_versions (id, zone_id, {listed}) SELECT ?, ?, {listed} '
                f'FROM zone_versions WHERE id = ?', (new_id, zone_id, vid))


def broken_file(path: Path) -> dict[str, str]:
    ids = good_project(path)
    con = connect(path)
    with con:
        # valid_to before valid_from
        con.execute("UPDATE zone_versions SET valid_to = '2024-12-01' WHERE id = ?", (ids["version_a"],))
        # a status the legend lacks
        con.execute("UPDATE zone_versions SET status = 'mystery' WHERE id = ?", (ids["version_b"],))
        # a version whose zone does not exist
        copy_version(con, ids["version_b"], "orphan-version", "no-such-zone")
        # a zone whose assessment does not exist, with a version
        con.execute("INSERT INTO zones (id, name, assessment_id) VALUES ('lost-zone', 'Lost', 'no-such-layer')")
        copy_version(con, ids["version_b"], "lost-version", "lost-zone")
        # a quote whose source is gone (its link to version a goes out of view with it)
        con.execute("DELETE FROM sources WHERE id = ?", (ids["source_a"],))
        # a link whose quote does not exist, and one to a version that does not exist
        con.execute("INSERT INTO evidence (id, quote_id, target_id, stance) "
                    "VALUES ('bad-link', 'no-such-quote', ?, 'supports')", (ids["version_b"],))
        con.execute("INSERT INTO evidence (id, quote_id, target_id, stance) "
                    "VALUES ('dangling-link', ?, 'no-such-version', 'supports')", (ids["quote_b"],))
        con.execute("INSERT INTO evidence (id, quote_id, target_id, stance) "
                    "VALUES ('hidden-link', ?, 'orphan-version', 'context')", (ids["quote_b"],))
    con.close()
    return ids


def expected_lines(path: Path, ids: dict[str, str]) -> list[str]:
    n = str(path)
    return [
        f"{n}: table zones, row 'lost-zone': its assessment 'no-such-layer' does not exist; the zone 'Lost' "
        "and its 1 version(s) are not shown (the file keeps them)",
        f"{n}: table zone_versions, row '{ids['version_a']}': valid_to 2024-12-01 is before valid_from "
        "2025-01-06: the version is shown on no date",
        f"{n}: table zone_versions, row '{ids['version_b']}': status 'mystery' is not in the legend; "
        "shown as an annotation",
        f"{n}: table zone_versions, row 'orphan-version': its zone 'no-such-zone' does not exist; the version "
        "from 2025-01-06 is not shown (the file keeps it)",
        f"{n}: table quotes, row '{ids['quote_a']}': its source '{ids['source_a']}' does not exist; the quote "
        "is not shown (the file keeps it)",
        f"{n}: table evidence, row '{ids['link_a']}': its quote '{ids['quote_a']}' is not shown (see above); "
        "nor is the link (the file keeps it)",
        f"{n}: table evidence, row 'bad-link': its quote 'no-such-quote' does not exist; the link is not "
        "shown (the file keeps it)",
        f"{n}: table evidence, row 'dangling-link': links to version or observation 'no-such-version', "
        "which does not exist; the link is shown nowhere",
        f"{n}: table evidence, row 'hidden-link': links to version 'orphan-version', which is not shown "
        "(see above)",
    ]


def rows(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY fid').fetchall() for t in TABLES}
    finally:
        con.close()


@pytest.fixture
def broken(tmp_path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "broken.gpkg"
    return path, broken_file(path)


def test_each_contradiction_is_reported_once_with_its_table_and_row(broken):
    path, ids = broken
    p = open_project(path, read_only=True)
    try:
        assert sorted(p.open_warnings) == sorted(expected_lines(path, ids))
        assert len(set(p.open_warnings)) == len(p.open_warnings)
        # Kept in view where the model can show them ...
        assert ids["version_a"] in p.versions and p.versions[ids["version_b"]].status == "mystery"
        assert ids["quote_b"] in p.quotes and "dangling-link" in p.evidence and "hidden-link" in p.evidence
        assert ids["link_b"] in p.evidence
        # ... out of it (and said so above) where it cannot.
        assert "orphan-version" not in p.versions and "lost-zone" not in p.zones
        assert "lost-version" not in p.versions and "bad-link" not in p.evidence
        assert ids["quote_a"] not in p.quotes and ids["link_a"] not in p.evidence
    finally:
        close_project(p)


def test_a_sound_file_opens_without_a_word(tmp_path):
    path = tmp_path / "good.gpkg"
    good_project(path)
    p = open_project(path)
    assert p.open_warnings == []
    close_project(p)


def test_overlapping_versions_of_one_zone_are_reported(tmp_path):
    path = tmp_path / "overlap.gpkg"
    ids = good_project(path)
    con = connect(path)
    with con:
        copy_version(con, ids["version_a"], "second-version", ids["zone_a"])
        con.execute("UPDATE zone_versions SET valid_from = '2025-02-01' WHERE id = 'second-version'")
    con.close()
    p = open_project(path, read_only=True)
    assert p.open_warnings == [
        f"{path}: table zone_versions, row 'second-version': valid from 2025-02-01, while version "
        f"'{ids['version_a']}' of the same zone is still valid (from 2025-01-06 to open): both are shown"]
    close_project(p)


def test_a_writable_open_leaves_the_contradicting_rows_byte_identical(broken):
    path, ids = broken
    before = rows(path)
    p = open_project(path)
    assert not p.read_only and len(p.open_warnings) == len(expected_lines(path, ids))
    close_project(p)
    assert rows(path) == before
    # And a second open says the same again: nothing was mended behind the user's back.
    p = open_project(path)
    assert sorted(p.open_warnings) == sorted(expected_lines(path, ids))
    close_project(p)


def test_the_command_line_warns_and_exports_stats_and_renders(qapp, broken, tmp_path, capsys):
    path, ids = broken
    before = rows(path)
    out = tmp_path / "history.geojson"
    assert main(["export", str(path), "-o", str(out), "--history"]) == 0
    err = capsys.readouterr().err
    for line in expected_lines(path, ids):
        assert f"frontline: warning: {line}" in err
    feats = json.loads(out.read_text(encoding="utf-8"))["features"]
    got = {f["properties"]["version_id"] for f in feats if "version_id" in f["properties"]}
    assert got == {ids["version_a"], ids["version_b"]}
    for name, extra in (("at.geojson", ["--at", "2025-02-01"]), ("h.kml", []), ("sources.csv", []),
                        ("h.shp", []), ("copy.gpkg", [])):
        assert main(["export", str(path), "-o", str(tmp_path / name), *extra]) == 0, name
    assert main(["stats", str(path), "--csv"]) == 0
    stats = capsys.readouterr().out
    assert "mystery" in stats
    png = tmp_path / "map.png"
    assert main(["render", str(path), "--at", "2025-02-01", "-o", str(png), "--size", "320x200"]) == 0
    assert png.stat().st_size > 0
    frames = tmp_path / "frames"
    frames.mkdir()
    assert main(["replay", str(path), "-o", str(frames), "--step", "month", "--size", "160x100"]) == 0
    assert rows(path) == before  # read-only commands: the file is as it was


def test_the_window_opens_such_a_file_and_says_so(broken, qtbot):
    """The window's status bar carries the first line (and how many more); every panel is built
    and the map painted without an error on the rows kept in view."""
    from desktop.ui.window.main_window import MainWindow
    path, ids = broken
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    try:
        text = w.status.currentMessage()
        first = w.project.open_warnings[0]
        assert text == f"{first} (and {len(w.project.open_warnings) - 1} more like it)"
        for attr in ("sources", "changes", "compare"):
            w._panel(attr)
        w.selection.set([ids["zone_b"]])
        assert not w.grab().isNull()
    finally:
        close_project(w.project)
