"""Kill a writer with SIGKILL at random moments: every committed edit survives, every time.

What is random is only *where* in the writer's work each kill lands (during the open and its
recovery of the last kill's WAL, inside a transaction, between two); what the test counts does
not depend on the machine's speed. The kill comes after a chosen number of acknowledged edits,
each signalled by the writer once its command returned (= committed), so a loaded machine
makes the run slower, never different. (It used to kill 5-150 ms after the child said "ready":
the first edit of a fresh process takes ~100 ms on an idle machine, and under load 49 of the 50
kills landed before any edit was acknowledged, so `len(committed) > 50` failed by chance while
nothing had been lost.)

Run 200 times in a row, it then found a real window: a writer killed inside the open's upgrade
transaction (rollback-journal mode, before the switch to WAL) leaves a hot journal, and the next
read-only open read the file around it and called it damaged. Opening now lets SQLite roll the
journal back first (`projectfile._recover_killed_writer`); see the last test here.

The writers are forked from one process that has done the imports (a "zygote"), so a kill
costs milliseconds, not a Python start-up: `tests/benchmarks/bench_crash.py` runs this test
200 times in a row.
"""
from __future__ import annotations

import os
import random
import re
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from desktop.storage.project.projectfile import close_project, create_project, open_project

ROOT = Path(__file__).resolve().parents[2]
KILLS = 50
# How long one line from the writer may take before the test calls the writer stuck (a loaded
# machine is slow, not stuck: this only turns a hang into a message).
LINE_TIMEOUT_S = float(os.environ.get("CRASH_LINE_TIMEOUT", "120"))

# The zygote imports everything once, then forks one writer per "go" on its stdin. A writer
# prints its pid, reopens the file (recovering it after the last kill), says "ready", then keeps
# drawing zones, one command each, printing the zone's name once the command returned
# (= committed). The zygote reaps it and prints how it ended; every line the writer printed is
# in the pipe before that one.
ZYGOTE = r"""
import os, sys
from datetime import date
from shapely.geometry import box
from desktop.model import CommandStack, create_zone
from desktop.storage.project.projectfile import open_project
path = sys.argv[1]
def say(line):  # one write(2) of a whole line (< PIPE_BUF): a kill never leaves half of it
    os.write(1, (line + "\n").encode())
say("zygote")
for command in sys.stdin:
    if command.strip() != "go":
        break
    pid = os.fork()
    if pid == 0:
        try:
            say(f"pid {os.getpid()}")
            p = open_project(path)
            st = CommandStack(p)
            aid = next(iter(p.assessments))
            i = len(p.zones)
            say("ready")
            while True:
                x = (i % 50) * 0.02
                y = (i // 50) * 0.02
                cmd, _ = create_zone(p, name=f"z{i}", assessment_id=aid,
                                     geometry=box(x, y, x + 0.015, y + 0.015),
                                     status="contested", as_of=date(2025, 1, 1 + i % 28))
                st.push(cmd)
                say(f"z{i}")
                i += 1
        except BaseException:
            import traceback
            traceback.print_exc()
        os._exit(3)  # never reached while the writer is well: it is killed
    _, status = os.waitpid(pid, 0)
    say(f"dead {status}")
"""


