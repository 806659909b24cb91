"""CSV exports cannot run formulas in a spreadsheet, however it splits the
lines: a cell starting with = + - @, tab or carriage return, and every piece
of a cell after a , ; tab or line break that starts so, is written with a
leading apostrophe, and a cell holding any of them is quoted, in the
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
    # a line break may also start a cell (a spreadsheet that splits lines naively): "=1" after it is neutralised too
    assert direct[1]["column"] == "'\tname" and direct[1]["value"] == "'\r'=1" and direct[1]["line"] == "4"
    assert list(rows[0]) == ["file", "line", "column", "value", "reason", "severity", "row_id", "code"]
    assert since["code"] == "value.not_a_year"


# What a spreadsheet makes of a cell that holds its delimiter: each piece after it a cell of its own.
SPLIT_PAYLOADS = ["Jena;=6+6;x", "a;@SUM(A1)", "b;+1+A1", "c;-2+3", "d,=1+1", "e\t=1+1", "f; =1+1", 'g;"=1+1"',
                  "h;\t=1", "i,@x", "j\r\n=1", "k;-", '=HYPERLINK("http://x";"y")']
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def fields_however_split(text):
    """Every field of every line of ``text`` split as a spreadsheet would, on , ; and tab (quotes honoured)."""
    for delimiter in (",", ";", "\t"):
        for line in text.splitlines():
            for row in csv.reader([line], delimiter=delimiter):
                yield delimiter, row


def test_no_split_of_an_export_starts_a_formula(data_dir, geocoder):
    texts = dict(zip(["status_note_de", "status_note_ru", "status_note_en", "note_de", "note_ru", "note_en"],
                     SPLIT_PAYLOADS))
    row = {**GOOD_ROW, **texts, "text_lang": "en", "since": SPLIT_PAYLOADS[6]}
    conference = {**GOOD_CONFERENCE, "co_hosts": SPLIT_PAYLOADS[7], "motto_de": SPLIT_PAYLOADS[8],
                  "motto_ru": SPLIT_PAYLOADS[9], "motto_en": SPLIT_PAYLOADS[10], "motto_lang": "de"}
    atlas = build_atlas(data_dir([row], [conference]), geocoder)
    extra = [Problem("x.csv", 2, p, p, p) for p in SPLIT_PAYLOADS]
    files = {"partnerships.csv": export.partnerships_csv(atlas.partnerships),
             "conferences.csv": export.conferences_csv(atlas.conferences),
             "problems.csv": export.problems_csv(atlas.problems + extra)}
    for name, text in files.items():
        for payload in SPLIT_PAYLOADS[:6] if name == "partnerships.csv" else SPLIT_PAYLOADS[7:8] if name == "conferences.csv" else SPLIT_PAYLOADS:
            assert payload.split("=")[0].split("@")[0][:1] in text, (name, payload)  # the payload is in the file
        for delimiter, fields in fields_however_split(text):
            # what a spreadsheet may see once it trims blanks and quotes: no formula start, unless a plain number
            seen = [f.lstrip(' "\t\r\n') for f in fields]
            bad = [f for f in seen if f.startswith(FORMULA_START) and not f.rstrip(' "').lstrip("+-").replace(".", "", 1).isdigit()]
            assert not bad, (name, repr(delimiter), bad)
        # read back as CSV (the export's own delimiter), each cell is whole again: a cell with ; or tab stays one cell
        rows = read(text)
        assert all(None not in r for r in rows), name
    notes = read(files["partnerships.csv"])[0]
    assert notes["status_note_de"] == "Jena;'=6+6;x" and notes["note_de"] == "c;'-2+3"


def test_real_numbers_stay_numbers_however_split():
    from geo.csvio import csv_line

    line = csv_line(["51.2,-12.5", -12.5, "+49 30 1234", "-3"])
    assert line == '"51.2,-12.5",-12.5,\'+49 30 1234,-3\r\n'


def test_the_cli_export_writes_neutralised_files(atlas_with_formulas, tmp_path):
    paths = export.export(atlas_with_formulas, tmp_path / "out")
    text = (tmp_path / "out" / "partnerships.csv").read_text(encoding="utf-8")
    assert [p.name for p in paths] == list(export.FILES)
    assert "'=HYPERLINK" in text and ',=HYPERLINK' not in text
    with pytest.raises(FileExistsError, match="already holds partnerships.csv"):
        export.export(atlas_with_formulas, tmp_path / "out")
