"""The "changes this step" list: zone, old → new status, km² gained and lost, linked quotes.

It follows the timeline cursor (date and step) and the project; selecting a row emits
`sigZoneSelected(zone_id)` for the window to select the zone on the map.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from desktop.ui.i18n import QT_TR_NOOP, tr
from desktop.model import stance, timeline as tl
from desktop.model.cursor import DATE, STEP, TimelineCursor
from desktop.model.legend import short_label

from desktop.ui.widgets.plain_text import tooltip
from desktop.ui.widgets.project_listeners import listen, move_listener
from desktop.ui.widgets.swatch import swatch

COLUMNS = (QT_TR_NOOP("Zone"), QT_TR_NOOP("Change"), QT_TR_NOOP("km²"), QT_TR_NOOP("Quotes"))
ZONE_ROLE = Qt.UserRole + 1


def status_label(project: Any, key: str | None, short: bool = False) -> str:
    if key is None:
        return tr("(none)")
    s = project.legend.get(key)
    label = s.label if s else key
    # The column is narrow: "Russian-controlled (assessed)" reads as well without its qualifier.
    return short_label(label) if short else label


def change_text(project: Any, row: tl.ChangeRow) -> str:
    """`old → new`; a zone that kept its status but moved its border says so once, since
    "Russian-controlled → Russian-controlled" takes four wrapped lines to say nothing."""
    if row.old_status == row.new_status:
        return tr("{status}, border moved").format(status=status_label(project, row.new_status, True))
    return f"{status_label(project, row.old_status, True)} \u2192 {status_label(project, row.new_status, True)}"


def km2_text(row: tl.ChangeRow) -> str:
    """The zone's change in km²: signed when it grew, shrank, appeared (+) or ended (−); a zone
    that changed status shows the area that changed status, unsigned."""
    if row.old_status == row.new_status:
        return f"{row.net_km2:+,.1f}".replace("-", "\u2212")  # a true minus sign
    if row.new_status is None:
        return f"\u2212{row.lost_km2:,.1f}"
    if row.old_status is None:
        return f"+{row.gained_km2:,.1f}"
    return f"{row.gained_km2:,.1f}"


class ChangesPanel(QWidget):
    sigZoneSelected = Signal(str)

    def __init__(self, cursor: TimelineCursor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cursor = cursor
        self._project: Any = None
        self._stale = False  # edits or cursor moves while hidden, not shown yet (see showEvent)
        self.rows: list[tl.ChangeRow] = []
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.PlainText)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        # Wrapped rows: in the docked width a one-line "old → new" was cut after the old status.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.ElideNone)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.Stretch)
        h.setSectionResizeMode(1, QHeaderView.Stretch)
        h.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        h.setSectionResizeMode(3, QHeaderView.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._on_selection)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.heading)
        lay.addWidget(self.table)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        listen(self, cursor, self._on_cursor)
        self.set_project(cursor.project)

    def set_project(self, project: Any) -> None:
        move_listener(self._project, project, self._on_changes)
        self._project = project
        self.refresh()

    def detach(self) -> None:
        self.set_project(None)

    def _on_cursor(self, what: str) -> None:
        if what in (DATE, STEP):
            self._refresh_when_seen()

    def _on_changes(self, changes: Any) -> None:
        if any(c.table in ("versions", "zones", "evidence", "legend", "assessments") for c in changes):
            if self._hidden_in_window():
                self._stale = True
            else:
                self._timer.start()

    def _hidden_in_window(self) -> bool:
        """In a window on screen, but this panel is not (its dock closed, or its tab behind
        another: Qt still calls that visible, with nothing of it on screen). Its table can wait
        until it is shown: each refresh sweeps the step's versions, and a session of edits paid
        for it after every edit."""
        win = self.window()
        return (win is not self and win.isVisible()
                and (not self.isVisible() or self.visibleRegion().isEmpty()))

    def refresh_if_stale(self) -> None:
        """The dock came to the front (its tab was clicked): catch up if anything changed."""
        if self._stale:
            self.refresh()

    def _refresh_when_seen(self) -> None:
        if self._hidden_in_window():
            self._stale = True
        else:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        self._stale = False
        p, d, step = self._project, self.cursor.date, self.cursor.step
        self.rows = tl.changes_in_step(p, d, step) if p is not None else []
        a, b = tl.step_interval(d, step)
        self.heading.setText(tr("Changes after {a} up to {b}: {n}").format(
            a=a.isoformat(), b=b.isoformat(), n=len(self.rows) or tr("none")))
        self.table.blockSignals(True)
        self.table.clearContents()
        self.table.setRowCount(len(self.rows))
        many = p is not None and len(p.assessments) > 1
        for i, r in enumerate(self.rows):
            name = f"{r.zone_name} ({r.assessment_name})" if many else r.zone_name
            change = change_text(p, r)
            full = f"{status_label(p, r.old_status)} \u2192 {status_label(p, r.new_status)}"
            items = [QTableWidgetItem(name), QTableWidgetItem(change), QTableWidgetItem(km2_text(r)),
                     QTableWidgetItem(stance.counts_text(r.quote_stances))]
            items[0].setData(ZONE_ROLE, r.zone_id)
            # Tooltips would be parsed as rich text if they looked like it: escape the names.
            items[0].setToolTip(tooltip(tr("{name}, changed on {date}").format(
                name=name, date=r.changed_on.isoformat())))
            items[1].setToolTip(tooltip(full))
            shown = p.legend.get(r.new_status or r.old_status)
            if shown is not None:
                items[1].setIcon(swatch(shown.colour))
            items[2].setToolTip(tooltip(tr("+{gained} km² gained, \u2212{lost} km² lost (geodesic)").format(
                gained=f"{r.gained_km2:,.2f}", lost=f"{r.lost_km2:,.2f}")))
            items[2].setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            items[3].setTextAlignment(Qt.AlignCenter)
            if r.quote_stances:
                # The mark of each stance with its count; coloured by the weightiest one there:
                # a contradicting quote shows red even beside supporting ones.
                worst = "contradicts" if "contradicts" in r.quote_stances else r.quote_stances[0]
                items[3].setForeground(QBrush(QColor(stance.colour(worst))))
                items[3].setToolTip(tooltip(", ".join(
                    f"{r.quote_stances.count(s)} {tr(stance.WORD[s])}" for s in dict.fromkeys(r.quote_stances))))
            for col, item in enumerate(items):
                self.table.setItem(i, col, item)
        self.table.blockSignals(False)

    def zone_at(self, row: int) -> str:
        return self.table.item(row, 0).data(ZONE_ROLE)

    def _on_selection(self) -> None:
        sel = self.table.selectionModel().selectedRows()
        if sel:
            self.sigZoneSelected.emit(self.zone_at(sel[0].row()))

    def select_zone(self, zone_id: str) -> None:
        """Mirror a selection made elsewhere without echoing the signal."""
        self.table.blockSignals(True)
        self.table.clearSelection()
        for i in range(self.table.rowCount()):
            if self.zone_at(i) == zone_id:
                self.table.selectRow(i)
        self.table.blockSignals(False)

    def date(self) -> date:
        return self.cursor.date
