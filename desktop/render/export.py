"""A frame written to a file: PNG (raster), SVG and PDF (vector; no raster caches, so lines and
text stay vector). SVG uses QtSvg's generator and PDF QtGui's QPdfWriter, both in
PySide6-Essentials (QtPdf, which is not, is only needed to read PDFs)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRect, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from desktop.render.frame import paint_frame, render_image
from desktop.render.spec import FrameSpec


# QImage.save's PNG "quality" maps to zlib's level as (100 - q) * 9 // 91: 80 is level 1. On a
# 1080p map it saves in two thirds of the time of Qt's default for a file about 8% larger
# (measured by `make bench`: 95 ms / 626 KiB against 64 ms / 677 KiB); 90 and up store raw (8 MB).
PNG_QUALITY = 80


def pdf_page_layout(w: int, h: int) -> QPageLayout:
    """A borderless page of w x h points, landscape when the map is wider than tall. QPageLayout
    swaps a landscape page's size, so the size given is the portrait one (a 1920x1080 size given
    as is became a 1080x1920 portrait page that cut off the map's right part)."""
    landscape = w > h
    size = QSizeF(min(w, h), max(w, h)) if landscape else QSizeF(w, h)
    return QPageLayout(QPageSize(size, QPageSize.Point, "map"),
                       QPageLayout.Landscape if landscape else QPageLayout.Portrait, QMarginsF(0, 0, 0, 0))


def write_image(spec: FrameSpec, size: tuple[int, int], path: Path) -> None:
    w, h = size
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".png":
        if not render_image(spec, w, h).save(str(path), "PNG", PNG_QUALITY):
            raise OSError("cannot write the image")
        return
    vector = replace(spec, raster_cache=False)
    if suffix == ".svg":
        from PySide6.QtSvg import QSvgGenerator
        gen = QSvgGenerator()
        gen.setFileName(str(path))
        gen.setSize(QSize(w, h))
        gen.setViewBox(QRect(0, 0, w, h))
        gen.setTitle(spec.project.info.title)
        gen.setDescription(f"Map as of {spec.when.isoformat()}")
        p = QPainter(gen)
        try:
            paint_frame(p, w, h, vector)
        finally:
            p.end()  # never left active on a device that is freed (a crash, not an error)
    elif suffix == ".pdf":
        writer = QPdfWriter(str(path))
        writer.setResolution(72)  # one pixel of the requested size = one PDF point
        writer.setPageLayout(pdf_page_layout(w, h))
        writer.setTitle(spec.project.info.title)
        p = QPainter(writer)
        try:
            paint_frame(p, w, h, vector)
        finally:
            p.end()
    else:
        raise ValueError(f"{path}: unsupported image type")
    if not path.exists() or path.stat().st_size == 0:
        raise OSError("cannot write the image")
