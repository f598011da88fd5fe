"""File ▸ Export Map Image and Export Replay Video: the GUI side of `frontline render` and
`frontline replay`.

The image is the canvas's own frame spec (`MapCanvas.frame_spec()`) painted by the shared frame
painter at the chosen size, so it is what the analyst sees on screen. The video is written by
`desktop.replay.write_replay`, the very function the command line uses, so a replay exported
from the window and one from the terminal are the same frames.

File dialogs and the two option dialogs are module-level functions (`ask_image_path`,
`ask_video_path`, `ask_frames_folder`, `ask_image_export`, `ask_replay_export`) so tests can
monkeypatch them.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox,
                               QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit,
                               QProgressDialog, QPushButton, QVBoxLayout, QWidget)

from desktop.ui.i18n import QT_TR_NOOP, tr_filter, tr
from desktop.render import outputs, replay
from desktop.model import timeline as tl
from desktop.render.spec import FrameSpec

from desktop.ui.dialogs import file_menu as dialogs_file
from desktop.ui.widgets.date_inputs import date_edit
from desktop.ui.widgets.plain_text import plain_label
from desktop.ui.widgets.jobs import Estimate, with_estimate

if TYPE_CHECKING:
    from desktop.ui.window.api import WindowApi

# Suffixes, filters and kinds from the renderer's output registry (render/outputs.py).
IMAGE_SUFFIXES = outputs.image_suffixes()
IMAGE_FILTER = outputs.file_filter(outputs.images())
VIDEO_KINDS = tuple((o.key, f"{o.label} ({o.suffix})") for o in outputs.videos()) + (
    (outputs.FOLDER, QT_TR_NOOP("Folder of PNG frames")),)
SIZES = ((1920, 1080), (1280, 720), (3840, 2160))
STEP_LABELS = ((tl.DAY, QT_TR_NOOP("Day")), (tl.WEEK, QT_TR_NOOP("Week (from Monday)")), (tl.MONTH, QT_TR_NOOP("Month")))


def _area_combo(window: "WindowApi") -> QComboBox:
    """What an export shows: the map's current view, or the project's area of interest."""
    area = QComboBox()
    area.addItem(tr("Current view"), "view")
    aoi = window.project.info.aoi is not None
    area.addItem(tr("Area of interest") if aoi else tr("All zones (no area of interest is set)"), "aoi")
    return area


def _export_buttons(dlg: QDialog, form: QFormLayout) -> QDialogButtonBox:
    """Lay out an export dialog: its form, then Export and Cancel."""
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    buttons.button(QDialogButtonBox.Ok).setText(tr("Export"))
    buttons.accepted.connect(dlg.accept)
    buttons.rejected.connect(dlg.reject)
    lay = QVBoxLayout(dlg)
    lay.addLayout(form)
    lay.addWidget(buttons)
    return buttons


@dataclass(frozen=True)
class ImageRequest:
    path: Path
    size: tuple[int, int] | None = None  # None: the map view's size on screen
    area: str = "view"  # "view": what the map shows; "aoi": the project's area of interest
    furniture: bool = False  # add title, date caption, legend and north arrow (as `frontline render`)


@dataclass(frozen=True)
class ReplayRequest:
    path: Path  # .mp4, .gif, or a folder (a name without a suffix)
    first: date
    last: date
    step: str = tl.WEEK
    size: tuple[int, int] = (1920, 1080)
    fps: float = 4.0
    area: str = "view"  # "view": the map's view, as presentation mode shows it; "aoi": the project's
    # Seconds the video keeps its last step on screen after that step's frame (0: off; the
    # dialog offers replay.HOLD_LAST). A folder of frames ignores it.
    hold_last: float = 0.0


# -- file dialogs (monkeypatched in tests) ------------------------------------------------------
def ask_image_path(window) -> str:
    return dialogs_file.ask_save_path(window, tr("Export map image"), IMAGE_FILTER,
                                      dialogs_file.suggested_path(window, ".png"))


def ask_video_path(window, kind: str) -> str:
    chosen = [o for o in outputs.videos() if o.key == kind] or outputs.videos()[:1]
    filter_ = outputs.file_filter(chosen)
    # Beside the project, named after it: "pokrovsk.mp4", or a folder "pokrovsk frames".
    suffix = " frames" if kind == "folder" else chosen[0].suffix
    return dialogs_file.ask_save_path(window, tr("Export replay video"), filter_,
                                      dialogs_file.suggested_path(window, suffix))


def ask_frames_folder(window) -> str:
    return QFileDialog.getExistingDirectory(window, tr("Folder for the PNG frames"), dialogs_file._start_dir())


def image_path(text: str) -> Path:
    """The image file a typed name means: its suffix chooses the format, PNG when it has none."""
    p = Path(text.strip())
    return p if p.suffix.lower() in IMAGE_SUFFIXES else p.with_name(p.name + ".png")


def video_path(text: str, kind: str) -> Path:
    """The output a typed name means for `kind`: `x.mp4`, `x.gif`, or the folder `x`."""
    p = Path(text.strip())
    if kind == "folder":
        return p if p.is_dir() or not p.suffix else p.with_suffix("")
    return p if p.suffix.lower() == f".{kind}" else p.with_suffix(f".{kind}") if p.suffix.lower() in (
        outputs.video_suffixes()) else p.with_name(f"{p.name}.{kind}")


def _default_name(window, tail: str) -> str:
    """Beside the project file, named after it (empty for a project that is not saved); a team
    project's in the home folder, named after the project, never after its URL."""
    p = dialogs_file.project_path_for_names(window)
    return str(p.with_name(p.stem + tail)) if p is not None else ""


