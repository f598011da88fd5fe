"""File ▸ Export Map Image and Export Replay Video, on a copy of the bundled sample: the image is
the canvas's picture at the chosen size, the video has one frame per step, and a cancelled
export leaves nothing behind."""
from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QProgressDialog, QPushButton

from desktop.render import replay
from desktop.render.frame import default_bbox, render_image
from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui.dialogs import media_export as dialogs_media
from desktop.ui.dialogs.media_export import ImageExportDialog, ImageRequest, ReplayExportDialog, ReplayRequest
from desktop.ui.window.main_window import MainWindow

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "pokrovsk_myrnohrad_2025.gpkg"
D = date


@pytest.fixture
def win(qtbot, tmp_path):
    path = tmp_path / "sample.gpkg"
    shutil.copy(SAMPLE, path)
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.project.storage is not None:
        close_project(w.project)


def _pixels(img: QImage) -> np.ndarray:
    img = img.convertToFormat(QImage.Format_RGBA8888)
    a = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine() // 4, 4)
    return a[:, : img.width()].astype(np.int16)


def _differing(a: QImage, b: QImage) -> int:
    pa, pb = _pixels(a), _pixels(b)
    assert pa.shape == pb.shape
    return int((np.abs(pa - pb).max(axis=2) > 2).sum())


def test_the_actions_sit_in_the_file_menu_with_their_shortcuts(win):
    a = win.actions
    assert a.export_image.shortcut() == QKeySequence("Ctrl+Shift+E")
    assert a.export_replay.shortcut() == QKeySequence("Ctrl+Shift+R")
    assert {a.export_image, a.export_replay} <= set(win.menus["file"].actions())


def test_image_at_view_size_is_the_canvas_picture_without_the_selection(win, tmp_path, monkeypatch):
    zid = next(iter(win.project.state_at(win.cursor.date))).zone_id
    win.selection.set([zid])
    out = tmp_path / "view.png"
    monkeypatch.setattr(dialogs_media, "ask_image_export", lambda w: ImageRequest(out))
    win.actions.export_image.trigger()
    img = QImage(str(out))
    vp = win.canvas.viewport()
    assert (img.width(), img.height()) == (vp.width(), vp.height()) != (1920, 1080)
    shown = win.canvas.frame_spec()
    assert shown.selection == {zid} and shown.when == win.cursor.date
    expected = render_image(replace(shown, selection=frozenset()), vp.width(), vp.height())
    assert _differing(img, expected) == 0
    # The comparison can fail: the selection highlight and the zones both change pixels.
    assert _differing(img, render_image(shown, vp.width(), vp.height())) > 0
    assert _differing(img, render_image(replace(shown, show_zones=False), vp.width(), vp.height())) > 1000
    assert str(out) in win.status.currentMessage()


def test_image_at_a_preset_size_of_the_area_of_interest(win, tmp_path, monkeypatch):
    win.canvas.zoom_by(0.3)  # the view now differs from the area of interest
    out = tmp_path / "aoi.png"
    monkeypatch.setattr(dialogs_media, "ask_image_export", lambda w: ImageRequest(out, (1280, 720), "aoi", True))
    win.actions.export_image.trigger()
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1280, 720)
    spec = win.canvas.frame_spec()
    chrome = replace(spec.chrome, scale=None, title=win.project.info.title, date_caption=True, legend=True,
                     north_arrow=True)
    expected = replace(spec, bbox=default_bbox(win.project), chrome=chrome)
    assert _differing(img, render_image(expected, 1280, 720)) == 0
    assert _differing(img, render_image(replace(expected, bbox=spec.bbox), 1280, 720)) > 1000


def test_the_suffix_chooses_the_format(win, tmp_path, monkeypatch):
    for name, head in (("map.svg", b"<?xml"), ("map.pdf", b"%PDF")):
        monkeypatch.setattr(dialogs_media, "ask_image_export", lambda w, n=name: ImageRequest(tmp_path / n, (640, 360)))
        win.actions.export_image.trigger()
        assert (tmp_path / name).read_bytes()[:5].startswith(head)


