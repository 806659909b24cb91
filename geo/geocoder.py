"""Place names -> positions, offline, without ever guessing.

Each step runs only where the one before found nothing, in order of trust:
manual position, region name (-> its capital), district or borough (-> its
seat), exact name, GeoNames alternate name, normalised spelling,
transliteration of the candidates' Cyrillic names, fuzzy match, and - only
if switched on - the online geocoder. Candidates outside the given country
and region never count. A name nothing places comes back unplaced, with the
reason, never with a guessed point.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rapidfuzz import fuzz, process

from . import names
from .gazetteer import ALTERNATE, EXACT, Gazetteer, Place
from .gazetteer import load as load_gazetteer
from .regions import DATA_DIR, load_regions, pycountry_names
from .transliterate import is_cyrillic, latin_forms

DISTRICTS_CSV = DATA_DIR / "district_seats.csv"

MANUAL, REGION_CAPITAL, DISTRICT_SEAT = "manual", "region capital", "district seat"
EXACT_M, ALTERNATE_M, NORMALISED, TRANSLITERATED, FUZZY, ONLINE = (
    "exact", "alternate", "normalised", "transliterated", "fuzzy", "online")
METHODS = (MANUAL, REGION_CAPITAL, DISTRICT_SEAT, EXACT_M, ALTERNATE_M, NORMALISED, TRANSLITERATED, FUZZY, ONLINE)
SCORES = {MANUAL: 100.0, REGION_CAPITAL: 100.0, DISTRICT_SEAT: 95.0, EXACT_M: 100.0, ALTERNATE_M: 97.0,
          NORMALISED: 95.0, TRANSLITERATED: 90.0}

# Fuzzy matching places a name only when it is this close (0-100) and no other
# place comes within FUZZY_MARGIN of it: better unplaced than misplaced.
FUZZY_THRESHOLD = 90.0
FUZZY_MARGIN = 3.0
FUZZY_MIN_LENGTH = 5


@dataclass
class Match:
    query: str
    country: str
    region: str | None
    lat: float | None = None
    lon: float | None = None
    matched_name: str = ""
    geonameid: int | None = None
    method: str = ""
    score: float = 0.0
    matched_region: str = ""
    alternatives: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def placed(self) -> bool:
        return self.lat is not None and self.lon is not None

    def as_row(self) -> dict:
        return {
            "lat": "" if self.lat is None else round(self.lat, 5),
            "lon": "" if self.lon is None else round(self.lon, 5),
            "matched_name": self.matched_name,
            "geonameid": self.geonameid or "",
            "method": self.method,
            "score": round(self.score, 1) if self.placed else "",
            "note": self.note,
        }


def _describe(place: Place) -> str:
    return f"{place.name} ({place.region}, pop. {place.population:,}, geonameid {place.geonameid})"


_DISTRICT_PATTERNS = [
    re.compile(r"^(?:land)?kreis\s+(?P<seat>.+)$", re.I),
    re.compile(r"^(?:stadt)?bezirk\s+(?P<seat>.+)$", re.I),
    re.compile(r"^(?:rajon|rayon|район|district|okrug|округ|муниципальный округ)\s+(?P<seat>.+)$", re.I),
    re.compile(r"^(?P<seat>.+?)\s+(?:rajon|rayon|район|district|okrug|округ)$", re.I),
    re.compile(r"^(?:berlin|hamburg|moskau|moscow|москва)[-\s]+(?P<seat>.+)$", re.I),
]
_DISTRICT_WORD = re.compile(r"(kreis|bezirk|rajon|rayon|район|district|okrug|округ)", re.I)
_CITY_BOROUGH = re.compile(r"^(berlin|hamburg|moskau|moscow|москва)[-\s]", re.I)

_REGION_FORMS_DE = ("Oblast {x}", "Gebiet {x}", "Region {x}", "{x}er Gebiet", "Republik {x}", "Freistaat {x}",
                    "Land {x}", "Bundesland {x}")
_REGION_FORMS_EN = ("{x} Oblast", "{x} Region", "{x} Krai", "{x} Republic", "Republic of {x}", "State of {x}")
_CITY_STATES = {"DE-BE", "DE-HH", "DE-HB", "RU-MOW", "RU-SPE"}


class Geocoder:
    """Resolve German and Russian place names to GeoNames places."""

    def __init__(self, gazetteer: Gazetteer | None = None, online=None, districts: Path = DISTRICTS_CSV):
        self.gazetteer = gazetteer or load_gazetteer()
        self.online = online
        self._districts_path = districts

    # -- tables -----------------------------------------------------------
    @cached_property
    def region_aliases(self) -> dict[str, str]:
        """Normalised region name -> ISO code, for every spelling we accept."""
        aliases: dict[str, str] = {}
        for region in load_regions().values():
            if region.code in _CITY_STATES:
                continue
            spellings = {region.name_de, region.name_ru, region.name_en} | pycountry_names(region.code)
            for base in (region.name_de, region.name_en):
                core = re.sub(r"^(Oblast|Region|Republik|Freistaat)\s+|\s+(Oblast|Krai|Republic)$|^Republic of\s+", "", base)
                if core != base or region.country == "DE":
                    spellings |= {f.format(x=core) for f in _REGION_FORMS_DE + _REGION_FORMS_EN}
                    if core.casefold() != region.capital.casefold() and (region.country == "DE" or "Republi" in base):
                        spellings.add(core)  # "Bayern", "Tatarstan" - but never "Kaluga"
            ru = region.name_ru
            spellings |= {ru.replace("область", "обл."), ru.replace("Республика ", "")}
            for spelling in spellings:
                for key in names.keys(spelling):
                    aliases.setdefault(key, region.code)
        return aliases

    @cached_property
    def district_seats(self) -> dict[tuple[str, str], tuple[str, str, str]]:
        """(country, normalised district name) -> (seat name, region, note)."""
        table: dict[tuple[str, str], tuple[str, str, str]] = {}
        if not self._districts_path.exists():
            return table
        with self._districts_path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for spelling in [row["name"]] + [s for s in row.get("aliases", "").split(";") if s.strip()]:
                    for key in names.keys(spelling.strip()):
                        table[(row["country"], key)] = (row["seat"], row["region"], row.get("note", ""))
        return table

    # -- the pipeline -----------------------------------------------------
    def resolve(self, name: str, country: str, region: str | None = None,
                lat: float | None = None, lon: float | None = None, level: str | None = None) -> Match:
        name = (name or "").strip()
        region = (region or "").strip() or None
        match = Match(query=name, country=country, region=region)
        if lat is not None and lon is not None:
            match.lat, match.lon, match.method, match.score = lat, lon, MANUAL, SCORES[MANUAL]
            match.matched_name, match.matched_region = name, region or ""
            return match
        if not name:
            match.note = "empty name"
            return match
        if self._region_capital(name, country, region, match, level):
            return match
        for step in (self._district_seat, self._exact, self._normalised, self._transliterated, self._fuzzy):
            if step(name, country, region, match):
                return match
        if self.online is not None:
            hit = self.online.geocode(name, country, region)
            if hit is not None:
                match.lat, match.lon = hit.lat, hit.lon
                match.matched_name, match.method, match.score = hit.display_name, ONLINE, 80.0
                match.note = "placed by the online geocoder (Nominatim); check it"
                return match
        elsewhere = self._elsewhere(name, country, region)
        match.note = f"no place named {name!r} in {region or country}" + (f"; found {elsewhere}" if elsewhere else "")
        return match

    # each step fills ``match`` and returns True when it placed the name
    def _region_capital(self, name: str, country: str, region: str | None, match: Match, level: str | None = None) -> bool:
        if level == "municipality":
            return False
        # Only the whole name counts: "Brandenburg an der Havel" is a town, not the Land.
        code = next((self.region_aliases[k] for v in (name, names.strip_prefix(name)) for k in names.keys(v)
                     if k in self.region_aliases), None)
        if code is None or not code.startswith(country) or (region and region != code):
            return False
        capital_name = load_regions()[code].capital
        capital = self._candidates_exact(capital_name, country, code)
        if not capital:
            return False
        self._fill(match, capital, REGION_CAPITAL, f"capital of {code}")
        match.matched_name = f"{capital[0][0].name} (capital of {code})"
        return True

    def _district_seat(self, name: str, country: str, region: str | None, match: Match) -> bool:
        seat = None
        for key in names.keys(name):
            if (country, key) in self.district_seats:
                seat_name, seat_region, note = self.district_seats[(country, key)]
                if region and seat_region and seat_region != region:
                    continue
                seat = (seat_name, seat_region or region, note or "seat from data/district_seats.csv")
                break
        if seat is None and (_DISTRICT_WORD.search(name) or _CITY_BOROUGH.match(name)):
            for pattern in _DISTRICT_PATTERNS:
                m = pattern.match(name.strip())
                if m:
                    seat = (m.group("seat").strip(), region, "seat taken from the district's name")
                    break
        if seat is None:
            return False
        seat_name, seat_region, note = seat
        candidates = self._candidates_exact(seat_name, country, seat_region) or self._candidates_folded(seat_name, country, seat_region)
        if not candidates:
            return False
        self._fill(match, candidates, DISTRICT_SEAT, note)
        match.matched_name = f"{candidates[0][0].name} (seat of {name})"
        return True

    def _exact(self, name: str, country: str, region: str | None, match: Match) -> bool:
        candidates = self._candidates_exact(name, country, region)
        if not candidates:
            return False
        method = EXACT_M if candidates[0][1] == EXACT else ALTERNATE_M
        self._fill(match, candidates, method)
        return True

    def _normalised(self, name: str, country: str, region: str | None, match: Match) -> bool:
        for variant in names.variants(name):
            candidates = self._candidates_folded(variant, country, region)
            if candidates:
                self._fill(match, candidates, NORMALISED, f"matched as {variant!r}" if variant != name else "")
                return True
        return False

    def _transliterated(self, name: str, country: str, region: str | None, match: Match) -> bool:
        index = self.gazetteer.translit
        for variant in names.variants(name):
            ids = {i for k in names.keys(variant) for i in index.get(k, ())}
            places = self._rank([(self.gazetteer.places[i], ALTERNATE) for i in ids], country, region)
            if places:
                wanted = names.keys(variant)
                via = next((alt for alt in places[0][0].names if is_cyrillic(alt)
                            and any(names.keys(form) & wanted for form in latin_forms(alt))), "")
                self._fill(match, places, TRANSLITERATED, f"transliterated from {via}" if via else "")
                return True
        return False

    def _fuzzy(self, name: str, country: str, region: str | None, match: Match) -> bool:
        keys, ids = self.gazetteer.fuzzy_choices(country, region)
        if not keys:
            return False
        best: tuple[float, int] | None = None
        rivals: dict[int, float] = {}
        for variant in names.variants(name):
            query = names.fold(variant)
            if len(query) < FUZZY_MIN_LENGTH:
                continue
            for _key, score, index in process.extract(query, keys, scorer=fuzz.ratio, limit=10,
                                                     score_cutoff=FUZZY_THRESHOLD - FUZZY_MARGIN):
                geonameid = ids[index]
                rivals[geonameid] = max(rivals.get(geonameid, 0.0), score)
        if not rivals:
            return False
        ranked = sorted(rivals.items(), key=lambda kv: (-kv[1], -self.gazetteer.places[kv[0]].population))
        best = ranked[0]
        if best[1] < FUZZY_THRESHOLD:
            return False
        close = [gid for gid, score in ranked[1:] if score >= best[1] - FUZZY_MARGIN]
        if close:
            match.alternatives = [_describe(self.gazetteer.places[g]) for g in [best[0]] + close]
            match.note = "fuzzy match is ambiguous; left unplaced"
            return False
        place = self.gazetteer.places[best[0]]
        self._fill(match, [(place, ALTERNATE)], FUZZY, f"closest spelling, similarity {best[1]:.0f}")
        match.score = best[1] * 0.9
        return True

    # -- helpers ----------------------------------------------------------
    def _rank(self, hits: list[tuple[Place, int]], country: str, region: str | None) -> list[tuple[Place, int]]:
        best: dict[int, tuple[Place, int]] = {}
        for place, kind in hits:
            if place.country != country or (region and place.region != region):
                continue
            if place.geonameid not in best or kind < best[place.geonameid][1]:
                best[place.geonameid] = (place, kind)
        # An exact name beats an alternate name; then the larger place wins.
        return sorted(best.values(), key=lambda pk: (pk[1], -pk[0].population))

    def _candidates_exact(self, name: str, country: str, region: str | None) -> list[tuple[Place, int]]:
        hits = self.gazetteer.exact.get(name.casefold(), [])
        return self._rank([(self.gazetteer.places[i], k) for i, k in hits], country, region)

    def _candidates_folded(self, name: str, country: str, region: str | None) -> list[tuple[Place, int]]:
        hits = {h for key in names.keys(name) for h in self.gazetteer.folded.get(key, ())}
        return self._rank([(self.gazetteer.places[i], k) for i, k in hits], country, region)

    def _fill(self, match: Match, candidates: list[tuple[Place, int]], method: str, note: str = "") -> None:
        place = candidates[0][0]
        match.lat, match.lon = place.lat, place.lon
        match.matched_name, match.geonameid, match.matched_region = place.name, place.geonameid, place.region
        match.method, match.score = method, SCORES.get(method, 0.0)
        notes = [note] if note else []
        if len(candidates) > 1:
            match.alternatives = [_describe(p) for p, _ in candidates[1:6]]
            same_rank = [p for p, k in candidates[1:] if k == candidates[0][1]]
            if same_rank:
                match.score -= 5
                notes.append(f"ambiguous: {len(same_rank) + 1} places; chose the most populous")
        match.note = "; ".join(notes)

    def _elsewhere(self, name: str, country: str, region: str | None) -> str:
        """Where a name that is not in ``region`` does exist (for the message)."""
        if not region:
            return ""
        places = self._candidates_exact(name, country, None) or self._candidates_folded(name, country, None)
        return ", ".join(f"{p.name} in {p.region}" for p, _ in places[:3])


_DEFAULT: Geocoder | None = None


def default_geocoder() -> Geocoder:
    """The shared geocoder; with the online fallback if PARTNERMAP_ONLINE=1."""
    global _DEFAULT
    if _DEFAULT is None:
        from . import online

        _DEFAULT = Geocoder(online=online.OnlineGeocoder() if online.enabled() else None)
    return _DEFAULT


def geocode(name: str, country: str, region: str | None = None) -> Match:
    """Resolve one name with the shared offline geocoder."""
    return default_geocoder().resolve(name, country, region)
