"""Details that are always readable (issue 17), disputed facts marked (issue 18) and the
correction link (issue 19), in headless Chromium with the network cut: the detail panel
inside the map's frame, docked right on a wide screen and a bottom sheet on a phone,
whole inside the window and clear of every other panel."""
import dataclasses
from urllib.parse import parse_qs, urlsplit

import pytest

from browser import ARTIFACTS, map_frame, offline_page, require_chromium
from dashboard import mapdata, mapview
from dashboard.i18n import Translator

PANELS = """() => [...document.querySelectorAll('.leaflet-control, .pm-inset')]
    .filter(n => n.offsetParent !== null && n.offsetWidth && getComputedStyle(n).visibility !== 'hidden')
    .map(n => { const r = n.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height, t: n.className}; })"""


def frame_offset(page) -> dict:
    """Where the map's frame is on the page (0, 0 for a page that is the map)."""
    frames = page.locator("iframe")
    if frames.count() == 0:
        return {"x": 0, "y": 0}
    box = frames.first.bounding_box()
    return {"x": box["x"], "y": box["y"]}


def apart(a: dict, b: dict) -> bool:
    return a["x"] + a["w"] <= b["x"] + 0.5 or b["x"] + b["w"] <= a["x"] + 0.5 or \
        a["y"] + a["h"] <= b["y"] + 0.5 or b["y"] + b["h"] <= a["y"] + 0.5


def assert_detail_readable(page, frame, pair_id: str) -> dict:
    """The pair's detail is open with its texts, and everything from its title to its sources
    is inside the window (not cut by the panel's own scrolling) and clear of every other panel."""
    frame.wait_for_function(f"() => window.pm.detail && window.pm.detail.pair === {pair_id!r}", timeout=20000)
    frame.wait_for_function("() => window.pm.detailBox() && window.pm.detailBox().querySelector('[data-loaded]')",
                            timeout=20000)
    parts = frame.evaluate("""() => { const box = window.pm.detailBox(), r = n => { const b = n.getBoundingClientRect();
            return {x: b.left, y: b.top, w: b.width, h: b.height}; };
        return {box: r(box), title: r(box.querySelector('.pm-detail-title')), sources: r(box.querySelector('.pm-source-line')),
                close: r(box.querySelector('.pm-detail-close')), text: box.innerText}; }""")
    offset = frame_offset(page)
    size = page.viewport_size
    box = parts["box"]
    for name in ("title", "sources", "close"):
        r = parts[name]
        assert r["w"] > 0, name
        # inside the panel as it shows (no scrolling needed) and inside the window
        assert box["y"] - 0.5 <= r["y"] and r["y"] + r["h"] <= box["y"] + box["h"] + 0.5, (name, r, box)
        top, left = offset["y"] + r["y"], offset["x"] + r["x"]
        assert 0 <= top and top + r["h"] <= size["height"] + 0.5, (name, top, size)
        assert 0 <= left and left + r["w"] <= size["width"] + 0.5, (name, left, size)
    assert parts["close"]["w"] >= 44 and parts["close"]["h"] >= 44
    for panel in frame.evaluate(PANELS):
        assert apart(panel, box), f"{panel['t']} covers the detail"
    return parts


