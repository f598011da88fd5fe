"""The wheel, installed outside the repository, is a working app (issue 18, items 1 and 2).

Built from a copy of the sources (so the checkout gets no build/ folder), installed with
`--no-deps` into a temporary venv whose dependencies come from this venv's site-packages (a .pth
line: no download), then its `frontline` runs from a temporary folder with PYTHONPATH unset:
--version, render and replay of the bundled sample, export, --screenshot, and a missing basemap.
"""
from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "pokrovsk_myrnohrad_2025.gpkg"


def _build_isolation_needed() -> bool:
    """This venv can build the wheel itself when its setuptools has bdist_wheel (or `wheel`)."""
    try:
        import setuptools
        from setuptools.command import bdist_wheel  # noqa: F401 - setuptools >= 70.1
        return int(setuptools.__version__.split(".")[0]) < 68
    except ImportError:
        try:
            import setuptools
            import wheel  # noqa: F401
            return int(setuptools.__version__.split(".")[0]) < 68
        except ImportError:
            return True


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    src.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "screenshots")
    for name in ("desktop", "resources"):
        shutil.copytree(ROOT / name, src / name, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    dist = base / "dist"
    cmd = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(src)]
    if not _build_isolation_needed():
        cmd.insert(4, "--no-build-isolation")
    subprocess.run(cmd, check=True, cwd=base, timeout=240)
    (wheel,) = dist.glob("frontline_map-*.whl")

    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    purelib = Path(subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    # The dependencies (PySide6, numpy, ...) from this venv, after the new venv's own packages.
    (purelib / "_frontline_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, timeout=240)

    work = base / "work"  # the analyst's folder, far from the checkout
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(base / "home"), XDG_CONFIG_HOME=str(base / "home" / ".config"),
               XDG_DATA_HOME=str(base / "home" / ".local" / "share"), PYTHONDONTWRITEBYTECODE="1")
    return {"wheel": wheel, "venv": venv, "py": py, "frontline": venv / "bin" / "frontline",
            "work": work, "env": env, "purelib": purelib}


def run(inst, *args, timeout=240):
    return subprocess.run([str(inst["frontline"]), *args], cwd=inst["work"], env=inst["env"],
                          capture_output=True, text=True, timeout=timeout)


def test_every_package_of_desktop_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "desktop").rglob("__init__.py")}
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert listed - found == {"desktop.assets"}


def test_wheel_carries_the_run_time_files(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    for need in ("basemap/basemap.npz", "basemap/labels.json", "basemap/label_sprites.npz",
                 "basemap/gazetteer.json", "basemap/ATTRIBUTION.md", "fonts/DejaVuSans.ttf",
                 "fonts/DejaVuSans-Bold.ttf", "icons/file-plus-outline.svg", "help/guide.html",
                 "help/shortcuts.html", f"samples/{SAMPLE}", "app/frontline.svg", "__init__.py"):
        assert f"desktop/assets/{need}" in names, need
    shipped = {n for n in names if n.startswith("desktop/assets/")}
    icons = {p.name for p in (ROOT / "resources" / "icons").glob("*.svg")}
    assert icons <= {Path(n).name for n in shipped if n.startswith("desktop/assets/icons/")}
    assert not [n for n in shipped if "/screenshots/" in n or "__pycache__" in n]
    assert not [n for n in shipped if n.endswith(".py") and n != "desktop/assets/__init__.py"]


def test_installed_frontline_runs_from_the_venv_not_the_checkout(installed):
    got = subprocess.run([str(installed["py"]), "-c", "import desktop, desktop.resources as r; "
                          "print(desktop.__file__); print(r.RESOURCES); import desktop.cli"],
                         cwd=installed["work"], env=installed["env"], capture_output=True, text=True, check=True)
    module, resources = (Path(line) for line in got.stdout.split())
    assert module.is_relative_to(installed["venv"]), module
    assert resources == installed["purelib"] / "desktop" / "assets"
    assert not str(module).startswith(str(ROOT)) and not str(resources).startswith(str(ROOT))

    out = run(installed, "--version")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"frontline {importlib.metadata.version('frontline-map')}"


def test_installed_render_replay_export_and_screenshot(installed):
    sample = installed["purelib"] / "desktop" / "assets" / "samples" / SAMPLE
    work = installed["work"]
    out = run(installed, "render", str(sample), "--at", "2025-11-01", "-o", "map.png", "--size", "640x400")
    assert out.returncode == 0, out.stderr
    assert (work / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    out = run(installed, "replay", str(sample), "-o", "frames", "--from", "2025-10-01", "--to", "2025-11-01",
              "--step", "month", "--size", "320x200")
    assert out.returncode == 0, out.stderr
    assert len(list((work / "frames").glob("*.png"))) == 2

    out = run(installed, "export", str(sample), "-o", "zones.geojson", "--at", "2025-11-01")
    assert out.returncode == 0, out.stderr
    assert (work / "zones.geojson").stat().st_size > 1000

    out = run(installed, "--screenshot", "window.png", "--size", "900x600")
    assert out.returncode == 0, out.stderr
    assert (work / "window.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in work.iterdir() if p.name.endswith(".png")) == ["map.png", "window.png"]


def test_a_missing_basemap_is_one_line_not_a_crash(installed, tmp_path):
    sample = installed["purelib"] / "desktop" / "assets" / "samples" / SAMPLE
    npz = installed["purelib"] / "desktop" / "assets" / "basemap" / "basemap.npz"
    npz.rename(npz.with_suffix(".away"))
    try:
        for args in (("render", str(sample), "--at", "2025-11-01", "-o", str(tmp_path / "x.png")),
                     ("replay", str(sample), "-o", str(tmp_path / "f"), "--step", "month"),
                     ("--screenshot", str(tmp_path / "w.png"))):
            out = run(installed, *args)
            assert out.returncode == 1, (args, out.returncode, out.stderr)  # not -11 (SIGSEGV)
            lines = out.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("frontline: error: missing bundled resource "
                                                           "'basemap/basemap.npz'"), out.stderr
    finally:
        npz.with_suffix(".away").rename(npz)
