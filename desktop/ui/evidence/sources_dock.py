"""The sources dock: sources with filters, the quotes of the selected source, and their commands.

Quotes can be dragged from the list onto the evidence panel; Ctrl+V on the dock starts a new
quote from the clipboard's text.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDockWidget, QHBoxLayout, QHeaderView,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from desktop.ui.i18n import QT_TR_NOOP, tr
from desktop.model.commands import CommandStack
from desktop.model.entities import RELIABILITY, SOURCE_KINDS
from desktop.model.evidence_queries import link_counts, quote_badge, quote_date
from desktop.model.project import Project
from desktop.model.evidence_commands import delete_quote, delete_source

from desktop.ui.evidence import common as evidence_common
from desktop.ui.widgets.date_inputs import NO_DATE, DateField, date_edit
from desktop.ui.evidence.badges import badge_icon
from desktop.ui.evidence.common import CommandPusher, open_url, quote_mime, touches
from desktop.ui.widgets.project_listeners import listen
from desktop.ui.widgets.plain_text import elide, plain_label, tooltip
from desktop.ui.evidence.quote_dialog import QuoteDialog
from desktop.ui.evidence.sources_dialog import SourceDialog
from desktop.ui.evidence.sources_table import COL_QUOTES, COL_URL, ID_ROLE, SourcesFilter, SourcesModel
from desktop.ui.widgets.fitting import WordElideDelegate



class QuoteList(QListWidget):
    """Quotes with their badges; an item drags as the quote's id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)

    def mimeData(self, items):  # noqa: N802 (Qt override)
        ids = [i.data(Qt.ItemDataRole.UserRole) for i in items]
        return quote_mime(ids[0]) if ids else None

    def mimeTypes(self):  # noqa: N802
        return [evidence_common.QUOTE_MIME]


def _date_filter_edit(prefix: str) -> DateField:
    e = date_edit(empty_text=tr("{prefix}: any").format(prefix=tr(prefix)))
    e.setToolTip(tr("Published {prefix}: type a date and press Enter; leave empty for any").format(prefix=tr(prefix)))
    return e


def _py_date(q: QDate) -> date | None:
    return None if q == NO_DATE else date(q.year(), q.month(), q.day())


