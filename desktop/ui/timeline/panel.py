"""The timeline dock's widget: the bar of controls over the area chart, both on one cursor."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.ui.timeline.area_chart import AreaChart
from desktop.ui.timeline.bar import TimelineBar
from desktop.ui.timeline.playback import Playback


class TimelinePanel(QWidget):
    def __init__(self, playback: Playback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.setSpacing(2)
        self.bar = TimelineBar(playback, self)
        self.chart = AreaChart(playback.cursor, self)
        lay.addWidget(self.bar)
        lay.addWidget(self.chart, 1)
