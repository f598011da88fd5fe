"""Progress of long command-line work (import, replay) on stderr, with the time left, when
stderr is a terminal (never in a pipe or a log: those get only the final lines)."""
from __future__ import annotations

import sys
import time
from typing import TextIO


class TerminalProgress:
    """A `progress(done, total) -> bool` callback for `import_files` and `write_replay`."""

    def __init__(self, what: str, stream: TextIO | None = None) -> None:
        self.what = what
        self.stream = stream or sys.stderr
        self.on = self.stream.isatty()
        self.start = time.monotonic()
        self.shown = 0.0

    def __call__(self, done: int, total: int) -> bool:
        now = time.monotonic()
        if not self.on or not total or (done < total and now - self.shown < 0.25):
            return True
        self.shown = now
        f, elapsed = done / total, now - self.start
        left = ""
        if done < total and elapsed >= 3.0 and f >= 0.03:
            s = elapsed * (1 - f) / f
            left = ", less than a minute left" if s < 50 else (
                f", about {round(s / 60)} min left" if s < 3570 else f", about {int(s // 3600)} h {round(s % 3600 / 60)} min left")
        self.stream.write(f"\r{self.what} {min(done + 1, total) if done < total else total} of {total}{left}\033[K")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()
        return True
