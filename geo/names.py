"""Normalised forms of place names, so that spelling variants meet in one key."""
from __future__ import annotations

import re
import unicodedata

# Letters that Unicode decomposition does not simplify, or that German and
# Russian readers treat as equivalent.
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_PLAIN = str.maketrans({"ß": "ss", "ẞ": "ss", "ё": "е", "ʹ": "", "ʺ": "", "’": "", "'": "", "ʼ": "", "`": ""})

# Official prefixes that are not part of the name a gazetteer knows.
PREFIXES = (
    "landeshauptstadt", "hansestadt", "lutherstadt", "universitaetsstadt", "universitatsstadt",
    "kreisfreie stadt", "grosse kreisstadt", "kreisstadt", "stadt", "gemeinde", "markt",
    "freie und hansestadt", "freie hansestadt", "city of", "town of",
    "город", "гор.", "г.", "г ", "пгт", "посёлок", "поселок", "село", "городской округ", "муниципальное образование",
    "gorod", "stadtgemeinde",
)

_SAINT = re.compile(r"\b(st\.?|saint|sankt|sv\.?)(?=[\s\-])", re.IGNORECASE)
_QUALIFIER = re.compile(r"\s*(\([^)]*\)|/.*$|,.*$)")
_GERMAN_QUALIFIER = re.compile(
    r"\s+(a\.\s*d\.?|a\.\s*m\.?|i\.\s*d\.?|an der|an den|am|im|in der|ob der|bei|vor der)(\s+.*)?$", re.IGNORECASE
)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    # Keep й and ё distinct from и and е before the NFKD strip eats their marks.
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def fold(text: str, german: bool = True) -> str:
    """A key that ignores case, accents, punctuation, spaces and hyphens.

    With ``german=True`` umlauts become ae/oe/ue (Muehlhausen = Mühlhausen);
    with ``german=False`` they lose their dots (Muhlhausen = Mühlhausen).
    """
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.replace("й", "\0")  # protect й from accent stripping
    text = text.translate(_GERMAN if german else {}).translate(_PLAIN)
    text = _SAINT.sub("sankt", text)
    text = strip_accents(text).replace("\0", "й")
    return _squash(text)


def keys(text: str) -> set[str]:
    """The folded keys of one spelling (with both umlaut treatments)."""
    return {k for k in (fold(text, True), fold(text, False)) if k}


def strip_prefix(text: str) -> str:
    low = text.casefold().strip()
    for prefix in sorted(PREFIXES, key=len, reverse=True):
        if low.startswith(prefix) and len(low) > len(prefix) + 1:
            return text.strip()[len(prefix):].strip(" .")
    return text.strip()


def variants(text: str) -> list[str]:
    """Simpler spellings of a name, most specific first.

    "Landeshauptstadt Düsseldorf" -> "Düsseldorf"; "Halle (Saale)" -> "Halle";
    "Mühlhausen/Thüringen" -> "Mühlhausen"; "Frankfurt a. M." -> "Frankfurt".
    """
    out: list[str] = []

    def add(value: str) -> None:
        value = value.strip(" ,.-")
        if value and value not in out:
            out.append(value)

    add(text)
    base = strip_prefix(text)
    add(base)
    for candidate in list(out):
        add(_QUALIFIER.sub("", candidate))
    for candidate in list(out):
        add(_GERMAN_QUALIFIER.sub("", candidate))
    for candidate in list(out):
        add(strip_prefix(candidate))
    return out
