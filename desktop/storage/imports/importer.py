"""Import files into a project as one command (one undoable step, cancellable).

`plan_import` reads and checks every file, applies the assessed-tier rule, and computes one
`Command` without touching the project; the caller pushes it (`CommandStack.push`) or, when the
`progress` callback returned False, gets None and nothing changes.
"""
from __future__ import annotations

import os
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import shapely

from desktop.model.changes import ChangeBuilder
from desktop.model.commands import Command
from desktop.model.entities import Zone, ZoneVersion, new_id
from desktop.model.project import Project

from desktop.storage.imports.evidence_merge import EvidenceMerge, FileEvidence, collect, feature_targets
from desktop.storage.imports.overlap import resolve_overlaps
from desktop.storage.imports.prepare import Item, Prepared, prepare
from desktop.storage.imports.readers import read_any
from desktop.storage.imports.options import KEEP_LAST, Progress, check_status
from desktop.storage.imports.provenance import FileSources, ZoneNamer, resolve_assessment, zone_word
from desktop.storage.imports.report import ImportReport
from desktop.storage.imports.series import plan_series



def read_and_prepare(project: Project, paths: Sequence[str | Path], report: ImportReport, *,
                     status: str | None, progress: Progress | None, total: int,
                     new_legend: dict, evidence: list[FileEvidence | None] | None = None) -> list[Prepared] | None:
    """Each file read and prepared; `evidence` (when given) gets what each carries of its own
    sources, quotes and links (None for a file with none, almost every file not Frontline's)."""
    out = []
    for n, path in enumerate(paths):
        parsed = read_any(path)
        out.append(prepare(parsed, project.legend, report, status=status, new_legend=new_legend))
        if evidence is not None:
            evidence.append(None if out[-1].deepstate else collect(parsed, path, report))
        del parsed
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


def plan_import(project: Project, paths: Sequence[str | Path], *, assessment: str | None = None,
                status: str | None = None, progress: Progress | None = None) -> tuple[Command | None, ImportReport]:
    """One command that adds the files' zones and observations to `assessment` (None: chosen
    by what the files are, see `provenance.assessment_name`), each file a source whose quote
    supports the versions it produced."""
    check_status(project, status)
    report = ImportReport()
    new_legend: dict = {}
    total = len(paths) + 1
    carried: list[FileEvidence | None] = []
    prepared = read_and_prepare(project, paths, report, status=status, progress=progress, total=total,
                                new_legend=new_legend, evidence=carried)
    if prepared is None:
        return None, report
    b = ChangeBuilder(project)
    for key, st in new_legend.items():
        b.put("legend", key, st)
    items = [it for p in prepared for it in p.items]
    ds = [p.deepstate for p in prepared]
    aid = resolve_assessment(b, assessment, deepstate=bool(ds) and all(ds), any_deepstate=any(ds),
                             statuses={it.status for it in items},
                             origin=", ".join(_text_name(p) for p in paths)[:200])
    existing = [v for v in project.versions.values() if project.zones[v.zone_id].assessment_id == aid]
    _note_unlikely(project, items, report)
    _chain_versions(items, report)
    items = resolve_overlaps(items, _tier_of(project, new_legend), report, existing)
    sources = FileSources(b)
    files = {p.file: p for p in prepared}

    def quote_of(file: str) -> str:  # made for a file when its first version is
        p = files[file]
        return sources.quote_for(file, deepstate=p.deepstate, publisher=p.publisher, published=p.file_date)
    legend = {**project.legend, **new_legend}
    namer = ZoneNamer(b, aid, lambda st, ds: zone_word(st, legend, ds))
    # A feature that says what backs it (a Frontline export's or project's) gets that evidence,
    # not its file's "Map data" quote: importing an export gives back the project's evidence.
    named = Counter(p.file for p in prepared)
    for n, fe in enumerate(carried):
        if fe is not None and named[fe.file] > 1:  # items know their file by its name only
            report.note(f"{fe.file}: another file of this import has the same name; its sources, quotes and "
                        "links are left out (import it on its own to bring them)")
            carried[n] = None
    by_file = {fe.file: fe for fe in carried if fe is not None}
    made = _put_zones(b, items, aid, report, namer, sources, quote_of,
                      carries=lambda file, index: file in by_file and by_file[file].carries(index))
    for p in prepared:
        for n, o in enumerate(p.observations):
            if not o.assessment_id:  # the points of a file belong to the assessment its zones go to
                o = p.observations[n] = o.with_(assessment_id=aid)
            b.put("observations", o.id, o)
            report.observations += 1
    if by_file:
        merge = EvidenceMerge(b, report)
        for p, fe in zip(prepared, carried):
            if fe is None:
                continue
            if len(p.observations) != len(fe.observation_features):
                report.note(f"{p.file}: the observations could not be told apart from the features; "
                            "their evidence is left out")
            merge.merge(fe, feature_targets(fe, made.get(p.file, {}), (o.id for o in p.observations)))
        merge.count()
    if progress is not None and progress(total, total) is False:
        report.cancelled = True
        return None, report
    label = f"Import {Path(paths[0]).name}" if len(paths) == 1 else f"Import {len(paths)} files"
    return Command(label, b.build(), tuple(report.messages)), report


