"""One language per view.

In ``?lang=ru`` no German or English word may appear in what the page says
(markdown, captions, tab labels, tables, chart titles, the selected place,
the map's popups, controls and tour), except names given in Latin on purpose
(see ``ALLOWED_LATIN``); in ``?lang=de`` no Cyrillic and no English sentence.
Streamlit's texts are read through AppTest (``st.dataframe`` is a canvas grid
in the browser, so its data is read there); the map's texts in Chromium.
"""
from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from dashboard.i18n import Translator

APP = str(ROOT / "dashboard" / "app.py")

# Latin words a Russian text may contain, each for a reason:
ALLOWED_LATIN = {
    # news agencies that write their names in lower case (Russian texts keep them so: «агентство dpa»)
    "dpa", "epd",
    # data sources, licences and file formats named in the footer and the download buttons
    "GeoNames", "Natural", "Earth", "OpenStreetMap", "ODbL", "GeoJSON",
    # the program the people's table is made for («Таблица для Excel (.xlsx)»)
    "Excel",
    # a key of the keyboard (map help)
    "Esc",
}
# A foreign medium's name in its own script right after the Russian word for what it is, as Russian
# press writes it («газета Frankfurter Rundschau», «портал hessenschau», data/README.md's style rules).
MEDIA_NAME = re.compile(r"(?i:газет|журнал|портал|радиостанци|радио|агентств|телеканал|телепрограмм|издани|сайт|еженедельник|блог)[а-яё]*"
                        r"\s+«?((?:[A-Za-zÄÖÜäöüß0-9][\w’'.-]*)(?:\s+[A-ZÄÖÜ][\w’'.-]*)*)»?")
# Also allowed, by rule rather than by list (see latin_words):
# - URLs and host names of sources (kaliningrad.ru, russlandpartner.de);
# - acronyms and codes in capitals: ISO codes (DE, RU-KLU), roman numerals (XIII), media (MDR, NDR, SWR), CC BY, CSV;
# - a term in the original language in parentheses right after its Russian rendering:
#   «соглашение о сотрудничестве (Kooperationsvereinbarung)».

URL = re.compile(r"https?://\S+|\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:[a-z]{2,}|xn--[a-z0-9-]+)\b/?[^\s)]*")
PARENTHESIS = re.compile(r"\(([^()]*)\)")
LATIN_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß'’-]*")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
ACRONYM = re.compile(r"^[A-Z][A-Z0-9-]*$")
# words only English has (German shares "in", "so", "was", "also", "Status", "Partner"...)
ENGLISH = {"the", "and", "of", "is", "are", "were", "with", "which", "from", "this", "that", "has", "have", "been", "by",
           "not", "its", "their", "suspended", "unknown", "active", "ended", "proposed", "partnership", "partnerships",
           "friendship", "since", "town", "city", "council", "source", "sources", "none", "nan"}


def readable(text: str) -> str:
    """The text as a reader sees it: without the invisible word joiners that keep addresses from becoming links."""
    return text.replace("\u2060", "")


def latin_words(text: str) -> list[str]:
    """The Latin-script words of a Russian text that are not allowed."""
    text = URL.sub(" ", readable(text))
    text = MEDIA_NAME.sub(lambda m: m.group(0)[:m.start(1) - m.start(0)], text)
    text = PARENTHESIS.sub(lambda m: " " if not CYRILLIC.search(m.group(1)) else f" ({m.group(1)}) ", text)
    return [w for w in LATIN_WORD.findall(text) if w not in ALLOWED_LATIN and not ACRONYM.match(w.strip("-"))]


def english_words(text: str) -> list[str]:
    text = URL.sub(" ", readable(text))
    return [w for w in re.findall(r"[A-Za-z]+", text) if w in ENGLISH or w.lower() in {"none", "nan"}]


def check(texts: dict[str, str], lang: str) -> list[str]:
    """Every text that breaks the language of the view, with where it was found."""
    bad = []
    for where, text in texts.items():
        text = re.sub(r"\\(.)", r"\1", text)  # markdown escapes (kaliningrad\.ru)
        if lang == "ru":
            words = latin_words(text)
            if words:
                bad.append(f"{where}: {words} in {text[:160]!r}")
        else:
            if CYRILLIC.search(text):
                bad.append(f"{where}: Cyrillic in {text[:160]!r}")
            words = english_words(text)
            if words:
                bad.append(f"{where}: English {words} in {text[:160]!r}")
    return bad


