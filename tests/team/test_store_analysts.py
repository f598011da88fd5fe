"""Five analysts at once, 200 edits each, on one team project: every edit is in, every row
attributed, nobody left waiting on a lock (the whole run is bounded)."""
from __future__ import annotations

import threading
from datetime import date

from shapely.geometry import box

from desktop.model import CommandStack, Project, add_assessment, create_zone
from desktop.model.edits import rename_zone, set_version_fields
from desktop.storage.team import create_team_project, open_team_project

from team.helpers import assert_same_rows, assessed_overlaps

ANALYSTS, EDITS = 5, 200


def test_five_analysts_two_hundred_edits_each(pg, team_url):
    p = Project()
    cmd, aid = add_assessment(p, "front")
    CommandStack(p).push(cmd)
    create_team_project(team_url, p, analyst="setup")
    watcher = open_team_project(team_url, read_only=True)
    errors: list[BaseException] = []
    finals: dict[str, tuple[str, str]] = {}

    def analyst(k: int) -> None:
        name = f"analyst{k}"
        try:
            project = open_team_project(team_url, analyst=name)
            st = CommandStack(project)
            zones = []
            try:
                for n in range(EDITS):
                    if n % 50 == 0:  # a new zone of their own, far from the others'
                        x = 30.0 + k + n / 1000
                        cmd, zid = create_zone(project, name=f"{name} zone {n}", assessment_id=aid,
                                               geometry=box(x, 45.0, x + 0.005, 45.005),
                                               status="ru_control", as_of=date(2025, 3, 3))
                        st.push(cmd)
                        zones.append(zid)
                    elif n % 2:
                        st.push(rename_zone(project, zones[-1], f"{name} edit {n}"))
                    else:
                        vid = next(iter(project.version_ids_of(zones[-1])))
                        st.push(set_version_fields(project, vid, notes=f"{name} note {n}"))
                finals[name] = (zones[-1], project.zones[zones[-1]].name)
            finally:
                project.storage.close()
        except BaseException as e:  # reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=analyst, args=(k,), daemon=True) for k in range(ANALYSTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "an analyst is still waiting (deadlock?)"
    assert errors == []
    schema = watcher.storage.schema
    with pg.connect("frontline_tests") as con:
        per = dict(con.execute(f'SELECT recorded_by, count(*) FROM "{schema}".frontline_changes '
                               "GROUP BY recorded_by").fetchall())
        unattributed = con.execute(
            f'SELECT (SELECT count(*) FROM "{schema}".zones WHERE recorded_by IS NULL) + '
            f'(SELECT count(*) FROM "{schema}".zone_versions WHERE recorded_by IS NULL)').fetchone()[0]
        by_zone = dict(con.execute(f'SELECT id, recorded_by FROM "{schema}".zones').fetchall())
    assert per == {f"analyst{k}": EDITS for k in range(ANALYSTS)}
    assert unattributed == 0
    fresh = open_team_project(team_url, read_only=True)
    try:
        assert len(fresh.zones) == ANALYSTS * EDITS // 50
        for name, (zid, zname) in finals.items():
            assert fresh.zones[zid].name == zname and by_zone[zid] == name
        # The watcher, following the log, holds exactly what a fresh open reads.
        watcher.load_changes(watcher.storage.pending_remote())
        assert_same_rows(watcher, fresh)
        assert assessed_overlaps(fresh) == []
    finally:
        fresh.storage.close()
        watcher.storage.close()
