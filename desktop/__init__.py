"""Frontline, the desktop app. Distributed on PyPI as `frontline-map`; the command is `frontline`."""

DISTRIBUTION = "frontline-map"


def version() -> str:
    """The installed distribution's version (importlib.metadata), as `frontline --version` prints."""
    from importlib.metadata import PackageNotFoundError, version as dist_version
    try:
        return dist_version(DISTRIBUTION)
    except PackageNotFoundError:
        return "unknown (not installed as a distribution)"
