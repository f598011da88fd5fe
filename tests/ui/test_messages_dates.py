"""A wrong date typed into the window's date fields is refused with the reason in the
interface's language (#18): the reason is composed in the Qt-free core (model/date_text.py) as a
Message and translated where the field shows it — in the field's tooltip, its `error` and the
status bar. Without a translator the same typing reads in English, as before."""
from __future__ import annotations

import re
from datetime import date

import pytest

from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui import i18n
from desktop.ui.window.main_window import MainWindow

from .test_date_field import type_date
from .test_main_window import make_file

CYRILLIC = re.compile("[А-Яа-яІіЇїЄєҐґ]")
ENGLISH_WORDS = re.compile(r"\b(no day|not a whole date|type a date|there is no month|does not exist|"
                           r"February|Date not taken)\b")


@pytest.fixture
def ukrainian(qapp):
    assert i18n.install_translator(qapp, "uk") == "uk"
    yield
    i18n.remove_translators(qapp)


@pytest.fixture
def win(qtbot, tmp_path):
    path, zid = make_file(tmp_path)
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.selection.set([zid])  # the inspector shows the version's dates
    w.zone_id = zid
    yield w
    if w.project.storage is not None:
        close_project(w.project)


def _refused_in_ukrainian(field, status: str) -> None:
    assert field.error and CYRILLIC.search(field.error), field.error
    assert not ENGLISH_WORDS.search(field.error), field.error
    assert field.error in field.toolTip() or field.toolTip().endswith(field.error[-20:])
    assert status.startswith("Дату не прийнято: ") and field.error in status, status


@pytest.mark.parametrize("typed, words", [
    ("2025-02-30", ["'2025-02-30'", "лютий 2025", "30"]),  # the month named in Ukrainian
    ("2024/10/07", ["'2024/10/07'", "не повна дата", "2025-12-01 або 01.12.2025"]),
    ("2024-13-01", ["'2024-13-01'", "13"]),
])
def test_a_wrong_date_typed_in_the_timeline_reads_in_ukrainian(qtbot, ukrainian, win, typed, words):
    bar, cursor = win.timeline.bar, win.cursor
    before = cursor.date
    type_date(qtbot, bar.date_edit, typed)
    assert cursor.date == before and bar.date_edit.text() == typed  # nothing taken, the text kept
    _refused_in_ukrainian(bar.date_edit, win.status.currentMessage())
    for w in words:
        assert w in bar.date_edit.error, bar.date_edit.error


def test_a_wrong_date_typed_in_the_inspector_reads_in_ukrainian(qtbot, ukrainian, win):
    ins, p = win.inspector, win.project
    vid = p.version_at(win.zone_id, date(2025, 12, 1)).id
    labels = win.stack.labels()
    type_date(qtbot, ins.valid_from, "31.04.2025")
    assert p.versions[vid].valid_from == date(2025, 12, 1) and win.stack.labels() == labels
    _refused_in_ukrainian(ins.valid_from, win.status.currentMessage())
    assert "квітень 2025" in ins.valid_from.error and "31" in ins.valid_from.error


def test_the_same_typing_reads_in_english_without_a_translator(qtbot, qapp, win):
    i18n.remove_translators(qapp)
    bar = win.timeline.bar
    type_date(qtbot, bar.date_edit, "2025-02-30")
    assert bar.date_edit.error == "'2025-02-30': February 2025 has no day 30"
    assert win.status.currentMessage() == "Date not taken: '2025-02-30': February 2025 has no day 30"
