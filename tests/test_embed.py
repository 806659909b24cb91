"""The map on another website (#19): embed.html#town=…&lang=… in a 600×400
<iframe> on a page that scrolls, from the built static site, with every
non-local request blocked; the snippet to copy (embed.js, node tests in
tests/js/embed.test.mjs) in the site's place selection in three languages;
and the same page in the app's component folder."""
from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from browser import ARTIFACTS, offline_page, require_chromium
from dashboard import mapview, site
from dashboard.headless import free_port
from dashboard.i18n import Translator

TOWN = "de:Suhl"


@pytest.fixture(scope="module")
def atlas():
    from geo.resolve import load_atlas

    return load_atlas()


@pytest.fixture(scope="module")
def built(tmp_path_factory, atlas):
    from geo import basemap

    out = tmp_path_factory.mktemp("embed") / "site"
    site.build(atlas, out, basemap.outlines())
    return out


@contextlib.contextmanager
def http_server(folder: Path):
    """``python -m http.server`` on a free port of 127.0.0.1, serving ``folder``."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/", timeout=1)
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError("http.server ended")
                subprocess.run(["sleep", "0.05"])
        yield url
    finally:
        process.terminate()
        process.wait(10)


def host_page(folder: Path, src: str) -> None:
    """A town's page: text above and below a 600×400 <iframe> of the map, taller than the window."""
    filler = "".join(f"<p>Absatz {n}: Aus dem Leben der Stadt.</p>\n" for n in range(60))
    (folder / "index.html").write_text(
        "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>Stadt Suhl</title></head><body>\n"
        f"<h1>Unsere Partnerstädte</h1>\n{filler[:2000]}\n"
        f"<iframe id=\"partner-map\" src=\"{src}\" width=\"600\" height=\"400\" style=\"border:0\" title=\"Karte\"></iframe>\n"
        f"{filler}</body></html>\n", encoding="utf-8")


def partners(atlas, key: str) -> list[tuple[str, str]]:
    """(German place, Russian place) keys of every placed partnership of ``key``."""
    p = atlas.partnerships[atlas.partnerships["placed"]]
    side, _, name = key.partition(":")
    rows = p[p[f"{side}_name"] == name]
    return [(f"de:{a}", f"ru:{b}") for a, b in zip(rows["de_name"], rows["ru_name"])]


def names_in(atlas, keys, lang: str) -> set[str]:
    towns = atlas.towns.set_index("key")
    column = {"de": "name", "ru": "name_ru", "en": "name_en"}[lang]
    return {towns.at[k, column] or towns.at[k, "name"] for k in keys}


def test_embed_page_is_fixed_text_with_its_config(built):
    html = (built / "embed.html").read_text(encoding="utf-8")
    assert '<body class="pm-embed-page">' in html and 'id="pm-embed-config"' in html
    config = json.loads(html.split('id="pm-embed-config">', 1)[1].split("</script>", 1)[0])
    assert config["full_map"] == {"de": "index.html#town={town}", "ru": "ru/index.html#town={town}",
                                  "en": "en/index.html#town={town}"}
    assert set(config["strings"]) == set(config["words"]) == {"de", "ru", "en"}
    assert config["words"]["de"]["wheel"] == "Strg + Mausrad zum Zoomen"
    # every script the page names is a file of the site
    for src in html.split('<script src="')[1:]:
        assert (built / src.split('"', 1)[0]).is_file()


def test_the_component_folder_has_the_same_page(tmp_path, atlas):
    from geo import basemap
    from dashboard import mapdata

    files = mapview.install(mapdata.dataset(atlas), basemap.outlines(), tmp_path)
    html = (files.root / "embed.html").read_text(encoding="utf-8")
    config = json.loads(html.split('id="pm-embed-config">', 1)[1].split("</script>", 1)[0])
    assert config["data_url"] == files.data_url and config["basemap_url"] == files.basemap_url
    assert config["words_urls"] == files.words_urls and all((files.root / u).is_file() for u in files.words_urls.values())
    assert config["full_map"]["ru"] == "../../?lang=ru&town={town}"
    for src in html.split('<script src="')[1:]:
        assert (files.root / src.split('"', 1)[0]).is_file()
    assert '<body class="pm-embed-page">' in html and "map/embed.js" in html


