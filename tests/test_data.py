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
