"""Great-circle arcs between two points."""
from __future__ import annotations

import numpy as np

EARTH_RADIUS_KM = 6371.0088


def _unit(lat: float, lon: float) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.array([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2, dl = np.radians(lat1), np.radians(lat2), np.radians(lon2 - lon1)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return float(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(min(1.0, h))))


def great_circle(lat1: float, lon1: float, lat2: float, lon2: float, points: int | None = None) -> list[tuple[float, float]]:
    """Points along the shortest path on the sphere, as (lat, lon) pairs.

    ``points`` defaults to one point per ~100 km (at least 2, at most 64).
    Longitudes are kept continuous (no jump at the antimeridian) so that a
    map draws the line in one piece.
    """
    a, b = _unit(lat1, lon1), _unit(lat2, lon2)
    omega = np.arccos(np.clip(np.dot(a, b), -1.0, 1.0))
    if points is None:
        points = int(np.clip(omega * EARTH_RADIUS_KM / 100, 2, 64))
    if omega < 1e-9:
        return [(lat1, lon1), (lat2, lon2)]
    t = np.linspace(0.0, 1.0, max(points, 2))
    vectors = (np.sin((1 - t) * omega)[:, None] * a + np.sin(t * omega)[:, None] * b) / np.sin(omega)
    lats = np.degrees(np.arcsin(np.clip(vectors[:, 2], -1, 1)))
    lons = np.degrees(np.unwrap(np.arctan2(vectors[:, 1], vectors[:, 0])))
    lons += round((lon1 - lons[0]) / 360.0) * 360.0
    points_out = [(float(la), float(lo)) for la, lo in zip(lats, lons)]
    # the ends are the towns themselves, not a float's approximation of them
    points_out[0] = (lat1, lon1)
    last_lon = points_out[-1][1]
    points_out[-1] = (lat2, lon2 + 360.0 * round((last_lon - lon2) / 360.0))  # same turn of the globe
    return points_out
