"""The sources table model and its filter (text, kind, reliability, published date range)."""
from __future__ import annotations

import bisect
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt

from desktop.ui.i18n import QT_TRANSLATE_NOOP, tr
from desktop.model.entities import RELIABILITY, Source
from desktop.model.evidence_queries import quote_counts
from desktop.model.project import Project

from desktop.ui.widgets.plain_text import tooltip

# Narrow columns: their own short Ukrainian headings (context "SourcesTable").
COLUMNS = (QT_TRANSLATE_NOOP("SourcesTable", "Outlet / author"), QT_TRANSLATE_NOOP("SourcesTable", "Kind"),
           QT_TRANSLATE_NOOP("SourcesTable", "Rel."), QT_TRANSLATE_NOOP("SourcesTable", "Published"),
           QT_TRANSLATE_NOOP("SourcesTable", "URL"), QT_TRANSLATE_NOOP("SourcesTable", "Quotes"))
COL_OUTLET, COL_KIND, COL_REL, COL_PUBLISHED, COL_URL, COL_QUOTES = range(6)
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1



def column_title(col: int) -> str:
    return QCoreApplication.translate("SourcesTable", COLUMNS[col])


def _key(s: Source) -> tuple[str, str]:
    return s.outlet.lower(), s.id


class SourcesModel(QAbstractTableModel):
    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self._rows: list[Source] = []
        self._keys: list[tuple[str, str]] = []  # the rows' sort keys, in row order
        self._counts: dict[str, int] = {}
        self.resets = 0  # whole-table rebuilds (`apply` moves single rows; tests count them)
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.resets += 1
        self._rows = sorted(self.project.sources.values(), key=_key)
        self._keys = [_key(s) for s in self._rows]
        self._counts = quote_counts(self.project)
        self.endResetModel()

    def apply(self, changes) -> None:
        """Take in a change set: only the sources it touches move, and only the quote counts of
        the sources whose quotes it adds or removes change (resetting the whole table after each
        source or quote edit made every edit slower as sources piled up)."""
        sources: list[str] = []
        counts: dict[str, int] = {}
        for c in changes:
            if c.table == "sources":
                sources.append(c.id)
            elif c.table == "quotes":
                for q, n in ((c.before, -1), (c.after, 1)):
                    if q is not None:
                        counts[q.source_id] = counts.get(q.source_id, 0) + n
        for sid in dict.fromkeys(sources):
            self._move(sid)
        for sid, n in counts.items():
            if n and sid in self._counts:
                self._counts[sid] += n
                row = self.row_of(sid)
                if row >= 0:
                    self.dataChanged.emit(self.index(row, COL_QUOTES), self.index(row, COL_QUOTES))

    def _move(self, sid: str) -> None:
        """Bring source `sid`'s row in line with the project: changed in place, moved to where
        its outlet now sorts, added or removed."""
        new = self.project.sources.get(sid)
        row = self.row_of(sid)
        if row >= 0 and new is not None and _key(new) == self._keys[row]:
            self._rows[row] = new
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            return
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row], self._keys[row]
            self.endRemoveRows()
        if new is None:
            self._counts.pop(sid, None)
            return
        key = _key(new)
        at = bisect.bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, new)
        self._keys.insert(at, key)
        # A source added back (an undone delete) gets its quotes back in the same change set.
        self._counts.setdefault(sid, 0)
        self.endInsertRows()

    def source_at(self, row: int) -> Source:
        return self._rows[row]

    def row_of(self, source_id: str) -> int:
        s = self.project.sources.get(source_id)
        if s is not None:  # where its current key sorts (found by halving, not a scan)
            at = bisect.bisect_left(self._keys, _key(s))
            if at < len(self._rows) and self._rows[at].id == source_id:
                return at
        # Not there (removed, or renamed and not moved yet): by its id.
        return next((i for i, k in enumerate(self._keys) if k[1] == source_id), -1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return column_title(section)
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        s, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            # Item views paint DisplayRole as plain text: markup in an outlet name stays visible.
            return (s.outlet, s.kind, s.reliability, s.published.isoformat() if s.published else "",
                    s.url, str(self._counts.get(s.id, 0)))[col]
        if role == SORT_ROLE:
            if col == COL_QUOTES:
                return self._counts.get(s.id, 0)
            if col == COL_OUTLET:
                return s.outlet.lower()
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == ID_ROLE:
            return s.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_REL:
                return tooltip(f"{s.reliability}: {tr(RELIABILITY.get(s.reliability, ''))}")
            if col == COL_URL and s.url:
                return tooltip(s.url + "\n" + tr("Double-click or press Open URL to open it in the browser"))
            # The URL column starts hidden (sources_dock): the other cells name the URL too.
            return tooltip("\n".join(x for x in (s.outlet, s.title, s.url, s.notes) if x))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_REL, COL_QUOTES):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class SourcesFilter(QSortFilterProxyModel):
    """Text (outlet, title, URL, notes), kind, worst acceptable reliability, published range."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = ""
        self.kind = ""
        self.max_reliability = "F"  # "B" keeps A and B
        self.published_from: date | None = None
        self.published_to: date | None = None
        self.setSortRole(SORT_ROLE)

    def set_filters(self, *, text: str | None = None, kind: str | None = None,
                    max_reliability: str | None = None, published_from: date | None | bool = False,
                    published_to: date | None | bool = False) -> None:
        self.beginFilterChange()
        if text is not None:
            self.text = text.strip().casefold()
        if kind is not None:
            self.kind = kind
        if max_reliability is not None:
            self.max_reliability = max_reliability
        if published_from is not False:
            self.published_from = published_from
        if published_to is not False:
            self.published_to = published_to
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        s: Source = self.sourceModel().source_at(row)
        if self.kind and s.kind != self.kind:
            return False
        if s.reliability > self.max_reliability:
            return False
        if self.published_from or self.published_to:
            if s.published is None:
                return False
            if self.published_from and s.published < self.published_from:
                return False
            if self.published_to and s.published > self.published_to:
                return False
        if self.text:
            hay = " ".join((s.outlet, s.title, s.url, s.notes)).casefold()
            return all(word in hay for word in self.text.split())
        return True
