"""The area chart: km² per status over time, net change per step, and a cursor line that scrubs.

Two stacked pyqtgraph plots share a date axis (UTC midnight of each day, so the axis never
shifts with the machine's time zone). The cursor line follows the timeline cursor; dragging it
or clicking a plot moves the cursor to the nearest step boundary.

The axes read as dates and km² at every range (`DateAxis`, `KmAxis`: days at the finest, never
hours; thousands separators, never pyqtgraph's "(x0.001)" scale notes). A series much smaller
than the largest (a 15 km² contested zone beside 800 km² of occupied ground) is drawn against a
second km² axis at the right, named in the legend, so it is not flattened on the zero line.
"""
from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

import numpy as np
import pyqtgraph as pg
from shiboken6 import isValid
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.ui.i18n import QT_TR_NOOP, month_abbr, tr
from desktop.model import timeline as tl
from desktop.model.cursor import DATE, TimelineCursor

from desktop.ui.timeline.area_series import AreaTable
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


SMALL_SHARE = 0.2  # a series whose peak is under this share of the largest peak goes on the right axis
RIGHT_AXIS = " →"  # after a legend entry read against the right axis (a word would not fit the dock)
RIGHT_AXIS_TIP = QT_TR_NOOP("Read against the km² axis at the right: too small to see beside the largest series")
MIN_SPAN_DAYS = 14  # the date axis shows at least two weeks (one date alone showed hours)
EMPTY_HINT = QT_TR_NOOP("No dated zones yet: draw a zone or import a front line to chart its area over time.")
NO_AREA_HINT = QT_TR_NOOP("No zone has any area in these dates.")


def km_text(value: float, places: int = 0) -> str:
    """"12,345" or "0.5": km² with thousands separators, never "-0"."""
    text = f"{value:,.{max(0, places)}f}"
    return text[1:] if text.startswith("-") and not any(c not in "-0.," for c in text) else text


class KmAxis(pg.AxisItem):
    """A km² axis: plain numbers with thousands separators. pyqtgraph's automatic SI prefix is
    off (it wrote "(x0.001)" beside the title of a small range), and the decimals follow the tick
    spacing, so a 0.5 km² step reads 0.5 and a 2,000 km² one 2,000."""

    def __init__(self, orientation: str, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)
        self.partners: list[KmAxis] = [self]  # axes kept as wide as this one (see `share_width`)
        self._own_text = 0.0

    def mirror_width(self, other: "pg.AxisItem") -> None:
        """Keep `other` (a blank axis) exactly as wide as this one."""
        self._mirror = other

    def _updateWidth(self) -> None:
        super()._updateWidth()
        mirror = getattr(self, "_mirror", None)
        # As the window is torn down, Qt lays out half-deleted items: never reach into one
        # (reaching into a deleted axis crashed the process at exit).
        if mirror is not None and isValid(mirror) and mirror.fixedWidth != self.maximumWidth():
            mirror.setWidth(self.maximumWidth())

    def share_width(self, *others: "KmAxis") -> None:
        """Keep these axes' tick text as wide as the widest of them: the stacked plots' left
        (and right) edges then line up, and so do their dates and cursor lines."""
        group = [self, *others]
        for a in group:
            a.partners = group

    def _updateMaxTextSize(self, x: int) -> None:  # pyqtgraph's hook, called as ticks are laid out
        self._own_text = x
        partners = [a for a in self.partners if a is self or isValid(a)]
        widest = max(a._own_text for a in partners)
        for a in partners:
            if a is self or abs(a.textWidth - widest) > 0.5:
                pg.AxisItem._updateMaxTextSize(a, widest)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        step = abs(spacing * scale)
        places = max(0, math.ceil(-math.log10(step) - 1e-9)) if step > 0 and math.isfinite(step) else 0
        return [km_text(v * scale, min(places, 3)) for v in values]


