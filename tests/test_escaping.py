"""Whatever the data says, it reaches the page as text, never as markup or script."""

from dashboard import layers
from dashboard.i18n import Translator
from geo.resolve import build_atlas
from conftest import GOOD_ROW

EVIL = '<img src=x onerror="alert(1)">`${alert(2)}`</script>'


def test_popup_and_tooltip_escape_data():
    row = {**GOOD_ROW, "de_name": EVIL, "status_note": EVIL, "note": EVIL, "since": 1969,
           "source": 'javascript:alert(3) https://example.org/?a="><b>'}
    t = Translator("de")
    popup = layers.partnership_popup(row, t)
    assert "<img" not in popup and "&lt;img" in popup
    assert 'href="javascript' not in popup
    assert 'href="https://example.org/?a=&quot;&gt;&lt;b&gt;"' in popup
    assert "<img" not in layers.partnership_tooltip(row, t)


def test_map_script_cannot_be_broken_out_of(data_dir):
    atlas = build_atlas(data_dir([{**GOOD_ROW, "de_name_ru": EVIL, "status_note": EVIL}]))
    m = layers.build_map(atlas.partnerships, atlas.towns, atlas.conferences, Translator("ru"))
    html = m.get_root().render()
    assert "</script>`" not in html and "<img src=x" not in html
    assert "\\u0026lt;img" in html  # the data is there: HTML-escaped, inside a JSON string


def test_only_local_scripts_and_styles(atlas):
    from streamlit_folium import st_folium  # noqa: F401  (the walker below mirrors what it loads)
    import branca
    import folium

    m = layers.build_map(atlas.partnerships, atlas.towns, atlas.conferences, Translator("de"))
    links = []

    def walk(element):
        links.extend(src for _, src in getattr(element, "default_js", []))
        links.extend(href for _, href in getattr(element, "default_css", []))
        assert not isinstance(element, branca.colormap.ColorMap)  # would pull d3 from a CDN
        for child in getattr(element, "_children", {}).values():
            walk(child)

    walk(m)
    assert links and all(link.startswith("/app/static/") for link in links), links
    assert isinstance(m, folium.Map)
