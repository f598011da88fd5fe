"""PySide6 6.12.0 on Python 3.11 aborts after ~5,000 Qt calls that return nothing.

Run 20,000 such calls in a fresh process so a bad pin of the Qt binding can never land.
"""
from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for i in range(20000):
    label.setText(str(i))        # returns None
    label.setToolTip("t")        # returns None
print("survived", label.text())
"""


def test_twenty_thousand_void_qt_calls_do_not_abort():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip() == "survived 19999"


def test_pinned_binding_is_not_6_12():
    from importlib.metadata import version
    major, minor = (int(x) for x in version("PySide6-Essentials").split(".")[:2])
    assert (major, minor) == (6, 11)
