"""German Länder and Russian federal subjects: ISO 3166-2 codes, GeoNames
admin1 codes, names in German, Russian and English, and capitals.

The table lives in ``data/regions.csv``; pycountry is the authority on which
codes exist and supplies names for any code the table lacks.
"""
from __future__ import annotations

import gettext
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ENV_DATA_DIR = "PARTNERMAP_DATA_DIR"
REGIONS_CSV = DATA_DIR / "regions.csv"
COUNTRIES = ("DE", "RU")
LANGS = ("de", "ru", "en")


def data_dir() -> Path:
    """The folder of the datasets: ``$PARTNERMAP_DATA_DIR`` when set, else the
    repository's ``data/``. Read on every call, so a changed variable counts."""
    configured = os.environ.get(ENV_DATA_DIR, "").strip()
    return Path(configured).expanduser() if configured else DATA_DIR


@dataclass(frozen=True)
class Region:
    code: str
    admin1: str
    name_de: str
    name_ru: str
    name_en: str
    capital: str
    capital_ru: str

    @property
    def country(self) -> str:
        return self.code[:2]

    def name(self, lang: str = "de") -> str:
        return {"de": self.name_de, "ru": self.name_ru, "en": self.name_en}.get(lang, self.name_de)


def data_file(name: str) -> Path:
    """``name`` in the data folder in use; the repository's copy when that
    folder has none (a folder holding only a partnership list still gets the
    reference tables: regions, district seats)."""
    own = data_dir() / name
    return own if own.is_file() else DATA_DIR / name


def regions_csv() -> Path:
    """The regions table of the data folder in use (see :func:`data_file`)."""
    return data_file("regions.csv")


def load_regions(path: Path | None = None) -> dict[str, Region]:
    """The regions table by ISO code (read with the project's one CSV reader,
    so a spreadsheet's BOM or semicolons do not break it); by default that of
    the data folder in use."""
    return _load_regions(Path(path) if path is not None else regions_csv())


@lru_cache(maxsize=4)
def _load_regions(path: Path) -> dict[str, Region]:
    from .csvio import read_table

    table = read_table(path)
    fields = list(Region.__dataclass_fields__)
    return {record.get("code"): Region(**{f: record.get(f) for f in fields})
            for record in table.records if record.get("code")}


def is_region_code(code: str, country: str | None = None) -> bool:
    """True for an ISO 3166-2 code that pycountry knows (in ``country``, if given)."""
    sub = pycountry.subdivisions.get(code=code)
    return sub is not None and (country is None or sub.country_code == country)


def region_for_admin1(country: str, admin1: str) -> str | None:
    for region in load_regions().values():
        if region.country == country and region.admin1 == admin1:
            return region.code
    return None


def region_name(code: str, lang: str = "de") -> str:
    """The region's name in ``lang``; pycountry's translation for codes not in the table."""
    return _region_name(regions_csv(), code, lang)


@lru_cache(maxsize=1024)
def _region_name(table: Path, code: str, lang: str) -> str:
    region = load_regions(table).get(code)
    if region is not None:
        return region.name(lang)
    sub = pycountry.subdivisions.get(code=code)
    if sub is None:
        return code
    translation = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
    return translation.gettext(sub.name)


def pycountry_names(code: str) -> set[str]:
    """Every name pycountry knows for ``code``, in any of our languages."""
    sub = pycountry.subdivisions.get(code=code)
    if sub is None:
        return set()
    names = {sub.name}
    for lang in LANGS:
        translation = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        names.add(translation.gettext(sub.name))
    return names
