"""Presentation mode, timeline, tour, exports and languages: AppTest for the
page, headless Chromium for what happens in the browser. The browser tests
save the screenshots named in the issue into tests/artifacts/."""

import pytest
from streamlit.testing.v1 import AppTest

from browser import ARTIFACTS, count_shapes, map_frame, offline_page, require_chromium
from conftest import ROOT
from dashboard import filters, mapdata, mapview
from dashboard.text import roman
from dashboard.i18n import Translator

APP = str(ROOT / "dashboard" / "app.py")


def app(tab: str | None = None, **query):
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    if tab is not None:  # only the open view is drawn
        at.segmented_control(key="tab").set_value(tab)
        at.run()
        assert not at.exception, at.exception
    return at


def test_presentation_mode_shows_only_the_map():
    at = app(mode="present", lang="ru", de="DE-TH")
    assert len(at.sidebar) == 0 and len(at.title) == 0 and len(at.get("button_group")) == 0
    components = [e for e in at.main if e.type == "component_instance"]
    assert len(components) == 1


def test_title_line_states_filter_and_language():
    t = Translator("ru")
    text = filters.describe(filters.Filter(de_regions=("DE-TH",), year_from=1990, statuses=("suspended",)), t)
    assert text == "Тюрингия · 1990–… · приостановлено"
    assert filters.describe(filters.Filter(query="Suhl"), Translator("ru")) == "«Suhl»"
    assert filters.describe(filters.Filter(), Translator("de")) == "alle Partnerschaften"


def test_normal_view_offers_presentation_mode_and_three_exports():
    at = app(tab="downloads", lang="en", ru="RU-KLU")
    links = at.get("link_button")
    assert links and "mode=present" in links[0].proto.url and "ru=RU-KLU" in links[0].proto.url and "lang=en" in links[0].proto.url
    labels = [d.proto.label for d in at.get("download_button")]
    assert {"Partnerships (CSV)", "Partnerships (GeoJSON)", "Map as an HTML file"} <= set(labels)


def test_every_chart_has_a_text_alternative_and_a_table():
    at = app(tab="stats", lang="en")
    captions = " ".join(c.value for c in at.caption)
    for phrase in ("founded:", "Most:", "median distance", "Suspended today"):
        assert phrase in captions
    assert sum(1 for e in at.get("expander") if e.proto.label == "As a table") == 5


def test_standalone_html_needs_nothing_from_outside(atlas):
    t = Translator("en")
    dataset = mapdata.dataset(atlas)
    html = mapview.standalone_html(dataset, mapview.state(t, atlas.partnerships["id"], dataset),
                                   {"type": "FeatureCollection", "features": []}, title="x")
    assert "<script src" not in html and '<link rel="stylesheet"' not in html
    assert "Leaflet" in html and "PartnerMap" in html  # the library and the map code are inside
    assert "/app/static" not in html and "/component/" not in html


# -- in the browser -----------------------------------------------------------

def panels_share(frame) -> float:
    """The share of the map's area that the panels (title, legend, buttons, tour, timeline, the Germany inset) cover."""
    return frame.evaluate("""() => { const m = document.getElementById('map').getBoundingClientRect();
        let covered = 0;
        document.querySelectorAll('.pm-root > .leaflet-control-container .leaflet-control, .pm-inset').forEach(c => {
            if (c.offsetParent === null) { return; }
            const r = c.getBoundingClientRect(); covered += r.width * r.height; });
        return covered / (m.width * m.height); }""")


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (1024, 768)])
def test_presentation_mode_in_russian_fills_the_screen(server, size):
    width, height = size
    with offline_page(width, height) as page:
        page.goto(server + "/?mode=present&lang=ru&de=DE-TH")
        frame = map_frame(page)
        page.wait_for_timeout(1000)
        box = page.locator("iframe").first.bounding_box()
        assert box["width"] >= width - 20 and box["height"] >= height - 20 and box["y"] <= 20
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        title = frame.locator(".pm-title").inner_text()
        assert title == "Тюрингия" and "Русский" not in title
        assert "Легенда" in frame.locator(".pm-legend").inner_text()
        from test_browser import assert_no_overlap, label_boxes

        assert_no_overlap(label_boxes(frame))
        share = panels_share(frame)
        assert share <= 0.15, f"panels cover {share:.0%} of the map at {width}×{height}"
        page.screenshot(path=str(ARTIFACTS / f"present-ru-{width}x{height}.png"))


