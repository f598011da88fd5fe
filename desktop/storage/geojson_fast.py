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
from typing import Any

import numpy as np

from .geojson_read import _Walker, load_json
from .report import ERROR
from .sources import MAX_VERTICES, ParsedFile

_COORDS = re.compile(rb'"coordinates"\s*:\s*\[')


class GeometryMemo:
    """Checked geometries by their coordinate bytes, kept from one file to the next."""

    def __init__(self) -> None:
        self.previous: dict = {}
        self.current: dict = {}

    def next_file(self) -> None:
        self.previous, self.current = self.current, {}

    def get(self, key):
        hit = self.current.get(key)
        if hit is None:
            hit = self.previous.get(key)
            if hit is not None:
                self.current[key] = hit
        return hit


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
        quote = data.find(b'"', start)  # coordinates hold no strings: the array ends before it
        window = data[start:quote if quote >= 0 else len(data)]
        arr = np.frombuffer(window, dtype=np.uint8)
        depth = np.cumsum((arr == 91).astype(np.int32) - (arr == 93))
        closed = np.flatnonzero(depth == 0)
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


class _MemoWalker(_Walker):
    def __init__(self, name: str, blobs: dict[str, bytes], memo: GeometryMemo) -> None:
        super().__init__(name)
        self.blobs = blobs
        self.memo = memo
        self.used = 0
        self.fallback = False

    def _coordinates(self, t: str, coords: Any, where: str) -> Any:
        blob = self.blobs.get(coords) if isinstance(coords, str) else None
        if blob is None:
            return super()._coordinates(t, coords, where)
        self.used += 1
        key = (t, blob) if self.transform is None else None
        hit = self.memo.get(key) if key is not None else None
        # A feature's once-only warnings depend on its earlier geometries: the memo serves (and
        # learns from) only a feature's first geometry.
        first = not self.flags
        if hit is not None and first and self.vertices + hit[2] <= MAX_VERTICES:
            geom, problems, vertices, flags = hit
            self.vertices += vertices
            self.flags |= flags
            for level, msg, suffix, repairable in problems:
                if level == ERROR:
                    self.err(msg, where + suffix, repairable)
                else:
                    self.out.problems.append(self._warning(msg, where + suffix))
            return geom
        try:
            value = json.loads(blob)
        except (ValueError, RecursionError):
            value = None
        if not isinstance(value, list):
            self.fallback = True  # not an array of numbers after all: parse the whole file
            return None
        n_problems, n_vertices, flags = len(self.out.problems), self.vertices, set(self.flags)
        geom = self._build(t, value, where)
        if key is not None and first and not self.out.fatal:
            problems = [(p.level, p.message, p.where[len(where):], p.repairable)
                        for p in self.out.problems[n_problems:]]
            self.memo.current[key] = (geom, problems, self.vertices - n_vertices, self.flags - flags)
        return geom

    def _warning(self, msg: str, where: str):
        from .report import WARNING, Problem
        return Problem(WARNING, self.name, msg, self.feature, self.fid, where, True)


def read_with_memo(data: bytes, name: str, memo: GeometryMemo) -> ParsedFile | None:
    """The file read with `memo`, or None when it must be read the ordinary way."""
    memo.next_file()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    split = split_coordinates(data)
    if split is None:
        return None
    skeleton, blobs = split
    obj, problem = load_json(skeleton, name)
    if problem is not None:
        return None  # the ordinary reader says where the JSON is broken, in the real document
    w = _MemoWalker(name, blobs, memo)
    w.root(obj)
    if w.fallback or w.used != len(blobs):
        return None
    return w.out
