"""The real thing: `streamlit run`, headless Chromium, no internet."""
import contextlib
import http.server
import json
import threading

import pytest

from browser import ARTIFACTS, count_shapes, map_frame, offline_page

GERMANY = {"west": 5.9, "east": 15.0, "south": 47.3, "north": 55.0}


def view(frame) -> dict:
    return frame.evaluate("() => window.pm.view()")


def drawn(frame) -> None:
    """Wait until the map has drawn its outlines and placed its names (placed once per animation frame)."""
    frame.wait_for_function("""() => document.querySelectorAll('.leaflet-basemap-pane path').length > 20
        && window.pm.counts().labels > 0""", timeout=30000)
    frame.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def settled_view(frame, before: dict) -> None:
    """The view after a change the map must not answer by moving: the change is drawn (one frame), the view the same."""
    frame.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert view(frame) == before


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
        drawn(frame)
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
        drawn(frame)
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
        drawn(frame)
        names = [b for b in label_boxes(frame) if b["t"] not in ("Deutschland", "Russland")]
        assert len(names) >= 20  # place names, on the map and in the Germany inset
        assert_no_overlap(label_boxes(frame))
        # the Germany inset shows German places at a readable scale, with names
        assert frame.locator(".pm-inset").is_visible()
        # (14 names at 1400×1000; until the names were measured on a canvas, a hidden measuring
        # node of the same class was counted here too)
        assert frame.locator(".pm-inset .pm-label").count() >= 12
        frame.locator('.pm-fit button[data-fit="de"]').click()
        frame.wait_for_function("() => window.pm.counts().labels >= 40", timeout=10000)
        assert not frame.locator(".pm-inset").is_visible()  # zoomed in, Germany reads on the map itself
        assert_no_overlap(label_boxes(frame))
        page.screenshot(path=str(ARTIFACTS / "browser-germany-de.png"))


@pytest.mark.parametrize("mode", ["normal", "present"])
def test_phone_nothing_overlaps_and_the_legend_starts_folded(server, mode):
    with offline_page(390, 844) as page:
        page.goto(server + "/?lang=ru" + ("&mode=present" if mode == "present" else ""))
        frame = map_frame(page)
        drawn(frame)
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
        drawn(frame)
        frame.evaluate("() => { window.pm.map.setView([51.0, 10.5], 6, {animate: false}); }")
        before = view(frame)
        # click a place with the mouse, where Leaflet draws it: a town that is a symbol of its own at this
        # zoom (Kiel shares its spot with the Land Schleswig-Holstein, a click there fans them out)
        target = frame.evaluate("""() => { const m = window.pm.model, size = window.pm.map.getSize(), o = document.getElementById('map').getBoundingClientRect();
            const own = window.pm.symbols().main.filter(c => c.places.length === 1 && c.places[0].startsWith('de:')
                && c.cx - o.left > 150 && c.cx - o.left < size.x - 350 && c.cy - o.top > 150 && c.cy - o.top < size.y - 150);
            const c = own[0], p = m.placeOf(c.places[0]);
            let partner = '';
            for (let i = 0; i < m.nPairs && !partner; i++) { if (m.de(i) === p && m.ru(i) >= 0) { partner = m.placeName(m.ru(i), 'de'); } }
            return {key: c.places[0], x: c.cx - o.left, y: c.cy - o.top, partner: partner}; }""")
        box = page.locator("iframe[title='dashboard.mapview.partnermap']").bounding_box()
        page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
        page.wait_for_function("(key) => new URLSearchParams(location.search).get('town') === key", arg=target["key"], timeout=20000)
        frame.get_by_text(target["partner"], exact=False).first.wait_for(timeout=20000)  # the place's detail lists it
        assert view(frame) == before
        # a click on an arc opens its detail and moves nothing
        point = frame.evaluate("""() => { const m = window.pm.map; let best = null;
            const panels = [...document.querySelectorAll('.leaflet-control, .pm-inset, .pm-detail')].filter(n => n.offsetWidth)
                .map(n => n.getBoundingClientRect());  // the detail of the place is open beside the map now
            m.eachLayer(l => { if (!best && l.pmIndex !== undefined && l.getLatLngs && !l.pmHalo) {
                const ll = l.getLatLngs(), pt = m.latLngToContainerPoint(ll[Math.floor(ll.length / 2)]);
                const s = m.getSize(), free = !panels.some(r => pt.x >= r.left - 10 && pt.x <= r.right + 10 && pt.y >= r.top - 10 && pt.y <= r.bottom + 10);
                if (free && pt.x > 80 && pt.x < s.x - 80 && pt.y > 80 && pt.y < s.y - 80) { best = pt; } } });
            return best && {x: best.x, y: best.y}; }""")
        if point:
            frame.locator("#map").click(position=point)
            frame.locator(".pm-detail .pm-detail-pair").wait_for(timeout=5000)
            settled_view(frame, before)
            frame.locator("#map").press("Escape")  # closes the detail (then the place's, which ends the selection)
            frame.wait_for_function("() => window.pm.detail === null || window.pm.detail.kind === 'place'", timeout=5000)
            settled_view(frame, before)
        # a search frames its result (tests/test_framing.py); the view then holds through the language
        page.get_by_label("Ort suchen").fill("Kaluga")
        page.keyboard.press("Enter")
        page.wait_for_function("() => location.search.includes('q=Kaluga')", timeout=20000)
        frame.wait_for_function("() => window.pm.counts().shown < window.pm.data.ids.length", timeout=20000)
        frame.wait_for_function("() => !window.pm.moving()", timeout=10000)
        before = view(frame)
        # the language
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
        page.get_by_role("option", name="English").click()
        page.get_by_text("Find a place").wait_for(timeout=20000)
        frame.wait_for_function("() => document.getElementById('map').lang === 'en'", timeout=20000)
        settled_view(frame, before)
        assert frame.evaluate("() => document.documentElement.lang || document.getElementById('map').lang") == "en"


