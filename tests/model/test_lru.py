"""One LRU (model/lru.py) for the model's and the renderer's bounded caches."""
from __future__ import annotations

import re
import threading
from pathlib import Path

from desktop.model.lru import LRU

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


def test_least_recent_goes_first():
    c = LRU(2)
    c.put("a", 1)
    c.put("b", 2)
    assert c.get("a") == 1  # now "b" is the least recent
    c.put("c", 3)
    assert c.get("b") is None and c.get("a") == 1 and c.get("c") == 3 and len(c) == 2
    assert c.values() == [1, 3]
    c.clear()
    assert len(c) == 0 and not c


def test_put_returns_the_value_and_false_is_remembered():
    c = LRU(4)
    assert c.put("tile", False) is False
    assert c.get("tile") is False  # a remembered absence, unlike None


def test_threads_share_it():
    c = LRU(50)

    def work(k: int) -> None:
        for i in range(2000):
            c.put((k, i % 70), i)
            c.get((k, (i * 7) % 70))
    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(c) == 50


def test_no_other_hand_made_lru():
    # An OrderedDict that drops its oldest entry is an LRU by hand. render/paths.py's
    # GeometryCache is the one exception: its lookups (thousands a frame) take no lock and no
    # reordering, and its entries are validated by geometry identity.
    found = sorted(str(p.relative_to(DESKTOP)) for p in DESKTOP.rglob("*.py")
                   if re.search(r"popitem\(last=False\)", p.read_text(encoding="utf-8")))
    assert found == ["model/lru.py", "render/paths.py"]
    assert "class LRU" not in (DESKTOP / "render" / "paths.py").read_text(encoding="utf-8")
