"""A status's look as an icon: a small swatch painted by the map's own painter
(`render.zones.paint_zone_swatch`) over the land colour, pattern and outline included, so a
list of statuses shows what the map draws (`swatch.swatch` is the plain colour)."""
from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from desktop.model.legend import Status
from desktop.render import styles
from desktop.render.zones import paint_zone_swatch


def status_icon(status: Status, width: int = 28, height: int = 16) -> QIcon:
    pm = QPixmap(width, height)
    pm.fill(QColor(styles.LAND))
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    paint_zone_swatch(p, QRectF(1.5, 1.5, width - 3, height - 3), status)
    p.end()
    return QIcon(pm)


__all__ = ["status_icon"]
