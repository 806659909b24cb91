"""Presentation mode, timeline, tour, exports and languages: AppTest for the
page, headless Chromium for what happens in the browser. The browser tests
save the screenshots named in the issue into tests/artifacts/."""

import pytest
from streamlit.testing.v1 import AppTest

from browser import ARTIFACTS, count_shapes, map_frame, offline_page, require_chromium, streamlit_server
from conftest import ROOT
from dashboard import filters, layers
from dashboard.i18n import Translator

APP = str(ROOT / "dashboard" / "app.py")


def app(tab: int | None = None, **query):
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    if tab is not None:  # only the open tab is drawn
        at.session_state["tab"] = at.tabs[tab].label
        at.run()
        assert not at.exception, at.exception
    return at


def test_presentation_mode_shows_only_the_map():
    at = app(mode="present", lang="ru", de="DE-TH")
    assert len(at.sidebar) == 0 and len(at.title) == 0 and len(at.tabs) == 0
    components = [e for e in at.main if e.type == "component_instance"]
    assert len(components) == 1


def test_title_line_states_filter_and_language():
    t = Translator("ru")
    text = filters.describe(filters.Filter(de_regions=("DE-TH",), year_from=1990, statuses=("suspended",)), t)
    assert text == "Тюрингия · 1990–… · приостановлено"
    assert filters.describe(filters.Filter(), Translator("de")) == "alle Partnerschaften"


def test_normal_view_offers_presentation_mode_and_three_exports():
    at = app(tab=4, lang="en", ru="RU-KLU")
    links = at.get("link_button")
    assert links and "mode=present" in links[0].proto.url and "ru=RU-KLU" in links[0].proto.url and "lang=en" in links[0].proto.url
    labels = [d.proto.label for d in at.get("download_button")]
    assert {"Partnerships (CSV)", "Partnerships (GeoJSON)", "Map as an HTML file"} <= set(labels)


def test_every_chart_has_a_text_alternative_and_a_table():
    at = app(tab=1, lang="en")
    captions = " ".join(c.value for c in at.caption)
    for phrase in ("were founded", "Most:", "median distance", "suspended since 2022"):
        assert phrase in captions
    assert sum(1 for e in at.get("expander") if e.proto.label == "As a table") == 5


def test_standalone_html_needs_nothing_from_outside(atlas):
    t = Translator("en")
    html = layers.standalone_html(layers.build_map(atlas.partnerships, atlas.towns, atlas.conferences, t,
                                                   outlines={"type": "FeatureCollection", "features": []},
                                                   inline_assets=True, title="x"))
    assert "<script src" not in html and '<link rel="stylesheet"' not in html
    assert "L.version" in html or "Leaflet" in html  # the library itself is inside
    assert "/app/static" not in html


# -- in the browser -----------------------------------------------------------

@pytest.fixture(scope="module")
def server():
    require_chromium()
    with streamlit_server() as url:
        yield url


def test_presentation_mode_in_russian_fills_the_screen(server):
    with offline_page(1920, 1080) as page:
        page.goto(server + "/?mode=present&lang=ru")
        frame = map_frame(page)
        page.wait_for_timeout(1500)
        box = page.locator("iframe").first.bounding_box()
        assert box["width"] >= 1900 and box["height"] >= 1000 and box["y"] <= 20
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        title = frame.locator(".pm-title").inner_text()
        assert "Российско-германские" in title and "Русский" in title
        assert "Легенда" in frame.locator(".pm-legend").inner_text()
        assert float(frame.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.pm-title')).fontSize)")) >= 28
        page.screenshot(path=str(ARTIFACTS / "present-ru-1920x1080.png"))


def test_normal_view_in_english(server):
    with offline_page(1400, 1000) as page:
        page.goto(server + "/?lang=en")
        map_frame(page)
        page.get_by_text("German–Russian municipal partnerships").first.wait_for()
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTIFACTS / "normal-en.png"))
        assert page.failed_local == []


def test_timeline_plays_and_scrubs_in_the_browser(server, atlas):
    with offline_page() as page:
        page.goto(server)
        frame = map_frame(page)
        page.wait_for_timeout(1000)
        requests_before = len(page.context.pages)  # the app is one page; nothing reloads
        frame.evaluate("() => window.pmTimeline.set(1990)")
        years = atlas.partnerships.loc[atlas.partnerships["placed"], "since"]
        assert count_shapes(frame)["lines"] == int((years <= 1990).sum())
        assert "1990" in frame.locator(".pm-year-out").inner_text()
        # scrub with the slider itself
        frame.locator(".pm-year").fill("1970")
        assert count_shapes(frame)["lines"] == int((years <= 1970).sum())
        # play with the keyboard: space starts, the year moves on without the server
        frame.locator(".pm-play").focus()
        frame.locator(".pm-play").press("Enter")
        page.wait_for_timeout(1600)
        assert int(frame.locator(".pm-year").input_value()) > 1970
        assert frame.locator(".pm-play").get_attribute("aria-label") in ("Anhalten", "Pause")
        assert len(page.context.pages) == requests_before


def test_conference_tour_steps_by_keyboard(server, atlas):
    with offline_page() as page:
        page.goto(server)
        frame = map_frame(page)
        page.wait_for_timeout(1000)
        start = frame.locator(".pm-start")
        start.focus()
        start.press("Enter")
        first = atlas.conferences.sort_values("number").iloc[0]
        assert f"{layers.roman(first['number'])}." in frame.locator(".pm-tour-text").inner_text()
        frame.locator("body").press("ArrowRight")
        second = atlas.conferences.sort_values("number").iloc[1]
        frame.locator(".pm-tour-text", has_text=f"{layers.roman(second['number'])}.").wait_for(timeout=5000)
        page.wait_for_timeout(1500)  # the flight to the host
        center = frame.evaluate("() => { for (const k in window) { if (k.startsWith('map_') && window[k] && window[k].getCenter) return window[k].getCenter(); } return window.map.getCenter(); }")
        assert abs(center["lat"] - second["lat"]) < 1 and abs(center["lng"] - second["lon"]) < 1
        frame.locator("body").press("Escape")
        assert frame.locator(".pm-tour-text").inner_text() == ""


def test_standalone_export_opens_from_a_file_offline(tmp_path, atlas):
    require_chromium()
    from geo import basemap

    t = Translator("de")
    path = tmp_path / "partnerships-map.html"
    path.write_text(layers.standalone_html(layers.build_map(
        atlas.partnerships, atlas.towns, atlas.conferences, t, outlines=basemap.outlines(), inline_assets=True,
        title="Deutsch-russische kommunale Partnerschaften")), encoding="utf-8")
    with offline_page() as page:
        page.goto(path.as_uri())
        page.wait_for_function("() => document.querySelectorAll('path.leaflet-interactive').length > 0")
        page.wait_for_timeout(1000)
        shapes = count_shapes(page.main_frame)
        assert shapes["lines"] == int(atlas.partnerships["placed"].sum())
        assert shapes["conferences"] == len(atlas.conferences)
        assert page.evaluate("() => document.querySelectorAll('.leaflet-basemap-pane path').length") > 20
        assert page.failed_local == []
        assert all("tile.openstreetmap.org" in url for url in page.blocked), page.blocked
        page.screenshot(path=str(ARTIFACTS / "standalone-offline.png"))
