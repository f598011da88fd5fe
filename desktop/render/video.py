"""Frame sinks for replay export: MP4 and GIF streamed into ffmpeg (imageio-ffmpeg's bundled
binary), or a folder of PNG frames.

Frames go to ffmpeg straight from the QImage's memory (`bgra` is QImage.Format_RGB32's byte
order on little-endian machines), with no PNG or numpy copy in between: painting a 1080p frame
costs a few milliseconds, saving it as PNG about 50.

Painting and encoding overlap: `FfmpegSink` hands a few frame buffers round (`image()`), and a
writer thread feeds painted ones to ffmpeg (the pipe write releases the GIL) while the next
frame is painted, so ffmpeg encodes on one core while we paint on the other.
"""
from __future__ import annotations

import os
import queue
import re
import sys
import threading
from pathlib import Path

from PySide6.QtGui import QImage

from desktop.render.outputs import video_kind, video_suffixes

FRAME_FORMAT = QImage.Format_RGB32
PIX_FMT = "bgra" if sys.byteorder == "little" else "argb"


def output_kind(path: Path) -> str | None:
    """"mp4", "gif" or "folder" (an existing folder or a name without a suffix); None otherwise."""
    if path.is_dir() or not path.suffix:
        return "folder"
    return video_kind(path.suffix)


class FrameSink:
    _img: QImage | None = None

    def image(self, size: tuple[int, int]) -> QImage:
        """A buffer (FRAME_FORMAT) to paint the next frame into, then pass to `write`."""
        if self._img is None or (self._img.width(), self._img.height()) != tuple(size):
            self._img = QImage(int(size[0]), int(size[1]), FRAME_FORMAT)
        return self._img

    def write(self, img: QImage) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def abort(self) -> None:
        self.close()


def part_file(path: Path) -> Path:
    """Where a video meant for `path` is written until it is complete: beside it, as
    `<stem>.part<suffix>` (ffmpeg picks the container by the suffix). Renamed into place by
    `close`; removed by `abort` and by the next run for the same name."""
    return path.with_name(f"{path.stem}.part{path.suffix}")


FRAME_NAME = re.compile(r"frame_\d{5,}\.png")


def part_folder(folder: Path) -> Path:
    """Where the frames meant for `folder` are written until the replay is complete."""
    return folder.with_name(folder.name + ".part")


def _clear_part_folder(tmp: Path) -> None:
    """Remove the frames a killed or cancelled run left in `tmp`, and the folder if that leaves
    it empty (anything else in it is not ours and stays)."""
    if not tmp.is_dir():
        return
    for f in tmp.iterdir():
        if FRAME_NAME.fullmatch(f.name):
            f.unlink(missing_ok=True)
    try:
        tmp.rmdir()
    except OSError:
        pass


def _widen_pipe(gen) -> None:
    """Give ffmpeg's stdin pipe 1 MiB instead of Linux's 64 KiB: a 1080p frame (8 MiB) then
    crosses in 8 writes rather than 128, each a switch between us and ffmpeg. Best effort: the
    pipe is the generator's local `p` (imageio-ffmpeg keeps no other handle to it)."""
    try:
        import fcntl
        fd = gen.gi_frame.f_locals["p"].stdin.fileno()
        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, AttributeError, KeyError, OSError, ValueError):
        pass


