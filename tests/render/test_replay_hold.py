"""Replay videos (#16, item 5): the MP4 is faststart (its 'moov' index before the 'mdat' frames,
so a browser plays it while it loads) and the last step stays on screen for a second after its
own frame, unless asked otherwise (`--hold-last SECONDS`, 0: off; the export dialog's "Hold last
step"). Read back with imageio-ffmpeg's own ffmpeg: frame counts, durations and the atoms."""
from __future__ import annotations

import struct
from pathlib import Path

import imageio.v3 as iio
import imageio_ffmpeg
import numpy as np
import pytest
from PySide6.QtGui import QColor

from desktop.cli import main
from desktop.render import replay
from desktop.render.video import FfmpegSink

from render.helpers import two_zone_file

W, H = 160, 96
LEVELS = (40, 90, 140, 190)


def top_level_atoms(path: Path) -> list[str]:
    """The MP4's top-level boxes in file order ('ftyp', 'moov', 'mdat', ...)."""
    data = path.read_bytes()
    out, i = [], 0
    while i + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[i:i + 8])
        if size == 1:
            size = struct.unpack(">Q", data[i + 8:i + 16])[0]
        elif size == 0:
            size = len(data) - i
        assert size >= 8, (i, size)
        out.append(kind.decode("latin-1"))
        i += size
    return out


def _sink_video(path: Path, size=(W, H), fps: float = 4, hold: float = 0.0, gif: bool = False) -> Path:
    sink = FfmpegSink(path, size, fps, gif=gif, hold_last=hold)
    for v in LEVELS:
        img = sink.image(size)
        img.fill(QColor(v, v, v))
        sink.write(img)
    sink.close()
    return path


def _levels(path: Path) -> list[int]:
    return [int(round(float(np.median(f[..., 0])))) for f in iio.imiter(path, plugin="FFMPEG")]


@pytest.mark.parametrize("fps,hold,extra", [(4, 1.0, 4), (4, 0.0, 0), (8, 0.5, 4), (2, 1.0, 2)])
def test_the_last_frame_is_held(qapp, tmp_path, fps, hold, extra):
    out = _sink_video(tmp_path / "v.mp4", fps=fps, hold=hold)
    frames, secs = imageio_ffmpeg.count_frames_and_secs(str(out))
    assert frames == len(LEVELS) + extra
    assert secs == pytest.approx(len(LEVELS) / fps + hold, abs=0.01)
    got = _levels(out)
    assert all(abs(g - v) <= 3 for g, v in zip(got, LEVELS)), got
    assert all(abs(g - LEVELS[-1]) <= 3 for g in got[len(LEVELS):]), got  # the last step, repeated


@pytest.mark.parametrize("size", [(W, H), (1920, 1080), (161, 97)])
def test_mp4_is_faststart_at_its_size(qapp, tmp_path, size):
    out = _sink_video(tmp_path / "v.mp4", size=size, hold=1.0)
    atoms = top_level_atoms(out)
    assert "moov" in atoms and "mdat" in atoms and atoms.index("moov") < atoms.index("mdat"), atoms
    # Full HD stays 1080 high (not 1088); an odd size becomes the even one H.264 needs.
    want = (size[1] + size[1] % 2, size[0] + size[0] % 2)
    assert iio.improps(out, plugin="FFMPEG", index=0).shape[:2] == want


def test_gif_holds_its_last_frame_too(qapp, tmp_path):
    out = _sink_video(tmp_path / "v.gif", fps=2, hold=1.0, gif=True)
    frames = iio.imread(out, index=None)
    assert len(frames) == len(LEVELS) + 2
    assert abs(float(np.median(frames[-1][..., 0])) - LEVELS[-1]) <= 3


@pytest.fixture
def project_file(tmp_path):
    path = tmp_path / "p.gpkg"
    two_zone_file(path)
    return path


