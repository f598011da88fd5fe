"""Which file of a series is which day, and which files are set aside: planned before any
feature is parsed.

Archives of DeepState's history hold several revisions a day (one file per revision, named by
its Unix time); a series has one snapshot per day. So before reading, the files are sorted into
days and one revision of each day is kept: the last (the default: the picture the day ended
with) or the first (`keep="first"`). The others are set aside and counted in the report.

The rules:
- A file's day and time come from its name when the name has a date: a 10-digit Unix time
  (DeepState's revisions: `1704145957.geojson.gz`; its day is the UTC calendar day, as DeepState
  dates its revisions), or `YYYYMMDD` / `YYYY-MM-DD`, optionally with a UTC time
  (`20250106T2109Z`, `20250106T210908Z`).
- A name without a date: the file's own timestamp member (`date`, `deepstate_date`,
  `deepstate_snapshot_utc`, `snapshot_date`, `valid_from`), looked for in the text before its
  `"features"` (a few kB read, nothing parsed); only when it is not there is the whole file read
  for the members and the features' common `date`, as the import itself would find it.
- Two files of one day are ordered by their times (the name's, else the timestamp member's,
  read as above for those files only). What refuses the import, before anything is parsed: a
  file whose date cannot be found, and two revisions of one day that cannot be ordered (no time
  to tell them apart, or the same time).
The day from the name wins over the file's own member; the import notes a disagreement.
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Sequence

from desktop.storage.errors import InputError
from desktop.storage.imports.input_files import parse_date, read_limited
from desktop.storage.imports.options import KEEP_CHOICES, KEEP_LAST
from desktop.storage.imports.prepare import FILE_DATE_MEMBERS

# The members the import reads a file's date from, in its order.
DATE_MEMBERS = FILE_DATE_MEMBERS
HEAD_BYTES = 64 * 1024  # what is read of a file for its timestamp member
JSON_SUFFIXES = (".geojson", ".json", ".geojson.gz", ".json.gz", ".gz")

_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?:[T_ -]?(\d{2}):?(\d{2})(?::?(\d{2}))?Z)?(?!\d)")
_UNIX = re.compile(r"(?<!\d)(1\d{9})(?!\d)")
_MEMBER = re.compile(r'"(' + "|".join(DATE_MEMBERS) + r')"\s*:\s*"([^"]{10,40})"')


@dataclass(frozen=True)
class Dated:
    path: str | Path
    day: date
    time: datetime | None  # UTC; None when nothing says it
    source: str  # "name" or "file"

    @property
    def name(self) -> str:
        return Path(self.path).name


@dataclass
class SeriesPlan:
    kept: list[Dated]  # one a day, by day
    set_aside: list[Dated] = field(default_factory=list)
    keep: str = KEEP_LAST


def _utc(dt: datetime) -> datetime:
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)


def from_name(name: str) -> tuple[date, datetime | None] | None:
    """(day, UTC time or None) from a file name; None if the name has no date."""
    stem = Path(name).name
    m = _YMD.search(stem)
    if m:
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
            t = None
            if m[4]:
                t = datetime(day.year, day.month, day.day, int(m[4]), int(m[5]), int(m[6] or 0), tzinfo=timezone.utc)
            return day, t
        except ValueError:
            pass
    m = _UNIX.search(stem)
    if m:
        t = datetime.fromtimestamp(int(m[1]), tz=timezone.utc)
        return t.date(), t  # the UTC calendar day: DeepState's
    return None


def _time_of(value) -> datetime | None:
    if not isinstance(value, str) or len(value) <= 10:
        return None
    try:
        return _utc(datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
    except ValueError:
        return None


def _is_json(path: str | Path) -> bool:
    return str(path).lower().endswith(JSON_SUFFIXES)


def _head(path: str | Path) -> str:
    try:
        with open(path, "rb") as f:
            magic = f.read(2)
            f.seek(0)
            if magic == b"\x1f\x8b":
                with gzip.GzipFile(fileobj=f) as g:
                    data = g.read(HEAD_BYTES)
            else:
                data = f.read(HEAD_BYTES)
    except (OSError, EOFError) as e:
        raise InputError(f"{Path(path).name}: cannot read ({e})") from None
    return data.decode("utf-8", errors="replace")


def _member_in_head(path: str | Path) -> tuple[date, datetime | None] | None:
    """(day, time) of the first date member in the text before `"features"` (a file's head);
    None when there is none, or `"features"` is not in the head."""
    head = _head(path)
    cut = head.find('"features"')
    if cut < 0:
        return None
    found = {m[1]: m[2] for m in _MEMBER.finditer(head, 0, cut)}
    for k in DATE_MEMBERS:
        d = parse_date(found.get(k))
        if d:
            return d, _time_of(found[k])
    return None


def _from_whole_file(path: str | Path) -> tuple[date, datetime | None] | None:
    """As the import finds it: the file's date members, else its features' common `date`."""
    if _is_json(path):
        try:
            doc = json.loads(read_limited(path))
        except (ValueError, RecursionError):
            return None  # the import says what is wrong with it
        if not isinstance(doc, dict):
            return None
        for k in DATE_MEMBERS:
            d = parse_date(doc.get(k))
            if d:
                return d, _time_of(doc.get(k))
        feats = doc.get("features") if isinstance(doc.get("features"), list) else [doc]
        dates = {parse_date((f.get("properties") or {}).get("date")) if isinstance(f, dict) else None for f in feats}
        if len(dates) == 1 and None not in dates:
            return dates.pop(), None
        return None
    from desktop.storage.imports.prepare import file_date  # other formats: read as the import reads
    from desktop.storage.imports.readers import read_any
    d = file_date(read_any(path))
    return (d, None) if d else None


def _from_file(path: str | Path) -> tuple[date, datetime | None] | None:
    return (_member_in_head(path) if _is_json(path) else None) or _from_whole_file(path)


def plan_days(paths: Sequence[str | Path], keep: str = KEEP_LAST) -> SeriesPlan:
    """The files to read, one a day in day order, and those set aside. Raises InputError for a
    file without a date, or two revisions of one day that cannot be ordered."""
    if keep not in KEEP_CHOICES:
        raise InputError(f"keep {keep!r}: expected one of {', '.join(KEEP_CHOICES)}")
    dated: list[Dated] = []
    for p in paths:
        got = from_name(Path(p).name)
        dated.append(Dated(p, got[0], got[1], "name") if got else Dated(p, date.min, None, ""))
    for i, d in enumerate(dated):  # names without a date: the file's own timestamp
        if not d.source:
            got = _from_file(d.path)
            if got is None:
                raise InputError(f"{d.name}: no date for this snapshot (give a `date` property or member, or a "
                                 "YYYYMMDD or Unix timestamp in the file name); nothing imported")
            dated[i] = Dated(d.path, got[0], got[1], "file")
    by_day: dict[date, list[Dated]] = {}
    for d in dated:
        by_day.setdefault(d.day, []).append(d)
    kept: list[Dated] = []
    aside: list[Dated] = []
    for day in sorted(by_day):
        group = by_day[day]
        if len(group) > 1:
            group = [_with_file_time(d) if d.time is None else d for d in group]
            times = [d.time for d in group]
            if None in times or len(set(times)) < len(times):
                same = [d.name for d in group if d.time is None or times.count(d.time) > 1]
                why = "no time to tell which is later" if None in times else "the same time"
                raise InputError(f"two snapshots for {day.isoformat()}: {', '.join(same)} ({why}; keep one of "
                                 "them, or name each by its time: YYYYMMDDTHHMMZ or a Unix timestamp); "
                                 "nothing imported")
            group.sort(key=lambda d: d.time)
        kept.append(group[-1] if keep == KEEP_LAST else group[0])
        aside.extend(group[:-1] if keep == KEEP_LAST else group[1:])
    return SeriesPlan(kept, aside, keep)


def _with_file_time(d: Dated) -> Dated:
    """`d` with the time its timestamp member gives (its day stays), when a JSON file has one."""
    if not _is_json(d.path):
        return d
    try:
        found = _member_in_head(d.path)
    except InputError:
        return d
    if found and found[1] is not None and found[1].date() == d.day:
        return Dated(d.path, d.day, found[1], d.source)
    return d
