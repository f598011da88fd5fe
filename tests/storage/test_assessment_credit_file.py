"""An assessment's credit, licence note and own labels (#15, item 4) are kept by the project file,
and a file written before those fields existed (tests/fixtures/project_v0_1.gpkg, copied, never
regenerated) still opens: read-only with the defaults, writable with the columns added."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from desktop.model import CommandStack
from desktop.model.credits import attributions, status_label
from desktop.model.entities import Assessment
from desktop.model.record_commands import put_record
from desktop.storage.project.projectfile import close_project, create_project, open_project

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "project_v0_1.gpkg"


def test_credit_licence_and_labels_round_trip(tmp_path):
    path = tmp_path / "p.gpkg"
    p = create_project(path)
    st = CommandStack(p)
    a = Assessment("ds", "DeepState", credit="\u00a9 DeepStateMap.live", licence="Ask DeepState first; “quoted”",
                   labels=(("contested", "DeepState: grey zone / unknown"), ("ru_control", "DeepState: occupied")))
    st.push(put_record(p, "assessments", a, "a"))
    snap = p.snapshot()
    close_project(p)
    again = open_project(path)
    assert again.snapshot() == snap
    assert again.assessments["ds"] == a
    assert status_label(again, "ru_control", "ds") == "DeepState: occupied"
    assert attributions(again) == ["\u00a9 DeepStateMap.live"]
    close_project(again)


def test_a_file_from_before_the_fields_opens_with_their_defaults(tmp_path):
    copy = tmp_path / "v0_1.gpkg"
    shutil.copyfile(FIXTURE, copy)
    con = sqlite3.connect(copy)
    cols = {r[1] for r in con.execute('PRAGMA table_info("assessments")')}
    con.close()
    assert not {"credit", "licence", "labels"} & cols  # the fixture predates them
    ro = open_project(copy, read_only=True)
    [a] = ro.assessments.values()
    assert (a.credit, a.licence, a.labels) == ("", "", ())
    assert attributions(ro) == []
    close_project(ro)
    p = open_project(copy)  # writable: the columns are added, filled with the defaults
    [a] = p.assessments.values()
    assert (a.credit, a.licence, a.labels) == ("", "", ())
    st = CommandStack(p)
    from desktop.model.record_commands import update_record
    st.push(update_record(p, "assessments", a.id, credit="\u00a9 Us", labels=(("ru_control", "Theirs"),)))
    snap = p.snapshot()
    close_project(p)
    again = open_project(copy)
    assert again.snapshot() == snap
    assert status_label(again, "ru_control", a.id) == "Theirs"
    close_project(again)
