"""`frontline import` / `replay` print progress with the time left on a terminal (issue 17, item
5), one line rewritten in place; a pipe or a log gets nothing from it."""
from __future__ import annotations

import io

from desktop import cli_progress
from desktop.cli_progress import TerminalProgress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_the_step_and_the_time_left_and_a_pipe_sees_nothing(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(cli_progress.time, "monotonic", lambda: clock[0])
    out = Tty()
    p = TerminalProgress("Import: step", out)
    assert p(0, 200) is True
    clock[0] += 10.0  # 10 s for a quarter: about 30 s more
    assert p(50, 200) is True
    clock[0] += 0.1   # too soon after the last line: not redrawn
    p(51, 200)
    clock[0] += 50.0  # 60 s for 100 of 200 -> about a minute left
    p(100, 200)
    p(200, 200)
    lines = out.getvalue().split("\r")[1:]
    assert lines[0].startswith("Import: step 1 of 200")
    assert lines[1].startswith("Import: step 51 of 200, less than a minute left")
    assert lines[2].startswith("Import: step 101 of 200, about 1 min left")
    assert lines[3].startswith("Import: step 200 of 200") and lines[3].endswith("\n")
    assert len(lines) == 4

    pipe = io.StringIO()
    q = TerminalProgress("Replay: frame", pipe)
    assert all(q(n, 10) for n in range(11)) and pipe.getvalue() == ""
