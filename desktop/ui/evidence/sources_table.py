"""The sources table model and its filter (text, kind, reliability, published date range)."""
from __future__ import annotations

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


class SourcesModel(QAbstractTableModel):
    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self._rows: list[Source] = []
        self._counts: dict[str, int] = {}
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = sorted(self.project.sources.values(), key=lambda s: (s.outlet.lower(), s.id))
        self._counts = quote_counts(self.project)
        self.endResetModel()

    def source_at(self, row: int) -> Source:
        return self._rows[row]

    def row_of(self, source_id: str) -> int:
        return next((i for i, s in enumerate(self._rows) if s.id == source_id), -1)

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
