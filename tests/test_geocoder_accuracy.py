"""The geocoder against independently sourced true positions.

``geocoder_truth.csv``: 450+ names in German, English, Cyrillic, scholarly
and historical spellings, official prefixes, umlaut variants, namesakes and
region names, each with the true position of the place it means (from
Wikipedia and town pages; the URL is in the row). ``places_truth.csv``: the
true position of every town in data/ that has one.
"""
import csv

from conftest import ROOT
from geo.arcs import distance_km
from geo.evaluate import score
from geo.names import fold

TESTS = ROOT / "tests"


def test_at_least_98_percent_within_10_km_and_at_most_one_misplaced(geocoder):
    result = score(TESTS / "geocoder_truth.csv", geocoder)
    assert result.total >= 200
    report = [f"{row['name']}: {match.matched_name} {km:.0f} km off" for row, match, km in result.misplaced]
    assert result.share >= 0.98, (result.share, report, [r["name"] for r, _ in result.unplaced])
    assert len(result.misplaced) <= 1, report


def test_every_place_in_the_data_lies_where_it_truly_is(atlas):
    truth = {}
    with (TESTS / "places_truth.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            truth[(row["country"], row["region"], fold(row["name"]))] = (float(row["lat"]), float(row["lon"]))
    with (ROOT / "data" / "district_seats.csv").open(encoding="utf-8") as handle:
        seats = {row["name"]: row["seat"] for row in csv.DictReader(handle)}
    checked, far, unchecked = 0, [], []
    for row in atlas.partnerships.to_dict("records"):
        for side, country in (("de", "DE"), ("ru", "RU")):
            if row[f"{side}_method"] in ("", "region capital", "manual"):
                continue  # unplaced (a test of its own), a region, or a manual position (sourced in the data)
            names = [row[f"{side}_name"]] + ([row["ru_name_en"]] if side == "ru" else [])
            # a district lies at its seat
            names += [seats.get(row[f"{side}_name"], ""), row[f"{side}_matched"].split(" (seat of")[0]]
            keys = [(country, row[f"{side}_region"], fold(n)) for n in names if n]
            point = next((truth[k] for k in keys if k in truth), None)
            if point is None:
                unchecked.append((row["id"], side))
                continue
            checked += 1
            km = distance_km(row[f"{side}_lat"], row[f"{side}_lon"], *point)
            if km > 10:
                far.append((row["id"], side, round(km, 1)))
    assert far == []
    assert checked >= 215 and unchecked == [], unchecked


def test_every_manual_position_has_a_reason_and_a_source(atlas):
    manual = atlas.partnerships[(atlas.partnerships["de_method"] == "manual") | (atlas.partnerships["ru_method"] == "manual")]
    assert not manual.empty
    for note in manual["position_note"]:
        assert note and "http" in note
