"""Issue #20, item 3: a new project, an import into a new project and a project copy are all or
nothing, even when the process is killed: the target stays as it was (absent, or the old file)
and at most a `<name>.part` is left, which the next run removes."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.storage.project import projectfile
from desktop.storage.project.projectfile import close_project, create_project, open_project, save_copy

ROOT = Path(__file__).resolve().parents[2]

# `frontline import` with every write of the project file reported on stderr; after each, the
# process waits for a line on stdin, so the test kills it at a chosen write, not after a sleep.
STEPPED_IMPORT = r"""
import sys
from desktop.storage.project import projectfile
write = projectfile.ProjectFile.write
def stepped(self, changes):
    write(self, changes)
    sys.stderr.write(f"wrote {len(list(changes))}\n"); sys.stderr.flush()
    sys.stdin.readline()
projectfile.ProjectFile.write = stepped
from desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def zones_geojson(path: Path, n: int) -> Path:
    feats = []
    for i in range(n):
        x, y = 30 + (i % 60) * 0.02, 47 + (i // 60) * 0.02
        ring = [[x, y], [x + 0.015, y], [x + 0.015, y + 0.015], [x, y + 0.015], [x, y]]
        feats.append({"type": "Feature", "properties": {"name": f"z{i}", "valid_from": "2025-01-06"},
                      "geometry": {"type": "Polygon", "coordinates": [ring]}})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name)


def import_cmd(src: Path, out: Path) -> list[str]:
    return ["import", str(src), "-o", str(out), "--status", "ru_control"]


