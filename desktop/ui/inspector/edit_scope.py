"""The line under the inspector's fields that says, before an edit, what it will do."""
from __future__ import annotations

from datetime import date

from desktop.model.entities import ZoneVersion
from desktop.ui.i18n import tr


def _span(v: ZoneVersion) -> str:
    # The same dates as the Valid row and the versions table (the end is the day the next starts).
    if v.valid_to is None:
        return tr("from {start} (still valid)").format(start=v.valid_from.isoformat())
    return f"{v.valid_from.isoformat()} – {v.valid_to.isoformat()}"


def scope_text(v: ZoneVersion | None, when: date, *, correct: bool) -> str:
    """Plain text: an as-of edit splits the version on `when`, unless `when` is its first day;
    a correction rewrites the whole version."""
    if v is None:
        return ""
    if correct:
        # Status may clip neighbours, so it is never set in place (see fields.FieldInfo.in_place).
        return tr("Confidence and notes correct the version {span} in place; "
                  "status still changes from {when}.").format(span=_span(v), when=when.isoformat())
    if v.valid_from == when:
        return tr("Edits change the version from {when}.").format(when=when.isoformat())
    return tr("Edits apply from {when} (the version since {start} ends the day before)."
              ).format(when=when.isoformat(), start=v.valid_from.isoformat())
