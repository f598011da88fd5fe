"""Kill a writer with SIGKILL at random moments: every committed edit survives, every time."""
from __future__ import annotations

import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from desktop.storage.project.projectfile import close_project, create_project, open_project

ROOT = Path(__file__).resolve().parents[2]

# The child reopens the file (recovering it after the last kill), then keeps drawing zones,
# one command each, printing the zone's name once the command returned (= committed).
CHILD = r"""
import sys
from datetime import date
from shapely.geometry import box
from desktop.model import CommandStack, create_zone
from desktop.storage.project.projectfile import open_project
p = open_project(sys.argv[1])
st = CommandStack(p)
aid = next(iter(p.assessments))
i = len(p.zones)
print("ready", flush=True)
while True:
    x = (i % 50) * 0.02
    y = (i // 50) * 0.02
    cmd, _ = create_zone(p, name=f"z{i}", assessment_id=aid, geometry=box(x, y, x + 0.015, y + 0.015),
                         status="contested", as_of=date(2025, 1, 1 + i % 28))
    st.push(cmd)
    print(f"z{i}", flush=True)
    i += 1
"""


def test_sigkill_loses_nothing_committed(tmp_path):
    path = tmp_path / "crash.gpkg"
    project = create_project(path)
    from desktop.model import add_assessment, CommandStack
    CommandStack(project).push(add_assessment(project, "Ours")[0])
    close_project(project)
    rng = random.Random(20251201)
    committed: set[str] = set()
    kills = 0
    for _ in range(50):
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE,
                                text=True, cwd=ROOT)
        assert proc.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + rng.uniform(0.005, 0.15)
        while time.monotonic() < deadline:
            ready, _, _ = select.select([proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
            if ready:
                line = proc.stdout.readline().strip()
                if line:
                    committed.add(line)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        committed.update(l.strip() for l in proc.stdout.read().splitlines() if l.strip())
        kills += 1
        reopened = open_project(path, read_only=True)
        names = {z.name for z in reopened.zones.values()}
        close_project(reopened)
        missing = committed - names
        assert not missing, f"after kill {kills}: lost {sorted(missing)[:5]}"
        # Every zone has its version: no half-written command.
        assert len(reopened.versions) == len(reopened.zones)
    assert kills == 50 and len(committed) > 50
    final = open_project(path)
    assert {z.name for z in final.zones.values()} >= committed
    close_project(final)