def test_the_image_dialog(win, qtbot, tmp_path, monkeypatch):
    dlg = ImageExportDialog(win)
    qtbot.addWidget(dlg)
    assert dlg.path.text().endswith(f"sample_{win.cursor.date.isoformat()}.png")
    dlg.path.clear()
    assert not dlg.buttons.button(dlg.buttons.StandardButton.Ok).isEnabled()
    monkeypatch.setattr(dialogs_media, "ask_image_path", lambda w: str(tmp_path / "chosen"))
    dlg._browse()
    dlg.size_box.setCurrentIndex(2)
    dlg.area.setCurrentIndex(1)
    req = dlg.request()
    assert req == ImageRequest(tmp_path / "chosen.png", (3840, 2160), "aoi", False)
    dlg.size_box.setCurrentIndex(dlg.size_box.count() - 1)
    assert dlg.request().size is None and "Current view size" in dlg.size_box.currentText()
    dlg.show()


def test_the_replay_dialog_defaults_and_frame_count(win, qtbot):
    dlg = ReplayExportDialog(win)
    qtbot.addWidget(dlg)
    req = dlg.request()
    assert (req.first, req.last) == win.project.date_range() == (D(2025, 9, 1), D(2025, 12, 15))
    assert (req.step, req.size, req.fps, req.path.suffix) == (win.cursor.step, (1920, 1080), 4.0, ".mp4")
    assert "16 frames" in dlg.summary.text()  # Mondays 1 Sep .. 15 Dec 2025
    dlg.kind.setCurrentIndex(1)
    assert dlg.request().path.suffix == ".gif"
    dlg.kind.setCurrentIndex(2)
    assert dlg.request().path.suffix == "" and dlg.request().path.name == "sample_replay"
    dlg.step.setCurrentIndex(2)  # months: Sep, Oct, Nov, Dec
    assert "4 frames" in dlg.summary.text()
    dlg.last.setDate(dlg.first.date().addDays(-1))
    assert not dlg.buttons.button(dlg.buttons.StandardButton.Ok).isEnabled()
    dlg.show()
    win.cursor.set_range(D(2025, 10, 6), D(2025, 10, 20))  # the timeline's range wins
    dlg2 = ReplayExportDialog(win)
    qtbot.addWidget(dlg2)
    assert (dlg2.request().first, dlg2.request().last) == (D(2025, 10, 6), D(2025, 10, 20))
    assert "3 frames" in dlg2.summary.text()


def _count_frames(path: Path) -> int:
    import imageio
    with imageio.get_reader(str(path), "ffmpeg") as r:
        return r.count_frames()


def test_replay_writes_one_frame_per_step(win, tmp_path, monkeypatch):
    out = tmp_path / "replay.mp4"
    seen = []
    real = replay.write_replay

    def spy(project, output, dates, step, size, fps, progress=None, **kw):
        def report(i, total):
            seen.append((i, total, win.findChild(QProgressDialog).isVisible()))
            return progress(i, total)
        return real(project, output, dates, step, size, fps, report, **kw)
    monkeypatch.setattr(replay, "write_replay", spy)
    monkeypatch.setattr(dialogs_media, "ask_replay_export",
                        lambda w: ReplayRequest(out, D(2025, 9, 1), D(2025, 9, 29), "week", (320, 180), 4.0))
    win.actions.export_replay.trigger()
    assert _count_frames(out) == 5
    assert [s[:2] for s in seen] == [(i, 5) for i in range(6)] and seen[0][2]  # the dialog was up
    assert win.findChild(QProgressDialog) is None or not win.findChild(QProgressDialog).isVisible()
    msg = win.status.currentMessage()
    assert str(out) in msg and "5 frames" in msg


