"""Every tab of the page in every state (#16): tab × {no place, a place
selected} × {curated data, an uploaded list} × {de, ru, en}, through
Streamlit's AppTest. Each run must raise nothing and show the tab's main
element inside the open tab (and nothing in the others); the place panel and
the upload banner prove that the state is the one the test's id names."""
from __future__ import annotations

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


def page(state: State, tab: str | None) -> AppTest:
    """The app in ``state`` (the place selected by the link), then ``tab`` opened."""
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
    if tab is not None:  # chosen after the upload, as a viewer would: the problems tab's title counts the list's rows
        at.session_state["tab"] = tab
        at.run()
        assert not at.exception, at.exception
    return at


def open_tab(at: AppTest, label: str):
    """The tab titled ``label``; every other tab must be empty (only the open tab is drawn)."""
    matching = [tab for tab in at.tabs if tab.label == label]
    assert len(matching) == 1, [tab.label for tab in at.tabs]
    assert not [tab.label for tab in at.tabs if tab.label != label and tab.children]
    return matching[0]


def shown_count(at: AppTest) -> int:
    """The headline's count of shown partnerships ('3 von 3 …', '3 of 3 …', '… 3 из 3')."""
    text = " ".join(m.value for m in at.main.markdown)
    number = re.search(r"(\d[\d.,\u202f\xa0]*) (?:von|of|из) \d", text).group(1)
    return int(re.sub(r"\D", "", number))


# -- what each tab draws inside itself ------------------------------------------------
def check_overview(tab, at: AppTest, state: State) -> None:
    t = state.t
    text = " ".join(m.value for m in tab.markdown)
    assert f"**{md(t('overview.status'))}**" in text and f"**{md(t('overview.kind'))}**" in text
    assert any(c.value == t("overview.more") for c in tab.caption)


def check_table(tab, at: AppTest, state: State) -> None:
    t = state.t
    assert len(tab.dataframe) == 1
    table = tab.dataframe[0].value
    assert list(table.columns)[:4] == [t("col.de"), t("col.de_region"), t("col.ru"), t("col.ru_region")]
    assert len(table) == shown_count(at) == state.partnerships


def check_stats(tab, at: AppTest, state: State) -> None:
    t = state.t
    charts = [node for node in tab if node.type.endswith("vega_lite_chart")]
    assert len(charts) == 5  # per year, per Land, per federal subject, distances, status over time
    assert [s.value for s in tab.subheader] == [t("stats.per_year"), t("stats.per_land"), t("stats.per_subject"),
                                                t("stats.distance"), t("stats.status")]


def check_conferences(tab, at: AppTest, state: State) -> None:
    table = tab.dataframe[0].value
    assert state.t("col.host") in table.columns
    assert len(table) == state.conferences


def check_problems(tab, at: AppTest, state: State) -> None:
    t = state.t
    assert tab.markdown[0].value == t("problems.intro")
    tables = [frame.value for frame in tab.dataframe]
    listed = [table for table in tables if t("problems.col.reason") in table.columns]
    missing = [table for table in tables if list(table.columns) == [t("col.de"), t("col.ru")]]
    assert sum(len(table) for table in missing) == state.not_on_map
    if state.own_list:
        assert len(listed) == 1 and list(listed[0][t("problems.col.value")]) == ["Atlantis am Meer"]
        # the reason and the reader's notes in the view's language (geo.problems codes), not the English sentence
        read = own_list_read()
        reasons = list(listed[0][t("problems.col.reason")])
        assert reasons == [t.problem(p) for p in read.atlas.problems]
        notes = " ".join(c.value for c in tab.caption)
        assert all(md(t.problem(note)) in notes for note in read.notes)
        if state.lang != "en":
            assert reasons != [p.reason for p in read.atlas.problems] and not any(md(str(n)) in notes for n in read.notes)
        manual = [table for table in tables if t("problems.position_source") in table.columns]
        assert list(manual[0][t("problems.position_source")]) == ["https://de.wikipedia.org/wiki/Suhl"]
    elif state.problems:
        assert len(listed) == 1 and len(listed[0]) == state.problems
    else:
        assert [s.value for s in tab.success] == [t("problems.none")]


