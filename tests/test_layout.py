"""The map is the page (#17): in the normal view it fills the window under one
slim bar, the other views are one click away in that bar, the page never
scrolls under the wheel, and the map keeps its view through the views and in
the link. `streamlit run` and headless Chromium with every non-local request
blocked; screenshots of the normal view go to tests/artifacts/."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from browser import ARTIFACTS, map_frame, offline_page
from dashboard import views
from dashboard.i18n import Translator
from geo import counts

MAP = "iframe[title='dashboard.mapview.partnermap']"
# Every view but the map, by the locale key of its title (its button in the bar).
OTHER_VIEWS = [("overview", "tab.overview"), ("table", "tab.table"), ("stats", "tab.chart"),
               ("conferences", "tab.conferences"), ("problems", "tab.problems"), ("downloads", "tab.downloads")]


def drawn(frame) -> None:
    """The map has drawn its outlines and placed its names."""
    frame.wait_for_function("""() => document.querySelectorAll('.leaflet-basemap-pane path').length > 20
        && window.pm.counts().labels > 0""", timeout=30000)


def layout(page) -> dict:
    """Where the map, the bar and the sidebar are, in the window's pixels, and whether anything scrolls."""
    return page.evaluate("""(selector) => {
        const box = n => { if (!n) { return null; } const r = n.getBoundingClientRect();
            return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; };
        const map = box(document.querySelector(selector)), w = innerWidth, h = innerHeight;
        const visible = Math.max(0, Math.min(w, map.right) - Math.max(0, map.left)) * Math.max(0, Math.min(h, map.bottom) - Math.max(0, map.top));
        const main = document.querySelector('[data-testid="stMain"]'), sidebar = document.querySelector('[data-testid="stSidebar"]');
        const h1 = document.querySelector('.st-key-heading h1');
        return {map: map, share: visible / (w * h), width: w, height: h, bar: box(document.querySelector('.st-key-bar')),
                heading: box(document.querySelector('.st-key-heading')), views: box(document.querySelector('.st-key-tab')),
                title: box(h1), titleLine: parseFloat(getComputedStyle(h1).lineHeight),
                titleClipped: h1.scrollWidth > h1.clientWidth + 1,
                sidebar: box(sidebar),
                mainScrolls: main.scrollHeight > main.clientHeight + 1, pageScrolls: document.documentElement.scrollHeight > h + 1,
                mainTop: main.scrollTop};
    }""", MAP)


def open_view(page, lang: str, key: str):
    """Click the view's button in the bar; its box once it shows."""
    label = Translator(lang)(key, n=0)
    button = page.get_by_role("radio", name=re.compile("^" + re.escape(label).replace("0", r"\d+") + "$"))
    button.click()
    box = page.locator(".st-key-view")
    box.wait_for(timeout=30000)
    return box


@pytest.mark.parametrize("width,height,lang", [(1400, 1000, "de"), (1280, 720, "ru"), (390, 844, "ru")])
def test_the_map_fills_the_window(server, width, height, lang):
    with offline_page(width, height) as page:
        page.goto(f"{server}/?lang={lang}")
        drawn(map_frame(page))
        page.locator(".st-key-heading h1").wait_for()
        found = layout(page)
        # every button on the map says its whole word (none cut off by its panel's width)
        clipped = map_frame(page).evaluate("""() => [...document.querySelectorAll('.leaflet-control button, .leaflet-control summary')]
            .filter(b => { if (!b.offsetWidth) { return false; }
                const box = b.getBoundingClientRect(), range = document.createRange();
                range.selectNodeContents(b);
                const text = range.getBoundingClientRect(), cs = getComputedStyle(b);  // the text itself, wherever it runs
                return text.left < box.left + parseFloat(cs.paddingLeft) - 1 || text.right > box.right - parseFloat(cs.paddingRight) + 1 || box.right > b.closest('.leaflet-control').getBoundingClientRect().right + 1; })
            .map(b => b.textContent)""")
        assert clipped == [], clipped
        # the map runs to the window's right and bottom edges, under one slim bar; nothing scrolls
        assert found["map"]["right"] >= width - 1 and found["map"]["bottom"] >= height - 1, found
        assert abs(found["map"]["top"] - found["bar"]["bottom"]) <= 1, found
        assert not found["mainScrolls"] and not found["pageScrolls"], found
        # the title on one line, whole, in every language
        assert found["title"]["height"] < 1.5 * found["titleLine"] and not found["titleClipped"], found
        if width >= 1280:
            # the sidebar open, as it opens by default, and the map everything right of it
            assert found["sidebar"]["left"] >= 0 and found["sidebar"]["width"] > 200, found
            assert abs(found["map"]["left"] - found["sidebar"]["right"]) <= 1, found
            # one row: the title and the views side by side
            assert found["views"]["top"] < found["heading"]["bottom"], found
        if (width, height) == (1400, 1000):
            assert found["share"] >= 0.70, found
            assert found["bar"]["height"] <= 70, found
        if width < 640:
            assert found["map"]["top"] <= 120 and found["map"]["left"] <= 0, found
        page.screenshot(path=str(ARTIFACTS / f"layout-{width}x{height}-{lang}.png"))
        print(f"{width}x{height} {lang}: map {found['share']:.1%} of the window, from y = {found['map']['top']:.0f} px")


