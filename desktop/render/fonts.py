"""The bundled map font (DejaVu Sans, `resources/fonts`), loaded once so maps look the same on
every machine: a label that wraps or overlaps differently on another system would make an
exported frame differ from the preview."""
from __future__ import annotations

from desktop.resources import resource

from PySide6.QtGui import QFont, QFontDatabase

FONT_DIR = resource("fonts")
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
_family: str | None = None


def map_family() -> str:
    """The family name of the bundled font (loading it on first use); needs a QGuiApplication."""
    global _family
    if _family is None:
        family = ""
        for name in FONT_FILES:
            fid = QFontDatabase.addApplicationFont(str(FONT_DIR / name))
            fams = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
            family = family or (fams[0] if fams else "")
        _family = family or "Sans Serif"
    return _family


def map_font(pixel_size: float, bold: bool = False) -> QFont:
    f = QFont(map_family())
    f.setPixelSize(max(1, round(pixel_size)))
    f.setBold(bold)
    # Full hinting differs between platforms; none keeps glyph shapes identical everywhere.
    f.setHintingPreference(QFont.PreferNoHinting)
    return f
