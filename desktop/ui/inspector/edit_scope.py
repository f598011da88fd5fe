"""The line under the inspector's fields that says, before an edit, what it will do."""
from __future__ import annotations

from datetime import date

from desktop.model.entities import ZoneVersion


def _span(v: ZoneVersion) -> str:
    # The same dates as the Valid row and the versions table (the end is the day the next starts).
    if v.valid_to is None:
        return f"from {v.valid_from.isoformat()} (still valid)"
    return f"{v.valid_from.isoformat()} – {v.valid_to.isoformat()}"


def scope_text(v: ZoneVersion | None, when: date, *, correct: bool) -> str:
    """Plain text: an as-of edit splits the version on `when`, unless `when` is its first day;
    a correction rewrites the whole version."""
    if v is None:
        return ""
    if correct:
        # Status may clip neighbours, so it is never set in place (see fields.FieldInfo.in_place).
        return (f"Confidence and notes correct the version {_span(v)} in place; "
                f"status still changes from {when.isoformat()}.")
    if v.valid_from == when:
        return f"Edits change the version from {when.isoformat()}."
    return (f"Edits apply from {when.isoformat()} (the version since {v.valid_from.isoformat()} "
            f"ends the day before).")
