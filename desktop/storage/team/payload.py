"""A change set as the change log keeps it: JSON holding each row as the GeoPackage encodes it
(`TableMap.to_row`, bytes as hex), enough to replay it anywhere (another session, a file)."""
from __future__ import annotations

import json
from typing import Any, Iterable

from desktop.model.changes import Change
from desktop.storage.project.schema import TABLE_MAPS

_BYTES = "$hex"


def _plain(v: Any) -> Any:
    return {_BYTES: v.hex()} if isinstance(v, (bytes, bytearray, memoryview)) else v


def _back(v: Any) -> Any:
    return bytes.fromhex(v[_BYTES]) if isinstance(v, dict) and _BYTES in v else v


def encode(changes: Iterable[Change]) -> str:
    out = []
    for c in changes:
        row = None
        if c.after is not None:
            row = {k: _plain(v) for k, v in TABLE_MAPS[c.table].to_row(c.id, c.after).items()}
        out.append({"table": c.table, "id": c.id, "after": row})
    return json.dumps({"changes": out}, ensure_ascii=False)


def decode(text: str) -> list[tuple[str, str, Any]]:
    """(model table, id, record after or None) of each change, in order."""
    out = []
    for c in json.loads(text)["changes"]:
        row = c["after"]
        rec = None
        if row is not None:
            _id, rec = TABLE_MAPS[c["table"]].from_row({k: _back(v) for k, v in row.items()})
        out.append((c["table"], c["id"], rec))
    return out


def keys(changes: Iterable[Change]) -> list[str]:
    """"table/id" of each row touched: the log indexes them (who deleted a row, and when)."""
    return sorted({f"{c.table}/{c.id}" for c in changes})
