"""Evidence follows the shape: the links of a version go with every version that continues it.

A version is continued when an edit splits it in time (reshape or restatement as of a date inside
it), a neighbour's edit cuts it into pieces, the split tool cuts it into zones, or a merge folds
it into another zone. Each continuation gets the links (quote, stance) of the version it
continues, so no quote stops backing a line because the line was redrawn: only an explicit
unlink removes a link. Links of a version deleted outright (delete_version, delete_zones, a
zone ended before the version began) go with it.
"""
from __future__ import annotations

from typing import Iterable

from desktop.model.changes import ChangeBuilder
from desktop.model.entities import Evidence, new_id


def links_of(b: ChangeBuilder, target_id: str) -> list[tuple[str, str]]:
    """(quote id, stance) of each link of `target_id`, as the pending edit leaves them."""
    return [(e.quote_id, e.stance) for e in b.rows("evidence").values() if e.target_id == target_id]


def add_links(b: ChangeBuilder, target_id: str, links: Iterable[tuple[str, str]]) -> None:
    """Link each quote to `target_id` with its stance. One link per quote and target (as
    `link_quote` keeps it): a quote already linked keeps its link and stance, so in a merge the
    continuing zone's own reading of a quote wins over the merged one's."""
    have = {q for q, _ in links_of(b, target_id)}
    for quote_id, stance in links:
        if quote_id in have:
            continue
        have.add(quote_id)
        eid = new_id()
        b.put("evidence", eid, Evidence(eid, quote_id, target_id, stance))


def copy_links(b: ChangeBuilder, from_version: str, to_version: str) -> None:
    """`to_version` continues `from_version`: it gets every link of it, stance kept."""
    add_links(b, to_version, links_of(b, from_version))


def drop_links_of(b: ChangeBuilder, target_id: str) -> None:
    """The version is deleted outright: its links go with it."""
    for e in list(b.rows("evidence").values()):
        if e.target_id == target_id:
            b.delete("evidence", e.id)
