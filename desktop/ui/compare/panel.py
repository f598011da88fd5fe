"""Compare on the cursor date: claims against an assessment's assessed tier, or two assessments
against each other per status (with the week-by-week series of that disagreement).

The panel lists; the window draws: `shapes()` (and `sigShapesChanged`) give the geometries of
every disagreement, `sigShapeSelected` the one picked in the list.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget
from shapely.geometry.base import BaseGeometry

from desktop.ui.i18n import tr
from desktop.model.commands import CommandStack
from desktop.model.cursor import DATE, TimelineCursor
from desktop.model.compare import (UNMARKED, ClaimDisagreement, StatusDisagreement, compare_assessments,
                                   compare_claims, disagreement_series, week_starts)
from desktop.model.evidence_queries import EvidenceItem
from desktop.model.project import Project

from desktop.ui.evidence.badges import badge_icon
from desktop.ui.evidence.common import CommandPusher, touches
from desktop.ui.widgets.project_listeners import listen
from desktop.ui.widgets.plain_text import elide, plain_label, tooltip
from desktop.ui.widgets.fitting import FittingComboBox, WordElideDelegate
from desktop.ui.messages import shown

MODE_CLAIMS, MODE_ASSESSMENTS = "claims", "assessments"


@dataclass(frozen=True)
class CompareShape:
    """One area to draw: `role` is "claim" (disputed part of a claim), "only_a" or "only_b"."""
    key: str
    label: str
    role: str
    status: str
    geometry: BaseGeometry  # lon/lat
    km2: float
    colour: str


# Recompute after the view settles: scrubbing dates and a window laying out its tabbed docks both
# fire many changes in a row; only the last one is worth a union of every zone.
SETTLE_MS = 150


class ComparePanel(QWidget, CommandPusher):
    sigCommand = Signal(object)  # edits made in a quote opened from the list (window pushes them)
    sigMessage = Signal(str)
    sigShapesChanged = Signal(list)  # list[CompareShape]
    sigShapeSelected = Signal(object)  # CompareShape or None
    sigSeriesChanged = Signal(list)  # [(date, {status: km²})] in assessments mode, [] otherwise
    sigQuoteActivated = Signal(str)

    def __init__(self, project: Project, stack: CommandStack | None = None, parent: QWidget | None = None, *,
                 cursor: TimelineCursor) -> None:
        super().__init__(parent)
        self.project, self.stack = project, stack
        self.cursor = cursor  # the window's: disagreements are computed on its date
        self.last_dialog = None
        self._stale = False  # something changed while the panel was hidden
        self._shapes: list[CompareShape] = []
        self._series: list = []
        self.mode = QComboBox()
        self.mode.addItem(tr("Claims vs assessment"), MODE_CLAIMS)
        self.mode.addItem(tr("Assessment vs assessment"), MODE_ASSESSMENTS)
        self.a, self.b = FittingComboBox(), FittingComboBox()
        self.summary = plain_label("", wrap=True)
        self.tree = QTreeWidget()
        self.tree.setItemDelegate(WordElideDelegate(self.tree))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([tr("Disagreement"), tr("km²")])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        self.tree.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.mode)
        row.addWidget(self.a, 1)
        self.vs = plain_label(tr("vs"))
        row.addWidget(self.vs)
        row.addWidget(self.b, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(row)
        lay.addWidget(self.summary)
        lay.addWidget(self.tree, 1)
        from desktop.ui.compare.chart import CompareChart  # pyqtgraph is heavy: only with the panel
        self.chart = CompareChart(self)
        self.chart.setVisible(False)
        lay.addWidget(self.chart)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._recompute_if_shown)
        for cb in (self.mode, self.a, self.b):
            cb.currentIndexChanged.connect(lambda _i: self._mode_changed())
        self.tree.currentItemChanged.connect(self._item_changed)
        self.tree.itemDoubleClicked.connect(self._item_activated)
        listen(self, project, self._changed)
        listen(self, cursor, self._on_cursor)
        self.chart.set_date(cursor.date)
        self._fill_assessments()
        self._mode_changed()

    # -- API -----------------------------------------------------------------------------------
    @property
    def when(self) -> date:
        return self.cursor.date

    def _on_cursor(self, what: str) -> None:
        if what == DATE:
            self.chart.set_date(self.when)
            self.schedule()

    def set_mode(self, mode: str, a_id: str | None = None, b_id: str | None = None) -> None:
        for cb, v in ((self.mode, mode), (self.a, a_id), (self.b, b_id)):
            if v is not None and cb.findData(v) >= 0:
                cb.setCurrentIndex(cb.findData(v))
        self.recompute()

    def shapes(self) -> list[CompareShape]:
        return list(self._shapes)

    def series(self) -> list:
        return list(self._series)

    def schedule(self) -> None:
        """Recompute once the event loop is idle (dates scrub fast; geometry is not free), and
        only while the panel is on screen: a hidden tab waits until it is shown (opening a
        project of thousands of zones must not union them all for a panel nobody looks at)."""
        if self._on_screen():
            self._timer.start(SETTLE_MS)
        else:
            self._stale = True

    def _on_screen(self) -> bool:
        # A dock tabbed behind another stays "visible" to Qt; its visible region is empty.
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def refresh_if_stale(self) -> None:
        """The dock came to the front (its tab was clicked): catch up if anything changed."""
        if self._stale:
            self._stale = False
            self._timer.start(0)

    def _recompute_if_shown(self) -> None:
        # A tabbed dock is shown for a moment while the window lays itself out: check again.
        if self._on_screen():
            self.recompute()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._timer.start(SETTLE_MS)

    # -- building ------------------------------------------------------------------------------
    def _changed(self, changes) -> None:
        if any(c.table == "assessments" for c in changes):
            self._fill_assessments()
        if touches(changes):
            self.schedule()

    def _fill_assessments(self) -> None:
        for cb in (self.a, self.b):
            cur = cb.currentData()
            cb.blockSignals(True)
            cb.clear()
            for a in self.project.assessments.values():
                cb.addItem(elide(a.name, 40), a.id)
            i = cb.findData(cur)
            cb.setCurrentIndex(i if i >= 0 else (1 if cb is self.b and cb.count() > 1 else 0))
            cb.blockSignals(False)

    def _mode_changed(self) -> None:
        two = self.mode.currentData() == MODE_ASSESSMENTS
        self.b.setVisible(two)
        self.vs.setVisible(two)
        self.schedule()

    def _colour(self, status: str) -> str:
        s = self.project.legend.get(status)
        return s.colour if s else "#607d8b"

    def _label(self, status: str) -> str:
        if status == UNMARKED:
            return tr("Unmarked (held by Ukraine or not assessed)")
        s = self.project.legend.get(status)
        return s.label if s else status

    def recompute(self) -> None:
        self._timer.stop()
        self.tree.clear()
        self._shapes, self._series = [], []
        a_id = self.a.currentData()
        if a_id is None:
            self.summary.setText(tr("No assessment to compare."))
        elif self.mode.currentData() == MODE_CLAIMS:
            self._claims(compare_claims(self.project, self.when, a_id))
        else:
            b_id = self.b.currentData()
            if b_id is None or b_id == a_id:
                self.summary.setText(tr("Choose two different assessments."))
            else:
                self._assessments(compare_assessments(self.project, self.when, a_id, b_id), a_id, b_id)
        self.tree.expandToDepth(0)
        self.sigShapesChanged.emit(self.shapes())
        statuses = {s for _, row in self._series for s in row}
        self.chart.set_series(self._series, {s: self._colour(s) for s in statuses},
                              {s: self._label(s) for s in statuses})
        self.sigSeriesChanged.emit(self.series())

    def _quote_item(self, parent: QTreeWidgetItem, it: EvidenceItem) -> None:
        when = it.when.isoformat() if it.when else tr("undated")
        item = QTreeWidgetItem(parent, [f"{when} · {it.quote.speaker or it.source.outlet}: {elide(it.quote.text, 90)}", ""])
        item.setIcon(0, badge_icon(it.code))
        item.setToolTip(0, tooltip(f"{it.code}: {shown(it.meaning)}\n\n{it.quote.text}\n\n"
                                   + tr("Double-click to open the quote.")))
        item.setData(0, Qt.ItemDataRole.UserRole, ("quote", it.quote.id))

    def _claims(self, rows: list[ClaimDisagreement]) -> None:
        when = self.when.isoformat()
        if not rows:
            self.summary.setText(tr("No claims on {when}.").format(when=when))
            return
        total = sum(r.km2 for r in rows)
        self.summary.setText(tr("{n} claim(s) on {when}; {km2} km² disputed by the assessment.").format(
            n=len(rows), when=when, km2=f"{total:,.1f}"))
        for r in rows:
            shape = CompareShape(r.claim.id, r.zone_name, "claim", r.claim.status, r.geometry, r.km2,
                                 self._colour(r.claim.status))
            self._shapes.append(shape)
            top = QTreeWidgetItem(self.tree, [tr("{zone} — {km2} of {claim_km2} km² disputed").format(
                zone=r.zone_name, km2=f"{r.km2:,.1f}", claim_km2=f"{r.claim_km2:,.1f}"),
                                              f"{r.km2:,.2f}"])
            top.setToolTip(0, tooltip(r.zone_name))
            top.setData(0, Qt.ItemDataRole.UserRole, ("shape", len(self._shapes) - 1))
            for status, km2 in sorted(r.by_status.items(), key=lambda kv: -kv[1]):
                QTreeWidgetItem(top, [tr("assessed: {status}").format(status=self._label(status)), f"{km2:,.2f}"])
            for title, items in ((tr("For the claim ({n})").format(n=len(r.claim_quotes)), r.claim_quotes),
                                 (tr("For the assessment ({n})").format(
                                     n=len(r.assessment_quotes)), r.assessment_quotes)):
                g = QTreeWidgetItem(top, [title, ""])
                for it in items:
                    self._quote_item(g, it)

    def _assessments(self, rows: list[StatusDisagreement], a_id: str, b_id: str) -> None:
        na, nb = self.project.assessments[a_id].name, self.project.assessments[b_id].name
        total = sum(r.km2 for r in rows)
        where = tr(" inside the area of interest") if self.project.info.aoi else ""
        self.summary.setText(tr("{a} vs {b} on {when}: {km2} km² differ{where}.").format(
            a=na, b=nb, when=self.when.isoformat(), km2=f"{total:,.1f}", where=where))
        for r in rows:
            top = QTreeWidgetItem(self.tree, [self._label(r.status), f"{r.km2:,.2f}"])
            for role, geom, km2, who in (("only_a", r.only_a, r.only_a_km2, na), ("only_b", r.only_b, r.only_b_km2, nb)):
                if km2 <= 0:
                    continue
                self._shapes.append(CompareShape(f"{r.status}:{role}", tr("{status}: only {who}").format(
                    status=self._label(r.status), who=who),
                                                 role, r.status, geom, km2, self._colour(r.status)))
                child = QTreeWidgetItem(top, [tr("only in {who}").format(who=elide(who, 40)), f"{km2:,.2f}"])
                child.setData(0, Qt.ItemDataRole.UserRole, ("shape", len(self._shapes) - 1))
        rng = self.project.date_range()
        if rng:
            self._series = disagreement_series(self.project, week_starts(rng[0], rng[1]), a_id, b_id)

    def _item_changed(self, item, _prev=None) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        self.sigShapeSelected.emit(self._shapes[data[1]] if data and data[0] == "shape" else None)

    def _item_activated(self, item, _col) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if data and data[0] == "quote":
            self.open_quote(data[1])

    def open_quote(self, quote_id: str):
        """Open a listed quote in its editor, as the evidence panel does."""
        self.sigQuoteActivated.emit(quote_id)
        if quote_id not in self.project.quotes:
            return None
        from desktop.ui.evidence.quote_dialog import QuoteDialog
        dlg = QuoteDialog(self.project, self.stack, quote_id=quote_id, parent=self)
        dlg.sigCommand.connect(self.sigCommand)
        dlg.sigMessage.connect(self.sigMessage)
        self.last_dialog = dlg
        dlg.open()
        return dlg
