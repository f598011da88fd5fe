"""Import files into a project as one command (one undoable step, cancellable).

`plan_import` reads and checks every file, applies the assessed-tier rule, and computes one
`Command` without touching the project; the caller pushes it (`CommandStack.push`) or, when the
`progress` callback returned False, gets None and nothing changes.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Callable, Sequence

from desktop.model.changes import ChangeBuilder
from desktop.model.commands import Command
from desktop.model.edits import find_or_add_assessment
from desktop.model.entities import Zone, ZoneVersion, new_id
from desktop.model.project import Project

from .errors import InputError
from .overlap import resolve_overlaps
from .prepare import Item, Prepared, prepare
from .readers import read_any
from .report import ImportReport

Progress = Callable[[int, int], bool]
DEFAULT_ASSESSMENT = "Imported"


def _check_status(project: Project, status: str | None) -> None:
    if status is not None and status not in project.legend:
        raise InputError(f"--status {status!r} is not a legend key (legend keys: {', '.join(project.legend)})")


def read_and_prepare(project: Project, paths: Sequence[str | Path], report: ImportReport, *,
                     status: str | None, progress: Progress | None, total: int,
                     new_legend: dict) -> list[Prepared] | None:
    out = []
    for n, path in enumerate(paths):
        parsed = read_any(path)
        out.append(prepare(parsed, project.legend, report, status=status, new_legend=new_legend))
        report.files += 1
        if progress is not None and progress(n + 1, total) is False:
            report.cancelled = True
            return None
    return out


def _tier_of(project: Project, new_legend: dict) -> Callable[[str], str]:
    def tier(status: str) -> str:
        s = project.legend.get(status) or new_legend.get(status)
        return s.tier if s else "annotation"
    return tier


def plan_import(project: Project, paths: Sequence[str | Path], *, assessment: str = DEFAULT_ASSESSMENT,
                status: str | None = None, progress: Progress | None = None) -> tuple[Command | None, ImportReport]:
    """One command that adds the files' zones and observations to `assessment`."""
    _check_status(project, status)
    report = ImportReport()
    new_legend: dict = {}
    total = len(paths) + 1
    prepared = read_and_prepare(project, paths, report, status=status, progress=progress, total=total,
                                new_legend=new_legend)
    if prepared is None:
        return None, report
    b = ChangeBuilder(project)
    for key, st in new_legend.items():
        b.put("legend", key, st)
    aid = find_or_add_assessment(b, assessment, origin=", ".join(_text_name(p) for p in paths)[:200])
    existing = [v for v in project.versions.values() if project.zones[v.zone_id].assessment_id == aid]
    items = [it for p in prepared for it in p.items]
    _chain_versions(items, report)
    items = resolve_overlaps(items, _tier_of(project, new_legend), report, existing)
    _put_zones(b, items, aid, report)
    for p in prepared:
        for o in p.observations:
            b.put("observations", o.id, o)
            report.observations += 1
    if progress is not None and progress(total, total) is False:
        report.cancelled = True
        return None, report
    label = f"Import {Path(paths[0]).name}" if len(paths) == 1 else f"Import {len(paths)} files"
    return Command(label, b.build(), tuple(report.messages)), report


def _chain_versions(items: list[Item], report: ImportReport) -> None:
    """Features of one file sharing a `zone_id` are that zone's history: a version left open
    (no valid_to) or running past the next one's start ends where the next begins, as an edit
    on the map would end it. Otherwise the later shape overlapped the earlier in place and time
    and was dropped as lying inside it, and the zone kept its old status."""
    groups: dict[tuple[str, str], list[Item]] = {}
    for it in items:
        if it.group:
            groups.setdefault((it.file, it.group), []).append(it)
    for (_, zone), versions in groups.items():
        versions.sort(key=lambda it: (it.valid_from, it.index))
        for prev, nxt in zip(versions, versions[1:]):
            if prev.valid_from < nxt.valid_from and (prev.valid_to is None or prev.valid_to > nxt.valid_from):
                was = prev.valid_to.isoformat() if prev.valid_to else "open"
                prev.valid_to = nxt.valid_from
                report.note(f"{prev.label()}: valid_to {was} -> {nxt.valid_from.isoformat()}, where the next "
                            f"version of zone {zone} starts ({nxt.label()})")


def _put_zones(b: ChangeBuilder, items: list[Item], aid: str, report: ImportReport) -> None:
    """Zones and versions; features sharing a file's `zone_id` become versions of one zone."""
    zones: dict[tuple[str, str], tuple[str, list[ZoneVersion]]] = {}
    for it in items:
        key = (it.file, it.group) if it.group else (it.file, f"#{it.index}")
        if key not in zones:
            zid = new_id()
            b.put("zones", zid, Zone(zid, it.name or f"{it.status} {it.index}", aid, it.extra))
            zones[key] = (zid, [])
            report.zones += 1
        zid, versions = zones[key]
        if any(v.overlaps_time(it.valid_from, it.valid_to) for v in versions):
            report.skipped += 1
            report.note(f"{it.label()}: its dates overlap another version of zone {it.group}; skipped")
            continue
        vid = new_id()
        v = ZoneVersion(vid, zid, it.geometry, it.status, it.valid_from, it.valid_to, it.approximate,
                        it.recorded_on, it.confidence, it.notes)
        versions.append(v)
        b.put("versions", vid, v)
        report.versions += 1


def import_files(project: Project, paths: Sequence[str | Path], *, assessment: str = DEFAULT_ASSESSMENT,
                 status: str | None = None, series: bool = False, stack=None,
                 progress: Progress | None = None) -> ImportReport:
    """Plan and apply (through `stack` when given, so it can be undone). Raises InputError."""
    if series:
        from .series import plan_series
        cmd, report = plan_series(project, paths, assessment=assessment, status=status, progress=progress)
    else:
        cmd, report = plan_import(project, paths, assessment=assessment, status=status, progress=progress)
    if cmd is not None and cmd.changes:
        if stack is not None:
            stack.push(cmd)
        else:
            project.apply(cmd.changes)
    return report




def _text_name(path) -> str:
    """A file's name as text the project file can hold: a name that is not valid UTF-8 (bytes
    from another system's encoding) keeps its readable part, the rest shown as U+FFFD."""
    raw = os.fsencode(Path(path).name)
    return raw.decode("utf-8", errors="replace")