def check_downloads(tab, at: AppTest, state: State) -> None:
    labels = [b.proto.label for b in tab.get("download_button")]  # in three columns: read column by column
    assert sorted(labels) == sorted(state.t(key) for key in (
        "download.csv", "download.geojson", "download.html", "download.conferences_csv", "download.conferences_geojson",
        "download.problems"))


# per tab: its title's locale key and its check
TABS = {
    views.overview: ("tab.overview", check_overview), views.table: ("tab.table", check_table),
    views.stats: ("tab.chart", check_stats), views.conferences: ("tab.conferences", check_conferences),
    views.problems: ("tab.problems", check_problems), views.downloads: ("tab.downloads", check_downloads),
}


def tab_title(view, state: State) -> str:
    key = TABS[view][0]
    return state.t(key, n=state.not_on_map) if view is views.problems else state.t(key)


def test_the_matrix_covers_every_tab():
    assert set(TABS) == set(views.TABS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("own_list", [False, True], ids=["curated", "own-list"])
@pytest.mark.parametrize("town", [None, TOWN], ids=["no-place", "place"])
@pytest.mark.parametrize("view", views.TABS, ids=lambda view: view.__name__.rsplit(".", 1)[-1])
def test_every_tab_in_every_state(view, town, own_list, lang, atlas):
    state = State(lang, town, own_list, atlas)
    t = state.t
    label = tab_title(view, state)
    at = page(state, label)
    TABS[view][1](open_tab(at, label), at, state)
    # the state is the one the test names: the viewer's list is on the map, the place's panel is open
    banner = " ".join(i.value for i in at.main.info)
    assert (md("liste.csv") in banner) == own_list
    panel = " ".join(m.value for m in at.main.markdown)
    suhl = f"**{md(t.place({'de_name': 'Suhl', 'de_name_ru': 'Зуль'}, 'de') + ' (' + t.region('DE-TH') + ')')}**"
    kaluga = f"**{md(t.place({'ru_name': 'Kaluga', 'ru_name_ru': 'Калуга', 'ru_name_en': 'Kaluga'}, 'ru'))}**"
    assert (suhl in panel and kaluga in panel) == bool(town)


def test_a_selected_place_then_the_problems_tab(atlas):
    """The crash of #16: `?town=de:Suhl`, then the tab "Nicht auf der Karte" gave KeyError: 0."""
    state = State("de", TOWN, False, atlas)
    at = page(state, None)
    label = tab_title(views.problems, state)
    assert label.startswith("Nicht auf der Karte")
    at.session_state["tab"] = label
    at.run()
    assert not at.exception, at.exception
    check_problems(open_tab(at, label), at, state)
    assert "**Suhl \\(Thüringen\\)**" in " ".join(m.value for m in at.main.markdown)  # the place stays selected


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
    # at the top: above the line that counts what is shown (which still counts the curated data)
    nodes = list(at.main)
    error_at = next(i for i, node in enumerate(nodes) if node is at.main.error[0])
    count_at = next(i for i, node in enumerate(nodes) if node.type == "markdown" and re.search(r"\d (?:von|of|из) \d", node.value))
    assert error_at < count_at
    assert shown_count(at) == len(atlas.partnerships)


def test_a_file_is_read_once_and_its_bytes_released(monkeypatch, atlas):
    """The viewer's file is read on the run it arrives in, its bytes then let go of
    (dashboard.upload.release); later runs (a tab, a filter) reuse what was read."""
    reads, released = [], []
    read = upload.read
    monkeypatch.setattr(upload, "read", lambda data, name, *rest: reads.append(name) or read(data, name, *rest))
    monkeypatch.setattr(upload, "release", lambda file: released.append(file.file_id) or True)
    state = State("en", None, True, atlas)
    at = page(state, tab_title(views.table, state))
    at.multiselect(key="de").set_value(["DE-TH"]).run()
    assert not at.exception, at.exception
    assert reads == ["liste.csv"] and len(released) == 1
    assert released[0] == at.session_state["upload_file"].file_id
    assert shown_count(at) == 1  # Suhl–Kaluga: the filter works on the list
