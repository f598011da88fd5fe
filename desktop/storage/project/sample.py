"""The bundled sample project: where it is, and a copy of it to work on. No Qt here.

Nothing under `resources/` is ever opened for writing: the app opens a copy in the user's
data folder (DESIGN.md, "Command line").
"""
from __future__ import annotations

import os
from pathlib import Path
from desktop.resources import resource

from desktop.storage.project.projectfile import copy_file

SAMPLE_NAME = "pokrovsk_myrnohrad_2025.gpkg"
SAMPLE_TITLE = "Pokrovsk and Myrnohrad, autumn 2025"


def sample_path() -> Path:
    """The bundled sample file (read it, never write it)."""
    return resource("samples") / SAMPLE_NAME


def copy_sample_to(folder: str | os.PathLike, *, replace: bool = False) -> Path:
    """Copy the sample into `folder` and return the copy's path.

    An earlier copy may hold the analyst's own edits, so it is kept: unless `replace` is true
    the new copy gets the first free name "pokrovsk_myrnohrad_2025 (2).gpkg", "(3)"...
    """
    src = sample_path()
    dest_dir = Path(folder)
    dest = dest_dir / SAMPLE_NAME
    if not replace:
        n = 2
        while dest.exists():
            dest = dest_dir / f"{Path(SAMPLE_NAME).stem} ({n}).gpkg"
            n += 1
    else:
        for suffix in ("-wal", "-shm", "-journal"):
            Path(str(dest) + suffix).unlink(missing_ok=True)
    return copy_file(src, dest)
