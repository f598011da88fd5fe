"""The Ukrainian user guide and shortcuts page keep up with the English ones: every section, offline,
every table of the project file, every shortcut key."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from desktop.storage.project.projectfile import META_TABLE
from desktop.storage.project.schema import TABLES
from test_sample_help import GUIDE, HELP, SHORTCUTS, _parse, _text

GUIDE_UK = HELP / "guide_uk.html"
SHORTCUTS_UK = HELP / "shortcuts_uk.html"

# Words in a key cell that are not key names, and how the Ukrainian page says them.
_KEY_WORDS = {"Shift+arrows": "Shift+стрілки"}


class _Sections(HTMLParser):
    """The ids of the guide's sections (its h2 headings)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h2" and a.get("id"):
            self.ids.append(a["id"])


class _KeyCells(HTMLParser):
    """The first cell of every row of the tables whose first column is the keys ("Keys", "Клавіші")."""

    HEADERS = {"Key", "Keys", "Клавіша", "Клавіші"}

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self._keys_table = False
        self._col = -1
        self._cell = ""  # "th" or "td" while in a first cell
        self._buf = ""

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._keys_table = False
        elif tag == "tr":
            self._col = -1
        elif tag in ("th", "td"):
            self._col += 1
            self._cell, self._buf = (tag if self._col == 0 else ""), ""

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell == tag:
            text = " ".join(self._buf.split())
            if tag == "th":
                self._keys_table = text in self.HEADERS
            elif self._keys_table:
                self.cells.append(text)
            self._cell = ""

    def handle_data(self, data):
        if self._cell:
            self._buf += data


def _sections(path: Path) -> list[str]:
    p = _Sections()
    p.feed(path.read_text(encoding="utf-8"))
    return p.ids


def _keys(path: Path) -> set[str]:
    """Every key named in the key column: "Ctrl+Z / Ctrl+Shift+Z" gives both, "S P L" each letter."""
    p = _KeyCells()
    p.feed(path.read_text(encoding="utf-8"))
    keys: set[str] = set()
    for cell in p.cells:
        for part in re.split(r" / |, | ,", cell):
            part = part.strip()
            if re.fullmatch(r"(?:[A-Z] )+[A-Z]", part):  # the tool letters in one cell
                keys.update(part.split())
            elif part:
                keys.add(part)
    return keys


def test_the_ukrainian_pages_exist_and_are_ukrainian():
    for page in (GUIDE_UK, SHORTCUTS_UK):
        assert page.exists(), page.name
        assert '<html lang="uk">' in page.read_text(encoding="utf-8"), page.name


def test_the_ukrainian_guide_has_every_section_of_the_english_one():
    english, ukrainian = _sections(GUIDE), _sections(GUIDE_UK)
    missing = [s for s in english if s not in ukrainian]
    assert not missing, f"guide_uk.html lacks the sections {missing}"
    links = _parse(GUIDE_UK)
    for section in english:  # links from the English page (#tools...) land in the Ukrainian one too
        assert section in links.ids and f"#{section}" in links.refs, section


@pytest.mark.parametrize("page", [GUIDE_UK, SHORTCUTS_UK], ids=lambda p: p.name)
def test_the_ukrainian_pages_are_self_contained(page):
    links = _parse(page)
    assert "script" not in links.tags and "img" not in links.tags and "link" not in links.tags
    for ref in links.refs:
        assert ref.startswith("#"), f"{page.name}: {ref} would need a network or another file"
        assert ref[1:] in links.ids, f"{page.name}: anchor {ref} has no target"
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", page.read_text(encoding="utf-8"))


def test_the_ukrainian_guide_names_every_table_of_the_project_file():
    text = _text(GUIDE_UK)
    tables = [t[0] for t in TABLES.values()] + [META_TABLE]
    missing = [t for t in tables if t not in text]
    assert not missing, f"the Ukrainian guide does not say what these tables hold: {missing}"


def test_the_ukrainian_guide_keeps_the_commands_as_they_are():
    commands = set(re.findall(r"<code>(frontline [^<]+)</code>", GUIDE.read_text(encoding="utf-8")))
    ukrainian = GUIDE_UK.read_text(encoding="utf-8")
    assert len(commands) >= 9
    missing = sorted(c for c in commands if f"<code>{c}</code>" not in ukrainian)
    assert not missing, f"guide_uk.html lacks the commands {missing}"


@pytest.mark.parametrize("english, ukrainian", [(SHORTCUTS, SHORTCUTS_UK), (GUIDE, GUIDE_UK)],
                         ids=["shortcuts", "guide"])
def test_the_ukrainian_pages_list_every_key_the_english_ones_do(english, ukrainian):
    wanted = {_KEY_WORDS.get(k, k) for k in _keys(english)}
    assert len(wanted) > 30
    missing = sorted(wanted - _keys(ukrainian))
    assert not missing, f"{ukrainian.name} lacks the keys {missing}"


def test_the_ukrainian_shortcuts_page_lists_every_action_shortcut(qtbot):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QWidget

    from desktop.ui.window.actions import TOOL_SPECS, Actions
    w = QWidget()
    qtbot.addWidget(w)
    actions = Actions(w)
    page = _text(SHORTCUTS_UK)
    keys = {a.shortcut().toString(QKeySequence.PortableText) for a in w.actions() + w.findChildren(type(actions.undo))
            if not a.shortcut().isEmpty()}
    keys |= {t.shortcut for t in TOOL_SPECS}
    keys |= {"Left", "Right", "Home", "End", "Space", "Ctrl+Left", "Ctrl+Right"}  # the timeline bar's
    missing = [k for k in sorted(keys) if not re.search(rf"(^|[ >/]){re.escape(k)}($|[ <,/])", page)]
    assert not missing, f"shortcuts_uk.html lacks {missing}"


def test_a_ukrainian_interface_opens_the_ukrainian_pages(qtbot, qapp):
    from desktop.ui import i18n
    from desktop.ui.dialogs import help as help_dialogs
    assert i18n.install_translator(qapp, "uk") == "uk"
    try:
        for opener, page in ((help_dialogs.user_guide, GUIDE_UK), (help_dialogs.shortcuts, SHORTCUTS_UK)):
            dlg = opener(None)
            qtbot.addWidget(dlg)
            assert dlg.browser.source().fileName() == page.name
            assert dlg.browser.document().toPlainText().strip()
    finally:
        i18n.remove_translators(qapp)
    assert i18n.current_language() == "en"
