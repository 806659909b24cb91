"""Synthetic partnership data for benchmarks, in the data contract's format.

Real German and Russian towns from the gazetteer (GeoNames), each with its
ISO 3166-2 region, paired at random with plausible founding years, kinds and
statuses. Every row's id starts with ``syn-`` and its note says it is
synthetic, so it can never be mistaken for researched data. The conferences
are the real ones, copied.

    from geo.synthetic import make_dataset
    data_dir = make_dataset(20_000, seed=1, out_dir=Path("/tmp/syn20k"))
"""
from __future__ import annotations

import csv
import json
import random
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from .gazetteer import Gazetteer, Place
from .gazetteer import load as load_gazetteer
from .regions import DATA_DIR, load_regions
from .transliterate import is_cyrillic

ID_PREFIX = "syn-"
MIN_POPULATION = 2000  # towns that could plausibly have a partnership
STATUS_WEIGHTS = {"active": 60, "suspended": 25, "ended": 5, "unknown": 8, "proposed": 2}
KIND_WEIGHTS = {"partnership": 85, "friendship": 15}
SYNTHETIC_NOTE = {
    "de": "Synthetische Zeile für Leistungsmessungen, keine echte Partnerschaft.",
    "ru": "Синтетическая строка для замеров производительности, не настоящее партнёрство.",
    "en": "Synthetic row for benchmarks, not a real partnership.",
}


def _wiki(lang: str, title: str) -> str:
    return f"https://{lang}.wikipedia.org/wiki/{quote(title.replace(' ', '_'))}"


def _towns(gazetteer: Gazetteer, country: str) -> list[Place]:
    """Towns of ``country`` in a known region whose name no other place of that
    region shares, so the honest geocoder can place every one of them (and,
    in Russia, with a Cyrillic name for ru_name_ru)."""
    known = set(load_regions())
    places = [p for p in gazetteer.places.values() if p.country == country and p.region in known]
    per_region = Counter((p.region, p.name.casefold()) for p in places)
    # alternate names count too: "Halle" is also an alternate of Halle (Saale)
    taken = Counter()
    for p in places:
        for spelling in {p.name.casefold(), *(n.casefold() for n in p.names)}:
            taken[(p.region, spelling)] += 1
    chosen = [p for p in places if p.population >= MIN_POPULATION and per_region[(p.region, p.name.casefold())] == 1
              and taken[(p.region, p.name.casefold())] == 1 and "," not in p.name
              and (country != "RU" or _cyrillic(p))]
    return sorted(chosen, key=lambda p: p.geonameid)


def _cyrillic(place: Place) -> str:
    return next((n for n in place.names if is_cyrillic(n) and not any(ch.isdigit() for ch in n)), "")


def partnership_rows(n_pairs: int, seed: int, gazetteer: Gazetteer | None = None) -> list[dict]:
    """``n_pairs`` synthetic partnership rows (dicts keyed by column name),
    each pair of towns at most once; the same seed gives the same rows."""
    gazetteer = gazetteer or load_gazetteer()
    rng = random.Random(seed)
    german, russian = _towns(gazetteer, "DE"), _towns(gazetteer, "RU")
    if n_pairs > len(german) * len(russian):
        raise ValueError(f"at most {len(german) * len(russian):,} distinct pairs from these towns")
    # larger towns have more partners, as in the real data
    de_weights = [p.population ** 0.5 for p in german]
    ru_weights = [p.population ** 0.5 for p in russian]
    statuses, status_w = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    kinds, kind_w = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    pairs: set[tuple[int, int]] = set()
    rows = []
    while len(rows) < n_pairs:
        de = rng.choices(german, de_weights)[0]
        ru = rng.choices(russian, ru_weights)[0]
        if (de.geonameid, ru.geonameid) in pairs:
            continue
        pairs.add((de.geonameid, ru.geonameid))
        status = rng.choices(statuses, status_w)[0]
        since = rng.randint(1955, 2021) if status != "proposed" else ""
        status_date = {"suspended": f"2022-{rng.randint(3, 12):02d}", "ended": f"{rng.randint(2022, 2024)}"}.get(status, "")
        ru_cyrillic = _cyrillic(ru)
        rows.append({
            "id": f"{ID_PREFIX}{len(rows) + 1:06d}",
            "de_name": de.name, "de_region": de.region, "de_name_ru": "", "de_name_ru_source": "",
            "ru_name": ru.name, "ru_name_ru": ru_cyrillic, "ru_name_en": ru.name, "ru_region": ru.region,
            "level": "municipality", "kind": rng.choices(kinds, kind_w)[0],
            "since": since, "status": status, "status_date": status_date,
            "text_lang": "en",
            "status_note_de": "", "status_note_ru": "", "status_note_en": "",
            "note_de": SYNTHETIC_NOTE["de"], "note_ru": SYNTHETIC_NOTE["ru"], "note_en": SYNTHETIC_NOTE["en"],
            "source": " ".join([_wiki("de", de.name)] + ([_wiki("ru", ru_cyrillic)] if ru_cyrillic else [])),
            "de_lat": "", "de_lon": "", "ru_lat": "", "ru_lon": "", "position_note": "",
            # the old schema's single-language columns, for a reader that still has them
            "status_note": "", "note": SYNTHETIC_NOTE["en"],
        })
    return rows


def make_dataset(n_pairs: int, seed: int, out_dir: Path) -> Path:
    """Write ``partnerships.csv`` (``n_pairs`` synthetic rows), the real
    ``conferences.csv`` and a ``metadata.json`` into ``out_dir``; returns it.

    The columns are geo.datasets.PARTNERSHIP_COLUMNS as they are when called,
    so the files follow the current data contract.
    """
    from .datasets import PARTNERSHIP_COLUMNS  # at call time: the schema is allowed to change

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = partnership_rows(n_pairs, seed)
    with (out_dir / "partnerships.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(PARTNERSHIP_COLUMNS), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    shutil.copyfile(DATA_DIR / "conferences.csv", out_dir / "conferences.csv")
    (out_dir / "metadata.json").write_text(json.dumps({"updated": "2026-01-01"}) + "\n", encoding="utf-8")
    return out_dir
