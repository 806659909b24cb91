"""The real thing: `streamlit run`, headless Chromium, no internet."""
import pytest

from browser import ARTIFACTS, count_shapes, map_frame, offline_page, require_chromium, streamlit_server

GERMANY = {"west": 5.9, "east": 15.0, "south": 47.3, "north": 55.0}


@pytest.fixture(scope="module")
def server():
    require_chromium()
    with streamlit_server() as url:
        yield url


def view(frame) -> dict:
    return frame.evaluate("() => window.pm.view()")


def label_boxes(frame) -> list[dict]:
    """Every visible label and conference badge, in the main map and in the inset."""
    return frame.evaluate("""() => [...document.querySelectorAll('.pm-label, .pm-badge:not(.pm-badge-static)')]
        .filter(n => n.offsetParent !== null)
        .map(n => { const r = n.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height, t: n.textContent}; })
        .filter(b => b.w > 0)""")


def assert_no_overlap(boxes):
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a["x"] + a["w"] <= b["x"] + 0.5 or b["x"] + b["w"] <= a["x"] + 0.5 or \
                a["y"] + a["h"] <= b["y"] + 0.5 or b["y"] + b["h"] <= a["y"] + 0.5
            assert apart, f"{a['t']!r} overlaps {b['t']!r}"


def test_map_draws_offline(server, atlas):
    with offline_page() as page:
        page.goto(server)
        frame = map_frame(page)
        page.wait_for_timeout(800)
        shapes = count_shapes(frame)
        assert shapes["arcs"] == int(atlas.partnerships["placed"].sum())
        assert shapes["places"] == len(atlas.towns)
        hosts = atlas.conferences.dropna(subset=["lat"])
        assert shapes["badges"] == len({(round(r.lat, 2), round(r.lon, 2)) for r in hosts.itertuples()})
        assert frame.evaluate("() => document.querySelectorAll('.leaflet-basemap-pane path').length") > 20
        assert page.failed_local == [], page.failed_local
        page.screenshot(path=str(ARTIFACTS / "browser-map-de.png"))


def test_the_highlighted_countries_are_germany_and_russia(server):
    with offline_page() as page:
        page.goto(server)
        frame = map_frame(page)
        page.wait_for_timeout(500)
        bounds = frame.evaluate("""() => {
            const out = {};
            window.pm.map.eachLayer(l => { if (l.feature && l.feature.properties && ['DE', 'RU'].includes(l.feature.properties.iso)) {
                const b = l.getBounds(); out[l.feature.properties.iso] = {west: b.getWest(), east: b.getEast(), south: b.getSouth(), north: b.getNorth()}; } });
            return out; }""")
        for side, value in GERMANY.items():
            assert abs(bounds["DE"][side] - value) < 0.5, (side, bounds["DE"])
        assert 19 < bounds["RU"]["west"] < 21 and bounds["RU"]["north"] > 77 and bounds["RU"]["south"] < 42.5
        styled = frame.evaluate("() => [...document.querySelectorAll('.pm-home')].map(p => p.getAttribute('class'))")
        assert any("pm-home-DE" in c for c in styled) and any("pm-home-RU" in c for c in styled)


def test_names_on_the_map_never_overlap(server):
    with offline_page() as page:
        page.goto(server)
        frame = map_frame(page)
        page.wait_for_timeout(800)
        names = [b for b in label_boxes(frame) if b["t"] not in ("Deutschland", "Russland")]
        assert len(names) >= 20  # place names, on the map and in the Germany inset
        assert_no_overlap(label_boxes(frame))
        # the Germany inset shows German places at a readable scale, with names
        assert frame.locator(".pm-inset").is_visible()
        assert frame.locator(".pm-inset .pm-label").count() >= 15
        frame.locator('.pm-fit button[data-fit="de"]').click()
        page.wait_for_timeout(800)
        assert count_shapes(frame)["labels"] >= 40
        assert not frame.locator(".pm-inset").is_visible()  # zoomed in, Germany reads on the map itself
        assert_no_overlap(label_boxes(frame))
        page.screenshot(path=str(ARTIFACTS / "browser-germany-de.png"))


@pytest.mark.parametrize("mode", ["normal", "present"])
def test_phone_nothing_overlaps_and_the_legend_starts_folded(server, mode):
    with offline_page(390, 844) as page:
        page.goto(server + "/?lang=ru" + ("&mode=present" if mode == "present" else ""))
        frame = map_frame(page)
        page.wait_for_timeout(800)
        assert frame.evaluate("() => document.querySelector('.pm-legend details').open") is False
        assert_no_overlap(label_boxes(frame))
        panels = frame.evaluate("""() => [...document.querySelectorAll('.leaflet-control')].filter(n => n.offsetWidth)
            .map(n => { const r = n.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height, t: n.className}; })""")
        assert_no_overlap(panels)
        page.screenshot(path=str(ARTIFACTS / f"phone-{mode}-390x844.png"))


