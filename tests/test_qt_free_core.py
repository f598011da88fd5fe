"""DESIGN.md: model, storage and tools never import Qt. Import them in a fresh interpreter (the
test process itself may already hold Qt) and list what got loaded."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, sys, pkgutil, importlib
import desktop.model, desktop.storage, desktop.tools
# Every submodule too, not just the packages' __init__: a lazy Qt import hides in a leaf.
for pkg in (desktop.model, desktop.storage, desktop.tools):
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        importlib.import_module(info.name)
print(json.dumps(sorted(sys.modules)))
"""


def test_model_storage_and_tools_load_no_qt():
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert "desktop.tools.vertex" in loaded and "desktop.model.edits" in loaded  # the probe ran
    qt = [m for m in loaded if m.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6")]
    assert qt == [], f"Qt modules loaded by the Qt-free core: {qt[:10]}"
