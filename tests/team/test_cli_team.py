"""The command line on a team project: `push FILE URL` makes one, then `stats`, `export` and
`render` take the URL where they take a file and answer as they do for the file; `pull` and
`push` take it offline and back (exit 1 while conflicts stay in the copy)."""
from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.model import CommandStack
from desktop.model.edits import rename_zone
from desktop.storage.project.projectfile import close_project, open_project
from desktop.storage.team import sync


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def team(capsys, team_url, sample_copy):
    code, out, err = _run(capsys, "push", sample_copy, team_url)
    assert code == 0, err
    assert "team project created" in out
    assert "password" not in out
    return team_url


def test_stats_of_the_url_are_the_file_s(capsys, team, sample_copy):
    code, from_url, err = _run(capsys, "stats", team, "--csv")
    assert code == 0, err
    code, from_file, _ = _run(capsys, "stats", sample_copy, "--csv")
    assert from_url == from_file and len(from_url.splitlines()) > 10


def test_export_of_the_url_holds_the_file_s_features_and_who_made_each(capsys, team, sample_copy, tmp_path):
    from desktop.model.edits import set_version_fields
    bobs = set()
    for target in (team, sample_copy):  # the same edit on the team project and on the file
        p = sync.open_any(target, analyst="bob")
        try:
            vid = min(v.id for v in p.versions.values() if v.zone_id == "zone-corridor")
            CommandStack(p).push(set_version_fields(p, vid, notes="seen by bob"))
            bobs = {v.id for v in p.versions.values() if v.notes == "seen by bob"}
        finally:
            close_project(p)

    def features(target, name):
        out = tmp_path / name
        code, _, err = _run(capsys, "export", target, "-o", out, "--history")
        assert code == 0, err
        return json.loads(out.read_text())["features"]
    from_url, from_file = features(team, "url.geojson"), features(sample_copy, "file.geojson")
    # A team project's features say who made each version (exports carry recorded_by); a file's don't.
    by = {f["properties"].get("version_id", f["properties"].get("observation_id")): f["properties"].pop("recorded_by")
          for f in from_url}
    assert all("recorded_by" not in f["properties"] for f in from_file)
    assert bobs and all(by[v] == "bob" for v in bobs)
    assert all(who for who in by.values()) and set(by.values()) - {"bob"}  # the pusher's rows too

    def canon(fs):
        return sorted(json.dumps(f, sort_keys=True) for f in fs)
    assert canon(from_url) == canon(from_file) and len(from_url) >= 61


def test_render_of_the_url_paints_what_the_file_paints(capsys, team, sample_copy, tmp_path):
    from PySide6.QtGui import QImage
    images = []
    for target, name in ((team, "url.png"), (sample_copy, "file.png")):
        out = tmp_path / name
        code, _, err = _run(capsys, "render", target, "--at", "2025-11-24", "-o", out, "--size", "320x200")
        assert code == 0, err
        images.append(QImage(str(out)))
    assert not images[0].isNull() and images[0] == images[1]


def test_pull_and_push_report_a_conflict_and_exit_1_until_resolved(capsys, team, tmp_path):
    copy = tmp_path / "copy.gpkg"
    code, out, err = _run(capsys, "pull", team, "-o", copy, "--analyst", "alice")
    assert code == 0, err
    p = open_project(copy)
    st = CommandStack(p)
    st.push(rename_zone(p, "zone-corridor", "Corridor (alice)"))
    st.push(rename_zone(p, "zone-claim-ua", "UA claim (alice)"))
    close_project(p)
    online = sync.open_any(team, analyst="bob")
    CommandStack(online).push(rename_zone(online, "zone-corridor", "Corridor (bob)"))
    close_project(online)

    code, out, err = _run(capsys, "push", copy, "--analyst", "alice")
    assert code == 1, err
    assert "1 change set(s) went in, 1 conflicted" in out
    assert "zones 'Corridor (bob)': changed by bob" in out
    assert "--reapply" in out and "--drop-conflicts" in out  # the command says how to resolve them
    code, out, err = _run(capsys, "push", copy, "--reapply")
    assert code == 0, err
    assert "1 reapplied on top" in out
    check = sync.open_any(team, read_only=True)
    try:
        assert check.zones["zone-corridor"].name == "Corridor (alice)"
        assert check.zones["zone-claim-ua"].name == "UA claim (alice)"
    finally:
        close_project(check)


def test_a_url_naming_no_project_is_one_line_and_exit_1(capsys, pg, pg_db):
    url = pg.url("frontline_tests", project="no_such_project")
    code, out, err = _run(capsys, "stats", url)
    assert code == 1
    assert err.count("\n") == 1 and "no Frontline project 'no_such_project'" in err


def test_replay_of_the_url_writes_its_frames(capsys, team, tmp_path):
    out = tmp_path / "frames"
    out.mkdir()
    code, _, err = _run(capsys, "replay", team, "-o", out, "--from", "2025-11-17", "--to", "2025-11-24",
                        "--size", "96x64")
    assert code == 0, err
    assert "2 frames" in err and len(list(out.glob("*.png"))) == 2
