"""The map's browser code, unit-tested with Node's own test runner.

Rules that run in Python and in the browser are written once in each and
checked against each other here: Python writes golden vectors (inputs and the
answers of geo.counts, dashboard.filters, geo.arcs, dashboard.mapdata,
geo.names) to a temporary folder, then `node --test tests/js/*.test.mjs` runs
the real JS on them (PM_GOLDEN names the folder). The same run tests label
placement, the state store and that destroy() leaves nothing behind, with
jsdom (package.json, `npm ci`) and the Leaflet this app ships.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT
from dashboard import filters, mapdata, mapview, site
from dashboard.i18n import Translator
from geo import arcs, counts, names

JS_TESTS = sorted((ROOT / "tests" / "js").glob("*.test.mjs"))
MIN_TESTS = 25


def _dump(folder, name: str, value) -> None:
    (folder / f"{name}.json").write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")


def _statuses(frame, history, years) -> dict:
    """Per year, every pair's status in it (None before it was founded): geo.counts.status_in_year."""
    changes = counts.status_changes(frame, history)
    rows = frame.to_dict("records")
    return {str(year): [counts.status_in_year(row, changes.get(row["id"]), year) for row in rows] for year in years}


def _timeline(frame, years) -> dict:
    """Per year, the pairs the filter "founded up to that year" lets through (dashboard.filters.apply)."""
    index = {pid: i for i, pid in enumerate(frame["id"])}
    return {str(year): [index[pid] for pid in filters.apply(frame, filters.Filter(year_to=year))["id"]] for year in years}


def _counts(frame, ids) -> list[dict]:
    """Shown sets as the app sends them (shown_mask), with geo.counts' answers for them."""
    out = []
    for step in (1, 2, 5):
        shown = frame.iloc[::step]
        c = counts.count(shown)
        out.append({"mask": None if step == 1 else mapdata.shown_mask(ids, shown["id"]),
                    "shown": c.pairs, "on_map": c.on_map, "arcs": c.arcs})
    return out


def _atlas_vectors(folder, name: str, atlas) -> None:
    frame = atlas.partnerships.reset_index(drop=True)
    data = json.loads(mapdata.dataset(atlas).pairs)
    low, high = filters.year_bounds(frame)
    years = sorted({low - 1, low, 1970, 1990, 2000, 2014, 2021, 2022, 2023, high - 1})
    _dump(folder, f"{name}-data", data)
    _dump(folder, f"{name}-status", _statuses(frame, getattr(atlas, "status_history", None), years))
    _dump(folder, f"{name}-timeline", _timeline(frame, [y for y in years if low <= y < high]))
    _dump(folder, f"{name}-counts", _counts(frame, tuple(frame["id"])))


def _mask_vectors(folder) -> None:
    cases = []
    for n, picks in [(1, [0]), (8, [0, 7]), (9, [8]), (20000, [5, 37, 19999]), (20000, list(range(0, 20000, 3))),
                     (1000, list(range(1000))), (1000, []), (37, list(range(1, 37, 2)))]:
        ids = tuple(f"p{i}" for i in range(n))
        shown = [ids[i] for i in picks]
        cases.append({"n": n, "mask": mapdata.shown_mask(ids, shown), "bits": mapdata.bit_mask(ids, shown), "shown": picks})
    _dump(folder, "mask", cases)


def _arc_vectors(folder) -> None:
    ends = [((53.55, 9.99), (64.73, -177.5)),   # Hamburg – a town at 177.5° W: east across the antimeridian
            ((54.51, 36.26), (50.61, 10.69)),   # Kaluga – Suhl
            ((52.52, 13.40), (43.12, 131.89)),  # Berlin – Vladivostok
            ((60.0, 179.0), (60.0, -179.0)),    # 2° across 180°
            ((60.0, -179.0), (60.0, 179.0)),
            ((10.0, 170.0), (-10.0, -170.0)),
            ((51.0, 10.0), (51.0, 10.0)),       # one place
            ((0.0, 0.0), (0.5, 0.5))]
    cases = []
    for (a, b) in ends:
        for points in (3, 9, 33):
            cases.append({"a": a, "b": b, "points": points, "line": arcs.great_circle(a[0], a[1], b[0], b[1], points),
                          "km": arcs.distance_km(a[0], a[1], b[0], b[1])})
    _dump(folder, "arcs", cases)


