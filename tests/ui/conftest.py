"""The UI tests read English: whatever the machine's locale, an app made here (make_app, or a
`frontline --screenshot` run started from a test) installs no translator unless a test asks for
one (tests/ui/test_ukrainian_interface.py)."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english_interface(monkeypatch):
    monkeypatch.setenv("FRONTLINE_LANGUAGE", "en")