def test_the_wheel_is_never_trapped_and_every_view_is_one_click_away(server):
    """On the map nothing scrolls: the wheel over the bar moves nothing, the other views are one
    click away in the bar; each opens at the top in the map's place, and the wheel scrolls it."""
    with offline_page(1400, 1000) as page:
        page.goto(server)
        frame = map_frame(page)
        drawn(frame)
        before = frame.evaluate("() => window.pm.view()")
        bar = page.locator(".st-key-bar").bounding_box()
        page.mouse.move(bar["x"] + 40, bar["y"] + bar["height"] / 2)
        page.mouse.wheel(0, 800)
        page.mouse.move(150, 500)  # over the sidebar
        page.mouse.wheel(0, 300)
        found = layout(page)
        assert found["mainTop"] == 0 and not found["mainScrolls"] and not found["pageScrolls"]
        assert frame.evaluate("() => window.pm.view()") == before  # the wheel outside the map does not zoom it
        for name, key in OTHER_VIEWS:
            box = open_view(page, "de", key)
            shown = box.bounding_box()
            # the view takes the map's place right under the bar; the map is hidden, not gone
            assert abs(shown["y"] - layout(page)["bar"]["bottom"]) <= 1 and shown["height"] >= 1000 - 120, (name, shown)
            assert not page.locator(MAP).is_visible()
            assert page.locator(MAP).count() == 1
            if name == "stats":  # the longest view: the wheel over it scrolls it, the page stays
                page.wait_for_function("() => { const v = document.querySelector('.st-key-view');"
                                       " return v.scrollHeight > v.clientHeight + 500; }", timeout=30000)
                page.mouse.move(shown["x"] + shown["width"] / 2, shown["y"] + 300)
                page.mouse.wheel(0, 700)
                page.wait_for_function("() => document.querySelector('.st-key-view').scrollTop > 0", timeout=10000)
                assert layout(page)["mainTop"] == 0
        page.get_by_role("radio", name="Karte", exact=True).click()
        page.locator(".st-key-view").wait_for(state="detached", timeout=30000)
        assert page.locator(MAP).is_visible()
        page.screenshot(path=str(ARTIFACTS / "layout-back-on-the-map.png"))


