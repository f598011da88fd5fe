"""The app's icons: our own small SVG drawings in `resources/icons/`, tinted when painted.

Each file is a 24x24 line drawing in `currentColor`. `icon(name)` gives a QIcon whose engine
renders the drawing on demand in the colour of the icon's mode and state (grey at rest, blue
when hovered or checked, the palette's disabled text colour when disabled), at the exact pixel
size asked for, so icons stay crisp at any size and device pixel ratio. Nothing is rendered
until a widget paints the icon: a menu's icons cost nothing at start-up.
"""
from __future__ import annotations

from functools import lru_cache
from desktop.resources import resource

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICON_DIR = resource("icons")
# Calm, dark-grey icons: colour on screen is reserved for the control zones.
ICON_COLOUR = "#3c4043"
ICON_ACTIVE = "#1a73e8"


def names() -> list[str]:
    """Every icon drawing there is."""
    return sorted(p.stem for p in ICON_DIR.glob("*.svg"))


@lru_cache(maxsize=None)
def svg_source(name: str) -> str:
    """The drawing's SVG text (with `currentColor` still in it). Unknown names raise."""
    path = ICON_DIR / f"{name}.svg"
    if not path.is_file():
        raise KeyError(f"no icon named {name!r} in {ICON_DIR}")
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=512)
def _renderer(name: str, colour: str) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(svg_source(name).replace("currentColor", colour).encode()))


def _disabled_colour() -> str:
    app = QGuiApplication.instance()
    if app is None:
        return "#9aa0a6"
    return app.palette().color(QPalette.Disabled, QPalette.Text).name()  # #rrggbb: SVG reads no alpha digits


def _selected_colour() -> str:
    """The colour of text on a selected row: the accent blue would vanish into the highlight."""
    app = QGuiApplication.instance()
    if app is None:
        return "#ffffff"
    return app.palette().color(QPalette.Active, QPalette.HighlightedText).name()


class SvgIconEngine(QIconEngine):
    """Paints one drawing in the colour of the mode and state asked for."""

    def __init__(self, name: str, colour: str, active: str) -> None:
        super().__init__()
        self.name, self.colour, self.active = name, colour, active
        self._pixmaps: dict[tuple[int, int, str], QPixmap] = {}

    def colour_for(self, mode: QIcon.Mode, state: QIcon.State) -> str:
        if mode == QIcon.Disabled:
            return _disabled_colour()
        if mode == QIcon.Selected:
            return _selected_colour()
        if state == QIcon.On or mode == QIcon.Active:
            return self.active
        return self.colour

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:  # Qt override
        # The drawing is square: centre it in the rect at the largest square size that fits.
        side = min(rect.width(), rect.height())
        target = QRectF(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side)
        _renderer(self.name, self.colour_for(mode, state)).render(painter, target)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:  # Qt override
        colour = self.colour_for(mode, state)
        key = (size.width(), size.height(), colour)
        pm = self._pixmaps.get(key)
        if pm is None:
            pm = QPixmap(size)
            pm.fill(Qt.transparent)
            painter = QPainter(pm)
            painter.setRenderHint(QPainter.Antialiasing)
            self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
            painter.end()
            self._pixmaps[key] = pm
        return pm

    def clone(self) -> "SvgIconEngine":  # Qt override
        return SvgIconEngine(self.name, self.colour, self.active)

    def key(self) -> str:  # Qt override
        return "frontline-svg"


def icon(name: str, colour: str = ICON_COLOUR, active: str = ICON_ACTIVE) -> QIcon:
    """The icon `name` (a file stem in resources/icons) in `colour`, `active` when hovered or on."""
    svg_source(name)  # a misspelt name fails here, where the icon is asked for, not at paint
    return QIcon(SvgIconEngine(name, colour, active))
