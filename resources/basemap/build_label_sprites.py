"""Build `label_sprites.npz`: every place label of `labels.json` pre-rendered at scale 1.

Run by a developer after `build_basemap.py` (or after a Qt upgrade):

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/basemap/build_label_sprites.py

Why: rendering a label's sprite (its text with a halo, `desktop/render/labels.py`) costs ~0.3 ms,
and the first frame of a process needs ~100 of them (~30 ms of `frontline render`, and of the
app's first paint: the canvas draws its labels at scale 1 too). Loading a shipped one costs a
few microseconds. The sprites are rendered by the app's own `_make_sprite`; a runtime render of
the same label differs at most by a few levels of antialiasing on glyph edges (Qt's glyph
rendering itself shifts that much with what its font engine did earlier in the process). The
app uses them only under the Qt version and with the bundled font files they were made with
(recorded in the file), and renders labels itself otherwise.

Format (numpy, uncompressed npz: members are read lazily): `keys` (JSON text: one
`[text, pixel size, bold, colour]` per sprite), `meta` (JSON text: Qt version, font file sizes,
scale), `dims` (int32 N x 2: width, height), `origins` (float64 N x 2: the baseline origin in the
sprite), `offsets` (int64 N + 1) into `blob` (uint8: each sprite's premultiplied ARGB32 pixels,
zlib-compressed on its own so a frame inflates only the labels it shows).
"""
from __future__ import annotations

import json
import os
import sys
import zlib
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from desktop.render import labels as lb
    from desktop.render.frame import ensure_app
    ensure_app()
    todo = {}
    for label in lb.basemap_data().labels:
        size, bold, colour, upper = lb._look(label)
        todo[(label.text.upper() if upper else label.text, size, bold, colour)] = None
    # As in the app, every label is measured (placement) before any is rendered: Qt's glyph
    # rendering is not independent of what its font engine did before, and a glyph measured
    # first renders a shade differently from one rendered cold.
    for text, size, bold, _ in todo:
        lb._text_box(text, size, bold)
    keys, dims, origins, chunks = [], [], [], []
    for key in todo:
        img, origin = lb._make_sprite(*key, 1.0)
        raw = bytes(img.constBits())[: img.sizeInBytes()]
        keys.append(list(key))
        dims.append((img.width(), img.height()))
        origins.append((origin.x(), origin.y()))
        chunks.append(zlib.compress(raw, 9))
    offsets = np.cumsum([0] + [len(c) for c in chunks]).astype(np.int64)
    np.savez(HERE / "label_sprites.npz", keys=np.array(json.dumps(keys, ensure_ascii=False)),
             meta=np.array(json.dumps(lb.sprite_fingerprint())), dims=np.array(dims, np.int32),
             origins=np.array(origins, np.float64), offsets=offsets,
             blob=np.frombuffer(b"".join(chunks), np.uint8))
    print(f"{len(keys)} sprites, {offsets[-1] / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
