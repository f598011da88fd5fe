"""The inspector's evidence: quotes behind the selected zone version or observation, grouped by
stance, newest first, with Admiralty badges. Link the chosen quote with the buttons, or drop a
quote from the sources dock (onto a group or a "Link as" button to pick its stance); click an entry to open it."""
from __future__ import annotations

import bisect
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFrame, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QSizePolicy, QToolButton, QVBoxLayout, QWidget)

from desktop.ui.i18n import QT_TR_NOOP, tr
from desktop.model.commands import CommandStack
from desktop.model.cursor import DATE, TimelineCursor
from desktop.model.entities import STANCES
from desktop.model.evidence_commands import set_stance
from desktop.model.evidence_queries import (EvidenceItem, evidence_by_stance, quote_badge, quote_date,
                                            resolve_target, target_label)
from desktop.model.project import Project
from desktop.model.selection import Selection
from desktop.model.evidence_commands import link_quote, unlink

from desktop.ui.evidence.badges import AUTHENTICITY_LABELS, AdmiraltyBadge, badge_icon
from desktop.ui.evidence.common import CommandPusher, quote_from_mime, touches
from desktop.ui.widgets.project_listeners import listen
from desktop.ui.widgets.plain_text import elide, plain_label, tooltip
from desktop.ui.evidence.quote_dialog import QuoteDialog
from desktop.ui.widgets.fitting import FittingComboBox
from desktop.ui.messages import shown

_BADGES: dict[str, Any] = {}


def _badge(code: str):
    """The picker's badge icons, painted once per grade (a few dozen grades at most)."""
    icon = _BADGES.get(code)
    if icon is None:
        icon = _BADGES[code] = badge_icon(code)
    return icon

STANCE_TITLES = {"supports": QT_TR_NOOP("Supports"), "contradicts": QT_TR_NOOP("Contradicts"),
                 "context": QT_TR_NOOP("Context")}
STANCE_COLOURS = {"supports": "#2e7d32", "contradicts": "#c62828", "context": "#5f6368"}


def _fit_width(label: QLabel) -> QLabel:
    """Let the dock decide the label's width: without this a long speaker or an unbreakable word
    (a URL) makes every entry wider than the panel, cut off behind a horizontal scroll bar."""
    sp = label.sizePolicy()
    sp.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    label.setSizePolicy(sp)  # keeps word wrap's height-for-width
    label.setMinimumWidth(0)
    return label


class EvidenceEntry(QFrame):
    """One quote in a group; a click opens it."""
    clicked = Signal(str)
    unlinkRequested = Signal(str)

    def __init__(self, item: EvidenceItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setObjectName("evidenceEntry")
        self.setStyleSheet("#evidenceEntry { background: white; border: 1px solid #dadce0; border-radius: 4px; }"
                           "#evidenceEntry:hover { border-color: #1a73e8; }")
        q, s = item.quote, item.source
        self.badge = AdmiraltyBadge(s.reliability, q.credibility)
        head = " · ".join(x for x in (item.when.isoformat() if item.when else "undated",
                                      q.speaker or s.outlet) if x)
        self.head = _fit_width(plain_label(elide(head, 90), wrap=True))
        self.head.setStyleSheet("color: #5f6368;")
        self.text = _fit_width(plain_label(elide(q.text, 280), wrap=True))
        self.unlink_button = QToolButton()
        self.unlink_button.setText("×")
        self.unlink_button.setAutoRaise(True)
        self.unlink_button.setToolTip(tooltip(tr("Remove this link (the quote stays)")))
        self.unlink_button.clicked.connect(lambda: self.unlinkRequested.emit(item.evidence.id))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.badge)
        top.addWidget(self.head, 1)
        top.addWidget(self.unlink_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 4, 6)
        lay.setSpacing(2)
        lay.addLayout(top)
        lay.addWidget(self.text)
        if item.doubtful_attachments:
            marks = sorted({tr(AUTHENTICITY_LABELS[a.authenticity]) for a in item.attachments})
            self.doubt = _fit_width(plain_label(tr("⚠ attachment marked {marks}").format(
                marks=" / ".join(marks)), wrap=True))
            self.doubt.setStyleSheet("color: #c62828;")
            lay.addWidget(self.doubt)
        self.setToolTip(tooltip(f"{s.outlet}{' – ' + s.title if s.title else ''}\n{shown(item.meaning)}\n\n{q.text}"
                                + ("\n\n" + tr("Translation: {text}").format(
                                    text=q.translation) if q.translation else "")))

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(self.item.quote.id)
        super().mouseReleaseEvent(event)


