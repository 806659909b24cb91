"""Nothing from the link is trusted (#11): every query value is parsed, years
are clamped into the data's range and put in order, what was changed or not
used is said in plain text, and no query string gives an exception box."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from dashboard import filters
from dashboard.i18n import Translator
from dashboard.text import md

APP = str(ROOT / "dashboard" / "app.py")
PARAMS = ["q", "de", "ru", "from", "to", "kind", "status", "level", "town", "lang", "tiles", "mode", "map"]
BOUNDS = (1957, 2022)


def run(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, (query, at.exception)
    return at


def warnings(at) -> str:
    return " ".join(w.value for w in at.warning)


# -- the filter read from the link, without the app ---------------------------
@pytest.mark.parametrize("given, year_from, year_to, adjusted", [
    ({"from": "2023"}, 2022, None, [("from", "2023", "2022")]),
    ({"to": "1900"}, None, 1957, [("to", "1900", "1957")]),
    ({"to": "-5"}, None, 1957, [("to", "-5", "1957")]),
    ({"from": "99999999999999999999999"}, 2022, None, [("from", "99999999999999999999999", "2022")]),
    ({"from": "1990", "to": "1999"}, 1990, 1999, []),
    ({"from": "1957", "to": "2022"}, None, None, []),  # the bounds themselves: no limit at all
], ids=["from-after-the-data", "to-before-the-data", "negative-to", "huge-from", "inside", "on-the-bounds"])
def test_years_in_the_link_are_clamped_into_the_data(given, year_from, year_to, adjusted):
    chosen = filters.Filter.from_query(given, BOUNDS)
    assert (chosen.year_from, chosen.year_to) == (year_from, year_to)
    assert list(chosen.adjusted) == adjusted
    assert not chosen.ignored


def test_reversed_years_in_the_link_are_swapped():
    chosen = filters.Filter.from_query({"from": "2010", "to": "1990"}, BOUNDS)
    assert (chosen.year_from, chosen.year_to) == (1990, 2010)
    assert chosen.swapped == ("2010", "1990")


@pytest.mark.parametrize("value", ["abc", "19 90", "1e3", "١٩٩٠", "1_990", "2000.5", "9" * 5000])
def test_a_year_that_is_no_number_is_set_aside(value):
    chosen = filters.Filter.from_query({"from": value}, BOUNDS)
    assert chosen.year_from is None
    assert len(chosen.ignored) == 1 and chosen.ignored[0].startswith("from=")
    assert len(chosen.ignored[0]) < 300  # a huge value is cut, its length said


def test_unknown_settings_in_the_link_are_set_aside():
    chosen = filters.Filter.from_query({"lang": "xx", "tiles": "maybe", "mode": "party", "kind": "marriage"})
    assert set(chosen.ignored) == {"lang=xx", "tiles=maybe", "mode=party", "kind=marriage"}


def test_lists_and_lone_surrogates_in_the_link_do_not_break_the_filter():
    chosen = filters.Filter.from_query({"de": ["DE-TH", "DE-BY"], "q": ["a", "Suhl\ud800"], "from": ["1990", "1991"]}, BOUNDS)
    assert chosen.de_regions == ("DE-TH", "DE-BY")
    assert chosen.query.startswith("Suhl") and "\ud800" not in chosen.query
    assert chosen.year_from == 1991


def test_link_notes_are_in_the_viewers_language():
    chosen = filters.Filter.from_query({"from": "2010", "to": "1990", "town": "de:Atlantis"}, BOUNDS)
    notes = filters.link_notes(chosen, Translator("en"), *BOUNDS, town_keys={"de:Suhl"})
    assert notes[0] == "Values in the link that were not used: town=de:Atlantis"
    assert "swapped" in notes[1]


# -- the app ------------------------------------------------------------------------
@pytest.mark.parametrize("query, note", [
    ({"from": "2023"}, "from=2023"),
    ({"to": "1900"}, "to=1900"),
    ({"to": "-5"}, "to=-5"),
    ({"from": "99999999999999999999999"}, "from=99999999999999999999999"),
], ids=["from-2023", "to-1900", "to-minus-5", "from-huge"])
def test_a_year_outside_the_data_is_clamped_and_said(query, note):
    at = run(**query)
    low, high = at.slider(key="years").value
    assert 1957 <= low <= high <= 2022
    assert md(note) in warnings(at)


def test_reversed_years_are_swapped_and_said(atlas):
    at = run(**{"from": "2010", "to": "1990"})
    assert at.slider(key="years").value == (1990, 2010)
    assert "vertauscht" in warnings(at)
    years = atlas.partnerships["since"]
    text = " ".join(m.value for m in at.caption)  # the bar's count line
    assert f"{int(((years >= 1990) & (years <= 2010)).sum())} von {len(years)}" in text
    assert at.query_params["from"] in ("1990", ["1990"]) and at.query_params["to"] in ("2010", ["2010"])


def test_unknown_values_are_reported_as_plain_text_not_markdown():
    at = run(de="[Sign in again](https://evil.example)", level="![t](https://evil.example/p.png)", lang="xx")
    text = warnings(at)
    assert md("de=[Sign in again](https://evil.example)") in text
    assert md("level=![t](https://evil.example/p.png)") in text
    assert "](" not in text  # no link or image survives


def test_an_unknown_town_in_the_link_is_reported():
    at = run(town="de:Atlantis")
    assert md("town=de:Atlantis") in warnings(at)
    assert at.selectbox(key="town").value == ""


# -- the fuzz: any value of any parameter the app reads --------------------------------
# Text as a browser can send it: any character but lone surrogates (a URL is UTF-8).
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
value = st.one_of(
    text,
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.sampled_from(["", "1957", "2022", "-0", "+1990", "DE-TH", "RU-KLU", "active", "region", "ru", "off", "present",
                     "de:Suhl", "Kaluga Oblast", "١٩٩٠", "9" * 5000]),
    st.lists(text, min_size=1, max_size=3),
)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(PARAMS), value, max_size=len(PARAMS)))
def test_no_query_string_gives_an_exception(query):
    at = AppTest.from_file(APP, default_timeout=120)
    for key, item in query.items():
        at.query_params[key] = item
    at.run()
    assert not at.exception, (query, [e.value for e in at.exception])
