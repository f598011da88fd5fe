"""`frontline render` and `frontline replay` through the real command line: files, frame counts,
durations, the pixel mask between two dates, and one-line errors."""
from __future__ import annotations

from datetime import date

import imageio.v3 as iio
import numpy as np
import pytest
from PySide6.QtGui import QImage

from desktop.cli import main
from desktop.render.projection import MapView
from desktop.model.mercator import bbox_to_merc, to_merc

from render.helpers import AOI, D1, D2, rgb, two_zone_file


@pytest.fixture
def project_file(tmp_path):
    path = tmp_path / "p.gpkg"
    two_zone_file(path)
    return path


def _px(view, lon, lat):
    x, y = view.to_px(*to_merc(lon, lat))
    return round(x), round(y)


def test_render_two_dates_differ_only_where_zones_changed(qapp, project_file, tmp_path):
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    bbox = ",".join(str(v) for v in AOI)
    assert main(["render", str(project_file), "--at", D1.isoformat(), "-o", str(a), "--size", "800x600", "--bbox", bbox]) == 0
    assert main(["render", str(project_file), "--at", D2.isoformat(), "-o", str(b), "--size", "800x600", "--bbox", bbox]) == 0
    ia, ib = QImage(str(a)), QImage(str(b))
    assert (ia.width(), ia.height()) == (800, 600)
    diff = np.abs(rgb(ia).astype(int) - rgb(ib).astype(int)).max(axis=2) > 8
    view = MapView(bbox_to_merc(*AOI), 800, 600)
    x0, y1 = _px(view, 37.15, 48.20)
    x1, y0 = _px(view, 37.20, 48.30)
    allowed = np.zeros_like(diff)
    allowed[y0 - 2:y1 + 3, x0 - 2:x1 + 3] = True  # the strip the red zone gained on D2
    # ... and the date caption, which says which day it is (top-left panel).
    allowed[:140, :360] = True
    assert diff[y0 + 2:y1 - 2, x0 + 2:x1 - 2].mean() > 0.85
    assert not (diff & ~allowed).any()


