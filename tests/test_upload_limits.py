"""Hostile uploads within the size limit (#15): each is refused or read in a
child process that may use only 500 MB more than it had, within 60 s, with a
clear message in the view's language. Before the limits, the wide CSV grew
the server to 9.2 GB, the padded dimension to 5.4 GB, the wide header row
past 6 GB, the huge shared string to 2.3 GB.

Run with ``-s`` to see each file's time and peak memory."""
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from dashboard import upload
from dashboard.i18n import Translator

EXTRA_MEMORY = 500 * 1024 * 1024
TIMEOUT = 60
ENGLISH = (" the ", " is ", " has ", " are ", "column", "value", "rows", "file", " not ", "split")

# The child: warm the geocoder as a running server has it, cap the address
# space at what it uses now plus EXTRA_MEMORY, read the file, report.
CHILD = r"""
import json, resource, sys, time
from dashboard import upload
from dashboard.i18n import Translator
from geo.geocoder import default_geocoder

path, extra = sys.argv[1], int(sys.argv[2])
default_geocoder().resolve("Suhl", "DE", "DE-TH")
data = open(path, "rb").read()

def status(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024

try:  # start the peak (VmHWM) afresh, so it measures the read alone
    open("/proc/self/clear_refs", "w").write("5")
except OSError:
    pass
before = status("VmRSS")
limit = status("VmSize") + extra
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
cpu = resource.getrusage(resource.RUSAGE_SELF)
started = time.perf_counter()
result = upload.read(data, path.rsplit("/", 1)[-1])
elapsed = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF)
out = {"seconds": elapsed, "cpu": after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime,
       "peak_mb": (status("VmHWM") - before) / 2**20, "rows": result.rows, "shown": result.shown,
       "error": result.error, "messages": {}, "notes": {}}
for lang in ("de", "ru", "en"):
    t = Translator(lang)
    if result.error:
        key, values = result.error
        out["messages"][lang] = t(key, name=result.name, **values)
    out["notes"][lang] = [t.problem(n) for n in result.notes]
print(json.dumps(out, ensure_ascii=False))
"""


def read_in_child(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(path), str(EXTRA_MEMORY)], cwd=ROOT, capture_output=True,
                          text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"\n{path.name} ({path.stat().st_size / 1024:,.0f} kB): {report['seconds']:.1f} s, {report['cpu']:.1f} s CPU, "
          f"peak +{report['peak_mb']:.0f} MB; error={report['error']}; rows={report['rows']}")
    return report


def assert_in_the_views_language(report: dict, name: str) -> None:
    """The message (or the notes) in German and Russian: not the English text, no English words (the file's name aside)."""
    texts = report["messages"] or {lang: "; ".join(notes) for lang, notes in report["notes"].items()}
    for lang in ("de", "ru"):
        assert texts[lang] and texts[lang] != texts["en"], texts
        words = f" {texts[lang].replace(name, '').lower()} "
        assert not [w for w in ENGLISH if w in words], (lang, texts[lang])


def workbook(rows: list[list]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def patched(xlsx: bytes, path: Path, parts: dict) -> Path:
    """``xlsx`` with some parts replaced or added; a part is bytes or an
    iterable of byte chunks (streamed, never whole in memory)."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        for name in names + [n for n in parts if n not in names]:
            content = parts.get(name)
            if content is None:
                target.writestr(source.getinfo(name), source.read(name))
                continue
            part = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
            part.compress_type = zipfile.ZIP_DEFLATED
            with target.open(part, "w", force_zip64=True) as out:
                for chunk in ([content] if isinstance(content, bytes) else content):
                    out.write(chunk)
    return path


def with_shared_strings(xlsx: bytes) -> dict:
    """The content types and workbook relations of ``xlsx``, declaring xl/sharedStrings.xml as openpyxl looks for it."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
        types = book.read("[Content_Types].xml")
        rels = book.read("xl/_rels/workbook.xml.rels")
    return {
        "[Content_Types].xml": types.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType='
                                             b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" />'
                                             b"</Types>"),
        "xl/_rels/workbook.xml.rels": rels.replace(b"</Relationships>", b'<Relationship Type="http://schemas.openxmlformats'
                                                   b'.org/officeDocument/2006/relationships/sharedStrings" '
                                                   b'Target="sharedStrings.xml" Id="rId9" /></Relationships>'),
    }


SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


# -- the four measured attacks ------------------------------------------------------
def test_a_million_columns_csv_is_refused_with_one_message(tmp_path):
    path = tmp_path / "wide.csv"
    header = b"de_name,ru_name" + b",c" * 999_998
    path.write_bytes(header + b"\n" + b"Suhl,Kaluga\n" * 1_000)
    assert 1.9e6 < path.stat().st_size <= upload.MAX_BYTES
    report = read_in_child(path)
    assert report["error"] == ["upload.too_many_columns", {"columns": 1_000_000, "limit": upload.MAX_COLUMNS}]
    assert "1.000.000" in report["messages"]["de"] and "1\u00a0000\u00a0000" in report["messages"]["ru"]
    assert_in_the_views_language(report, path.name)


def test_a_padded_dimension_is_ignored(tmp_path):
    """A sheet that claims A1:XFD20001 but holds two columns is read as two columns."""
    pairs = [["Suhl", "Kaluga"], ["Jena", "Twer"], ["Düren", "Pskow"], ["Kassel", "Jaroslawl"]]
    xlsx = workbook([["de_name", "ru_name"]] + [pairs[i % len(pairs)] for i in range(upload.MAX_ROWS)])
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml")
    assert b'<dimension ref="A1:B20001" />' in sheet
    path = patched(xlsx, tmp_path / "dimension.xlsx",
                   {"xl/worksheets/sheet1.xml": sheet.replace(b'<dimension ref="A1:B20001" />', b'<dimension ref="A1:XFD20001"/>')})
    assert path.stat().st_size <= upload.MAX_BYTES
    report = read_in_child(path)
    assert report["error"] is None and report["rows"] == upload.MAX_ROWS
    assert report["shown"] == upload.MAX_ROWS, "every row is placed"
    assert_in_the_views_language(report, path.name)  # the notes: "Excel workbook: sheet ..."


