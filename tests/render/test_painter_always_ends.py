"""An error while painting is an error, not a crash: the painter is always ended before its
image is freed (left active, the process died with a segmentation fault when a bundled basemap
file was missing)."""
from __future__ import annotations

import subprocess
import sys
import textwrap


def test_an_error_inside_the_painter_leaves_the_process_alive(tmp_path):
    code = textwrap.dedent("""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from desktop.render import frame
        frame.ensure_app()
        from desktop.model import Project
        def broken(*a, **k):
            raise RuntimeError("basemap missing")
        frame.paint_frame = broken
        spec = frame.FrameSpec(project=Project(), when=__import__("datetime").date(2025, 1, 1),
                               bbox=frame.default_bbox(Project()))
        try:
            frame.render_image(spec, 200, 100)
        except RuntimeError as e:
            print("caught", e)
        import gc; gc.collect()
        print("alive")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, (out.returncode, out.stderr[-1500:])
    assert "caught basemap missing" in out.stdout and "alive" in out.stdout