def _size_combo(sizes, current: tuple[int, int] | None = None) -> QComboBox:
    box = QComboBox()
    for w, h in sizes:
        box.addItem(f"{w} × {h}", (w, h))
    if current is not None:
        box.addItem(tr("Current view size ({w} × {h})").format(w=current[0], h=current[1]), None)
    return box


def _path_row(edit: QLineEdit, browse) -> QWidget:
    row = QWidget()
    lay = QHBoxLayout(row)
    lay.setContentsMargins(0, 0, 0, 0)
    edit.setMinimumWidth(380)  # room for a whole path
    button = QPushButton(tr("Browse…"))
    button.clicked.connect(browse)
    lay.addWidget(edit, 1)
    lay.addWidget(button)
    return row


# -- map image ------------------------------------------------------------------------------------
class ImageExportDialog(QDialog):
    def __init__(self, window: "WindowApi") -> None:
        super().__init__(window)
        self.setWindowTitle(tr("Export Map Image"))
        self._window = window
        vp = window.canvas.viewport()
        self.path = QLineEdit(_default_name(window, f"_{window.cursor.date.isoformat()}.png"))
        self.path.setPlaceholderText(outputs.one_of(tuple(f"map{s}" for s in IMAGE_SUFFIXES)))
        self.path.textChanged.connect(self._update)
        self.size_box = _size_combo(SIZES, (vp.width(), vp.height()))
        self.area = _area_combo(window)
        self.furniture = QCheckBox(tr("Add title, date caption, legend and north arrow"))
        self.furniture.setToolTip(tr("Off: the map exactly as on screen (scale bar and attribution only)"))
        form = QFormLayout()
        form.addRow(tr("File:"), _path_row(self.path, self._browse))
        form.addRow("", plain_label(tr("The suffix chooses the format: {formats}").format(
            formats=outputs.one_of(IMAGE_SUFFIXES))))
        form.addRow(tr("Size:"), self.size_box)
        form.addRow(tr("Area:"), self.area)
        form.addRow(tr("Date:"), plain_label(tr("{date} (the timeline date)").format(
            date=window.cursor.date.isoformat())))
        form.addRow("", self.furniture)
        self.buttons = _export_buttons(self, form)
        self._update()

    def _browse(self) -> None:
        path = ask_image_path(self)
        if path:
            self.path.setText(str(image_path(path)))

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.path.text().strip()))

    def request(self) -> ImageRequest:
        return ImageRequest(image_path(self.path.text()), self.size_box.currentData(), self.area.currentData(),
                            self.furniture.isChecked())


def ask_image_export(window: "WindowApi") -> ImageRequest | None:
    dlg = ImageExportDialog(window)
    return dlg.request() if dlg.exec() == QDialog.Accepted else None


def image_size(window: "WindowApi", request: ImageRequest) -> tuple[int, int]:
    vp = window.canvas.viewport()
    return request.size or (max(1, vp.width()), max(1, vp.height()))


def image_spec(window: "WindowApi", request: ImageRequest) -> FrameSpec | None:
    """The canvas's spec, as `request` asks to change it."""
    from desktop.render.frame import default_bbox

    spec = window.canvas.frame_spec()  # on the cursor's date; None with no project shown
    if spec is None:
        return None
    # The selection highlight is editing state, not part of the map being shared.
    spec = replace(spec, selection=frozenset())
    if request.area == "aoi":
        spec = replace(spec, bbox=default_bbox(window.project))
    chrome = spec.chrome
    if request.size is not None:
        chrome = replace(chrome, scale=None)  # furniture grows with the frame, as in `frontline render`
    if request.furniture:
        chrome = replace(chrome, title=window.project.info.title, date_caption=True, legend=True, north_arrow=True)
    return replace(spec, chrome=chrome)