class FfmpegSink(FrameSink):
    BUFFERS = 3  # one being painted, one being written, one queued

    def __init__(self, path: Path, size: tuple[int, int], fps: float, gif: bool = False,
                 hold_last: float = 0.0) -> None:
        import imageio_ffmpeg
        w, h = size
        # ffmpeg's filters: the last frame repeated for `hold_last` seconds (the last step stays
        # on screen instead of flashing by for 1/fps), then, for H.264, a size it can encode.
        filters = [f"tpad=stop_mode=clone:stop_duration={hold_last:.3f}"] if hold_last > 0 else []
        if gif:
            # One palette for the whole clip, computed by ffmpeg from all frames.
            filters.append("split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=none")
            kw = dict(codec="gif", pix_fmt_out="pal8", output_params=["-vf", ",".join(filters), "-loop", "0"])
        else:
            # 1080 = 8 x 135: a block of 8 keeps full HD exactly (imageio-ffmpeg's default of 16
            # would scale it to 1088); other sizes are scaled to even ones (yuv420p needs them).
            # The scaling is ours, not imageio-ffmpeg's, which would add a second -vf.
            block = 8 if w % 8 == 0 and h % 8 == 0 else 2
            ow, oh = -(-w // block) * block, -(-h // block) * block
            if (ow, oh) != (w, h):
                filters.append(f"scale={ow}:{oh}")
            # faststart: the index ('moov') goes before the frames ('mdat'), so a browser or a
            # player streaming the file starts playing before it has the whole file.
            params = ["-preset", "veryfast", "-movflags", "+faststart"]
            kw = dict(codec="libx264", pix_fmt_out="yuv420p", quality=6,
                      output_params=params + (["-vf", ",".join(filters)] if filters else []))
        self.path = path
        # All or nothing: ffmpeg writes `<stem>.part<suffix>`, renamed over `path` when complete,
        # so a killed or cancelled replay leaves `path` as it was (absent, or the old video).
        self.part = part_file(path)
        self.part.unlink(missing_ok=True)  # what a killed run left
        self.size = (int(w), int(h))
        self._gen = imageio_ffmpeg.write_frames(str(self.part), (w, h), pix_fmt_in=PIX_FMT, fps=fps,
                                                ffmpeg_log_level="error", macro_block_size=1, **kw)
        self._gen.send(None)  # start ffmpeg
        _widen_pipe(self._gen)
        self.frames = 0
        self._free: queue.Queue[QImage] = queue.Queue()
        self._pool: set[int] = set()
        for _ in range(self.BUFFERS):
            img = QImage(self.size[0], self.size[1], FRAME_FORMAT)
            self._pool.add(id(img))
            self._free.put(img)
        self._todo: queue.Queue[QImage | None] = queue.Queue()
        self._error: BaseException | None = None
        self._writer = threading.Thread(target=self._run, name="ffmpeg-writer", daemon=True)
        self._writer.start()

    def _run(self) -> None:
        while True:
            img = self._todo.get()
            if img is None:
                return
            try:
                if self._error is None:
                    # A view on the image's pixels; bytesPerLine is width * 4 for 32-bit formats.
                    self._gen.send(memoryview(img.constBits())[: img.sizeInBytes()])
            except BaseException as e:  # reported by the next write or close
                self._error = e
            finally:
                if id(img) in self._pool:
                    self._free.put(img)

    def _check(self) -> None:
        if self._error is not None:
            raise self._error

    def image(self, size: tuple[int, int]) -> QImage:
        self._check()
        if tuple(size) != self.size:
            return super().image(size)
        return self._free.get()  # waits while every buffer is queued for ffmpeg

    def write(self, img: QImage) -> None:
        self._check()
        if id(img) not in self._pool:
            # Not one of ours: the caller may paint into it again at once, so send a copy.
            img = img.convertToFormat(FRAME_FORMAT) if img.format() != FRAME_FORMAT else img.copy()
        self._todo.put(img)
        self.frames += 1

    def _stop(self) -> None:
        if self._writer.is_alive():
            self._todo.put(None)
            self._writer.join()

    def close(self) -> None:
        try:
            self._stop()
            self._gen.close()
            self._check()
            os.replace(self.part, self.path)
        except BaseException:
            self.part.unlink(missing_ok=True)
            raise

    def abort(self) -> None:
        self._error = self._error or RuntimeError("aborted")  # the writer skips what is queued
        try:
            self._stop()
            self._gen.close()
        finally:
            self.part.unlink(missing_ok=True)  # the old video, if any, stays as it was


class FolderSink(FrameSink):
    """PNG frames, painted into `<folder>.part` beside the folder and moved into it when the
    replay is complete: a killed or cancelled run leaves the folder as it was (absent, or the
    frames of the last complete replay) and at most the .part folder, which the next run
    clears. A new folder arrives whole (one rename); into an existing one the finished frames
    are moved by name, and frames of an older, longer replay beyond them are removed."""

    def __init__(self, folder: Path) -> None:
        if folder.exists() and not folder.is_dir():
            raise OSError(f"{folder}: is a file, not a folder")
        self.folder = folder
        self.part = part_folder(folder)
        _clear_part_folder(self.part)  # what a killed run left
        self.part.mkdir(parents=True, exist_ok=True)
        self.frames = 0

    def write(self, img: QImage) -> None:
        self.frames += 1
        name = self.part / f"frame_{self.frames:05d}.png"
        if not img.save(str(name), "PNG"):
            raise OSError(f"{self.folder / name.name}: cannot write the frame")

    def close(self) -> None:
        try:
            if not self.folder.exists():
                os.rename(self.part, self.folder)
                return
            names = {f"frame_{i:05d}.png" for i in range(1, self.frames + 1)}
            for name in sorted(names):
                os.replace(self.part / name, self.folder / name)
            for f in self.folder.iterdir():  # an older, longer replay's last frames
                if FRAME_NAME.fullmatch(f.name) and f.name not in names:
                    f.unlink(missing_ok=True)
        finally:
            _clear_part_folder(self.part)

    def abort(self) -> None:
        _clear_part_folder(self.part)


def open_sink(path: Path, size: tuple[int, int], fps: float, hold_last: float = 0.0) -> FrameSink:
    """The sink for `path`. `hold_last`: seconds a video shows its last frame beyond its 1/fps
    (a folder of frames holds one PNG per frame whatever it says)."""
    kind = output_kind(path)
    if kind == "folder":
        return FolderSink(path)
    if kind is None:
        raise ValueError(f"{path}: the output must be {', '.join(video_suffixes())} or a folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    return FfmpegSink(path, size, fps, gif=kind == "gif", hold_last=hold_last)
