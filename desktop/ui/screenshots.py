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
    # The Ukrainian interface (README, "Українською"): the inspector and evidence on a zone, and
    # the sources dock with the change strip and chart's month names.
    "workspace_uk": ["--at", "2025-12-01", "--select", "Pokrovsk south of the railway"],
    "sources_uk": ["--at", "2025-11-17", "--panel", "sources"],
}
# The interface's language of a picture, when not English ($FRONTLINE_LANGUAGE: the CLI stays
# English and has no option for it).
LANGUAGE: dict[str, str] = {"workspace_uk": "uk", "sources_uk": "uk"}


def make(out: Path = OUT, names: list[str] | None = None) -> list[Path]:
    """Make the pictures `names` (all of SHOTS by default) into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "sample.gpkg"
        shutil.copyfile(sample_path(), project)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FRONTLINE_DATA_DIR=str(Path(tmp) / "data"),
                   XDG_CONFIG_HOME=str(Path(tmp) / "config"))
        for name, extra in SHOTS.items():
            if names is not None and name not in names:
                continue
            target = out / f"{name}.png"
            args = [sys.executable, "-m", "desktop", str(project), "--screenshot", str(target)]
            if "--size" not in extra:
                args += ["--size", "1600x1000"]
            shot_env = dict(env, FRONTLINE_LANGUAGE=LANGUAGE.get(name, "en"))
            subprocess.run(args + extra, check=True, env=shot_env)
            made.append(target)
    return made


if __name__ == "__main__":
    for p in make(names=sys.argv[1:] or None):
        print(p)
