"""DESIGN.md's layers, checked on the source: no import cycle anywhere in desktop/ and no import
that runs up the layers. Imports inside functions count (a lazy import that dodges a cycle is
still a cycle), and so do imports under `if TYPE_CHECKING:` (static tools follow them).

Bottom to top: `desktop.resources` (where bundled files are; stdlib only); `model`; `storage`
and `tools`, each importing only `model`; `render` (which may take raster sources and their
errors from storage); `ui`; the command line (`desktop/cli*.py`, `__main__.py`).
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "desktop"

# What each part may import besides itself. A part is a sub-package of desktop (model,
# storage, ...), a top-level module, or the command line.
ALLOWED: dict[str, set[str]] = {
    "resources": set(),
    "model": {"resources"},
    "storage": {"model", "resources"},
    "tools": {"model", "resources"},
    "render": {"model", "resources", "storage.raster_sources", "storage.errors"},
    "ui": {"model", "resources", "storage", "tools", "render"},
    "cli": {"model", "resources", "storage", "tools", "render", "ui"},
}


def module_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def part_of(module: str) -> str:
    """The layer part a module belongs to ("model", "storage", ..., "cli")."""
    parts = module.split(".")
    if len(parts) == 1:
        return "package"
    head = parts[1]
    if head.startswith("cli") or head == "__main__":
        return "cli"
    return head


def imported_modules(path: Path, module: str, known: set[str]) -> set[str]:
    """Every desktop module `path` imports, at any depth of the file."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def import_graph() -> dict[str, set[str]]:
    files = {module_of(p): p for p in PACKAGE.rglob("*.py")}
    return {m: imported_modules(p, m, set(files)) for m, p in files.items()}


def allowed(src: str, dst: str) -> bool:
    a, b = part_of(src), part_of(dst)
    if a == b or b == "package":
        return True
    rest = dst.split(".", 1)[1] if "." in dst else dst
    return any(rest == ok or rest.startswith(ok + ".") for ok in ALLOWED.get(a, set()))


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            advanced = False
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph.get(nxt, ())))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    component.append(m)
                    if m == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_checker_finds_cycles_and_upward_imports():
    """The checks below can fail: a made-up graph with a cycle and an upward import is caught."""
    graph = {"desktop.ui.a": {"desktop.ui.b"}, "desktop.ui.b": {"desktop.ui.c"}, "desktop.ui.c": {"desktop.ui.a"},
             "desktop.model.x": set(), "desktop.model.y": {"desktop.model.x"}}
    assert cycles(graph) == [["desktop.ui.a", "desktop.ui.b", "desktop.ui.c"]]
    assert cycles({"desktop.model.x": set(), "desktop.model.y": {"desktop.model.x"}}) == []
    assert not allowed("desktop.model.project", "desktop.storage.project.projectfile")
    assert not allowed("desktop.storage.imports.importer", "desktop.tools.base")
    assert not allowed("desktop.render.frame", "desktop.storage.project.projectfile")
    assert not allowed("desktop.render.frame", "desktop.ui.map.canvas")
    assert not allowed("desktop.ui.map.canvas", "desktop.cli_render")
    assert allowed("desktop.render.raster", "desktop.storage.raster_sources")
    assert allowed("desktop.cli", "desktop.ui.app")
    # the real graph is read: a known import of the source shows up in it
    assert "desktop.model.project" in import_graph()["desktop.storage.project.projectfile"]


def test_no_import_cycle_in_desktop():
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_no_import_runs_up_the_layers():
    graph = import_graph()
    bad = sorted(f"{a} -> {b}" for a, bs in graph.items() for b in bs if not allowed(a, b))
    assert not bad, "imports that run up the layers:\n" + "\n".join(bad)
