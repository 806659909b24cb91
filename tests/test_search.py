"""Search finds places, districts and regions in any of the three languages
and any word order (#9, point 9); an empty result says what was searched and
offers the closest names."""
import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from dashboard import filters
from dashboard.text import md

APP = str(ROOT / "dashboard" / "app.py")


def found(atlas, query):
    return atlas.partnerships[filters.search(atlas.partnerships, query)]


@pytest.mark.parametrize("query", ["Kaluga Oblast", "Oblast Kaluga", "Калужская", "Калужская область", "kaluga oblast",
                                   "Калужская Область"])
def test_a_russian_region_is_found_in_any_language_and_word_order(atlas, query):
    rows = found(atlas, query)
    assert len(rows) > 0
    assert set(rows["ru_region"]) == {"RU-KLU"}
    expected = atlas.partnerships[atlas.partnerships["ru_region"] == "RU-KLU"]
    assert set(rows["id"]) == set(expected["id"])


@pytest.mark.parametrize("query", ["Thüringen", "Thueringen", "Thuringen", "Thuringia", "Тюрингия"])
def test_a_german_land_is_found_with_all_its_places(atlas, query):
    rows = found(atlas, query)
    expected = atlas.partnerships[atlas.partnerships["de_region"] == "DE-TH"]
    assert set(rows["id"]) == set(expected["id"]) and len(rows) > 1


@pytest.mark.parametrize("query", ["Kreis Düren", "Düren Kreis", "район Дюрен", "kreis dueren"])
def test_a_district_is_found_in_any_word_order(atlas, query):
    rows = found(atlas, query)
    assert list(rows["de_name"]) == ["Kreis Düren"]


def test_a_town_is_found_by_its_german_russian_and_english_names(atlas):
    for query in ("Kaluga", "Калуга"):
        assert "suhl-kaluga" in set(found(atlas, query)["id"])
    assert set(found(atlas, "Mytishchi")["id"]) == set(found(atlas, "Мытищи")["id"]) == set(found(atlas, "Mytischtschi")["id"])


def test_every_word_must_match(atlas):
    assert found(atlas, "Suhl Tatarstan").empty
    rows = found(atlas, "Thüringen Tatarstan")  # the Land's own partnership and its towns' with Tatarstan
    assert "thueringen-tatarstan" in set(rows["id"])
    assert set(rows["de_region"]) == {"DE-TH"} and set(rows["ru_region"]) == {"RU-TA"}


def test_saint_is_sankt(atlas):
    assert set(found(atlas, "St. Petersburg")["id"]) == set(found(atlas, "Sankt Petersburg")["id"]) != set()


def test_an_empty_query_finds_everything(atlas):
    assert filters.search(atlas.partnerships, "  ,; ").all()


def test_suggestions_are_close_names_that_find_something(atlas):
    frame = atlas.partnerships
    closest = filters.suggest(frame, "Kaluga Oblst")
    assert closest[0] in ("Kaluga Oblast", "Oblast Kaluga")
    assert 1 <= len(closest) <= 3
    for name in closest:
        assert filters.search(frame, name).any()
    # two names that find the same rows are offered once
    results = [frozenset(frame.index[filters.search(frame, name)]) for name in closest]
    assert len(set(results)) == len(results)
    assert filters.suggest(frame, "Tühringen")[0] == "Thüringen"
    assert filters.suggest(frame, "xyzzy") == []


def test_an_empty_result_says_what_was_searched_and_offers_names():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["q"] = "Kaluga Oblst *bold*"
    at.run()
    assert not at.exception
    info = " ".join(i.value for i in at.info)
    assert md("„Kaluga Oblst *bold*“") in info
    buttons = [b for b in at.button if (b.key or "").startswith("suggest-")]
    assert buttons and buttons[0].label in (md("Kaluga Oblast"), md("Oblast Kaluga"), md("Kaluga"))
    name = buttons[0].label.replace("\\", "")
    buttons[0].click().run()
    assert not at.exception
    assert at.text_input(key="q").value == name
    assert "Kaluga Oblst" not in " ".join(i.value for i in at.info)
    assert at.query_params["q"] in (name, [name])
