"""The core's message templates reach the translators (#18): the generated catalog that lupdate
reads lists every one, the committed .ts translates every one keeping its {fields} and number
formats, the built .qm carries them, and `shown` puts them together in Ukrainian."""
from __future__ import annotations

import re
import string
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication

from desktop.model.edits import EditError
from desktop.model.messages import Message, joined, message_templates
from desktop.resources import resource
from desktop.ui import i18n
from desktop.ui.message_catalog import TEMPLATES, catalog_source
from desktop.ui.messages import CONTEXT, shown

CYRILLIC = re.compile("[А-Яа-яІіЇїЄєҐґ]")
SAME_IN_UKRAINIAN = {"{head} ({notes})"}  # nothing but fields and brackets


@pytest.fixture
def ukrainian(qapp):
    assert i18n.install_translator(qapp, "uk") == "uk"
    yield
    i18n.remove_translators(qapp)


def _fields(template: str) -> list[tuple[str, str]]:
    return sorted((f, spec) for _, f, spec, _ in string.Formatter().parse(template) if f is not None)


def _messages_context() -> dict[str, tuple[str, str | None]]:
    root = ET.parse(resource("translations", "frontline_uk.ts")).getroot()
    for ctx in root.iter("context"):
        if ctx.findtext("name") == CONTEXT:
            return {m.findtext("source"): (m.findtext("translation") or "", m.find("translation").get("type"))
                    for m in ctx.iter("message")}
    return {}


def test_the_catalog_lists_every_core_template():
    templates, not_literal = message_templates()
    assert not not_literal
    missing = sorted(set(templates) - set(TEMPLATES))
    assert not missing, ("core templates missing from desktop/ui/message_catalog.py (run "
                         "`.venv/bin/python -m desktop.ui.message_catalog`): " + "; ".join(missing))
    assert list(TEMPLATES) == templates, "the catalog lists templates the core no longer has: regenerate it"
    # What lupdate reads: one QT_TRANSLATE_NOOP("Messages", ...) per template.
    source = catalog_source(templates)
    assert source.count('QT_TRANSLATE_NOOP("Messages", ') == len(templates)


def test_every_template_is_translated_with_its_fields_and_formats():
    ts = _messages_context()
    assert ts, "no Messages context in frontline_uk.ts: run `make translations`"
    for t in TEMPLATES:
        assert t in ts, f"not in the .ts: {t!r}"
        text, kind = ts[t]
        assert kind not in ("unfinished", "obsolete") and text.strip(), f"not translated: {t!r}"
        assert _fields(text) == _fields(t), f"fields or number formats differ: {t!r} -> {text!r}"
        assert CYRILLIC.search(text) or t in SAME_IN_UKRAINIAN, f"still English: {text!r}"


def test_the_built_translation_carries_the_templates(ukrainian):
    for t in TEMPLATES:
        if t not in SAME_IN_UKRAINIAN:
            assert CYRILLIC.search(QCoreApplication.translate(CONTEXT, t)), f"not in the .qm: {t!r}"


def test_shown_puts_a_core_message_together_in_ukrainian(ukrainian):
    head = Message("{zone} drawn as of {date}", zone="Zone 7", date="2025-11-24")
    losses = Message("clipped {zones}", zones=joined(", ", [
        Message("{zone} (−{km2} km²)", zone="Northern Pokrovsk", km2="0.42")]))
    m = Message("{head} ({notes})", head=head, notes=joined("; ", [losses]))
    assert m == "Zone 7 drawn as of 2025-11-24 (clipped Northern Pokrovsk (−0.42 km²))"  # English kept
    text = shown(m)
    assert text.startswith("Zone 7") and "2025-11-24" in text and "Northern Pokrovsk (−0.42 км²)" in text
    assert not re.search(r"\b(drawn|as of|clipped)\b", text)
    e = EditError(Message("{zone}: a new zone needs a status", zone="Zone 7"))
    assert str(e) == "Zone 7: a new zone needs a status"
    assert shown(e).startswith("Zone 7: ") and CYRILLIC.search(shown(e))
    assert shown("Plain text, already translated or data") == "Plain text, already translated or data"
    assert shown(ValueError("plain error")) == "plain error"


def test_shown_keeps_english_without_a_translator(qapp):
    i18n.remove_translators(qapp)
    m = Message("Will cut {zones}", zones="Zone 3")
    assert shown(m) == "Will cut Zone 3"