def test_presentation_mode_esc_returns_and_exit_leads_back(server):
    with offline_page(1280, 720) as page:
        page.goto(server + "/?mode=present&lang=en")
        frame = map_frame(page)
        page.wait_for_timeout(500)
        start = frame.evaluate("() => window.pm.view()")
        frame.evaluate("() => { window.pm.map.setView([51, 10], 6, {animate: false}); }")
        frame.locator("#map").press("Escape")
        assert frame.evaluate("() => window.pm.view()") == start
        frame.locator(".pm-exit-btn").click()
        page.wait_for_function("() => !location.search.includes('mode=present')", timeout=20000)
        page.locator('[data-testid="stSidebar"]').wait_for(timeout=20000)


def test_normal_view_in_english(server):
    with offline_page(1400, 1000) as page:
        page.goto(server + "/?lang=en")
        map_frame(page)
        page.get_by_role("heading", name="German–Russian partnerships").wait_for()  # the bar's short title
        page.wait_for_timeout(1000)
        page.screenshot(path=str(ARTIFACTS / "normal-en.png"))
        assert page.failed_local == []


def test_timeline_plays_and_scrubs_in_the_browser(server, atlas):
    with offline_page() as page:
        page.goto(server)
        frame = map_frame(page)
        page.wait_for_timeout(500)
        frame.evaluate("() => window.pm.setYear(1990)")
        placed = atlas.partnerships[atlas.partnerships["placed"]]
        assert count_shapes(frame)["arcs"] == int((placed["since"] <= 1990).sum())
        # only the places of the partnerships founded by then are on the map
        ends = set(placed.loc[placed["since"] <= 1990, "de_name"]) | set(placed.loc[placed["since"] <= 1990, "ru_name"])
        assert count_shapes(frame)["places"] <= len(ends) + 1 < len(atlas.towns)
        assert "1990" in frame.locator(".pm-year-out").inner_text()
        frame.locator(".pm-year").fill("1970")
        assert count_shapes(frame)["arcs"] == int((placed["since"] <= 1970).sum())
        frame.locator(".pm-play").focus()
        frame.locator(".pm-play").press("Enter")
        page.wait_for_timeout(1600)
        assert int(frame.locator(".pm-year").input_value()) > 1970
        assert frame.locator(".pm-play").get_attribute("aria-label") == "Anhalten"


def test_conference_tour_steps_by_keyboard(server, atlas):
    with offline_page() as page:
        page.goto(server)
        frame = map_frame(page)
        page.wait_for_timeout(500)
        start_view = frame.evaluate("() => window.pm.view()")
        frame.locator(".pm-start").click()
        toured = atlas.conferences.dropna(subset=["lat"]).sort_values("number")  # the tour visits placed hosts only (VI has none)
        first = toured.iloc[0]
        assert f"{roman(first['number'])}." in frame.locator(".pm-tour-text").inner_text()
        frame.locator("#map").press("ArrowRight")
        second = toured.iloc[1]
        frame.locator(".pm-tour-text", has_text=f"{roman(second['number'])}.").wait_for(timeout=5000)
        page.wait_for_timeout(1500)  # the flight to the host and its partners
        inside = frame.evaluate("([lat, lon]) => window.pm.map.getBounds().contains([lat, lon])", [second["lat"], second["lon"]])
        assert inside
        frame.locator("#map").press("Escape")
        assert frame.locator(".pm-tour-text").inner_text() == ""
        assert frame.evaluate("() => window.pm.view()") == start_view


def test_standalone_export_opens_from_a_file_offline(tmp_path, atlas):
    require_chromium()
    from geo import basemap

    dataset = mapdata.dataset(atlas)
    path = tmp_path / "partnerships-map.html"
    path.write_text(mapview.standalone_html(dataset, mapview.state(Translator("de"), atlas.partnerships["id"], dataset,
                                                                   tiles=True),
                                            basemap.outlines(), "Deutsch-russische kommunale Partnerschaften"), encoding="utf-8")
    with offline_page() as page:
        page.goto(path.as_uri())
        frame = map_frame(page)
        page.wait_for_timeout(800)
        shapes = count_shapes(frame)
        assert shapes["arcs"] == int(atlas.partnerships["placed"].sum())
        assert shapes["places"] == len(atlas.towns)
        assert page.evaluate("() => document.querySelectorAll('.leaflet-basemap-pane path').length") > 20
        assert page.failed_local == []
        assert all("tile.openstreetmap.org" in url for url in page.blocked), page.blocked
        page.screenshot(path=str(ARTIFACTS / "standalone-offline.png"))
