"""Whatever the data says, it reaches the page as text, never as markup or script."""
import json

from conftest import GOOD_ROW
from dashboard import mapdata, mapview
from dashboard.i18n import Translator
from dashboard.text import md, md_link, md_sources
from geo.resolve import build_atlas

EVIL = '<img src=x onerror="alert(1)">`${alert(2)}`</script><!--'


def test_markdown_from_data_shows_as_text():
    assert md("[Sign in](https://evil.example)").startswith("\\[Sign in\\]\\(")
    assert "](" not in md("[Sign in](https://evil.example)")
    assert md("![p](http://x/p.png)").startswith("\\!\\[")
    assert "<" not in md(EVIL) and "&lt;img" in md(EVIL)
    assert md("line\nbreak# not a heading") == "line break\\# not a heading"


def test_only_http_links_become_links():
    assert "](" not in md_link("javascript:alert(3)") and "javascript" in md_link("javascript:alert(3)")
    assert md_link("https://example.org/a") == "[example\\.org](https://example.org/a)"
    assert "](" not in md_link('https://example.org/?a="><b>') and "<b>" not in md_link('https://example.org/?a="><b>')
    assert md_sources("https://a.de/x http://b.ru/y") == "[a\\.de](https://a.de/x), [b\\.ru](http://b.ru/y)"


def test_standalone_page_keeps_data_inside_its_json(data_dir):
    atlas = build_atlas(data_dir([{**GOOD_ROW, "de_name": EVIL, "de_name_ru": EVIL,
                                   "status_note_de": EVIL, "status_note_ru": EVIL, "status_note_en": EVIL, "text_lang": "en"}]))
    dataset = mapdata.dataset(atlas)
    html = mapview.standalone_html(dataset, mapview.state(Translator("ru"), atlas.partnerships["id"], dataset),
                                   {"type": "FeatureCollection", "features": []}, title=EVIL)
    assert "<img src=x" not in html and "</script><!--" not in html
    # the data is there, whole, inside the JSON element
    start = html.index('<script type="application/json" id="pm-details">') + len('<script type="application/json" id="pm-details">')
    details = json.loads(html[start:html.index("</script>", start)])
    assert details["suhl-kaluga"]["status_note"]["ru"] == EVIL


def test_map_code_puts_data_on_the_page_as_text_only():
    """The browser code never parses data as HTML: no innerHTML, no eval, no document.write."""
    from dashboard.mapview import STATIC

    for path in (STATIC / "map").glob("*.js"):
        code = path.read_text(encoding="utf-8")
        for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "new Function", "document.write"):
            assert forbidden not in code, f"{path.name} uses {forbidden}"