def test_a_ten_million_cell_header_row_is_refused(tmp_path):
    cells = 10_000_000
    chunk = b'<c t="s"><v>0</v></c>' * 100_000

    def sheet():
        yield SHEET_HEAD + b'<sheetData><row r="1">'
        for _ in range(cells // 100_000):
            yield chunk
        yield b"</row></sheetData></worksheet>"

    path = patched(workbook([["de_name", "ru_name"]]), tmp_path / "wide-row.xlsx", {"xl/worksheets/sheet1.xml": sheet()})
    assert path.stat().st_size <= upload.MAX_BYTES
    report = read_in_child(path)
    assert report["error"][0] in ("upload.xlsx_part_too_big", "upload.xlsx_packed_too_tight")
    assert "sheet1.xml" in report["messages"]["de"]
    assert_in_the_views_language(report, path.name)


def test_a_gigabyte_shared_string_is_refused(tmp_path):
    chunk = b"a" * 2**20

    def strings():
        yield (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>')
        for _ in range(1024):
            yield chunk
        yield b"</t></si></sst>"

    xlsx = workbook([["de_name", "ru_name"], ["Suhl", "Kaluga"]])
    path = patched(xlsx, tmp_path / "big-string.xlsx", {**with_shared_strings(xlsx), "xl/sharedStrings.xml": strings()})
    assert path.stat().st_size <= upload.MAX_BYTES
    report = read_in_child(path)
    assert report["error"][0] in ("upload.xlsx_part_too_big", "upload.xlsx_packed_too_tight")
    assert "sharedStrings.xml" in report["messages"]["ru"]
    assert_in_the_views_language(report, path.name)


# -- variations on them ---------------------------------------------------------------
def test_the_largest_workbook_the_limits_let_through(tmp_path):
    """Every bound at its most at once: the most shared strings, every row in the data contract's full
    width, each name unknown (the geocoding budget ends the lookups). Read, within the same bounds."""
    from geo.datasets import PARTNERSHIP_COLUMNS

    width, texts = len(PARTNERSHIP_COLUMNS), upload.XLSX_STRINGS
    letters = [chr(65 + i) if i < 26 else "A" + chr(65 + i - 26) for i in range(width)]

    def strings():
        yield b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        yield "".join(f"<si><t>{c}</t></si>" for c in PARTNERSHIP_COLUMNS).encode()
        for first in range(width, texts, 10_000):
            yield "".join(f"<si><t>Ort {i}</t></si>" for i in range(first, min(texts, first + 10_000))).encode()
        yield b"</sst>"

    def sheet():
        yield SHEET_HEAD + b"<sheetData>"
        for row in range(1, upload.MAX_ROWS + 2):
            first = 0 if row == 1 else width + (row - 2) * width
            yield (f'<row r="{row}">' + "".join(f'<c r="{letters[c]}{row}" t="s"><v>{(first + c) % texts}</v></c>'
                                                for c in range(width)) + "</row>").encode()
        yield b"</sheetData></worksheet>"

    xlsx = workbook([["x"]])
    path = patched(xlsx, tmp_path / "largest.xlsx",
                   {**with_shared_strings(xlsx), "xl/sharedStrings.xml": strings(), "xl/worksheets/sheet1.xml": sheet()})
    assert path.stat().st_size <= upload.MAX_BYTES
    report = read_in_child(path)
    assert report["error"] is None and report["rows"] == upload.MAX_ROWS
    assert any("Verorten nach" in n for n in report["notes"]["de"]), "the budget ended the lookups, and says so"


def test_a_row_of_a_million_fields_under_a_short_header_is_refused(tmp_path):
    path = tmp_path / "wide-rows.csv"
    path.write_bytes(b"de_name,ru_name\n" + (b"Suhl,Kaluga" + b",x" * 1_000_000 + b"\n") * 2)
    report = read_in_child(path)
    assert report["error"][0] == "upload.too_many_cells"
    assert_in_the_views_language(report, path.name)


def test_rows_are_counted_while_reading():
    data = b"de_name,ru_name\n" + b"Suhl,Kaluga\n" * (upload.MAX_ROWS + 5)
    result = upload.read(data, "long.csv")
    assert result.error == ("upload.too_many_rows", {"limit": upload.MAX_ROWS})
    assert Translator("de")(result.error[0], name="long.csv", **result.error[1]) == (
        "long.csv hat mehr als 20.000 Zeilen. Teilen Sie die Liste auf.")


def sheet_with(row_xml: bytes) -> tuple[bytes, bytes]:
    """A small workbook and, to put into it, a sheet of ``row_xml``."""
    return workbook([["de_name", "ru_name"], ["Suhl", "Kaluga"]]), SHEET_HEAD + b"<sheetData>" + row_xml + b"</sheetData></worksheet>"


@pytest.mark.parametrize("row, key", [
    (b'<row r="1">' + b'<c t="inlineStr"><is><t>x</t></is></c>' * (upload.MAX_COLUMNS + 1) + b"</row>", "upload.too_many_columns"),
    (b'<row r="1"><c r="A1" t="inlineStr"><is><t>de_name</t></is></c><c r="XFD1"><v>1</v></c></row>', "upload.too_many_columns"),
    (b'<row r="1">' + b"<c/>" * (upload.XLSX_ROW_CELLS + 1) + b"</row>", "upload.too_many_columns"),
    (b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, upload.MAX_ROWS + 3)),
     "upload.too_many_rows"),
], ids=["a-value-beyond-the-columns", "a-value-in-column-XFD", "too-many-cell-elements", "too-many-rows"])
def test_the_sheet_is_scanned_before_openpyxl_parses_it(tmp_path, row, key):
    xlsx, sheet = sheet_with(row)
    path = patched(xlsx, tmp_path / "scan.xlsx", {"xl/worksheets/sheet1.xml": sheet})
    result = upload.read(path.read_bytes(), "scan.xlsx")
    assert result.error is not None and result.error[0] == key


def test_formatting_far_to_the_right_is_no_column(tmp_path, geocoder):
    """An empty, formatted cell in column XFD (as Excel writes for a styled row) does not make the list wide."""
    row = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>de_name</t></is></c><c r="B1" t="inlineStr"><is><t>ru_name</t></is></c>'
           b'<c r="XFD1" s="0"/></row><row r="2"><c r="A2" t="inlineStr"><is><t>Suhl</t></is></c>'
           b'<c r="B2" t="inlineStr"><is><t>Kaluga</t></is></c></row>')
    xlsx, sheet = sheet_with(row)
    path = patched(xlsx, tmp_path / "styled.xlsx", {"xl/worksheets/sheet1.xml": sheet})
    result = upload.read(path.read_bytes(), "styled.xlsx", geocoder)
    assert result.error is None and result.rows == 1 and result.shown == 1


