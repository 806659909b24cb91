"""What the viewer chose, as one value: read from and written to the URL's
query string, and applied to the partnerships table.

Nothing from the link is trusted: every value is parsed, years are clamped
into the data's range and put in order, and whatever could not be used is
kept (``Filter.ignored``, ``Filter.adjusted``) so the page can say so in
plain text.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

import pandas as pd

from geo import names
from geo.csvio import visible
from geo.datasets import KINDS, LEVELS, STATUSES
from geo.regions import is_region_code, region_name

LANGS = ("de", "ru", "en")
MAX_QUERY = 100
MAX_SHOWN = 200  # characters of a rejected value repeated back to the viewer


def _text(value) -> str:
    """One query value as text: the last of several, never a lone surrogate."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return str("" if value is None else value).encode("utf-8", "replace").decode("utf-8")


def _many(params: Mapping, key: str) -> list[str]:
    value = params.get(key)
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        value = ",".join(str(v) for v in value)
    return [v.strip() for v in _text(value).split(",") if v.strip()]


def _year(params: Mapping, key: str, ignored: list[str]) -> int | None:
    """A whole number, or None; anything else is set aside in ``ignored``."""
    text = _text(params.get(key)).strip()
    if not text:
        return None
    # ASCII digits only: int() would also take "١٩٩٠" or "1_990"
    if not re.fullmatch(r"[+-]?[0-9]{1,30}", text):
        ignored.append(f"{key}={visible(text, MAX_SHOWN)}")
        return None
    return int(text)


@dataclass(frozen=True)
class Filter:
    de_regions: tuple[str, ...] = ()
    ru_regions: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    query: str = ""
    town: str = ""
    ignored: tuple[str, ...] = field(default=(), compare=False)  # query values we could not use
    # years from the link that were changed: (parameter, as given, as used)
    adjusted: tuple[tuple[str, str, str], ...] = field(default=(), compare=False)
    swapped: tuple[str, str] | None = field(default=None, compare=False)  # (from, to) as given, when reversed

    @classmethod
    def from_query(cls, params: Mapping, years: tuple[int, int] | None = None) -> "Filter":
        """Read a filter from query parameters; unknown values are set aside, not fatal.

        ``years``: the data's (first, last) year. Years are then put in order
        (a reversed range is swapped) and clamped into it; a year on a bound
        means "no limit" (None). Every change is recorded in ``adjusted`` /
        ``swapped`` so the page can say what it did."""
        ignored: list[str] = []

        def pick(key: str, ok) -> tuple[str, ...]:
            good = []
            for value in _many(params, key):
                if ok(value):
                    good.append(value)
                else:
                    ignored.append(f"{key}={visible(value, MAX_SHOWN)}")
            return tuple(dict.fromkeys(good))

        def one(key: str, allowed: tuple[str, ...]) -> None:
            value = _text(params.get(key)).strip()
            if value and value not in allowed:
                ignored.append(f"{key}={visible(value, MAX_SHOWN)}")

        year_from, year_to = _year(params, "from", ignored), _year(params, "to", ignored)
        adjusted: list[tuple[str, str, str]] = []
        swapped = None
        if year_from is not None and year_to is not None and year_from > year_to:
            swapped = (str(year_from), str(year_to))
            year_from, year_to = year_to, year_from
        if years is not None:
            low, high = years

            def clamp(key: str, year: int | None) -> int | None:
                if year is None:
                    return None
                used = min(max(year, low), high)
                if used != year:
                    adjusted.append((key, visible(str(year), MAX_SHOWN), str(used)))
                return used

            year_from, year_to = clamp("from", year_from), clamp("to", year_to)
            year_from = None if year_from == low else year_from
            year_to = None if year_to == high else year_to
        one("lang", LANGS)
        one("tiles", ("on", "off"))
        one("mode", ("present",))
        return cls(
            de_regions=pick("de", lambda v: is_region_code(v, "DE")),
            ru_regions=pick("ru", lambda v: is_region_code(v, "RU")),
            year_from=year_from,
            year_to=year_to,
            kinds=pick("kind", lambda v: v in KINDS),
            statuses=pick("status", lambda v: v in STATUSES),
            levels=pick("level", lambda v: v in LEVELS),
            query=_text(params.get("q")).strip()[:MAX_QUERY],
            town=_text(params.get("town")).strip()[:200],
            ignored=tuple(ignored),
            adjusted=tuple(adjusted),
            swapped=swapped,
        )

    def to_query(self) -> dict[str, str]:
        """Only what differs from the default, so that links stay short."""
        out = {
            "de": ",".join(self.de_regions),
            "ru": ",".join(self.ru_regions),
            "from": "" if self.year_from is None else str(self.year_from),
            "to": "" if self.year_to is None else str(self.year_to),
            "kind": ",".join(self.kinds),
            "status": ",".join(self.statuses),
            "level": ",".join(self.levels),
            "q": self.query,
            "town": self.town,
        }
        return {k: v for k, v in out.items() if v}

    def with_town(self, town: str) -> "Filter":
        return replace(self, town=town)

    def with_query(self, query: str) -> "Filter":
        return replace(self, query=query)

    @property
    def is_default(self) -> bool:
        return not any(self.to_query().get(k) for k in ("de", "ru", "from", "to", "kind", "status", "level", "q"))


