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
            truth[(row["country"], row["region"], row["name"])] = (float(row["lat"]), float(row["lon"]))
    checked, far = 0, []
    for row in atlas.partnerships.to_dict("records"):
        for side, country in (("de", "DE"), ("ru", "RU")):
            if row[f"{side}_method"] in ("", "region capital"):
                continue
            names = [row[f"{side}_name"]] + ([row["ru_name_en"]] if side == "ru" else [])
            point = next((truth[(country, row[f"{side}_region"], n)] for n in names
                          if (country, row[f"{side}_region"], n) in truth), None)
            if point is None:
                continue
            checked += 1
            km = distance_km(row[f"{side}_lat"], row[f"{side}_lon"], *point)
            if km > 10:
                far.append((row["id"], side, round(km, 1)))
    assert checked >= 180
    assert far == []


def test_every_manual_position_has_a_reason_and_a_source(atlas):
    manual = atlas.partnerships[(atlas.partnerships["de_method"] == "manual") | (atlas.partnerships["ru_method"] == "manual")]
    assert not manual.empty
    for note in manual["position_note"]:
        assert note and "http" in note
