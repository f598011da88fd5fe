"""Reading input bytes safely, and the neutral feature record every reader produces.

Limits turn run-away input (a gzip bomb, a 100,000-deep nesting, a billion vertices) into a
clear error instead of a hang or an out-of-memory kill.
"""
from __future__ import annotations

import gzip
import re
import zlib
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


def read_limited(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, gunzipped when it is gzip; InputError beyond `limit` bytes."""
    p = Path(path)
    try:
        with open(p, "rb") as f:
            head = f.read(2)
            f.seek(0)
            if head == b"\x1f\x8b":
                with gzip.GzipFile(fileobj=f) as g:
                    data = g.read(limit + 1)
            else:
                data = f.read(limit + 1)
    except (OSError, EOFError, zlib.error) as e:
        raise InputError(f"{p.name}: cannot read ({e})") from None
    if len(data) > limit:
        raise InputError(f"{p.name}: larger than {limit // 2**20} MB uncompressed; refused")
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
