"""No text from a link or from the data is ever run: not as a template, not as
script, not as markup. Template and script payloads go into every query
parameter the app reads (normal and presentation mode, every language) and
into every text column of both data files; nothing may happen on the server,
nothing may break, and the payload must arrive as plain text."""
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from conftest import GOOD_CONFERENCE, GOOD_ROW, ROOT, write_csv
from dashboard import mapdata, mapview, views
from dashboard.i18n import LANGS, Translator
from dashboard.text import md
from geo import export
from geo.datasets import CONFERENCE_COLUMNS, PARTNERSHIP_COLUMNS
from geo.resolve import build_atlas

APP = str(ROOT / "dashboard" / "app.py")
PARAMS = ["q", "de", "ru", "from", "to", "kind", "status", "level", "town", "lang", "tiles", "mode", "map"]


def payloads(marker) -> list[str]:
    return [
        "{{ 7*7 }}",
        "{% for x in () %}",
        "{{cycler.__init__.__globals__.os.mkdir('%s')}}" % marker,
        "{{ self.__init__.__globals__.__builtins__.__import__('os').mkdir('%s') }}" % marker,
        "${7*7}",
        "<%= 7*7 %>",
        "</script><script>alert(1)</script>",
    ]


def sent_to_browser(at) -> str:
    """Everything the app sent: element protos as text, component arguments decoded."""
    parts = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            proto = getattr(child, "proto", None)
            if proto is not None:
                parts.append(str(proto))
                if getattr(child, "type", "") == "component_instance":
                    parts.append(json.dumps(json.loads(proto.json_args), ensure_ascii=False))
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


def component_state(at) -> dict:
    found = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", "") == "component_instance":
                found.append(json.loads(child.proto.json_args)["state"])
            walk(child)

    walk(at._tree)
    assert found, "the map was not drawn"
    return found[0]


def run(query: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at


@pytest.mark.parametrize("present", [False, True], ids=["normal", "present"])
@pytest.mark.parametrize("lang", LANGS)
def test_payloads_in_the_link_are_text(tmp_path, lang, present):
    marker = tmp_path / "ssti_proof"
    for payload in payloads(marker):
        # every parameter the app reads carries the payload at once
        query = {param: payload for param in PARAMS if param not in ("lang", "mode")}
        query["lang"] = lang
        if present:
            query["mode"] = "present"
        at = run(query)
        assert not at.exception, (payload, at.exception)
        assert not marker.exists(), f"{payload} ran code on the server"
        state = component_state(at)
        assert state["lang"] == lang
        if present:
            # the search text arrives as it was typed, in the title line, as data
            assert payload[:100] in state["title"]
            assert "49" not in state["title"].replace(payload[:100], "")
        else:
            assert at.text_input(key="q").value == payload[:100]
            # the warning names the unused values as escaped text, never as markup
            warning = " ".join(w.value for w in at.warning)
            for param in ("de", "ru", "kind", "status", "level", "map"):
                assert md(f"{param}={payload}") in warning, (param, payload, warning)
    # the language and the mode themselves
    for payload in payloads(marker):
        at = run({"lang": payload, "mode": payload if present else "present"})
        assert not at.exception and not marker.exists()
        assert component_state(at)["lang"] == "de"


def evil_data(tmp_path, payload):
    row = dict(GOOD_ROW)
    conference = dict(GOOD_CONFERENCE)
    texts = ["de_name", "de_name_ru", "ru_name_ru", "ru_name_en", "status_note_de", "status_note_ru", "status_note_en",
             "note_de", "note_ru", "note_en", "position_note"]
    for column in texts:
        row[column] = payload
    row["text_lang"] = "en"
    for column in ("host_ru", "host_en", "co_hosts", "co_hosts_ru", "co_hosts_en", "motto_de", "motto_ru", "motto_en"):
        conference[column] = payload
    conference["motto_lang"] = "de"
    # a second row whose names are real, so the map has an arc; the first keeps the payloads
    plain = {**GOOD_ROW, "id": "jena-berezniki", "de_name": "Jena", "de_name_ru": "Йена", "ru_name": "Beresniki",
             "ru_name_ru": "Березники", "ru_name_en": "Berezniki", "ru_region": "RU-PER", "status_note_de": payload,
             "status_note_ru": payload, "status_note_en": payload, "text_lang": "en"}
    folder = tmp_path / "data"
    folder.mkdir()
    write_csv(folder / "partnerships.csv", [row, plain], PARTNERSHIP_COLUMNS)
    write_csv(folder / "conferences.csv", [conference], CONFERENCE_COLUMNS)
    return folder


@pytest.mark.parametrize("index", range(7))
def test_payloads_in_the_data_are_text(tmp_path, monkeypatch, index):
    marker = tmp_path / "ssti_proof"
    payload = payloads(marker)[index]
    folder = evil_data(tmp_path, payload)
    monkeypatch.setenv("PARTNERMAP_DATA_DIR", str(folder))
    for lang in LANGS:
        for query in ({"lang": lang}, {"lang": lang, "mode": "present"}, {"lang": lang, "town": f"de:{payload}"}):
            at = AppTest.from_file(APP, default_timeout=120)
            for key, value in query.items():
                at.query_params[key] = value
            at.run()
            assert not at.exception, (query, at.exception)
            for view in views.VIEWS:  # every view draws: the map, table, statistics, conferences, problems, downloads
                at.session_state["tab"] = views.name(view)
                at.run()
                assert not at.exception, (query, views.name(view), at.exception)
            assert not marker.exists()
    # the selected place's notes reach the page as text: in its table's cells, and to the map as its state names it
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["town"] = "de:Jena"
    at.session_state["tab"] = "table"
    at.run()
    assert component_state(at)["selected"] == "de:Jena"
    assert payload in at.dataframe[0].value[Translator("de")("col.note")].tolist()

    atlas = build_atlas(folder)
    assert not marker.exists()
    # exports: the payload is there, as text
    csv_text = export.partnerships_csv(atlas.partnerships)
    assert payload in csv_text or payload.replace('"', '""') in csv_text
    assert payload in export.conferences_csv(atlas.conferences) or payload.replace('"', '""') in export.conferences_csv(atlas.conferences)
    geojson = export.partnerships_geojson(atlas.partnerships)
    assert any(payload in json.dumps(f["properties"], ensure_ascii=False) for f in geojson["features"])
    dataset = mapdata.dataset(atlas)
    html = mapview.standalone_html(dataset, mapview.state(Translator("de"), atlas.partnerships["id"], dataset),
                                   {"type": "FeatureCollection", "features": []}, title=payload)
    assert "<script>alert(1)" not in html
    details = json.loads(dataset.details)
    assert details["jena-berezniki"]["status_note"]["de"] == payload
    assert not marker.exists()


def test_no_template_engine_in_the_app_or_the_map():
    """The map code never hands text to a template engine, eval or a shell."""
    # the benchmark draws the naive folium map of #12 as a baseline to compare with;
    # it never serves a visitor, so it is the one file allowed to import folium
    sources = [p for p in (ROOT / "dashboard").glob("*.py") if p.name != "benchmark.py"] + list((ROOT / "geo").glob("*.py"))
    for path in sources:
        code = path.read_text(encoding="utf-8")
        for forbidden in (r"(?m)^\s*(from|import)\s+(jinja2|branca|folium)\b", r"\bTemplate\(", r"\beval\(", r"\bexec\(", r"import pickle|pickle\.load",
                          r"shell=True", r"os\.system"):
            assert not re.search(forbidden, code), f"{path.relative_to(ROOT)} uses {forbidden}"
