"""The shipped datasets themselves."""
import subprocess
import sys

from conftest import ROOT
from geo.regions import load_regions


def test_validate_passes_on_the_shipped_data():
    result = subprocess.run([sys.executable, "-m", "geo", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_validate_fails_and_names_the_cell(data_dir):
    from conftest import GOOD_ROW

    folder = data_dir([GOOD_ROW, {**GOOD_ROW, "id": "x", "ru_region": "RU-XX"}])
    result = subprocess.run([sys.executable, "-m", "geo", "validate", str(folder)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "partnerships.csv:3: error: column 'ru_region', value 'RU-XX'" in result.stdout


def test_every_partnership_has_a_source_and_is_placed(atlas):
    p = atlas.partnerships
    assert len(p) >= 100
    assert (p["source"].str.startswith("http")).all()
    assert atlas.unplaced().empty, atlas.unplaced()["id"].tolist()
    single = p[p["single"]]
    assert (single["status"] == "proposed").all() and single["ru_name"].eq("").all()


def test_conferences_from_1987_to_2021(atlas):
    c = atlas.conferences.set_index("number")
    assert c.loc[1, "year"] == 1987 and c.loc[1, "host"] == "Saarbrücken"
    assert c.loc[16, "host"] == "Kaluga" and c.loc[16, "start_date"] == "2021-06-28" and c.loc[16, "end_date"] == "2021-06-30"
    assert {2005, 2007, 2009, 2011, 2013, 2015, 2017, 2019, 2021} <= set(c["year"])
    assert c.loc[c["host"] != "", "lat"].notna().all()  # a conference without a known host (VI) is listed, not drawn


def test_regions_table_matches_pycountry():
    import pycountry

    table = load_regions()
    for country in ("DE", "RU"):
        codes = {s.code for s in pycountry.subdivisions.get(country_code=country)}
        assert codes == {c for c in table if c.startswith(country)}
        admin1 = [r.admin1 for r in table.values() if r.country == country]
        assert len(admin1) == len(set(admin1)), "one GeoNames admin1 code per region"


def test_every_region_capital_lies_in_its_region(geocoder):
    for code, region in load_regions().items():
        match = geocoder.resolve(region.capital, code[:2], code)
        assert match.placed and match.matched_region == code, (code, region.capital, match.note)


def test_every_row_speaks_three_languages_and_both_scripts():
    """The shipped data: every free text in German, Russian and English, every
    place in Cyrillic and in Latin script (the Russian view never falls back to
    Latin, the German and English views never to Cyrillic)."""
    import csv
    import re

    from geo.regions import DATA_DIR

    cyrillic, latin = re.compile(r"[А-Яа-яЁё]"), re.compile(r"[A-Za-zÄÖÜäöüß]")
    with (DATA_DIR / "partnerships.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = []
    for row in rows:
        for base in ("status_note", "note"):
            texts = [row[f"{base}_{lang}"] for lang in ("de", "ru", "en")]
            if any(texts) and not all(texts):
                missing.append((row["id"], base))
        if not cyrillic.search(row["de_name_ru"]) or latin.search(row["de_name_ru"]):
            missing.append((row["id"], "de_name_ru", row["de_name_ru"]))
        if row["ru_name"] and (not cyrillic.search(row["ru_name_ru"]) or not latin.search(row["ru_name_en"])):
            missing.append((row["id"], "ru_name_ru/ru_name_en"))
    with (DATA_DIR / "conferences.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            mottos = [row[f"motto_{lang}"] for lang in ("de", "ru", "en")]
            if any(mottos) and not all(mottos):
                missing.append((row["number"], "motto"))
            if row["host"] and (not cyrillic.search(row["host_ru"]) or not row["host_en"]):
                missing.append((row["number"], "host_ru/host_en"))
    assert not missing, missing


def test_disputed_entries_are_checked_and_name_the_cell(data_dir):
    """`disputed` holds field=value URL entries for since, kind or status; a
    broken entry is an error naming file, line, column and value."""
    from conftest import GOOD_ROW

    from geo.datasets import parse_disputed, read_partnerships

    good = {**GOOD_ROW, "id": "a", "disputed": "since=1991 https://example.org/a; kind=friendship https://example.org/b"}
    rows = [good,
            {**GOOD_ROW, "id": "b", "disputed": "founded=1991 https://example.org/a"},
            {**GOOD_ROW, "id": "c", "disputed": "since=91 https://example.org/a"},
            {**GOOD_ROW, "id": "d", "disputed": "kind=twinning https://example.org/a"},
            {**GOOD_ROW, "id": "e", "disputed": "status=frozen https://example.org/a"},
            {**GOOD_ROW, "id": "f", "disputed": "since=1991 example.org/a"},
            {**GOOD_ROW, "id": "g", "disputed": "since=1969 https://example.org/a"}]
    frame, problems = read_partnerships(data_dir(rows) / "partnerships.csv")
    found = {(p.line, p.value, p.severity): p.reason for p in problems if p.column == "disputed"}
    assert ("partnerships.csv", "disputed") == (problems[0].file, problems[0].column)
    assert set(found) == {(3, "founded=1991 https://example.org/a", "error"), (4, "since=91 https://example.org/a", "error"),
                          (5, "kind=twinning https://example.org/a", "error"), (6, "status=frozen https://example.org/a", "error"),
                          (7, "since=1991 example.org/a", "error"), (8, "since=1969 https://example.org/a", "warning")}
    assert "unknown field 'founded'" in found[(3, "founded=1991 https://example.org/a", "error")]
    assert "needs the URL" in found[(7, "since=1991 example.org/a", "error")]
    assert frame.set_index("id").loc["a", "disputed"] == good["disputed"]
    assert frame.set_index("id").loc["b", "disputed"] == ""  # the broken entry is left out, the row kept
    assert parse_disputed(good["disputed"]) == [("since", "1991", ["https://example.org/a"]),
                                                ("kind", "friendship", ["https://example.org/b"])]


def test_the_shipped_disputed_facts(atlas):
    """Bonn–Kaliningrad and Hanau–Jaroslawl show the other founding year, with its source."""
    from geo.datasets import parse_disputed

    p = atlas.partnerships.set_index("id")
    bonn = dict((f, v) for f, v, _ in parse_disputed(p.loc["bonn-kaliningrad", "disputed"]))
    assert p.loc["bonn-kaliningrad", "since"] == 2017 and bonn["since"] == "1991"
    assert p.loc["hanau-jaroslawl", "since"] == 2002 and parse_disputed(p.loc["hanau-jaroslawl", "disputed"])[0][:2] == ("since", "1994")
    for rid, text in p["disputed"].items():
        for field, value, urls in parse_disputed(text):
            assert value != str(p.loc[rid, field]) and urls, (rid, field, value)
            assert value in p.loc[rid, "note_en"] or field != "since", (rid, "the note names the other year")


def test_an_online_conference_needs_no_number_and_no_host(data_dir):
    from conftest import GOOD_CONFERENCE

    from geo.datasets import read_conferences

    online = {"year": "2023", "start_date": "2023-09-18", "format": "online", "source": "https://example.org/online"}
    in_person = {"year": "2024", "source": "https://example.org/x"}
    frame, problems = read_conferences(data_dir(conferences=[GOOD_CONFERENCE, online, in_person,
                                                             {**GOOD_CONFERENCE, "number": "17", "format": "hybrid"}])
                                       / "conferences.csv")
    assert [(p.line, p.column) for p in problems if p.severity == "error"] == [(4, "number"), (5, "format")]
    assert "only an online conference" in next(p.reason for p in problems if p.column == "number")
    assert frame["format"].tolist() == ["in_person", "online", "in_person", "in_person"]


def test_online_conferences_are_listed_not_drawn(atlas):
    import json

    from dashboard.mapdata import dataset

    c = atlas.conferences
    online = c[c["format"] == "online"]
    assert {"2020-11-30", "2023-09-18", "2024-03-26"} <= set(online["start_date"])
    assert online["number"].isna().all() and online["lat"].isna().all()
    assert c.loc[c["number"] == 13, "start_date"].item() == "2015-06-28"
    drawn = json.loads(dataset(atlas).pairs)["conferences"]
    assert len(drawn) == c["lat"].notna().sum() and all(d["number"] for d in drawn)


def test_russian_names_of_german_places_come_from_russian_pages():
    """At most 30 Russian names of German places rest on our own transcription (#18);
    every other one names a Russian-language page that uses it, and data/README.md says the count."""
    import csv
    import re

    with (ROOT / "data" / "partnerships.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sources = [row["de_name_ru_source"].strip() for row in rows]
    transcribed = sum(1 for source in sources if source == "transcription")
    assert transcribed <= 30
    assert all(source == "transcription" or source.startswith(("http://", "https://")) for source in sources)
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\b{transcribed}\b[^.\n]*transcription|transcription[^.\n]*\b{transcribed}\b", readme), \
        "data/README.md states the current count of transcribed names"
