"""The static site (python -m dashboard.site): its files, its filters in the
browser (their rules against dashboard/filters.py run in node: tests/test_js.py), the address that restores
the view, the language pages, from file:// and from `python -m http.server`."""
import json
import re
import subprocess
import sys
import time
import urllib.request

import pytest

from browser import ARTIFACTS, count_shapes, map_frame, offline_page, require_chromium
from dashboard import filters, mapdata, site
from dashboard.headless import free_port
from dashboard.i18n import Translator


@pytest.fixture(scope="module")
def outlines():
    from geo import basemap

    return basemap.outlines()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory, outlines):
    """1,000 synthetic pairs and the site built from them."""
    from geo.resolve import build_atlas
    from geo.synthetic import make_dataset

    base = tmp_path_factory.mktemp("site")
    atlas = build_atlas(make_dataset(1000, 1, base / "data"))
    out = base / "site"
    site.build(atlas, out, outlines)
    return atlas, out


def placed_in(atlas, **query) -> int:
    shown = filters.apply(atlas.partnerships, filters.Filter.from_query(query))
    return int(shown["placed"].sum())


def test_pages_and_assets(synthetic):
    atlas, out = synthetic
    for page in site.PAGES.values():
        html = (out / page).read_text(encoding="utf-8")
        # every file a page names is there, relative to the page
        for src in re.findall(r'(?:src|href)="([^"#]+)"', html):
            assert (out / page).parent.joinpath(src).resolve().is_file(), (page, src)
        assert "<script src=\"http" not in html and "fetch(" not in html
    data = sorted(p.name for p in (out / "assets" / "data").iterdir())
    version = mapdata.dataset(atlas).version
    assert f"pairs-{version}.js" in data and f"details-{version}.js" in data
    assert all(re.fullmatch(r"[a-z]+-[0-9a-f]{12,16}\.js", name) for name in data), data


def test_rebuild_keeps_only_the_current_files(synthetic, outlines, tmp_path):
    atlas, _ = synthetic
    out = tmp_path / "site"
    site.build(atlas, out, outlines)
    stale = out / "assets" / "data" / "pairs-0000000000000000.js"
    stale.write_text("old")
    site.build(atlas, out, outlines)
    assert not stale.exists() and (out / "index.html").is_file()


