"""`frontline validate`: every problem of GeoJSON / KML (and CSV, GPKG) files, one line each.

It runs the same reading and checks as import, so what validate calls a warning is exactly what
import repairs and reports, and what it calls an error is what import rejects.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from .errors import InputError
from .readers import read_any
from .report import ERROR, Problem


def missing(path: Path) -> str | None:
    """Why `path` cannot be read as a file at all, or None."""
    if path.is_dir():
        return "is a folder, not a file"
    if not path.exists():
        return "no such file"
    return None


def validate_file(path: str | Path) -> list[Problem]:
    p = Path(path)
    why = missing(p)
    if why:
        return [Problem(ERROR, p.name, why)]
    try:
        return list(read_any(p).problems)
    except InputError as e:
        # Readers' messages start with the file's name or path; the problem line gives it already.
        msg = str(e)
        for head in (f"{p}: ", f"{p.name}: "):
            msg = msg.removeprefix(head)
        return [Problem(ERROR, p.name, msg)]


def validate_files(paths: Sequence[str | Path]) -> tuple[list[str], bool]:
    """(lines to print, has_errors)."""
    lines, errors = [], False
    for path in paths:
        problems = validate_file(path)
        n_err = sum(p.level == ERROR for p in problems)
        errors = errors or n_err > 0
        for p in problems:
            lines.append(f"{p.level}: {p.line()}")
        name = Path(path).name
        if not problems:
            lines.append(f"{name}: no problems")
        else:
            lines.append(f"{name}: {n_err} error(s), {len(problems) - n_err} warning(s)")
    return lines, errors
