"""Results framed and a presenter's map (issue 17), in headless Chromium with the network cut:
a filter or a search frames what it shows, clear of the panels and the Germany inset; the
keys work from the moment the page loads; type scales with the screen; panels never cover
each other; a link's `map=` restores zoom and centre, and the map writes its view into the
app's address."""
import pytest

from browser import ARTIFACTS, map_frame, offline_page, require_chromium
from dashboard import mapdata, mapview
from dashboard.i18n import Translator

# every drawn place inside the map, not under a panel (controls, the inset while it shows, the detail)
ALL_PLACES_FREE = """() => { const pm = window.pm, m = pm.map, d = pm.data, size = m.getSize();
    if (pm.moving()) { return false; }
    const panels = [...document.querySelectorAll('.leaflet-control, .pm-inset, .pm-detail')]
        .filter(n => n.offsetWidth && n.style.display !== 'none' && getComputedStyle(n).visibility !== 'hidden')
        .map(n => n.getBoundingClientRect());
    const count = pm.store.get('placeCount'); let n = 0;
    for (let p = 0; p < d.places.length; p++) {
        if (!count[p]) { continue; }
        n++;
        const pt = m.latLngToContainerPoint([d.places[p][0], d.places[p][1]]);
        if (pt.x < 0 || pt.y < 0 || pt.x > size.x || pt.y > size.y) { return false; }
        if (panels.some(r => pt.x >= r.left && pt.x <= r.right && pt.y >= r.top && pt.y <= r.bottom)) { return false; }
    }
    return n > 0; }"""

PANEL_BOXES = """() => [...document.querySelectorAll('.pm-root > .leaflet-control-container .leaflet-control, .pm-inset, .pm-detail, .pm-help')]
    .filter(n => n.offsetWidth && n.style.display !== 'none' && getComputedStyle(n).visibility !== 'hidden')
    .map(n => { const r = n.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height, t: n.className.split(' ').slice(0, 2).join(' ')}; })"""


def assert_panels_apart(frame) -> None:
    from test_browser import assert_no_overlap

    assert_no_overlap(frame.evaluate(PANEL_BOXES))


def test_a_land_in_the_link_is_framed_clear_of_the_inset_and_the_panels(server):
    with offline_page(1400, 1000) as page:
        page.goto(server + "/?de=DE-TH&lang=en")
        frame = map_frame(page)
        frame.wait_for_function("() => window.pm.counts().shown < window.pm.data.ids.length", timeout=30000)
        frame.wait_for_function(ALL_PLACES_FREE, timeout=20000)
        frame.wait_for_function("() => window.pm.counts().labels > 0", timeout=10000)
        page.screenshot(path=str(ARTIFACTS / "framed-thueringen-1400x1000.png"))


def test_a_filter_and_a_search_frame_their_result(server):
    with offline_page(1400, 1000) as page:
        page.goto(server)
        frame = map_frame(page)
        frame.wait_for_function("() => window.pm.counts().labels > 0", timeout=30000)
        start = frame.evaluate("() => window.pm.view()")
        page.get_by_label("Ort suchen").fill("Kaluga")
        page.keyboard.press("Enter")
        frame.wait_for_function("() => window.pm.counts().shown < window.pm.data.ids.length", timeout=30000)
        frame.wait_for_function(ALL_PLACES_FREE, timeout=20000)
        kaluga = frame.evaluate("() => window.pm.view()")
        assert kaluga != start and kaluga["zoom"] > start["zoom"], (start, kaluga)
        # a click, a language change and the timeline do not move it
        frame.evaluate("() => window.pm.setYear(1990)")
        frame.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        assert frame.evaluate("() => window.pm.view()") == kaluga
        page.screenshot(path=str(ARTIFACTS / "framed-search-kaluga-1400x1000.png"))


