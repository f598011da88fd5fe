"""The registry of what the renderer writes: map images (`frontline render`, Export Map Image)
and replay videos (`frontline replay`, Export Replay Video). Qt-free, so the command line can
list them without loading Qt.

A second, small registry beside storage's `formats.py` because the renderer may not import
storage (layers: render takes only raster sources from there), these files carry no data to
import back, and their writers are Qt (export.py, video.py). The image and video code, the export
dialogs, the command line's help and its refused project names derive from `OUTPUTS`.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    key: str
    label: str  # in a file dialog's filter
    suffix: str
    video: bool = False  # a replay (one frame per step), else one image


OUTPUTS: tuple[Output, ...] = (
    Output("png", "PNG image", ".png"),
    Output("svg", "SVG drawing", ".svg"),
    Output("pdf", "PDF document", ".pdf"),
    Output("mp4", "MP4 video", ".mp4", video=True),
    Output("gif", "GIF animation", ".gif", video=True),
)
FOLDER = "folder"  # a replay written as a folder of PNG frames (a name without a suffix)


def images() -> list[Output]:
    return [o for o in OUTPUTS if not o.video]


def videos() -> list[Output]:
    return [o for o in OUTPUTS if o.video]


def image_suffixes() -> tuple[str, ...]:
    return tuple(o.suffix for o in images())


def video_suffixes() -> tuple[str, ...]:
    return tuple(o.suffix for o in videos())


def video_kind(suffix: str) -> str | None:
    """"mp4", "gif"... for a video suffix, None for anything else."""
    return next((o.key for o in videos() if o.suffix == suffix.lower()), None)


def one_of(suffixes: tuple[str, ...], last: str = "or") -> str:
    """".png, .svg or .pdf": for messages."""
    return f"{', '.join(suffixes[:-1])} {last} {suffixes[-1]}" if len(suffixes) > 1 else "".join(suffixes)


def file_filter(outputs: list[Output]) -> str:
    return ";;".join(f"{o.label} (*{o.suffix})" for o in outputs)


def commands() -> dict[str, str]:
    """Suffix -> the command that writes it, for the names a project may not take."""
    return {o.suffix: "frontline replay" if o.video else "frontline render" for o in OUTPUTS}


__all__ = ["Output", "OUTPUTS", "FOLDER", "images", "videos", "image_suffixes", "video_suffixes", "video_kind",
           "one_of", "file_filter", "commands"]
