"""Any sequence of evidence commands, undos and redos keeps every link pointing at something."""
from __future__ import annotations

from hypothesis import given, strategies as st

from desktop.model.edits import delete_version
from desktop.model.evidence_commands import add_attachment, add_quote, add_source, set_authenticity
from desktop.model.evidence_queries import integrity_problems
from desktop.model.evidence_commands import delete_quote, delete_source, link_quote, unlink

from model.test_evidence_scenario import scenario

OPS = ("source", "quote", "link", "unlink", "del_quote", "del_source", "del_version", "attach",
       "mark", "undo", "redo")


@given(st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 50), st.integers(0, 50),
                          st.sampled_from(("supports", "contradicts", "context"))), max_size=25))
def test_integrity_holds_and_undo_all_restores(ops):
    p, stack, _ = scenario()
    start = p.snapshot()
    base = stack.index
    for op, i, j, stance in ops:
        srcs, quotes = sorted(p.sources), sorted(p.quotes)
        targets = sorted(p.versions) + sorted(p.observations)
        pick = lambda xs, k: xs[k % len(xs)] if xs else None  # noqa: E731
        if op == "source":
            stack.push(add_source(p, f"S{i}", url=f"https://e.org/{i % 3}")[0])
        elif op == "quote" and srcs:
            stack.push(add_quote(p, pick(srcs, i), f"words {j}", credibility=1 + j % 6)[0])
        elif op == "link" and quotes and targets:
            stack.push(link_quote(p, pick(quotes, i), pick(targets, j), stance)[0])
        elif op == "unlink" and p.evidence:
            stack.push(unlink(p, pick(sorted(p.evidence), i)))
        elif op == "del_quote" and quotes:
            stack.push(delete_quote(p, pick(quotes, i)))
        elif op == "del_source" and srcs:
            stack.push(delete_source(p, pick(srcs, i)))
        elif op == "del_version" and p.versions:
            stack.push(delete_version(p, pick(sorted(p.versions), i)))
        elif op == "attach" and srcs:
            stack.push(add_attachment(p, pick(srcs, i), f"f{j}.txt", b"text")[0])
        elif op == "mark" and p.attachments:
            stack.push(set_authenticity(p, pick(sorted(p.attachments), i), "manipulated"))
        elif op == "undo" and stack.index > base:
            stack.undo()
        elif op == "redo":
            stack.redo()
        assert integrity_problems(p) == []
    while stack.index > base:
        stack.undo()
    assert p.snapshot() == start
