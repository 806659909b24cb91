"""Every view of the page in every state (#16, #17): view × {no place, a place
selected} × {curated data, an uploaded list} × {de, ru, en}, through
Streamlit's AppTest. The bar offers every view, the map first; each run must
raise nothing and show the view's main element in the view's own box. The map
is drawn in every run, in its box, whichever view is open (hidden, never
removed, so it keeps its view); the other views only when open. The bar's
count line, the place chooser and the map's state prove that the state is the
one the test's id names."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from dashboard import upload, views
from dashboard.i18n import LANGS, Translator
from dashboard.text import md
from geo import counts

APP = str(ROOT / "dashboard" / "app.py")
TOWN = "de:Suhl"

# A viewer's list in the simple form: Suhl (selectable, as in the curated data)
# with a manual position and its source, a second placeable row, and one row
# no gazetteer can place; Suhl and Kaluga named in Russian too, as the curated data names them.
OWN_LIST = (
    "de_name,de_name_ru,de_name_ru_source,de_region,ru_name,ru_name_ru,ru_region,since,de_lat,de_lon,position_note\n"
    "Suhl,Зуль,transcription,DE-TH,Kaluga,Калуга,RU-KLU,1969,50.6106,10.6931,Rathaus https://de.wikipedia.org/wiki/Suhl\n"
    "Osnabrück,,,Niedersachsen,Twer,,,1991,,,\n"
    "Weißwasser,,,Sachsen,Atlantis am Meer,,,,,,\n"
).encode("utf-8")
OWN_ROWS, OWN_PLACED = 3, 2


@dataclass(frozen=True)
class State:
    """One cell of the matrix, and what the page should show in it."""

    lang: str
    town: str | None
    own_list: bool
    atlas: object  # the curated data (conftest's atlas)

    @property
    def t(self) -> Translator:
        return Translator(self.lang)

    @property
    def partnerships(self) -> int:
        return OWN_ROWS if self.own_list else len(self.atlas.partnerships)

    @property
    def not_on_map(self) -> int:
        return OWN_ROWS - OWN_PLACED if self.own_list else counts.count(self.atlas.partnerships).not_on_map

    @property
    def conferences(self) -> int:
        return 0 if self.own_list else len(self.atlas.conferences)  # a viewer's list has no conferences

    @property
    def problems(self) -> int:
        """Problems of the curated data (a viewer's list is checked row by row in check_problems)."""
        return len(self.atlas.problems)


@lru_cache(maxsize=1)
def own_list_read() -> upload.Upload:
    """The viewer's list as the app reads it: its problems and notes."""
    return upload.read(OWN_LIST, "liste.csv")


def page(state: State, view: str | None) -> AppTest:
    """The app in ``state`` (the place selected by the link), then the view named ``view`` opened."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = state.lang
    if state.town:
        at.query_params["town"] = state.town
    at.run()
    assert not at.exception, at.exception
    if state.own_list:
        at.file_uploader(key="upload_file").set_value(("liste.csv", OWN_LIST, "text/csv"))
        at.run()
        assert not at.exception, at.exception
    if view is not None:  # chosen in the bar after the upload, as a viewer would
        at.segmented_control(key="tab").set_value(view).run()
        assert not at.exception, at.exception
    return at


def box(at: AppTest, key: str):
    """The container the page keyed ``key`` (Streamlit names its block "…-<key>"), or None."""
    def walk(node):
        for child in getattr(node, "children", {}).values():
            if getattr(getattr(child, "proto", None), "id", "").endswith(f"-{key}"):
                return child
            found = walk(child)
            if found is not None:
                return found
        return None

    return walk(at.main)


def map_states(at: AppTest) -> list[dict]:
    """The state every map component on the page was given."""
    return [json.loads(node.proto.json_args)["state"] for node in at.main.get("component_instance")]


def count_line(at: AppTest) -> str:
    """The bar's line that counts what is shown (a caption under the title)."""
    return box(at, "heading").caption[0].value


def shown_count(at: AppTest) -> int:
    """The bar's count of shown partnerships ('3 von 3 …', '3 of 3 …', '… 3 из 3')."""
    number = re.search(r"(\d[\d.,\u202f\xa0]*) (?:von|of|из) \d", count_line(at)).group(1)
    return int(re.sub(r"\D", "", number))


# -- what each view draws inside its box ----------------------------------------------
def check_map(content, at: AppTest, state: State) -> None:
    assert content is None  # the map alone: no view's box over it
    assert len(at.main.get("dataframe")) == 0 and not at.main.get("download_button")


def check_overview(content, at: AppTest, state: State) -> None:
    t = state.t
    text = " ".join(m.value for m in content.markdown)
    assert f"**{md(t('overview.status'))}**" in text and f"**{md(t('overview.kind'))}**" in text
    assert any(c.value == t("overview.more") for c in content.caption)


def check_table(content, at: AppTest, state: State) -> None:
    t = state.t
    assert len(content.dataframe) == 1
    table = content.dataframe[0].value
    assert list(table.columns)[:4] == [t("col.de"), t("col.de_region"), t("col.ru"), t("col.ru_region")]
    assert len(table) == shown_count(at) == state.partnerships


def check_stats(content, at: AppTest, state: State) -> None:
    t = state.t
    charts = [node for node in content if node.type.endswith("vega_lite_chart")]
    assert len(charts) == 5  # per year, per Land, per federal subject, distances, status over time
    assert [s.value for s in content.subheader] == [t("stats.per_year"), t("stats.per_land"), t("stats.per_subject"),
                                                    t("stats.distance"), t("stats.status")]


def check_conferences(content, at: AppTest, state: State) -> None:
    table = content.dataframe[0].value
    assert state.t("col.host") in table.columns
    assert len(table) == state.conferences


def check_problems(content, at: AppTest, state: State) -> None:
    t = state.t
    assert content.markdown[0].value == t("problems.intro")
    tables = [frame.value for frame in content.dataframe]
    listed = [table for table in tables if t("problems.col.reason") in table.columns]
    missing = [table for table in tables if list(table.columns) == [t("col.de"), t("col.ru")]]
    assert sum(len(table) for table in missing) == state.not_on_map
    if state.own_list:
        assert len(listed) == 1 and list(listed[0][t("problems.col.value")]) == ["Atlantis am Meer"]
        # the reason and the reader's notes in the view's language (geo.problems codes), not the English sentence
        read = own_list_read()
        reasons = list(listed[0][t("problems.col.reason")])
        assert reasons == [t.problem(p) for p in read.atlas.problems]
        notes = " ".join(c.value for c in content.caption)
        assert all(md(t.problem(note)) in notes for note in read.notes)
        if state.lang != "en":
            assert reasons != [p.reason for p in read.atlas.problems] and not any(md(str(n)) in notes for n in read.notes)
        manual = [table for table in tables if t("problems.position_source") in table.columns]
        assert list(manual[0][t("problems.position_source")]) == ["https://de.wikipedia.org/wiki/Suhl"]
    elif state.problems:
        assert len(listed) == 1 and len(listed[0]) == state.problems
    else:
        assert [s.value for s in content.success] == [t("problems.none")]


def check_downloads(content, at: AppTest, state: State) -> None:
    labels = {b.proto.label for b in content.get("download_button")}
    assert {state.t(key) for key in ("download.csv", "download.geojson", "download.html", "download.conferences_csv",
                                     "download.conferences_geojson", "download.problems")} <= labels


# per view: its title's locale key and its check
VIEWS = {
    views.map: ("tab.map", check_map), views.overview: ("tab.overview", check_overview),
    views.table: ("tab.table", check_table), views.stats: ("tab.chart", check_stats),
    views.conferences: ("tab.conferences", check_conferences), views.problems: ("tab.problems", check_problems),
    views.downloads: ("tab.downloads", check_downloads),
}


def view_title(view, state: State) -> str:
    key = VIEWS[view][0]
    return state.t(key, n=state.not_on_map) if view is views.problems else state.t(key)


def test_the_matrix_covers_every_view():
    assert set(VIEWS) == set(views.VIEWS) and views.VIEWS[0] is views.map
    assert set(views.TABS) == set(views.VIEWS) - {views.map}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("own_list", [False, True], ids=["curated", "own-list"])
@pytest.mark.parametrize("town", [None, TOWN], ids=["no-place", "place"])
@pytest.mark.parametrize("view", views.VIEWS, ids=views.name)
def test_every_view_in_every_state(view, town, own_list, lang, atlas):
    state = State(lang, town, own_list, atlas)
    t = state.t
    at = page(state, views.name(view))
    # the bar offers every view by its title, in the view's language, this one open
    switcher = at.segmented_control(key="tab")
    assert switcher.options == [view_title(v, state) for v in views.VIEWS]
    assert switcher.value == views.name(view)
    VIEWS[view][1](box(at, "view"), at, state)
    # the map is on the page in every view, once, in its own box, with the state's selection and data
    [map_state] = map_states(at)
    assert len(box(at, "mapbox").get("component_instance")) == 1
    assert map_state["selected"] == (town or "") and map_state["lang"] == lang
    assert at.selectbox(key="town").value == (town or "")
    # the bar counts what is shown and names the viewer's list when it is on the map
    assert shown_count(at) == state.partnerships
    assert (md(t.quote("liste.csv")) in count_line(at)) == own_list
    assert (md("liste.csv") in " ".join(i.value for i in at.sidebar.info)) == own_list


def test_a_selected_place_then_the_problems_view(atlas):
    """The crash of #16: `?town=de:Suhl`, then "Nicht auf der Karte" gave KeyError: 0."""
    state = State("de", TOWN, False, atlas)
    at = page(state, None)
    assert at.segmented_control(key="tab").options[views.VIEWS.index(views.problems)].startswith("Nicht auf der Karte")
    at.segmented_control(key="tab").set_value("problems").run()
    assert not at.exception, at.exception
    check_problems(box(at, "view"), at, state)
    assert at.selectbox(key="town").value == TOWN and map_states(at)[0]["selected"] == TOWN  # the place stays selected


def test_the_map_keeps_its_place_on_the_page_through_every_view(atlas):
    """The map's box comes right after the bar in every view, so the browser keeps the one
    frame (and the map in it, with its view) when the viewer goes to a view and back."""
    at = page(State("en", None, False, atlas), None)

    def order() -> list[str]:
        return [getattr(child.proto, "id", "").rsplit("-", 1)[-1] for child in at.main.children.values()]

    assert order()[:2] == ["bar", "mapbox"]
    # the run that reads an uploaded file too (its spinner shows in the sidebar, beside the file)
    at.file_uploader(key="upload_file").set_value(("liste.csv", OWN_LIST, "text/csv")).run()
    assert not at.exception and order()[:2] == ["bar", "mapbox"]
    for view in views.VIEWS:
        at.segmented_control(key="tab").set_value(views.name(view)).run()
        assert not at.exception, at.exception
        assert order()[:2] == ["bar", "mapbox"]
        assert (box(at, "view") is None) == (view is views.map)


@pytest.mark.parametrize("lang", LANGS)
def test_a_refused_file_is_said_at_the_top_in_the_views_language(lang, atlas):
    t = Translator(lang)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.file_uploader(key="upload_file").set_value(("other.csv", b"Stadt;Partnerstadt\nSuhl;Kaluga\n", "text/csv"))
    at.run()
    assert not at.exception, at.exception
    message = md(t("upload.no_columns", name="other.csv", found="Stadt, Partnerstadt"))
    assert [e.value for e in at.main.error] == [message]
    # at the top of the main area: the bar's first element, above the title and the line that counts what is shown
    assert box(at, "bar").children[0].value == message
    nodes = list(at.main)
    error_at = next(i for i, node in enumerate(nodes) if node is at.main.error[0])
    count_at = next(i for i, node in enumerate(nodes) if node.type == "caption" and re.search(r"\d (?:von|of|из) \d", node.value))
    assert error_at < count_at
    assert shown_count(at) == len(atlas.partnerships)  # the curated data stays on the map


def test_a_file_is_read_once_and_its_bytes_released(monkeypatch, atlas):
    """The viewer's file is read on the run it arrives in, its bytes then let go of
    (dashboard.upload.release); later runs (a view, a filter) reuse what was read."""
    reads, released = [], []
    read = upload.read
    monkeypatch.setattr(upload, "read", lambda data, name, *rest, **kw: reads.append(name) or read(data, name, *rest, **kw))
    monkeypatch.setattr(upload, "release", lambda file: released.append(file.file_id) or True)
    state = State("en", None, True, atlas)
    at = page(state, views.name(views.table))
    at.multiselect(key="de").set_value(["DE-TH"]).run()
    assert not at.exception, at.exception
    assert reads == ["liste.csv"] and len(released) == 1
    assert released[0] == at.session_state["upload_file"].file_id
    assert shown_count(at) == 1  # Suhl–Kaluga: the filter works on the list
