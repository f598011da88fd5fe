"""What an import or a validation found: problems, one line each, and the import's counts.

A problem names the file, the feature (index and id), where in the document (a JSON pointer or
a KML element) and says in plain words what is wrong. The same records serve `frontline
validate` (errors exit 1, warnings exit 0) and the import report (repaired, skipped).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    level: str  # ERROR or WARNING
    file: str
    message: str
    feature: int | None = None  # index in the file, from 0
    fid: Any = None  # the feature's id in the file, if it has one
    where: str = ""  # JSON pointer ("/features/3/geometry") or KML element ("Placemark[2]/Polygon")
    # An error import can repair safely (an unclosed ring); a warning is always repairable.
    repairable: bool = False

    def line(self) -> str:
        if self.where.startswith("line "):  # a CSV row: its line number is what a user can find
            return f"{self.file}: {self.where}: {self.message}"
        head = self.file
        if self.feature is not None:
            head += f": feature {self.feature}"
            if self.fid is not None:
                head += f" (id {self.fid})"
        where = f" [{self.where}]" if self.where else ""
        return f"{head}: {self.message}{where}"


@dataclass
class ImportReport:
    """Counts and one-line messages for one import; the CLI prints `lines()`."""
    files: int = 0
    zones: int = 0  # zones made
    versions: int = 0  # zone versions made
    observations: int = 0
    repaired: int = 0  # features kept after a repair
    skipped: int = 0  # features left out (each with a message)
    # DeepState's editorial features left out on purpose: satirical territories (polygons) and
    # the points of capitals, jokes and clowns (`statuses.classify_deepstate`).
    satirical: int = 0
    clipped: int = 0  # assessed features clipped or merged to keep the no-overlap rule
    new_statuses: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    cancelled: bool = False
    # Evidence a Frontline export or project brought along (`evidence_merge`): (new, matched).
    evidence_sources: tuple[int, int] = (0, 0)
    evidence_quotes: tuple[int, int] = (0, 0)
    evidence_attachments: tuple[int, int] = (0, 0)
    evidence_links: int = 0

    def note(self, problem: Problem | str) -> None:
        self.messages.append(problem.line() if isinstance(problem, Problem) else problem)

    def summary(self) -> str:
        parts = [f"{self.files} file(s)", f"{self.zones} zone(s)", f"{self.versions} version(s)",
                 f"{self.observations} observation(s)", f"{self.repaired} repaired",
                 f"{self.skipped} skipped"]
        if self.satirical:
            parts.append(f"{self.satirical} satirical DeepState territories left out")
        if self.clipped:
            parts.append(f"{self.clipped} clipped or merged (assessed zones never overlap)")
        if self.new_statuses:
            parts.append("new legend entries: " + ", ".join(self.new_statuses))
        line = ("Import cancelled: " if self.cancelled else "Imported ") + ", ".join(parts)
        ev = self.evidence_summary()
        return f"{line}; {ev}" if ev else line

    def evidence_summary(self) -> str:
        """"evidence: 13 sources (11 new, 2 matched), 31 quotes (31 new), 149 links", or "" when
        the files carried none."""
        def counted(word: str, new_matched: tuple[int, int]) -> str:
            new, matched = new_matched
            split = ", ".join(t for t in (f"{new} new" if new or not matched else "",
                                          f"{matched} matched" if matched else "") if t)
            return f"{new + matched} {word}{'' if new + matched == 1 else 's'} ({split})"
        if not (any(self.evidence_sources) or any(self.evidence_quotes) or self.evidence_links
                or any(self.evidence_attachments)):
            return ""
        parts = [counted("source", self.evidence_sources), counted("quote", self.evidence_quotes),
                 f"{self.evidence_links} link{'' if self.evidence_links == 1 else 's'}"]
        if any(self.evidence_attachments):
            parts.append(counted("attachment", self.evidence_attachments))
        return "evidence: " + ", ".join(parts)

    def lines(self, collapse: int = 3) -> list[str]:
        """The summary, then the messages; a message repeated in more than `collapse` files (a
        series of snapshots from one source) is shown once with the number of other files."""
        by_text: dict[str, list[str]] = {}
        order: list[str] = []
        for m in self.messages:
            head, sep, rest = m.partition(": ")
            key = rest if sep else m
            if key not in by_text:
                order.append(key)
            by_text.setdefault(key, []).append(m)
        out = [self.summary()]
        for key in order:
            ms = by_text[key]
            if len(ms) > collapse:
                out.append(f"{ms[0]} (and the same in {len(ms) - 1} other files)")
            else:
                out.extend(ms)
        return out