def _site_vectors(folder, atlas) -> None:
    """The static site's filter (site.js) against dashboard.filters on every kind of filter."""
    frame = atlas.partnerships.reset_index(drop=True)
    dataset = mapdata.dataset(atlas)
    land = frame["de_region"].value_counts().index[0]
    subject = frame["ru_region"].value_counts().index[0]
    town_de, town_ru = frame.loc[0, "de_name"], frame.loc[1, "ru_name_ru"]
    queries = [{"de": land}, {"ru": subject}, {"de": f"{land},{frame['de_region'].iloc[-1]}", "ru": subject},
               {"from": "1990"}, {"from": "1970", "to": "1985"}, {"kind": "friendship"}, {"status": "suspended,ended"},
               {"level": "district"}, {"q": town_de}, {"q": town_ru}, {"q": town_de[:4].upper()}, {"q": "burg"},
               {"q": "St. Peter"}, {"q": "ё"}, {"de": land, "from": "1980", "status": "active", "q": "a"},
               {"q": "Thüringen"}, {"q": "Thuringia"}, {"q": "Тюрингия"}, {"q": "Oblast Kaluga"}, {"q": "kaluga oblast"},
               {"q": "Moskau"}, {"q": f"{town_de} {town_ru}"}, {"q": "nothing-like-this"}, {"de": "DE-XX,nonsense"}]
    config = site.panel(Translator("de"), atlas, "index.html")
    cases = [{"hash": "#" + "&".join(f"{k}={v}" for k, v in q.items()),
              "expected": [int(i) for i in filters.apply(frame, filters.Filter.from_query(q)).index]} for q in queries]
    folds = ["Mühlhausen", "Sankt Petersburg", "St. Petersburg", "Щёлково", "Йошкар-Ола", "Halle (Saale)", "GROẞ",
             "Naro-Fominsk", "Sv. Nikola", "l’vov", "Ostrow", "Kreis Düren", "Çiğli", "Saint-Étienne", "Bad Kötzting"]
    _dump(folder, "site", {
        "data": json.loads(dataset.pairs), "index": site.search_index(atlas, dataset), "config": config, "cases": cases,
        "fold": [{"text": x, "german": names.fold(x), "plain": names.fold(x, german=False)} for x in folds]})


@pytest.fixture(scope="module")
def golden(tmp_path_factory, atlas):
    from geo.resolve import build_atlas
    from geo.synthetic import make_dataset

    folder = tmp_path_factory.mktemp("golden")
    synthetic = build_atlas(make_dataset(600, 7, folder / "synthetic-data"))
    _atlas_vectors(folder, "real", atlas)
    _atlas_vectors(folder, "synthetic", synthetic)
    _mask_vectors(folder)
    _arc_vectors(folder)
    _site_vectors(folder, synthetic)
    return folder


def _node() -> str:
    node = shutil.which("node")
    jsdom = (ROOT / "node_modules" / "jsdom").is_dir()
    if node and jsdom:
        return node
    reason = ("node is missing (apt-get install -y nodejs)" if not node
              else "jsdom is missing: run `npm ci` in the repository's root")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def test_the_map_code_passes_its_node_tests(golden):
    node = _node()
    env = {**os.environ, "PM_GOLDEN": str(golden), "PM_LEAFLET": str(mapview.LEAFLET_DIR / "leaflet.js")}
    result = subprocess.run([node, "--test", *map(str, JS_TESTS)], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    passed = int(re.search(r"^# pass (\d+)", output, re.M).group(1))
    assert passed >= MIN_TESTS, output
    assert not re.search(r"^# (fail|cancelled) [1-9]", output, re.M), output


def test_the_component_page_loads_the_scripts_in_their_order():
    """index.html (the app), the export and the static site load the same scripts in the same order."""
    html = (mapview.STATIC / "map" / "index.html").read_text(encoding="utf-8")
    loaded = re.findall(r'<script src="map/([^"]+)"></script>', html)
    assert loaded == [*mapview.MAP_SCRIPTS, "bridge.js"]
    assert all((mapview.STATIC / "map" / name).is_file() for name in mapview.MAP_FILES)


def test_no_map_module_is_longer_than_400_lines():
    for path in (mapview.STATIC / "map").glob("*.js"):
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 400, f"{path.name}: {lines} lines"
