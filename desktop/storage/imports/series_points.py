"""The points of a snapshot series as lasting observations: one per thing seen, not one per file.

A mapping project's snapshot repeats every unit, airfield and arrow it still shows, day after
day. A point seen in consecutive snapshots is one observation valid over `[first seen, gone)`;
one that moves, is renamed or changes kind goes on as a new version of the same observation
(`Observation.track_id`); one no longer shown ends on the date of the first snapshot without
it, as a zone does. Those still shown by the last snapshot last through its day.

Identity across snapshots, in this order (DeepState's points carry no id of their own):
1. the same kind, name and position: the same observation, unchanged;
2. the same kind and name within `MOVE_DEGREES`: the nearest pairs first (several arrows share
   one name): a move;
3. the same position: a rename or a new kind.
Anything left is a new observation. Each step compares dictionaries of the snapshot's few hundred
points, so a snapshot costs O(its points), not O(what the project holds).
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Callable

import shapely

from desktop.model.changes import ChangeBuilder
from desktop.model.entities import Observation, new_id
from desktop.model.project import Project

from desktop.storage.imports.provenance import FileSources

# How far (degrees, either axis) a point may move between two snapshots and still be the same
# named thing: a unit relocating, an arrow redrawn. Farther, it is a new observation.
MOVE_DEGREES = 0.5


def _xy(o: Observation) -> tuple[float, float] | None:
    """A point's position; None for lines and multi-points (matched by their exact shape only)."""
    g = o.geometry
    return (g.x, g.y) if g.geom_type == "Point" else None


def _wkbs(points: list[Observation]) -> list[bytes]:
    """Each observation's shape as WKB (`.wkb`), in one call for the snapshot."""
    return shapely.to_wkb([o.geometry for o in points]).tolist() if points else []


class SamePoints:
    """Hands back the previous snapshot's observation for a point that has not changed (the same
    kind, name and shape), so the snapshots read hold each point once, not once per file: the
    archive's 200,000 points are about 5,000 things, and the child process that reads half the
    files pickles a shared object once. (`PointTracks` matches by the same key, so which of the
    equal observations a snapshot holds makes no difference to the import.)"""

    def __init__(self) -> None:
        self.previous: dict[tuple, list[Observation]] = {}
        self.taken: dict[tuple, int] = {}
        # (kind, name, id of the geometry) -> (the geometry, its key in `previous`)
        self.by_object: dict[tuple, tuple[object, tuple]] = {}
        self._key_of: dict[int, tuple[Observation, tuple]] = {}  # id(observation) -> (it, its key)

    def known(self, kind: str, name: str, geometry) -> Observation | None:
        """The previous snapshot's observation of this point (one not handed out yet for this
        file: a snapshot may show two equal points), or None. `prepare` asks, so a point seen
        before is not made again."""
        # The reader hands back the very geometry object for coordinates that did not change
        # (`GeometryMemo`): found by it without writing WKB, which is what most points cost.
        hit = self.by_object.get((kind, name, id(geometry)))
        k = hit[1] if hit is not None and hit[0] is geometry else (kind, name, geometry.wkb)
        before = self.previous.get(k)
        n = self.taken.get(k, 0)
        if before is None or n >= len(before):
            return None
        self.taken[k] = n + 1
        return before[n]

    def __call__(self, points: list[Observation]) -> list[Observation]:
        """The file's observations, each equal one the previous snapshot's object; what the
        next file's points are looked up in."""
        self.taken = {}
        out = list(points)
        keys: list[tuple | None] = [None] * len(out)
        used: set[int] = set()  # ids of the previous snapshot's objects this one holds
        todo = []
        for i, o in enumerate(out):  # the previous objects `known` handed out: keys known
            hit = self._key_of.get(id(o))
            if hit is not None and hit[0] is o and id(o) not in used:
                keys[i] = hit[1]
                used.add(id(o))
            else:
                todo.append(i)
        for i, wkb in zip(todo, _wkbs([out[i] for i in todo])):
            o = out[i]
            keys[i] = k = (o.kind, o.name, wkb)
            same = next((c for c in self.previous.get(k, ()) if id(c) not in used), None)
            if same is not None:
                out[i] = same
                used.add(id(same))
        current: dict[tuple, list[Observation]] = defaultdict(list)
        for o, k in zip(out, keys):
            current[k].append(o)
        self.previous = current
        self._key_of = {id(o): (o, k) for o, k in zip(out, keys)}
        self.by_object = {(k[0], k[1], id(os[0].geometry)): (os[0].geometry, k) for k, os in current.items()}
        return out


