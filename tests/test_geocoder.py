"""The offline geocoder: spellings, disambiguation, districts, regions, and
leaving a name unplaced rather than guessing."""
import warnings

import pytest

from geo import cache, gazetteer
from geo.arcs import distance_km
from geo.geocoder import Geocoder

KALUGA = (54.5293, 36.2754)
SUHL = (50.6093, 10.6938)


def near(match, point, km=10):
    return match.placed and distance_km(match.lat, match.lon, *point) <= km


@pytest.mark.parametrize("name,region,method", [
    ("Kaluga", "RU-KLU", "exact"),
    ("Калуга", None, "alternate"),
    ("г. Калуга", None, "normalised"),
    ("город Калуга", "RU-KLU", "normalised"),
    ("KALUGA", None, "exact"),
])
def test_kaluga_in_every_spelling(geocoder, name, region, method):
    match = geocoder.resolve(name, "RU", region)
    assert near(match, KALUGA) and match.method == method and match.geonameid == 553915


@pytest.mark.parametrize("name,region,lat,lon", [
    ("Pawlowsk", "RU-SPE", 59.68, 30.43),  # the palace town near St Petersburg
    ("Pawlowsk", "RU-VOR", 50.45, 40.12),  # the town in Voronezh Oblast
    ("Zheleznogorsk", "RU-KRS", 52.34, 35.36),
    ("Zheleznogorsk", "RU-KYA", 56.25, 93.53),
    ("Sowetsk", "RU-KGD", 55.08, 21.88),
])
def test_region_decides_between_namesakes(geocoder, name, region, lat, lon):
    match = geocoder.resolve(name, "RU", region)
    assert near(match, (lat, lon)) and match.matched_region == region


def test_ambiguous_name_without_region_is_reported(geocoder):
    match = geocoder.resolve("Pawlowsk", "RU")
    assert match.placed and "ambiguous" in match.note
    assert any("RU-SPE" in alt for alt in match.alternatives)
    assert match.score < 97


@pytest.mark.parametrize("name,expected", [
    ("Leningrad", (59.94, 30.31)), ("Königsberg", (54.71, 20.51)), ("Stalingrad", (48.72, 44.50)),
    ("Swerdlowsk", (56.84, 60.61)), ("Tilsit", (55.08, 21.88)), ("Gorki", (56.33, 44.00)),
])
def test_historical_names(geocoder, name, expected):
    assert near(geocoder.resolve(name, "RU"), expected, 15)


def test_transliteration_finds_what_geonames_lacks(geocoder):
    match = geocoder.resolve("Schtschjolkowo", "RU", "RU-MOS")
    assert match.method == "transliterated" and match.matched_name == "Shchyolkovo"
    assert "Щёлково" in match.note


@pytest.mark.parametrize("name,region,expected", [
    ("Halle (Saale)", "DE-ST", (51.48, 11.97)),
    ("Mühlhausen/Thüringen", "DE-TH", (51.21, 10.45)),
    ("Muehlhausen", "DE-TH", (51.21, 10.45)),
    ("Landeshauptstadt Düsseldorf", "DE-NW", (51.22, 6.78)),
    ("Frankfurt (Oder)", "DE-BB", (52.34, 14.55)),
    ("Frankfurt a. M.", "DE-HE", (50.11, 8.68)),
    ("Lutherstadt Wittenberg", "DE-ST", (51.87, 12.65)),
])
def test_german_spellings(geocoder, name, region, expected):
    assert near(geocoder.resolve(name, "DE", region), expected, 10)


def test_district_resolves_to_its_seat(geocoder):
    match = geocoder.resolve("Kreis Düren", "DE", "DE-NW")
    assert match.method == "district seat" and near(match, (50.80, 6.48))
    borough = geocoder.resolve("Berlin-Lichtenberg", "DE", "DE-BE")
    assert borough.method == "district seat" and near(borough, (52.53, 13.50), 5)


@pytest.mark.parametrize("name,country,capital", [
    ("Oblast Kaluga", "RU", KALUGA), ("Калужская область", "RU", KALUGA), ("Kaluga Oblast", "RU", KALUGA),
    ("Freistaat Bayern", "DE", (48.14, 11.58)), ("Moskauer Gebiet", "RU", (55.82, 37.33)),
    ("Republik Tatarstan", "RU", (55.79, 49.12)),
])
def test_region_names_resolve_to_the_capital(geocoder, name, country, capital):
    match = geocoder.resolve(name, country)
    assert match.method == "region capital" and near(match, capital, 15)


def test_a_town_is_not_mistaken_for_its_land(geocoder):
    match = geocoder.resolve("Brandenburg an der Havel", "DE", "DE-BB")
    assert match.method == "exact" and near(match, (52.41, 12.53))


def test_fuzzy_match_fixes_a_typo_but_not_a_different_name(geocoder):
    typo = geocoder.resolve("Kalugga", "RU", "RU-KLU")
    assert typo.method == "fuzzy" and near(typo, KALUGA)
    assert not geocoder.resolve("Kalinin-Nord", "RU", "RU-KLU").placed


def test_nothing_found_comes_back_with_the_reason(geocoder):
    match = geocoder.resolve("Nirgendwograd", "RU", "RU-KLU")
    assert not match.placed and match.lat is None and "no place named" in match.note


def test_wrong_region_says_where_the_name_is(geocoder):
    match = geocoder.resolve("Suhl", "DE", "DE-BY")
    assert not match.placed and "DE-TH" in match.note


def test_manual_position_wins(geocoder):
    match = geocoder.resolve("Kaluga", "RU", "RU-KLU", lat=1.0, lon=2.0)
    assert (match.lat, match.lon, match.method) == (1.0, 2.0, "manual")


def test_broken_cache_file_is_rebuilt_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_CACHE_DIR, str(tmp_path))
    (tmp_path / gazetteer.CACHE_NAME).write_bytes(b"this is not a cache file")
    gazetteer._LOADED.clear()
    try:
        with pytest.warns(cache.CacheWarning, match="gazetteer.json.gz"):
            fresh = gazetteer.load()
        assert near(Geocoder(fresh).resolve("Suhl", "DE", "DE-TH"), SUHL)
        gazetteer._LOADED.clear()
        again = gazetteer.load()
        assert again.from_cache and len(again.places) == len(fresh.places)
    finally:
        gazetteer._LOADED.clear()


def test_index_is_loaded_from_disk_the_second_time(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_CACHE_DIR, str(tmp_path))
    gazetteer._LOADED.clear()
    try:
        assert gazetteer.load().from_cache is False
        gazetteer._LOADED.clear()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert gazetteer.load().from_cache is True
    finally:
        gazetteer._LOADED.clear()