def arc_point(frame, pair_id: str, bottom: float) -> dict:
    """A point on the pair's arc, inside the free map above `bottom` (the window's lower edge in the
    frame's pixels), as far as possible from every other arc and place."""
    return frame.evaluate("""([id, bottom]) => { const pm = window.pm, m = pm.map, i = pm.data.ids.indexOf(id), size = m.getSize();
        const lines = [], places = [];
        m.eachLayer(l => { if (l.pmIndex !== undefined && l.getLatLngs && !l.pmHalo) {
            lines.push({i: l.pmIndex, pts: l.getLatLngs().map(ll => m.latLngToContainerPoint(ll))}); }
            else if (l.pmIndex !== undefined && l.getRadius) { places.push(m.latLngToContainerPoint(l.getLatLng())); } });
        const seg = (p, a, b) => { const dx = b.x - a.x, dy = b.y - a.y, t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
            return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy); };
        const own = lines.find(l => l.i === i); let best = null, clear = -1;
        const panels = [...document.querySelectorAll('.leaflet-control, .pm-inset, .pm-detail')].filter(n => n.offsetWidth)
            .map(n => n.getBoundingClientRect());
        for (let k = 0; k + 1 < own.pts.length; k++) { for (let f = 0; f < 1; f += 0.25) {
            const p = {x: own.pts[k].x + f * (own.pts[k + 1].x - own.pts[k].x), y: own.pts[k].y + f * (own.pts[k + 1].y - own.pts[k].y)};
            if (p.x < 20 || p.y < 20 || p.x > size.x - 20 || p.y > Math.min(size.y, bottom) - 20) { continue; }
            if (panels.some(r => p.x >= r.left - 4 && p.x <= r.right + 4 && p.y >= r.top - 4 && p.y <= r.bottom + 4)) { continue; }
            let d = Infinity;
            lines.forEach(l => { if (l.i !== i) { for (let j = 0; j + 1 < l.pts.length; j++) { d = Math.min(d, seg(p, l.pts[j], l.pts[j + 1])); } } });
            places.forEach(q => { d = Math.min(d, Math.hypot(p.x - q.x, p.y - q.y) - 14); });
            if (d > clear) { clear = d; best = p; } } }
        return {x: best.x, y: best.y, clear: clear}; }""", [pair_id, bottom])


def click_arc(page, frame, pair_id: str) -> None:
    frames = page.locator("iframe")
    if frames.count():  # a map that starts below the fold: scrolled up to the window's top first
        frames.first.evaluate("f => f.scrollIntoView({block: 'start'})")
    offset = frame_offset(page)
    point = arc_point(frame, pair_id, page.viewport_size["height"] - offset["y"])
    assert point["clear"] > 3, point  # nothing else under the pointer
    before = frame.evaluate("() => window.pm.view()")
    page.mouse.click(offset["x"] + point["x"], offset["y"] + point["y"])
    frame.wait_for_function(f"() => window.pm.detail && window.pm.detail.pair === {pair_id!r}", timeout=10000)
    assert frame.evaluate("() => window.pm.view()") == before, "a click moves nothing"


@pytest.mark.parametrize("size", [(1400, 1000), (390, 844)])
def test_an_arcs_detail_and_show_on_the_map_are_whole_and_clear_of_every_panel(server, size):
    width, height = size
    with offline_page(width, height) as page:
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server + "/?ru=RU-KLU")  # Kaluga's partners: few arcs, Suhl–Kaluga among them
        frame = map_frame(page)
        frame.wait_for_function("() => window.pm.counts().labels > 0 && window.pm.counts().shown < window.pm.data.ids.length",
                                timeout=30000)
        click_arc(page, frame, "suhl-kaluga")
        parts = assert_detail_readable(page, frame, "suhl-kaluga")
        assert "Suhl – Kaluga" in parts["text"] and "seit 1969" in parts["text"]
        side = "side" if width >= 640 else "sheet"
        assert frame.evaluate(f"() => window.pm.detailBox().classList.contains('pm-detail-{side}')")
        page.screenshot(path=str(ARTIFACTS / f"detail-arc-{width}x{height}.png"))
        # Esc closes it; the place's detail lists its partnerships with "show on the map"
        frame.locator("#map").press("Escape")
        frame.wait_for_function("() => window.pm.detailBox() === null", timeout=5000)
        frame.evaluate("() => window.pm.select('ru:Kaluga')")
        frame.wait_for_function("() => window.pm.detail && window.pm.detail.kind === 'place'", timeout=10000)
        frame.locator(".pm-partner[data-pair='suhl-kaluga'] .pm-show").click()
        assert_detail_readable(page, frame, "suhl-kaluga")
        # framed: both ends inside the map and not under the detail or another panel
        frame.wait_for_function("""() => { const pm = window.pm, m = pm.map, d = pm.data, size = m.getSize();
            const panels = [...document.querySelectorAll('.leaflet-control, .pm-inset, .pm-detail')]
                .filter(n => n.offsetWidth && getComputedStyle(n).visibility !== 'hidden').map(n => n.getBoundingClientRect());
            return !pm.moving() && ['de:Suhl', 'ru:Kaluga'].every(k => {
                const p = d.places[d.keys.indexOf(k)], pt = m.latLngToContainerPoint([p[0], p[1]]);
                return pt.x >= 0 && pt.y >= 0 && pt.x <= size.x && pt.y <= size.y
                    && !panels.some(r => pt.x >= r.left && pt.x <= r.right && pt.y >= r.top && pt.y <= r.bottom); }); }""",
                                timeout=10000)
        # both ends named on the map
        frame.wait_for_function("""() => { const names = [...document.querySelectorAll('.pm-root > .leaflet-map-pane .pm-label')]
            .map(n => n.dataset.place); return names.includes('de:Suhl') && names.includes('ru:Kaluga'); }""", timeout=10000)
        page.screenshot(path=str(ARTIFACTS / f"detail-show-on-map-{width}x{height}.png"))
        assert errors == []


