"""CSV exports cannot run formulas in a spreadsheet: a cell starting with
= + - @, tab or carriage return is written with a leading apostrophe, in the
partnerships, conferences and problems files alike; numbers stay numbers."""
import csv
import io

import pytest

from conftest import GOOD_CONFERENCE, GOOD_ROW
from geo import export
from geo.problems import Problem
from geo.resolve import build_atlas

EVIL = '=HYPERLINK("http://x","click")'


def read(text):
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def atlas_with_formulas(data_dir, geocoder):
    row = {**GOOD_ROW, "status_note_de": EVIL, "status_note_ru": "+7 495", "status_note_en": "@SUM(A1)",
           "note_de": "-2+3", "note_ru": "=1+1", "note_en": "-", "text_lang": "en"}
    conference = {**GOOD_CONFERENCE, "co_hosts": EVIL}
    return build_atlas(data_dir([row], [conference]), geocoder)


def test_partnership_cells_are_neutralised(atlas_with_formulas):
    row = read(export.partnerships_csv(atlas_with_formulas.partnerships))[0]
    assert row["status_note_de"] == "'" + EVIL
    assert row["status_note_ru"] == "'+7 495" and row["status_note_en"] == "'@SUM(A1)"
    assert row["note_de"] == "'-2+3" and row["note_ru"] == "'=1+1" and row["note_en"] == "'-"
    assert row["de_name"] == "Suhl", "ordinary text is unchanged"


def test_negative_numbers_stay_numbers(atlas_with_formulas):
    frame = atlas_with_formulas.partnerships.copy()
    frame["ru_lon"] = -12.5
    row = read(export.partnerships_csv(frame))[0]
    assert row["ru_lon"] == "-12.5" and row["since"] == "1969"


def test_conference_cells_are_neutralised(atlas_with_formulas):
    row = read(export.conferences_csv(atlas_with_formulas.conferences))[0]
    assert row["co_hosts"] == "'" + EVIL and row["host"] == "Kaluga"


def test_problem_cells_are_neutralised(data_dir, geocoder):
    atlas = build_atlas(data_dir([{**GOOD_ROW, "since": EVIL}]), geocoder)
    rows = read(export.problems_csv(atlas.problems))
    since = next(r for r in rows if r["column"] == "since")
    assert since["value"] == "'" + EVIL and since["line"] == "2"
    direct = read(export.problems_csv([Problem("x.csv", 3, "name", "-Kaluga", "@reason"),
                                       Problem("x.csv", 4, "\tname", "\r=1", "ok")]))
    assert direct[0]["value"] == "'-Kaluga" and direct[0]["reason"] == "'@reason"
    assert direct[1]["column"] == "'\tname" and direct[1]["value"] == "'\r=1" and direct[1]["line"] == "4"


def test_the_cli_export_writes_neutralised_files(atlas_with_formulas, tmp_path):
    paths = export.export(atlas_with_formulas, tmp_path / "out")
    text = (tmp_path / "out" / "partnerships.csv").read_text(encoding="utf-8")
    assert [p.name for p in paths] == list(export.FILES)
    assert "'=HYPERLINK" in text and ',=HYPERLINK' not in text
    with pytest.raises(FileExistsError, match="already holds partnerships.csv"):
        export.export(atlas_with_formulas, tmp_path / "out")