def test_cli_holds_the_last_step_a_second_by_default(qapp, project_file, tmp_path, capsys):
    args = ["replay", str(project_file), "--from", "2025-11-05", "--to", "2025-11-30", "--size", "320x180",
            "--fps", "4"]
    held, plain, longer = tmp_path / "held.mp4", tmp_path / "plain.mp4", tmp_path / "longer.mp4"
    assert main([*args, "-o", str(held)]) == 0
    assert main([*args, "-o", str(plain), "--hold-last", "0"]) == 0
    assert main([*args, "-o", str(longer), "--hold-last", "2.5"]) == 0
    said = capsys.readouterr().err.splitlines()
    assert said == [f"{held}: 4 frames, the last held 1 s more", f"{plain}: 4 frames",
                    f"{longer}: 4 frames, the last held 2.5 s more"]
    # 4 weekly steps at 4 frames/s: 1 s; held: 2 s; 2.5 s more: 3.5 s.
    assert imageio_ffmpeg.count_frames_and_secs(str(plain)) == (4, pytest.approx(1.0, abs=0.01))
    assert imageio_ffmpeg.count_frames_and_secs(str(held)) == (8, pytest.approx(1.0 + replay.HOLD_LAST, abs=0.01))
    assert imageio_ffmpeg.count_frames_and_secs(str(longer)) == (14, pytest.approx(3.5, abs=0.01))
    for f in (held, plain, longer):
        atoms = top_level_atoms(f)
        assert atoms.index("moov") < atoms.index("mdat")
    frames = [f.astype(int) for f in iio.imiter(held, plugin="FFMPEG")]
    # The last step's picture (the encoder refines repeated frames a little: lossy), where the
    # step before differs from it at least in its date caption.
    def changed(a, b):
        return int((np.abs(a - b).max(axis=2) > 8).sum())
    assert all(changed(frames[3], f) < 20 for f in frames[4:])
    assert changed(frames[3], frames[2]) > 100


def test_cli_refuses_a_negative_hold(qapp, project_file, tmp_path, capsys):
    out = tmp_path / "x.mp4"
    assert main(["replay", str(project_file), "-o", str(out), "--hold-last", "-1"]) == 1
    err = capsys.readouterr().err
    assert "--hold-last" in err and "Traceback" not in err and not out.exists()


def test_a_folder_of_frames_holds_one_png_per_step(qapp, project_file, tmp_path):
    out = tmp_path / "frames"
    assert main(["replay", str(project_file), "-o", str(out), "--size", "320x180", "--hold-last", "3"]) == 0
    assert len(list(out.glob("*.png"))) == 2  # the project's two weeks; no copies of the last


@pytest.fixture
def win(qtbot, tmp_path):
    from support.sample_window import sample_window
    yield from sample_window(qtbot, tmp_path)


def test_the_export_dialog_offers_the_hold(win, qtbot, tmp_path, monkeypatch):
    from desktop.ui.dialogs import media_export
    dlg = media_export.ReplayExportDialog(win)
    qtbot.addWidget(dlg)
    assert dlg.hold.value() == replay.HOLD_LAST and dlg.hold.isEnabled()
    assert dlg.request().hold_last == replay.HOLD_LAST
    n = len(dlg.dates())
    assert f"{n / 4 + 1:.1f} s of video" in dlg.summary.text()
    dlg.hold.setValue(0)
    assert dlg.hold.text() == "Off" and dlg.request().hold_last == 0
    assert f"{n / 4:.1f} s of video" in dlg.summary.text()
    dlg.kind.setCurrentIndex(dlg.kind.findData("folder"))
    assert not dlg.hold.isEnabled()  # a folder holds one PNG per step
    # The export passes the request's hold to the engine, and the video holds its last step.
    out = tmp_path / "held.mp4"
    seen = {}
    real = replay.write_replay

    def spy(*a, **kw):
        seen.update(kw)
        return real(*a, **kw)
    monkeypatch.setattr(replay, "write_replay", spy)
    from datetime import date
    req = media_export.ReplayRequest(out, date(2025, 9, 1), date(2025, 9, 15), "week", (320, 180), 4.0,
                                     hold_last=0.5)
    assert media_export.export_replay(win, req) == 3
    assert seen["hold_last"] == 0.5
    assert imageio_ffmpeg.count_frames_and_secs(str(out)) == (5, pytest.approx(1.25, abs=0.01))
