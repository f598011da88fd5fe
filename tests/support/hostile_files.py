"""Hostile and heavy inputs, generated (never committed): the scribbles and the bow-tie front
line of the bounded-repair tests and benchmark, and the large GeoJSON, KML and lying zips of the
streamed-input ones. Seeded, so every run makes the same files."""
from __future__ import annotations

import io
import struct
import zipfile

import numpy as np


def scribble(n: int, seed: int = 1) -> np.ndarray:
    """A ring of `n` random points: a quadratic number of crossings."""
    pts = np.random.default_rng(seed).uniform([30.0, 47.0], [31.0, 48.0], size=(n, 2))
    return np.vstack([pts, pts[:1]])


def bow_tie_front(n: int, seed: int = 2) -> np.ndarray:
    """A front line of `n` vertices running north (a random walk in longitude), closed to the east,
    with one bow-tie (two segments crossing) in its middle."""
    rng = np.random.default_rng(seed)
    m = n - 6
    y = np.linspace(47.0, 49.0, m)
    x = 37.5 + np.cumsum(rng.normal(0.0, 1.0, m)) * 0.0005
    k, dy = m // 2, y[1] - y[0]
    x0, y0 = x[k], y[k]
    line = np.column_stack([x, y])
    tie = np.array([[x0 + 1e-3, y0 + dy / 2], [x0 + 1e-3, y0], [x0, y0 + dy / 2]])
    line = np.vstack([line[:k + 1], tie, line[k + 1:]])
    return np.vstack([line, [[39.5, 49.0], [39.5, 47.0]], line[:1]])


def geojson_doc(target: int) -> bytes:
    """A FeatureCollection of about `target` bytes of coordinates: rings of 400 vertices, each
    its own (a random walk), as a real front's shapes are."""
    rng = np.random.default_rng(0)
    feats = []
    size, i = 0, 0
    while size < target:
        walk = np.cumsum(rng.normal(0, 1e-3, (399, 2)), axis=0) + [30.0, 47.0]
        ring = np.vstack([walk, walk[:1]])
        coords = "[" + ",".join(f"[{x:.6f},{y:.6f}]" for x, y in ring) + "]"
        f = ('{"type":"Feature","id":%d,"properties":{"name":"zone %d","status":"ru_control"},'
             '"geometry":{"type":"LineString","coordinates":%s}}') % (i, i, coords)
        feats.append(f)
        size += len(f) + 1
        i += 1
    return ('{"type":"FeatureCollection","features":[' + ",".join(feats) + "]}").encode()


def kml_doc(target: int) -> bytes:
    """A KML of about `target` bytes: placemarks with long descriptions."""
    pm = b"<Placemark><name>p%d</name><description>%s</description><Point><coordinates>30.%d,47.5</coordinates>" \
         b"</Point></Placemark>"
    body = b"".join(pm % (i, b"d" * 4000, i) for i in range(target // 4080))
    return b'<kml xmlns="http://www.opengis.net/kml/2.2"><Document>' + body + b"</Document></kml>"


def lying_zip(content: bytes, claimed: int | None = None, name: str = "doc.kml") -> bytes:
    """A zip of `content`; with `claimed`, its local and central headers say the file inflates to
    `claimed` bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, content)
    data = bytearray(buf.getvalue())
    if claimed is not None:
        struct.pack_into("<I", data, data.find(b"PK\x03\x04") + 22, claimed)
        struct.pack_into("<I", data, data.find(b"PK\x01\x02") + 24, claimed)
    return bytes(data)


def geojson_many_lines(target: int, vertices: int = 400, seed: int = 0) -> bytes:
    """Like `geojson_doc` (a FeatureCollection of about `target` bytes, mostly coordinates, lines
    of `vertices` positions) but made in a fraction of the time: 64 random walks written once,
    each feature one of them behind a first position of its own, so no two features have the
    same coordinates (a reader remembering repeated arrays saves nothing)."""
    rng = np.random.default_rng(seed)
    walks = []
    for _ in range(64):
        walk = np.cumsum(rng.normal(0, 1e-3, (vertices - 1, 2)), axis=0) + [30.0, 47.0]
        walks.append(",".join(f"[{x:.6f},{y:.6f}]" for x, y in walk))
    feats = []
    size, i = 0, 0
    while size < target:
        first = f"[{29.0 + (i % 100_000) * 1e-5:.6f},{46.0 + (i // 100_000) * 1e-5:.6f}]"
        f = ('{"type":"Feature","id":%d,"properties":{"name":"zone %d","status":"ru_control"},'
             '"geometry":{"type":"LineString","coordinates":[%s,%s]}}') % (i, i, first, walks[i % 64])
        feats.append(f)
        size += len(f) + 1
        i += 1
    return ('{"type":"FeatureCollection","features":[' + ",".join(feats) + "]}").encode()