def run_import(src: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *import_cmd(src, out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("kill_at", [1, 2])
def test_import_into_a_new_project_killed_at_each_write_leaves_no_project(tmp_path, kill_at):
    """Write 1 seeds the new file (legend), write 2 is the import; killed after either of
    them (the import committed to the .part file, not yet renamed), no new.gpkg appears."""
    src = zones_geojson(tmp_path / "zones.geojson", 50)
    out = tmp_path / "new.gpkg"
    proc = subprocess.Popen([sys.executable, "-c", STEPPED_IMPORT, *import_cmd(src, out)], cwd=ROOT,
                            stdin=subprocess.PIPE, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            text=True)
    writes = 0
    try:
        while True:
            line = proc.stderr.readline()
            assert line, "the import ended before the write to kill at"
            if not line.startswith("wrote "):
                continue
            writes += 1
            if writes == kill_at:
                break
            proc.stdin.write("\n")
            proc.stdin.flush()
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert not out.exists(), f"killed after write {kill_at}: {out.name} exists"
    assert leftovers(tmp_path)  # the .part it was building
    # The next run removes what the killed one left and makes the project.
    r = run_import(src, out)
    assert r.returncode == 0, r.stderr
    assert leftovers(tmp_path) == []
    p = open_project(out, read_only=True)
    assert len(p.zones) == 50
    close_project(p)


def test_import_killed_at_any_moment_leaves_nothing_or_the_whole_project(tmp_path):
    """The issue's reproduction, at ten moments spread over the run: whatever the moment, the
    target is absent or a complete project, never a part of one."""
    src = zones_geojson(tmp_path / "zones.geojson", 1500)
    t0 = time.monotonic()
    r = run_import(src, tmp_path / "timed.gpkg")
    whole = time.monotonic() - t0
    assert r.returncode == 0, r.stderr
    for k in range(10):
        out = tmp_path / f"new{k}.gpkg"
        proc = subprocess.Popen([sys.executable, "-m", "desktop", *import_cmd(src, out)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(whole * (k + 0.5) / 10)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        if out.exists():
            p = open_project(out, read_only=True)
            assert len(p.zones) == 1500, f"try {k}: {out.name} holds {len(p.zones)} of 1500 zones"
            close_project(p)


def test_create_project_over_an_old_file_keeps_it_until_complete(tmp_path, monkeypatch):
    path = tmp_path / "p.gpkg"
    close_project(create_project(path, title="Old"))
    before = path.read_bytes()

    def broken(*a, **k):
        raise KeyboardInterrupt  # stopped half-way (Ctrl-C)
    monkeypatch.setattr(projectfile, "move_into_place", broken)
    with pytest.raises(KeyboardInterrupt):
        create_project(path, title="New", overwrite=True)
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []
    monkeypatch.undo()
    p = create_project(path, title="New", overwrite=True)
    assert p.info.title == "New" and not p.read_only
    close_project(p)
    assert leftovers(tmp_path) == []


def test_a_killed_run_s_part_file_is_removed_by_the_next(tmp_path):
    path = tmp_path / "p.gpkg"
    part = tmp_path / "p.gpkg.part"
    part.write_bytes(b"half a file")
    Path(str(part) + "-journal").write_bytes(b"junk")
    p = create_project(path)
    close_project(p)
    assert leftovers(tmp_path) == []
    assert open_project(path, read_only=True).info.title == "Untitled project"


def test_save_copy_failing_half_way_leaves_the_old_copy(tmp_path, monkeypatch):
    src = tmp_path / "p.gpkg"
    close_project(create_project(src, title="Source"))
    dest = tmp_path / "copy.gpkg"
    dest.write_bytes(b"the old copy")
    p = open_project(src)

    def broken(tmp, d):
        assert tmp.exists() and tmp.name == "copy.gpkg.part"
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(projectfile, "move_into_place", broken)
    with pytest.raises(OSError):
        save_copy(p, dest)
    assert dest.read_bytes() == b"the old copy"
    assert leftovers(tmp_path) == []
    monkeypatch.undo()
    save_copy(p, dest)
    close_project(p)
    copy = open_project(dest, read_only=True)
    assert copy.info.title == "Source"
    close_project(copy)
    con = sqlite3.connect(dest)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()
    assert not os.path.exists(str(dest) + "-wal")


# `frontline replay` that stops after each frame handed to its sink until a line comes on stdin,
# so the test kills it with frames painted and the output not yet complete.
STEPPED_REPLAY = r"""
import sys
from desktop.render import video
for cls in (video.FfmpegSink, video.FolderSink):
    def stepped(self, img, _write=cls.write):
        _write(self, img)
        sys.stderr.write("frame\n"); sys.stderr.flush()
        sys.stdin.readline()
    cls.write = stepped
from desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def replay_cmd(out: Path) -> list[str]:
    from desktop.storage.project.sample import sample_path
    return ["replay", str(sample_path()), "-o", str(out), "--from", "2025-09-01", "--to", "2025-10-27",
            "--size", "160x96"]


@pytest.mark.parametrize("name", ["replay.mp4", "frames"])
@pytest.mark.parametrize("old", [False, True])
def test_a_replay_killed_part_way_leaves_the_output_as_it_was(tmp_path, name, old):
    out = tmp_path / name
    if old:  # the previous replay of that name
        r = subprocess.run([sys.executable, "-m", "desktop", *replay_cmd(out)], cwd=ROOT, capture_output=True,
                           text=True, timeout=300)
        assert r.returncode == 0, r.stderr
    before = snapshot(out)
    proc = subprocess.Popen([sys.executable, "-c", STEPPED_REPLAY, *replay_cmd(out)], cwd=ROOT,
                            stdin=subprocess.PIPE, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    frames = 0
    try:
        while frames < 3:
            line = proc.stderr.readline()
            assert line, "the replay ended before its third frame"
            if line.strip() == "frame":
                frames += 1
                if frames < 3:
                    proc.stdin.write("\n")
                    proc.stdin.flush()
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert snapshot(out) == before
    if not out.suffix:  # (a video's .part is ffmpeg's to make, in its own time)
        assert leftovers(tmp_path) == ["frames.part"]  # the frames it was painting
    r = subprocess.run([sys.executable, "-m", "desktop", *replay_cmd(out)], cwd=ROOT, capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert leftovers(tmp_path) == []
    assert out.exists() and (out.is_file() or len(list(out.glob("frame_*.png"))) == 9)


def snapshot(path: Path):
    if not path.exists():
        return None
    if path.is_file():
        return path.read_bytes()
    return {f.name: f.read_bytes() for f in sorted(path.iterdir())}


@pytest.mark.parametrize("name", ["replay.mp4", "frames"])
def test_a_cancelled_replay_leaves_the_old_output(qapp, tmp_path, name):
    from desktop.render.replay import replay_dates, write_replay
    from desktop.storage.project.sample import sample_path
    p = open_project(sample_path(), read_only=True)
    try:
        out = tmp_path / name
        dates = replay_dates(p, None, None, "month")[:4]
        assert write_replay(p, out, dates, "month", (160, 96), 4) == 4
        before = snapshot(out)
        # Cancelled after two frames of a shorter replay: nothing of it lands.
        assert write_replay(p, out, dates[:3], "month", (160, 96), 4, progress=lambda i, n: i < 2) == 2
        assert snapshot(out) == before and leftovers(tmp_path) == []
        # Complete: it replaces the old output whole (a folder loses the old replay's extra frame).
        assert write_replay(p, out, dates[:3], "month", (160, 96), 4) == 3
        assert snapshot(out) != before and leftovers(tmp_path) == []
        if name == "frames":
            assert sorted(f.name for f in out.iterdir()) == [f"frame_0000{i}.png" for i in (1, 2, 3)]
    finally:
        close_project(p)


@pytest.mark.parametrize("name", ["h.geojson", "h.kml", "sources.csv", "h.shp", "copy.gpkg"])
def test_an_export_stopped_part_way_leaves_the_old_file(tmp_path, monkeypatch, name):
    """Ctrl-C in the middle of an export: the old export stays, no .part is left."""
    from desktop.storage.exports import exporter
    from desktop.storage.project.sample import sample_path
    p = open_project(sample_path(), read_only=True)
    out = tmp_path / name
    exporter.export_project(p, out)
    before = {f.name: f.read_bytes() for f in tmp_path.iterdir()}
    real = os.replace

    def interrupted(src, dst):
        raise KeyboardInterrupt  # the moment before the rename into place
    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        exporter.export_project(p, out)
    monkeypatch.setattr(os, "replace", real)
    close_project(p)
    assert {f.name: f.read_bytes() for f in tmp_path.iterdir()} == before
