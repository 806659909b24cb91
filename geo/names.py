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
    r"\s+(an der|an den|am|im|in der|in|ob der|bei|vor der)(\s+.*)?$", re.IGNORECASE
)

# German place-name abbreviations, written out before anything else looks at
# the name: "Frankfurt a. d. Oder" is "Frankfurt an der Oder", never just
# "Frankfurt". Keys are folded (lower case, no dots); "a." and "i." take the
# article of the word that follows (am Main, im Breisgau, in Sachsen).
_ABBREVIATED_WORDS = {
    "m": "Main", "rh": "Rhein", "n": "Neckar", "br": "Breisgau", "vogtl": "Vogtland", "opf": "Oberpfalz",
    "obb": "Oberbayern", "ob": "Oberbayern", "ofr": "Oberfranken", "ufr": "Unterfranken", "mfr": "Mittelfranken",
    "westf": "Westfalen", "holst": "Holstein", "sa": "Sachsen", "thür": "Thüringen", "thuer": "Thüringen",
    "th": "Thüringen", "meckl": "Mecklenburg", "pom": "Pommern", "ostpr": "Ostpreußen", "erzgeb": "Erzgebirge",
    "fichtelgeb": "Fichtelgebirge", "schwarzw": "Schwarzwald", "odw": "Odenwald", "allg": "Allgäu",
    "oldb": "Oldenburg", "o": "Oder", "s": "Saale", "d": "Donau", "h": "Höhe", "w": "Weinstraße",
    "ts": "Taunus", "t": "Tauber", "hzg": "Herzogtum", "lauenb": "Lauenburg", "sächs": "Sächsische", "eichsf": "Eichsfeld",
}
# the dative article of a written-out word after "a." / "i."
_ARTICLE_A = {"Main": "am", "Rhein": "am", "Neckar": "am", "Inn": "am", "Lech": "am", "Harz": "am",
              "Kocher": "am", "Rennsteig": "am", "Bodensee": "am", "Ammersee": "am", "Chiemsee": "am"}
_ARTICLE_I = {"Sachsen": "in", "Holstein": "in", "Westfalen": "in", "Oberbayern": "in", "Oberfranken": "in",
              "Unterfranken": "in", "Mittelfranken": "in", "Thüringen": "in", "Mecklenburg": "in",
              "Pommern": "in", "Ostpreußen": "in", "Oldenburg": "in", "Oberpfalz": "in der"}
_ABBR_TOKEN = r"([A-Za-zÄÖÜäöüß]+)\.?"
_TWO_LETTER = re.compile(r"\b(a|i|v|o)\.\s*d\.\s*" + _ABBR_TOKEN, re.IGNORECASE)  # a. d. Oder, i. d. OPf.
_ONE_LETTER = re.compile(r"\b(a|i|b)\.\s*" + _ABBR_TOKEN, re.IGNORECASE)  # a. M., i. Br., b. Coburg
_LONE_WORD = re.compile(r"(?<=[(/\s])(" + "|".join(sorted((k for k in _ABBREVIATED_WORDS if len(k) > 2), key=len,
                                                          reverse=True)) + r")\.(?=\)|\s|$)", re.IGNORECASE)
_TWO_LETTER_PREPOSITION = {"a": "an der", "i": "in der", "v": "vor der", "o": "ob der"}


def _word(abbreviation: str) -> str:
    return _ABBREVIATED_WORDS.get(abbreviation.casefold(), abbreviation)


def expand_abbreviations(text: str) -> str:
    """German abbreviations written out: "Frankfurt a. d. Oder" -> "Frankfurt an der
    Oder", "Frankfurt a. M." -> "Frankfurt am Main", "Freiburg i. Br." -> "Freiburg im
    Breisgau", "Halle (Westf.)" -> "Halle (Westfalen)". Other text is unchanged."""

    def two(m: re.Match) -> str:
        return f"{_TWO_LETTER_PREPOSITION[m.group(1).lower()]} {_word(m.group(2))}"

    def one(m: re.Match) -> str:
        letter, word = m.group(1).lower(), _word(m.group(2))
        if letter == "b":
            return f"bei {word}"
        if letter == "a":
            return f"{_ARTICLE_A.get(word, 'am')} {word}"
        return f"{_ARTICLE_I.get(word, 'im')} {word}"

    out = _TWO_LETTER.sub(two, text)
    out = _ONE_LETTER.sub(one, out)
    out = _LONE_WORD.sub(lambda m: _word(m.group(1)), out)
    return re.sub(r"\s+", " ", out).strip()


_QUALIFIER_STOPWORDS = {"an", "am", "im", "in", "der", "den", "die", "dem", "ob", "bei", "vor", "und", "the", "on"}


def qualifier_tokens(qualifier: str) -> set[str]:
    """The words of a qualifier that name a river or a landscape ("an der Oder" -> {"oder"})."""
    words = re.split(r"[\s()/,.\-]+", qualifier)
    return {fold(w) for w in words if w and w.casefold() not in _QUALIFIER_STOPWORDS and len(fold(w)) >= 2}


def split_qualifier(text: str) -> tuple[str, str]:
    """(name, qualifier): "Frankfurt (Oder)" -> ("Frankfurt", "(Oder)"); "Halle an der
    Saale" -> ("Halle", "an der Saale"); ("Kaluga", "") where there is none."""
    text = text.strip()
    m = _QUALIFIER.search(text)
    if m and m.start() > 0:
        return text[:m.start()].strip(" ,.-"), text[m.start():].strip()
    m = _GERMAN_QUALIFIER.search(text)
    if m and m.start() > 0 and m.group(2):
        return text[:m.start()].strip(" ,.-"), text[m.start():].strip()
    return text, ""


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


def qualified_variants(text: str) -> list[tuple[str, str]]:
    """Simpler spellings of a name, most specific first, each with the
    qualifier it lost ("" if none): a caller must not let a variant stripped of
    "an der Oder" match a town whose name says "am Main".

    "Landeshauptstadt Düsseldorf" -> "Düsseldorf"; "Halle (Saale)" -> ("Halle",
    "(Saale)"); "Frankfurt a. d. Oder" -> "Frankfurt an der Oder", then
    ("Frankfurt", "an der Oder").
    """
    out: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(value: str, lost: str = "") -> None:
        value = value.strip(" ,.-")
        if value and value not in seen:
            seen.add(value)
            out.append((value, lost))

    expanded = expand_abbreviations(text)
    # a name still holding an abbreviation is not itself looked up: "a." matches nothing real
    if expanded == text:
        add(text)
    add(expanded)
    add(strip_prefix(expanded))
    for candidate, _ in list(out):
        base, qualifier = split_qualifier(candidate)
        if qualifier:
            add(base, qualifier)
            inner_base, inner = split_qualifier(base)  # "Weiden (Opf.) an der Naab"
            if inner:
                add(inner_base, f"{inner} {qualifier}")
    for candidate, lost in list(out):
        add(strip_prefix(candidate), lost)
    return out


def variants(text: str) -> list[str]:
    """Simpler spellings of a name, most specific first (see qualified_variants)."""
    return [value for value, _ in qualified_variants(text)]
