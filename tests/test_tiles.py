"""The online map background is a bonus: offline (a projector with no network) the
map notices that no tile comes, drops the tile layer and asks for no more, and the
outlines carry the map; online its tiles show. `streamlit run` and headless
Chromium; "online" is a local stand-in for the tile server (a Playwright route that
answers with a PNG), so nothing leaves the machine."""
from __future__ import annotations

import base64

from browser import map_frame, offline_page

# a 1×1 PNG (light grey), what the stand-in tile server sends for every tile
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC")
TILE_HOST = "tile.openstreetmap.org"


def tile_requests(page) -> int:
    return sum(TILE_HOST in url for url in page.blocked)


def test_offline_the_tile_layer_goes_and_asks_for_nothing_more(server):
    with offline_page() as page:
        page.goto(server)
        frame = map_frame(page)
        frame.wait_for_function("() => window.pm.tiles() === 'offline'", timeout=30000)
        assert frame.evaluate("() => document.querySelectorAll('img.leaflet-tile').length") == 0
        asked = tile_requests(page)
        assert asked >= 4  # it did try: the background is on by default
        # moving the map asks for no tile any more; the outlines are still drawn
        frame.evaluate("() => { window.pm.map.setView([55.7, 37.6], 6, {animate: false}); }")
        frame.evaluate("() => { window.pm.map.setView([51, 10], 5, {animate: false}); }")
        page.wait_for_timeout(500)
        assert tile_requests(page) == asked
        assert frame.evaluate("() => document.querySelectorAll('.leaflet-basemap-pane path').length") > 20
        # the attribution of tiles that are not shown goes with them
        assert "OpenStreetMap" not in frame.evaluate("() => document.querySelector('.leaflet-control-attribution').innerText")


def test_online_the_tiles_show(server):
    with offline_page() as page:
        served = []

        def tile(route):
            served.append(route.request.url)
            route.fulfill(status=200, content_type="image/png", body=PNG)

        page.route(f"https://{TILE_HOST}/**", tile)
        page.goto(server)
        frame = map_frame(page)
        frame.wait_for_function("() => document.querySelectorAll('img.leaflet-tile-loaded').length > 0", timeout=30000)
        page.wait_for_timeout(300)
        assert frame.evaluate("() => window.pm.tiles()") == "on"
        assert served and not page.blocked


def test_the_test_browser_reaches_this_machine_and_nothing_else(server):
    """The harness itself: a request for another machine is refused inside the browser (by the
    proxy that refuses everything, so it never reaches a network), one for this machine is served."""
    with offline_page() as page:
        page.goto(server)
        failures = []
        page.on("requestfailed", lambda r: failures.append((r.url, r.failure)))
        reached = page.evaluate("""async (local) => {
            const out = {};
            for (const url of [local + '/_stcore/health', 'https://tile.openstreetmap.org/1/1/1.png', 'http://93.184.216.34/']) {
                try { const r = await fetch(url, {mode: 'no-cors'}); out[url] = r.type === 'opaque' ? 'reached' : r.status; }
                catch (e) { out[url] = 'failed'; }
            }
            return out; }""", server)
        page.wait_for_timeout(300)
        assert reached[server + "/_stcore/health"] == 200
        assert reached["https://tile.openstreetmap.org/1/1/1.png"] == reached["http://93.184.216.34/"] == "failed"
        assert {url for url, _ in failures} == {"https://tile.openstreetmap.org/1/1/1.png", "http://93.184.216.34/"}
        assert all("PROXY" in why for _, why in failures), failures
        assert "http://93.184.216.34/" in page.blocked and not page.failed_local
