"""`frontline stats`: km² per assessment and status per step."""
from __future__ import annotations

import argparse
import csv
import sys

from desktop.model.project import Project
from desktop.model.timeline import steps_between
from desktop.storage.project.projectfile import close_project, open_project


def stats_rows(project: Project, step: str) -> list[tuple[str, str, str, float]]:
    """(step's first day ISO, assessment name, status key, km²) for every step with data."""
    rng = project.date_range()
    if rng is None:
        return []
    names = {a.id: a.name for a in project.assessments.values()}
    rows = []
    for d in steps_between(rng[0], rng[1], step):
        # (An assessment the file lacks never gets here: opening keeps its zones out of view and
        # says so. Its id stands in for its name all the same.)
        for (aid, status), km2 in sorted(project.areas_at(d).items(),
                                         key=lambda kv: (names.get(kv[0][0], kv[0][0]), kv[0][1])):
            rows.append((d.isoformat(), names.get(aid, aid), status, km2))
    return rows


def cmd_stats(args: argparse.Namespace) -> int:
    project = open_project(args.project, read_only=True)
    try:
        rows = stats_rows(project, args.step)
    finally:
        close_project(project)
    if args.csv:
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["date", "assessment", "status", "km2"])
        for d, a, s, km2 in rows:
            w.writerow([d, a, s, f"{km2:.3f}"])
        return 0
    if not rows:
        print("no zones in this project")
        return 0
    width = max([len("assessment")] + [len(r[1]) for r in rows])
    print(f"{'date':<10}  {'assessment':<{width}}  {'status':<16}  {'km²':>12}")
    for d, a, s, km2 in rows:
        print(f"{d:<10}  {a:<{width}}  {s:<16}  {km2:>12,.2f}")
    return 0
