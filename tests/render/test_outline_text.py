"""Text drawn as glyph outlines (captions, observation names, place-label sprites) is the same
whatever text was drawn before it. Qt's FreeType engine shares one face per font file, and
rasterizing a glyph leaves its sub-pixel offset set on that face; outlines built through the
same face moved with it (a replay frame differed from the same frame painted alone after the
progress dialog had drawn its label). Outlines come from a copy of the font nothing rasterizes."""
from __future__ import annotations

import struct

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFontInfo, QFontMetricsF, QGuiApplication, QImage, QPainter, QPainterPath
from shapely.geometry import Point

from desktop.model.entities import Observation
from desktop.model.mercator import bbox_to_merc
from desktop.render import fonts
from desktop.render.fonts import FONT_DIR, FONT_FILES, map_family, map_font, outline_family, outline_font
from desktop.render.frame import Chrome, FrameSpec, render_image

from render.helpers import AOI, D1, rgb, two_zone_project

TEXT = "Reported Ukrainian positions, northern Po\u2026 AVAWAy"


_SIZES = iter(range(40, 400))  # a size no other text is drawn at: its glyphs are rasterized afresh


def _rasterize_a_glyph_at(offset: float, app_font: bool = False) -> None:
    """Draw one glyph (the map font, or the application font) at a sub-pixel offset, afresh:
    the last glyph rasterized leaves its offset on the font file's FreeType face."""
    img = QImage(400, 400, QImage.Format_ARGB32_Premultiplied)
    img.fill(0)
    q = QPainter(img)
    font = QGuiApplication.font() if app_font else map_font(12)
    font.setPixelSize(next(_SIZES))
    q.setFont(font)
    q.drawText(QPointF(5.0 + offset, 300.0), "W")
    q.end()


def _path(font, text: str = TEXT) -> list[tuple[float, float]]:
    path = QPainterPath()
    path.addText(QPointF(10.3, 20.7), font, text)
    return [(path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())]


def test_outlines_do_not_move_with_text_drawn_before_them(qapp):
    before = {(size, bold): _path(outline_font(size, bold)) for size in (7, 8, 11, 14) for bold in (False, True)}
    for app_font in (False, True):
        for offset in (0.25, 0.5, 0.75):
            _rasterize_a_glyph_at(offset, app_font)
            assert {(size, bold): _path(outline_font(size, bold)) for size in (7, 8, 11, 14)
                    for bold in (False, True)} == before


def test_a_frame_is_the_same_after_other_text_was_drawn(qapp):
    p, _, _ = two_zone_project()
    obs = (Observation("o1", "flag-raising", Point(37.2, 48.3), D1, name="Flag-raising video, Shybankova Square"),
           Observation("o2", "unit position", Point(37.1, 48.25), D1, name=TEXT))
    chrome = Chrome(title="Pokrovsk", date_caption=True, legend=True, scale_bar=True, north_arrow=True,
                    attribution=True, captions=("Russian claim: all of Pokrovsk \u2026", "\u21b3 Kyiv Independent (B2)"))
    spec = FrameSpec(project=p, when=D1, bbox=bbox_to_merc(*AOI), basemap=False,
                     observations=tuple((o, 1.0) for o in obs), chrome=chrome)
    for w, h in ((480, 270), (1280, 720)):
        first = rgb(render_image(spec, w, h))
        for offset in (0.25, 0.5, 0.75):
            _rasterize_a_glyph_at(offset)
            assert np.array_equal(rgb(render_image(spec, w, h)), first)


def test_the_outline_font_is_the_map_font_under_another_name(qapp):
    assert outline_family() != map_family()
    for size in (7, 8, 14):
        for bold in (False, True):
            a, b = map_font(size, bold), outline_font(size, bold)
            assert QFontInfo(b).family() == outline_family() and QFontInfo(b).bold() == bold
            fa, fb = QFontMetricsF(a), QFontMetricsF(b)
            assert (fa.horizontalAdvance(TEXT), fa.ascent(), fa.descent(), fa.height()) == \
                   (fb.horizontalAdvance(TEXT), fb.ascent(), fb.descent(), fb.height())


def _tables(data: bytes) -> dict[bytes, bytes]:
    n = struct.unpack_from(">H", data, 4)[0]
    out = {}
    for i in range(n):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        out[tag] = data[offset:offset + length]
    return out


def test_the_copy_differs_only_in_its_names(qapp):
    for name in FONT_FILES:
        data = (FONT_DIR / name).read_bytes()
        copy = fonts.renamed_font(data)
        assert copy is not None and len(copy) == len(data)
        a, b = _tables(data), _tables(copy)
        assert a.keys() == b.keys()
        assert [t for t in a if a[t] != b[t]] in ([b"name", b"head"], [b"head", b"name"])
        assert b"DejaVu Sans".decode().encode("utf-16-be") not in b[b"name"]
        assert "FrontlineDV".encode("utf-16-be") in b[b"name"]
        assert a[b"head"][:8] == b[b"head"][:8] and a[b"head"][12:] == b[b"head"][12:]  # only its checksum
