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


def validate_file(path: str | Path) -> list[Problem]:
    try:
        return list(read_any(path).problems)
    except InputError as e:
        return [Problem(ERROR, Path(path).name, str(e))]


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