class PointTracks:
    """The observations of one assessment's series, snapshot by snapshot."""

    def __init__(self, project: Project, b: ChangeBuilder, aid: str, first: date | None,
                 sources: FileSources) -> None:
        self.b = b
        self.sources = sources
        self.aid = aid
        self.made = 0  # observation records made (first versions and later ones)
        self.ended = 0
        # Shown by the previous snapshot: id -> record (its `valid_to` is set when it ends).
        self.current: dict[str, Observation] = {}
        self._wkb: dict[str, bytes] = {}
        # id(point read) -> (that point, the observation it is): the previous snapshot's points
        self._source: dict[int, tuple[Observation, str]] = {}
        self.last: date | None = None
        # A series imported before into this assessment: the points its last snapshot showed go on.
        mine = [o for o in project.observations.values() if o.assessment_id == aid and o.valid_to is not None]
        if mine and first is not None:
            end = max(o.valid_to for o in mine)
            if first >= end - timedelta(days=1):
                self.current = {o.id: o for o in mine if o.valid_to == end}
                self.last = end - timedelta(days=1)

    def _key(self, o: Observation) -> bytes:
        k = self._wkb.get(o.id)
        if k is None:
            k = self._wkb[o.id] = o.geometry.wkb
        return k

    def apply(self, d: date, points: list[Observation], quote) -> None:
        """Match the snapshot of `d`'s observations to those the previous one showed. `quote()`:
        the snapshot file's quote, which supports the observations (and versions) it starts."""
        if self.last is not None and d <= self.last:
            return  # the day the series imported before ended on, again: what it shows is there
        old = self.current
        nxt: dict[str, Observation] = {}
        rest: list[Observation] = []
        # The very object read for a point of the previous snapshot (`SamePoints`) is that
        # point again: it goes on as the observation it went on as then, no WKB compared.
        source, self._source = self._source, {}
        for p in points:
            hit = source.get(id(p))
            if hit is not None and hit[0] is p and hit[1] in old:
                nxt[hit[1]] = old.pop(hit[1])
                self._source[id(p)] = hit
            else:
                rest.append(p)
        if rest and old:
            by_exact: dict[tuple, list[str]] = defaultdict(list)
            for oid, o in old.items():
                by_exact[(o.kind, o.name, self._key(o))].append(oid)
            unmatched = []
            for p, wkb in zip(rest, _wkbs(rest)):
                ids = by_exact.get((p.kind, p.name, wkb))
                if ids:
                    oid = ids.pop()
                    nxt[oid] = old.pop(oid)
                    self._source[id(p)] = (p, oid)
                else:
                    unmatched.append(p)
            rest = unmatched
        if rest and old:
            rest = self._continue(d, old, nxt, rest, quote, lambda o: (o.kind, o.name), MOVE_DEGREES)
        if rest and old:
            rest = self._continue(d, old, nxt, rest, quote, lambda o: _xy(o), 0.0)
        for p in rest:
            oid = new_id()  # (a point read may be the same object in several snapshots: `SamePoints`)
            o = p.with_(id=oid, date=d, valid_to=None, assessment_id=self.aid, track_id=oid)
            nxt[o.id] = o
            self._source[id(p)] = (p, oid)
            self._start(o, quote)
        for o in old.values():  # not shown any more: ends on this snapshot's date
            self._close(o, d)
            self.ended += 1
        self.current = nxt
        self.last = d

    def _continue(self, d: date, old: dict[str, Observation], nxt: dict[str, Observation],
                  rest: list[Observation], quote, group, radius: float) -> list[Observation]:
        """Pair new points with old ones of the same `group` (kind and name, or position), nearest
        pairs first within `radius` degrees; each pair is a new version. Returns the unpaired."""
        olds: dict = defaultdict(list)
        for o in old.values():
            if (k := group(o)) is not None and _xy(o) is not None:
                olds[k].append(o)
        pairs = []
        for n, p in enumerate(rest):
            k = group(p)
            cands = olds.get(k) if k is not None else None
            if not cands or _xy(p) is None:
                continue
            px, py = _xy(p)
            for o in cands:
                ox, oy = _xy(o)
                dist = max(abs(px - ox), abs(py - oy))
                if dist <= radius:
                    pairs.append((dist, n, o.id))
        if not pairs:
            return rest
        pairs.sort(key=lambda t: (t[0], t[1]))
        used: set[int] = set()
        for _, n, oid in pairs:
            if n in used or oid not in old:
                continue
            used.add(n)
            prev = old.pop(oid)
            self._close(prev, d)
            p = rest[n]
            nv = p.with_(id=new_id(), date=d, valid_to=None, assessment_id=self.aid,
                         track_id=prev.track_id or prev.id)
            nxt[nv.id] = nv
            self._source[id(p)] = (p, nv.id)
            self._start(nv, quote)
        return [p for n, p in enumerate(rest) if n not in used]

    def _start(self, o: Observation, quote: Callable[[], str]) -> None:
        """A new observation, or version: the snapshot that shows it first supports it."""
        self.made += 1
        self.sources.link(o.id, quote())

    def _close(self, o: Observation, end: date) -> None:
        self._wkb.pop(o.id, None)
        self.b.put("observations", o.id, o.with_(valid_to=end))

    def finish(self) -> None:
        """The observations the last snapshot showed last through its day. (Those started by
        this import are open until now, `valid_to` None, so each is written here or on its end.)"""
        if self.last is not None:
            end = self.last + timedelta(days=1)
            for o in self.current.values():
                if o.valid_to != end:
                    self.b.put("observations", o.id, o.with_(valid_to=end))