def export_image(window: "WindowApi", request: ImageRequest | None = None) -> Path | None:
    """Ask (unless given a request), write the image, report in the status bar."""
    from desktop.render.export import write_image
    request = request or ask_image_export(window)
    if request is None:
        return None
    spec = image_spec(window, request)
    if spec is None:
        window.message(tr("No map to export"))
        return None
    size = image_size(window, request)
    try:
        write_image(spec, size, request.path)
    except (OSError, ValueError) as e:
        window.message(tr("Image export failed: {error}").format(error=e))
        dialogs_file.show_error(window, tr("Export Map Image"), f"{request.path}: {e}")
        return None
    window.message(tr("Map of {date} saved to {path} ({w} × {h})").format(
        date=spec.when.isoformat(), path=request.path, w=size[0], h=size[1]))
    return request.path


# -- replay video ----------------------------------------------------------------------------------
class ReplayExportDialog(QDialog):
    def __init__(self, window: "WindowApi") -> None:
        super().__init__(window)
        self.setWindowTitle(tr("Export Replay Video"))
        self._window = window
        cursor = window.cursor
        first, last = cursor.range() or (cursor.date, cursor.date)  # the timeline's range, else the data's
        self.kind = QComboBox()
        for key, label in VIDEO_KINDS:
            self.kind.addItem(tr_filter(label), key)
        self.path = QLineEdit(_default_name(window, "_replay.mp4"))
        self.path.setPlaceholderText(", ".join(f"replay{s}" for s in outputs.video_suffixes()) + tr(" or a folder"))
        self.first = date_edit(value=first)
        self.last = date_edit(value=last)
        self.step = QComboBox()
        for key, label in STEP_LABELS:
            self.step.addItem(tr(label), key)
        self.step.setCurrentIndex([k for k, _ in STEP_LABELS].index(cursor.step))
        self.size_box = _size_combo(SIZES)
        self.fps = QDoubleSpinBox()
        self.fps.setRange(0.25, 60.0)
        self.fps.setDecimals(2)
        self.fps.setValue(4.0)
        self.fps.setSuffix(tr(" frames/s"))
        self.hold = QDoubleSpinBox()
        self.hold.setRange(0.0, 10.0)
        self.hold.setDecimals(1)
        self.hold.setSingleStep(0.5)
        self.hold.setValue(replay.HOLD_LAST)
        self.hold.setSuffix(tr(" s"))  # seconds
        self.hold.setSpecialValueText(tr("Off"))  # at 0
        self.hold.setToolTip(tr("How long the video keeps showing the last step after its frame"))
        self.summary = plain_label("")
        form = QFormLayout()
        form.addRow(tr("Output:"), self.kind)
        form.addRow(tr("File or folder:"), _path_row(self.path, self._browse))
        form.addRow(tr("From:"), self.first)
        form.addRow(tr("To:"), self.last)
        form.addRow(tr("Step:"), self.step)
        form.addRow(tr("Size:"), self.size_box)
        self.area = _area_combo(window)
        self.area.setToolTip(tr("The frames show the layers and statuses the map shows, as presentation mode does"))
        form.addRow(tr("Area:"), self.area)
        form.addRow(tr("Speed:"), self.fps)
        form.addRow(tr("Hold last step:"), self.hold)
        form.addRow("", self.summary)
        self.buttons = _export_buttons(self, form)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for sig in (self.path.textChanged, self.first.dateChanged, self.last.dateChanged, self.step.currentIndexChanged,
                    self.fps.valueChanged, self.hold.valueChanged):
            sig.connect(self._update)
        self._update()

    def _kind_changed(self) -> None:
        if self.path.text().strip():
            self.path.setText(str(video_path(self.path.text(), self.kind.currentData())))
        self._update()

    def _browse(self) -> None:
        kind = self.kind.currentData()
        path = ask_frames_folder(self) if kind == "folder" else ask_video_path(self, kind)
        if path:
            self.path.setText(str(video_path(path, kind)))

    def dates(self) -> list[date]:
        return replay.replay_dates(self._window.project, self.first.date().toPython(),
                                       self.last.date().toPython(), self.step.currentData())

    def _update(self) -> None:
        n = len(self.dates())
        video = self.kind.currentData() != "folder"
        self.hold.setEnabled(video)
        if n:
            seconds = n / self.fps.value() + (self.hold.value() if video else 0.0)
            text = tr("{n} frames, one per step: {seconds} s of video") if n != 1 else tr(
                "{n} frame, one per step: {seconds} s of video")
            self.summary.setText(text.format(n=n, seconds=f"{seconds:.1f}"))
        else:
            self.summary.setText(tr("No frames: the end date is before the start date"))
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(n > 0 and bool(self.path.text().strip()))

    def accept(self) -> None:  # Qt override
        # A date typed but not confirmed is read now; one that is not a date keeps the dialog
        # open, with the reason on the field, rather than exporting another range.
        if self.first.commit() and self.last.commit():
            super().accept()

    def request(self) -> ReplayRequest:
        return ReplayRequest(video_path(self.path.text(), self.kind.currentData()),
                             self.first.date().toPython(), self.last.date().toPython(),
                             self.step.currentData(), self.size_box.currentData(), self.fps.value(),
                             self.area.currentData(), self.hold.value())


