"""Reading a large GeoJSON FeatureCollection feature by feature, as its bytes arrive.

The whole document is never held, neither as bytes nor as parsed objects: the file (or the gzip
stream, inflated as it is read) is decoded a few MB at a time, each element of `features` is
parsed alone (`JSONDecoder.raw_decode` at its first character) and turned into a shapely geometry
by the ordinary walker (`geojson_read._Walker.member`) before the next one is read. Memory is
then the geometries plus one feature's objects, where parsing the document whole took about
twice the file (its text, then its cut-out coordinate arrays beside the geometries).

The result is the ordinary reader's, message for message: the members around `features` (type,
crs, bbox, name...) are checked by the same walker on the document with `features` emptied, and
its problems come first, as they do there. Anything this reader does not follow (JSON that does
not parse, text that is not UTF-8, a `crs` member after the features, a root that is not an
object, a gzip stream inflating like a bomb, one feature longer than `BIG_VALUE`) and it gives
up: the caller then reads the file the ordinary way, which says exactly what is wrong
(`readers.read_geojson_whole`). `validate`'s RFC 7946 check walks a large file the same way
(`stream_collection`). The files of a series are still read whole, through the memo that skips
unchanged shapes (`geojson_fast`).
"""
from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import Any, Callable

from desktop.storage.errors import InputError
from desktop.storage.imports.crs import crs_transformer
from desktop.storage.imports.geojson_read import _Walker, _no_constant, _pairs
from desktop.storage.imports.input_files import CHUNK, MAX_BYTES, SUSPECT_AFTER, SUSPECT_RATIO, ParsedFile, open_limited
from desktop.storage.imports.report import ERROR, Problem

READ = 4 * CHUNK  # bytes decoded at a time (at least)
_WS = re.compile(r"[ \t\n\r]*")  # JSON's whitespace (json.decoder.WHITESPACE)
# An error this close to the end of what was read may only mean the value goes on beyond it.
_NEAR_END = 32
# One feature longer than this (in characters) and the file is read the ordinary way, its
# coordinates cut out as bytes (`geojson_fast`): a feature parsed alone holds Python lists of its
# positions, about six times its text, so one giant shape costs less there.
BIG_VALUE = 32 * 2**20


class _GiveUp(Exception):
    """Not something this reader follows: read the file the ordinary way."""


