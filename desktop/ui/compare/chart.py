"""The week-by-week disagreement between two assessments, per status, as a small chart.

Fed by the compare panel's series; the cursor line follows the timeline date so the analyst
sees whether the gap between two mapping projects is widening or closing. The legend sits in
its own row above the plot, so it never covers the latest weeks' lines.
"""
from __future__ import annotations

from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.ui.timeline.area_chart import to_x as date_to_ts


def _swatch(colour: str) -> QLabel:
    pm = QPixmap(14, 4)
    pm.fill(QColor(colour))
    label = QLabel()
    label.setPixmap(pm)
    return label


class CompareChart(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.legend_row = QHBoxLayout()
        self.legend_row.setContentsMargins(4, 0, 4, 0)
        self.legend_row.setSpacing(4)
        self.plot_widget = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(utcOffset=0)})
        self.plot_widget.setBackground("w")
        self.plot_widget.setMinimumHeight(100)
        self.plot_widget.setMaximumHeight(150)
        self.plot_widget.setMenuEnabled(False)
        self.plot_widget.setMouseEnabled(x=False, y=False)
        self.plot_widget.hideButtons()
        item = self.plot_widget.getPlotItem()
        item.setLabel("left", "km² apart")
        item.showGrid(x=False, y=True, alpha=0.15)
        self.cursor_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#1a73e8", width=1))
        self.plot_widget.addItem(self.cursor_line)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(self.legend_row)
        lay.addWidget(self.plot_widget)
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.legend_labels: list[str] = []

    def _clear_legend(self) -> None:
        while self.legend_row.count():
            w = self.legend_row.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.legend_labels = []

    def set_series(self, series: list[tuple[date, dict[str, float]]], colours: dict[str, str],
                   labels: dict[str, str]) -> None:
        """`series`: [(date, {status: km²})]. An empty series hides the chart."""
        for curve in self.curves.values():
            self.plot_widget.removeItem(curve)
        self.curves.clear()
        self._clear_legend()
        self.setVisible(bool(series))
        if not series:
            return
        xs = [date_to_ts(d) for d, _ in series]
        for status in sorted({s for _, row in series for s in row}):
            ys = [row.get(status, 0.0) for _, row in series]
            colour = colours.get(status, "#607d8b")
            self.curves[status] = self.plot_widget.plot(xs, ys, pen=pg.mkPen(colour, width=2))
            text = QLabel(labels.get(status, status))
            text.setTextFormat(Qt.PlainText)
            text.setStyleSheet("color: #3c4043; font-size: 8pt;")
            self.legend_row.addWidget(_swatch(colour))
            self.legend_row.addWidget(text)
            self.legend_labels.append(text.text())
        self.legend_row.addStretch(1)

    def set_date(self, d: date) -> None:
        self.cursor_line.setValue(date_to_ts(d))
