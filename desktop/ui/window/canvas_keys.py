"""Which keys the focused map keeps from the window's shortcuts."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt

from desktop.ui.map.canvas import MapCanvas


class CanvasKeys(QObject):
    """Keys the focused map keeps from the window's shortcuts. Left and Right always step the
    timeline (the analyst's rhythm: week by week, wherever the focus is); on the map Up and
    Down pan, Shift+arrows pan in every direction and +/- zoom. While a drawing or editing tool
    is active Enter, Escape, Backspace and Delete go to the tool (with the Select tool, Delete
    is the window's "delete the selected zones")."""

    VIEW_KEYS = {Qt.Key_Up, Qt.Key_Down, Qt.Key_Plus, Qt.Key_Minus, Qt.Key_Equal}
    SHIFT_VIEW_KEYS = {Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down}
    TOOL_KEYS = {Qt.Key_Return, Qt.Key_Enter, Qt.Key_Escape, Qt.Key_Backspace, Qt.Key_Delete}

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        canvas.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() != QEvent.ShortcutOverride:
            return False
        if event.modifiers() == Qt.ShiftModifier and event.key() in self.SHIFT_VIEW_KEYS:
            event.accept()
            return True
        if event.modifiers() in (Qt.NoModifier, Qt.KeypadModifier):
            tool = self.canvas.tool
            if event.key() in self.VIEW_KEYS or (
                    event.key() in self.TOOL_KEYS and tool is not None and tool.name != "select"):
                event.accept()  # the canvas's keyPressEvent gets the key, not a window shortcut
                return True
        return False
