"""What the browser map gets: the data once, the state on every change.

``dataset(atlas)`` turns the atlas into two compact JSON documents that the
browser fetches once per data version (content-hashed file names, so a
browser may cache them for good):

- ``pairs``: places, partnerships and conference hosts as arrays of numbers and
  names — what the map needs to draw, filter and label (about 60 bytes a pair);
- ``details``: the texts of each partnership (notes in three languages,
  sources, dates, the facts its sources give differently), fetched only
  when the map's detail panel needs them.

``state(...)`` is what changes with the viewer's choices: the language's
words, which partnerships are shown (a bit mask), the selected place, the
mode. It is a few kilobytes at most, whatever the size of the data.

Nothing here builds HTML or JavaScript: every value is data, and the browser
code (``dashboard/static/map/*.js``) puts it on the page as text.

The format of ``pairs`` (which array position holds what) is documented once,
at the top of ``dashboard/static/map/model.js``, the only browser code that
reads it. Where Python knows a fact the browser would otherwise recompute, it
sends the fact: which pairs are on the map (``off_map``, from
:func:`geo.counts.on_map_mask`), the year axis (``years``, from
:func:`dashboard.filters.year_bounds`), the conferences' numerals (``roman``,
from :func:`dashboard.text.roman`), each place's population (from the
gazetteer, :attr:`geo.geocoder.Match.population`: the map names the largest
places first).
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
from dataclasses import dataclass

import pandas as pd

from geo import datasets
from geo.counts import on_map_mask, status_changes

from . import filters, text

# the one list of each (geo.datasets); their positions are the codes the browser gets
STATUSES = list(datasets.STATUSES)
KINDS = list(datasets.KINDS)
LEVELS = list(datasets.LEVELS)
SIDES = ["de", "ru"]
TEXT_LANGS = ("de", "ru", "en")

# Okabe–Ito colours (told apart with the common kinds of colour blindness),
# and a dash pattern per status so that colour is never the only cue.
STATUS_STYLE = {
    "active": {"color": "#0072B2", "dash": None},
    "suspended": {"color": "#E69F00", "dash": "8 6"},
    "ended": {"color": "#CC79A7", "dash": "2 6"},
    "proposed": {"color": "#009E73", "dash": "14 6 2 6"},
    "unknown": {"color": "#6F6F6F", "dash": "1 4"},
}

_METHOD_LEVEL = {"region capital": "region", "district seat": "district"}


def _clean(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value)


def _int(value) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def place_level(method: str) -> str:
    """A place's own level, from how it was placed: a region is put at its
    capital, a district at its seat; anything else is a town."""
    return _METHOD_LEVEL.get(method or "", "municipality")


def _texts(row: dict, base: str) -> dict[str, str]:
    """One free text in three languages; the old one-language column as a fallback."""
    texts = {lang: _clean(row.get(f"{base}_{lang}")) for lang in TEXT_LANGS}
    if not any(texts.values()) and _clean(row.get(base)):
        texts = {"orig": _clean(row.get(base))}
    return {k: v for k, v in texts.items() if v}


def _disputed(row: dict) -> list[dict]:
    """The facts sources give differently (the `disputed` column, geo.datasets.parse_disputed):
    the field, the other value and its sources, for the map's detail to mark."""
    return [{"field": field, "value": value, "source": urls}
            for field, value, urls in datasets.parse_disputed(_clean(row.get("disputed"))) if field and value]


@dataclass(frozen=True)
class Dataset:
    """The browser's data: the two documents and the order of the partnerships in them."""

    pairs: bytes
    details: bytes
    ids: tuple[str, ...]
    place_keys: tuple[str, ...]

    @property
    def version(self) -> str:
        return hashlib.sha256(self.pairs + self.details).hexdigest()[:16]


