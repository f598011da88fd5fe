"""Find a place by name, offline: towns, hromadas, raions, oblasts and cities of the bundled basemap.

Names come in Cyrillic and Latin, and the Minregion hromada names mix Latin look-alike letters
into Cyrillic words ("Вoлнoвaськa" with Latin o and a). `fold` maps every name and every query
to one skeleton: casefolded, apostrophes dropped, and — inside a word that has any Cyrillic
letter — Latin look-alikes replaced by their Cyrillic twins. A pure Latin query stays Latin and
matches the Latin names; a Cyrillic query matches the Cyrillic ones, however they were typed.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from desktop.resources import resource

GAZETTEER = resource("basemap", "gazetteer.json")

_LOOKALIKE = str.maketrans("aceiopxykmhtbj", "асеіорхукмнтвј")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_APOSTROPHES = str.maketrans("", "", "'’ʼ`\u02bb")
KIND_ORDER = {"city": 0, "town": 1, "hromada": 2, "raion": 3, "oblast": 4}


def fold(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)
    words = re.split(r"(\W+)", s)
    return "".join(w.translate(_LOOKALIKE) if _CYRILLIC.search(w) else w for w in words)


def clean_mixed_script(name: str) -> str:
    """A display form of a mixed-script name: Cyrillic words get Cyrillic letters only."""
    upper = str.maketrans("ACEIOPXYKMHTB", "АСЕІОРХУКМНТВ")
    words = re.split(r"(\W+)", name)
    return "".join(w.translate(_LOOKALIKE).translate(upper) if _CYRILLIC.search(w) else w for w in words)


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    lon: float
    lat: float
    bbox: tuple[float, float, float, float] | None
    names: tuple[str, ...]  # every name it answers to (Latin, Cyrillic, old names)

    @property
    def label(self) -> str:
        others = [n for n in self.names if n != self.name]
        return f"{self.name} ({others[0]})" if others else self.name


@lru_cache(maxsize=1)
def places(path: Path = GAZETTEER) -> tuple[Place, ...]:
    if not path.exists():
        return ()
    rows = json.loads(path.read_text(encoding="utf-8"))
    return tuple(Place(r["name"], r["kind"], r["lon"], r["lat"], tuple(r["bbox"]) if r.get("bbox") else None,
                       tuple(r["names"])) for r in rows)


@lru_cache(maxsize=1)
def _index(path: Path = GAZETTEER) -> tuple[tuple[Place, tuple[str, ...]], ...]:
    return tuple((p, tuple(fold(n) for n in p.names)) for p in places(path))


def search(query: str, limit: int = 30, path: Path = GAZETTEER) -> list[Place]:
    """Places answering to `query`: exact names first, then prefixes, then substrings."""
    q = fold(query.strip())
    if not q:
        return []
    hits = []
    for place, folded in _index(path):
        rank = min((0 if n == q else 1 if n.startswith(q) else 2 if q in n else 9) for n in folded)
        if rank < 9:
            hits.append((rank, KIND_ORDER.get(place.kind, 5), place.name, place))
    hits.sort(key=lambda h: h[:3])
    return [h[3] for h in hits[:limit]]
