"""The Tracing toggle (T) reaches the tools, and the window gives them the basemap's lines."""
from __future__ import annotations

from tests.ui.test_main_window import window  # noqa: F401  (the fixture)


def test_tracing_action_toggles_the_context(window):  # noqa: F811
    a = window.actions.tracing
    assert a.isCheckable() and a.shortcut().toString() == "T" and not window.context.tracing
    a.trigger()
    assert window.context.tracing
    a.trigger()
    assert not window.context.tracing
    # The basemap's lines near Pokrovsk: its railway among them.
    lines = window.context.trace_lines((37.15, 48.27, 37.20, 48.30))
    assert len(lines) > 10
