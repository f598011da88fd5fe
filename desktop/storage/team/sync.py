"""Between a team project and files: open either by one name, pull a copy, push it back, and the
conflict rule's helpers (naming a row, rebasing a change set, the partition check).

A pulled copy is a plain project file that remembers its origin (`offline_log`); the edits made
in it are logged as change sets and pushed in order through `TeamStore.write`, under the same
optimistic rule as a live edit: an entry built on a row someone changed meanwhile is refused,
named in the report, and kept in the log for the analyst to drop or reapply.

Qt-free.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from desktop.model.changes import Change, ChangeSet
from desktop.model.project import Project
from desktop.storage.errors import InputError
from desktop.storage.project.projectfile import (close_project, create_project, move_into_place, open_project,
                                                 part_path, remove_with_side_files)
import desktop.storage.team.offline_log as offline_log
from desktop.storage.team.any_project import display_name, open_any  # noqa: F401 - re-exported
from desktop.storage.team import (ConflictError, create_team_project, is_team_url, open_team_project,
                                  parse_team_url)
# An overlap that grows by more than OVERLAP_DEG2 (about 8 m² at 48°N) is a real one, not a shared
# border's noise; slivers a file already had (an import's) are not this edit's doing. The server's
# check (partition.unseen_overlaps) uses the same.
from desktop.storage.team.partition import OVERLAP_DEG2


# -- opening by path or URL --------------------------------------------------------------------
# -- naming rows (reports, the conflict dialog) --------------------------------------------------
def row_name(project: Project, table: str, record: Any, row_id: str = "") -> str:
    """A row as an analyst knows it: a zone by its name, a version by its zone and first day."""
    if record is None:
        return row_id
    if table == "versions":
        zone = project.zones.get(record.zone_id)
        return f"{zone.name if zone else record.zone_id} from {record.valid_from.isoformat()}"
    if table == "info":
        return "project settings"
    if table == "legend":
        return getattr(record, "label", "") or row_id
    if table == "sources":
        return record.outlet + (f": {record.title}" if record.title else "")
    if table == "quotes":
        text = record.text
        return f"“{text[:40]}…”" if len(text) > 40 else f"“{text}”"
    if table == "evidence":
        return f"link {row_id}"
    for attr in ("name", "filename", "kind"):
        value = getattr(record, attr, "")
        if value:
            return str(value)
    return row_id


def conflict_line(project: Project, conflict: Any) -> str:
    """One conflict, named: table, row, whose edit and when."""
    record = conflict.theirs if conflict.theirs is not None else conflict.mine_before
    name = row_name(project, conflict.table, record, conflict.id)
    what = "deleted" if conflict.theirs is None else "added" if conflict.mine_before is None else "changed"
    by = conflict.by or "someone"
    when = conflict.at
    at = f" at {when:%Y-%m-%d %H:%M:%S}" if hasattr(when, "strftime") else f" at {when}" if when else ""
    return f"{conflict.table} '{name}': {what} by {by}{at}"


# -- reapplying on top --------------------------------------------------------------------------
def on_top(mine_before: Any, mine_after: Any, now: Any) -> Any:
    """My edit of one row made again on the row as it is now: the fields I changed take my
    values, the others keep theirs (they set the confidence, I wrote the notes: both stay). A row
    I added or deleted, or one that is gone now, is simply my after."""
    if (mine_before is None or mine_after is None or now is None or type(now) is not type(mine_after)
            or not dataclasses.is_dataclass(now)):
        return mine_after
    mine = {f.name: getattr(mine_after, f.name) for f in dataclasses.fields(mine_after)
            if getattr(mine_before, f.name) != getattr(mine_after, f.name)}
    return dataclasses.replace(now, **mine) if mine else now


def rebase(changes: Iterable[Change], current: Callable[[str, str], Any]) -> ChangeSet:
    """The same edit over the rows as they are now (`current(table, id)`): each change's
    `before` becomes the current row and its after my fields on top of it (`on_top`); changes
    that would now change nothing are dropped."""
    out = []
    for c in ChangeSet(changes).compact():
        now = current(c.table, c.id)
        after = on_top(c.before, c.after, now)
        if now == after or (now is None and after is None):
            continue
        out.append(Change(c.table, c.id, now, after))
    return ChangeSet(out)


def partition_problems(project: Project, changes: ChangeSet) -> list[str]:
    """Why `changes`, applied to `project` as it is, would break the partition (two assessed
    zones of one assessment overlapping at some date) or a zone's own history (two versions at
    once), one line each; [] when both hold."""
    after: dict[tuple[str, str], Any] = {(c.table, c.id): c.after for c in changes}

    def zone(zid: str) -> Any:
        return after[("zones", zid)] if ("zones", zid) in after else project.zones.get(zid)

    versions = dict(project.versions)
    for (t, i), rec in after.items():
        if t == "versions":
            if rec is None:
                versions.pop(i, None)
            else:
                versions[i] = rec
    assessed = {k for k, s in project.legend.items() if s.tier == "assessed"}
    touched = [v for (t, _), v in after.items() if t == "versions" and v is not None]
    problems: list[str] = []
    for v in touched:
        z = zone(v.zone_id)
        if z is None:
            continue
        for o in versions.values():
            if o.id == v.id or not o.overlaps_time(v.valid_from, v.valid_to):
                continue
            if o.zone_id == v.zone_id:  # both of us edited the zone as of a date
                day = max(o.valid_from, v.valid_from).isoformat()
                problems.append(f"zone '{z.name}' would have two versions on {day}")
                continue
            if v.status not in assessed or o.status not in assessed:
                continue
            oz = zone(o.zone_id)
            if oz is None or oz.assessment_id != z.assessment_id or not o.geometry.intersects(v.geometry):
                continue
            old_v, old_o = project.versions.get(v.id), project.versions.get(o.id)
            was = (old_v.geometry.intersection(old_o.geometry).area
                   if old_v is not None and old_o is not None else 0.0)
            if o.geometry.intersection(v.geometry).area > was + OVERLAP_DEG2:  # a new overlap, not an old sliver
                problems.append(f"zone '{z.name}' from {v.valid_from.isoformat()} would overlap "
                                f"zone '{oz.name}' from {o.valid_from.isoformat()}")
    return list(dict.fromkeys(problems))  # a pair both touched is named once


# -- pull ---------------------------------------------------------------------------------------
def _position(store: Any) -> str:
    for attr in ("log_position", "position", "last_seen"):
        value = getattr(store, attr, None)
        if value is not None:
            return str(value() if callable(value) else value)
    return ""


def pull(url: str, dest: str | os.PathLike, *, analyst: str | None = None, overwrite: bool = False) -> Path:
    """Take a team project offline: a GeoPackage at `dest` with every row, remembering where it
    came from. All or nothing (written as `<name>.part`, renamed into place)."""
    out = Path(dest)
    if out.exists() and not overwrite:
        raise InputError(f"{out}: file exists; choose another name")
    if not out.parent.is_dir():
        raise InputError(f"{out}: cannot create (no such folder {out.parent})")
    server = open_team_project(url, read_only=True, analyst=analyst)
    tmp = part_path(out)
    remove_with_side_files(tmp)
    try:
        origin = offline_log.Origin(parse_team_url(url).display, parse_team_url(url).project, _position(server.storage))
        copy = create_project(tmp, server.info.title, overwrite=True)
        try:
            rows = [Change(t, i, copy.table(t).get(i), r) for t, i, r in server.iter_all()]
            # The new file's default legend entries the team project does not have go.
            rows += [Change("legend", k, s, None) for k, s in copy.legend.items() if k not in server.legend]
            copy.apply(ChangeSet(rows), notify=False)
            offline_log.mark_pulled(copy.storage.con, origin)
        finally:
            close_project(copy)
        move_into_place(tmp, out)
    except BaseException:
        remove_with_side_files(tmp)
        raise
    finally:
        close_project(server)
    return out


# -- push ---------------------------------------------------------------------------------------
@dataclass
class PushReport:
    target: str
    applied: int = 0
    created: bool = False
    # (log entry, lines naming each conflicting row) for the entries that stayed in the log
    conflicts: list[tuple[int, list[str]]] = field(default_factory=list)
    dropped: int = 0
    reapplied: int = 0
    refused: list[str] = field(default_factory=list)  # reapply refused (the partition), one line each

    def lines(self, *, cli: bool = True) -> list[str]:
        """The report, one line each. `cli=False` (a window) leaves out how to resolve the
        conflicts with the command's options: the window asks with buttons instead."""
        if self.created:
            return [f"{self.target}: team project created ({self.applied} rows)"]
        out = [f"{self.target}: {self.applied} change set(s) went in"
               + (f", {self.reapplied} reapplied on top" if self.reapplied else "")
               + (f", {len(self.conflicts)} conflicted" if self.conflicts else "")]
        for seq, named in self.conflicts:
            for line in named:
                out.append(f"  conflict (offline edit {seq}): {line}")
        out += [f"  not reapplied: {line}" for line in self.refused]
        if self.conflicts and cli:
            out.append("  conflicted edits stay in the copy: push again with --reapply to put them on top, "
                       "or --drop-conflicts to drop them")
        if self.dropped:
            out.append(f"  {self.dropped} conflicted offline edit(s) dropped")
        return out


