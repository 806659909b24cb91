"""One count everywhere: the headline, the tab, the statistics, the map's
timeline label, `python -m geo validate` and `export` each computed from its
own source and compared with the data and with geo.counts."""
import csv
import os
import re
import subprocess
import sys

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from geo import counts
from geo.regions import data_dir

APP = str(ROOT / "dashboard" / "app.py")


def raw_rows() -> list[dict]:
    """partnerships.csv as plain rows, without the project's reader."""
    with (data_dir() / "partnerships.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def app(lang="de", tab=None, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    for key, value in query.items():
        at.query_params[key] = value
    if tab is not None:
        at.session_state["tab"] = tab
    at.run()
    assert not at.exception, at.exception
    return at


def cli(*args) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stderr


def sentence_counts(text: str) -> dict:
    match = re.search(r"(\d+) partnerships: (\d+) on the map \((\d+) as arcs, (\d+) one-sided proposals? at (?:its|their) "
                      r"one place\), (\d+) not on the map", text)
    assert match, text
    return dict(zip(("pairs", "on_map", "arcs", "one_sided", "not_on_map"), map(int, match.groups())))


@pytest.fixture(scope="module")
def expected(atlas):
    return counts.count(atlas.partnerships)


def test_the_counts_agree_with_the_file(atlas, expected):
    rows = raw_rows()
    assert expected.pairs == len(rows) == len(atlas.partnerships)
    for status in counts.STATUSES:
        assert expected.by_status[status] == sum(r["status"] == status for r in rows), status
    # a one-sided proposal: proposed, one partner only
    one_sided = [r for r in rows if r["status"] == "proposed" and not (r["de_name"] and r["ru_name"])]
    assert expected.one_sided == len(one_sided)
    assert expected.arcs + expected.one_sided + expected.not_on_map == expected.pairs


def test_validate_and_export_say_the_same(tmp_path, expected):
    said = sentence_counts(cli("validate"))
    assert said == {"pairs": expected.pairs, "on_map": expected.on_map, "arcs": expected.arcs,
                    "one_sided": expected.one_sided, "not_on_map": expected.not_on_map}
    assert sentence_counts(cli("export", str(tmp_path / "out"))) == said


@pytest.mark.parametrize("lang", ["de", "ru", "en"])
def test_headline_and_tab_say_the_same(lang, expected):
    at = app(lang)
    text = " ".join(m.value for m in at.caption)  # the bar's count line
    shown, total = map(int, re.search(r"(\d+) (?:von|of|из) (\d+)", text).groups())
    assert shown == total == expected.pairs
    # the bar's "not on the map" view counts what is not on the map, like validate
    from dashboard import views

    tab = at.segmented_control(key="tab").options[views.VIEWS.index(views.problems)]
    assert int(re.search(r"\((\d+)\)", tab).group(1)) == expected.not_on_map
    if expected.one_sided:  # the headline says why the map shows fewer arcs than pairs
        assert re.search(rf"\b{expected.one_sided}\b", text.split("·", 1)[1])


def test_a_filtered_headline_counts_the_filter(atlas):
    at = app("de", status="proposed")
    text = " ".join(m.value for m in at.caption)  # the bar's count line
    shown = int(re.search(r"(\d+) von (\d+)", text).group(1))
    assert shown == counts.count(atlas.partnerships[atlas.partnerships["status"] == "proposed"]).pairs


def test_statistics_count_the_status_of_the_data(atlas, expected):
    """The status chart's last year and the summary sentence agree with the data's statuses."""
    at = app("en", tab="stats")
    summary = next(c.value for c in at.caption if "Suspended today" in c.value)
    suspended = int(re.search(r"Suspended today according to the sources: (\d+) of (\d+)", summary).group(1))
    unknown = int(re.search(r"Current status unknown: (\d+)", summary).group(1))
    assert suspended == expected.by_status["suspended"] == sum(r["status"] == "suspended" for r in raw_rows())
    assert unknown == expected.by_status["unknown"]
    # the status table (under the chart) in its last year: every pair, with today's status
    tables = [d.value for d in at.dataframe]
    status_table = next(t for t in tables if list(t.columns) == ["Year", "Status", "Count"])
    last = status_table[status_table["Year"] == status_table["Year"].max()]
    assert int(last["Count"].sum()) == expected.pairs
    assert int(last.loc[last["Status"] == "suspended", "Count"].sum()) == expected.by_status["suspended"]


def test_timeline_label_counts_what_the_headline_counts(expected):
    """The map's timeline label at the latest year, in Chromium."""
    from browser import map_frame, offline_page, require_chromium, streamlit_server

    require_chromium()
    with streamlit_server() as url, offline_page() as page:
        page.goto(url + "/?lang=en")
        frame = map_frame(page)
        label = frame.locator(".pm-year-out").inner_text()
        assert int(re.search(r"(\d+) partnerships?", label.replace(",", "")).group(1)) == expected.on_map
        arcs = frame.evaluate("() => window.pm.counts().arcs")
        assert arcs == expected.arcs


def test_counts_of_an_empty_or_filtered_frame():
    frame = pd.DataFrame({"id": ["a", "b", "c"], "placed": [True, False, False], "single": [False, True, False],
                          "status": ["active", "proposed", "unknown"]})
    c = counts.count(frame)
    assert (c.pairs, c.arcs, c.one_sided, c.on_map, c.not_on_map) == (3, 1, 1, 2, 1)
    assert counts.not_on_map(frame)["id"].tolist() == ["c"]
    assert counts.count(frame.iloc[0:0]).pairs == 0
    assert "1 one-sided proposal at its one place" in c.sentence()


def readme() -> str:
    return (ROOT / "data" / "README.md").read_text(encoding="utf-8")


def test_the_data_readme_states_the_datas_counts(expected):
    """data/README.md's table of counts is the data's (update it with the data)."""
    block = readme().split("<!-- data-counts", 1)[1].split("<!-- /data-counts -->", 1)[0]
    stated = {m.group(1).strip(): int(m.group(2)) for m in re.finditer(r"^\| (.+?) \| (\d+) \|$", block, re.M)}
    rows = raw_rows()
    links = [r for r in rows if r["status"] != "proposed"]
    with (data_dir() / "conferences.csv").open(encoding="utf-8-sig", newline="") as handle:
        conferences = list(csv.DictReader(handle))
    actual = {
        "rows of `partnerships.csv`": len(rows),
        "links (all rows but proposals)": len(links),
        "town and district partnerships": sum(r["level"] != "region" and r["kind"] == "partnership" for r in links),
        "town and district friendships": sum(r["level"] != "region" and r["kind"] == "friendship" for r in links),
        "regional links (Land – federal subject)": sum(r["level"] == "region" for r in links),
        "proposals": len(rows) - len(links),
        **{f"status `{s}`": expected.by_status[s] for s in ("active", "suspended", "ended", "unknown")},
        "conferences in `conferences.csv`": len(conferences),
    }
    assert stated == actual


def test_the_readmes_example_rows_are_valid(tmp_path):
    """The worked example in data/README.md uses the current columns and passes the checks."""
    from geo.datasets import read_partnerships, read_status_history

    text = readme()
    blocks = re.findall(r"```\n(.*?)```", text, re.S)
    new_row = next(b for b in blocks if b.startswith("id,de_name,"))
    frame, problems = read_partnerships(new_row.encode("utf-8"))
    assert len(frame) == 1 and not [p for p in problems if p.severity == "error"], problems
    history = next(b for b in blocks if b.startswith("id,date,status,"))
    frame, problems = read_status_history(history.encode("utf-8"))
    assert len(frame) == 1 and not problems, problems


def test_a_conference_without_a_known_host_is_listed_not_drawn(data_dir, geocoder):
    from conftest import GOOD_CONFERENCE
    from geo.resolve import build_atlas

    unknown_host = {k: "" for k in GOOD_CONFERENCE} | {"number": "6", "year": "2000",
                                                        "source": "http://special.kremlin.ru/events/president/news/39137"}
    folder = data_dir(conferences=[GOOD_CONFERENCE, unknown_host])
    atlas = build_atlas(folder, geocoder)
    assert not atlas.errors, atlas.errors
    assert len(atlas.conferences) == 2 and counts.conferences_on_map(atlas.conferences) == 1
    # a country without a host is still a mistake
    folder = data_dir(conferences=[unknown_host | {"country": "RU"}])
    assert any(p.column == "host" for p in build_atlas(folder, geocoder).errors)
