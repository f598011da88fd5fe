"""Frontline's run-time files (basemap, fonts, icons, help, samples, app icon, translations).

Installed as the package `desktop.assets` (see [tool.setuptools.package-dir] in pyproject.toml)
and found through importlib.resources by desktop/resources.py, never by a path into the checkout.
"""
