"""The one CSV reader (geo.csvio): whatever a spreadsheet or a clumsy edit
produces, every record of the file comes back, clean or with its problems.

The invariant checked throughout: rows in the file = rows returned."""
import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import GOOD_ROW
from geo.csvio import MAX_CELL_CHARS, csv_line, read_table, safe_cell, table_from_rows
from geo.datasets import PARTNERSHIP_COLUMNS, read_partnerships

HEADER = ["id", "name", "note"]
NAMES = ["Düren", "Köln", "Großräschen", "Mühlhausen", "Jena"]


def csv_text(rows, header=HEADER, delimiter=",", lineterminator="\r\n"):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def town_rows(n=5):
    return [[f"town-{i}", NAMES[i % len(NAMES)], f"note {i}"] for i in range(n)]


def test_german_excel_file_cp1252_and_semicolons_keeps_every_row():
    data = csv_text(town_rows(), delimiter=";").encode("cp1252")
    table = read_table(data, "towns.csv")
    assert len(table.records) == 5
    assert table.encoding == "cp1252" and table.delimiter == ";"
    assert any("Windows-1252" in note for note in table.notes)
    assert "delimiter: semicolon" in table.notes
    assert [r.get("name") for r in table.records] == [NAMES[i] for i in range(5)]
    assert table.problems == []


def test_utf8_with_bom_header_is_recognised():
    data = b"\xef\xbb\xbf" + csv_text(town_rows(3)).encode("utf-8")
    table = read_table(data, "towns.csv")
    assert table.header == HEADER and table.encoding == "utf-8-sig"
    assert [r.get("id") for r in table.records] == ["town-0", "town-1", "town-2"]
    assert table.problems == []


def test_tab_delimited_utf16_from_excel_unicode_text():
    data = csv_text(town_rows(3), delimiter="\t").encode("utf-16")
    table = read_table(data, "towns.txt")
    assert table.delimiter == "\t" and table.encoding == "utf-16"
    assert len(table.records) == 3 and table.records[2].get("name") == "Großräschen"


def test_bytes_undefined_in_cp1252_fall_back_to_latin1():
    data = "id,name\n1,Düren\n".encode("latin-1") + b"2,x\x81y\n"
    table = read_table(data, "towns.csv")
    assert table.encoding == "latin-1" and len(table.records) == 2
    assert table.records[0].get("name") == "Düren"


def test_cell_longer_than_the_csv_module_limit_is_reported_and_the_rest_is_read():
    rows = town_rows(10)
    rows[3][2] = "x" * 131_073
    table = read_table(csv_text(rows).encode(), "towns.csv")
    assert len(table.records) == 10
    assert [r.get("id") for r in table.records] == [f"town-{i}" for i in range(10)]
    long = [p for p in table.problems if p.line == 5]
    assert len(long) == 1 and long[0].column == "note" and "131,073 characters" in long[0].reason
    assert len(long[0].value) < 200, "the problem shows a preview, not the whole cell"
    assert table.records[3].get("note") == "" and table.records[4].get("note") == "note 4"


def test_cell_at_the_limit_is_kept():
    rows = town_rows(2)
    rows[0][2] = "y" * MAX_CELL_CHARS
    table = read_table(csv_text(rows).encode(), "towns.csv")
    assert table.problems == [] and table.records[0].get("note") == "y" * MAX_CELL_CHARS


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x1c", "\n", "\r\n"],
                         ids=["U+2028", "U+2029", "U+0085", "x1c", "LF", "CRLF"])
def test_separator_inside_a_quoted_cell_does_not_cut_the_record(separator):
    rows = town_rows(6)
    rows[2][2] = f"first{separator}second"
    table = read_table(csv_text(rows).encode(), "towns.csv")
    assert len(table.records) == 6
    assert table.records[2].get("note") == f"first{separator}second"
    assert table.records[3].get("id") == "town-3"
    assert table.problems == []


