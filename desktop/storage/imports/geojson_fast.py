"""Reading the files of a series: geometries whose coordinates did not change are not parsed again.

Each `"coordinates"` array is cut out of the document as raw bytes before the JSON is parsed,
so the parser only builds the small skeleton (types, properties). A geometry whose bytes are the
same as in the previous file of the series is taken from it with the problems its check found,
replayed for this feature; only new coordinate arrays are parsed and checked. Anything unusual
(a "coordinates" member outside a geometry, a duplicate member, brackets that do not balance)
and the caller reads the file the ordinary way, so the result is always the same as without it.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from desktop.storage.imports.geojson_read import _Walker, load_json, parse_geojson, read_bytes
from desktop.storage.imports.report import ERROR
from desktop.storage.imports.memo import TwoSnapshotMemo
from desktop.storage.imports.input_files import MAX_VERTICES, ParsedFile

_COORDS = re.compile(rb'"coordinates"\s*:\s*\[')
_STEP = np.zeros(256, dtype=np.int8)  # "[" opens, "]" closes
_STEP[ord("[")], _STEP[ord("]")] = 1, -1


class GeometryMemo(TwoSnapshotMemo):
    """Checked geometries by their coordinate bytes, kept from one file to the next."""

    next_file = TwoSnapshotMemo.advance


def split_coordinates(data: bytes) -> tuple[bytes, dict[str, bytes]] | None:
    """The document with each coordinates array replaced by a marker string, and the arrays by
    marker; None when an array cannot be cut out cleanly (the caller then parses it all)."""
    nonce = os.urandom(6).hex()
    pieces: list[bytes] = []
    blobs: dict[str, bytes] = {}
    pos = 0
    for m in _COORDS.finditer(data):
        start = m.end() - 1
        if start < pos:
            return None
        # Coordinates hold no strings or objects: the array ends before the next '"' or '}'.
        stop = min((i for i in (data.find(b'"', start), data.find(b"}", start)) if i >= 0), default=len(data))
        # Usually the last "]" before the next member is the array's end; anything that is not
        # brackets and numbers in between and the brackets are counted one by one. (Either way
        # the array is parsed on its own later, so a wrong cut is an error, never a wrong value.)
        end = data.rfind(b"]", start, stop) + 1
        blob = data[start:end]
        if not end or b"{" in blob or blob.count(b"[") != blob.count(b"]"):
            arr = np.frombuffer(data[start:stop], dtype=np.uint8)
            closed = np.flatnonzero(np.cumsum(_STEP[arr], dtype=np.int32) == 0)
            if not len(closed):
                return None
            end = start + int(closed[0]) + 1
        marker = f"\x00{nonce}:{len(blobs)}"
        blobs[marker] = data[start:end]
        pieces.append(data[pos:start])
        pieces.append(b'"\\u0000' + marker[1:].encode() + b'"')
        pos = end
    pieces.append(data[pos:])
    return b"".join(pieces), blobs


_POLYGON_END = re.compile(rb"\]\s*\]\s*\]\s*,")


def _elements(blob: bytes) -> list[bytes] | None:
    """The top-level elements of a JSON array of arrays, as bytes; None if it is not one."""
    # Polygons in a MultiPolygon end in "]]]": when every piece cut there balances, each cut
    # was at the top level (a piece holding two elements fails to parse later, and falls back).
    inner = blob[1:-1]
    bounds = [-1] + [m.end() - 1 for m in _POLYGON_END.finditer(inner)] + [len(inner)]
    parts = [inner[a + 1:b].strip() for a, b in zip(bounds[:-1], bounds[1:])]
    if all(p.startswith(b"[") and p.count(b"[") == p.count(b"]") for p in parts):
        return parts
    arr = np.frombuffer(blob, dtype=np.uint8)
    depth = np.cumsum(_STEP[arr], dtype=np.int32)
    cuts = np.flatnonzero((arr == 44) & (depth == 1)).tolist()
    bounds = [0] + cuts + [len(blob) - 1]
    parts = [blob[a + 1:b].strip() for a, b in zip(bounds[:-1], bounds[1:])]
    return parts if all(p.startswith(b"[") for p in parts) else None


class _Fallback(Exception):
    pass


class _MemoWalker(_Walker):
    def __init__(self, name: str, blobs: dict[str, bytes], memo: GeometryMemo) -> None:
        super().__init__(name)
        self.blobs = blobs
        self.memo = memo
        self.used = 0
        self.tags: dict[int, str] = {}  # problem index -> its once-per-feature tag

    def _check_valid(self, poly: Any, where: str) -> bool:
        # Remembered so import's repair need not ask GEOS again (see `known_valid`).
        valid = super()._check_valid(poly, where)
        self.memo.current[("valid", id(poly))] = (poly, valid)
        return valid

    def warn(self, msg: str, where: str, once: str = "") -> None:
        if once:
            self.tags[len(self.out.problems)] = once
        super().warn(msg, where, once)

    def _coordinates(self, t: str, coords: Any, where: str) -> Any:
        blob = self.blobs.get(coords) if isinstance(coords, str) else None
        if blob is None:
            return super()._coordinates(t, coords, where)
        self.used += 1
        if self.transform is not None:
            return self._build(t, _loads(blob), where)
        hit = self.memo.get((t, blob))
        if hit is None and t == "MultiPolygon" and (parts := _elements(blob)) is not None and parts != [b""]:
            polys = []
            for i, part in enumerate(parts):
                p = self._checked(("Polygon", part), lambda: self._polygon(_loads(part), f"{where}/{i}"),
                                  f"{where}/{i}")
                if p is not None:
                    polys.append(p)
            if not polys:
                return None
            mp = shapely.multipolygons(polys)
            if all(known_valid(self.memo, p) for p in polys):
                self.memo.current[("parts valid", id(mp))] = (mp, True)
            return mp
        return self._checked((t, blob), lambda: self._build(t, _loads(blob), where), where, hit)

    def _checked(self, key: tuple, build, where: str, hit=None) -> Any:
        """The geometry for `key`, built with the feature's once-only flags cleared so its
        problems are all recorded, then reported through the ordinary channels."""
        if hit is None:
            hit = self.memo.get(key)
        if hit is None:
            flags, bad, n, vertices = self.flags, self.bad, len(self.out.problems), self.vertices
            self.flags, self.bad = set(), False
            geom = build()
            if self.out.fatal:
                return None
            found = [(p.level, p.message, p.where[len(where):], p.repairable, self.tags.get(n + k, ""))
                     for k, p in enumerate(self.out.problems[n:])]
            hit = (geom, found, self.vertices - vertices)
            del self.out.problems[n:]
            self.flags, self.bad, self.vertices = flags, bad, vertices
            self.memo.current[key] = hit
        geom, found, vertices = hit
        self.vertices += vertices
        if self.vertices > MAX_VERTICES:
            raise _Fallback  # the ordinary reader reports where
        for level, msg, suffix, repairable, once in found:
            if level == ERROR:
                self.err(msg, where + suffix, repairable)
            else:
                self.warn(msg, where + suffix, once)
        return geom


def known_valid(memo: GeometryMemo | None, geom: Any) -> bool:
    """Is `geom` (read through `memo`) known to be valid without asking GEOS again? A Polygon
    checked by the reader is; so is a MultiPolygon of such Polygons none of which even touch
    (the validity rules for a MultiPolygon are only about its parts meeting)."""
    if memo is None:
        return False
    hit = memo.get(("valid", id(geom)))
    if hit is not None and hit[0] is geom:
        return hit[1]
    hit = memo.get(("parts valid", id(geom)))
    if hit is None or hit[0] is not geom:
        return False
    parts = shapely.get_parts(geom)
    a, b = shapely.STRtree(parts).query(parts, predicate="intersects")
    shapely.destroy_prepared(parts)
    return bool((a == b).all())


def _loads(blob: bytes) -> list:
    try:
        value = json.loads(blob)
    except (ValueError, RecursionError):
        raise _Fallback from None
    if not isinstance(value, list):
        raise _Fallback
    return value


def read_geojson_with_memo(path: str | Path, memo: GeometryMemo) -> ParsedFile:
    """`geojson_read.read_geojson` for the files of one series: geometries whose coordinates are
    byte for byte those of the previous file are taken from `memo`, checks included."""
    name = Path(path).name
    data = read_bytes(path, name)
    if isinstance(data, ParsedFile):
        return data
    out = read_with_memo(data, name, memo)
    return out if out is not None else parse_geojson(data, name)


def read_with_memo(data: bytes | list[bytes], name: str, memo: GeometryMemo) -> ParsedFile | None:
    """The file read with `memo`, or None when it must be read the ordinary way. `data` may be
    a one-item list: it is then emptied as soon as the document is cut up, so a large file's
    bytes are not held beside its parsed skeleton (`readers.read_geojson_whole`)."""
    memo.next_file()
    held = data if isinstance(data, list) else [data]
    if held[0].startswith(b"\xef\xbb\xbf"):
        if data is held:
            return None  # (a held document with a BOM: the ordinary reader takes it whole)
        held = [held[0][3:]]
    split = split_coordinates(held[0])
    if split is None:
        return None
    if data is held:
        held.clear()
    skeleton, blobs = split
    del split
    obj, problem = load_json([skeleton], name)
    del skeleton
    if problem is not None:
        return None  # the ordinary reader says where the JSON is broken, in the real document
    w = _MemoWalker(name, blobs, memo)
    try:
        w.root(obj)
    except _Fallback:
        return None
    if w.used != len(blobs) or w.out.fatal:
        return None
    return w.out
