"""`frontline render` and `frontline replay`: argparse Namespaces in, exit codes out.

The engine (stills, step frames, the video loop) is `desktop.render.replay`, shared with the
window's export dialogs; this module only checks arguments, opens the project and reports.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from desktop.cli_progress import TerminalProgress
from desktop.render import outputs
from desktop.render.replay import HOLD_LAST, prepare_qt, render_file, replay_dates, write_replay
from desktop.storage.errors import InputError


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _open(target: str):
    from desktop.cli_interchange import open_read_only
    return open_read_only(str(target))


def cmd_render(args: argparse.Namespace) -> int:
    out = Path(args.output)
    if out.suffix.lower() not in outputs.image_suffixes():
        raise InputError(f"{out}: the output must be {outputs.one_of(outputs.image_suffixes())}")
    prepare_qt()
    project = _open(args.project)
    try:
        render_file(project, _as_date(args.at), out, tuple(args.size or (1920, 1080)), getattr(args, "bbox", None))
    except OSError as e:
        raise InputError(f"{out}: {e}") from None
    finally:
        _close(project)
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    from desktop.render.video import output_kind
    out = Path(args.output)
    if output_kind(out) is None:
        raise InputError(f"{out}: the output must be {', '.join(outputs.video_suffixes())} or a folder")
    fps = getattr(args, "fps", 4)
    fps = 4 if fps is None else fps
    if fps <= 0:
        raise InputError(f"--fps must be positive, not {fps}")
    hold = getattr(args, "hold_last", HOLD_LAST)
    hold = HOLD_LAST if hold is None else hold
    if not 0 <= hold <= 3600:  # (NaN too)
        raise InputError(f"--hold-last must be 0 (off) or a number of seconds up to 3600, not {hold}")
    prepare_qt()
    project = _open(args.project)
    try:
        step = getattr(args, "step", "week") or "week"
        dates = replay_dates(project, _as_date(getattr(args, "from_", None)), _as_date(getattr(args, "to", None)), step)
        if not dates:
            raise InputError(f"{args.project}: no dates to replay (the project has no dated zones, or --to is before --from)")
        try:
            write_replay(project, out, dates, step, tuple(args.size or (1920, 1080)), fps,
                         TerminalProgress("Replay: frame"), hold_last=hold)
        except OSError as e:
            raise InputError(f"{out}: {str(e).splitlines()[0]}") from None
    finally:
        _close(project)
    held = f", the last held {hold:g} s more" if hold and output_kind(out) != "folder" else ""
    print(f"{out}: {len(dates)} frames{held}", file=sys.stderr)
    return 0


def _close(project) -> None:
    from desktop.storage.project.projectfile import close_project
    close_project(project)