def year_bounds(frame: pd.DataFrame) -> tuple[int, int]:
    """The slider's range: the first founding year to the last (at least 2022), never a single year."""
    years = frame["since"].dropna()
    if years.empty:
        return 1950, pd.Timestamp.today().year
    low = int(years.min())
    return low, max(int(years.max()), 2022, low + 1)


def clamp_years(years, low: int, high: int) -> tuple[int, int]:
    """A (from, to) pair inside low..high and in order."""
    start, end = sorted(int(y) for y in years)
    return min(max(start, low), high), max(min(end, high), low)


def carry_years(years, old_bounds, low: int, high: int) -> tuple[int, int]:
    """The year range after the data's range changed from ``old_bounds`` to
    (low, high): the full range stays the full range; any other is clamped."""
    if old_bounds is not None and tuple(years) == tuple(old_bounds):
        return low, high
    return clamp_years(years, low, high)


def link_notes(chosen: Filter, t, low: int, high: int, town_keys=()) -> list[str]:
    """What the page did with the link's values, in the viewer's language (plain text: show it with text.md)."""
    notes = []
    ignored = list(chosen.ignored)
    if chosen.town and chosen.town not in town_keys:
        ignored.append(f"town={visible(chosen.town, MAX_SHOWN)}")
    if ignored:
        notes.append(t("filters.ignored", values=", ".join(ignored)))
    if chosen.swapped:
        notes.append(t("filters.years_swapped", given_from=chosen.swapped[0], given_to=chosen.swapped[1]))
    for param, given, used in chosen.adjusted:
        notes.append(t("filters.year_clamped", param=param, given=given, used=used, low=str(low), high=str(high)))
    return notes


def apply(frame: pd.DataFrame, chosen: Filter) -> pd.DataFrame:
    """The rows ``chosen`` lets through.

    A row with no known founding year is shown while the year range is the
    full range, and hidden once the viewer narrows it.
    """
    mask = pd.Series(True, index=frame.index)
    if chosen.de_regions:
        mask &= frame["de_region"].isin(chosen.de_regions)
    if chosen.ru_regions:
        mask &= frame["ru_region"].isin(chosen.ru_regions)
    low, high = year_bounds(frame)
    year_from = chosen.year_from if chosen.year_from is not None else low
    year_to = chosen.year_to if chosen.year_to is not None else high
    if year_from > low or year_to < high:
        since = frame["since"]
        mask &= since.notna() & (since.fillna(0) >= year_from) & (since.fillna(0) <= year_to)
    if chosen.kinds:
        mask &= frame["kind"].isin(chosen.kinds)
    if chosen.statuses:
        mask &= frame["status"].isin(chosen.statuses)
    if chosen.levels:
        mask &= frame["level"].isin(chosen.levels)
    if chosen.query:
        mask &= search(frame, chosen.query)
    return frame[mask]


# -- search --------------------------------------------------------------------
NAME_COLUMNS = ("de_name", "de_name_ru", "ru_name", "ru_name_ru", "ru_name_en")
REGION_COLUMNS = ("de_region", "ru_region")
_WORD = re.compile(r"[^\W_]+")
_SAINT = {"st", "sv", "saint", "sankt", "санкт"}


