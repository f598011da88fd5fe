"""Caption text on raster frames comes from cached word images (render/chrome.py, issue 17
item 4: filling every line's glyph outlines was a third of a daily replay frame). The words must
land where the line's own layout puts them, look like the outlines filled in place, and give
the same frame whatever the cache held before; SVG keeps the captions as text."""
from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from desktop.model.mercator import bbox_to_merc
from desktop.render import chrome
from desktop.render.fonts import outline_font
from desktop.render.frame import Chrome, FrameSpec, render_image

from render.helpers import AOI, D1, rgb, two_zone_project

WORDS = ["Grey", "zone", "4:", "DeepState:", "grey", "/", "unknown", "+0.4", "km\u00b2", "\u2212 1.3",
         "\u201cMap", "data:", "1712782323.geojson.gz\u201d", "AVAWAy", "Pokrovsk", "\u2014", "(F6),", "2024-04-10"]


def _line_image(draw, text: str, at: QPointF, size: float) -> np.ndarray:
    img = QImage(700, 60, QImage.Format_ARGB32_Premultiplied)
    img.fill(0xFFE8E4D8)  # a light panel-like ground
    p = QPainter(img)
    try:
        draw(p, at, outline_font(size), text)
    finally:
        p.end()
    return rgb(img).astype(int)


@given(words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
       x=st.floats(0, 30), y=st.floats(25, 35), size=st.sampled_from([9.8, 14.0, 18.9]))
def test_words_land_where_the_line_puts_them(qapp, words, x, y, size):
    text = " ".join(words)
    at = QPointF(x, y)
    direct = _line_image(chrome.fill_text_outline, text, at, size)
    copied = _line_image(chrome._caption_text, text, at, size)
    ink_direct, ink_copied = (255 - direct).sum(), (255 - copied).sum()
    assert ink_direct > 0
    # A word a pixel off, or laid out without the line's kerning, differs by far more than
    # the 1/16 px rounding of its position (a few levels on its edge pixels).
    assert np.abs(direct - copied).max() <= 24
    assert abs(ink_direct - ink_copied) <= 0.01 * ink_direct


def _caption_spec(captions: tuple[str, ...]) -> FrameSpec:
    p, _, _ = two_zone_project()
    chrome_ = Chrome(title="", date_caption=False, legend=False, scale_bar=False, north_arrow=False,
                     attribution=False, captions=captions)
    return FrameSpec(project=p, when=D1, bbox=bbox_to_merc(*AOI), basemap=False, chrome=chrome_)


CAPTIONS = ("Grey zone 4: DeepState: grey zone / unknown \u22128.4 km\u00b2",
            "\u21b3 \u2713 DeepStateMap.live (F6), 2024-04-12 \u2014 \u201cMap data: 1712955156.geojson.gz\u201d",
            "Also: Occupied 2 +1.5 km\u00b2; Grey zone 10 +0.5 km\u00b2")


def test_a_frame_is_the_same_with_and_without_cached_words(qapp):
    spec = _caption_spec(CAPTIONS)
    for w, h in ((480, 270), (1280, 720)):
        chrome._WORDS.clear()
        cold = rgb(render_image(spec, w, h))
        warm = rgb(render_image(spec, w, h))
        # Other captions first: their words (some the same, at other sub-pixel places) cached.
        render_image(_caption_spec(("Grey zone 17 +0.1 km\u00b2", "x " + CAPTIONS[1])), w, h)
        after_others = rgb(render_image(spec, w, h))
        assert np.array_equal(cold, warm) and np.array_equal(cold, after_others)
        assert (cold != rgb(render_image(_caption_spec(()), w, h))).any()  # the captions are drawn


def test_svg_captions_stay_text(qapp):
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buf)
    gen.setSize(QSize(1280, 720))
    gen.setViewBox(QRectF(0, 0, 1280, 720))
    p = QPainter(gen)
    try:
        from desktop.render.projection import MapView
        chrome.paint_captions(p, MapView(bbox_to_merc(*AOI), 1280, 720), CAPTIONS[:1], 1.0, 700)
    finally:
        p.end()
    svg = bytes(data).decode()
    assert "DeepState: grey zone / unknown" in svg and "<image" not in svg