def test_two_leading_blank_lines_are_skipped_and_lines_still_count():
    table = read_table(b"\r\n\r\n" + csv_text(town_rows(3)).encode(), "towns.csv")
    assert table.header == HEADER and table.header_line == 3
    assert [r.line for r in table.records] == [4, 5, 6]
    assert "skipped 2 blank lines before the header" in table.notes


def test_header_only_is_no_rows_and_no_error():
    table = read_table(b"id,name,note\n", "towns.csv")
    assert table.header == HEADER and table.records == [] and table.problems == []
    assert "the file has a header but no rows" in table.notes


def test_empty_file_is_one_problem():
    table = read_table(b"", "towns.csv")
    assert table.records == []
    assert [p.reason for p in table.problems] == ["file is empty: no header"]


def test_missing_file_is_a_problem_not_an_exception(tmp_path):
    table = read_table(tmp_path / "nope.csv")
    assert table.records == [] and table.problems[0].reason == "file not found"


def test_duplicate_header_column_is_flagged_and_its_cells_kept():
    table = read_table(b"id,name,id\na,Jena,b\nc,Gera,d\n", "towns.csv")
    assert len(table.records) == 2
    assert table.header == ["id", "name", "id#3"]
    assert table.records[0].get("id") == "a" and table.records[0].get("id#3") == "b"
    problem = table.problems[0]
    assert problem.line == 1 and problem.column == "id"
    assert "duplicate column name: columns 1 and 3 are both called 'id'" in problem.reason


def test_nul_bytes_are_flagged_and_removed():
    table = read_table(b"id,name\na,Je\x00na\nb,Gera\n", "towns.csv")
    assert len(table.records) == 2 and table.records[0].get("name") == "Jena"
    problem = table.problems[0]
    assert (problem.line, problem.column, problem.value) == (2, "name", "Je\u27e8U+0000\u27e9na")
    assert "NUL" in problem.reason


def test_bidi_control_character_is_an_error_with_the_character_named():
    table = read_table("id,name\na,Ka\u202eagul\nb,Gera\n".encode(), "towns.csv")
    assert len(table.records) == 2
    problem = table.records[0].problems[0]
    assert problem.severity == "error" and problem.value == "Ka\u27e8U+202E\u27e9agul"
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in problem.reason
    assert table.records[1].clean


def test_zero_width_character_is_flagged():
    table = read_table("id,name\na,Ka\u200bluga\n".encode(), "towns.csv")
    problem = table.records[0].problems[0]
    assert problem.column == "name" and "U+200B ZERO WIDTH SPACE" in problem.reason


def test_row_with_too_many_fields_keeps_the_extra_cells():
    table = read_table(b"id,name\na,Jena,Thueringen\nb\n", "towns.csv")
    assert len(table.records) == 2
    assert table.records[0].extra == ("Thueringen",)
    assert "row has 3 fields, the header has 2" in table.records[0].problems[0].reason
    assert "row has 1 field, the header has 2" in table.records[1].problems[0].reason
    assert table.records[1].get("name") == ""


def test_trailing_empty_columns_of_a_spreadsheet_are_not_errors():
    table = read_table(b"id;name;;\na;Jena;;\nb;Gera;;\n", "towns.csv")
    assert table.header == ["id", "name"] and len(table.records) == 2 and table.problems == []


def test_unclosed_quote_is_reported_at_the_row_where_it_opens():
    table = read_table(b'id,name\na,Jena\nb,"Gera\nc,Suhl\n', "towns.csv")
    assert len(table.records) == 2
    problem = table.records[1].problems[0]
    assert problem.line == 3 and "closing double quote is probably missing" in problem.reason


def test_excel_sheet_rows_get_the_same_checks():
    table = table_from_rows([["id", "name", "since"], [None, None, None], ["a", "Jena", 1990.0], ["b", "Ka\u200bluga", None]],
                            "towns.xlsx")
    assert [r.get("since") for r in table.records] == ["1990", ""]
    assert [r.line for r in table.records] == [3, 4]
    assert table.records[1].problems[0].line == 4


