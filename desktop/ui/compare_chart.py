"""The week-by-week disagreement between two assessments, per status, as a small chart.

Fed by the compare panel's series; the cursor line follows the timeline date so the analyst
sees whether the gap between two mapping projects is widening or closing.
"""
from __future__ import annotations

from datetime import date

import pyqtgraph as pg

from .area_chart import to_x as date_to_ts


class CompareChart(pg.PlotWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent, axisItems={"bottom": pg.DateAxisItem(utcOffset=0)})
        self.setBackground("w")
        self.setMinimumHeight(110)
        self.setMaximumHeight(170)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.getPlotItem().setLabel("left", "km² apart")
        self.getPlotItem().showGrid(x=False, y=True, alpha=0.15)
        self.legend = self.getPlotItem().addLegend(offset=(-6, 4), labelTextSize="7pt", brush=pg.mkBrush(255, 255, 255, 210))
        self.cursor_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#1a73e8", width=1))
        self.addItem(self.cursor_line)
        self.curves: dict[str, pg.PlotDataItem] = {}

    def set_series(self, series: list[tuple[date, dict[str, float]]], colours: dict[str, str],
                   labels: dict[str, str]) -> None:
        """`series`: [(date, {status: km²})]. An empty series hides the chart."""
        for curve in self.curves.values():
            self.removeItem(curve)
        self.curves.clear()
        self.legend.clear()
        self.setVisible(bool(series))
        if not series:
            return
        xs = [date_to_ts(d) for d, _ in series]
        statuses = sorted({s for _, row in series for s in row})
        for status in statuses:
            ys = [row.get(status, 0.0) for _, row in series]
            pen = pg.mkPen(colours.get(status, "#607d8b"), width=2)
            self.curves[status] = self.plot(xs, ys, pen=pen, name=labels.get(status, status))

    def set_date(self, d: date) -> None:
        self.cursor_line.setValue(date_to_ts(d))
