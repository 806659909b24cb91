"""No link on the page from text nobody vetted (#15): Streamlit's Markdown
turns bare ``https://…``, ``www.…`` and e-mail addresses into live links after
escapes are resolved, so escaping alone let a link parameter, an upload's name
or cell, or a region's name become a link. Only the data's source URLs may be
links. The check reads every element Streamlit renders as Markdown and finds
what the renderer would autolink there (the patterns of remark-gfm's
autolink-literal extension)."""
from __future__ import annotations

import html
import re

import pytest
from streamlit.testing.v1 import AppTest

from conftest import GOOD_CONFERENCE, GOOD_ROW, ROOT, write_csv
from dashboard import views
from dashboard.i18n import LANGS
from dashboard.text import md, unlinked
from geo.datasets import CONFERENCE_COLUMNS, PARTNERSHIP_COLUMNS

APP = str(ROOT / "dashboard" / "app.py")
EVIL = ["https://evil.example/login", "www.evil.example", "mail@evil.example", "HTTP://EVIL.EXAMPLE"]
# remark-gfm's autolink literals, run on the text after Markdown's escapes are resolved
_AUTOLINK = re.compile(r"(?i)(https?://|www(?=\.))[-.\w]+|[-.\w+]+@[-\w]+(?:\.[-\w]+)+|\b(mailto|xmpp):")
_EXPLICIT = re.compile(r"\[(?P<label>(?:\\.|[^\]\\])*)\]\((?P<url>[^)\s]+)\)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
MARKDOWN_ELEMENTS = ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader")


def links_in(source: str, allowed: set[str]) -> list[str]:
    """What a Markdown renderer would make a link in ``source``, apart from explicit links to ``allowed`` URLs."""
    found = []

    def explicit(match: re.Match) -> str:
        if match["url"] not in allowed:
            found.append(match["url"])
        return match["label"]

    text = _EXPLICIT.sub(explicit, source)
    text = html.unescape(_ESCAPE.sub(r"\1", text))
    return found + [m.group(0) for m in _AUTOLINK.finditer(text)]


def rendered_markdown(at: AppTest) -> list[str]:
    texts = []
    for kind in MARKDOWN_ELEMENTS:
        texts += [element.value for element in getattr(at, kind)]
    texts += [button.label for button in at.button]  # button labels are Markdown too
    texts += [label for group in at.get("button_group") for label in group.options]  # the bar's views
    return texts


def assert_no_link(at: AppTest, allowed: set[str] = frozenset()) -> None:
    assert not at.exception, at.exception
    for text in rendered_markdown(at):
        assert not links_in(text, set(allowed)), text


def test_the_check_itself_finds_autolinks():
    """The checker would notice what md() prevents (so its passing means something)."""
    for value in EVIL:
        assert links_in(value, set()), value
        assert not links_in(md(value), set()), value
    assert links_in("[x](https://evil.example)", set()) == ["https://evil.example"]
    assert not links_in("[x](https://ok.example)", {"https://ok.example"})
    assert unlinked("see www.x.de") != "see www.x.de" and unlinked("plain words") == "plain words"


@pytest.mark.parametrize("lang", LANGS)
def test_no_link_from_the_address(lang):
    for value in EVIL:
        at = AppTest.from_file(APP, default_timeout=120)
        for param in ("q", "de", "ru", "from", "to", "kind", "status", "level", "town"):
            at.query_params[param] = value
        at.query_params["lang"] = lang
        at.run()
        assert at.warning, "the link's unusable values are named"
        assert_no_link(at)


def evil_upload() -> bytes:
    rows = ["de_name,de_region,ru_name,ru_region,since,source",
            "Suhl,DE-TH,Kaluga,RU-KLU,1969,https://evil.example/login",
            "www.evil.example,DE-TH,mail@evil.example,RU-KLU,1970,javascript:alert(1)"]
    return ("\n".join(rows) + "\n").encode("utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_no_link_from_an_upload(lang):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.file_uploader(key="upload_file").set_value(("https://evil.example/list.csv", evil_upload(), "text/csv"))
    at.run()
    # an uploaded list's sources are the viewer's own words, not vetted: none may be a link
    assert_no_link(at)
    at.session_state["town"] = "de:Suhl"
    at.run()
    assert_no_link(at)
    for view in views.VIEWS:
        at.session_state["tab"] = views.name(view)
        at.run()
        assert_no_link(at)


def test_no_link_from_the_data_but_its_sources(tmp_path, monkeypatch):
    """Names, notes and region names that look like addresses stay text; the row's source is the one link."""
    folder = tmp_path / "data"
    folder.mkdir()
    row = {**GOOD_ROW, "status_note_de": "siehe www.evil.example", "status_note_en": "mail@evil.example",
           "status_note_ru": "https://evil.example/login", "text_lang": "de"}
    write_csv(folder / "partnerships.csv", [row], PARTNERSHIP_COLUMNS)
    write_csv(folder / "conferences.csv", [GOOD_CONFERENCE], CONFERENCE_COLUMNS)
    regions = (ROOT / "data" / "regions.csv").read_text(encoding="utf-8").splitlines()
    # the regions table of the data folder in use: Thuringia's names become addresses
    header = regions[0].split(",")
    patched = []
    for line in regions[1:]:
        if line.startswith("DE-TH,"):
            cells = line.split(",")
            for column in ("name_de", "name_en", "name_ru"):
                cells[header.index(column)] = "www.evil.example"
            line = ",".join(cells)
        patched.append(line)
    (folder / "regions.csv").write_text("\n".join([regions[0], *patched]) + "\n", encoding="utf-8")
    monkeypatch.setenv("PARTNERMAP_DATA_DIR", str(folder))
    for lang in LANGS:
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params["lang"] = lang
        at.query_params["town"] = "de:Suhl"
        at.run()
        texts = rendered_markdown(at)
        assert_no_link(at, {GOOD_ROW["source"]})
        for view in views.VIEWS:
            at.session_state["tab"] = views.name(view)
            at.run()
            texts += rendered_markdown(at)
            assert_no_link(at, {GOOD_ROW["source"]})
        assert "evil" in " ".join(texts)  # the region's name from the data folder in use is on the page, as text