def test_refuses_a_folder_with_other_files(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert site.main([str(tmp_path)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_page_keeps_data_text_inside_json(synthetic):
    _, out = synthetic
    html = (out / "ru" / "index.html").read_text(encoding="utf-8")
    start = html.index('id="pm-site-config">') + len('id="pm-site-config">')
    config = json.loads(html[start:html.index("</script>", start)])
    assert config["lang"] == "ru" and config["words"]["filters.de_regions"] == Translator("ru")("filters.de_regions")
    assert dict(config["regions"]["de"])["DE-TH"] == Translator("ru").region("DE-TH")
    assert [l["href"] for l in config["langs"]] == ["../index.html", "../ru/index.html", "../en/index.html"]


# -- in the browser -----------------------------------------------------------

@pytest.fixture
def page_at(synthetic):
    """The German page of the synthetic site, drawn (one browser at a time: playwright's sync API allows no second)."""
    require_chromium()
    atlas, out = synthetic
    with offline_page() as page:
        page.goto((out / "index.html").as_uri())
        map_frame(page)
        yield page


def test_map_draws_from_a_file_offline(page_at, synthetic):
    atlas, _ = synthetic
    assert count_shapes(page_at)["arcs"] == int(atlas.partnerships["placed"].sum())
    assert page_at.failed_local == []
    assert all("tile.openstreetmap.org" in url for url in page_at.blocked), page_at.blocked
    assert "1.000 von 1.000" in page_at.locator(".pm-site-count").inner_text()


def test_choosing_a_land_filters_and_the_address_restores_it(synthetic):
    require_chromium()
    atlas, out = synthetic
    land = atlas.partnerships["de_region"].value_counts().index[0]
    expected = placed_in(atlas, de=land)
    assert 0 < expected < int(atlas.partnerships["placed"].sum())
    with offline_page() as page:
        page.goto((out / "index.html").as_uri())
        map_frame(page)
        page.locator(f"input[name=de][value='{land}']").check()
        assert count_shapes(page)["arcs"] == expected
        page.locator(".pm-site input[name=from]").fill("1980")
        page.locator(".pm-site input[name=from]").press("Enter")
        both = placed_in(atlas, de=land, **{"from": "1980"})
        assert count_shapes(page)["arcs"] == both
        # the filter in the address (and, once its framing has landed, the map's view: map=Z/LAT/LON)
        assert page.evaluate("() => location.hash").split("&map=")[0] == f"#de={land}&from=1980"
        page.reload()
        map_frame(page)
        assert count_shapes(page)["arcs"] == both
        assert page.locator(f"input[name=de][value='{land}']").is_checked()
        assert page.locator(".pm-site input[name=from]").input_value() == "1980"
        # a link made elsewhere, with a view
        page.goto((out / "en" / "index.html").as_uri() + f"#de={land}&map=7/52.000/10.000")
        map_frame(page)
        assert count_shapes(page)["arcs"] == expected
        view = page.evaluate("() => window.pm.view()")
        assert view["zoom"] == 7 and abs(view["lat"] - 52) < 0.01 and abs(view["lng"] - 10) < 0.01
        # the address follows the map; the hash does not reach the file system (still offline, no request)
        page.evaluate("() => { window.pm.map.setView([55, 37], 5, {animate: false}); }")
        assert "map=5/55.000/37.000" in page.evaluate("() => location.hash")
        page.locator(".pm-site-reset").click()
        assert count_shapes(page)["arcs"] == int(atlas.partnerships["placed"].sum())
        assert page.failed_local == []


def test_language_pages_link_to_each_other(synthetic):
    require_chromium()
    atlas, out = synthetic
    land = atlas.partnerships["de_region"].value_counts().index[0]
    with offline_page() as page:
        page.goto((out / "index.html").as_uri() + f"#de={land}")
        map_frame(page)
        page.get_by_role("link", name="Русский").click()
        page.wait_for_url("**/ru/index.html*")
        map_frame(page)
        assert page.evaluate("() => document.documentElement.lang") == "ru"
        assert page.evaluate("() => location.hash") == f"#de={land}"  # the filter goes along
        assert Translator("ru")("filters.de_regions") in page.locator(".pm-site").inner_text()
        assert count_shapes(page)["arcs"] == placed_in(atlas, de=land)
        page.get_by_role("link", name="English").click()
        page.wait_for_url("**/en/index.html*")
        map_frame(page)
        assert page.evaluate("() => document.documentElement.lang") == "en"
        assert Translator("en")("filters.search") in page.locator(".pm-site").inner_text()
        page.screenshot(path=str(ARTIFACTS / "site-en.png"))
        page.get_by_role("link", name="Deutsch").click()
        page.wait_for_url("**/index.html*")
        map_frame(page)
        assert page.evaluate("() => document.documentElement.lang") == "de"
        assert page.failed_local == []


def test_popup_texts_arrive_after_the_map(synthetic):
    require_chromium()
    _, out = synthetic
    with offline_page() as page:
        page.goto((out / "index.html").as_uri())
        map_frame(page)
        page.wait_for_function("() => document.body.dataset.details === '1'", timeout=20000)
        assert page.evaluate("() => Object.keys(window.PM_DETAILS).length") == 1000


# -- the real data through a web server ---------------------------------------

def test_real_data_through_http_server(atlas, outlines, tmp_path):
    require_chromium()
    out = tmp_path / "site"
    assert site.main([str(out)]) == 0
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(out)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        with offline_page() as page:
            page.goto(url)
            map_frame(page)
            page.wait_for_timeout(500)
            assert count_shapes(page)["arcs"] == int(atlas.partnerships["placed"].sum())
            assert page.evaluate("() => document.documentElement.lang") == "de"
            page.screenshot(path=str(ARTIFACTS / "site-de.png"))
            page.goto(url + "ru/index.html#de=DE-TH")
            map_frame(page)
            assert count_shapes(page)["arcs"] == placed_in(atlas, de="DE-TH")
            assert page.failed_local == []
    finally:
        server.terminate()
        server.wait(10)


def test_a_search_that_finds_nothing_says_so_and_offers_the_closest_names(atlas, outlines, tmp_path):
    """As the dashboard does (filters.suggest): the message, and names that each find something."""
    require_chromium()
    out = tmp_path / "site"
    site.build(atlas, out, outlines)
    with offline_page() as page:
        page.goto((out / "ru" / "index.html").as_uri())
        map_frame(page)
        note = page.locator(".pm-site-nomatch")
        assert note.is_hidden()
        page.locator(".pm-site input[name=q]").fill("Kalugga Oblst")
        note.wait_for(state="visible", timeout=10000)
        t = Translator("ru")
        assert t("search.none", query=t.quote("Kalugga Oblst")) in note.inner_text()
        offered = note.locator("button").all_inner_texts()
        assert offered and offered[0] in filters.place_names(atlas.partnerships)
        assert filters.suggest(atlas.partnerships, "Kalugga Oblst")[0] in offered  # the dashboard's first choice is there
        # a click searches for it, and it finds partnerships
        note.locator("button").first.click()
        page.wait_for_function("() => document.querySelector('.pm-site input[name=q]').value !== 'Kalugga Oblst'")
        assert note.is_hidden() and count_shapes(page)["arcs"] > 0
        assert page.failed_local == []


def test_active_filters_stay_in_view_and_each_is_removable(atlas, outlines, tmp_path):
    """A link with a Land far down its list: the chip above the lists names it; its ✕ takes it off."""
    require_chromium()
    out = tmp_path / "site"
    site.build(atlas, out, outlines)
    lands = sorted({c for c in atlas.partnerships["de_region"].dropna() if c}, key=Translator("de").region)
    land = lands[-1]  # the last of the list: scrolled out of sight in its box
    with offline_page(1280, 720) as page:
        page.goto((out / "index.html").as_uri() + f"#de={land}&status=suspended&from=1990")
        map_frame(page)
        chips = page.locator(".pm-site-chip")
        texts = chips.all_inner_texts()
        t = Translator("de")
        assert [x.replace("✕", "").strip() for x in texts] == [t.region(land), "1990–…", t("status.suspended")]
        # in view without scrolling the panel
        top = page.locator(".pm-site-chips").bounding_box()
        assert top["y"] + top["height"] < 720
        chips.filter(has_text=t.region(land)).click()
        page.wait_for_function("() => !location.hash.includes('de=')")
        assert not page.locator(f"input[name=de][value='{land}']").is_checked()
        assert count_shapes(page)["arcs"] == placed_in(atlas, status="suspended", **{"from": "1990"})
        assert page.locator(".pm-site-chip").count() == 2
        assert page.failed_local == []
