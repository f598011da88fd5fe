"""What a command took from the zones around the one it edited: for the status bar.

An edit in clip-neighbours mode cuts its assessed neighbours (`edits.place_version`). The
analyst must hear which ones and how much: for each other zone whose shape the command changes,
the km² it lost on the first date of the edit's window that the zone had a shape (the cursor's
date, unless the neighbour only begins later in the window).
"""
from __future__ import annotations

from datetime import date

from desktop.model.commands import Command
from desktop.model.entities import ZoneVersion
from desktop.model.geodesy import area_km2
from desktop.model.messages import Message, joined
from desktop.model.project import Project


def clip_losses(project: Project, command: Command, edited: set[str] | frozenset[str],
                as_of: date) -> list[tuple[str, float, date]]:
    """(zone name, km² lost, on which date) for every zone not in `edited` that the command
    shrinks from `as_of` on, largest loss first; the date is `as_of` unless the zone's clipped
    version only begins later. `project` is the project before the command is applied."""
    before: dict[str, list[ZoneVersion]] = {}
    after: dict[str, list[ZoneVersion]] = {}
    for c in command.changes:
        if c.table != "versions":
            continue
        for row, into in ((c.before, before), (c.after, after)):
            if row is not None and row.zone_id not in edited:
                into.setdefault(row.zone_id, []).append(row)
    out = []
    for zid, rows in before.items():
        starts = [v.valid_from for v in rows if v.valid_to is None or v.valid_to > as_of]
        if not starts:
            continue  # only its past changed (not a clip)
        on = max(as_of, min(starts))
        was = next((v for v in rows if v.valid_on(on)), None)
        now = next((v for v in after.get(zid, []) if v.valid_on(on)), None)
        if was is None:
            continue
        lost = area_km2(was.geometry) - (area_km2(now.geometry) if now is not None else 0.0)
        if lost > 1e-6:
            zone = project.zones.get(zid)
            out.append((zone.name if zone else zid, lost, on))
    return sorted(out, key=lambda t: -t[1])


def describe_losses(losses: list[tuple[str, float, date]], as_of: date | None = None) -> str:
    """"clipped Northern Pokrovsk (−0.42 km²), Zone 3 (−0.01 km² from 2025-11-24)", or ""."""
    if not losses:
        return ""
    return Message("clipped {zones}", zones=joined(", ", (
        Message("{zone} (−{km2} km²)", zone=name, km2=_km2(km2)) if on == as_of
        else Message("{zone} (−{km2} km² from {date})", zone=name, km2=_km2(km2), date=on.isoformat())
        for name, km2, on in losses)))


def _km2(x: float) -> str:
    # Enough digits that a small clip does not read as nothing.
    return f"{x:,.2f}" if x >= 0.1 else f"{x:.3f}" if x >= 0.001 else f"{x:.1e}"
