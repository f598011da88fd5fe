"""Reading input bytes safely, and the neutral feature record every reader produces.

Limits turn run-away input (a gzip bomb, a 100,000-deep nesting, a billion vertices) into a
clear error instead of a hang or an out-of-memory kill.
"""
from __future__ import annotations

import gzip
import io
import re
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from shapely.geometry.base import BaseGeometry

from desktop.storage.errors import InputError

MAX_BYTES = 512 * 1024 * 1024  # uncompressed input per file
MAX_VERTICES = 20_000_000  # per file
MAX_DEPTH = 200  # JSON/XML nesting


@dataclass
class RawFeature:
    """One feature as read from any format, before it becomes a zone or an observation."""
    index: int
    fid: Any
    geometry: BaseGeometry | None
    properties: dict[str, Any]
    where: str = ""
    begin: date | None = None  # KML TimeSpan/TimeStamp
    end: date | None = None


@dataclass
class ParsedFile:
    path: str
    features: list[RawFeature] = field(default_factory=list)
    problems: list = field(default_factory=list)  # list[report.Problem]
    meta: dict[str, Any] = field(default_factory=dict)  # collection-level members (name, date...)
    fatal: bool = False  # the file as a whole could not be read

    @property
    def name(self) -> str:
        return Path(self.path).name


CHUNK = 1 << 20  # bytes read (and inflated) at a time


def too_large(limit: int) -> str:
    return f"larger than {limit // 2**20} MB uncompressed; refused"


class LimitedStream:
    """A binary stream read in chunks whose total is counted as the bytes arrive: InputError
    the moment it passes `limit`, whatever a header said. Memory is one chunk at a time (the
    inflater's own read size included), never the whole input twice."""

    def __init__(self, raw, limit: int, name: str, message: str | None = None) -> None:
        self.raw = raw
        self.limit = limit
        self.name = name
        self.message = message or too_large(limit)
        self.count = 0
        self.compressed = None  # (gzip: the file underneath, see `drain`)

    def read(self, n: int = CHUNK) -> bytes:
        n = CHUNK if n is None or n < 0 else min(n, CHUNK)
        try:
            data = self.raw.read(n)
        except (OSError, EOFError, zlib.error) as e:
            raise InputError(f"{self.name}: cannot read ({e})") from None
        self.count += len(data)
        if self.count > self.limit:
            raise InputError(f"{self.name}: {self.message}")
        return data

    def chunks(self):
        while True:
            data = self.read(CHUNK)
            if not data:
                return
            yield data


def _gzip_claims_too_much(f, limit: int) -> bool:
    """A gzip file's trailer gives its (last member's) size modulo 4 GiB: a claim above the
    limit is believed (the file is too large, or lies), a smaller one is not trusted."""
    try:
        f.seek(-4, 2)
        isize = int.from_bytes(f.read(4), "little")
    except OSError:
        return False
    finally:
        f.seek(0)
    return isize > limit


@contextmanager
def open_limited(path: str | Path, limit: int = MAX_BYTES):
    """The file as a `LimitedStream`, gunzipped as it is read when it is gzip (its `compressed`
    attribute is then the file underneath, whose position says how much was inflated from)."""
    p = Path(path)
    try:
        f = open(p, "rb")
    except OSError as e:
        raise InputError(f"{p.name}: cannot read ({e})") from None
    with f:
        try:
            head = f.read(2)
            f.seek(0)
        except OSError as e:
            raise InputError(f"{p.name}: cannot read ({e})") from None
        if head == b"\x1f\x8b":
            if _gzip_claims_too_much(f, limit):
                raise InputError(f"{p.name}: larger than {limit // 2**20} MB uncompressed by its gzip trailer "
                                 "(or cut short); refused")
            with gzip.GzipFile(fileobj=f) as g:
                stream = LimitedStream(g, limit, p.name)
                stream.compressed = f
                yield stream
        else:
            yield LimitedStream(f, limit, p.name)


# A gzip input inflating past SUSPECT_AFTER bytes at more than SUSPECT_RATIO times its compressed
# bytes (GeoJSON compresses 5-15 times; a bomb a thousand) is counted to its end before it is
# kept: a bomb is then refused at the cost of a chunk, an honest file read a second time.
SUSPECT_AFTER = 64 * 2**20
SUSPECT_RATIO = 60


def drain(stream: LimitedStream) -> bytes | None:
    """Everything left in `stream` as one bytes object, built in place (`BytesIO.getvalue` hands
    over its buffer without copying it): the peak is the data, not the data twice. None when the
    stream looked like a bomb and turned out not to be one: the caller reads it again."""
    buf = io.BytesIO()
    compressed = getattr(stream, "compressed", None)
    for chunk in stream.chunks():
        buf.write(chunk)
        if compressed is not None and stream.count > SUSPECT_AFTER \
                and stream.count > SUSPECT_RATIO * max(compressed.tell(), 1):
            buf = None
            for _ in stream.chunks():  # counted, not kept: InputError at the limit
                pass
            return None
    return buf.getvalue()


def read_limited(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, gunzipped when it is gzip; InputError beyond `limit` bytes (counted as
    they are inflated: a gzip bomb costs a few chunks of memory, not the limit)."""
    with open_limited(path, limit) as stream:
        data = drain(stream)
    if data is None:  # highly compressed but within the limit: read again, kept this time
        with open_limited(path, limit) as stream:
            stream.compressed = None
            data = drain(stream)
    return data


_YMD = re.compile(r"(?<!\d)(20\d{2}|19\d{2})-?(\d{2})-?(\d{2})(?!\d)")
_UNIX = re.compile(r"(?<!\d)(1\d{9})(?!\d)")


def date_from_name(name: str) -> date | None:
    """A `YYYYMMDD` (or `YYYY-MM-DD`) or a 10-digit Unix timestamp in a file name."""
    stem = Path(name).name
    m = _YMD.search(stem)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    m = _UNIX.search(stem)
    if m:
        return datetime.fromtimestamp(int(m[1]), tz=timezone.utc).date()
    return None


def parse_date(value: Any) -> date | None:
    """ISO dates and date-times ("2025-12-01", "2025-12-01T21:09:08Z"); None if not a date."""
    if isinstance(value, date):
        return value if not isinstance(value, datetime) else value.date()
    if not isinstance(value, str):
        return None
    s = value.strip()
    if len(s) >= 10:
        try:
            return date.fromisoformat(s[:10])
        except ValueError:
            return None
    return None
