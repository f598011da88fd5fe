"""A thin strip under the timeline controls: the range, a tick for every change date, the cursor.

Clicking near a tick jumps to that change; clicking or dragging elsewhere scrubs to the nearest
step boundary. The cursor mark is the timeline cursor's date, read when painting; the bar that
holds the strip repaints it when the cursor moves and hands it the marks when they change.
"""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.ui.i18n import tr
from desktop.model import timeline as tl
from desktop.model.cursor import TimelineCursor

MARK_HIT_PX = 6  # a click this close to a tick means the tick
PAD_PX = 8
TRACK = QColor("#dadce0")
MARK = QColor("#5f6368")
CURSOR = QColor("#1a73e8")
SPAN = QColor("#e8f0fe")


class ChangeStrip(QWidget):
    sigDateClicked = Signal(object)  # datetime.date

    def __init__(self, cursor: TimelineCursor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cursor = cursor
        self._first: date | None = None
        self._last: date | None = None
        self._marks: list[date] = []
        self.setMinimumHeight(18)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setCursor(Qt.PointingHandCursor)
        self.setToolTip(tr("Dates where something changes: click a mark to jump to it, click or drag elsewhere to scrub"))

    def sizeHint(self) -> QSize:
        return QSize(400, 20)

    # -- data -------------------------------------------------------------------------------
    def set_marks(self, marks: list[date], first: date | None, last: date | None) -> None:
        self._marks = sorted(marks)
        self._first, self._last = first, last
        self.update()

    def marks(self) -> list[date]:
        return list(self._marks)

    # -- geometry ---------------------------------------------------------------------------
    def _span(self) -> tuple[date, date] | None:
        if self._first is None or self._last is None:
            return None
        d = self.cursor.date
        lo, hi = min(self._first, d), max(self._last, d)
        if hi <= lo:
            hi = lo + timedelta(days=1)
        return lo, hi

    def x_of(self, d: date) -> float:
        span = self._span()
        if span is None:
            return PAD_PX
        lo, hi = span
        w = max(1, self.width() - 2 * PAD_PX)
        return PAD_PX + w * (d - lo).days / (hi - lo).days

    def date_at(self, x: float) -> date | None:
        span = self._span()
        if span is None:
            return None
        lo, hi = span
        w = max(1, self.width() - 2 * PAD_PX)
        frac = min(1.0, max(0.0, (x - PAD_PX) / w))
        return lo + timedelta(days=round(frac * (hi - lo).days))

    def _target(self, x: float) -> date | None:
        near = [m for m in self._marks if abs(self.x_of(m) - x) <= MARK_HIT_PX]
        if near:
            return min(near, key=lambda m: abs(self.x_of(m) - x))
        d = self.date_at(x)
        return tl.nearest_step_start(d, self.cursor.step) if d is not None else None

    # -- events -----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.LeftButton:
            d = self._target(event.position().x())
            if d is not None:
                self.sigDateClicked.emit(d)
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.LeftButton:
            d = self._target(event.position().x())
            if d is not None and d != self.cursor.date:
                self.sigDateClicked.emit(d)
            event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        h = self.height()
        mid = h / 2
        p.fillRect(QRectF(PAD_PX, mid - 2, self.width() - 2 * PAD_PX, 4), TRACK)
        if self._first is not None and self._last is not None:
            x0, x1 = self.x_of(self._first), self.x_of(self._last)
            p.fillRect(QRectF(x0, mid - 3, max(2.0, x1 - x0), 6), SPAN)
        p.setPen(QPen(MARK, 1.5))
        for m in self._marks:
            x = self.x_of(m)
            p.drawLine(QPointF(x, mid - 5), QPointF(x, mid + 5))
        if self._first is not None:
            x = self.x_of(self.cursor.date)
            p.setPen(Qt.NoPen)
            p.setBrush(CURSOR)
            p.drawEllipse(QPointF(x, mid), 5, 5)
        p.end()