# --- the partnership reader on top of it -------------------------------------------------------


def partnership_csv(rows, delimiter=","):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=PARTNERSHIP_COLUMNS, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def many(n=4):
    return [{**GOOD_ROW, "id": f"suhl-kaluga-{i}", "de_name": NAMES[i % len(NAMES)]} for i in range(n)]


def test_partnerships_from_german_excel_keep_every_row_and_warn_about_the_format():
    data = partnership_csv(many(), delimiter=";").encode("cp1252", errors="replace")
    frame, problems = read_partnerships(data)
    assert list(frame["id"]) == [f"suhl-kaluga-{i}" for i in range(4)]
    assert frame["de_name"].iloc[0] == "Düren"
    warnings = {p.reason for p in problems if p.severity == "warning"}
    assert any("not UTF-8" in w for w in warnings) and any("semicolons" in w for w in warnings)


def test_partnerships_with_bom_have_their_ids():
    frame, problems = read_partnerships(b"\xef\xbb\xbf" + partnership_csv(many()).encode())
    assert list(frame["id"]) == [f"suhl-kaluga-{i}" for i in range(4)]
    assert [p for p in problems if p.severity == "error"] == []


def test_a_missing_id_never_collides_with_a_real_one():
    rows = [{**GOOD_ROW, "id": "line-3"}, {**GOOD_ROW, "id": ""}, {**GOOD_ROW, "id": "#line-3"}]
    frame, problems = read_partnerships(partnership_csv(rows).encode())
    assert len(frame) == 3 and frame["id"].is_unique
    assert frame["id"].iloc[1] == "#line-3"
    assert any(p.line == 3 and p.column == "id" and "missing" in p.reason for p in problems)
    assert any(p.line == 4 and p.column == "id" and "slug" in p.reason for p in problems)


def test_reader_problems_carry_the_row_id():
    rows = many(2)
    rows[1]["de_name"] = "Je\u200bna"
    frame, problems = read_partnerships(partnership_csv(rows).encode())
    problem = next(p for p in problems if "ZERO WIDTH" in p.reason)
    assert problem.row_id == "suhl-kaluga-1" and problem.line == 3


# --- fuzz ------------------------------------------------------------------------------------

SPECIALS = [",", ";", "\t", '"', "'", "\n", "\r", "\u2028", "\u2029", "\u0085", "\x1c", " ", "=", "-"]
# Text a real spreadsheet can write: any character but surrogates, NUL and the
# invisible characters the reader deliberately reports and changes.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\u200b\u200c\u200d\u2060\ufeff\u180e"
                                                                                   "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                                                                   "\u2066\u2067\u2068\u2069") | st.sampled_from(SPECIALS),
                   max_size=12)
# cp1252 text whose bytes can never be valid UTF-8 (only lead bytes above 0x7F),
# so what was written in cp1252 is read as cp1252.
CP1252_TEXT = st.text(st.sampled_from(list("abcXYZ019 äöüÄÖÜßéÀÿ,;\t\"'\n\r\x1c=-")), max_size=12)


@st.composite
def csv_files(draw):
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    cell = CP1252_TEXT if encoding == "cp1252" else ANY_TEXT
    rows = draw(st.lists(st.lists(cell, min_size=3, max_size=3), max_size=8))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    lineterminator, quoting = draw(st.sampled_from([("\r\n", csv.QUOTE_MINIMAL), ("\r\n", csv.QUOTE_ALL), ("\n", csv.QUOTE_ALL)]))
    blank = draw(st.integers(0, 2))
    out = io.StringIO()
    out.write(lineterminator * blank)
    writer = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator, quoting=quoting)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode(encoding), rows


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(csv_files())
def test_fuzz_every_written_row_comes_back(file):
    data, rows = file
    table = read_table(data, "fuzz.csv")
    expected = [[c.strip() for c in row] for row in rows if any(c.strip() for c in row)]
    assert [[r.get(h) for h in HEADER] for r in table.records] == expected
    assert table.header == HEADER
    assert [p for p in table.problems if p.severity == "error"] == []


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.binary(max_size=600) | st.lists(st.sampled_from([b"id,name\n", b'"', b",", b";", b"\t", b"\r", b"\n", b"\x00",
                                                            b"\xef\xbb\xbf", b"\xff\xfe", "ä".encode("cp1252"),
                                                            "\u2028".encode(), b"\x1c", b"a", b"-"]), max_size=40).map(b"".join))
