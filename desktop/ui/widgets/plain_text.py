"""Showing untrusted text (quotes, notes, URLs, file names) as text and never as markup.

Qt guesses rich text from a string that looks like HTML (`Qt.mightBeRichText`), so a quote
containing `<img src=x>` would be rendered (and fetched) by a QLabel or a tooltip. Labels get
`Qt.PlainText`; tooltips, which have no such switch, get the text escaped into a paragraph.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui_Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop.model.timeline import excerpt


def tooltip(text: str) -> str:
    """A tooltip string that shows `text` literally (escaped, explicitly rich)."""
    return QtGui_Qt.convertFromPlainText(text or "", Qt.WhiteSpaceMode.WhiteSpaceNormal)


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = False,
                selectable: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    return label


def elide(text: str, n: int) -> str:
    """At most `n` characters on one line, shortened at a word boundary with an ellipsis (a
    cut mid-word reads as another word): the captions' own rule (`timeline.excerpt`)."""
    return excerpt(text or "", n)


def plain_message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                      buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box