def test_the_view_in_a_link_is_restored_and_the_map_writes_its_view(server, tmp_path, atlas):
    # the HTML export made with a view: the map starts there instead of framing
    require_chromium()
    from geo import basemap

    dataset = mapdata.dataset(atlas)
    path = tmp_path / "map.html"
    path.write_text(mapview.standalone_html(dataset, mapview.state(Translator("de"), atlas.partnerships["id"], dataset,
                                                                   view="6/52.000/30.000"),
                                            basemap.outlines(), "x"), encoding="utf-8")
    with offline_page(1400, 1000) as page:
        page.goto(path.as_uri())
        frame = map_frame(page)
        view = frame.evaluate("() => window.pm.view()")
        assert view["zoom"] == 6 and abs(view["lat"] - 52) < 0.001 and abs(view["lng"] - 30) < 0.001, view
    # the app: a link's view is where the map starts (dashboard.views.map passes `map=` on as the state's view)
    with offline_page(1400, 1000) as page:
        page.goto(server + "/?map=6/52.000/30.000&lang=ru")
        frame = map_frame(page)
        view = frame.evaluate("() => window.pm.view()")
        assert view["zoom"] == 6 and abs(view["lat"] - 52) < 0.001 and abs(view["lng"] - 30) < 0.001, view
    # the app: a move of the map is written into the address, the other parameters kept
    with offline_page(1400, 1000) as page:
        page.goto(server + "/?lang=ru&de=DE-TH")
        frame = map_frame(page)
        frame.wait_for_function("() => window.pm.counts().labels > 0", timeout=30000)
        frame.evaluate("() => window.pm.map.setView([55.75, 37.62], 5.5, {animate: false})")
        page.wait_for_function("() => location.search.includes('map=5.5/55.750/37.620')", timeout=10000)
        assert "lang=ru" in page.evaluate("() => location.search") and "de=DE-TH" in page.evaluate("() => location.search")


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_presentation_keys_from_the_start_type_scales_panels_apart(server, size):
    width, height = size
    with offline_page(width, height) as page:
        page.goto(server + "/?mode=present&lang=ru")
        frame = map_frame(page)
        frame.wait_for_function("() => window.pm.counts().labels > 0 && window.pm.keysOnPage() === 2", timeout=30000)
        # place names at least 2.2 % of the screen's height (the main map's names)
        sizes = frame.evaluate("""() => [...document.querySelectorAll('.pm-root > .leaflet-map-pane .pm-label:not(.pm-country)')]
            .map(n => parseFloat(getComputedStyle(n).fontSize))""")
        assert sizes and min(sizes) >= 0.022 * height, (min(sizes), height)
        # no click: the keys reach the map from the page itself
        assert page.evaluate("() => document.activeElement === document.body")
        page.keyboard.press("ArrowRight")
        frame.wait_for_function("() => window.pm.tourStep === 0", timeout=5000)
        page.keyboard.press("PageDown")
        page.keyboard.press("PageDown")
        frame.wait_for_function("() => window.pm.tourStep === 2 && !window.pm.moving()", timeout=10000)
        frame.wait_for_function("() => window.pm.counts().labels > 0", timeout=10000)
        # "◀ Завершить маршрут ▶" on one line, and no panel over another mid-tour
        row = frame.evaluate("() => { const r = document.querySelector('.pm-tour-row'); return {h: r.offsetHeight, b: r.querySelector('.pm-start').offsetHeight}; }")
        assert row["h"] < 1.5 * row["b"], row
        assert_panels_apart(frame)
        page.screenshot(path=str(ARTIFACTS / f"present-tour-ru-{width}x{height}.png"))
        page.keyboard.press("?")
        frame.locator(".pm-help").wait_for(timeout=5000)
        page.keyboard.press("Escape")
        frame.wait_for_function("() => !document.querySelector('.pm-help')", timeout=5000)
        page.keyboard.press("Escape")
        frame.wait_for_function("() => window.pm.tourStep === -1", timeout=5000)


def test_presentation_at_1024x768_the_tour_does_not_wrap_and_panels_stay_apart(server):
    with offline_page(1024, 768) as page:
        page.goto(server + "/?mode=present&lang=ru&de=DE-TH")
        frame = map_frame(page)
        frame.wait_for_function("() => window.pm.counts().labels > 0 && window.pm.keysOnPage() === 2", timeout=30000)
        for step in range(4):
            page.keyboard.press("ArrowRight")
            frame.wait_for_function(f"() => window.pm.tourStep === {step} && !window.pm.moving()", timeout=10000)
            row = frame.evaluate("() => { const r = document.querySelector('.pm-tour-row'); return {h: r.offsetHeight, b: r.querySelector('.pm-start').offsetHeight}; }")
            assert row["h"] < 1.5 * row["b"], row
            assert_panels_apart(frame)
        # a pair's detail in presentation mode: beside the other panels, not over them
        frame.evaluate("() => { window.pm.tourEnd(); window.pm.openPair('suhl-kaluga'); }")
        frame.wait_for_function("() => window.pm.detailBox() && window.pm.detailBox().querySelector('[data-loaded]')", timeout=10000)
        assert_panels_apart(frame)
        page.screenshot(path=str(ARTIFACTS / "present-detail-ru-1024x768.png"))