WORDS = {"de": ("seit 2017", "umstritten", "auch 1991 genannt", "seit 2002", "auch 1994 genannt"),
         "ru": ("с 2017", "спорно", "называют и 1991 год", "с 2002", "называют и 1994 год"),
         "en": ("since 2017", "disputed", "1991 also given", "since 2002", "1994 also given")}


@pytest.mark.parametrize("lang", ["de", "ru", "en"])
def test_disputed_years_are_marked_in_every_language(server, lang):
    since17, mark, also91, since02, also94 = WORDS[lang]
    with offline_page(1400, 1000) as page:
        page.goto(f"{server}/?lang={lang}")
        frame = map_frame(page)
        frame.wait_for_function(f"() => document.getElementById('map').lang === {lang!r}", timeout=20000)
        for pair, since, also, host in (("bonn-kaliningrad", since17, also91, "spd-bonn-im-rat.de"),
                                        ("hanau-jaroslawl", since02, also94, "hanauonline.de")):
            frame.evaluate(f"() => window.pm.openPair({pair!r})")
            frame.wait_for_function(f"() => window.pm.detail && window.pm.detail.pair === {pair!r} && "
                                    "window.pm.detailBox().querySelector('[data-loaded]')", timeout=20000)
            line = frame.locator(".pm-detail .pm-since").inner_text()
            assert since in line and mark in line and also in line and host in line, line
            assert frame.locator(".pm-detail .pm-since .pm-disputed").count() == 1
            # the source of the other value is a link
            assert frame.locator(".pm-detail .pm-since a").first.get_attribute("href").startswith("https://")
        # the kind of Bonn–Kaliningrad is disputed too (a friendship; also called a partnership)
        frame.evaluate("() => window.pm.openPair('bonn-kaliningrad')")
        frame.wait_for_function("() => window.pm.detailBox().querySelector('[data-loaded]')", timeout=20000)
        assert frame.locator(".pm-detail .pm-kind .pm-disputed").count() == 1
        if lang == "de":
            page.screenshot(path=str(ARTIFACTS / "detail-disputed-de.png"))
        # the data names no address for corrections: no link
        assert frame.locator(".pm-detail .pm-correction").count() == 0


def test_the_correction_link_carries_the_rows_id(tmp_path, atlas):
    """With an address in metadata.json, every pair's detail offers a prefilled message
    with the row's id, its fields as shown and the view's address (the HTML export)."""
    require_chromium()
    from geo import basemap

    with_address = dataclasses.replace(atlas, corrections="daten@example.org")
    dataset = mapdata.dataset(with_address)
    path = tmp_path / "map.html"
    path.write_text(mapview.standalone_html(dataset, mapview.state(Translator("ru"), atlas.partnerships["id"], dataset),
                                            basemap.outlines(), "x"), encoding="utf-8")
    with offline_page(1400, 1000) as page:
        page.goto(path.as_uri())
        frame = map_frame(page)
        for pair in ("suhl-kaluga", "bonn-kaliningrad"):
            frame.evaluate(f"() => window.pm.openPair({pair!r})")
            frame.wait_for_function(f"""() => window.pm.detailBox().querySelector('.pm-correction[data-pair="{pair}"]')""",
                                    timeout=20000)
            link = frame.locator(".pm-detail .pm-correction")
            assert link.inner_text() == "Сообщить об ошибке / предложить исправление"
            href = link.get_attribute("href")
            assert href.startswith("mailto:daten@example.org?")
            query = parse_qs(urlsplit(href).query)
            assert pair in query["subject"][0]
            body = query["body"][0]
            assert f"ID: {pair}" in body and "map.html" in body
        assert "спорно" in body  # the fields as shown, the disputed year included
