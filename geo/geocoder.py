"""Place names -> positions, offline, without ever guessing.

Each step runs only where the one before found nothing, in order of trust:
manual position, region name (-> its capital), district or borough (-> its
seat), exact name, GeoNames alternate name, normalised spelling,
transliteration of the candidates' Cyrillic names, fuzzy match, and - only
if switched on - the online geocoder. Candidates outside the given country
and region never count. A name nothing places comes back unplaced, with the
reason, never with a guessed point.

Abbreviations ("a. d. Oder", "i. Br.") are written out first, and a name
stripped of its qualifier never matches a town whose own name says
otherwise (Frankfurt a. d. Oder is not Frankfurt am Main). Namesakes are
placed only when one is clearly meant - far larger than every other - and a
quarter of a city never wins over a town; otherwise the name stays unplaced
with its candidates listed.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from rapidfuzz import fuzz, process

from . import names
from .arcs import distance_km
from .gazetteer import ALTERNATE, EXACT, Gazetteer, Place
from .gazetteer import load as load_gazetteer
from .regions import DATA_DIR, data_file, load_regions, pycountry_names
from .transliterate import is_cyrillic, latin_forms

DISTRICTS_CSV = DATA_DIR / "district_seats.csv"  # the repository's; the data folder in use may have its own

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

# Of several places with the name, one is placed without a region only when
# it has at least this many times the inhabitants of every other: "Halle" is
# Halle (Saale) (238,000; the next, Halle in Westphalia, 21,000), "Neustadt"
# (54,000 / 45,000 / 16,000 ...) is no one in particular.
DOMINANCE = 5.0
# Namesakes this close together are one place in two GeoNames entries (Peterhof
# and Petrodvorets, the town and its district): the largest stands for both.
SAME_PLACE_KM = 10.0
MEMO_SIZE = 200_000  # resolved (name, country, region, level) kept in memory


@dataclass
class Match:
    query: str
    country: str
    region: str | None
    lat: float | None = None
    lon: float | None = None
    matched_name: str = ""
    geonameid: int | None = None
    # the matched GeoNames place's population (0: not known, or a manual position): how
    # important the place is, which the map uses to rank its names
    population: int = 0
    method: str = ""
    score: float = 0.0
    matched_region: str = ""
    alternatives: list[str] = field(default_factory=list)
    note: str = ""
    # why it is unplaced, or which namesake it chose, as a code of geo.problems.CODES and its values
    note_code: str = ""
    note_params: dict = field(default_factory=dict)

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

# Landscapes a qualifier may name, and the regions they lie in: a candidate
# in one of them agrees with "Plauen i. Vogtl." even if GeoNames does not
# spell out "Vogtland" ("Mühlhausen/Thüringen": the Land's own name counts too).
_LANDSCAPES = {
    "westfalen": {"DE-NW"}, "breisgau": {"DE-BW"}, "vogtland": {"DE-SN", "DE-TH", "DE-BY"},
    "oberpfalz": {"DE-BY"}, "oberbayern": {"DE-BY"}, "oberfranken": {"DE-BY"}, "unterfranken": {"DE-BY"},
    "mittelfranken": {"DE-BY"}, "schwaben": {"DE-BY", "DE-BW"}, "allgaeu": {"DE-BY", "DE-BW"},
    "schwarzwald": {"DE-BW"}, "odenwald": {"DE-HE", "DE-BW", "DE-BY"}, "erzgebirge": {"DE-SN"},
    "fichtelgebirge": {"DE-BY"}, "holstein": {"DE-SH"}, "mecklenburg": {"DE-MV"}, "pommern": {"DE-MV"},
    "oldenburg": {"DE-NI"}, "oldb": {"DE-NI"}, "eichsfeld": {"DE-TH", "DE-NI"}, "harz": {"DE-ST", "DE-NI", "DE-TH"},
    "lausitz": {"DE-BB", "DE-SN"}, "altmark": {"DE-ST"}, "uckermark": {"DE-BB"}, "prignitz": {"DE-BB"},
    "taunus": {"DE-HE"}, "ostpreussen": {"RU-KGD"}, "ostpr": {"RU-KGD"},
}


class Geocoder:
    """Resolve German and Russian place names to GeoNames places."""

    def __init__(self, gazetteer: Gazetteer | None = None, online=None, districts: Path | None = None):
        self.gazetteer = gazetteer or load_gazetteer()
        self.online = online
        self._districts_path = Path(districts) if districts is not None else data_file("district_seats.csv")
        # (name, country, region, level) -> Match: a data set names the same
        # towns again and again, and each is resolved once
        self._memo: dict[tuple, Match] = {}

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
        """Where ``name`` lies (see the module's docstring for the steps)."""
        name = (name or "").strip()
        region = (region or "").strip() or None
        if lat is not None and lon is not None:
            match = Match(query=name, country=country, region=region)
            match.lat, match.lon, match.method, match.score = lat, lon, MANUAL, SCORES[MANUAL]
            match.matched_name, match.matched_region = name, region or ""
            return match
        key = (name, country, region, level)
        known = self._memo.get(key)
        if known is None:
            known = self._resolve(name, country, region, level)
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = known
        # a copy: callers may change their Match without changing the memo's
        return replace(known, alternatives=list(known.alternatives))

    def _resolve(self, name: str, country: str, region: str | None, level: str | None) -> Match:
        match = Match(query=name, country=country, region=region)
        if not name:
            match.note, match.note_code = "empty name", "geocode.empty_name"
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
        match.note_code = "geocode.not_found_elsewhere" if elsewhere else "geocode.not_found"
        match.note_params = {"name": name, "where": region or country, **({"found": elsewhere} if elsewhere else {})}
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
                if not region and seat_region in _CITY_STATES and not (_DISTRICT_WORD.search(name) or _CITY_BOROUGH.match(name)):
                    continue  # a bare "Lichtenberg" is also a town elsewhere: the borough only when it says so
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
        if self._decide(match, candidates, DISTRICT_SEAT, note, seat_name, seat_region) and match.placed:
            match.matched_name = f"{match.matched_name} (seat of {name})"
        return True

    def _exact(self, name: str, country: str, region: str | None, match: Match) -> bool:
        candidates = self._candidates_exact(name, country, region)
        if not candidates:
            return False
        method = EXACT_M if candidates[0][1] == EXACT else ALTERNATE_M
        return self._decide(match, candidates, method, "", name, region)

    def _normalised(self, name: str, country: str, region: str | None, match: Match) -> bool:
        for variant, lost in names.qualified_variants(name):
            candidates = self._agreeing(self._candidates_folded(variant, country, region), lost)
            if candidates:
                note = f"matched as {variant!r}" if variant != name else ""
                return self._decide(match, candidates, NORMALISED, note, name, region)
        return False

    def _transliterated(self, name: str, country: str, region: str | None, match: Match) -> bool:
        index = self.gazetteer.translit
        for variant, lost in names.qualified_variants(name):
            ids = {i for k in names.keys(variant) for i in index.get(k, ())}
            places = self._rank([(self.gazetteer.places[i], ALTERNATE) for i in ids], country, region)
            places = self._agreeing(places, lost)
            if places:
                wanted = names.keys(variant)
                via = next((alt for alt in places[0][0].names if is_cyrillic(alt)
                            and any(names.keys(form) & wanted for form in latin_forms(alt))), "")
                return self._decide(match, places, TRANSLITERATED, f"transliterated from {via}" if via else "", name, region)
        return False

    def _fuzzy(self, name: str, country: str, region: str | None, match: Match) -> bool:
        keys, ids = self.gazetteer.fuzzy_choices(country, region)
        if not keys:
            return False
        best: tuple[float, int] | None = None
        rivals: dict[int, float] = {}
        for variant, lost in names.qualified_variants(name):
            query = names.fold(variant)
            if len(query) < FUZZY_MIN_LENGTH:
                continue
            for _key, score, index in process.extract(query, keys, scorer=fuzz.ratio, limit=10,
                                                     score_cutoff=FUZZY_THRESHOLD - FUZZY_MARGIN):
                geonameid = ids[index]
                if lost and not self._agreeing([(self.gazetteer.places[geonameid], ALTERNATE)], lost):
                    continue  # "Frankfurt a. d. Oder" never comes close to Frankfurt am Main
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

    def _agreeing(self, candidates: list[tuple[Place, int]], lost: str) -> list[tuple[Place, int]]:
        """Of the candidates for a name stripped of its qualifier ``lost``, those
        the qualifier allows: the ones that mention it (or lie in the landscape
        or Land it names); failing those, the ones whose own name carries no
        other qualifier. "Frankfurt (an der Oder)" keeps Frankfurt (Oder) and
        drops Frankfurt am Main."""
        if not lost or not candidates:
            return candidates
        wanted = names.qualifier_tokens(lost)
        if not wanted:
            return candidates
        regions = set().union(*(_LANDSCAPES.get(t, set()) for t in wanted), *(self._land_codes.get(t, set()) for t in wanted))

        def mentions(place: Place) -> bool:
            if place.region in regions:
                return True
            for spelling in (place.name, *place.names):
                tokens = names.qualifier_tokens(names.expand_abbreviations(spelling))
                if any(t == w or (min(len(t), len(w)) >= 3 and (t.startswith(w) or w.startswith(t)))
                       for t in tokens for w in wanted):
                    return True
            return False

        agreeing = [c for c in candidates if mentions(c[0])]
        if agreeing:
            return agreeing
        return [c for c in candidates if not names.split_qualifier(names.expand_abbreviations(c[0].name))[1]]

    @cached_property
    def _land_codes(self) -> dict[str, set[str]]:
        """Folded names of the German Länder -> their codes ("thueringen" -> DE-TH)."""
        table: dict[str, set[str]] = {}
        for region in load_regions().values():
            if region.country == "DE":
                for key in names.keys(region.name_de):
                    table.setdefault(key, set()).add(region.code)
        return table

    def _is_quarter(self, place: Place, others: list[Place]) -> str:
        """Why ``place`` counts as part of a city rather than a town of its own ("" if it does not).

        GeoNames' feature codes (PPLX) are not in the package's data, so: a
        place in a city-state (Hamburg, Berlin, Moscow ...) when the name is
        also a town elsewhere, or a place GeoNames also calls "<City>-<name>"
        ("Gera-Zwötzen") after a larger place of that name.
        """
        if place.region in _CITY_STATES and any(o.region not in _CITY_STATES for o in others):
            return f"part of the city-state {place.region}"
        own = names.fold(place.name)
        for alternate in place.names:
            if "-" not in alternate or not names.fold(alternate).endswith(own):
                continue
            city = alternate.rsplit("-", 1)[0].strip()
            hits = self.gazetteer.exact.get(city.casefold(), ())
            if any(self.gazetteer.places[i].country == place.country and self.gazetteer.places[i].population > place.population
                   for i, _kind in hits):
                return f"a quarter of {city}"
        return ""

    def _decide(self, match: Match, candidates: list[tuple[Place, int]], method: str, note: str,
                name: str, region: str | None) -> bool:
        """Place the one clearly meant candidate, or leave the name unplaced with
        all of them listed. Returns True either way: later steps would only guess.

        Clearly meant: the only one; or the largest town, with at least
        DOMINANCE times the inhabitants of every other candidate; or the only
        one bearing the name itself (not as an alternate name) and the largest.
        A quarter never wins over a town.
        """
        if len(candidates) == 1:
            self._fill(match, candidates, method, note)
            return True
        # "Калининград" is Kaliningrad's own name in Cyrillic, and only Korolyov's former one
        candidates = [(p, EXACT if k != EXACT and self._own_name_in_latin(p, name) else k) for p, k in candidates]
        places = [p for p, _ in candidates]
        largest = max(places, key=lambda p: p.population)
        if all(distance_km(p.lat, p.lon, largest.lat, largest.lon) <= SAME_PLACE_KM for p in places):
            why = f"{len(places)} entries with this name, all within {SAME_PLACE_KM:.0f} km: one place"
            ordered = sorted(candidates, key=lambda c: c[0] is not largest)
            self._fill(match, ordered, method, "; ".join(n for n in (note, why) if n))
            return True
        quarters = {p.geonameid: why for p in places if (why := self._is_quarter(p, [o for o in places if o is not p]))}
        towns = [c for c in candidates if c[0].geonameid not in quarters] or candidates
        best = max(towns, key=lambda c: (c[0].population, -c[1]))
        others = [c for c in candidates if c is not best]
        runner_up = max(others, key=lambda c: c[0].population)
        only_exact = best[1] == EXACT and all(k != EXACT for _, k in others)
        if best[0].population >= DOMINANCE * runner_up[0].population or (
                only_exact and best[0].population >= runner_up[0].population):
            why = (f"{len(candidates)} places with this name; chose the largest, "
                   + (f"{best[0].population / max(runner_up[0].population, 1):.0f}× the next"
                      if best[0].population >= DOMINANCE * runner_up[0].population else "the only one named exactly so")
                   + f" ({runner_up[0].name}, {runner_up[0].region}, pop. {runner_up[0].population:,})")
            self._fill(match, [best] + others, method, "; ".join(n for n in (note, why) if n))
            dominant = best[0].population >= DOMINANCE * runner_up[0].population
            match.note_code = "geocode.namesake_largest" if dominant else "geocode.namesake_exact"
            match.note_params = {"n": len(candidates), "ratio": round(best[0].population / max(runner_up[0].population, 1)),
                                 "next": runner_up[0].name, "next_region": runner_up[0].region,
                                 "next_population": runner_up[0].population}
            match.score -= 5  # namesakes exist: a little less sure than a unique name
            return True
        ordered = sorted(candidates, key=lambda c: (c[0].geonameid in quarters, -c[0].population))
        listed = [_describe(p) + (f" - {quarters[p.geonameid]}" if p.geonameid in quarters else "") for p, _ in ordered]
        match.alternatives = listed
        where = f"in {region}" if region else "and no region was given"
        candidates_text = "; ".join(listed[:6]) + (f"; and {len(listed) - 6} more" if len(listed) > 6 else "")
        match.note = (f"ambiguous: {len(candidates)} places named {name!r} {where}, none clearly the one meant; "
                      f"left unplaced. Candidates: {candidates_text}")
        # the candidates once more without English words, for a view in another language
        places = "; ".join(f"{p.name} ({p.region})" for p, _ in ordered[:6]) + (
            f"; … (+{len(listed) - 6})" if len(listed) > 6 else "")
        match.note_code = "geocode.ambiguous" if region else "geocode.ambiguous_no_region"
        match.note_params = {"n": len(candidates), "name": name, "where": region or "", "candidates": candidates_text,
                             "places": places}
        return True

    @staticmethod
    def _own_name_in_latin(place: Place, query: str) -> bool:
        """The query is the place's own (GeoNames main) name written in Cyrillic."""
        if not is_cyrillic(query):
            return False
        own = names.keys(place.name)
        return any(names.keys(form) & own for variant in names.variants(query) for form in latin_forms(variant))

    def _fill(self, match: Match, candidates: list[tuple[Place, int]], method: str, note: str = "") -> None:
        place = candidates[0][0]
        match.lat, match.lon = place.lat, place.lon
        match.matched_name, match.geonameid, match.matched_region = place.name, place.geonameid, place.region
        match.population = place.population
        match.method, match.score = method, SCORES.get(method, 0.0)
        match.alternatives = [_describe(p) for p, _ in candidates[1:6]]
        match.note = note

    def _elsewhere(self, name: str, country: str, region: str | None) -> str:
        """Where a name that is not in ``region`` does exist (for the message)."""
        if not region:
            return ""
        places = self._candidates_exact(name, country, None) or self._candidates_folded(name, country, None)
        return ", ".join(f"{p.name} ({p.region})" for p, _ in places[:3])


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