def test_the_map_keeps_its_view_through_the_views_and_in_the_link(server):
    """The view (zoom and centre) stays when the viewer goes to each other view and back, stays in
    the address as map=Z/LAT/LON through filters and views, and a copied link opens it again."""
    with offline_page(1400, 1000) as page:
        page.goto(server)
        frame = map_frame(page)
        drawn(frame)
        frame.evaluate("() => { window.pm.map.setView([51.0, 10.5], 6, {animate: false}); window.sameMap = 1; }")
        page.wait_for_function("() => new URLSearchParams(location.search).get('map') === '6/51.000/10.500'", timeout=20000)
        before = frame.evaluate("() => window.pm.view()")
        for name, key in OTHER_VIEWS:
            open_view(page, "de", key)
            page.get_by_role("radio", name="Karte", exact=True).click()
            page.locator(".st-key-view").wait_for(state="detached", timeout=30000)
            # the same map in the same frame, not a new one: its view, and the link's
            assert frame.evaluate("() => window.sameMap") == 1, name
            assert frame.evaluate("() => window.pm.view()") == before, name
            assert page.evaluate("() => new URLSearchParams(location.search).get('map')") == "6/51.000/10.500", name
        # a filter: the map frames the result and writes its new view; the address keeps the filter and the view
        page.get_by_label("Ort suchen").fill("Kaluga")
        page.keyboard.press("Enter")
        page.wait_for_function("() => location.search.includes('q=Kaluga')", timeout=20000)
        frame.wait_for_function("() => window.pm.counts().shown < window.pm.data.ids.length", timeout=20000)
        page.wait_for_function("""(v) => { const m = new URLSearchParams(location.search).get('map');
            return m && m !== v && location.search.includes('q=Kaluga'); }""", arg="6/51.000/10.500", timeout=20000)
        open_view(page, "de", "tab.table")  # the open view is part of the link (view=table), and so is the map's view
        link = page.evaluate("() => location.href")
        assert parse_qs(urlsplit(link).query)["view"] == ["table"]
        written = parse_qs(urlsplit(link).query)["map"][0]
        zoom, lat, lon = (float(x) for x in written.split("/"))
    with offline_page(1400, 1000) as page:
        page.goto(link)
        frame = map_frame(page)
        drawn(frame)
        opened = frame.evaluate("() => window.pm.view()")
        assert opened["zoom"] == pytest.approx(zoom, abs=0.01)
        assert opened["lat"] == pytest.approx(lat, abs=0.01) and opened["lng"] == pytest.approx(lon, abs=0.01)
        assert page.get_by_label("Ort suchen").input_value() == "Kaluga"


def test_every_view_is_in_the_bar(server, atlas):
    """The bar names every view of dashboard.views, the map first, in the page's language."""
    assert [name for name, _ in OTHER_VIEWS] == [views.name(view) for view in views.TABS]
    with offline_page(1280, 720) as page:
        page.goto(f"{server}/?lang=en")
        map_frame(page)
        t = Translator("en")
        missing = counts.count(atlas.partnerships).not_on_map
        assert page.locator(".st-key-tab [role=radio]").all_inner_texts() == \
            [t("tab.map"), *(t(key, n=missing) for _, key in OTHER_VIEWS)]
        assert page.get_by_role("radio", name=t("tab.map"), exact=True).get_attribute("aria-checked") == "true"


def test_a_link_to_another_view_opens_it_and_the_map_is_framed_when_opened(server):
    """?view=table opens the table in the map's place; the map, made while hidden, frames what is
    shown once it is opened, and the address then carries the map's view instead of view=."""
    with offline_page(1400, 1000) as page:
        page.goto(f"{server}/?view=table&lang=en&de=DE-TH")
        page.locator(".st-key-view [data-testid=stDataFrame]").first.wait_for(timeout=60000)
        assert not page.locator(MAP).is_visible()
        page.get_by_role("radio", name="Map", exact=True).click()
        frame = map_frame(page)
        drawn(frame)
        frame.wait_for_function("() => !window.pm.moving()", timeout=30000)
        outside = frame.evaluate("""() => { const pm = window.pm, m = pm.model, size = pm.map.getSize(), count = pm.store.get('placeCount');
            const out = [];
            for (let p = 0; p < m.nPlaces; p++) {
                if (!count[p]) { continue; }
                const pt = pm.map.latLngToContainerPoint([m.lat(p), m.lon(p)]);
                if (pt.x < 0 || pt.y < 0 || pt.x > size.x || pt.y > size.y) { out.push(m.key(p)); }
            }
            return out; }""")
        assert outside == []
        try:
            page.wait_for_function("() => /[?&]map=/.test(location.search) && !/[?&]view=/.test(location.search)", timeout=10000)
        except Exception:
            raise AssertionError(page.url)