def app(lang: str, tab: str | None = None, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    for key, value in query.items():
        at.query_params[key] = value
    if tab is not None:  # the bar's view switch holds the view's name
        at.session_state["tab"] = VIEW_NAMES[tab]
    at.run()
    assert not at.exception, at.exception
    return at


def page_texts(at: AppTest, skip_columns: set[str]) -> dict[str, str]:
    """What the page says: markdown, captions, headings, tab labels, messages, table cells, chart titles."""
    texts: dict[str, str] = {}
    for kind in ("markdown", "caption", "title", "subheader", "header", "success", "info", "warning"):
        for n, element in enumerate(getattr(at, kind)):
            texts[f"{kind}[{n}]"] = element.value
    for group in at.get("button_group"):  # the bar's views
        for n, label in enumerate(group.options):
            texts[f"view[{n}]"] = label
    for n, frame in enumerate(at.dataframe):
        table = frame.value
        for column in table.columns:
            texts[f"table[{n}] column"] = str(column)
            if column in skip_columns:
                continue
            for row, value in enumerate(table[column].tolist()):
                texts[f"table[{n}] {column!r} row {row}"] = str(value)
    for n, chart in enumerate(at.get("arrow_vega_lite_chart")):
        spec = json.loads(chart.proto.spec)
        titles = []

        def walk(node):
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "title" and isinstance(value, str):
                        titles.append(value)
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(spec)
        texts[f"chart[{n}] titles"] = " · ".join(titles)
    return texts


def link_columns(lang: str) -> set[str]:
    """Columns that hold URLs (their cells show as a translated "open source" link)."""
    t = Translator(lang)
    return {t("col.source"), t("problems.position_source")}


TABS = [None, "tab.chart", "tab.conferences", "tab.problems", "tab.downloads"]
VIEW_NAMES = {"tab.overview": "overview", "tab.table": "table", "tab.chart": "stats", "tab.conferences": "conferences",
              "tab.problems": "problems", "tab.downloads": "downloads"}


@pytest.mark.parametrize("lang", ["ru", "de"])
@pytest.mark.parametrize("tab", TABS)
def test_every_tab_speaks_one_language(lang, tab):
    at = app(lang, tab)
    texts = page_texts(at, link_columns(lang))
    for n, button in enumerate(at.get("download_button")):
        texts[f"download[{n}]"] = button.proto.label
    bad = check(texts, lang)
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("lang", ["ru", "de"])
@pytest.mark.parametrize("town", ["de:Suhl", "ru:Kaliningrad", "de:Hamburg", "de:Iserlohn"])
def test_the_selected_place_speaks_one_language(lang, town):
    at = app(lang, town=town)
    # the page names the place in its chooser (the map's own panel lists its partnerships)
    chooser = at.selectbox(key="town")
    assert chooser.value == town
    texts = {"chooser": chooser.format_func(town)}
    texts |= {f"markdown[{n}]": m.value for n, m in enumerate(at.markdown)}
    texts |= {f"caption[{n}]": m.value for n, m in enumerate(at.caption)}
    bad = check(texts, lang)
    assert not bad, "\n".join(bad)


def test_table_cells_are_never_none_and_levels_are_singular():
    at = app("en")
    at.session_state["tab"] = "table"
    at.run()
    table = at.dataframe[0].value
    t = Translator("en")
    assert not table.isna().any().any()
    assert set(table[t("col.level")]) <= {t(f"level.{level}.one") for level in ("municipality", "district", "region")}
    assert "None" not in set(table[t("col.since")]) and "nan" not in set(table[t("col.distance")])


def test_the_checks_catch_what_they_should():
    assert latin_words("Статус «suspended» отражает") == ["suspended"]
    assert latin_words("как пишет Tagesspiegel") == ["Tagesspiegel"]  # a name without what it is
    assert latin_words("по данным газеты Tagesspiegel и портала Nord24") == []  # the medium named as Russian press does
    assert latin_words("соглашение (Kooperationsvereinbarung); dpa, MDR, XIII, RU-KLU, russlandpartner.de") == []
    assert check({"x": "seit 1988 · aktiv"}, "de") == []
    assert check({"x": "Die Stadt suspended the partnership"}, "de")
    assert check({"x": "с 1988 г."}, "de")


# -- the map, in Chromium ------------------------------------------------------
CONTROLS = "() => [...document.querySelectorAll('.leaflet-control')].map(n => n.innerText).join('\\n')"


def map_texts(frame) -> dict[str, str]:
    """Every arc's popup (with its texts loaded) and every tour stop, as text."""
    texts = {}
    popups = frame.evaluate("""async () => {
        const pm = window.pm, out = {}, arcs = [];
        const sleep = ms => new Promise(r => setTimeout(r, ms));
        pm.map.eachLayer(l => { if (l.pmIndex !== undefined && l.getLatLngs && !l.pmHalo) { arcs.push(l); } });
        for (const l of arcs) {
            const ll = l.getLatLngs();
            l.fire('click', {latlng: ll[Math.floor(ll.length / 2)]});  // opens the pair's detail panel
            await pm.detailLoaded();  // its texts (fetched once) are in
            const box = pm.detailBox();
            out['popup ' + pm.data.ids[l.pmIndex]] = box ? box.innerText : '';
        }
        pm.closeDetail();
        const n = (pm.data.conferences || []).length;
        for (let k = 0; k < n; k++) {
            pm.tourGo(k);
            await sleep(10);
            out['tour ' + k] = pm.tourPanel ? pm.tourPanel.text.innerText : '';
        }
        return out; }""")
    texts.update(popups)
    return texts


@pytest.mark.parametrize("lang", ["ru", "de"])
def test_the_map_speaks_one_language(server, lang, atlas):
    from browser import map_frame, offline_page

    with offline_page() as page:
        page.goto(f"{server}/?lang={lang}")
        frame = map_frame(page)
        page.wait_for_timeout(500)
        texts = map_texts(frame)
    popups = [k for k in texts if k.startswith("popup ")]
    assert len(popups) == int(atlas.partnerships["placed"].sum()) and all(texts[k] for k in popups)
    for pid in ("suhl-kaluga", "hagen-smolensk"):  # each popup is its own pair's
        row = atlas.partnerships.set_index("id").loc[pid]
        assert Translator(lang).place(row, "ru") in texts[f"popup {pid}"]
    assert len([k for k in texts if k.startswith("tour ")]) == int(atlas.conferences["lat"].notna().sum())
    bad = check(texts, lang)
    assert not bad, "\n".join(bad)


def test_the_map_controls_speak_one_language(server):
    from browser import map_frame, offline_page

    with offline_page() as page:
        page.goto(f"{server}/?lang=ru")
        frame = map_frame(page)
        page.wait_for_timeout(500)
        bad = check({"controls": frame.evaluate(CONTROLS)}, "ru")
    assert not bad, "\n".join(bad)