class Lines:
    """Lines from a pipe, each waited for at most LINE_TIMEOUT_S (no buffered line is ever
    missed by select, as with a TextIOWrapper)."""

    def __init__(self, fd: int) -> None:
        self.fd, self.buf = fd, b""

    def next(self) -> str:
        deadline = time.monotonic() + LINE_TIMEOUT_S
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.fd], [], [], max(0.0, left))
            if not ready:
                raise AssertionError(f"the writer said nothing for {LINE_TIMEOUT_S:.0f} s")
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise AssertionError("the zygote's pipe closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode().strip()


def plan(seed: int, kills: int = KILLS) -> list[tuple[int, float]]:
    """(acknowledged edits to wait for, then seconds before the kill) for each kill. Zero edits:
    the kill lands in the open (recovering the last kill's WAL) or in the first edit."""
    rng = random.Random(seed)
    return [(rng.choice((0, 1, 1, 2, 3, 5)), rng.choice((0.0, rng.uniform(0.0, 0.02)))) for _ in range(kills)]


def run_kills(path: Path, seed: int = 20251201, kills: int = KILLS) -> tuple[set[str], int]:
    """Kill writers of `path` as `plan(seed)` says; after each kill the file must be whole and
    hold every acknowledged edit. Returns (acknowledged zone names, edits waited for)."""
    steps = plan(seed, kills)
    committed: set[str] = set()
    zygote = subprocess.Popen([sys.executable, "-c", ZYGOTE, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, cwd=ROOT, bufsize=0)
    lines = Lines(zygote.stdout.fileno())
    alive = None  # the writer not yet reaped, if any
    try:
        assert lines.next() == "zygote"
        for n, (acks, delay) in enumerate(steps, 1):
            zygote.stdin.write(b"go\n")
            first = lines.next()
            assert first.startswith("pid "), first
            pid = alive = int(first.split()[1])
            seen = 0
            while seen < acks:
                line = lines.next()
                assert not line.startswith("dead"), f"kill {n}: the writer died on its own ({line})"
                if line != "ready":
                    committed.add(ack(line, n))
                    seen += 1
            if delay:
                time.sleep(delay)
            os.kill(pid, signal.SIGKILL)
            # Every line the writer printed comes before the zygote's word that it is gone.
            while not (line := lines.next()).startswith("dead"):
                if line != "ready":
                    committed.add(ack(line, n))
            status, alive = int(line.split()[1]), None
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, \
                f"kill {n}: the writer ended with status {status}, not by the kill"
            check_file(path, committed, n)
    finally:
        if alive is not None:  # a failed check: the writer must not outlive the test
            os.kill(alive, signal.SIGKILL)
        zygote.stdin.close()
        try:
            zygote.wait(timeout=30)
        except subprocess.TimeoutExpired:
            zygote.kill()
            zygote.wait()
    return committed, sum(a for a, _ in steps)


def ack(line: str, n: int) -> str:
    assert re.fullmatch(r"z\d+", line), f"kill {n}: unexpected line from the writer: {line!r}"
    return line


def check_file(path: Path, committed: set[str], n: int) -> None:
    """The file after kill `n`: it opens (read-only, as `frontline export` opens it: a hot
    journal or WAL index the kill left is finished first), whole, holding every acknowledged
    zone, each with its version."""
    close_project(open_project(path, read_only=True))
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"after kill {n}: damaged"
        names = {r[0] for r in con.execute("SELECT name FROM zones")}
        # Every zone has its version: no half-written command.
        orphans = con.execute("SELECT count(*) FROM zones WHERE id NOT IN (SELECT zone_id FROM zone_versions)"
                              ).fetchone()[0]
        versions = con.execute("SELECT count(*) FROM zone_versions").fetchone()[0]
    finally:
        con.close()
    missing = committed - names
    assert not missing, f"after kill {n}: lost {sorted(missing)[:5]}"
    assert orphans == 0 and versions == len(names), f"after kill {n}: a half-written command"


def new_file(path: Path) -> None:
    project = create_project(path)
    from desktop.model import add_assessment, CommandStack
    CommandStack(project).push(add_assessment(project, "Ours")[0])
    close_project(project)


def test_sigkill_loses_nothing_committed(tmp_path):
    path = tmp_path / "crash.gpkg"
    new_file(path)
    committed, waited_for = run_kills(path)
    # Counted, not timed: each kill came after its planned number of acknowledged edits.
    assert len(committed) >= waited_for > KILLS
    final = open_project(path)
    assert {z.name for z in final.zones.values()} >= committed
    assert len(final.versions) == len(final.zones) and final.open_warnings == []
    close_project(final)


def test_plan_kills_in_the_open_and_mid_edit():
    steps = plan(20251201)
    assert sum(1 for a, _ in steps if a == 0) >= 5  # during the open / the first edit
    assert sum(1 for _, d in steps if d > 0) >= 10  # somewhere inside a later edit


KILLED_MID_TRANSACTION = r"""
import os, signal, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA cache_size=2")  # the transaction's pages spill into the file before commit
con.execute("BEGIN IMMEDIATE")
con.execute("UPDATE project_info SET title = 'never committed'")
con.execute("CREATE TABLE spill(x)")
con.executemany("INSERT INTO spill VALUES (?)", [(os.urandom(500),) for _ in range(2000)])
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_writer_killed_in_a_rollback_journal_transaction_opens_as_last_committed(tmp_path):
    """A closed project is in rollback-journal mode, and every writable open upgrades it in one
    transaction before switching it to WAL: a kill in that transaction leaves a hot journal and
    half-written pages. Opening read-only once read around the journal (immutable) and called
    the file damaged (bench run 150 of 200 met it: SQLITE_READONLY_ROLLBACK); it is rolled back
    first now, as any SQLite client would, and the file is as its last commit left it."""
    path = tmp_path / "hot.gpkg"
    new_file(path)
    subprocess.run([sys.executable, "-c", KILLED_MID_TRANSACTION, str(path)], cwd=ROOT, timeout=120)
    assert Path(str(path) + "-journal").exists()
    p = open_project(path, read_only=True)
    assert p.info.title == "Untitled project" and p.open_warnings == []
    close_project(p)
    assert not Path(str(path) + "-journal").exists()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'spill'").fetchone()[0] == 0
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    p = open_project(path)
    assert not p.read_only and len(p.assessments) == 1
    close_project(p)