@lru_cache(maxsize=100_000)
def _forms(word: str) -> frozenset[str]:
    """A word as it may be typed: folded with umlauts as ae/oe/ue and without
    their dots (Thüringen = Thueringen = Thuringen); every "Saint" is "sankt"."""
    forms = {names.fold(word), names.fold(word, german=False)} - {""}
    return frozenset(forms | {"sankt"}) if forms & _SAINT else frozenset(forms)


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order (a query's words)."""
    return [names.fold(w) for w in _WORD.findall(text or "") if names.fold(w)]


def _tokens(text: str) -> frozenset[str]:
    return frozenset().union(*(_forms(w) for w in _WORD.findall(text or "")))


@lru_cache(maxsize=1024)
def region_tokens(code: str) -> frozenset[str]:
    """The words of a region's names in German, Russian and English."""
    return frozenset().union(*(_tokens(region_name(code, lang)) for lang in LANGS)) if code else frozenset()


def search(frame: pd.DataFrame, query: str) -> pd.Series:
    """Rows that match every word of ``query``, in any order and any of the
    three languages: each word must occur in a word of the row's place names
    (NAME_COLUMNS) or of its regions' names ("Kaluga Oblast", "Oblast Kaluga",
    "Калужская", "Thüringen", "Тюрингия", "Kreis Düren")."""
    wanted = [_forms(w) for w in _WORD.findall(query or "")]
    wanted = [forms for forms in wanted if forms]
    if not wanted or frame.empty:
        return pd.Series(True, index=frame.index)
    columns = [frame[c].fillna("").astype(str).tolist() if c in frame else [""] * len(frame)
               for c in NAME_COLUMNS + REGION_COLUMNS]
    rows: dict[tuple, frozenset[str]] = {}
    row_tokens = []
    for values in zip(*columns):
        if values not in rows:  # many rows share their names
            named = frozenset().union(*(_tokens(v) for v in values[:len(NAME_COLUMNS)]))
            rows[values] = named.union(*(region_tokens(c) for c in values[len(NAME_COLUMNS):]))
        row_tokens.append(rows[values])
    vocabulary = frozenset().union(*rows.values())
    # each query word as the set of known words containing it; a row must hit every set
    hits = [frozenset(t for t in vocabulary if any(form in t for form in forms)) for forms in wanted]
    return pd.Series([all(tokens & hit for hit in hits) for tokens in row_tokens], index=frame.index, dtype=bool)


def place_names(frame: pd.DataFrame) -> list[str]:
    """Every place and region name of ``frame`` in all three languages, once each."""
    seen: dict[str, str] = {}
    for column in NAME_COLUMNS:
        if column in frame:
            for name in frame[column].dropna().astype(str):
                seen.setdefault(" ".join(words(name)), name)
    for column in REGION_COLUMNS:
        if column in frame:
            for code in set(frame[column].dropna().astype(str)) - {""}:
                for lang in LANGS:
                    name = region_name(code, lang)
                    seen.setdefault(" ".join(words(name)), name)
    seen.pop("", None)
    return list(seen.values())


def suggest(frame: pd.DataFrame, query: str, limit: int = 3) -> list[str]:
    """The names in ``frame`` closest to ``query`` (rapidfuzz, word order
    ignored), each of which finds at least one row of ``frame``."""
    from rapidfuzz import fuzz, process

    wanted = " ".join(words(query))
    if not wanted:
        return []
    choices = place_names(frame)
    keys = [" ".join(words(c)) for c in choices]
    # WRatio: word order and a missing word count little ("Kaluga Oblst" -> "Oblast Kaluga");
    # below 65 the "closest" names have nothing in common with the query
    best = process.extract(wanted, keys, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=65)
    out: list[str] = []
    found: set[frozenset] = set()
    for _key, _score, index in best:
        rows = frozenset(frame.index[search(frame, choices[index])])
        if rows and rows not in found:  # two names that find the same rows are one suggestion
            found.add(rows)
            out.append(choices[index])
        if len(out) == limit:
            break
    return out


def describe(chosen: Filter, t) -> str:
    """The filter in words, for the title line of the presentation mode."""
    parts = []
    regions = [t.region(c) for c in chosen.de_regions + chosen.ru_regions]
    if regions:
        parts.append(", ".join(regions))
    if chosen.year_from is not None or chosen.year_to is not None:
        parts.append(f"{chosen.year_from or '…'}–{chosen.year_to or '…'}")
    if chosen.kinds:
        parts.append(", ".join(t.kind(k) for k in chosen.kinds))
    if chosen.statuses:
        parts.append(", ".join(t.status(s) for s in chosen.statuses))
    if chosen.levels:
        parts.append(", ".join(t.level(v) for v in chosen.levels))
    if chosen.query:
        parts.append(t.quote(chosen.query))
    return " · ".join(parts) if parts else t("present.all")