# Tick units of the date axis, finest first: (count, unit, approximate days).
_DATE_UNITS = ((1, "day", 1), (2, "day", 2), (1, "week", 7), (2, "week", 14), (1, "month", 30.44),
               (2, "month", 60.88), (3, "month", 91.31), (6, "month", 182.62), (1, "year", 365.25),
               (2, "year", 730.5), (5, "year", 1826.25), (10, "year", 3652.5), (25, "year", 9131.25),
               (50, "year", 18262.5), (100, "year", 36525.0), (1000, "year", 365250.0))
_UNIT_BY_SPACING = {round(days * DAY_S): (n, unit) for n, unit, days in _DATE_UNITS}
_FIRST_DAY, _LAST_DAY = date(1, 1, 1).toordinal(), date(9998, 12, 31).toordinal()


def _day(x: float) -> date:
    """The date `x` seconds after the epoch falls on, clamped to the dates Python can hold."""
    return date.fromordinal(min(max(EPOCH.toordinal() + math.floor(x / DAY_S), _FIRST_DAY), _LAST_DAY))


def _date_ticks(first: date, last: date, n: int, unit: str) -> list[date]:
    """Dates from `first` to `last` on the unit's boundaries: every n-th day since the epoch,
    every n-th Monday, first days of months (month numbers counted from year 0 a multiple of
    n: every quarter starts in January, April...), January the first of years (multiples of n)."""
    out: list[date] = []
    if unit in ("day", "week"):
        step = n * (7 if unit == "week" else 1)
        base = EPOCH + timedelta(days=(7 - EPOCH.weekday()) % 7) if unit == "week" else EPOCH  # a Monday
        d = base + timedelta(days=-(-(first - base).days // step) * step)
        while d <= last:
            out.append(d)
            d += timedelta(days=step)
    elif unit == "month":
        m = first.year * 12 + first.month - 1 + (first.day != 1)
        m = -(-m // n) * n
        while m // 12 <= 9998 and (d := date(m // 12, m % 12 + 1, 1)) <= last:
            out.append(d)
            m += n
    else:
        y = first.year + (first != date(first.year, 1, 1))
        y = max(n, -(-y // n) * n)
        while y <= last.year:
            out.append(date(y, 1, 1))
            y += n
    return out


_LABEL_WIDTHS: dict[tuple[str, str, str], tuple[float, float, float]] = {}


class DateAxis(pg.AxisItem):
    """Dates on the time axis at every range: ticks on days, Mondays, months or years, spaced
    so that their labels fit, labelled "3 Nov", "Nov" or "2025", with the year on the first
    tick and wherever it changes. Never hours: one date alone showed "06:00 12:00" (pyqtgraph's
    DateAxisItem goes down to milliseconds). x is seconds since the epoch (see `to_x`)."""

    def __init__(self, orientation: str = "bottom", **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def _label_widths(self, unit: str) -> tuple[float, float, float]:
        """(a label with its year, one without, room between two tick centres: the two side by
        side and a gap), measured once per font."""
        font = self.style["tickFont"] or self.font()
        key = (font.key(), unit, month_abbr(9))
        got = _LABEL_WIDTHS.get(key)
        if got is None:
            got = _LABEL_WIDTHS[key] = self._measure(QFontMetricsF(font), unit)
        return got

    @staticmethod
    def _measure(fm: QFontMetricsF, unit: str) -> tuple[float, float, float]:
        sep = month_abbr(9)
        plain = {"day": f"30 {sep}", "week": f"30 {sep}", "month": sep}.get(unit, "2025")
        with_year = plain if unit == "year" else plain + " 2025"
        wide, narrow = fm.horizontalAdvance(with_year), fm.horizontalAdvance(plain)
        return wide, narrow, (wide + narrow) / 2 + 8

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:
        if not (math.isfinite(minVal) and math.isfinite(maxVal)) or maxVal <= minVal or size <= 0:
            return []
        first, last = _day(math.ceil(minVal / DAY_S) * DAY_S), _day(maxVal)
        px_per_day = size * DAY_S / (maxVal - minVal)
        n, unit, days = _DATE_UNITS[-1]
        for n, unit, days in _DATE_UNITS:
            if days * px_per_day >= self._label_widths(unit)[2]:
                break
        # Not within half a label of either end, where pyqtgraph would not draw the label: the
        # first label drawn must be the one with the year.
        wide, narrow, _ = self._label_widths(unit)
        left, right = minVal + wide / 2 / px_per_day * DAY_S, maxVal - narrow / 2 / px_per_day * DAY_S
        ticks = [x for x in (to_x(d) for d in _date_ticks(first, last, n, unit)) if left <= x <= right]
        return [(round(days * DAY_S), ticks)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        _, unit = _UNIT_BY_SPACING.get(round(spacing), (1, "day"))
        out, year = [], None
        for v in values:
            d = from_x(v)
            if unit == "year":
                text = str(d.year)
            else:
                text = month_abbr(d.month) if unit == "month" else f"{d.day} {month_abbr(d.month)}"
                if d.year != year:
                    text += f" {d.year}"
            year = d.year
            out.append(text)
        return out


def _right_factor(top: float, small_top: float) -> float:
    """How much the small series are drawn enlarged: their peak at 90% of the largest series'
    peak. Any factor reads: the right axis puts its ticks at round km² of its own."""
    if small_top <= 0 or top <= 0:
        return 1.0
    return max(1.0, 0.9 * top / small_top)


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
        self.area_plot = self.addPlot(row=0, col=0, axisItems={
            "bottom": DateAxis("bottom"), "left": KmAxis("left"), "right": KmAxis("right")})
        self.net_plot = self.addPlot(row=1, col=0, axisItems={
            "bottom": DateAxis("bottom"), "left": KmAxis("left"), "right": KmAxis("right")})
        self.ci.layout.setRowStretchFactor(0, 3)
        self.ci.layout.setRowStretchFactor(1, 2)
        self.net_plot.setXLink(self.area_plot)
        self.area_plot.setLabel("left", tr("km²"))
        self.net_plot.setLabel("left", tr("net km²"))  # per step; longer overlaps the km² label
        self.area_plot.getAxis("bottom").setStyle(showValues=False)
        for p in (self.area_plot, self.net_plot):
            p.showGrid(x=True, y=True, alpha=0.15)
            p.setMenuEnabled(False)
            p.hideButtons()
            p.getViewBox().setMouseEnabled(x=True, y=False)
        # The right axis: km² of the small series, drawn scaled up by `small_factor` in the same
        # view (one view box: clicks, drags and the zero line are shared), the axis scaled down.
        # The net plot's right axis is blank, as wide as the area plot's: both plots keep the
        # same width, so their dates and cursor lines line up.
        self.small_factor = 1.0
        right = self.area_plot.getAxis("right")
        right.setGrid(False)
        right.setLabel("km²")
        blank = self.net_plot.getAxis("right")
        blank.setGrid(False)
        blank.setStyle(showValues=False, tickLength=0)
        blank.setPen(pg.mkPen(None))
        right.mirror_width(blank)
        for plot in (self.area_plot, self.net_plot):
            plot.hideAxis("right")
        self.area_plot.getAxis("left").share_width(self.net_plot.getAxis("left"))
        self.hint = pg.TextItem("", color="#5f6368", anchor=(0.5, 0.5))
        self.hint.setZValue(50)
        self.area_plot.addItem(self.hint, ignoreBounds=True)
        self.hint.hide()
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
            line.setToolTip(tr("Drag to move through time"))
            plot.addItem(line, ignoreBounds=True)
            line.sigDragged.connect(self._on_line_dragged)
        self._items: list[tuple[Any, Any]] = []  # (plot, item) of the series drawn
        # What the shown series were computed from: (project, dates, edits seen). A refresh that
        # would compute from the same inputs is skipped (opening a window asks three times).
        self._generation = 0
        self._shown: tuple[Any, tuple[date, ...], int] | None = None
        # The table kept up to date edit by edit, and the change sets it has not taken yet: an
        # edit moves only the versions it touches (recomputing every version after each edit
        # made a long session's edits slower and slower).
        self.area: AreaTable | None = None
        self._pending: list[Any] = []
        self._drawn: tuple | None = None  # what the series items were built for (see `_draw`)
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
            self._pending.append(changes)
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
        edits; on the same project and dates, only the edits since are taken in."""
        dates = tuple(self._dates())
        shown = (self._project, dates, self._generation)
        if self._shown == shown:
            self._refresh_timer.stop()
        elif self.area is not None and self._shown is not None and self._shown[:2] == shown[:2]:
            self._refresh_timer.stop()
            for changes in self._pending:
                self.area.update(changes)
            self._pending.clear()
            self._shown = shown
            self.table = self.area.rows()
            self._draw()
        else:
            self.refresh()

    def small_series(self) -> set[tuple[str, str]]:
        """The series drawn against the right axis: peaks under `SMALL_SHARE` of the largest."""
        peaks = {k: float(np.max(v)) for k, v in self.table.items()}
        top = max(peaks.values(), default=0.0)
        return {k for k, m in peaks.items() if m < SMALL_SHARE * top}

    def refresh(self) -> None:
        """Recompute the series from the project and redraw them."""
        self._refresh_timer.stop()
        self._pending.clear()
        self.dates = self._dates()
        p = self._project
        self._shown = (p, tuple(self.dates), self._generation)
        self.area = AreaTable(p, self.dates) if p is not None and self.dates else None
        self.table = self.area.rows() if self.area is not None else {}
        self._drawn = None
        self._draw()

    def _clear_series(self) -> None:
        for owner, item in self._items:
            if item.scene() is not None and item in owner.items:
                owner.removeItem(item)
        self._items = []
        self.legend.clear()
        self._drawn = None

    def _draw(self) -> None:
        """Draw `table`. When the same series are drawn already (same dates, names, colours and
        axes: an edit that changed only figures), their items take the new figures; otherwise
        the items and the legend are built again."""
        p = self._project
        if not self.dates:
            self._clear_series()
            self._show_empty()
            return
        keys = sorted(self.table, key=lambda k: (list(p.assessments).index(k[0]) if k[0] in p.assessments else 99,
                                                  p.legend[k[1]].order if k[1] in p.legend else 999))
        small = self.small_series()
        layout = (tuple(self.dates), tuple(keys), frozenset(small), tuple(sorted(self.series_names().items())),
                  tuple((k, p.legend[k].colour) for k in sorted({key[1] for key in keys}) if k in p.legend),
                  tuple(p.assessments))
        if layout == self._drawn:
            self._update_series(keys, small)
            return
        self._clear_series()
        self._drawn = layout
        xs = np.array([to_x(d) for d in self.dates])
        names = self.series_names()
        nets = self.net_change()
        top = max((float(v.max()) for k, v in self.table.items() if k not in small), default=0.0)
        self.small_factor = _right_factor(top, max((float(self.table[k].max()) for k in small), default=0.0))
        one_step = to_x(tl.next_step(self.dates[0], self._step)) - xs[0]
        step_w = _median(np.diff(xs)) if len(xs) > 1 else one_step
        bar_w = 0.8 * step_w / max(1, len(keys))
        assessments = list(p.assessments)
        for i, key in enumerate(keys):
            colour = QColor(p.legend[key[1]].colour if key[1] in p.legend else "#607d8b")
            dash = DASHES[assessments.index(key[0]) % len(DASHES)] if key[0] in assessments else None
            pen = pg.mkPen(colour, width=2, dash=dash)
            factor = self.small_factor if key in small else 1.0
            curve = self.area_plot.plot(xs, self.table[key] * factor, pen=pen, symbol="o",
                                        symbolSize=4, symbolPen=pen, symbolBrush=colour)
            curve.km_factor = factor  # y / km_factor = km² (see `series_km2`)
            curve.series_key = key
            self.legend.addItem(curve, legend_label(names[key]) + (RIGHT_AXIS if key in small else ""))
            if key in small:
                self.legend.items[-1][1].setToolTip(tr(RIGHT_AXIS_TIP))
            fill = QColor(colour)
            fill.setAlpha(150)
            offset = (i - (len(keys) - 1) / 2) * bar_w
            bars = pg.BarGraphItem(x=xs + offset, height=nets[key], width=bar_w, brush=fill, pen=pg.mkPen(colour))
            bars.series_key = key
            self.net_plot.addItem(bars)
            self._items += [(self.area_plot, curve), (self.net_plot, bars)]
        self._set_x_range(xs[0] - step_w, xs[-1] + step_w)
        self._set_y_ranges(top, nets, bool(small))

    def _update_series(self, keys: list[tuple[str, str]], small: set[tuple[str, str]]) -> None:
        """The drawn series take the table's new figures (their items, legend and x range stay)."""
        nets = self.net_change()
        top = max((float(v.max()) for k, v in self.table.items() if k not in small), default=0.0)
        self.small_factor = _right_factor(top, max((float(self.table[k].max()) for k in small), default=0.0))
        for _, item in self._items:
            key = item.series_key
            # Only the series the edit changed are handed to pyqtgraph (each setData re-lays out
            # its item): most edits change one status of one assessment.
            if isinstance(item, pg.BarGraphItem):
                if not np.array_equal(item.opts["height"], nets[key]):
                    item.setOpts(height=nets[key])
            else:
                factor = self.small_factor if key in small else 1.0
                ys = self.table[key] * factor
                if factor != item.km_factor or not np.array_equal(item.getData()[1], ys):
                    item.km_factor = factor
                    item.setData(item.getData()[0], ys)
        self._set_y_ranges(top, nets, bool(small))

    def _set_y_ranges(self, top: float, nets: dict[tuple[str, str], np.ndarray], small: bool) -> None:
        top = top or 1.0
        self.area_plot.setYRange(-0.03 * top, top * 1.1, padding=0)
        right = self.area_plot.getAxis("right")
        right.setScale(1.0 / self.small_factor)
        self._show_right_axis(small)
        lo = min((float(v.min()) for v in nets.values()), default=0.0)
        hi = max((float(v.max()) for v in nets.values()), default=0.0)
        lo, hi = min(lo, 0.0), max(hi, 0.0)
        if hi - lo <= 0:  # no change at all (one date): a plain ±1 km², not ±0.4 "(x0.001)"
            lo, hi = -1.0, 1.0
        pad = 0.08 * (hi - lo)
        self.net_plot.setYRange(lo - pad, hi + pad, padding=0)
        if not self.table:
            self._show_hint(tr(NO_AREA_HINT))
        else:
            self.hint.hide()

    def _show_right_axis(self, show: bool) -> None:
        for plot in (self.area_plot, self.net_plot):
            plot.showAxis("right", show)
        self.area_plot.getAxis("right")._updateWidth()  # and the blank one's, to match

    def series_km2(self) -> dict[tuple[str, str], np.ndarray]:
        """km² per series as the plotted curves show them (their y divided by their factor)."""
        return {c.series_key: np.asarray(c.getData()[1]) / c.km_factor
                for _, c in self._items if hasattr(c, "km_factor")}

    def _set_x_range(self, x0: float, x1: float) -> None:
        """At least `MIN_SPAN_DAYS` around the middle: a single date reads as a date."""
        span = MIN_SPAN_DAYS * DAY_S
        if x1 - x0 < span:
            mid = (x0 + x1) / 2
            x0, x1 = mid - span / 2, mid + span / 2
        self.area_plot.setXRange(x0, x1, padding=0)

    def _show_hint(self, text: str) -> None:
        (x0, x1), (y0, y1) = self.area_plot.getViewBox().targetRange()
        self.hint.setText(text)
        self.hint.setPos((x0 + x1) / 2, (y0 + y1) / 2)
        self.hint.show()

    def _show_empty(self) -> None:
        """No dated zones yet: a few weeks of real dates around the cursor, a plain km² axis
        (not pyqtgraph's default range: epoch fractions of a second, "x0.001" scales) and a hint."""
        today = self.cursor.date if self.cursor is not None else date.today()
        self.small_factor = 1.0
        self._show_right_axis(False)
        self.area_plot.setXRange(to_x(today - timedelta(weeks=8)), to_x(today + timedelta(weeks=1)), padding=0)
        self.area_plot.setYRange(0, 10, padding=0)
        self.net_plot.setYRange(-5, 5, padding=0)
        self._show_hint(tr(EMPTY_HINT))

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
