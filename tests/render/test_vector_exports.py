"""SVG and PDF exports stay vector (#15): the PDF page has the map's size and orientation with
the whole frame on it, and place names are text in both files (selectable, editable), read back
from the written files: the PDF with pypdf, the SVG as XML."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage, QPainter

from desktop.model.mercator import bbox_to_merc
from desktop.render.export import write_image
from desktop.render.frame import chrome_scale
from desktop.render.labels import _look, place_labels, vector_device
from desktop.render.projection import MapView
from desktop.render.replay import still_spec

from render.helpers import AOI, D2, two_zone_project

SVG = "{http://www.w3.org/2000/svg}"


def _spec(project, **kw):
    return replace(still_spec(project, D2, bbox_to_merc(*AOI)), **kw)


def _label_texts(spec, w: int, h: int) -> list[tuple[str, float, float]]:
    """(text, x, y of its baseline origin) of the place labels the frame shows, from the placer."""
    view = MapView(spec.bbox, w, h)
    out = []
    for lb, origin, _, _ in place_labels(view, chrome_scale(spec, h)):
        upper = _look(lb)[3]
        out.append((lb.text.upper() if upper else lb.text, origin.x(), origin.y()))
    return out


def _words(text: str) -> str:
    return " ".join(text.split())


def _pdf_runs(path: Path) -> list[tuple[str, float, float]]:
    """(text, x, y) of each text run on the first page, in page points from the top left."""
    page = PdfReader(str(path)).pages[0]
    height = float(page.mediabox.height)
    runs = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((_words(text), x, height - y))

    page.extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize("size", [(1920, 1080), (800, 1200), (900, 900)])
def test_pdf_page_has_the_map_size_and_orientation(qapp, tmp_path, size):
    p, _, _ = two_zone_project()
    out = tmp_path / "map.pdf"
    write_image(_spec(p), size, out)
    page = PdfReader(str(out)).pages[0]
    box = page.mediabox
    w, h = float(box.width), float(box.height)
    if page.rotation % 180:
        w, h = h, w
    assert (w, h) == pytest.approx(size)


def test_pdf_holds_the_whole_frame_as_text_on_the_page(qapp, tmp_path):
    """A 1920x1080 map: every place label, the legend's rows, the north arrow and the title are
    text runs inside the page, where the painter put them (a portrait page cut them off)."""
    w, h = 1920, 1080
    p, _, _ = two_zone_project()
    spec = _spec(p)
    out = tmp_path / "map.pdf"
    write_image(spec, (w, h), out)
    runs = _pdf_runs(out)

    def on_page(x: float, y: float) -> bool:
        return 0 <= x <= w and 0 <= y <= h

    labels = _label_texts(spec, w, h)
    names = {t for t, _, _ in labels}
    assert {"Pokrovsk", "Myrnohrad"} <= names
    for text, x, y in labels:
        near = [(rx, ry) for t, rx, ry in runs if t == text and abs(rx - x) < 2 and abs(ry - y) < 2]
        assert near, f"{text!r} at ({x:.0f}, {y:.0f}) is not a text run of the PDF: {runs}"
    # (A label may hang over the edge, as on the PNG; these two are well inside.)
    assert all(on_page(x, y) for t, x, y in runs if t in ("Pokrovsk", "Myrnohrad"))
    inside = [t for t, x, y in runs if on_page(x, y)]
    for status in ("ru_control", "contested"):
        assert _words(p.legend[status].label) in inside  # the legend, at the top right
    assert any(t == "N" and on_page(x, y) and x > w / 2 for t, x, y in runs)  # the north arrow
    assert _words(p.info.title) in inside


def _svg(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def test_svg_labels_are_text_elements_not_images(qapp, tmp_path):
    w, h = 1600, 1000
    p, _, _ = two_zone_project()
    spec = _spec(p)
    shown, hidden = tmp_path / "shown.svg", tmp_path / "hidden.svg"
    write_image(spec, (w, h), shown)
    write_image(replace(spec, hidden_basemap=frozenset({"labels"})), (w, h), hidden)
    root = _svg(shown)
    texts = [(_words("".join(el.itertext())), el) for el in root.iter(f"{SVG}text")]
    labels = _label_texts(spec, w, h)
    assert {"Pokrovsk", "Myrnohrad"} <= {t for t, _, _ in labels}
    for text, x, y in labels:
        hits = [el for t, el in texts if t == text]
        assert hits, f"{text!r} is no <text> element of the SVG"
        # At the placed origin: x and y attributes (under the group's identity transform).
        assert any(abs(float(el.get("x")) - x) < 1.5 and abs(float(el.get("y")) - y) < 1.5 for el in hits), text
    # Labels add no image: the file without them holds as many (pattern tiles, if any).
    images = lambda r: len(list(r.iter(f"{SVG}image")))  # noqa: E731
    assert images(root) == images(_svg(hidden))
    hidden_texts = {_words("".join(el.itertext())) for el in _svg(hidden).iter(f"{SVG}text")}
    assert "Myrnohrad" not in hidden_texts


def test_pdf_labels_add_no_images(qapp, tmp_path):
    p, _, _ = two_zone_project()
    spec = _spec(p)
    shown, hidden = tmp_path / "shown.pdf", tmp_path / "hidden.pdf"
    write_image(spec, (1920, 1080), shown)
    write_image(replace(spec, hidden_basemap=frozenset({"labels"})), (1920, 1080), hidden)

    def images(path: Path) -> int:
        raw = path.read_bytes()
        return len(re.findall(rb"/Subtype\s*/Image", raw))

    assert images(shown) == images(hidden)
    assert "Myrnohrad" in [t for t, _, _ in _pdf_runs(shown)]


def test_labels_are_sprites_on_images_and_text_on_vector_devices(qapp, tmp_path):
    from PySide6.QtGui import QPdfWriter
    from PySide6.QtSvg import QSvgGenerator
    img = QImage(4, 4, QImage.Format_ARGB32_Premultiplied)
    q = QPainter(img)
    assert not vector_device(q)
    q.end()
    gen = QSvgGenerator()
    gen.setFileName(str(tmp_path / "x.svg"))
    q = QPainter(gen)
    assert vector_device(q)
    q.end()
    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    q = QPainter(writer)
    assert vector_device(q)
    q.end()