def ask_replay_export(window: "WindowApi") -> ReplayRequest | None:
    dlg = ReplayExportDialog(window)
    return dlg.request() if dlg.exec() == QDialog.Accepted else None


def _remove_partial_frames(folder: Path, written: int, existed: bool) -> None:
    """A cancelled folder export: remove the frames it wrote (the folder sink keeps them), and
    the folder itself if the export created it."""
    for i in range(1, written + 1):
        (folder / f"frame_{i:05d}.png").unlink(missing_ok=True)
    if not existed:
        try:
            folder.rmdir()  # only if now empty
        except OSError:
            pass


def export_replay(window: "WindowApi", request: ReplayRequest | None = None) -> int | None:
    """Ask (unless given a request) and write the replay with a modal progress dialog.

    Returns the frames written, or None when cancelled (no partial output is left) or failed.
    """
    request = request or ask_replay_export(window)
    if request is None:
        return None
    dates = replay.replay_dates(window.project, request.first, request.last, request.step)
    if not dates:
        window.message(tr("Nothing to export: the end date is before the start date"))
        return None
    folder_existed = request.path.is_dir()
    window.playback.pause()  # playback would move the map under the export for nothing
    # The frames are painted here, in the GUI thread, not in a worker: the painter keeps
    # QPixmap/QImage caches (basemap, labels, label sprites) shared with the canvas, and QPixmap
    # may only be used in the GUI thread. The modal dialog keeps the project still meanwhile,
    # and the progress callback processes events so the window repaints and Cancel is heard.
    progress = QProgressDialog(tr("Writing {name}…").format(
        name=request.path.name), tr("Cancel"), 0, len(dates), window)
    progress.setWindowTitle(tr("Export Replay Video"))
    progress.setWindowModality(Qt.WindowModal)
    progress.setMinimumDuration(0)
    progress.setMinimumWidth(360)
    progress.setAutoClose(False)
    progress.setAutoReset(False)  # keep wasCanceled() meaningful to the end
    progress.show()  # at once: even a short export should show that it is under way
    progress.setValue(0)

    estimate = Estimate()  # the time left, once the rate so far means something

    def report(done: int, total: int) -> bool:
        progress.setMaximum(total)
        progress.setValue(done)
        if done < total:
            progress.setLabelText(with_estimate(tr("Writing {name}: frame {n} of {total}…").format(
                name=request.path.name, n=done + 1, total=total), estimate.text(done / max(total, 1))))
        QApplication.processEvents()
        return not progress.wasCanceled()

    # The frames are presentation mode's: the map's layers, statuses and marks, and its view
    # unless the area of interest was asked for.
    from desktop.render.frame import default_bbox

    base = window.canvas.frame_spec()  # None with no project shown
    bbox = base.bbox if base is not None and request.area == "view" else default_bbox(window.project)
    written = 0
    try:
        written = replay.write_replay(window.project, request.path, dates, request.step,
                                          request.size, request.fps, report, base=base, bbox=bbox,
                                          hold_last=request.hold_last)
    except (OSError, ValueError) as e:
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        window.message(tr("Replay export failed: {error}").format(error=msg))
        dialogs_file.show_error(window, tr("Export Replay Video"), f"{request.path}: {msg}")
        return None
    finally:
        progress.close()
        progress.deleteLater()
    if written < len(dates):
        if request.path.suffix == "" or request.path.is_dir():
            _remove_partial_frames(request.path, written, folder_existed)
        window.message(tr("Export cancelled"))
        return None
    window.message(tr("Replay saved to {path}: {n} frames").format(path=request.path, n=written))
    return written
