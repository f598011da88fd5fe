"""The window stays readable under a dark desktop theme: Frontline's chrome is light (so are the
map and its furniture), and text colours must come with it rather than from the desktop."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui.app import make_app


def _luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.fixture
def dark_desktop(qapp):
    """The desktop's palette is dark (light text on dark grounds) when Frontline starts."""
    app = QApplication.instance()
    saved, sheet = app.palette(), app.styleSheet()
    dark = QPalette()
    for role, colour in ((QPalette.Window, "#202124"), (QPalette.WindowText, "#e8eaed"),
                         (QPalette.Base, "#303134"), (QPalette.Text, "#e8eaed"),
                         (QPalette.Button, "#303134"), (QPalette.ButtonText, "#e8eaed"),
                         (QPalette.ToolTipBase, "#303134"), (QPalette.ToolTipText, "#e8eaed"),
                         (QPalette.PlaceholderText, "#9aa0a6")):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    yield app
    app.setPalette(saved)
    app.setStyleSheet(sheet)


def test_text_is_readable_on_every_ground_under_a_dark_desktop(dark_desktop):
    pal = make_app().palette()
    pairs = [(QPalette.WindowText, QPalette.Window), (QPalette.Text, QPalette.Base),
             (QPalette.Text, QPalette.AlternateBase), (QPalette.ButtonText, QPalette.Button),
             (QPalette.ToolTipText, QPalette.ToolTipBase), (QPalette.HighlightedText, QPalette.Highlight)]
    for fg, bg in pairs:
        ratio = contrast(pal.color(fg), pal.color(bg))
        assert ratio >= 4.5, (fg, bg, pal.color(fg).name(), pal.color(bg).name(), ratio)
    # Hints in empty fields are quieter, but still legible.
    assert 2.5 <= contrast(pal.color(QPalette.PlaceholderText), pal.color(QPalette.Base)) < 10