class _Text:
    """The stream's text, decoded as it is read, and a cursor in it."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()  # (a BOM is dropped, as load_json does)
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.decoder_json = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_no_constant)

    def more(self, want: int | None = None) -> bool:
        """Keep what is left of the text and add at least `want` more bytes' worth (`READ`);
        False at the end."""
        if self.eof:
            return False
        want = READ if want is None else want
        parts = [self.buf[self.pos:]]
        got = 0
        compressed = getattr(self.stream, "compressed", None)
        try:
            while got < want:
                chunk = self.stream.read(CHUNK)
                if not chunk:
                    self.eof = True
                    parts.append(self.decoder.decode(b"", final=True))
                    break
                got += len(chunk)
                parts.append(self.decoder.decode(chunk))
                if compressed is not None and self.stream.count > SUSPECT_AFTER \
                        and self.stream.count > SUSPECT_RATIO * max(compressed.tell(), 1):
                    raise _GiveUp  # a bomb, perhaps: `input_files.drain` counts it without keeping it
        except UnicodeDecodeError:
            raise _GiveUp from None  # (the ordinary reader names the byte)
        self.buf = "".join(parts)
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character after whitespace ("" at the end), the cursor on it."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def expect(self, chars: str) -> str:
        c = self.peek()
        if not c or c not in chars:
            raise _GiveUp
        self.pos += 1
        return c

    def value(self) -> Any:
        """The JSON value at the cursor (after whitespace), parsed alone; the cursor after it."""
        self.peek()
        while True:
            try:
                value, end = self.decoder_json.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as e:
                incomplete = e.pos >= len(self.buf) - _NEAR_END or e.msg.startswith("Unterminated string")
                left = len(self.buf) - self.pos
                if not incomplete or left > BIG_VALUE or not self.more(max(READ, 2 * left)):
                    raise _GiveUp from None
                continue
            except (ValueError, RecursionError):
                raise _GiveUp from None
            # A value that ends where the text read so far ends may go on (a number cut in two).
            if end >= len(self.buf) and self.more():
                continue
            self.pos = end
            return value


def read_streamed(path: str | Path, limit: int | None = None) -> ParsedFile | None:
    """`geojson_read.read_geojson(path)` for a FeatureCollection, read one feature at a time; None
    when the file must be read the ordinary way (see the module's docstring). `limit`: the
    uncompressed bytes allowed (`input_files.MAX_BYTES`)."""
    name = Path(path).name
    try:
        with open_limited(path, MAX_BYTES if limit is None else limit) as stream:
            return _read(_Text(stream), name)
    except InputError as e:  # too large, unreadable: what `geojson_read.read_bytes` says
        out = ParsedFile(name, fatal=True)
        out.problems.append(Problem(ERROR, name, str(e).removeprefix(f"{name}: ")))
        return out
    except _GiveUp:
        return None


def _read(text: _Text, name: str) -> ParsedFile:
    features = _Walker(name)  # walks the features as they come

    def begin(before: dict) -> Callable[[int, Any], None]:
        if "crs" in before:
            try:
                features.transform = crs_transformer(before["crs"])
            except InputError:
                return lambda i, f: None  # the root is refused for its crs: the features are only parsed
        return features.member

    skeleton = _scan(text, begin)
    # The members around the features, checked as the ordinary walker checks them, first (a
    # root that is not a FeatureCollection is then read in full: `features` is only named there).
    collection = skeleton.get("type") == "FeatureCollection"
    root = _Walker(name)
    root.root(skeleton)
    out = root.out
    if out.fatal or not collection:
        return out
    out.problems.extend(features.out.problems)
    out.features = features.out.features
    out.fatal = features.out.fatal
    return out


def stream_collection(path: str | Path, begin: Callable[[dict], Callable[[int, Any], None]],
                      limit: int | None = None) -> dict | None:
    """The document of `path` with its `features` array emptied, each element of which was given
    alone, in order, to the callback `begin(the members before the array)` returned; None when it
    must be read the ordinary way (see the module's docstring; an InputError is raised)."""
    try:
        with open_limited(path, MAX_BYTES if limit is None else limit) as stream:
            return _scan(_Text(stream), begin)
    except _GiveUp:
        return None


def _scan(text: _Text, begin: Callable[[dict], Callable[[int, Any], None]]) -> dict:
    """The root object's members (`geojson_read._pairs`: duplicates noted), its features array
    emptied after each element was handed to the callback `begin` gave; _GiveUp if unusual."""
    pairs: list[tuple[str, Any]] = []
    streamed = False
    text.expect("{")
    if text.peek() == "}":
        raise _GiveUp  # (an empty object: nothing worth streaming)
    while True:
        if text.peek() != '"':
            raise _GiveUp
        key = text.value()
        text.expect(":")
        if key == "features" and not streamed and text.peek() == "[":
            streamed = True
            text.pos += 1
            _each_feature(text, begin(dict(pairs)))
            pairs.append((key, []))
        else:
            if key == "crs" and streamed:
                raise _GiveUp  # the features were read without the reprojection it may ask for
            pairs.append((key, text.value()))
        if text.expect(",}") == "}":
            break
    if text.peek() != "":
        raise _GiveUp  # something after the root: the ordinary reader says what
    if not streamed:
        raise _GiveUp  # no features array: nothing saved by reading this way
    return _pairs(pairs)


def _each_feature(text: _Text, take: Callable[[int, Any], None]) -> None:
    """Each element of the features array, parsed alone and handed to `take`; the cursor after
    the array's "]"."""
    if text.peek() == "]":
        text.pos += 1
        return
    i = 0
    while True:
        f = text.value()
        take(i, f)
        del f
        i += 1
        if text.expect(",]") == "]":
            return