def push_file(path: str | os.PathLike, url: str, *, analyst: str | None = None) -> PushReport:
    """Create a team project at `url` from a plain project file."""
    project = open_project(path, read_only=True)
    try:
        create_team_project(url, project, analyst=analyst)
        return PushReport(parse_team_url(url).display, applied=sum(1 for _ in project.iter_all()), created=True)
    finally:
        close_project(project)


def push(path: str | os.PathLike, url: str | None = None, *, analyst: str | None = None,
         on_conflict: str = "keep") -> PushReport:
    """`frontline push`: a pulled copy's offline edits onto its team project (or `url`), or, for a
    plain file with `url`, a new team project from it."""
    copy = open_project(path)
    try:
        origin = offline_log.origin_of(copy.storage.con)
        if origin is None:
            if url is None:
                raise InputError(f"{path}: not a copy pulled from a team project; to make a team project of it: "
                                 "frontline push FILE postgresql://HOST/DB?project=NAME")
            close_project(copy)
            return push_file(path, url, analyst=analyst)
        if copy.read_only:
            raise InputError(f"{path}: the copy is read-only; its offline edits cannot be marked as pushed")
        return push_log(copy, url or origin.url, analyst=analyst, on_conflict=on_conflict)
    finally:
        close_project(copy)


def push_log(copy: Project, url: str, *, analyst: str | None = None, on_conflict: str = "keep",
             progress: Callable[[int, int], None] | None = None) -> PushReport:
    """Replay the log of the open copy `copy` onto `url`, in order. Each entry that goes in leaves
    the log at once (a push cut short never replays one twice); a conflicted one is kept
    ("keep"), dropped ("drop") or rebased on the server's rows and retried ("reapply", refused
    where it would break the partition)."""
    con = copy.storage.con
    report = PushReport(parse_team_url(url).display)
    server = open_team_project(url, analyst=analyst)
    try:
        if server.read_only:  # the server's GRANTs: this role reads only
            raise InputError(f"{report.target}: your database role may not edit this team project; "
                             "nothing pushed (the offline edits stay in the copy)")
        todo = offline_log.entries(con)
        for n, entry in enumerate(todo):
            if progress is not None:
                progress(n, len(todo))
            try:
                server.apply(entry.changes, notify=False)  # writer: TeamStore.write
                report.applied += 1
                offline_log.remove(con, [entry.seq])
                continue
            except ConflictError as e:
                conflicts = list(e.conflicts)
            if on_conflict == "drop":
                report.dropped += 1
                offline_log.remove(con, [entry.seq])
                report.conflicts.append((entry.seq, [conflict_line(server, c) for c in conflicts]))
                continue
            if on_conflict == "reapply" and _reapply(server, entry.changes, conflicts, report):
                offline_log.remove(con, [entry.seq])
                continue
            report.conflicts.append((entry.seq, [conflict_line(server, c) for c in conflicts]))
    finally:
        close_project(server)
    return report


def catch_up(project: Project) -> ChangeSet:
    """Others' change sets since the last call, put into memory (listeners told)."""
    store = project.storage
    remote = store.pending_remote() if store is not None and hasattr(store, "pending_remote") else ChangeSet()
    if remote:
        project.load_changes(remote)
        for listener in list(project.listeners):
            listener(remote)
    return remote


def _reapply(server: Project, changes: ChangeSet, conflicts: list, report: PushReport) -> bool:
    catch_up(server)
    theirs = {(c.table, c.id): c.theirs for c in conflicts}

    def current(t: str, i: str) -> Any:
        return theirs[(t, i)] if (t, i) in theirs else server.table(t).get(i)
    rebased = rebase(changes, current)
    problems = partition_problems(server, rebased)
    if problems:
        report.refused += problems
        return False
    try:
        server.apply(rebased, notify=False)
    except ConflictError:
        return False  # changed again meanwhile: stays in the log
    report.reapplied += 1
    return True