class SourcesPanel(QWidget, CommandPusher):
    sigCommand = Signal(object)
    sigMessage = Signal(str)
    sigQuoteSelected = Signal(str)  # the quote the evidence panel's link buttons will use
    sigQuoteActivated = Signal(str)

    def __init__(self, project: Project, stack: CommandStack | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.stack = project, stack
        self.last_dialog = None  # the dialog last opened (tests and the window may reach it)

        # Filters.
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search outlet, title, URL, notes"))
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.addItem(tr("Any kind"), "")
        for k in SOURCE_KINDS:
            self.kind.addItem(k, k)
        self.reliability = QComboBox()
        self.reliability.addItem(tr("Any reliability"), "F")
        for k in "ABCDE":
            self.reliability.addItem(tr("{grade} or better").format(grade=k) if k != "A" else tr("A only"), k)
            self.reliability.setItemData(self.reliability.count() - 1, tooltip(tr(RELIABILITY[k])),
                                         Qt.ItemDataRole.ToolTipRole)
        self.date_from, self.date_to = _date_filter_edit(QT_TR_NOOP("from")), _date_filter_edit(QT_TR_NOOP("to"))

        # Table.
        self.model = SourcesModel(project, self)
        self.proxy = SourcesFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setItemDelegate(WordElideDelegate(self.table))  # cut at words, whole text on hover
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(False)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Kind: room for its longest word ("mapping…"), so a kind is never cut mid-word.
        kind_w = self.table.fontMetrics().horizontalAdvance("mapping\u2026") + 18
        for col, w in ((1, max(64, kind_w)), (2, 34), (3, 80), (4, 120), (5, 46)):
            self.table.setColumnWidth(col, w)
        # In a dock ~300 px wide every column did not fit: the grade went off screen or the outlet
        # shrank to a few letters. The grade sits next to the outlet, and the URL (in the
        # tooltip, the editor and the search) is hidden until the header's menu shows it.
        hh.moveSection(hh.visualIndex(2), 1)
        self.table.setColumnHidden(4, True)
        hh.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        hh.customContextMenuRequested.connect(self._column_menu)

        # Quotes of the selected source.
        self.quotes = QuoteList()
        self.quotes_title = plain_label(tr("Quotes"), wrap=True)  # a long outlet must not widen the dock

        b = self._button
        self.add_source_button = b(tr("Add…"), tr("Add a source"), self.add_source)
        self.edit_source_button = b(tr("Edit…"), tr("Edit the selected source and its attachments"), self.edit_source)
        self.delete_source_button = b(tr("Delete"), tr("Delete the selected source, its quotes and their links"),
                                      self.delete_source)
        self.open_url_button = b(tr("Open URL"), tr("Open the source's web address in the browser"), self.open_current_url)
        self.new_quote_button = b(tr("New quote…"), tr("Add a quote from the selected source"), self.new_quote)
        self.paste_quote_button = b(tr("Paste as quote"), tr("New quote from the clipboard (Ctrl+V)"), self.paste_quote)
        self.delete_quote_button = b(tr("Delete quote"), tr("Delete the selected quote and its links"), self.delete_quote)
        self.paste_action = QAction(tr("Paste as new quote"), self)
        self.paste_action.setShortcut(QKeySequence.StandardKey.Paste)
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.paste_action.triggered.connect(self.paste_quote)
        self.addAction(self.paste_action)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.kind)
        filters.addWidget(self.reliability)
        dates = QHBoxLayout()
        dates.addWidget(plain_label(tr("Published")))
        dates.addWidget(self.date_from)
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        src_buttons = QHBoxLayout()
        for w in (self.add_source_button, self.edit_source_button, self.delete_source_button):
            src_buttons.addWidget(w)
        src_buttons.addStretch(1)
        src_buttons.addWidget(self.open_url_button)
        q_buttons = QHBoxLayout()
        for w in (self.new_quote_button, self.paste_quote_button, self.delete_quote_button):
            q_buttons.addWidget(w)
        q_buttons.addStretch(1)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(filters)
        tl.addLayout(dates)
        tl.addWidget(self.table, 1)
        tl.addLayout(src_buttons)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.quotes_title)
        bl.addWidget(self.quotes, 1)
        bl.addLayout(q_buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)

        self.search.textChanged.connect(lambda t: self.proxy.set_filters(text=t))
        self.kind.currentIndexChanged.connect(lambda _i: self.proxy.set_filters(kind=self.kind.currentData()))
        self.reliability.currentIndexChanged.connect(
            lambda _i: self.proxy.set_filters(max_reliability=self.reliability.currentData()))
        self.date_from.dateChanged.connect(lambda d: self.proxy.set_filters(published_from=_py_date(d)))
        self.date_to.dateChanged.connect(lambda d: self.proxy.set_filters(published_to=_py_date(d)))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._source_changed())
        self.table.doubleClicked.connect(self._table_double_clicked)
        self.quotes.currentItemChanged.connect(self._quote_changed)
        self.quotes.itemDoubleClicked.connect(lambda it: self.open_quote(it.data(Qt.ItemDataRole.UserRole)))
        listen(self, project, self._changed)
        self._sync_buttons()

    def _column_menu(self, pos) -> None:
        """Show or hide columns (the URL starts hidden)."""
        from PySide6.QtWidgets import QMenu
        from desktop.ui.evidence.sources_table import COLUMNS, column_title
        menu = QMenu(self)
        for col, title in enumerate(COLUMNS):
            if col == 0:
                continue  # the outlet always shows
            act = menu.addAction(column_title(col))
            act.setCheckable(True)
            act.setChecked(not self.table.isColumnHidden(col))
            act.toggled.connect(lambda on, c=col: self.table.setColumnHidden(c, not on))
        menu.popup(self.table.horizontalHeader().mapToGlobal(pos))

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        b = QPushButton(text)
        b.setToolTip(tooltip(tip))
        b.clicked.connect(lambda _checked=False: slot())  # not `checked` as the first argument
        return b

    # -- state ------------------------------------------------------------------------------
    def current_source_id(self) -> str | None:
        idx = self.table.currentIndex()
        return idx.data(ID_ROLE) if idx.isValid() else None

    def current_quote_id(self) -> str | None:
        it = self.quotes.currentItem()
        return it.data(Qt.ItemDataRole.UserRole) if it else None

    def select_source(self, source_id: str) -> None:
        row = self.model.row_of(source_id)
        if row < 0:
            return
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if idx.isValid():
            self.table.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def select_quote(self, quote_id: str) -> None:
        q = self.project.quotes.get(quote_id)
        if q is None:
            return
        if self.current_source_id() != q.source_id:
            self.select_source(q.source_id)
        for i in range(self.quotes.count()):
            if self.quotes.item(i).data(Qt.ItemDataRole.UserRole) == quote_id:
                self.quotes.setCurrentRow(i)

    def refresh(self) -> None:
        sid, qid = self.current_source_id(), self.current_quote_id()
        self.model.refresh()
        if sid in self.project.sources:
            self.select_source(sid)
        self._fill_quotes()
        if qid:
            self.select_quote(qid)
        self._sync_buttons()

    def _changed(self, changes) -> None:
        """Only what the edit touched: the table's rows of its sources and the quote counts it
        moved; the quotes list only when it is the shown source's (its quotes or their links)."""
        if not touches(changes, frozenset({"sources", "quotes", "evidence", "attachments"})):
            return
        sid, qid = self.current_source_id(), self.current_quote_id()
        self.model.apply(changes)
        if sid is not None and sid not in self.project.sources:
            sid = None
        elif sid is not None and self.current_source_id() != sid:
            self.select_source(sid)  # its row moved (a renamed outlet sorts elsewhere): keep it chosen
        mine = sid is not None and any(
            (c.table == "sources" and c.id == sid)
            or (c.table == "quotes" and any(q is not None and q.source_id == sid for q in (c.before, c.after)))
            or (c.table == "evidence" and any(e is not None and self._quote_of(e.quote_id) == sid
                                              for e in (c.before, c.after)))
            for c in changes)
        if sid != self.current_source_id() or mine or sid is None:
            self._fill_quotes()
            if qid:
                self.select_quote(qid)
        self._sync_buttons()

    def _quote_of(self, quote_id: str) -> str | None:
        q = self.project.quotes.get(quote_id)
        return q.source_id if q is not None else None

    def _source_changed(self) -> None:
        self._fill_quotes()
        self._sync_buttons()

    def _fill_quotes(self) -> None:
        sid = self.current_source_id()
        self.quotes.clear()
        src = self.project.sources.get(sid) if sid else None
        self.quotes_title.setText(tr("Quotes from {outlet}").format(
            outlet=elide(src.outlet, 50)) if src else tr("Quotes (select a source)"))
        if src is None:
            return
        links = link_counts(self.project)
        qs = [q for q in self.project.quotes.values() if q.source_id == sid]
        qs.sort(key=lambda q: (quote_date(self.project, q) or date.min, q.id), reverse=True)
        for q in qs:
            code, meaning = quote_badge(self.project, q)
            d = quote_date(self.project, q)
            head = " · ".join(x for x in (d.isoformat() if d else tr("undated"), q.speaker) if x)
            n = links.get(q.id, 0)
            text = tr("{head}  [{n} links]\n{text}") if n != 1 else tr("{head}  [{n} link]\n{text}")
            item = QListWidgetItem(badge_icon(code), text.format(head=head, n=n, text=elide(q.text, 160)))
            item.setData(Qt.ItemDataRole.UserRole, q.id)
            item.setToolTip(tooltip(f"{code}: {meaning}\n\n{q.text}" + (f"\n\n{q.translation}" if q.translation else "")))
            self.quotes.addItem(item)

    def _quote_changed(self, item, _prev=None) -> None:
        self._sync_buttons()
        if item is not None:
            self.sigQuoteSelected.emit(item.data(Qt.ItemDataRole.UserRole))

    def _sync_buttons(self) -> None:
        sid = self.current_source_id()
        has = sid is not None
        for bt in (self.edit_source_button, self.delete_source_button, self.new_quote_button):
            bt.setEnabled(has)
        src = self.project.sources.get(sid) if sid else None
        self.open_url_button.setEnabled(bool(src and evidence_common.safe_web_url(src.url)))
        self.delete_quote_button.setEnabled(self.current_quote_id() is not None)
        self.paste_quote_button.setEnabled(bool(self.project.sources))

    # -- actions (each opens a dialog or pushes one command) ----------------------------------
    def _show(self, dlg):
        dlg.sigCommand.connect(self.sigCommand)
        dlg.sigMessage.connect(self.sigMessage)
        self.last_dialog = dlg
        dlg.open()  # window-modal, not blocking: the event loop (and tests) keep running
        return dlg

    def add_source(self) -> SourceDialog:
        dlg = self._show(SourceDialog(self.project, self.stack, None, self))
        dlg.accepted.connect(lambda: dlg.source_id and self.select_source(dlg.source_id))
        return dlg

    def edit_source(self) -> SourceDialog | None:
        sid = self.current_source_id()
        return self._show(SourceDialog(self.project, self.stack, sid, self)) if sid else None

    def delete_source(self) -> bool:
        sid = self.current_source_id()
        if sid is None:
            return False
        s = self.project.sources[sid]
        nq = sum(1 for q in self.project.quotes.values() if q.source_id == sid)
        qids = {q.id for q in self.project.quotes.values() if q.source_id == sid}
        nl = sum(1 for e in self.project.evidence.values() if e.quote_id in qids)
        na = sum(1 for a in self.project.attachments.values() if a.source_id == sid)
        text = tr("Delete the source “{outlet}”, its {nq} quote(s), {na} attachment(s) and "
                  "{nl} link(s) to zones and observations? You can undo this.").format(
                      outlet=s.outlet, nq=nq, na=na, nl=nl)
        if not evidence_common.confirm(self, tr("Delete source"), text):
            return False
        return self.push(lambda: delete_source(self.project, sid))[0]

    def new_quote(self, text: str = "") -> QuoteDialog:
        dlg = self._show(QuoteDialog(self.project, self.stack, source_id=self.current_source_id(),
                                     text=text, parent=self))
        dlg.accepted.connect(lambda: dlg.quote_id and self.select_quote(dlg.quote_id))
        return dlg

    def paste_quote(self) -> QuoteDialog | None:
        if not self.project.sources:
            self.sigMessage.emit(tr("Add a source first: every quote belongs to one."))
            return None
        dlg = QuoteDialog.from_clipboard(self.project, self.stack, self.current_source_id(), self)
        self._show(dlg)
        dlg.accepted.connect(lambda: dlg.quote_id and self.select_quote(dlg.quote_id))
        return dlg

    def open_quote(self, quote_id: str) -> QuoteDialog | None:
        if quote_id not in self.project.quotes:
            return None
        self.sigQuoteActivated.emit(quote_id)
        return self._show(QuoteDialog(self.project, self.stack, quote_id=quote_id, parent=self))

    def delete_quote(self) -> bool:
        qid = self.current_quote_id()
        if qid is None:
            return False
        q = self.project.quotes[qid]
        nl = sum(1 for e in self.project.evidence.values() if e.quote_id == qid)
        if not evidence_common.confirm(self, tr("Delete quote"),
                                       tr("Delete the quote “{text}” and its {nl} link(s)?").format(
                                           text=elide(q.text, 80), nl=nl)):
            return False
        return self.push(lambda: delete_quote(self.project, qid))[0]

    def open_current_url(self) -> bool:
        src = self.project.sources.get(self.current_source_id() or "")
        if src is None:
            return False
        if not open_url(src.url):
            self.sigMessage.emit(tr("Only http and https addresses are opened."))
            return False
        return True

    def _table_double_clicked(self, idx) -> None:
        if idx.column() == COL_URL:
            self.open_current_url()
        elif idx.column() == COL_QUOTES:
            self.quotes.setFocus()
        else:
            self.edit_source()


class SourcesDock(QDockWidget):
    def __init__(self, project: Project, stack: CommandStack | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("Sources"), parent)
        self.setObjectName("sourcesDock")
        self.panel = SourcesPanel(project, stack, self)
        self.setWidget(self.panel)