def test_a_sheet_with_a_dtd_is_refused(tmp_path):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            b'<row r="1"><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>')
    xlsx, _ = sheet_with(b"")
    path = patched(xlsx, tmp_path / "dtd.xlsx", {"xl/worksheets/sheet1.xml": bomb})
    assert upload.read(path.read_bytes(), "dtd.xlsx").error[0] == "upload.not_excel"


# -- the geocoding budget --------------------------------------------------------------
def test_names_beyond_the_geocoding_budget_are_listed_not_dropped(geocoder):
    rows = "".join(f"Nirgendwo{i},Kaluga\n" for i in range(30))
    result = upload.read(f"de_name,ru_name\n{rows}".encode(), "slow.csv", geocoder, budget=0.0)
    assert result.error is None and result.rows == 30 and result.shown == 0 and result.listed == 30
    budget = [p for p in result.atlas.problems if p.code == "geocode.budget"]
    assert len(budget) == 60 and {p.line for p in budget} == set(range(2, 32))
    note = next(n for n in result.notes if n.code == "read.geocode_budget")
    assert note.params["n"] == 31, "30 German names and Kaluga: a name is looked up once per list"
    assert Translator("ru").problem(note) == ("размещение остановлено через 0 с: 31 название не искали "
                                              "(см. раздел «Нет на карте»)")
    assert Translator("de").problem(budget[0]).startswith("nicht verortbar: nicht nachgeschlagen")


def test_the_budget_counts_lookup_time_and_lets_manual_positions_through(geocoder):
    ticks = iter(range(100))
    budgeted = upload.GeocodingBudget(geocoder, 2.5, clock=lambda: float(next(ticks)))
    assert budgeted.resolve("Suhl", "DE", "DE-TH").placed  # spends 1
    assert budgeted.resolve("Jena", "DE", "DE-TH").placed  # spends 1: 2 of 2.5
    assert budgeted.resolve("Kaluga", "RU", "RU-KLU").placed  # still under the budget when it starts: 3
    refused = budgeted.resolve("Weimar", "DE", "DE-TH")
    assert not refused.placed and refused.note_code == "geocode.budget" and budgeted.skipped == 1
    assert budgeted.resolve("Irgendwo", "DE", None, 50.0, 10.0).placed, "a manual position needs no lookup"


# -- Streamlit's copy of the bytes ------------------------------------------------------
def test_release_outside_streamlit_does_nothing():
    assert upload.release(None) is False
    assert upload.release(io.BytesIO(b"x")) is False


def test_release_drops_the_file_from_the_sessions_manager(monkeypatch):
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.runtime.uploaded_file_manager import UploadedFileRec
    import streamlit.runtime.scriptrunner as scriptrunner

    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    manager.add_file("session-1", UploadedFileRec("file-1", "liste.csv", "text/csv", b"de_name,ru_name\n"))
    manager.add_file("session-1", UploadedFileRec("file-2", "other.csv", "text/csv", b"x"))

    class Context:
        session_id = "session-1"
        uploaded_file_mgr = manager

    monkeypatch.setattr(scriptrunner, "get_script_run_ctx", lambda suppress_warning=False: Context())

    class File:
        file_id = "file-1"

    assert upload.release(File()) is True
    assert [f.file_id for f in manager.get_files("session-1", ["file-1", "file-2"])] == ["file-2"]


# -- messages ------------------------------------------------------------------------------
def test_every_upload_error_has_a_message_in_each_language():
    keys = {"upload.too_big", "upload.empty", "upload.no_columns", "upload.not_excel", "upload.too_many_rows",
            "upload.too_many_columns", "upload.too_many_cells", "upload.xlsx_parts", "upload.xlsx_part_too_big",
            "upload.xlsx_packed_too_tight", "upload.xlsx_too_big", "upload.xlsx_strings"}
    used = set(re.findall(r'"(upload\.[a-z_]+)"', (ROOT / "dashboard" / "upload.py").read_text(encoding="utf-8")))
    errors = used - {"upload.not_on_map", "upload.csv"}  # a problem code and the default file name
    assert errors == keys
    for lang in ("de", "ru", "en"):
        t = Translator(lang)
        for key in keys:
            assert "{" not in t(key, name="x.csv", size=6, limit=5, rows=1, found="a", reason="r", columns=70,
                                line=3, parts=2000, part="p", ratio=900)
