"""The offline log of a pulled copy, against SQLite only (no server): each edit's change set is
logged in the edit's own transaction, in order, and reads back equal to what was written."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from shapely.geometry import box

from desktop.model import CommandStack, edit_zone
from desktop.storage.project.projectfile import close_project, create_project, open_project
from desktop.storage.team import offline_log
from support.builders import populate


def _pulled_copy(tmp_path):
    """A project file with every kind of record, marked as pulled from a team project."""
    path = tmp_path / "copy.gpkg"
    p = create_project(path, "copy")
    populate(p)
    offline_log.mark_pulled(p.storage.con, offline_log.Origin("postgresql://u@h/db?project=x", "x", "42"))
    close_project(p)
    return path


def test_every_change_set_round_trips_through_the_log_encoding(tmp_path):
    p = create_project(tmp_path / "p.gpkg")
    st = populate(p)
    for cmd in st.commands():
        back = offline_log.decode_changes(offline_log.encode_changes(cmd.changes))
        assert back == cmd.changes  # shapes by exact WKB, dates, bytes, tuples
        back_undo = offline_log.decode_changes(offline_log.encode_changes(cmd.changes.reversed()))
        assert back_undo == cmd.changes.reversed()
    close_project(p)


def test_a_plain_file_has_no_origin_and_logs_nothing(tmp_path):
    p = create_project(tmp_path / "plain.gpkg")
    populate(p)
    assert offline_log.origin_of(p.storage.con) is None
    assert offline_log.entries(p.storage.con) == []
    close_project(p)


def test_edits_in_a_pulled_copy_are_logged_in_order_and_undo_too(tmp_path):
    path = _pulled_copy(tmp_path)
    p = open_project(path)
    assert offline_log.origin_of(p.storage.con) == offline_log.Origin("postgresql://u@h/db?project=x", "x", "42")
    assert offline_log.entries(p.storage.con) == []  # the pull itself is not an offline edit
    st = CommandStack(p)
    zid = next(z.id for z in p.zones.values() if z.name == "north")
    st.push(edit_zone(p, zid, date(2025, 12, 1), geometry=box(37.4, 48.2, 37.46, 48.26)))
    st.push(edit_zone(p, zid, date(2025, 12, 8), status="ru_control"))
    st.undo()
    done = [c.changes for c in st.commands()]
    close_project(p)
    con = sqlite3.connect(path)
    logged = offline_log.entries(con)
    con.close()
    assert [e.changes for e in logged[:1]] == done
    assert len(logged) == 3 and logged[2].changes == logged[1].changes.reversed()
    assert [e.seq for e in logged] == sorted(e.seq for e in logged)


def test_the_log_commits_or_rolls_back_with_the_edit(tmp_path):
    path = _pulled_copy(tmp_path)
    p = open_project(path)

    def fail(con, changes):  # a later step of the same transaction fails
        raise sqlite3.OperationalError("disk I/O error")
    p.storage.in_transaction.append(fail)
    zid = next(z.id for z in p.zones.values() if z.name == "north")
    cmd = edit_zone(p, zid, date(2025, 12, 1), geometry=box(37.4, 48.2, 37.47, 48.27))
    with pytest.raises(sqlite3.OperationalError):
        p.apply(cmd.changes)
    assert offline_log.entries(p.storage.con) == []
    p.storage.in_transaction.remove(fail)
    p.apply(cmd.changes)
    assert [e.changes for e in offline_log.entries(p.storage.con)] == [cmd.changes]
    close_project(p)
    again = open_project(path)  # the edit is in the file: the log and the rows agree
    for c in cmd.changes:
        assert again.table(c.table).get(c.id) == c.after
    close_project(again)


def test_a_read_only_open_of_a_copy_installs_no_log(tmp_path):
    path = _pulled_copy(tmp_path)
    p = open_project(path, read_only=True)
    assert offline_log.log_step not in p.storage.in_transaction
    close_project(p)
    p = open_project(path)
    assert p.storage.in_transaction.count(offline_log.log_step) == 1
    close_project(p)
