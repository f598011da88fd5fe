"""The area chart: km² per status over time, net change per step, and a cursor line that scrubs.

Two stacked pyqtgraph plots share a date axis (UTC midnight of each day, so the axis never
shifts with the machine's time zone). The cursor line follows the timeline cursor; dragging it
or clicking a plot moves the cursor to the nearest step boundary.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.model import timeline as tl
from desktop.model.cursor import DATE, TimelineCursor

from desktop.ui.widgets.project_listeners import listen, move_listener

EPOCH = date(1970, 1, 1)
DAY_S = 86400.0
CURSOR_PEN = pg.mkPen("#1a73e8", width=2)
DASHES = (None, (4, 3), (1, 2), (6, 2, 1, 2))  # pen dashes per assessment, in project order


def to_x(d: date) -> float:
    """Seconds since the epoch of `d`'s UTC midnight: the unit of `pg.DateAxisItem`."""
    return (d - EPOCH).days * DAY_S


def from_x(x: float) -> date:
    return EPOCH + timedelta(days=int(np.floor(x / DAY_S + 0.5)))


def _median(a: np.ndarray) -> float:
    """np.median's figure without its first-call import of numpy.ma (~20 ms of start-up)."""
    s = np.sort(a)
    m = len(s) // 2
    return float(s[m]) if len(s) % 2 else float((s[m - 1] + s[m]) / 2)


def legend_label(name: str) -> str:
    """A series name without its trailing qualifier: "Russian-controlled (assessed)" reads as
    well in the chart's legend, and the legend must fit beside the plots in a narrow dock."""
    return name[: name.rindex(" (")] if name.endswith(")") and " (" in name else name


