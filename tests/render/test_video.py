"""The ffmpeg sink: frames painted into its rotating buffers reach the video in order and intact
while a writer thread encodes, and a failing ffmpeg is reported, not swallowed."""
from __future__ import annotations

import imageio.v3 as iio
import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from desktop.render.video import FfmpegSink

W, H = 160, 96
LEVELS = [20 * k for k in range(12)]


def _grey(v: int) -> QColor:
    return QColor(v, v, v)


def _levels(path) -> list[int]:
    return [int(round(float(np.median(f[..., 0])))) for f in iio.imiter(path, plugin="FFMPEG")]


def test_buffers_are_not_repainted_before_ffmpeg_has_them(qapp, tmp_path):
    out = tmp_path / "grey.mp4"
    sink = FfmpegSink(out, (W, H), 8)
    seen = set()
    for v in LEVELS:
        img = sink.image((W, H))
        seen.add(id(img))
        img.fill(_grey(v))
        sink.write(img)
    sink.close()
    assert len(seen) == FfmpegSink.BUFFERS  # the buffers go round
    got = _levels(out)
    assert len(got) == len(LEVELS)
    assert all(abs(g - v) <= 3 for g, v in zip(got, LEVELS)), got


def test_an_outside_image_is_copied(qapp, tmp_path):
    """A caller's own image may be repainted right after write(): the sink sends a copy."""
    out = tmp_path / "own.mp4"
    sink = FfmpegSink(out, (W, H), 8)
    img = QImage(W, H, QImage.Format_ARGB32_Premultiplied)  # not the sink's format either
    for v in LEVELS[:5]:
        img.fill(_grey(v))
        sink.write(img)
    img.fill(_grey(255))
    sink.close()
    got = _levels(out)
    assert all(abs(g - v) <= 3 for g, v in zip(got, LEVELS[:5])) and len(got) == 5, got


def test_a_dead_encoder_is_reported(qapp, tmp_path):
    out = tmp_path / "no such folder" / "dead.mp4"  # ffmpeg cannot open it and quits
    sink = FfmpegSink(out, (W, H), 8)
    with pytest.raises(OSError):
        for v in LEVELS * 4:
            img = sink.image((W, H))
            img.fill(_grey(v))
            sink.write(img)
        sink.close()
    sink.abort()
    assert not out.exists()
