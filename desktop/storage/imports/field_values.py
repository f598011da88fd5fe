"""A record's fields read from a feature's properties, by its dataclass (`desktop.model.fields`).

Import reads every attribute field of a zone version or an observation under its export name,
so a field added to the model comes back from the files Frontline exported with no change here.
A value of the wrong kind is not guessed at: the field keeps its default, and both import and
`frontline validate` say so.
"""
from __future__ import annotations

from typing import Any

from desktop.model.fields import ATTRIBUTE, TIME, export_name, info, record_fields, value_type

from desktop.storage.imports.input_files import parse_date

_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0", "")


def date_properties(*classes: type) -> tuple[str, ...]:
    """The property names of the date fields of `classes` that a feature may carry."""
    names = [export_name(f) for cls in classes for f in record_fields(cls)
             if info(f).role in (ATTRIBUTE, TIME) and value_type(f) == "date"]
    return tuple(dict.fromkeys(names))


class Unreadable(ValueError):
    pass


def _value(kind: str, v: Any) -> Any:
    """`v` as a field of `kind` holds it; raises Unreadable."""
    if kind == "str":
        return v if isinstance(v, str) else str(v)
    if kind == "date":
        return parse_date(v)  # a bad date is reported (and kept) by the date checks
    if kind == "bool":
        if isinstance(v, bool):
            return v
        s = str(v).strip().lower()  # KML and CSV give text: "False" must not be true
        if s in _TRUE or s in _FALSE:
            return s in _TRUE
    elif kind == "int" and not isinstance(v, bool):
        try:
            f = float(v)
            if f == int(f):
                return int(f)
        except (TypeError, ValueError, OverflowError):
            pass
    elif kind == "float" and not isinstance(v, bool):
        try:
            return float(v)
        except (TypeError, ValueError):
            pass
    raise Unreadable(kind)


def read_fields(cls: type, props: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, Any, str]]]:
    """The attribute fields of `cls` that `props` gives (field name -> value), and the (property,
    value, kind) of those whose value cannot be one. An absent or empty property is not given:
    the field keeps its default."""
    values: dict[str, Any] = {}
    bad: list[tuple[str, Any, str]] = []
    for f in record_fields(cls):
        key, kind = export_name(f), value_type(f)
        v = props.get(key)
        if info(f).role != ATTRIBUTE or v is None or v == "" or kind in ("json", "bytes", "geometry"):
            continue
        try:
            values[f.name] = _value(kind, v)
        except Unreadable:
            bad.append((key, v, kind))
    return values, bad