def _note_unlikely(project: Project, items: list[Item], report: ImportReport) -> None:
    """Warn of what is valid but probably a mistake: a zone dated in the future, or lying far
    outside the project's area of interest (most often longitude and latitude swapped). Kept:
    the analyst decides."""
    today = date.today()
    for it in items:
        if it.valid_from > today:
            report.note(f"{it.label()}: valid_from {it.valid_from.isoformat()} is in the future; kept (check the date)")
    aoi = project.info.aoi
    if aoi is None or not items:
        return
    w, s, e, n = aoi
    mx, my = (e - w), (n - s)  # a margin of the area's own size all round
    near = shapely.box(w - mx, s - my, e + mx, n + my)
    geoms = np.array([it.geometry for it in items], dtype=object)
    for it, ok, g in zip(items, shapely.intersects(geoms, near).tolist(), geoms):
        if ok:
            continue
        area = f"the project's area of interest ({w:g}, {s:g}, {e:g}, {n:g})"
        if shapely.transform(g, lambda xy: xy[:, ::-1]).intersects(near):
            report.note(f"{it.label()}: longitude and latitude look swapped (it lies far outside {area}, "
                        "and would lie in it swapped); kept")
        else:
            report.note(f"{it.label()}: lies far outside {area}; kept")


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
        for it in versions:
            # The next later start (parts sharing a start date all end there).
            nxt = next((o for o in versions if o.valid_from > it.valid_from), None)
            if nxt is not None and (it.valid_to is None or it.valid_to > nxt.valid_from):
                was = it.valid_to.isoformat() if it.valid_to else "open"
                it.valid_to = nxt.valid_from
                report.note(f"{it.label()}: valid_to {was} -> {nxt.valid_from.isoformat()}, where the next "
                            f"version of zone {zone} starts ({nxt.label()})")


def _put_zones(b: ChangeBuilder, items: list[Item], aid: str, report: ImportReport, namer: ZoneNamer,
               sources: FileSources, quote_of: Callable[[str], str],
               carries: Callable[[str, int], bool] = lambda file, index: False) -> dict[str, dict[int, list[str]]]:
    """Zones and versions; features sharing a file's `zone_id` become versions of one zone. A
    zone is named by its feature's name, else "<status> <n>"; its file's quote supports each
    version, unless its feature `carries` evidence of its own. Returns the versions made, by
    file and feature index."""
    made: dict[str, dict[int, list[str]]] = {}
    zones: dict[tuple[str, str], tuple[str, list[ZoneVersion]]] = {}
    for it in items:
        key = (it.file, it.group) if it.group else (it.file, f"#{it.index}")
        if key not in zones:
            zid = new_id()
            b.put("zones", zid, Zone(zid, it.name.strip() or namer(it.status, it.deepstate), aid, it.extra))
            zones[key] = (zid, [])
            report.zones += 1
        zid, versions = zones[key]
        if any(v.overlaps_time(it.valid_from, it.valid_to) for v in versions):
            report.skipped += 1
            report.note(f"{it.label()}: its dates overlap another version of zone {it.group}; skipped")
            continue
        vid = new_id()
        v = ZoneVersion(**it.attrs, id=vid, zone_id=zid, geometry=it.geometry, status=it.status,
                        valid_from=it.valid_from, valid_to=it.valid_to)
        versions.append(v)
        b.put("versions", vid, v)
        made.setdefault(it.file, {}).setdefault(it.index, []).append(vid)
        if not carries(it.file, it.index):
            sources.link(vid, quote_of(it.file))
        report.versions += 1
    return made


def import_files(project: Project, paths: Sequence[str | Path], *, assessment: str | None = None,
                 status: str | None = None, series: bool = False, stack=None,
                 progress: Progress | None = None, keep: str = KEEP_LAST) -> ImportReport:
    """Plan and apply (through `stack` when given, so it can be undone). Raises InputError.
    `keep`: in a series, which revision of a day is kept (the last, or the first)."""
    if series:
        cmd, report = plan_series(project, paths, assessment=assessment, status=status, progress=progress,
                                  keep=keep)
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