def test_embedded_map_on_a_page_that_scrolls(built, atlas, tmp_path):
    """Framed on Suhl with both ends of every partnership named; the wheel without Ctrl scrolls
    the host page and leaves the map's zoom; with Ctrl it zooms the map."""
    require_chromium()
    host = tmp_path / "host"
    host.mkdir()
    with http_server(built) as site_url, http_server(host) as host_url, offline_page(1000, 700) as page:
        # the town's page is on another origin than the map, as on a real town's website
        host_page(host, f"{site_url}/embed.html#town={TOWN}&lang=de")
        page.goto(host_url + "/index.html")
        page.locator("#partner-map").scroll_into_view_if_needed()
        frame = page.frame_locator("#partner-map")
        frame.locator("body[data-ready='1']").wait_for(timeout=60000)
        inner = next(f for f in page.frames if f.url.startswith(site_url))
        inner.wait_for_function("() => window.pm && window.pm.counts().arcs > 0", timeout=60000)
        pairs = partners(atlas, TOWN)
        assert pairs and inner.evaluate("() => window.pm.counts().arcs") == len(pairs)
        # both ends of every partnership named on the map (label texts), and the place itself in the bar
        expected = names_in(atlas, {k for pair in pairs for k in pair}, "de")
        inner.wait_for_function("""(names) => {
            const shown = new Set([...document.querySelectorAll('.pm-label')].map(n => n.textContent.trim()));
            return names.every(n => shown.has(n)); }""", arg=sorted(expected), timeout=30000)
        assert inner.locator(".pm-embed-name").text_content() == "Suhl"
        # framed: every end of the place's partnerships inside the frame
        inside = inner.evaluate("""() => { const m = window.pm.map, b = m.getBounds();
            const p = window.pm.model; const out = [];
            for (let i = 0; i < p.nPlaces; i++) { if (window.pm.store.get('placeCount')[i]) out.push(b.contains(p.latLng(i))); }
            return out; }""")
        assert inside and all(inside)
        # no filter panel, a link to the full map in a new tab
        assert inner.locator("#pm-site").count() == 0
        link = inner.locator("a.pm-embed-full")
        assert link.get_attribute("target") == "_blank" and link.get_attribute("href") == "index.html#town=de:Suhl"
        page.screenshot(path=str(ARTIFACTS / "embed-host-de.png"))
        # the wheel over the map without Ctrl: the page scrolls, the map keeps its zoom, a hint says how to zoom
        zoom = inner.evaluate("() => window.pm.map.getZoom()")
        box = page.locator("#partner-map").bounding_box()
        before = page.evaluate("() => window.scrollY")
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, 300)
        page.wait_for_function("(y) => window.scrollY > y", arg=before, timeout=10000)
        inner.locator(".pm-embed-hint.pm-on").wait_for(timeout=5000)
        assert inner.locator(".pm-embed-hint").text_content() == "Strg + Mausrad zum Zoomen"
        assert inner.evaluate("() => window.pm.map.getZoom()") == zoom
        # with Ctrl held, the wheel zooms the map and the page stays
        box = page.locator("#partner-map").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        scrolled = page.evaluate("() => window.scrollY")
        page.keyboard.down("Control")
        page.mouse.wheel(0, -240)
        page.keyboard.up("Control")
        inner.wait_for_function("(z) => window.pm.map.getZoom() > z", arg=zoom, timeout=10000)
        assert page.evaluate("() => window.scrollY") == scrolled
        assert not page.blocked or all("tile.openstreetmap.org" in u for u in page.blocked)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_embedded_map_speaks_the_hashs_language(built, atlas, lang):
    require_chromium()
    with http_server(built) as url, offline_page(600, 400) as page:
        page.goto(f"{url}/embed.html#town={TOWN}&lang={lang}")
        page.wait_for_selector("body[data-ready='1']", timeout=60000)
        pairs = partners(atlas, TOWN)
        expected = names_in(atlas, {k for pair in pairs for k in pair}, lang)
        page.wait_for_function("""(names) => {
            const shown = new Set([...document.querySelectorAll('.pm-label')].map(n => n.textContent.trim()));
            return names.every(n => shown.has(n)); }""", arg=sorted(expected), timeout=30000)
        t = Translator(lang)
        assert page.locator("a.pm-embed-full").text_content() == t("embed.full_map")
        assert page.evaluate("() => document.documentElement.lang") == lang
        assert page.title() == t("embed.frame_title", place=names_in(atlas, [TOWN], lang).pop())


