"""What the main window offers the pieces that work on it: its declared public API.

The dialogs (file, go-to, media export) and the raster layer action take the window and use
only this. They cannot import `MainWindow` itself, not even for type checking: the window
imports them (when first used), and the two would import each other. `MainWindow` satisfies
this protocol; tests may hand a smaller stand-in that does.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtWidgets import QMenu

    from desktop.model.commands import Command, CommandStack
    from desktop.model.cursor import TimelineCursor
    from desktop.model.project import Project
    from desktop.model.selection import Selection
    from desktop.tools.base import ToolContext
    from desktop.ui.map.canvas import MapCanvas
    from desktop.ui.timeline.playback import Playback
    from desktop.ui.window.status_bar import StatusBar


class WindowApi(Protocol):
    project: Project
    path: str | None  # the project file, None for a project only in memory
    stack: CommandStack
    cursor: TimelineCursor  # the one date on screen
    playback: Playback  # the replay timer that moves the cursor
    selection: Selection  # the one selection
    context: ToolContext  # what the tools act with (assessment being edited, status...)
    canvas: MapCanvas
    status: StatusBar
    menus: dict[str, QMenu]

    def set_project(self, project: Project, path: str | Path | None, *, at: date | None = None) -> None: ...

    def push(self, command: Command | None) -> bool:
        """Apply a command; a refusal becomes a status-bar message and False."""

    def push_group(self, label: str, commands: list[Command]) -> bool: ...

    def refuses_edits(self) -> bool:
        """True (with a message) when the project is read-only."""

    def message(self, text: str, timeout_ms: int = 8000) -> None: ...

    def set_editing_assessment(self, assessment_id: str | None) -> None: ...
