"""Placeholders for the panels the main window makes the first time they are shown.

Sources, Changes and Compare start as tabs behind another panel; building them (and computing
what they list) is left until their tab comes to the front. Until then a placeholder holds the
dock with the panel's size hints, so the window is laid out exactly as with the panels in it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDockWidget, QWidget

if TYPE_CHECKING:
    from desktop.model.cursor import TimelineCursor
    from desktop.model.project import Project
    from desktop.model.selection import Selection
    from desktop.ui.evidence.panel import EvidencePanel
    from desktop.ui.map.canvas import MapCanvas

PanelName = Literal["sources", "changes", "compare"]

# The minimum and preferred sizes of the panels made when first shown (minimum width x the
# height the panel itself sets or hints; preferred). A tab's placeholder claims them so the docks
# are laid out exactly as if the panels were there (the tallest, widest tab sets a dock's size).
# tests/ui/test_lazy_panels.py checks them against the real panels.
PANEL_SIZES: dict[PanelName, tuple[QSize, QSize]] = {
    "sources": (QSize(346, 120), QSize(386, 524)),
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
    panel that exists uses `built_panel`, so it never makes one). `make_panel` is the one place
    they are made, and the only place their modules are imported."""

    # Set by MainWindow.__init__ before the first lazy dock.
    project: Project
    cursor: TimelineCursor
    selection: Selection
    canvas: MapCanvas
    evidence: EvidencePanel
    _panels: dict[PanelName, QWidget]
    _lazy_docks: dict[PanelName, QDockWidget]

    def _lazy_dock(self, title: str, name: str, attr: PanelName, area: Qt.DockWidgetArea | None) -> QDockWidget:
        dock = self._dock(title, name, PanelPlaceholder(*PANEL_SIZES[attr]), area)
        self._lazy_docks[attr] = dock
        # A tab behind another gets no visibilityChanged(True): this fires when it comes to the front.
        dock.visibilityChanged.connect(lambda on: on and self._came_to_front(attr))
        return dock

    def _came_to_front(self, attr: PanelName) -> None:
        """Make the panel if it is not yet; a made one catches up with what it let wait while
        its tab was behind another (edits, cursor moves)."""
        built = attr in self._panels
        panel = self._panel(attr)
        if built and hasattr(panel, "refresh_if_stale"):
            panel.refresh_if_stale()

    def built_panel(self, attr: PanelName) -> QWidget | None:
        """The lazily made panel `attr` ("sources", "changes", "compare") if made yet, else None."""
        return self._panels.get(attr)

    def _panel(self, attr: PanelName) -> QWidget:
        panel = self._panels.get(attr)
        if panel is None:
            panel = self._panels[attr] = self.make_panel(attr)
            self._lazy_docks[attr].setWidget(panel)
        return panel

    def make_panel(self, attr: PanelName) -> QWidget:
        """A new panel for the dock `attr`, wired to the window. Its module is imported here, on
        first use: none of the three is needed to show the window (start-up time)."""
        if attr == "sources":  # bound to one project: a new project makes a new one
            from desktop.ui.evidence.sources_dock import SourcesPanel
            sources = SourcesPanel(self.project, None, self)
            # Its splitter asks for ~285 px; tabbed with History under the Layers dock that took
            # the Layers tree's room at 1280x800. The analyst can still drag the dock taller.
            sources.setMinimumHeight(120)
            self.take_commands_from(sources)
            sources.sigQuoteSelected.connect(self.evidence.set_current_quote)
            return sources
        if attr == "changes":
            from desktop.ui.timeline.changes_panel import ChangesPanel
            changes = ChangesPanel(self.cursor, self)
            changes.sigZoneSelected.connect(lambda zid: self.selection.set([zid]))
            return changes
        # Claims against the assessment, or two assessments: listed here, drawn by the canvas.
        from desktop.ui.compare.panel import ComparePanel
        compare = ComparePanel(self.project, None, self, cursor=self.cursor)
        self.take_commands_from(compare)
        compare.sigShapesChanged.connect(self.canvas.set_compare_shapes)
        compare.sigShapeSelected.connect(self.canvas.show_compare_shape)
        return compare

    def panels_follow_project(self) -> None:
        """After a project switch: the changes list follows it; the sources and compare panels,
        bound to one project, are made anew."""
        changes = self.built_panel("changes")
        if changes is not None:
            changes.set_project(self.project)
        for attr in ("sources", "compare"):
            old = self.built_panel(attr)
            if old is not None and old.project is not self.project:
                self.drop_panel(attr)

    def drop_panel(self, attr: PanelName) -> None:
        """Forget a made panel (it is bound to an old project): made again at once if its tab is
        in front, else when it next comes to the front."""
        panel = self._panels.pop(attr, None)
        if panel is None:
            return
        dock = self._lazy_docks[attr]
        dock.setWidget(PanelPlaceholder(*PANEL_SIZES[attr]))
        panel.deleteLater()
        if dock.isVisible() and not dock.visibleRegion().isEmpty():
            self._panel(attr)

    sources = property(lambda self: self._panel("sources"))
    changes = property(lambda self: self._panel("changes"))
    compare = property(lambda self: self._panel("compare"))