def test_first_click_on_an_arc_opens_its_detail(server):
    with offline_page(1366, 768) as page:
        page.goto(server + "/?lang=ru")
        frame = map_frame(page)
        drawn(frame)
        # the middle of the longest arc, away from the panels and the crowd of places
        point = frame.evaluate("""() => { const m = window.pm.map, size = m.getSize(); let best = null, most = 0;
            m.eachLayer(l => { if (l.pmIndex === undefined || !l.getLatLngs) { return; }
                const ll = l.getLatLngs(), pt = m.latLngToContainerPoint(ll[Math.floor(ll.length / 2)]);
                if (pt.x > 150 && pt.x < size.x - 250 && pt.y > 120 && pt.y < size.y - 120 && ll.length > most) { best = pt; most = ll.length; } });
            return {x: best.x, y: best.y}; }""")
        frame.locator("#map").click(position=point)
        frame.locator(".pm-detail .pm-detail-pair").wait_for(timeout=5000)
        assert "–" in frame.locator(".pm-detail .pm-detail-title").inner_text()


def test_show_on_map_beside_a_partner_frames_its_arc(server):
    with offline_page(1400, 1000) as page:
        page.goto(server + "/?town=de:Suhl")
        frame = map_frame(page)
        frame.get_by_role("button", name="Auf der Karte zeigen").first.click()  # in the map's place panel
        frame.wait_for_function("() => window.pm.detail && window.pm.detail.pair === 'suhl-kaluga' && !window.pm.moving()",
                                timeout=20000)
        assert "Suhl" in frame.locator(".pm-detail .pm-detail-title").inner_text()
        inside = frame.evaluate("""() => { const d = window.pm.data, m = window.pm.map;
            return ['de:Suhl', 'ru:Kaluga'].map(k => { const p = d.places[d.keys.indexOf(k)]; return m.getBounds().contains([p[0], p[1]]); }); }""")
        assert inside == [True, True]


def frame_where(page, condition: str, timeout: float = 60000):
    """The frame whose map satisfies ``condition`` (Streamlit may put the component in a new frame)."""
    page.wait_for_function(f"""() => [...document.querySelectorAll('iframe')].some(f => {{
        try {{ const window = f.contentWindow; return !!(window.pm && {condition}); }} catch (e) {{ return false; }} }})""",
                           timeout=timeout)
    for frame in page.frames:
        try:
            if frame.evaluate(f"() => !!(window.pm && {condition})"):
                return frame
        except Exception:  # a frame that is going away
            pass
    raise AssertionError(f"no map frame with {condition}")


def test_uploading_and_removing_a_list_leaves_one_map(server, atlas, tmp_path):
    """A new data version replaces the map whole (destroy, then create): after an upload and its
    removal there is one map and one inset in the frame, and the keys drive only that map."""
    from test_upload import GERMAN_EXCEL, ROWS_IN

    upload_file = tmp_path / "liste.csv"
    upload_file.write_bytes(GERMAN_EXCEL.encode("cp1252"))
    total = len(atlas.partnerships)
    with offline_page() as page:
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server)
        frame = map_frame(page)
        drawn(frame)
        frame.evaluate("() => { window.firstMap = window.pm; }")
        page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(upload_file))
        frame = frame_where(page, f"window.pm.data.ids.length === {ROWS_IN}")
        page.locator('[data-testid="stFileChipDeleteBtn"]').first.click()
        frame = frame_where(page, f"window.pm.data.ids.length === {total}")
        drawn(frame)
        # the map was rebuilt in its frame, not beside the old one
        assert frame.evaluate("() => !window.firstMap || (window.firstMap.destroyed && window.firstMap !== window.pm)")
        found = frame.evaluate("""() => ({maps: document.querySelectorAll('.leaflet-container:not(.pm-inset-map)').length,
            insets: document.querySelectorAll('.pm-inset').length, insetMaps: document.querySelectorAll('.pm-inset-map').length,
            root: document.querySelectorAll('#map > .leaflet-map-pane').length})""")
        assert found == {"maps": 1, "insets": 1, "insetMaps": 1, "root": 1}
        frame.locator("#map").press("ArrowRight")
        frame.wait_for_function("() => window.pm.tourStep === 0", timeout=5000)
        frame.locator(".pm-tour-text").wait_for(timeout=5000)
        frame.locator("#map").press("ArrowRight")
        frame.wait_for_function("() => window.pm.tourStep === 1", timeout=5000)
        assert errors == []


