"""Text that fits without cutting a word (#15, item 6): combo boxes and table cells shorten a
text that is too wide at a word boundary, with an ellipsis, and give the whole of it in a
tooltip. Qt's own eliding cuts mid-word ("Supply corridor / encirclement g", "northern Po…"),
which reads as a different word or none."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QStyle, QStyledItemDelegate,
                               QStyleOptionComboBox, QStyleOptionViewItem, QStylePainter, QToolTip,
                               QWidget)

from desktop.ui.widgets.plain_text import tooltip

ELLIPSIS = "\u2026"


def elide_words(text: str, fm: QFontMetrics, width: int) -> str:
    """`text` if it fits in `width` px, else its longest run of whole words that fits, with an
    ellipsis; a first word too long on its own is cut where it must be (nothing else fits)."""
    text = " ".join((text or "").split())
    if fm.horizontalAdvance(text) <= width:
        return text
    words = text.split(" ")
    out = ""
    for w in words:
        candidate = f"{out} {w}" if out else w
        if fm.horizontalAdvance(candidate.rstrip(" ,;:/·-—(") + ELLIPSIS) > width:
            break
        out = candidate
    out = out.rstrip(" ,;:/·-—(")
    if not out:
        return fm.elidedText(text, Qt.ElideRight, width)
    return out + ELLIPSIS


class FittingComboBox(QComboBox):
    """A combo box whose closed face shortens its text at a word boundary; the tooltip then
    holds the whole text (plain: labels and names may come from files)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tip = ""
        self.shown_text = ""  # what the face shows now (for tests and accessibility)

    def setToolTip(self, text: str) -> None:  # noqa: N802 (Qt override)
        self._tip = text
        super().setToolTip(text)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        field = self.style().subControlRect(QStyle.CC_ComboBox, opt, QStyle.SC_ComboBoxEditField, self)
        room = field.width() - (opt.iconSize.width() + 4 if not opt.currentIcon.isNull() else 0) - 2
        full = opt.currentText
        opt.currentText = self.shown_text = elide_words(full, self.fontMetrics(), max(room, 8))
        cut = opt.currentText != " ".join(full.split())
        want = tooltip(full) if cut else self._tip
        if QComboBox.toolTip(self) != want:
            QComboBox.setToolTip(self, want)
        painter.drawComplexControl(QStyle.CC_ComboBox, opt)
        painter.drawControl(QStyle.CE_ComboBoxLabel, opt)


class WordElideDelegate(QStyledItemDelegate):
    """Table and tree cells shortened at a word boundary; hovering a shortened cell shows its
    whole text (plain). Cells that fit are drawn as usual."""

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        style = option.widget.style() if option.widget is not None else None
        if style is None:
            return option.rect.width() - 8
        return style.subElementRect(QStyle.SE_ItemViewItemText, option, option.widget).width() - 6

    def _shorten(self, option: QStyleOptionViewItem) -> None:
        if not option.text or (option.features & QStyleOptionViewItem.WrapText):
            return  # a view that wraps its text fits it on more lines
        option.text = elide_words(option.text, option.fontMetrics, self._text_width(option))
        option.textElideMode = Qt.ElideNone

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        # Shortened only where painted: the size hint (columns sized to their contents) must
        # see the whole text, or a column would shrink to its own ellipsis.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        self._shorten(opt)
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.CE_ItemViewItem, opt, painter, opt.widget)

    def shown_text(self, view: QAbstractItemView, index: QModelIndex) -> str:
        """What the cell shows at its current size (for tests)."""
        option = QStyleOptionViewItem()
        option.initFrom(view.viewport())
        option.rect = view.visualRect(index)
        option.widget = view
        self.initStyleOption(option, index)
        self._shorten(option)
        return option.text

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,  # noqa: N802
                  index: QModelIndex) -> bool:
        if event.type() == QEvent.ToolTip and index.isValid() and not index.data(Qt.ToolTipRole):
            full = " ".join(str(index.data(Qt.DisplayRole) or "").split())
            shown = self.shown_text(view, index)
            if full and shown != full:
                QToolTip.showText(event.globalPos(), tooltip(full), view)
                return True
        return super().helpEvent(event, view, option, index)
