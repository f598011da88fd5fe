"""Coordinate reference systems met in imported files: CRS84 or EPSG codes, reprojected to lon/lat.

pyproj is imported only when a file really names another system (most are lon/lat already), so
reading a plain GeoJSON, or starting the app, does not pay for it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from desktop.storage.errors import InputError

if TYPE_CHECKING:
    from pyproj import Transformer

_LONLAT = {"urn:ogc:def:crs:ogc:1.3:crs84", "urn:ogc:def:crs:ogc::crs84", "crs84", "ogc:crs84",
           "epsg:4326", "urn:ogc:def:crs:epsg::4326", "urn:ogc:def:crs:epsg:4326",
           "http://www.opengis.net/def/crs/ogc/1.3/crs84", "http://www.opengis.net/def/crs/epsg/0/4326"}
_EPSG = re.compile(r"epsg(?::|::|/0/|:\d*:)(\d+)$", re.I)


@lru_cache(maxsize=32)
def _transformer(code: int) -> "Transformer":
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError
    try:
        crs = CRS.from_epsg(code)
    except CRSError:
        raise InputError(f"unknown coordinate system EPSG:{code}") from None
    # always_xy: the 2008 GeoJSON format kept x/y (lon/lat) order whatever the CRS says.
    return Transformer.from_crs(crs, CRS.from_epsg(4326), always_xy=True)


def epsg_of(name: str) -> int | None:
    """4326 for the lon/lat names, the code for an EPSG name, None for anything else."""
    n = name.strip().lower()
    if n in _LONLAT:
        return 4326
    m = _EPSG.search(n)
    return int(m[1]) if m else None


def crs_transformer(crs: Any) -> "Transformer | None":
    """None when the `crs` member means lon/lat already; a Transformer for an EPSG code."""
    if crs is None:
        return None
    name = None
    if isinstance(crs, dict):
        props = crs.get("properties")
        if isinstance(props, dict):
            if crs.get("type") == "name" and isinstance(props.get("name"), str):
                name = props["name"]
            elif str(crs.get("type", "")).upper() == "EPSG" and isinstance(props.get("code"), int):
                name = f"EPSG:{props['code']}"
    if name is None:
        raise InputError("unsupported `crs` member (only CRS84 and EPSG codes can be read)")
    code = epsg_of(name)
    if code is None:
        raise InputError(f"unsupported coordinate system {name!r} (only CRS84 and EPSG codes can be read)")
    return None if code == 4326 else _transformer(code)


def transformer_for(crs_text: str | None) -> "Transformer | None":
    """For pyogrio's CRS strings ("EPSG:3857", WKT): None when already lon/lat."""
    if not crs_text:
        return None
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError
    try:
        crs = CRS.from_user_input(crs_text)
    except CRSError:
        raise InputError(f"unknown coordinate system {crs_text[:60]!r}") from None
    if crs.to_epsg() == 4326 or crs.equals(CRS.from_epsg(4326), ignore_axis_order=True):
        return None
    return Transformer.from_crs(crs, CRS.from_epsg(4326), always_xy=True)