def test_the_view_holds_through_clicks_filters_and_language(server):
    with offline_page(1400, 1000) as page:
        page.goto(server)
        frame = map_frame(page)
        frame.evaluate("() => { window.pm.map.setView([51.0, 10.5], 6, {animate: false}); }")
        page.wait_for_timeout(300)
        before = view(frame)
        # click a place with the mouse, where Leaflet draws it
        point = frame.evaluate("""() => { const i = window.pm.data.keys.indexOf('de:Kiel'); const p = window.pm.data.places[i];
            const pt = window.pm.map.latLngToContainerPoint([p[0], p[1]]); return {x: pt.x, y: pt.y}; }""")
        box = page.locator("iframe[title='dashboard.mapview.partnermap']").bounding_box()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_function("() => location.search.includes('town=de%3AKiel')", timeout=20000)
        page.get_by_text("Kaliningrad", exact=False).first.wait_for(timeout=20000)
        assert view(frame) == before
        # a click on an arc opens its popup and moves nothing
        point = frame.evaluate("""() => { const m = window.pm.map; let best = null;
            m.eachLayer(l => { if (!best && l.pmIndex !== undefined && l.getLatLngs) {
                const ll = l.getLatLngs(), pt = m.latLngToContainerPoint(ll[ll.length - 3]);
                const s = m.getSize(); if (pt.x > 80 && pt.x < s.x - 80 && pt.y > 80 && pt.y < s.y - 80) { best = pt; } } });
            return best && {x: best.x, y: best.y}; }""")
        if point:
            frame.locator("#map").click(position=point)
            page.wait_for_timeout(400)
            assert view(frame) == before
            frame.locator("#map").press("Escape")  # closes the popup; Esc also returns home, so set the view again
            frame.evaluate("() => { window.pm.map.setView([51.0, 10.5], 6, {animate: false}); }")
        # a filter change in the sidebar
        page.get_by_label("Ort suchen").fill("Kaluga")
        page.keyboard.press("Enter")
        page.wait_for_function("() => location.search.includes('q=Kaluga')", timeout=20000)
        page.wait_for_timeout(800)
        assert view(frame) == before
        # the language
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
        page.get_by_role("option", name="English").click()
        page.get_by_text("Find a place").wait_for(timeout=20000)
        page.wait_for_timeout(800)
        assert view(frame) == before
        assert frame.evaluate("() => document.documentElement.lang || document.getElementById('map').lang") == "en"


def test_first_click_on_an_arc_opens_its_popup(server):
    with offline_page(1366, 768) as page:
        page.goto(server + "/?lang=ru")
        frame = map_frame(page)
        page.wait_for_timeout(500)
        # the middle of the longest arc, away from the panels and the crowd of places
        point = frame.evaluate("""() => { const m = window.pm.map, size = m.getSize(); let best = null, most = 0;
            m.eachLayer(l => { if (l.pmIndex === undefined || !l.getLatLngs) { return; }
                const ll = l.getLatLngs(), pt = m.latLngToContainerPoint(ll[Math.floor(ll.length / 2)]);
                if (pt.x > 150 && pt.x < size.x - 250 && pt.y > 120 && pt.y < size.y - 120 && ll.length > most) { best = pt; most = ll.length; } });
            return {x: best.x, y: best.y}; }""")
        frame.locator("#map").click(position=point)
        frame.locator(".leaflet-popup-content .pm-popup").wait_for(timeout=5000)
        assert "–" in frame.locator(".leaflet-popup-content").inner_text()


def test_show_on_map_beside_a_partner_frames_its_arc(server):
    with offline_page(1400, 1000) as page:
        page.goto(server + "/?town=de:Suhl")
        frame = map_frame(page)
        page.get_by_role("button", name="Auf der Karte zeigen").first.click()
        frame.locator(".leaflet-popup-content .pm-popup").wait_for(timeout=20000)
        assert "Suhl" in frame.locator(".leaflet-popup-content").inner_text()
        inside = frame.evaluate("""() => { const d = window.pm.data, m = window.pm.map;
            return ['de:Suhl', 'ru:Kaluga'].map(k => { const p = d.places[d.keys.indexOf(k)]; return m.getBounds().contains([p[0], p[1]]); }); }""")
        assert inside == [True, True]