PAYLOAD = '<img src=x onerror="window.pwned=1;fetch(`/pwned?${document.domain}`)">'
ATTACKER = """<!doctype html><meta charset="utf-8"><title>elsewhere</title>
<button id="open">open</button><iframe id="app" width="1200" height="900"></iframe>
<script>
const APP = %(app)s, PAYLOAD = %(payload)s;
const words = {};
["tiles.attribution", "unit.km", "unit.m", "map.failed", "legend.title", "tour", "country.de", "country.ru", "fit.all",
 "fit.all.short", "status.active", "inset.title", "timeline"].forEach(k => { words[k] = PAYLOAD; });
words["n.partnerships"] = {one: PAYLOAD, other: PAYLOAD};
// a whole dataset inline, as the app sends a viewer's upload: the map would be rebuilt from it
const DATA = JSON.stringify({v: 1, statuses: ["active"], kinds: ["partnership"], levels: ["municipality"],
  style: {active: {color: "#000", dash: null}, unknown: {color: "#000", dash: null}}, regions: {}, years: [1990, 2022],
  places: [[50, 10, 0, 0, PAYLOAD, PAYLOAD, PAYLOAD, ""], [55, 37, 1, 0, PAYLOAD, PAYLOAD, PAYLOAD, ""]],
  keys: ["de:x", "ru:x"], ids: ["forged"], pairs: [[0, 1, 1990, 0, 0, 0]], off_map: [], conferences: []});
const forged = () => ({isStreamlitMessage: true, type: "streamlit:render", args: {
  data_url: "inline:forged", data_inline: DATA, details_inline: "{}", details_url: "", basemap_url: "",
  tiles_url: "/tiles/{z}/{x}/{y}.png", tiles_attribution: PAYLOAD,
  height: 700, state: {lang: "de", strings: words, mask: null, selected: "", mode: "present", tiles: true, title: PAYLOAD, focus: null}}});
let posted = 0;
// into every frame of a window, nested frames included (cross-origin frames can be counted and posted to)
function post(w) {
  for (let i = 0; i < w.length; i++) {
    try { w[i].postMessage(forged(), "*"); posted++; post(w[i]); } catch (e) { /* gone */ }
  }
  document.body.dataset.posted = posted;
}
document.getElementById("app").src = APP;
setInterval(() => post(window), 200);
document.getElementById("open").addEventListener("click", () => {
  const w = window.open(APP, "victim");
  setInterval(() => post(w), 200);
});
</script>"""


@contextlib.contextmanager
def attacker_site(app_url: str):
    """A page on another origin (another port of 127.0.0.1) that frames and opens the app; records requests."""
    seen = []
    page = (ATTACKER % {"app": json.dumps(app_url), "payload": json.dumps(PAYLOAD)}).encode("utf-8")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def component_frame(page, timeout: float = 60):
    """The map's frame inside whatever page holds the app (it is drawn when its body says so)."""
    frame = map_frame(page, timeout)
    assert "/component/" in frame.url
    return frame


def assert_untouched(frame, requests) -> None:
    """No forged message was acted on: nothing ran, nothing became markup, the map is the app's."""
    frame.wait_for_function("() => Number(document.documentElement.dataset.refused || 0) >= 3", timeout=30000)
    state = frame.evaluate("""() => ({pwned: window.pwned === undefined && window.parent.pwned === undefined,
        images: document.querySelectorAll('img:not(.leaflet-tile)').length,
        markup: document.body.innerHTML.includes('onerror'),
        title: document.querySelectorAll('.pm-title').length,
        data: window.pm.data.ids.length})""")
    assert state["pwned"] and state["images"] == 0 and not state["markup"] and state["title"] == 0, state
    assert state["data"] > 0
    assert not [u for u in requests if "pwned" in u or u.endswith("/x") or "forged" in u or "/tiles/" in u], requests


def test_another_site_cannot_drive_the_map(server):
    """A page on another origin frames the app (and opens it with window.open) and posts forged
    render messages with markup in every word; the component acts only on its parent's messages
    from the app's own origin, so nothing runs and nothing is written to the page as HTML."""
    with attacker_site(server) as (evil, evil_seen), offline_page(1400, 1000) as page:
        requests = []
        page.context.on("request", lambda r: requests.append(r.url))
        page.goto(evil)
        framed = component_frame(page)
        page.wait_for_function("() => Number(document.body.dataset.posted || 0) > 3", timeout=30000)
        assert_untouched(framed, requests)
        with page.context.expect_page() as opened:
            page.locator("#open").click()
        popup = opened.value
        frame = component_frame(popup)
        assert_untouched(frame, requests)
        # the app's own messages still work in the opened window: the map follows a filter change
        popup.get_by_label("Ort suchen").fill("Kaluga")
        popup.keyboard.press("Enter")
        frame.wait_for_function("() => window.pm.counts().shown < window.pm.data.ids.length", timeout=30000)
        assert_untouched(frame, requests)
        assert not [p for p in evil_seen if "pwned" in p]
