"""The partition rule on the server: a change set must not make an assessed zone overlap one this
session has never seen.

The row-by-row before-check catches two analysts editing the same rows. It cannot catch two
analysts drawing (or growing) *different* zones over the same ground: neither touches the other's
rows, each clipped the neighbours it knew, and both would go in, leaving two assessed zones of
one assessment overlapping. Nor an offline copy's new zone pushed over one drawn online
meanwhile. So, inside the writing transaction, after the rows are written and with the
assessments locked (one writer per assessment at a time, so two such edits cannot both pass),
each assessed version the change set writes is compared with the server's other assessed
versions of the same assessment and dates: an overlap the change set makes grow (by more than
OVERLAP_DEG2, a shared border's noise) refuses it as a conflict naming whose zone it met. The
model's own edits clip the zones they know, so only rows the edit was not built on can trip
it; slivers that were there before (an import's) do not, as they do not grow.

Qt-free.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

import psycopg
import shapely
from psycopg import sql

from desktop.model.project import Project
from desktop.storage.team.tables import PG_TABLES, SRID

# An overlap that grows by more than this (about 8 m² at 48°N) is a real one.
OVERLAP_DEG2 = 1e-9

# The server's assessed versions of the given assessments meeting the given shapes, except the
# rows the change set itself writes.
_CANDIDATES = """{key} IN (
    SELECT o.id FROM {versions} o JOIN {zones} z ON z.id = o.zone_id
      JOIN unnest(%(aids)s::text[], %(wkbs)s::bytea[]) AS m(aid, wkb) ON m.aid = z.assessment_id
     WHERE o.status = ANY(%(assessed)s) AND NOT (o.id = ANY(%(mine)s))
       AND ST_Intersects(o.geom, ST_GeomFromWKB(m.wkb, {srid})))"""


def _end(a: Any, b: Any) -> Any:
    """The end of the time two versions share (None: open)."""
    ends = [e for e in (a.valid_to, b.valid_to) if e is not None]
    return min(ends) if ends else None


def _lock_key(schema: str, assessment_id: str) -> str:
    return f"frontline assessment {schema}/{assessment_id}"


def unseen_overlaps(con: psycopg.Connection, schema: str, project: Project, keys: list[tuple[str, str]],
                    before: dict[tuple[str, str], Any], after: dict[tuple[str, str], Any]
                    ) -> list[tuple[str, Any, str | None, datetime | None]]:
    """(id, record, recorded_by, server_time) of each server version that the versions the
    change set writes (`before` -> `after`) would overlap more than they did. Takes the
    assessments' locks (held to the commit); call after the rows are written, in the same
    transaction."""
    assessed = sorted(k for k, s in project.legend.items() if s.tier == "assessed")
    mine: list[Any] = []
    for t, i in keys:
        v = after[(t, i)]
        if t != "versions" or v is None or v.status not in assessed:
            continue
        zone = after.get(("zones", v.zone_id), project.zones.get(v.zone_id))
        if zone is not None:
            mine.append((v, before.get((t, i)), zone.assessment_id))
    if not mine:
        return []
    for aid in sorted({aid for _v, _b, aid in mine}):  # a stable order: never a cycle between writers
        con.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (_lock_key(schema, aid),))
    pt = PG_TABLES["versions"]
    where = sql.SQL(_CANDIDATES).format(
        key=sql.Identifier(pt.key), versions=sql.Identifier(schema, pt.name),
        zones=sql.Identifier(schema, PG_TABLES["zones"].name), srid=sql.Literal(SRID))
    with con.cursor(binary=True) as cur:
        cur.execute(pt.select_sql(schema, where), {
            "aids": [aid for _v, _b, aid in mine], "wkbs": [shapely.to_wkb(v.geometry) for v, _b, _aid in mine],
            "assessed": assessed, "mine": [i for t, i in keys if t == "versions"]})
        rows = pt.records(cur.fetchall())
    out = []
    for oid, o, by, at in rows:
        # (A zone this session has never seen is of one of `mine`'s assessments: the query says so.)
        oz = after.get(("zones", o.zone_id), project.zones.get(o.zone_id))
        for v, old, aid in mine:
            if v.zone_id == o.zone_id or not o.overlaps_time(v.valid_from, v.valid_to):
                continue
            if oz is not None and oz.assessment_id != aid:
                continue
            # What the zone overlapped before, at those dates: an edit as of a date splits a
            # version, and the new part keeps the old one's slivers.
            was = max((w.geometry.intersection(o.geometry).area for w in [old, *project.versions_of(v.zone_id)]
                       if w is not None and w.overlaps_time(max(v.valid_from, o.valid_from), _end(v, o))),
                      default=0.0)
            if v.geometry.intersection(o.geometry).area > was + OVERLAP_DEG2:
                out.append((oid, o, by, at))
                break
    return out
