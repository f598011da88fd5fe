"""Whose each layer is: the credit lines a map must carry, and a status's label in a layer's own
words.

An assessment may credit its data ("© DeepStateMap.live") and name statuses its own way
("DeepState: occupied" where the legend says "Russian-controlled (assessed)"). Every painter of a
map, frame or export asks here, for the assessments it shows, so the credit and the words are
the same everywhere. No Qt.
"""
from __future__ import annotations

from typing import Iterable

from desktop.model.project import Project

SEPARATOR = " \u00b7 "  # between credits on one line: "© DeepStateMap.live · © Ours"


def own_labels(project: Project, assessment_id: str | None) -> dict[str, str]:
    """status key -> the assessment's own label, for the statuses it names its own way."""
    a = project.assessments.get(assessment_id) if assessment_id is not None else None
    return dict(a.labels) if a is not None else {}


def status_label(project: Project, status_key: str, assessment_id: str | None = None) -> str:
    """The label of `status_key` as the assessment words it ("DeepState: occupied"), else the
    legend's, else the key itself (a status no longer in the legend)."""
    own = own_labels(project, assessment_id).get(status_key)
    if own:
        return own
    s = project.legend.get(status_key)
    return s.label if s is not None else status_key


def attributions(project: Project, assessment_ids: Iterable[str] | None = None) -> list[str]:
    """The credit lines of the given assessments (every assessment when None), each once, in
    the order given (by name when None); assessments without a credit and unknown ids add
    nothing. E.g. ["© DeepStateMap.live"] when a DeepState layer is shown."""
    if assessment_ids is None:
        ids = [a.id for a in sorted(project.assessments.values(), key=lambda a: (a.name.lower(), a.id))]
    else:
        ids = list(assessment_ids)
    out: list[str] = []
    for aid in ids:
        a = project.assessments.get(aid)
        credit = " ".join(a.credit.split()) if a is not None else ""
        if credit and credit not in out:
            out.append(credit)
    return out


def attribution_line(project: Project, assessment_ids: Iterable[str] | None = None,
                     sep: str = SEPARATOR) -> str:
    """`attributions` on one line ("" when none)."""
    return sep.join(attributions(project, assessment_ids))


def licences(project: Project, assessment_ids: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """(assessment name, licence note) of the given assessments that have one, e.g. for an
    export's metadata or an About box."""
    ids = list(project.assessments) if assessment_ids is None else list(assessment_ids)
    out = []
    for aid in ids:
        a = project.assessments.get(aid)
        if a is not None and a.licence.strip():
            out.append((a.name, a.licence.strip()))
    return out


__all__ = ["attributions", "attribution_line", "status_label", "own_labels", "licences", "SEPARATOR"]