@pytest.mark.parametrize("lang", ["de", "ru", "en"])
def test_the_sites_place_selection_offers_the_snippet(built, lang):
    require_chromium()
    page_path = {"de": "index.html", "ru": "ru/index.html", "en": "en/index.html"}[lang]
    t = Translator(lang)
    with http_server(built) as url, offline_page(1400, 900) as page:
        page.goto(f"{url}/{page_path}#town={TOWN}")
        page.wait_for_selector("body[data-ready='1']", timeout=60000)
        box = page.locator(".pm-site-embed")
        box.wait_for(timeout=10000)
        assert t("embed.box") in box.text_content()
        snippet = box.locator("textarea").input_value()
        assert box.locator("textarea").get_attribute("readonly") is not None
        place = {"de": "Suhl", "ru": "Зуль", "en": "Suhl"}[lang]
        assert snippet == (f'<iframe src="{url}/embed.html#town=de:Suhl&amp;lang={lang}" width="600" height="400" '
                           f'style="border:0" loading="lazy" title="{t("embed.frame_title", place=place)}"></iframe>')
        assert box.locator("button").text_content() == t("embed.copy")
        # no place selected: no box
        page.evaluate("() => { location.hash = ''; }")
        page.wait_for_function("() => !document.querySelector('.pm-site-embed') || "
                               "document.querySelector('.pm-site-embed').hidden", timeout=10000)


def test_the_app_serves_the_embedded_map_at_its_component_url(atlas):
    """The app's own embed.html (written by mapview.install into the component folder): the data
    files it names are fetched from the app, and the full map is the app's page with the place."""
    require_chromium()
    from browser import map_frame, streamlit_server

    with streamlit_server() as url, offline_page(600, 400) as page:
        page.goto(url)  # the first run installs the component's files
        map_frame(page)  # drawn: leaving the page then aborts none of its requests
        src = page.locator("iframe").first.get_attribute("src")
        component = src.split("?")[0].rsplit("/", 1)[0]
        page.goto(f"{component}/embed.html#town={TOWN}&lang=ru")
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60000)
        page.wait_for_function("() => window.pm.counts().arcs > 0", timeout=60000)
        assert page.evaluate("() => window.pm.counts().arcs") == len(partners(atlas, TOWN))
        assert page.locator(".pm-embed-name").text_content() == "Зуль"
        href = page.evaluate("() => document.querySelector('a.pm-embed-full').href")
        assert href == f"{url}/?lang=ru&town=de:Suhl"
        assert page.failed_local == []


def test_the_apps_place_panel_offers_the_snippet():
    """The app's own place panel (the map frame's detail of the place the link names) offers the
    <iframe> of the component folder's embed.html, in the view's language, for each language."""
    require_chromium()
    from browser import map_frame, streamlit_server

    with streamlit_server() as url, offline_page(1400, 900) as page:
        for lang in ("de", "ru", "en"):
            t = Translator(lang)
            page.goto(f"{url}/?town={TOWN}&lang={lang}")
            frame = map_frame(page)
            box = frame.locator(f".pm-detail-place[data-place='{TOWN}'] .pm-embed-box")
            box.wait_for(timeout=60000)
            component = frame.evaluate("() => location.href").split("?")[0].rsplit("/", 1)[0]
            place = {"de": "Suhl", "ru": "Зуль", "en": "Suhl"}[lang]
            area = box.locator("textarea")
            assert area.get_attribute("readonly") is not None
            assert area.input_value() == (f'<iframe src="{component}/embed.html#town=de:Suhl&amp;lang={lang}" width="600" '
                                          f'height="400" style="border:0" loading="lazy" '
                                          f'title="{t("embed.frame_title", place=place)}"></iframe>')
            assert t("embed.box") in box.text_content() and t("embed.box_help") in box.text_content()
            assert box.locator("button").text_content() == t("embed.copy")
        assert page.failed_local == []
