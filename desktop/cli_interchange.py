"""`frontline import`, `export` and `validate`: argparse Namespaces in, exit codes out.

Errors in input raise `InputError` (the caller prints its one line and exits 1); the report of
an import and the problems found by validate go to stdout.
"""
from __future__ import annotations

import os
import sqlite3
import sys
from argparse import Namespace
from datetime import date
from pathlib import Path

from desktop.model.commands import CommandStack
from desktop.storage.errors import InputError


def _date(text: str | date | None) -> date | None:
    # argparse has already made a date of `--at`; callers from Python may pass the text.
    if text is None or isinstance(text, date):
        return text
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--at {text!r} is not a date (YYYY-MM-DD)") from None


def cmd_import(args: Namespace) -> int:
    from desktop.render import outputs
    from desktop.storage.formats import project_name_problem
    from desktop.storage.imports.importer import import_files
    from desktop.storage.imports.options import DEFAULT_ASSESSMENT
    from desktop.storage.project.projectfile import (close_project, create_project, move_into_place, open_project,
                                                     part_path, remove_with_side_files)
    from desktop.cli_progress import TerminalProgress
    from desktop.storage.imports.options import set_repair_budget
    from desktop.storage.imports.validate import missing
    # (a bad value: one line, exit 1; a Namespace made by hand may lack them)
    set_repair_budget(getattr(args, "repair_seconds", None), getattr(args, "repair_memory_mb", None))
    out = Path(args.output)
    for f in args.files:
        why = missing(Path(f))
        if why:
            raise InputError(f"{f}: {why}")
    if not out.parent.is_dir():
        raise InputError(f"{out}: cannot create (no such folder {out.parent})")
    why = project_name_problem(out, outputs.commands())  # -o x.geojson: a mistake, not a project
    if why:
        raise InputError(why)
    for f in args.files:
        if out.exists() and Path(f).resolve() == out.resolve():
            raise InputError(f"{f}: is the project being imported into; nothing imported")
    created = not out.exists()
    if created and not os.access(out.parent, os.W_OK | os.X_OK):
        raise InputError(f"{out}: cannot create (the folder {out.parent} is not writable)")
    # A new project is built as `<name>.part` beside the target and renamed into place once the
    # import is complete: a run killed or stopped part-way never leaves a project under the
    # final name (the next run removes the .part). An import into an existing project is one
    # transaction of that project.
    target = part_path(out) if created else out
    try:
        if created:
            remove_with_side_files(target)  # what a killed run left
        project = create_project(target, title=out.stem) if created else open_project(out)
    except (OSError, sqlite3.Error) as e:
        if created:
            remove_with_side_files(target)
        raise InputError(f"{out}: cannot {'create' if created else 'open'} the project file ({e})") from e
    if project.read_only:
        close_project(project)
        raise InputError(f"{out}: the project file is read-only (its permissions or its folder's); nothing imported")
    try:
        report = import_files(project, [Path(f) for f in args.files],
                              assessment=getattr(args, "assessment", None) or DEFAULT_ASSESSMENT,
                              status=getattr(args, "status", None), series=bool(getattr(args, "series", False)),
                              stack=CommandStack(project), keep=getattr(args, "keep", None) or "last",
                              progress=TerminalProgress("Import: step"))
        close_project(project)
        if created:
            if out.exists():  # made by someone else while we imported: never overwritten
                raise InputError(f"{out}: a file of that name appeared during the import; "
                                 f"nothing written")
            move_into_place(target, out)
    except BaseException:
        close_project(project)
        if created:  # a failed import leaves no half-made project behind
            remove_with_side_files(target)
        raise
    print("\n".join(report.lines()))
    return 0


def open_read_only(target: str):
    """The project to read: a file, or a team project by its postgresql:// URL."""
    from desktop.storage.team.any_project import open_any
    return open_any(target, read_only=True)


def _analyst(args: Namespace) -> str | None:
    """The name recorded with the edits: --analyst, else $FRONTLINE_ANALYST, else (None) the
    database role."""
    return getattr(args, "analyst", None) or os.environ.get("FRONTLINE_ANALYST") or None


def cmd_export(args: Namespace) -> int:
    from desktop.storage.exports.exporter import export_project
    from desktop.storage.project.projectfile import close_project
    at = _date(getattr(args, "at", None))
    if at is not None and getattr(args, "history", False):
        raise InputError("--at and --history exclude each other")
    project = open_read_only(str(args.project))
    try:
        print(export_project(project, Path(args.output), at))
    finally:
        close_project(project)
    return 0


def cmd_validate(args: Namespace) -> int:
    from desktop.storage.imports.options import set_repair_budget
    from desktop.storage.imports.validate import validate_files
    set_repair_budget(getattr(args, "repair_seconds", None), getattr(args, "repair_memory_mb", None))
    lines, errors = validate_files([Path(f) for f in args.files])
    sys.stdout.write("\n".join(lines) + "\n")
    return 1 if errors else 0


def cmd_pull(args: Namespace) -> int:
    """`frontline pull URL -o COPY.gpkg`: the team project as a GeoPackage to work in offline."""
    from desktop.storage.team.sync import display_name, pull
    out = pull(args.url, Path(args.output), analyst=_analyst(args), overwrite=bool(getattr(args, "force", False)))
    print(f"{out}: pulled from {display_name(args.url)}; edits made in it are logged for 'frontline push {out}'")
    return 0


def cmd_push(args: Namespace) -> int:
    """`frontline push COPY.gpkg [URL]`: offline edits back (exit 1 while conflicts stay in the
    copy), or `push FILE.gpkg URL`: a new team project from a project file."""
    from desktop.storage.team.sync import push
    how = "reapply" if getattr(args, "reapply", False) else "drop" if getattr(args, "drop_conflicts", False) else "keep"
    report = push(Path(args.file), getattr(args, "url", None), analyst=_analyst(args), on_conflict=how)
    print("\n".join(report.lines()))
    return 1 if report.conflicts and how != "drop" else 0