def test_fuzz_random_bytes_never_raise_and_every_record_is_complete(data):
    table = read_table(data, "fuzz.csv")
    lines = data.count(b"\n") + data.count(b"\r") + 1
    starts = [r.line for r in table.records]
    assert starts == sorted(set(starts)) and all(1 <= line <= lines for line in starts)
    assert all(set(r.cells) == set(table.header) for r in table.records)
    frame, problems = read_partnerships(data, "fuzz.csv")
    assert len(frame) == len(table.records), "read_partnerships keeps every record"
    assert frame["id"].is_unique
    assert all(p.file == "fuzz.csv" for p in problems)


def test_safe_cell_rule():
    assert safe_cell('=HYPERLINK("http://x","click")') == '\'=HYPERLINK("http://x","click")'
    assert [safe_cell(v) for v in ("+1+A1", "-A1", "@A1", "\tx", "\rx", "-")] == ["'+1+A1", "'-A1", "'@A1", "'\tx", "'\rx", "'-"]
    assert safe_cell(-12.5) == -12.5 and safe_cell("Jena") == "Jena" and safe_cell("") == ""
    # a plain number is read as that number, never run: it stays as it is, text or not
    assert [safe_cell(v) for v in ("-12.5", "+49", "51.2,-12.5")] == ["-12.5", "+49", "51.2,-12.5"]
    # every piece a spreadsheet may split off (at , ; tab or a line break) is neutralised, after spaces and quotes too
    assert safe_cell("Jena;=6+6;x") == "Jena;'=6+6;x"
    assert safe_cell('a, "@SUM(A1)"\n-1+1') == 'a,\' "@SUM(A1)"\n\'-1+1'


def test_csv_line_quotes_every_cell_a_spreadsheet_could_split():
    assert csv_line(["Jena;=6+6;x", "a\tb", 'say "hi"', "plain", -12.5, 3, None]) == (
        '"Jena;\'=6+6;x","a\tb","say ""hi""",plain,-12.5,3,\r\n')


def test_an_excel_sheet_goes_through_the_partnership_checks():
    header = list(PARTNERSHIP_COLUMNS)
    row = [{**GOOD_ROW, "ru_lat": "54,53", "ru_lon": "36,27", "position_note": "test"}.get(c, "") for c in header]
    table = table_from_rows([header, row, [None] * len(header), [*row[:1], "", *row[2:]]], "liste.xlsx")
    frame, problems = read_partnerships(table)
    assert len(frame) == 2 and frame["ru_lat"].iloc[0] == 54.53, "a decimal comma is read as a decimal point"
    assert [(p.file, p.line, p.column) for p in problems if p.severity == "error"] == [("liste.xlsx", 4, "id"), ("liste.xlsx", 4, "de_name")]


def test_broken_bytes_in_a_utf8_file_with_bom_are_reported_on_their_line():
    data = b"\xef\xbb\xbf" + partnership_csv(many(2)).encode().replace(b"Jena", b"J\xffna").replace(b"K\xc3\xb6ln", b"K\xf6ln")
    frame, problems = read_partnerships(data)
    assert len(frame) == 2
    broken = [p for p in problems if "not UTF-8" in p.reason]
    assert len(broken) == 1 and broken[0].line == 3 and frame["de_name"].iloc[1] == "K\ufffdln"
