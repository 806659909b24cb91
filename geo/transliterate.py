"""Cyrillic -> Latin in the spellings people actually use for Russian places.

German (Duden) spelling is how German sources write Russian towns
("Schtschjolkowo", "Jaroslawl"); English sources use BGN/PCGN ("Shchyolkovo");
scholars use the scientific system or ISO 9 ("Ščëlkovo"). The English and
scholarly schemes come from iuliia; iuliia has no German scheme, so the
Duden rules are written down here as an iuliia schema.
"""
from __future__ import annotations

import re
from functools import lru_cache

import iuliia
from iuliia.schema import TranslitSchema

_VOWELS = "аеёиоуыэюяъь"

GERMAN_DUDEN = TranslitSchema(
    name="de_duden",
    description="German transliteration of Russian names as in the Duden",
    mapping={
        "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch",
        "з": "s", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z",
        "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e",
        "ю": "ju", "я": "ja",
    },
    # e is "je" at the start of a word and after a vowel or a sign; ё after
    # ж, ч or ш is a plain o (Gorbatschow; after щ the Duden keeps "jo":
    # Schtschjolkowo); s between vowels is doubled.
    prev_mapping={
        "е": "je",
        **{v + "е": "je" for v in _VOWELS},
        **{c + "ё": "o" for c in "жчш"},
    },
    next_mapping={
        **{"й" + v: "j" for v in "аоуэ"},
    },
    ending_mapping={"ий": "i", "ый": "y", "ой": "oi"},
)


def _with_intervocalic_ss(cyrillic: str) -> str:
    # Duden writes с between vowels as "ss" (Россия -> Rossija); iuliia maps
    # one letter at a time, so mark those s before translating.
    return re.sub(r"(?<=[аеёиоуыэюя])с(?=[аеёиоуыэюя])", "сс", cyrillic)


SCHEMES = {
    "de": lambda s: GERMAN_DUDEN.translate(_with_intervocalic_ss(s)),
    "en": iuliia.BGN_PCGN.translate,
    "wikipedia": iuliia.WIKIPEDIA.translate,
    "scientific": iuliia.SCIENTIFIC.translate,
    "iso9": iuliia.GOST_779.translate,
}

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


@lru_cache(maxsize=65536)
def latin_forms(cyrillic: str) -> tuple[str, ...]:
    """Every Latin spelling of a Cyrillic name under the schemes above."""
    forms: list[str] = []
    for translate in SCHEMES.values():
        form = translate(cyrillic)
        if form not in forms:
            forms.append(form)
    return tuple(forms)


def to_german(cyrillic: str) -> str:
    return SCHEMES["de"](cyrillic)


def to_english(cyrillic: str) -> str:
    return SCHEMES["en"](cyrillic)
