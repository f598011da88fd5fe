"""A small square of a status colour: the icon beside a status in lists, combos and legends."""
from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap


def swatch(colour: str, size: int = 12) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(QColor(colour))
    return QIcon(pm)
