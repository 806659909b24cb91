"""The real thing: `streamlit run`, headless Chromium, no internet."""
import pytest

from browser import ARTIFACTS, count_shapes, map_frame, offline_page, require_chromium, streamlit_server


@pytest.fixture(scope="module")
def server():
    require_chromium()
    with streamlit_server() as url:
        yield url


def test_map_draws_offline(server, atlas):
    with offline_page() as page:
        page.goto(server)
        frame = map_frame(page)
        page.wait_for_timeout(1500)
        shapes = count_shapes(frame)
        placed = int(atlas.partnerships["placed"].sum())
        assert shapes["lines"] == placed
        assert shapes["circles"] == len(atlas.towns)
        assert shapes["conferences"] == int(atlas.conferences["lat"].notna().sum())
        # the basemap (country outlines) is drawn, not a grey box
        assert frame.evaluate("() => document.querySelectorAll('.leaflet-basemap-pane path').length") > 20
        assert page.failed_local == [], page.failed_local
        page.screenshot(path=str(ARTIFACTS / "browser-map-de.png"))


def test_clicking_a_town_selects_it(server):
    with offline_page() as page:
        page.goto(server + "/?q=Suhl")
        frame = map_frame(page)
        page.wait_for_timeout(1000)
        # with the search "Suhl" the map holds one arc and two towns; the first circle drawn is Suhl
        frame.evaluate("""() => {
            const c = [...document.querySelectorAll('path.leaflet-interactive')].filter(p => /a/i.test(p.getAttribute('d')));
            c[0].dispatchEvent(new MouseEvent('click', {bubbles: true, clientX: 0, clientY: 0}));
        }""")
        page.get_by_role("heading", name="Suhl").wait_for(timeout=30000)
        page.wait_for_function("() => location.search.includes('town=')", timeout=10000)
        assert "town=de%3ASuhl" in page.url or "town=de:Suhl" in page.url
