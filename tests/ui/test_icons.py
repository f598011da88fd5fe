"""Our own icons: every drawing is valid SVG, is painted in the colour of its mode and state,
crisp at any device pixel ratio, and every icon name the app asks for has a drawing."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtSvg import QSvgRenderer

from desktop.ui.widgets import icons
from desktop.ui.window.actions import TOOL_SPECS

UI = Path(icons.__file__).parents[1]  # desktop/ui


def opaque_colours(icon: QIcon, mode=QIcon.Normal, state=QIcon.Off, size: int = 20) -> Counter:
    image = icon.pixmap(QSize(size, size), mode, state).toImage().convertToFormat(QImage.Format_ARGB32)
    return Counter(QColor(image.pixel(x, y)).name() for y in range(image.height()) for x in range(image.width())
                   if QColor.fromRgba(image.pixel(x, y)).alpha() == 255)


def test_every_drawing_is_valid_and_draws_in_its_colour(qapp):
    assert len(icons.names()) >= 50
    for name in icons.names():
        assert QSvgRenderer(icons.svg_source(name).encode()).isValid(), name
        colours = opaque_colours(icons.icon(name, "#123456", "#654321"))
        # Antialiased edges are partly transparent; the solid strokes are exactly the colour.
        assert colours and set(colours) == {"#123456"}, (name, colours)


def test_mode_and_state_pick_the_colour(qapp):
    ic = icons.icon("magnet")
    assert set(opaque_colours(ic)) == {icons.ICON_COLOUR}
    assert set(opaque_colours(ic, QIcon.Normal, QIcon.On)) == {icons.ICON_ACTIVE}  # a checked tool
    assert set(opaque_colours(ic, QIcon.Active, QIcon.Off)) == {icons.ICON_ACTIVE}  # hovered
    disabled = qapp.palette().color(QPalette.Disabled, QPalette.Text).name()
    assert set(opaque_colours(ic, QIcon.Disabled, QIcon.Off)) == {disabled}
    # On a selected row (the Layers tree's edited assessment) the icon takes the row's text
    # colour: in the accent blue it vanished into the highlight.
    on_highlight = qapp.palette().color(QPalette.Active, QPalette.HighlightedText).name()
    assert on_highlight != qapp.palette().color(QPalette.Active, QPalette.Highlight).name()
    assert set(opaque_colours(ic, QIcon.Selected, QIcon.Off)) == {on_highlight}
    white = icons.icon("play", "#ffffff", "#ffffff")  # presentation controls
    assert set(opaque_colours(white, QIcon.Normal, QIcon.On)) == {"#ffffff"}


def test_drawn_at_device_pixels_on_high_dpi_screens(qapp):
    pm = icons.icon("ruler").pixmap(QSize(20, 20), 2.0)
    assert (pm.width(), pm.height()) == (40, 40) and pm.devicePixelRatio() == 2.0
    # Not a 20 px drawing scaled up: the strokes keep their width in device pixels, so the
    # 2x drawing has about four times the solid pixels, not blurred edges.
    small, big = sum(opaque_colours(icons.icon("ruler")).values()), sum(opaque_colours(icons.icon("ruler"), size=40).values())
    assert big > 3 * small


def test_unknown_names_fail_where_they_are_asked_for(qapp):
    with pytest.raises(KeyError):
        icons.icon("no-such-icon")


def test_every_icon_the_app_asks_for_is_drawn(qapp):
    """Icons asked for by name in the UI code, including the ones only shown in some state
    (pause, the clip mode's other drawing, a PDF attachment), all have a drawing."""
    from PySide6.QtWidgets import QWidget
    from desktop.ui.window.actions import Actions
    Actions(QWidget())  # every action's icon is made here: a missing drawing raises
    asked = {spec.icon for spec in TOOL_SPECS}
    for path in UI.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        asked |= set(re.findall(r"\b_?icon\(\s*\"([\w-]+)\"", text))  # icon("x"), _icon("x" if ...)
        asked |= set(re.findall(r"\b_?icon\([^()]*\belse \"([\w-]+)\"", text))  # ... else "y")
        asked |= {n for pair in re.findall(r"name = \"([\w-]+)\" if .* else \"([\w-]+)\"", text) for n in pair}
    for expected in ("pause", "play", "vector-difference-ba", "file-pdf-outline", "alert", "calendar-range"):
        assert expected in asked  # the scan itself still finds what it is meant to
    missing = sorted(n for n in asked if not (icons.ICON_DIR / f"{n}.svg").exists())
    assert not missing
