"""Optional online fallback: OpenStreetMap's Nominatim, through geopy.

Off by default; switched on with ``PARTNERMAP_ONLINE=1`` (or
``python -m geo geocode --online``). It follows Nominatim's usage policy: at
most one request per second and an identifying user agent. Every answer,
including "nothing found", is cached on disk (written atomically), so a name
is asked once. A timeout or network failure returns None and the offline
result stands; a cache that cannot be read or written gives one CacheWarning
and the answers are kept in memory.
"""
from __future__ import annotations

import os
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from geopy.exc import GeopyError
from geopy.geocoders import Nominatim

from . import cache

ENV_SWITCH = "PARTNERMAP_ONLINE"
USER_AGENT = "partnermap/1.0 (German-Russian municipal partnerships map; offline-first)"
MIN_INTERVAL = 1.0  # seconds between requests, as Nominatim's policy asks


@dataclass(frozen=True)
class OnlineHit:
    lat: float
    lon: float
    display_name: str


def enabled() -> bool:
    return os.environ.get(ENV_SWITCH, "").strip().lower() in ("1", "true", "yes", "on")


class OnlineGeocoder:
    def __init__(self, domain: str = "nominatim.openstreetmap.org", scheme: str = "https", timeout: float = 5.0,
                 cache_path: Path | None = None, min_interval: float = MIN_INTERVAL):
        self._client = Nominatim(user_agent=USER_AGENT, domain=domain, scheme=scheme, timeout=timeout)
        self._cache_path = cache_path or cache.configured_dir() / "nominatim.json"
        self._writable = True
        self._min_interval = min_interval
        self._last_request = 0.0
        self._lock = threading.Lock()
        self._answers = self._load()

    def _load(self) -> dict:
        data = cache.read_json(self._cache_path)
        if data is None:
            return {}
        if not isinstance(data, dict) or not all(v is None or (isinstance(v, dict) and set(v) == {"lat", "lon", "display_name"})
                                                 for v in data.values()):
            warnings.warn(f"{self._cache_path}: online geocoder cache unreadable (not our JSON object); starting afresh",
                          cache.CacheWarning, stacklevel=2)
            return {}
        return data

    @staticmethod
    def _key(name: str, country: str, region: str | None) -> str:
        return f"{country}|{region or ''}|{name}"

    def geocode(self, name: str, country: str, region: str | None = None) -> OnlineHit | None:
        key = self._key(name, country, region)
        with self._lock:
            if key in self._answers:
                hit = self._answers[key]
                return OnlineHit(**hit) if hit else None
            wait = self._last_request + self._min_interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last_request = time.monotonic()
            try:
                location = self._client.geocode(name, country_codes=country.lower(), exactly_one=True, language="en")
            except (GeopyError, OSError) as exc:
                # Offline, timed out or refused: do not cache, try again another day.
                warnings.warn(f"online geocoder unavailable for {name!r}: {exc.__class__.__name__}", stacklevel=2)
                return None
            hit = OnlineHit(location.latitude, location.longitude, location.address) if location else None
            self._answers[key] = hit.__dict__ if hit else None
            if self._writable:
                # one warning for an unwritable cache, then answers stay in memory
                self._writable = cache.write_json(self._cache_path, self._answers)
            return hit