class EvidencePanel(QWidget, CommandPusher):
    sigCommand = Signal(object)
    sigMessage = Signal(str)
    sigQuoteActivated = Signal(str)

    def __init__(self, project: Project | None = None, stack: CommandStack | None = None,
                 parent: QWidget | None = None, *, cursor: TimelineCursor, selection: Selection) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.stack = stack
        self.cursor = cursor  # the window's: the evidence shown is the selection's on its date
        self.selection = selection
        self.target_id: str | None = None
        self._unhook = None
        self.last_dialog = None
        self.open_quotes_in_dialog = True  # a window may turn this off and handle sigQuoteActivated

        self.title = plain_label(tr("Select a zone or an observation to see its evidence."), wrap=True)
        self.title.setStyleSheet("font-weight: bold;")
        self.quote_picker = FittingComboBox()
        self.quote_picker.setMinimumContentsLength(20)
        self.quote_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.link_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.addWidget(plain_label(tr("Link as:")))
        for stance in STANCES:
            b = QPushButton(tr(STANCE_TITLES[stance]))
            b.setToolTip(tooltip(tr("Link the chosen quote to the selection as {stance}, "
                                    "or drop a quote from the Sources dock here").format(
                                        stance=tr(STANCE_TITLES[stance]).lower())))
            # A drop target that is always in sight, unlike a group scrolled below the fold.
            b.setProperty("stance", stance)
            b.clicked.connect(lambda _c=False, s=stance: self.link_current(s))
            self.link_buttons[stance] = b
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.warning = plain_label("", wrap=True)
        self.warning.setStyleSheet("color: #b26a00;")
        self.sigMessage.connect(self._show_warning)

        self.groups: dict[str, QGroupBox] = {}
        self._group_layouts: dict[str, QVBoxLayout] = {}
        body = QWidget()
        body_lay = QVBoxLayout(body)
        body_lay.setContentsMargins(0, 0, 0, 0)
        for stance in STANCES:
            g = QGroupBox(tr(STANCE_TITLES[stance]))
            g.setProperty("stance", stance)
            g.setStyleSheet(f"QGroupBox {{ font-weight: bold; color: {STANCE_COLOURS[stance]}; }}")
            gl = QVBoxLayout(g)
            gl.setContentsMargins(4, 4, 4, 4)
            gl.setSpacing(4)
            self.groups[stance], self._group_layouts[stance] = g, gl
            body_lay.addWidget(g)
        body_lay.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.title)
        lay.addWidget(self.quote_picker)
        lay.addLayout(buttons)
        lay.addWidget(self.warning)
        lay.addWidget(self.scroll, 1)
        self.setAcceptDrops(True)
        listen(self, cursor, self._on_cursor)
        listen(self, selection, self.show_selection)
        self.set_project(project, stack)

    # -- what the window calls ----------------------------------------------------------------
    def set_project(self, project: Project | None, stack: CommandStack | None = None) -> None:
        if self._unhook:
            self._unhook()
            self._unhook = None
        self.project = project
        if stack is not None:
            self.stack = stack
        if project is not None:
            self._unhook = listen(self, project, self._changed)
        self._fill_quote_picker()
        self.show_selection()

    @property
    def when(self) -> date:
        return self.cursor.date

    def _on_cursor(self, what: str) -> None:
        if what == DATE:
            self.show_selection()

    def show_selection(self, _ids: tuple[str, ...] = ()) -> None:
        """The first id of the selection (zone, version or observation) that can carry evidence
        on the cursor date becomes the target."""
        target = None
        if self.project is not None:
            for i in self.selection:
                target = resolve_target(self.project, i, self.when)
                if target:
                    break
        self.set_target(target)

    def set_target(self, target_id: str | None) -> None:
        self.target_id = target_id
        self.warning.setText("")
        self.refresh()

    def set_current_quote(self, quote_id: str) -> None:
        i = self.quote_picker.findData(quote_id)
        if i >= 0:
            self.quote_picker.setCurrentIndex(i)

    def current_quote(self) -> str | None:
        return self.quote_picker.currentData()

    # -- building -----------------------------------------------------------------------------
    def _changed(self, changes) -> None:
        if touches(changes):
            if any(c.table == "quotes" or c.table == "sources" for c in changes):
                self._update_quote_picker(changes)
            if any(c.table in ("versions", "observations") for c in changes):
                # The version in force on the cursor date may be another one now: an edit as of
                # the cursor splits the version there, and the new part is the one on screen.
                self.show_selection()
            else:
                self.refresh()

    def _fill_quote_picker(self) -> None:
        current = self.quote_picker.currentData()
        self.quote_picker.blockSignals(True)
        self.quote_picker.clear()
        self._picker_keys: list[tuple[date, str]] = []  # the rows' sort keys, ascending (rows descend)
        p = self.project
        if p is not None:
            for q in sorted(p.quotes.values(), key=lambda q: (quote_date(p, q) or date.min, q.id)):
                self._insert_quote(q)
        self._settle_quote_picker(current)

    def _update_quote_picker(self, changes) -> None:
        """Only the quotes the changes touch (theirs, or their source's) move in the picker:
        refilling it after every quote or source edit made each slower as quotes piled up."""
        p = self.project
        if p is None:
            return
        ids = {c.id for c in changes if c.table == "quotes"}
        sources = {c.id for c in changes if c.table == "sources"}
        if sources:
            ids.update(q.id for q in p.quotes.values() if q.source_id in sources)
        current = self.quote_picker.currentData()
        self.quote_picker.blockSignals(True)
        for qid in ids:
            row = self.quote_picker.findData(qid)
            if row >= 0:
                self.quote_picker.removeItem(row)
                del self._picker_keys[len(self._picker_keys) - 1 - row]
            q = p.quotes.get(qid)
            if q is not None:
                self._insert_quote(q)
        self._settle_quote_picker(current)

    def _insert_quote(self, q) -> None:
        """One quote's row, where the picker's order (newest first) puts it."""
        p = self.project
        code, meaning = quote_badge(p, q)
        d = quote_date(p, q)
        key = (d or date.min, q.id)
        i = bisect.bisect_left(self._picker_keys, key)
        self._picker_keys.insert(i, key)
        row = len(self._picker_keys) - 1 - i
        source = p.sources.get(q.source_id)
        who = q.speaker or (source.outlet if source else "")
        self.quote_picker.insertItem(row, _badge(code), elide(f"{d.isoformat() if d else tr('undated')} · "
                                                              f"{who}: {q.text}", 90), q.id)
        self.quote_picker.setItemData(row, tooltip(f"{code}: {meaning}\n\n{q.text}"), Qt.ItemDataRole.ToolTipRole)

    def _settle_quote_picker(self, current: str | None) -> None:
        if self.quote_picker.count() == 0:
            self.quote_picker.setPlaceholderText(tr("No quotes yet: add one in the Sources dock"))
        i = self.quote_picker.findData(current)
        self.quote_picker.setCurrentIndex(i if i >= 0 else (0 if self.quote_picker.count() else -1))
        self.quote_picker.blockSignals(False)

    def refresh(self) -> None:
        p = self.project
        groups = evidence_by_stance(p, self.target_id) if (p and self.target_id) else {s: [] for s in STANCES}
        if p is None or not self.target_id:
            self.title.setText(tr("Select a zone or an observation to see its evidence."))
        else:
            n = sum(len(v) for v in groups.values())
            text = tr("{target} — {n} quotes") if n != 1 else tr("{target} — {n} quote")
            self.title.setText(text.format(target=shown(target_label(p, self.target_id)), n=n))
        for stance, items in groups.items():
            gl = self._group_layouts[stance]
            while gl.count():
                w = gl.takeAt(0).widget()
                if w is not None:
                    w.deleteLater()
            self.groups[stance].setTitle(f"{tr(STANCE_TITLES[stance])} ({len(items)})")
            for it in items:
                e = EvidenceEntry(it)
                e.clicked.connect(self.open_quote)
                e.unlinkRequested.connect(self.unlink)
                gl.addWidget(e)
            if not items:
                gl.addWidget(plain_label(tr("none") if self.target_id else "", self.groups[stance]))
        enabled = bool(p and self.target_id and self.quote_picker.count())
        for b in self.link_buttons.values():
            b.setEnabled(enabled)

    def entries(self, stance: str) -> list[EvidenceEntry]:
        gl = self._group_layouts[stance]
        return [gl.itemAt(i).widget() for i in range(gl.count())
                if isinstance(gl.itemAt(i).widget(), EvidenceEntry)]

    # -- actions ------------------------------------------------------------------------------
    def link(self, quote_id: str, stance: str) -> bool:
        if self.project is None or not self.target_id:
            self.sigMessage.emit(tr("Select a zone or an observation first."))
            return False
        self.warning.setText("")
        ok, warnings = self.push(lambda: link_quote(self.project, quote_id, self.target_id, stance))
        return ok

    def link_current(self, stance: str) -> bool:
        qid = self.current_quote()
        return self.link(qid, stance) if qid else False

    def set_link_stance(self, evidence_id: str, stance: str) -> bool:
        return self.push(lambda: set_stance(self.project, evidence_id, stance))[0]

    def unlink(self, evidence_id: str) -> bool:
        return self.push(lambda: unlink(self.project, evidence_id))[0]

    def open_quote(self, quote_id: str) -> QuoteDialog | None:
        self.sigQuoteActivated.emit(quote_id)
        if not self.open_quotes_in_dialog or self.project is None:
            return None
        dlg = QuoteDialog(self.project, self.stack, quote_id=quote_id, parent=self)
        dlg.sigCommand.connect(self.sigCommand)
        self.last_dialog = dlg
        dlg.open()
        return dlg

    def _show_warning(self, text: str) -> None:
        self.warning.setText(f"⚠ {text}")

    # -- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self.target_id and quote_from_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def stance_at(self, pos) -> str:
        """The stance of the group under `pos` (panel coordinates); "supports" elsewhere."""
        w = self.childAt(pos)
        while w is not None and w is not self:
            stance = w.property("stance")
            if stance in STANCES:
                return stance
            w = w.parentWidget()
        return "supports"

    def dropEvent(self, event) -> None:  # noqa: N802
        qid = quote_from_mime(event.mimeData())
        if qid is None or not self.target_id:
            event.ignore()
            return
        event.acceptProposedAction()
        self.link(qid, self.stance_at(event.position().toPoint()))
