"""Build `gazetteer.json` (find a place by name) from the basemap sources in ../shared/data/basemap.

Run: .venv/bin/python resources/basemap/build_gazetteer.py [SOURCE_FOLDER]
Names: OSM towns (Ukrainian, English, old names), Minregion hromadas (look-alike Latin letters
cleaned), raions and oblasts (Ukrainian, with a national-system transliteration), Natural Earth
cities (English and Ukrainian names where present).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import shape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from build_basemap import latin  # noqa: E402

from desktop.storage.gazetteer import clean_mixed_script  # noqa: E402

DEFAULT_SRC = HERE.parents[2] / "shared" / "data" / "basemap"


def _features(src: Path, name: str) -> list[dict]:
    return json.loads((src / name).read_text(encoding="utf-8"))["features"]


def _entry(names: list[str], kind: str, geom) -> dict:
    names = [n for i, n in enumerate(names) if n and n not in names[:i]]
    pt = geom.representative_point() if geom.geom_type not in ("Point", "MultiPoint") else geom
    w, s, e, n = geom.bounds
    return {"name": names[0], "names": names, "kind": kind, "lon": round(pt.x, 6), "lat": round(pt.y, 6),
            "bbox": [round(w, 5), round(s, 5), round(e, 5), round(n, 5)] if e > w else None}


def build(src: Path = DEFAULT_SRC, out: Path = HERE / "gazetteer.json") -> int:
    rows = []
    for f in _features(src, "osm_donbas_towns.geojson"):
        p, g = f["properties"], f["geometry"]
        if not g or not p.get("name"):
            continue
        uk = p["name"]
        rows.append(_entry([p.get("name:en") or latin(uk), uk, p.get("old_name") or "", latin(uk)],
                           "town", shape(g)))
    for f in _features(src, "minregion_hromadas_donetsk.geojson"):
        p, g = f["properties"], f["geometry"]
        if not g:
            continue
        uk = clean_mixed_script(p["name"])
        rows.append(_entry([f"{latin(uk)} hromada", uk, p["name"]], "hromada", shapely.make_valid(shape(g))))
    for f in _features(src, "minregion_raions_2020_from_hromadas.geojson"):
        p, g = f["properties"], f["geometry"]
        if not g:
            continue
        uk = p["ADMIN_2"]
        rows.append(_entry([latin(uk), uk], "raion", shape(g)))
    for f in _features(src, "minregion_oblasts_2020.geojson"):
        p, g = f["properties"], f["geometry"]
        if not g:
            continue
        uk = p["ADMIN_1"]
        rows.append(_entry([latin(uk), uk], "oblast", shape(g)))
    for f in _features(src, "ne_10m_populated_places_region.geojson"):
        p, g = f["properties"], f["geometry"]
        if not g or p.get("ADM0NAME") != "Ukraine":
            continue
        rows.append(_entry([latin(p.get("NAME_EN") or p["NAME"]), p.get("NAME_UK") or "", p.get("NAMEASCII") or ""],
                           "city", shape(g)))
    out.write_text(json.dumps(rows, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(rows)


if __name__ == "__main__":
    n = build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SRC)
    print(f"{n} places")
