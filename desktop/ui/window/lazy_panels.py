"""Placeholders for the panels the main window makes the first time they are shown.

Sources, Changes and Compare start as tabs behind another panel; building them (and computing
what they list) is left until their tab comes to the front. Until then a placeholder holds the
dock with the panel's size hints, so the window is laid out exactly as with the panels in it.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDockWidget, QWidget

# The minimum and preferred sizes of the panels made when first shown (minimum width x the
# height the panel itself sets or hints; preferred). A tab's placeholder claims them so the docks
# are laid out exactly as if the panels were there (the tallest, widest tab sets a dock's size).
# tests/ui/test_lazy_panels.py checks them against the real panels.
PANEL_SIZES: dict[str, tuple[QSize, QSize]] = {
    "sources": (QSize(346, 120), QSize(386, 521)),
    "changes": (QSize(290, 98), QSize(290, 220)),
    "compare": (QSize(337, 124), QSize(337, 248)),
}


class PanelPlaceholder(QWidget):
    """Stands in a dock for a panel not made yet, with the panel's size hints."""

    def __init__(self, minimum: QSize, preferred: QSize) -> None:
        super().__init__()
        self._minimum, self._preferred = minimum, preferred

    def minimumSizeHint(self) -> QSize:  # Qt override
        return self._minimum

    def sizeHint(self) -> QSize:  # Qt override
        return self._preferred


class LazyPanels:
    """The main window's part that makes the lazy panels: `window.sources`, `window.changes` and
    `window.compare` make their panel when first asked for (code that only wants to notify a
    panel that exists uses `built_panel`, so it never makes one)."""

    _panels: dict[str, QWidget]

    def _lazy_dock(self, title: str, name: str, attr: str, area: Qt.DockWidgetArea | None) -> QDockWidget:
        if "_panels" not in self.__dict__:
            self._panels = {}
        dock = self._dock(title, name, PanelPlaceholder(*PANEL_SIZES[attr]), area)
        # A tab behind another gets no visibilityChanged(True): this fires when it comes to the front.
        dock.visibilityChanged.connect(lambda on: on and self._panel(attr))
        return dock

    def built_panel(self, attr: str) -> QWidget | None:
        """The lazily made panel `attr` ("sources", "changes", "compare") if made yet, else None."""
        return self._panels.get(attr)

    def _panel(self, attr: str) -> QWidget:
        panel = self._panels.get(attr)
        if panel is None:
            from desktop.ui.window import hosted
            panel = self._panels[attr] = hosted.LAZY_PANELS[attr](self)
            getattr(self, f"{attr}_dock").setWidget(panel)
        return panel

    def drop_panel(self, attr: str) -> None:
        """Forget a made panel (it is bound to an old project): made again at once if its tab is
        in front, else when it next comes to the front."""
        panel = self._panels.pop(attr, None)
        if panel is None:
            return
        dock = getattr(self, f"{attr}_dock")
        dock.setWidget(PanelPlaceholder(*PANEL_SIZES[attr]))
        panel.deleteLater()
        if dock.isVisible() and not dock.visibleRegion().isEmpty():
            self._panel(attr)

    sources = property(lambda self: self._panel("sources"))
    changes = property(lambda self: self._panel("changes"))
    compare = property(lambda self: self._panel("compare"))