@pytest.mark.parametrize("suffix", [".svg", ".pdf"])
def test_render_vector_formats(qapp, project_file, tmp_path, suffix):
    out = tmp_path / f"map{suffix}"
    assert main(["render", str(project_file), "--at", D2.isoformat(), "-o", str(out), "--size", "640x480"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF" if suffix == ".pdf" else b"<?xml")
    if suffix == ".svg":
        from PySide6.QtSvg import QSvgRenderer
        assert QSvgRenderer(str(out)).isValid()
        assert b"2025-11-10" in data  # the date caption is text, not pixels


def test_replay_mp4_has_one_frame_per_week(qapp, project_file, tmp_path):
    out = tmp_path / "r.mp4"
    # Weeks of 2025-11-03 .. 2025-11-24 (a Monday; the 30th is a Sunday): 4 frames.
    assert main(["replay", str(project_file), "-o", str(out), "--from", "2025-11-05", "--to", "2025-11-30",
                 "--size", "640x360", "--fps", "4", "--hold-last", "0"]) == 0  # (held: test_replay_hold.py)
    frames = list(iio.imiter(out, plugin="FFMPEG"))
    assert len(frames) == 4
    assert frames[0].shape[:2] == (360, 640)
    meta = iio.immeta(out, plugin="FFMPEG")
    assert meta["fps"] == pytest.approx(4)
    assert meta["duration"] == pytest.approx(1.0, abs=0.05)
    # Frame 2 (week of 2025-11-10) shows the grown zone: redder than frame 1.
    red = [((f[..., 0].astype(int) - f[..., 1]) > 30).mean() for f in frames]
    assert red[1] > red[0] * 1.2


def test_replay_defaults_full_hd_and_range_from_data(qapp, project_file, tmp_path):
    out = tmp_path / "frames"
    assert main(["replay", str(project_file), "-o", str(out), "--step", "week"]) == 0
    files = sorted(out.glob("*.png"))
    # Data from 2025-11-03 (Monday) to 2025-11-10: two weekly frames at 1920x1080.
    assert [f.name for f in files] == ["frame_00001.png", "frame_00002.png"]
    img = QImage(str(files[0]))
    assert (img.width(), img.height()) == (1920, 1080)


def test_replay_gif_and_month_step(qapp, project_file, tmp_path):
    out = tmp_path / "r.gif"
    assert main(["replay", str(project_file), "-o", str(out), "--step", "month", "--from", "2025-10-15",
                 "--to", "2026-01-01", "--size", "320x240", "--fps", "2", "--hold-last", "0"]) == 0
    frames = iio.imread(out, index=None)
    assert len(frames) == 4  # Oct, Nov, Dec, Jan


def test_errors_are_one_line_exit_1(qapp, project_file, tmp_path, capsys):
    assert main(["render", str(tmp_path / "missing.gpkg"), "--at", "2025-11-03", "-o", str(tmp_path / "x.png")]) == 1
    assert main(["render", str(project_file), "--at", "2025-11-03", "-o", str(tmp_path / "x.bmp")]) == 1
    assert main(["replay", str(project_file), "-o", str(tmp_path / "x.avi")]) == 1
    assert main(["replay", str(project_file), "-o", str(tmp_path / "x.mp4"), "--from", "2025-12-01", "--to", "2025-11-01"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 4 and all(line.startswith("frontline: error: ") for line in err)
    assert "Traceback" not in "".join(err)
    with pytest.raises(SystemExit) as e:
        main(["render", str(project_file), "-o", str(tmp_path / "x.png")])  # --at is required
    assert e.value.code == 2


def test_svg_holds_the_same_zone_fills_as_the_png(qapp, project_file, tmp_path):
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgRenderer
    from render.helpers import reddish
    png, svg = tmp_path / "m.png", tmp_path / "m.svg"
    for out in (png, svg):
        assert main(["render", str(project_file), "--at", D2.isoformat(), "-o", str(out), "--size", "640x480"]) == 0
    raster = reddish(rgb(QImage(str(png))))
    img = QImage(640, 480, QImage.Format_ARGB32)
    img.fill(0xFFFFFFFF)
    painter = QPainter(img)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    vector = reddish(rgb(img))
    assert raster.sum() > 5000
    # Same red area (antialiasing and hatching differ a little at the edges).
    assert abs(int(vector.sum()) - int(raster.sum())) < 0.1 * raster.sum()
    assert (vector & raster).sum() > 0.85 * raster.sum()


def test_a_still_painted_once_equals_the_cached_frame(qapp, project_file, tmp_path):
    # `frontline render` paints its one frame straight through, with no basemap layer image:
    # the PNG must be the very picture the canvas, presentation mode and replay make from it.
    from dataclasses import replace

    from desktop.render.replay import still_spec
    from desktop.render.frame import render_image
    from desktop.storage.project.projectfile import close_project, open_project
    out = tmp_path / "still.png"
    bbox = ",".join(str(v) for v in AOI)
    assert main(["render", str(project_file), "--at", D2.isoformat(), "-o", str(out), "--size", "800x600",
                 "--bbox", bbox]) == 0
    project = open_project(project_file, read_only=True)
    spec = still_spec(project, D2, bbox_to_merc(*AOI))
    assert spec.once and spec.previous is None
    cached = render_image(replace(spec, once=False), 800, 600)
    close_project(project)
    # Straight onto the frame or through an opaque layer image, translucent streets and
    # borders blend with rounding one or two levels apart (of 255); nothing more.
    still = rgb(QImage(str(out))).astype(int)
    assert np.abs(still - rgb(cached).astype(int)).max() <= 2
    assert still.std() > 10  # a real map, not a blank frame


def test_replay_frames_are_the_same_with_or_without_the_spec_worker(qapp, project_file, tmp_path, monkeypatch):
    """The next frame's spec is built on a worker thread only with a core to spare beside the
    encoder; either way the frames are the same, in order."""
    import threading

    from desktop.render import replay
    from desktop.storage.project.projectfile import close_project, open_project
    from desktop.render import step_frames as timeline_frame

    real_step_spec = timeline_frame.step_spec
    threads: list[str] = []

    def recording_step_spec(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real_step_spec(*args, **kwargs)

    monkeypatch.setattr(timeline_frame, "step_spec", recording_step_spec)
    frames = {}
    for spare in (0, 2):
        monkeypatch.setattr(replay, "spare_cores", lambda spare=spare: spare)
        threads.clear()
        project = open_project(project_file, read_only=True)
        try:
            dates = replay.replay_dates(project, date(2025, 10, 27), date(2025, 11, 17), "week")
            out = tmp_path / f"spare{spare}"
            assert replay.write_replay(project, out, dates, "week", (320, 180), 4) == 4
        finally:
            close_project(project)
        frames[spare] = [rgb(QImage(str(f))) for f in sorted(out.glob("*.png"))]
        on_worker = [t.startswith("replay-spec") for t in threads]
        assert len(threads) == 4 and all(on_worker) == bool(spare) and any(on_worker) == bool(spare)
    assert len(frames[0]) == len(frames[2]) == 4
    for a, b in zip(frames[0], frames[2]):
        assert (a == b).all()
    assert not (frames[0][0] == frames[0][2]).all()  # zones appear after the first week


def test_usable_cores_follow_a_containers_cpu_quota(tmp_path):
    """The affinity mask shows the host's cores; a container's quota may allow fewer."""
    import os

    from desktop.render.replay import usable_cores
    affinity = len(os.sched_getaffinity(0))
    assert usable_cores(tmp_path) == affinity  # no cgroup files: the affinity
    (tmp_path / "cpu.max").write_text("max 100000\n")
    assert usable_cores(tmp_path) == affinity  # v2, no quota
    (tmp_path / "cpu.max").write_text("50000 100000\n")
    assert usable_cores(tmp_path) == 1  # half a core is still one
    (tmp_path / "cpu.max").unlink()
    (tmp_path / "cpu").mkdir()
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text("-1\n")
    (tmp_path / "cpu" / "cpu.cfs_period_us").write_text("100000\n")
    assert usable_cores(tmp_path) == affinity  # v1, no quota
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text(f"{100000 * (affinity + 3)}\n")
    assert usable_cores(tmp_path) == affinity  # a quota above the cores changes nothing
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text("150000\n")
    assert usable_cores(tmp_path) == min(2, affinity)