def _dump(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def dataset(atlas) -> Dataset:
    """The atlas as the browser's two documents."""
    frame = atlas.partnerships
    towns = atlas.towns
    place_keys: list[str] = []
    places: list[list] = []
    index: dict[str, int] = {}
    for town in towns.to_dict("records"):
        side = town["side"]
        index[town["key"]] = len(places)
        place_keys.append(town["key"])
        places.append([
            round(float(town["lat"]), 4), round(float(town["lon"]), 4), SIDES.index(side),
            LEVELS.index(place_level(town.get("method", ""))),
            _clean(town["name"]), _clean(town.get("name_ru")), _clean(town.get("name_en")), _clean(town.get("region")),
            _int(town.get("population")) or 0,
        ])
    # the one rule for a pair's status in a year (geo.counts): the browser's timeline follows it
    history = status_changes(frame, getattr(atlas, "status_history", None))
    pairs: list[list] = []
    ids: list[str] = []
    details: dict[str, dict] = {}
    for row in frame.to_dict("records"):
        ids.append(row["id"])
        ends = []
        for side in SIDES:
            key = f"{side}:{row[f'{side}_name']}"
            ends.append(index.get(key, -1) if pd.notna(row.get(f"{side}_lat")) else -1)
        since = _int(row.get("since"))
        changes = history.get(row["id"])
        record = [ends[0], ends[1], since or 0, STATUSES.index(row["status"] if row["status"] in STATUSES else "unknown"),
                  KINDS.index(row["kind"]) if row["kind"] in KINDS else 0,
                  LEVELS.index(row["level"]) if row["level"] in LEVELS else 0]
        if changes:
            record.append([[year, STATUSES.index(status)] for year, status in changes])
        pairs.append(record)
        details[row["id"]] = {k: v for k, v in {
            "status_date": _clean(row.get("status_date")),
            "status_note": _texts(row, "status_note"),
            "note": _texts(row, "note"),
            "text_lang": _clean(row.get("text_lang")),
            "source": _clean(row.get("source")).split(),
            "distance_km": _int(row.get("distance_km")),
            "disputed": _disputed(row),
        }.items() if v}
    conferences = []
    for row in atlas.conferences.sort_values("number").to_dict("records"):
        if pd.isna(row.get("lat")) or pd.isna(row.get("lon")):
            continue
        conferences.append({
            "number": _int(row.get("number")), "roman": text.roman(row.get("number")), "year": _int(row.get("year")),
            "lat": round(float(row["lat"]), 4), "lon": round(float(row["lon"]), 4),
            "host": {"de": _clean(row.get("host")), "ru": _clean(row.get("host_ru")), "en": _clean(row.get("host_en"))},
            "start": _clean(row.get("start_date")), "end": _clean(row.get("end_date")),
            "motto": _texts(row, "motto"), "motto_lang": _clean(row.get("motto_lang")),
            "co_hosts": {lang: _clean(row.get("co_hosts" + ("" if lang == "de" else f"_{lang}"))) for lang in TEXT_LANGS},
            "participants": [_int(row.get("participants_min", row.get("participants"))),
                             _int(row.get("participants_max", row.get("participants")))],
            "source": _clean(row.get("source")).split(),
        })
    from geo.regions import region_name

    codes = sorted({p[7] for p in places if p[7]})
    regions = {code: [region_name(code, lang) for lang in TEXT_LANGS] for code in codes}
    off_map = [int(i) for i, on in enumerate(on_map_mask(frame).tolist()) if not on]
    pairs_doc = {"v": 1, "regions": regions, "statuses": STATUSES, "kinds": KINDS, "levels": LEVELS, "places": places, "keys": place_keys, "ids": ids,
                 "pairs": pairs, "off_map": off_map, "years": list(filters.year_bounds(frame)), "conferences": conferences,
                 "style": {s: STATUS_STYLE[s] for s in STATUSES}}
    if getattr(atlas, "corrections", ""):  # where "report an error" writes to (metadata.json); none: no link
        pairs_doc["corrections"] = atlas.corrections
    return Dataset(pairs=_dump(pairs_doc), details=_dump(details), ids=tuple(ids), place_keys=tuple(place_keys))


def bit_mask(ids: tuple[str, ...], shown_ids) -> str:
    """Which partnerships are shown, as a base64 bit mask in the data's order
    (2.5 kB for 20,000 pairs): the browser filters without knowing the rules."""
    shown = set(shown_ids)
    bits = bytearray((len(ids) + 7) // 8)
    for i, pid in enumerate(ids):
        if pid in shown:
            bits[i >> 3] |= 1 << (i & 7)
    return base64.b64encode(bytes(bits)).decode("ascii")


def shown_mask(ids: tuple[str, ...], shown_ids) -> str:
    """The bit mask, or for a small selection whatever is shorter: ``i:`` and
    the positions in base 36 (a search that finds a few pairs among 20,000
    sends a few bytes, not 2.5 kB)."""
    mask = bit_mask(ids, shown_ids)
    shown = set(shown_ids)
    listed = "i:" + ",".join(_base36(i) for i, pid in enumerate(ids) if pid in shown)
    return listed if len(listed) < len(mask) else mask


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out
