"""The dashboard, run through Streamlit's AppTest."""
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")


def run(**query):
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def counts(at):
    """The bar's count of what is shown: (shown, total)."""
    text = " ".join(m.value for m in at.caption)
    match = re.search(r"(\d+) (?:von|of) (\d+)", text) or re.search(r"(\d+) из (\d+)", text)
    return int(match.group(1)), int(match.group(2))


@pytest.fixture(scope="module")
def app():
    return run()


def test_app_runs_and_shows_everything(app, atlas):
    shown, total = counts(app)
    assert shown == total == len(atlas.partnerships)
    assert app.title[0].value == "Deutsch-russische Partnerschaften"  # short: the bar stays one line


def test_a_filter_changes_the_count_and_the_link(atlas):
    at = run()
    at.multiselect(key="de").set_value(["DE-TH"]).run()
    shown, total = counts(at)
    expected = int((atlas.partnerships["de_region"] == "DE-TH").sum())
    assert shown == expected and 0 < shown < total
    assert at.query_params["de"] in ("DE-TH", ["DE-TH"])


def test_the_query_string_restores_the_filter(atlas):
    at = run(ru="RU-KGD", status="suspended")
    p = atlas.partnerships
    expected = int(((p["ru_region"] == "RU-KGD") & (p["status"] == "suspended")).sum())
    assert counts(at)[0] == expected > 0
    assert at.multiselect(key="ru").value == ["RU-KGD"]


def test_year_range_from_the_link(atlas):
    at = run(**{"from": "1990", "to": "1999"})
    years = atlas.partnerships["since"]
    assert counts(at)[0] == int(((years >= 1990) & (years <= 1999)).sum())
    assert at.slider(key="years").value == (1990, 1999)


def test_search_box_finds_a_town_in_cyrillic():
    at = run()
    at.text_input(key="q").input("Калуга").run()
    assert counts(at)[0] >= 1
    assert at.query_params["q"] in ("Калуга", ["Калуга"])


def test_bad_values_in_the_link_are_reported_not_fatal():
    at = run(de="DE-XX,DE-TH")
    from dashboard.text import md

    assert any(md("de=DE-XX") in w.value for w in at.warning)  # shown as text: DE-XX
    assert at.multiselect(key="de").value == ["DE-TH"]


def map_state(at) -> dict:
    [component] = at.main.get("component_instance")
    return json.loads(component.proto.json_args)["state"]


def test_a_town_from_the_link_is_selected_on_the_map_and_in_the_chooser():
    """The place's partnerships are listed by the map itself (its detail panel); the page tells it the place."""
    at = run(town="de:Suhl")
    assert map_state(at)["selected"] == "de:Suhl"
    chooser = at.sidebar.selectbox(key="town")
    assert chooser.value == "de:Suhl" and chooser.format_func("de:Suhl") == "Suhl (Thüringen)"
    assert at.query_params["town"] in ("de:Suhl", ["de:Suhl"])


def test_the_links_map_view_starts_the_map_and_stays_in_the_address():
    at = run(map="6/52.000/30.000", lang="en")
    assert map_state(at)["view"] == "6/52.000/30.000"
    at.multiselect(key="de").set_value(["DE-TH"]).run()  # the address is rewritten: the map's view stays in it
    assert at.query_params["map"] in ("6/52.000/30.000", ["6/52.000/30.000"])
    assert at.query_params["de"] in ("DE-TH", ["DE-TH"])
    assert not at.warning


@pytest.mark.parametrize("value", ["99/1/1", "6/95/30", "6/52", "6/52/30/1", "6/x/30", "", "6/52.0/30.0&town=x"])
def test_a_map_view_that_is_none_is_named_in_the_bar_and_left_out(value):
    at = run(map=value)
    assert map_state(at)["view"] is None
    from dashboard.text import md

    assert any(md(f"map={value}") in w.value for w in at.warning)  # among the link's unusable values, as text
    assert "map" not in at.query_params


def test_russian_interface(atlas):
    at = run(lang="ru")
    assert at.title[0].value == "Российско-германские партнёрства"
    at.text_input(key="q").input("Suhl").run()
    assert counts(at)[0] == 1


def test_the_not_on_the_map_view_counts_what_is_not_on_the_map(app, atlas):
    from geo import counts

    missing = counts.count(atlas.partnerships).not_on_map
    assert f"Nicht auf der Karte ({missing})" in app.segmented_control(key="tab").options


def test_a_large_table_is_sent_a_page_at_a_time(tmp_path, monkeypatch):
    """Thousands of rows: the table sends 500 at a time, the caption says which and where the rest are."""
    from pathlib import Path

    from geo.synthetic import make_dataset

    folder = make_dataset(1200, 3, Path(tmp_path))
    monkeypatch.setenv("PARTNERMAP_DATA_DIR", str(folder))
    at = run(lang="en")
    at.segmented_control(key="tab").set_value("table").run()
    assert len(at.dataframe[0].value) == 500
    assert any("Rows 1–500 of 1,200" in c.value for c in at.caption)
    at.number_input(key="table_page").set_value(3).run()
    assert len(at.dataframe[0].value) == 200


def test_the_link_opens_the_view_it_names_and_follows_the_open_view(atlas):
    """view=table in a link opens the table; switching views rewrites view=; the map needs none."""
    at = run(view="table", lang="en")
    assert at.segmented_control(key="tab").value == "table"
    assert len(at.dataframe[0].value) == len(atlas.partnerships)
    assert at.query_params["view"] in ("table", ["table"]) and at.query_params["lang"] in ("en", ["en"])
    at.segmented_control(key="tab").set_value("stats").run()
    assert at.query_params["view"] in ("stats", ["stats"])
    at.segmented_control(key="tab").set_value("map").run()
    assert "view" not in at.query_params and not at.dataframe


@pytest.mark.parametrize("value", ["nope", "Map", "present", "<b>x</b>"])
def test_a_view_that_is_none_is_named_in_the_bar_and_the_map_opens(value):
    at = run(view=value)
    from dashboard.text import md

    assert at.segmented_control(key="tab").value == "map"
    assert any(md(f"view={value}") in w.value for w in at.warning)
    assert "view" not in at.query_params
