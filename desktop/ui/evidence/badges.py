"""The NATO Admiralty badge ("B2") shown wherever a quote appears, meaning in the tooltip."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from desktop.ui.i18n import QT_TR_NOOP
from desktop.model.evidence_queries import admiralty_code, admiralty_meaning

from desktop.ui.widgets.plain_text import tooltip
from desktop.ui.messages import shown

# Greens for reliable, amber and red for not, grey for "cannot be judged".
RELIABILITY_COLOURS = {"A": "#1b5e20", "B": "#388e3c", "C": "#9e9d24", "D": "#ef6c00",
                       "E": "#c62828", "F": "#616161"}
AUTHENTICITY_COLOURS = {"unverified": "#9e9e9e", "authentic": "#2e7d32", "manipulated": "#c62828",
                        "ai-generated": "#6a1b9a"}
AUTHENTICITY_LABELS = {"unverified": QT_TR_NOOP("Unverified"), "authentic": QT_TR_NOOP("Authentic"),
                       "manipulated": QT_TR_NOOP("Manipulated"), "ai-generated": QT_TR_NOOP("AI-generated")}


def badge_colour(code: str) -> str:
    """The colour of the weaker half of the grade: "B6" (a usually reliable source, a claim whose
    truth cannot be judged) is grey like F, "A5" (improbable) red like E; only a grade good on
    both counts is green. Reliability A-F and credibility 1-6 are the same six steps."""
    letter = code[:1]
    if letter not in RELIABILITY_COLOURS:
        return "#616161"
    rank = "ABCDEF".index(letter)
    digits = code[1:]
    if digits.isdigit() and 1 <= int(digits) <= 6:
        rank = max(rank, int(digits) - 1)
    return RELIABILITY_COLOURS["ABCDEF"[rank]]


class AdmiraltyBadge(QLabel):
    def __init__(self, reliability: str, credibility: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.set_grade(reliability, credibility)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def set_grade(self, reliability: str, credibility: int) -> None:
        code = admiralty_code(reliability, credibility)
        self.setText(code)
        self.setToolTip(tooltip(shown(admiralty_meaning(reliability, credibility))))
        self.setStyleSheet(f"QLabel {{ background: {badge_colour(code)}; color: white; font-weight: bold;"
                           " border-radius: 3px; padding: 1px 4px; }")
        self.setFixedWidth(max(28, self.fontMetrics().horizontalAdvance(code) + 12))


def badge_icon(code: str, height: int = 16) -> QIcon:
    """A small painted badge for list and table rows."""
    width = int(height * 1.7)
    pm = QPixmap(width, height)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(badge_colour(code)))
    p.drawRoundedRect(QRectF(0, 0, width, height), 3, 3)
    f = QFont()
    f.setBold(True)
    f.setPixelSize(int(height * 0.7))
    p.setFont(f)
    p.setPen(QColor("white"))
    p.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, code)
    p.end()
    return QIcon(pm)