@pytest.mark.parametrize("name", ["cancelled.mp4", "frames"])
def test_cancel_after_the_second_frame_leaves_nothing(win, qtbot, tmp_path, monkeypatch, name):
    out = tmp_path / name
    real = replay.write_replay
    written = []

    def clicking_cancel(project, output, dates, step, size, fps, progress=None, **kw):
        def report(i, total):
            if i == 2:  # two frames are in the file: press Cancel on the dialog
                dlg = win.findChild(QProgressDialog)
                assert dlg.isVisible()
                if not out.suffix:  # (ffmpeg may not have created the video file yet)
                    part = out.with_name(out.name + ".part")  # frames land in the folder when complete
                    assert sorted(f.name for f in part.iterdir()) == ["frame_00001.png", "frame_00002.png"]
                button = next(b for b in dlg.findChildren(QPushButton) if b.text() == "Cancel")
                qtbot.mouseClick(button, Qt.LeftButton)
            return progress(i, total)
        n = real(project, output, dates, step, size, fps, report, **kw)
        written.append(n)
        return n
    monkeypatch.setattr(replay, "write_replay", clicking_cancel)
    result = dialogs_media.export_replay(win, ReplayRequest(out, D(2025, 9, 1), D(2025, 10, 27), "week",
                                                            (320, 180), 4.0))
    assert result is None and written == [2]
    assert not out.exists()
    assert win.status.currentMessage() == "Export cancelled"


def test_a_failed_write_is_reported_not_raised(win, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    assert dialogs_media.export_image(win, ImageRequest(blocker / "map.png", (320, 180))) is None
    assert win.status.currentMessage().startswith("Image export failed")
    request = ReplayRequest(blocker / "replay.mp4", D(2025, 9, 1), D(2025, 9, 8), "week", (320, 180), 4.0)
    assert dialogs_media.export_replay(win, request) is None
    assert win.status.currentMessage().startswith("Replay export failed")
    left = win.findChild(QProgressDialog)
    assert left is None or not left.isVisible()


@pytest.mark.parametrize("typed, kind, path", [
    ("out", "mp4", "out.mp4"), ("out.gif", "mp4", "out.mp4"), ("out.mp4", "gif", "out.gif"),
    ("out.v2", "gif", "out.v2.gif"), ("out.mp4", "folder", "out"), ("frames", "folder", "frames")])
def test_the_typed_name_is_fitted_to_the_output_kind(typed, kind, path, tmp_path):
    assert dialogs_media.video_path(str(tmp_path / typed), kind) == tmp_path / path


@pytest.mark.parametrize("typed, path", [("m", "m.png"), ("m.SVG", "m.SVG"), ("m.pdf", "m.pdf"),
                                         ("m.jpg", "m.jpg.png")])
def test_the_image_suffix_is_png_unless_svg_or_pdf(typed, path):
    assert dialogs_media.image_path(typed) == Path(path)


@pytest.mark.parametrize("area", ["view", "aoi"])
def test_replay_frames_are_presentation_frames_of_the_maps_layers(win, tmp_path, area):
    """The video shows what presentation mode shows: the map's layers and statuses (a status
    hidden on the map is hidden in the video), over the map's view or the area of interest."""
    from desktop.render.frame import default_bbox, render_image
    from desktop.render.step_frames import step_spec
    win.canvas.set_status_visible("ru_control", False)
    out = tmp_path / "frames"
    request = ReplayRequest(out, D(2025, 11, 24), D(2025, 12, 1), "week", (480, 270), 4.0, area)
    assert dialogs_media.export_replay(win, request) == 2
    frames = sorted(out.glob("*.png"))
    base = win.canvas.frame_spec()
    bbox = base.bbox if area == "view" else default_bbox(win.project)
    for f, d in zip(frames, (D(2025, 11, 24), D(2025, 12, 1))):
        want = render_image(step_spec(win.project, d, "week", bbox=bbox, base=base), 480, 270)
        assert _differing(QImage(str(f)), want) == 0
        every_status = render_image(step_spec(win.project, d, "week", bbox=bbox), 480, 270)
        assert _differing(QImage(str(f)), every_status) > 1000  # the hidden status is not in the video