class AreaChart(pg.GraphicsLayoutWidget):
    sigDateClicked = Signal(object)  # datetime.date, after snapping to the step

    def __init__(self, cursor: TimelineCursor | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setBackground("w")
        self._project: Any = None
        self.cursor: TimelineCursor | None = None
        self.dates: list[date] = []
        self.table: dict[tuple[str, str], np.ndarray] = {}
        self._step = tl.WEEK
        self.area_plot = self.addPlot(row=0, col=0, axisItems={"bottom": pg.DateAxisItem(utcOffset=0)})
        self.net_plot = self.addPlot(row=1, col=0, axisItems={"bottom": pg.DateAxisItem(utcOffset=0)})
        self.ci.layout.setRowStretchFactor(0, 3)
        self.ci.layout.setRowStretchFactor(1, 2)
        self.net_plot.setXLink(self.area_plot)
        self.area_plot.setLabel("left", "km²")
        self.net_plot.setLabel("left", "net km²")  # per step; longer overlaps the km² label
        self.area_plot.getAxis("bottom").setStyle(showValues=False)
        for p in (self.area_plot, self.net_plot):
            p.showGrid(x=True, y=True, alpha=0.15)
            p.setMenuEnabled(False)
            p.hideButtons()
            p.getViewBox().setMouseEnabled(x=True, y=False)
        # The legend sits in its own column at the right: inside the plot it would hide the
        # curves whenever the dock is short.
        # Tight rows and short labels: six statuses must fit the chart of a 1280x800 window
        # without hiding the last ones or squeezing the plots to half the dock.
        self.legend = pg.LegendItem(labelTextSize="8pt", labelTextColor="#3c4043", verSpacing=-6, horSpacing=4)
        self.legend.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self.ci.addItem(self.legend, row=0, col=1, rowspan=2)
        self.ci.layout.setAlignment(self.legend, Qt.AlignTop | Qt.AlignLeft)
        self.ci.layout.setColumnStretchFactor(0, 1)
        self.net_plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#9aa0a6", width=1)))
        self.lines = [pg.InfiniteLine(angle=90, movable=True, pen=CURSOR_PEN,
                                      hoverPen=pg.mkPen("#1a73e8", width=4)) for _ in range(2)]
        for line, plot in zip(self.lines, (self.area_plot, self.net_plot)):
            line.setZValue(100)
            line.setToolTip("Drag to move through time")
            plot.addItem(line, ignoreBounds=True)
            line.sigDragged.connect(self._on_line_dragged)
        self._items: list[Any] = []
        # What the shown series were computed from: (project, dates, edits seen). A refresh that
        # would compute from the same inputs is skipped (opening a window asks three times).
        self._generation = 0
        self._shown: tuple[Any, tuple[date, ...], int] | None = None
        self.scene().sigMouseClicked.connect(self._on_click)
        # Coalesce bursts of edits (an import is hundreds of changes) into one recomputation.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh_if_stale)
        if cursor is not None:
            self.set_cursor(cursor)

    # -- wiring -----------------------------------------------------------------------------
    def set_cursor(self, cursor: TimelineCursor) -> None:
        """Follow a timeline cursor: its date, step, range and project."""
        self.cursor = cursor
        listen(self, cursor, self._on_cursor)
        self.set_project(cursor.project)
        self.set_cursor_date(cursor.date)

    def _on_cursor(self, what: str) -> None:
        if what == DATE:
            self.set_cursor_date(self.cursor.date)
        else:  # another step or range: other dates on the axis
            self.schedule_refresh()

    def set_project(self, project: Any) -> None:
        if project is self._project and project is not None:
            # Already listening: its edits reach `_on_changes`; recompute only if stale.
            self.refresh_if_stale()
            return
        move_listener(self._project, project, self._on_changes)
        self._project = project
        self.refresh()

    def detach(self) -> None:
        self.set_project(None)

    def _on_changes(self, changes: Any) -> None:
        if any(c.table in ("versions", "zones", "legend", "assessments") for c in changes):
            self._generation += 1
            self.schedule_refresh()

    def schedule_refresh(self) -> None:
        self._refresh_timer.start()

    # -- data -------------------------------------------------------------------------------
    def _dates(self) -> list[date]:
        if self._project is None:
            return []
        self._step = self.cursor.step if self.cursor is not None else tl.WEEK
        r = self.cursor.range() if self.cursor is not None else self._project.date_range()
        return tl.steps_between(r[0], r[1], self._step) if r else []

    def series_names(self) -> dict[tuple[str, str], str]:
        p = self._project
        many = len({a for a, _ in self.table}) > 1
        out = {}
        for aid, status in self.table:
            s = p.legend.get(status)
            label = s.label if s else status
            a = p.assessments.get(aid)
            out[(aid, status)] = f"{a.name}: {label}" if many and a else label
        return out

    def net_change(self) -> dict[tuple[str, str], np.ndarray]:
        """Per series, km² gained minus lost since the previous step (0 for the first step)."""
        return {k: np.diff(v, prepend=v[:1]) for k, v in self.table.items()}

    def refresh_if_stale(self) -> None:
        """`refresh` unless the series shown were computed from the same project, dates and
        edits."""
        if self._shown != (self._project, tuple(self._dates()), self._generation):
            self.refresh()
        else:
            self._refresh_timer.stop()

    def refresh(self) -> None:
        """Recompute the series from the project and redraw them."""
        self._refresh_timer.stop()
        for plot in (self.area_plot, self.net_plot):
            for item in self._items:
                if item.scene() is not None and item in plot.items:
                    plot.removeItem(item)
        self._items = []
        self.legend.clear()
        self.dates = self._dates()
        p = self._project
        self._shown = (p, tuple(self.dates), self._generation)
        self.table = {k: v for k, v in tl.area_table(p, self.dates).items() if np.any(v)} if p else {}
        if not self.dates:
            self._show_empty()
            return
        xs = np.array([to_x(d) for d in self.dates])
        keys = sorted(self.table, key=lambda k: (list(p.assessments).index(k[0]) if k[0] in p.assessments else 99,
                                                  p.legend[k[1]].order if k[1] in p.legend else 999))
        names = self.series_names()
        nets = self.net_change()
        step_w = _median(np.diff(xs)) if len(xs) > 1 else DAY_S
        bar_w = 0.8 * step_w / max(1, len(keys))
        assessments = list(p.assessments)
        for i, key in enumerate(keys):
            colour = QColor(p.legend[key[1]].colour if key[1] in p.legend else "#607d8b")
            dash = DASHES[assessments.index(key[0]) % len(DASHES)] if key[0] in assessments else None
            pen = pg.mkPen(colour, width=2, dash=dash)
            curve = self.area_plot.plot(xs, self.table[key], pen=pen, symbol="o",
                                        symbolSize=4, symbolPen=pen, symbolBrush=colour)
            self.legend.addItem(curve, legend_label(names[key]))
            fill = QColor(colour)
            fill.setAlpha(150)
            offset = (i - (len(keys) - 1) / 2) * bar_w
            bars = pg.BarGraphItem(x=xs + offset, height=nets[key], width=bar_w, brush=fill, pen=pg.mkPen(colour))
            self.net_plot.addItem(bars)
            self._items += [curve, bars]
        pad = step_w
        self.area_plot.setXRange(xs[0] - pad, xs[-1] + pad, padding=0)
        top = max((float(v.max()) for v in self.table.values()), default=1.0) or 1.0
        self.area_plot.setYRange(-0.03 * top, top * 1.1, padding=0)
        self.net_plot.enableAutoRange(axis="y")

    def _show_empty(self) -> None:
        """No dated zones yet: a few weeks of real dates around the cursor and a plain km² axis,
        not pyqtgraph's default range (epoch fractions of a second, "x0.001" scales)."""
        today = self.cursor.date if self.cursor is not None else date.today()
        self.area_plot.setXRange(to_x(today - timedelta(weeks=8)), to_x(today + timedelta(weeks=1)), padding=0)
        self.area_plot.setYRange(0, 10, padding=0)
        self.net_plot.setYRange(-5, 5, padding=0)

    # -- cursor line and scrubbing ----------------------------------------------------------
    def set_cursor_date(self, d: date) -> None:
        for line in self.lines:
            line.blockSignals(True)
            line.setValue(to_x(d))
            line.blockSignals(False)

    def cursor_line_date(self) -> date:
        return from_x(self.lines[0].value())

    def _snap(self, x: float) -> date:
        step = self.cursor.step if self.cursor is not None else self._step
        return tl.nearest_step_start(from_x(x), step)

    def _scrub_to(self, d: date) -> None:
        self.sigDateClicked.emit(d)
        if self.cursor is not None:
            self.cursor.set_date(d)
        self.set_cursor_date(d)

    def _on_line_dragged(self, line: pg.InfiniteLine) -> None:
        self._scrub_to(self._snap(line.value()))

    def _on_click(self, event: Any) -> None:
        if event.button() != Qt.LeftButton or event.isAccepted():
            return
        pos = event.scenePos()
        for plot in (self.area_plot, self.net_plot):
            vb = plot.getViewBox()
            if vb.sceneBoundingRect().contains(pos):
                self._scrub_to(self._snap(vb.mapSceneToView(pos).x()))
                event.accept()
                return
