"""Review: a bad CSV row is named by its line once, in plain words, and the good rows still come in."""
from __future__ import annotations

from desktop.storage.imports.csv_read import read_csv


def test_bad_rows_are_named_by_line_in_plain_words(tmp_path):
    p = tmp_path / "obs.csv"
    p.write_text("Latitude,Longitude,Date,Type\n48.28,37.18,2025-11-01,strike\n48.3,abc,2025-11-02,strike\n"
                 "48.3,37.2,02/11/2025,drone\n", encoding="utf-8")
    parsed = read_csv(p)
    assert len(parsed.features) == 1
    lines = [q.line() for q in parsed.problems]
    assert lines == ["obs.csv: line 3: latitude '48.3' / longitude 'abc' is not a pair of numbers",
                     "obs.csv: line 4: date '02/11/2025' is not YYYY-MM-DD"]


def test_bad_mgrs_is_named(tmp_path):
    p = tmp_path / "mg.csv"
    p.write_text("MGRS;Date;Kind\n37UDP1234567890;2025-11-01;artillery\nbadgrid;2025-11-01;x\n", encoding="utf-8")
    parsed = read_csv(p)
    assert len(parsed.features) == 1
    assert [q.line() for q in parsed.problems] == ["mg.csv: line 3: MGRS 'badgrid' is not a grid reference"]
