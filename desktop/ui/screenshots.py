"""`make screenshots`: the README's pictures, made from the bundled sample with `--screenshot`.

Each picture is one run of the real command line, offscreen, on a fresh copy of the sample, so
what the README shows is what `make run` opens.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from desktop.resources import resource

from desktop.storage.project.sample import sample_path

OUT = resource("screenshots")

# name -> extra arguments
SHOTS: dict[str, list[str]] = {
    "workspace": ["--at", "2025-12-01"],
    "evidence": ["--at", "2025-12-01", "--select", "Pokrovsk south of the railway", "--panel", "evidence"],
    "replay": ["--at", "2025-11-17", "--panel", "changes"],
    "presentation": ["--at", "2025-12-01", "--presentation", "--size", "1600x900"],
    # Contested ground at presentation size: the grey zone north of the railway must read
    # against the town's grey built-up area.
    "contested": ["--at", "2025-12-01", "--select", "Northern Pokrovsk", "--presentation", "--size", "1600x900"],
}


def make(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "sample.gpkg"
        shutil.copyfile(sample_path(), project)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FRONTLINE_DATA_DIR=str(Path(tmp) / "data"),
                   XDG_CONFIG_HOME=str(Path(tmp) / "config"))
        for name, extra in SHOTS.items():
            target = out / f"{name}.png"
            args = [sys.executable, "-m", "desktop", str(project), "--screenshot", str(target)]
            if "--size" not in extra:
                args += ["--size", "1600x1000"]
            subprocess.run(args + extra, check=True, env=env)
            made.append(target)
    return made


if __name__ == "__main__":
    for p in make():
        print(p)
