"""A file written before a field existed lacks its column: read-only it opens with the field's
default and writes nothing; writable it gains the column (with the default) in the one upgrade
transaction; a file from a newer Frontline is still refused untouched.

The older file is made by dropping columns from a new one (a column per kind of default: text,
a boolean, a date that defaults to None, an integer)."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from desktop.model import CommandStack
from desktop.model.record_commands import update_record
from desktop.storage.errors import ProjectFileError
from desktop.storage.project import schema
from desktop.storage.project.projectfile import close_project, create_project, open_project
from desktop.storage.project.schema import SCHEMA_VERSION

from support.builders import populate

DROPPED = {"zone_versions": ("confidence", "approximate", "recorded_on"), "quotes": ("credibility",)}


def columns(path: Path, table: str) -> dict[str, str | None]:
    """column -> its DEFAULT clause."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[1]: r[4] for r in con.execute(f'PRAGMA table_info("{table}")')}
    finally:
        con.close()


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture
def older(tmp_path) -> Path:
    path = tmp_path / "older.gpkg"
    p = create_project(path, "older")
    populate(p)
    close_project(p)
    con = sqlite3.connect(path)
    for table, cols in DROPPED.items():
        for col in cols:
            con.execute(f'ALTER TABLE "{table}" DROP COLUMN "{col}"')
    con.commit()
    con.execute("VACUUM")
    con.close()
    assert not set(DROPPED["zone_versions"]) & set(columns(path, "zone_versions"))
    return path


def _defaults_everywhere(project) -> None:
    assert {(v.confidence, v.approximate, v.recorded_on) for v in project.versions.values()} == {
        ("medium", False, None)}
    assert {q.credibility for q in project.quotes.values()} == {6}


def test_read_only_open_fills_defaults_and_writes_nothing(older):
    before = fingerprint(older)
    p = open_project(older, read_only=True)
    _defaults_everywhere(p)
    assert len(p.versions) == 3 and p.quotes["q1"].text.startswith("It's stupid")
    close_project(p)
    assert fingerprint(older) == before
    assert not Path(str(older) + "-wal").exists()


def test_writable_open_adds_the_columns_with_their_defaults(older):
    p = open_project(older)
    _defaults_everywhere(p)
    zv = columns(older, "zone_versions")
    assert (zv["confidence"], zv["approximate"], zv["recorded_on"]) == ("'medium'", "0", None)
    assert columns(older, "quotes")["credibility"] == "6"
    st = CommandStack(p)
    st.push(update_record(p, "quotes", "q1", credibility=2))
    close_project(p)
    again = open_project(older, read_only=True)
    assert again.quotes["q1"].credibility == 2
    assert {v.confidence for v in again.versions.values()} == {"medium"}
    close_project(again)
    # The rows hold the default itself, not NULL: another tool reading the file sees it too.
    con = sqlite3.connect(older)
    assert set(con.execute("SELECT confidence, approximate FROM zone_versions").fetchall()) == {("medium", 0)}
    con.close()


def test_the_upgrade_is_one_transaction(older, monkeypatch):
    # The quotes table is upgraded after zone_versions: fail there, and nothing may be left of
    # the zone_versions columns either.
    real = schema.TableMap.add_missing_columns

    def failing(self, con):
        real(self, con)
        if self.name == "quotes":
            raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(schema.TableMap, "add_missing_columns", failing)
    # The project still opens, read-only, saying why (it used to raise the sqlite3 error, which
    # the window showed as a traceback).
    p = open_project(older)
    assert p.read_only and p.writer is None
    assert any("opened read-only: disk I/O error" in w for w in p.open_warnings), p.open_warnings
    close_project(p)
    assert not set(DROPPED["zone_versions"]) & set(columns(older, "zone_versions"))
    assert "credibility" not in columns(older, "quotes")
    monkeypatch.undo()
    p = open_project(older)  # and the next open does it all
    close_project(p)
    assert set(DROPPED["zone_versions"]) <= set(columns(older, "zone_versions"))


def test_a_newer_file_is_refused_before_any_upgrade(older):
    con = sqlite3.connect(older)
    con.execute("UPDATE frontline_meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    before = fingerprint(older)
    for read_only in (False, True):
        with pytest.raises(ProjectFileError, match="newer Frontline"):
            open_project(older, read_only=read_only)
    assert fingerprint(older) == before
    assert not set(DROPPED["zone_versions"]) & set(columns(older, "zone_versions"))


def test_a_missing_column_without_a_default_is_named(older):
    con = sqlite3.connect(older)
    con.execute('ALTER TABLE zone_versions DROP COLUMN "status"')
    con.commit()
    con.close()
    before = fingerprint(older)
    with pytest.raises(ProjectFileError, match="zone_versions.*status"):
        open_project(older)
    assert fingerprint(older) == before
