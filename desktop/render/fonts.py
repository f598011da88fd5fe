"""The bundled map font (DejaVu Sans, `resources/fonts`), loaded once so maps look the same on
every machine: a label that wraps or overlaps differently on another system would make an
exported frame differ from the preview.

Text drawn as glyph outlines (`QPainterPath.addText`: captions, observation names, place-label
sprites) uses `outline_font`, the same font registered a second time under a family of its own
that nothing rasterizes. Qt's FreeType engine shares one FT_Face between all engines of a font
file, and rasterizing a glyph (`drawText`, in the map or in any widget: the application font is
the map font) leaves that glyph's sub-pixel offset set as the face's transform; building an
outline (QFontEngineFT::addGlyphsToPath) loads the glyph through the face without resetting
it. The outlines then moved by up to 0.75 font units, and their pixels by a few levels,
depending on which glyph some other text had last rasterized (a progress dialog's label drawn
between two replay frames changed the next frame). A face only ever used for outlines keeps no
offset, so the same text gives the same outline whatever was painted before.
"""
from __future__ import annotations

import struct

import numpy as np

from desktop.resources import resource

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFont, QFontDatabase

FONT_DIR = resource("fonts")
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
# The outline copy's names: the same lengths as the originals, so the name table is edited in place.
_RENAMES = (("DejaVu Sans", "FrontlineDV"), ("DejaVuSans", "FrontlinDV"))
_family: str | None = None
_outline_family: str | None = None


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


def _checksum(data: bytes) -> int:
    """The sfnt checksum: the sum of big-endian 32-bit words, zero-padded, modulo 2**32."""
    data = bytes(data) + b"\0" * (-len(data) % 4)
    return int(np.frombuffer(data, ">u4").sum(dtype=np.uint64)) & 0xFFFFFFFF


def renamed_font(data: bytes, renames=_RENAMES) -> bytes | None:
    """The TrueType font `data` with its family and PostScript names changed (`renames`: pairs
    of equal-length strings, replaced in the 'name' table's Mac Roman and UTF-16BE strings);
    None if it has no 'name' table or none of the names."""
    num_tables = struct.unpack_from(">H", data, 4)[0]
    out = bytearray(data)
    for i in range(num_tables):
        rec = 12 + 16 * i
        tag, _, offset, length = struct.unpack_from(">4sIII", data, rec)
        if tag != b"name":
            continue
        table = bytes(data[offset:offset + length])
        new = table
        for old, repl in renames:
            assert len(old) == len(repl)
            for enc in ("latin-1", "utf-16-be"):
                new = new.replace(old.encode(enc), repl.encode(enc))
        if new == table:
            return None
        out[offset:offset + length] = new
        struct.pack_into(">I", out, rec + 4, _checksum(new))
        head = next((struct.unpack_from(">I", data, 12 + 16 * j + 8)[0] for j in range(num_tables)
                     if data[12 + 16 * j:16 + 16 * j] == b"head"), None)
        if head is not None:  # the whole font's checksum adjustment, as a font validator expects
            struct.pack_into(">I", out, head + 8, 0)
            struct.pack_into(">I", out, head + 8, (0xB1B0AFBA - _checksum(bytes(out))) & 0xFFFFFFFF)
        return bytes(out)
    return None


def outline_family() -> str:
    """The family of the bundled font's outline copy (see the module's docstring), registered
    on first use; the map family itself if the copy cannot be made."""
    global _outline_family
    if _outline_family is None:
        family = ""
        for name in FONT_FILES:
            data = renamed_font((FONT_DIR / name).read_bytes())
            fid = QFontDatabase.addApplicationFontFromData(QByteArray(data)) if data else -1
            fams = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
            family = family or (fams[0] if fams else "")
        _outline_family = family if family and family != map_family() else map_family()
    return _outline_family


def _font(family: str, pixel_size: float, bold: bool) -> QFont:
    f = QFont(family)
    f.setPixelSize(max(1, round(pixel_size)))
    f.setBold(bold)
    # Full hinting differs between platforms; none keeps glyph shapes identical everywhere.
    f.setHintingPreference(QFont.PreferNoHinting)
    return f


def map_font(pixel_size: float, bold: bool = False) -> QFont:
    return _font(map_family(), pixel_size, bold)


def outline_font(pixel_size: float, bold: bool = False) -> QFont:
    """`map_font`'s glyphs and metrics, for `QPainterPath.addText` only: never draw text with it
    (rasterizing its glyphs would move its outlines again, see the module's docstring)."""
    return _font(outline_family(), pixel_size, bold)
