"""A record's fields, declared once: on its dataclass.

The attribute list of a record is `dataclasses.fields` of its class. The few facts a field needs
beyond its name, type and default sit in the field's metadata (`meta(...)`), and everything that
used to keep its own list reads them from here: equality and change compaction (`record_key`),
zone edits (`version_fields`, `in_place_fields`), import and export (`exported_fields`), and the
project file's columns (storage builds them from `dataclasses.fields` with these defaults).

So a new field is one line in the dataclass. Give it a default: files written before it existed
are read with that default, and gain the column (filled with it) on their first writable open.
"""
from __future__ import annotations

import dataclasses
from dataclasses import MISSING, Field, dataclass
from functools import cache
from typing import Any

from shapely.geometry.base import BaseGeometry

# The part a field plays; what edits, import and export do with it follows from it.
IDENTITY = "identity"  # ids and references: never edited in place, exported under `export_as`
SHAPE = "shape"  # the geometry: a feature's geometry in exports, not one of its properties
TIME = "time"  # valid_from / valid_to: moved by their own edits, not carried to a new version
EXTRA = "extra"  # imported properties the model has no field for: exported back as they came
ATTRIBUTE = "attribute"  # everything else (the default): carried by edits, exported, imported


@dataclass(frozen=True)
class FieldInfo:
    role: str = ATTRIBUTE
    # False where a change must go through its own edit (a zone's status may clip neighbours,
    # so only `edit_zone` as of a date changes it; `set_version_fields` refuses it).
    in_place: bool = True
    export_as: str | None = None  # the property / column name in exports, when not the field's
    exported: bool = True
    # Exported only when it differs from its default (how `approximate` has always been written).
    sparse: bool = False


_KEY = "frontline"
_PLAIN = FieldInfo()


def meta(**kwargs: Any) -> dict[str, FieldInfo]:
    """Metadata for `dataclasses.field(metadata=meta(...))`."""
    return {_KEY: FieldInfo(**kwargs)}


def info(f: Field) -> FieldInfo:
    return f.metadata.get(_KEY, _PLAIN)


@cache
def record_fields(cls: type) -> tuple[Field, ...]:
    return dataclasses.fields(cls)


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in record_fields(cls))


@cache
def names(cls: type, role: str) -> tuple[str, ...]:
    return tuple(f.name for f in record_fields(cls) if info(f).role == role)


@cache
def version_fields(cls: type) -> tuple[str, ...]:
    """The attributes a new version inherits from the one it follows (status, notes...)."""
    return names(cls, ATTRIBUTE)


@cache
def in_place_fields(cls: type) -> tuple[str, ...]:
    """The attributes that may be set on an existing record without a new keyframe."""
    return tuple(f.name for f in record_fields(cls) if info(f).role == ATTRIBUTE and info(f).in_place)


def export_name(f: Field) -> str:
    return info(f).export_as or f.name


@cache
def exported_fields(cls: type) -> tuple[Field, ...]:
    """The fields an export writes as properties or columns, in declaration order."""
    return tuple(f for f in record_fields(cls) if info(f).exported and info(f).role not in (SHAPE, EXTRA))


def has_default(f: Field) -> bool:
    return f.default is not MISSING or f.default_factory is not MISSING


def default_of(f: Field) -> Any:
    """The field's default (raises LookupError for a field that has none)."""
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    raise LookupError(f"field {f.name!r} has no default")


def value_type(f: Field) -> str:
    """What a field holds, from its annotation: "date", "bool", "int", "float", "str", "bytes",
    "geometry", or "json" for anything else (tuples...); `X | None` holds what X holds."""
    a = str(f.type).replace(" ", "")
    if a.endswith("|None"):
        a = a[:-len("|None")]
    if a == "BaseGeometry":
        return "geometry"
    return a if a in ("date", "bool", "int", "float", "str", "bytes") else "json"


def record_key(record: Any) -> tuple:
    """Every field's value, in declaration order, shapes as their WKB: two records are equal
    only when their shapes are, to the last bit, which is what undo must restore."""
    return tuple(v.wkb if isinstance(v, BaseGeometry) else v
                 for v in (getattr(record, n) for n in _names(type(record))))
