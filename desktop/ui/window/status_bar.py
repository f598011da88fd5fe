"""The status bar: cursor position (decimal, DMS, MGRS), map scale, project file, saved state.

The formatting functions are plain and tested on their own; the widget only lays them out.
"""
from __future__ import annotations

import math

import mgrs
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desktop.ui.i18n import tr
from desktop.ui.messages import shown
from desktop.ui.widgets.plain_text import tooltip

_MGRS = mgrs.MGRS()


def format_decimal(lon: float, lat: float) -> str:
    return f"{lat:.5f}, {lon:.5f}"


def _dms(value: float, pos: str, neg: str) -> str:
    hemi = pos if value >= 0 else neg
    total = round(abs(value) * 3600, 1)
    deg, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{int(deg)}°{int(minutes):02d}′{seconds:04.1f}″{hemi}"


def format_dms(lon: float, lat: float) -> str:
    return f"{_dms(lat, 'N', 'S')} {_dms(lon, 'E', 'W')}"


def format_mgrs(lon: float, lat: float) -> str:
    """MGRS at 1 m precision, grouped "37U CP 64975 49022"; "" outside its range (poles)."""
    if not (-80.0 <= lat < 84.0) or not (-180.0 <= lon <= 180.0):
        return ""
    try:
        raw = _MGRS.toMGRS(lat, lon, MGRSPrecision=5)
    except Exception:  # the mgrs C code raises plain errors at the edges of zones
        return ""
    raw = raw if isinstance(raw, str) else raw.decode()
    zone_len = len(raw) - len(raw.lstrip("0123456789")) + 1  # 1-2 zone digits and the band letter
    head, square, digits = raw[:zone_len], raw[zone_len:zone_len + 2], raw[zone_len + 2:]
    half = len(digits) // 2
    return f"{head} {square} {digits[:half]} {digits[half:]}"


def format_scale(denominator: float) -> str:
    """'1:50 000' — rounded to two significant figures, grouped with thin spaces as on maps."""
    if not math.isfinite(denominator) or denominator <= 0:
        return "1:—"
    magnitude = 10 ** max(0, int(math.floor(math.log10(denominator))) - 1)
    n = int(round(denominator / magnitude) * magnitude)
    return "1:" + f"{n:,}".replace(",", "\u2009")


class StatusBar(QStatusBar):
    """Permanent fields on the right; transient messages (`showMessage`) on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Widths from the widest text each field shows, not guesses: at 1280 px guessed widths
        # left the tools' one-line help too little room and cut it mid-word.
        self.position = self._field(tr("Cursor position: latitude, longitude (decimal degrees)"),
                                    "-48.88888, 137.88888")
        self.dms = self._field(tr("Cursor position in degrees, minutes, seconds"), "48°88′88.8″N 137°88′88.8″E")
        self.mgrs = self._field(tr("Cursor position in MGRS (1 m)"), "37U CP 88888 88888")
        self.scale = self._field(tr("Map scale"), "1:8\u2009800\u2009000")
        self.path = self._field(tr("Project file"), "sample.gpkg")
        self.state = self._field(tr("Edits are written to the file as you make them"), "In memory")
        self.clear_position()
        # A long message (every neighbour a draw clipped, with its km²) may not fit beside the
        # fields: the whole of it is the bar's tooltip, as plain text (names are untrusted).
        self.messageChanged.connect(lambda text: self.setToolTip(tooltip(text) if text else ""))

    def _field(self, tip: str, widest: str) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.PlainText)  # file names and messages are untrusted text
        label.setToolTip(tip)
        label.setContentsMargins(5, 0, 5, 0)
        # Fixed while the cursor moves (a width following the text would make the bar jitter).
        label.setMinimumWidth(label.fontMetrics().horizontalAdvance(widest) + 12)
        self.addPermanentWidget(label)
        return label

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802 - Qt's name
        """A transient message; one composed in the core (a `Message`) in the interface's language."""
        super().showMessage(shown(text), timeout)

    def set_position(self, lon: float, lat: float) -> None:
        self.position.setText(format_decimal(lon, lat))
        self.dms.setText(format_dms(lon, lat))
        self.mgrs.setText(format_mgrs(lon, lat))

    def clear_position(self) -> None:
        self.position.setText("—")
        self.dms.setText("")
        self.mgrs.setText("")

    def set_scale(self, denominator: float) -> None:
        self.scale.setText(format_scale(denominator))

    def set_path(self, path: str | None) -> None:
        if not path:
            self.path.setText(tr("(not saved to a file)"))
            self.path.setToolTip(tr("This project lives in memory only"))
            return
        # Show the file name; the full path is one hover away.
        from pathlib import Path
        self.path.setText(Path(path).name)
        self.path.setToolTip(str(path))

    def set_state(self, text: str, tip: str = "") -> None:
        self.state.setText(text)
        if tip:
            self.state.setToolTip(tip)
