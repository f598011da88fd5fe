"""The bundled user guide and shortcuts page: self-contained, and in step with the program
they describe (the project file's tables, the command line, the actions' shortcuts)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from desktop.cli import SUBCOMMANDS
from desktop.storage.project.projectfile import META_TABLE
from desktop.storage.project.schema import TABLES

HELP = Path(__file__).resolve().parents[1] / "resources" / "help"
GUIDE = HELP / "guide.html"
SHORTCUTS = HELP / "shortcuts.html"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key):
                self.refs.append(a[key])
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).replace("&amp;", "&")


@pytest.mark.parametrize("page", [GUIDE, SHORTCUTS], ids=lambda p: p.name)
def test_pages_are_self_contained(page):
    links = _parse(page)
    assert "script" not in links.tags and "img" not in links.tags and "link" not in links.tags
    for ref in links.refs:
        assert ref.startswith("#"), f"{page.name}: {ref} would need a network or another file"
        assert ref[1:] in links.ids, f"{page.name}: anchor {ref} has no target"


def test_the_guide_covers_the_job():
    text = _text(GUIDE)
    for heading in ("What Frontline is for", "Ten-minute tutorial", "Tools", "Keyboard shortcuts",
                    "File formats", "What the project file keeps where", "Data and attributions"):
        assert heading in text, heading
    for step in ("Draw a zone", "Date it", "Attach a quote", "Step a week", "Reshape", "Replay",
                 "Export GeoJSON", "Export MP4"):
        assert step in text, step
    for credit in ("© OpenStreetMap contributors", "ODbL", "© Minregion", "CC BY-SA", "Natural Earth",
                   "public domain"):
        assert credit in text, credit


def test_the_guide_names_every_table_of_the_project_file():
    text = _text(GUIDE)
    tables = [t[0] for t in TABLES.values()] + [META_TABLE]
    missing = [t for t in tables if t not in text]
    assert not missing, f"the guide does not say what these tables hold: {missing}"


def test_the_guide_documents_every_subcommand():
    text = _text(GUIDE)
    for sub in SUBCOMMANDS:
        assert f"frontline {sub} " in text, sub


def test_the_shortcuts_page_lists_every_action_shortcut(qtbot):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QWidget

    from desktop.ui.window.actions import TOOL_SPECS, Actions
    w = QWidget()
    qtbot.addWidget(w)
    actions = Actions(w)
    page, guide = _text(SHORTCUTS), _text(GUIDE)
    keys = {a.shortcut().toString(QKeySequence.PortableText) for a in w.actions() + w.findChildren(type(actions.undo))
            if not a.shortcut().isEmpty()}
    keys |= {t.shortcut for t in TOOL_SPECS}
    keys |= {"Left", "Right", "Home", "End", "Space", "Ctrl+Left", "Ctrl+Right"}  # the timeline bar's
    missing = [k for k in sorted(keys) if not re.search(rf"(^|[ >/]){re.escape(k)}($|[ <,/])", page)]
    assert not missing, f"shortcuts.html lacks {missing}"
    assert "Keyboard shortcuts" in guide
