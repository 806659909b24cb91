"""A viewer's own list of partnerships on the map, for one session only.

The sidebar takes a CSV file or an Excel workbook (.xlsx). It is read with the
project's one lossless reader (geo.csvio), checked by the same rules as the
data (geo.datasets.read_partnerships) and placed the same way
(geo.resolve.place_partnerships). The result is kept in the viewer's session
and the map gets its data inline, never as a file of ours on the server.

Where the bytes are on the way: Streamlit's upload endpoint parses the
multipart request body; its web server (Starlette with python-multipart in
the Streamlit installed here, 1.67) spools a file part over 1 MB to an
unnamed temporary file on the server's disk while it parses the body, then
reads it into memory and closes the file, which deletes it. Streamlit's
uploaded-file manager then holds the bytes in memory until the session
ends; ``release`` drops them as soon as the app has its copy. The server
refuses bodies over ``server.maxUploadSize`` (.streamlit/config.toml) before
they are stored; ``read`` checks ``MAX_BYTES`` again before reading.

A file from a stranger is read within bounds, each checked before the
memory is spent: at most ``MAX_COLUMNS`` columns (a wider header is refused
with one message), ``MAX_ROWS`` rows and ``MAX_CELLS`` cells, counted while
the file is parsed. A workbook's zip directory is checked before openpyxl
opens it (no part may unpack to more than ``XLSX_PART_BYTES``, or, over a
megabyte, be packed more than ``XLSX_RATIO`` to 1: the shared strings
included); its shared strings are counted (``XLSX_STRINGS``) and its sheet
is scanned for its width, length and cells, both in a stream, before
openpyxl reads them; openpyxl reads the sheet in read-only mode with its
stated dimension ignored and no column beyond ``MAX_COLUMNS``. Placing the
names has a time budget (``GEOCODE_SECONDS``); names left when it is spent
are reported as not placed, each with a problem.

Two forms are accepted:

- the data contract's columns (geo.datasets.PARTNERSHIP_COLUMNS, see
  data/README.md);
- a simpler one: ``de_name`` and ``ru_name``, optionally ``de_region``,
  ``ru_region`` (an ISO code like DE-TH, or the region's name in German,
  Russian or English) and ``since`` (see upload_template.csv). Missing
  columns get defaults: ``id`` a slug of the two names, ``level``
  municipality, ``kind`` partnership, ``status`` unknown.

Rules that differ from the curated data, on purpose: a viewer's list needs
no ``source`` (the list is its own source: "uploaded by the viewer"), and the
regions and the Cyrillic name are optional (the geocoder then searches the
whole country). Missing values of these columns are therefore not reported;
a value that is given and wrong still is. That the file is not UTF-8 or not
comma-separated is no problem either: it is said in the notes of what the
reader assumed.

Row invariant: every record of the file is either on the map or named by at
least one error in the problems.
"""
from __future__ import annotations

import io
import re
import time
import zipfile
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable
from xml.parsers import expat

import pandas as pd

from geo import names, transliterate
from geo.csvio import Limits, Table, read_table, table_from_rows, visible
from geo.datasets import CONFERENCE_COLUMNS, PARTNERSHIP_COLUMNS, read_partnerships
from geo.geocoder import Geocoder, Match, default_geocoder
from geo.problems import Note, Problem, english, problem
from geo.regions import is_region_code, load_regions, pycountry_names
from geo.resolve import Atlas, merge_places, place_partnerships, town_table

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# The widest list a viewer needs: the data contract's columns, with room for columns of their own.
MAX_COLUMNS = 2 * len(PARTNERSHIP_COLUMNS) + 8
# All cells of all rows: every row of a file in the data contract's full width (a narrower file may have more rows).
MAX_CELLS = MAX_ROWS * len(PARTNERSHIP_COLUMNS)
LIMITS = Limits(columns=MAX_COLUMNS, rows=MAX_ROWS, cells=MAX_CELLS)
# A workbook's parts as they unpack (sheets, shared strings, styles ...): a list
# of MAX_ROWS rows needs a few megabytes; a part beyond these is no list.
XLSX_PART_BYTES = 32 * 1024 * 1024
XLSX_TOTAL_BYTES = 64 * 1024 * 1024
XLSX_RATIO = 100  # spreadsheet XML packs 5-20 times; a part over a megabyte packed more is a bomb
XLSX_PARTS = 1_000
XLSX_ROW_CELLS = 4 * MAX_COLUMNS  # cell elements in one row (formatted empty cells count too)
XLSX_CELLS = 2 * MAX_CELLS  # cell elements in the sheet: openpyxl parses about 200,000 a second
# Distinct texts in the shared strings: a list of MAX_ROWS rows has two names a row and a
# few distinct notes; openpyxl reads about 100,000 a second and keeps every one.
XLSX_STRINGS = 10 * MAX_ROWS
_SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
# Seconds (wall clock: what the viewer waits, and how long the upload holds the
# server) for placing one upload's names. A name the gazetteer knows costs well
# under a millisecond; an unknown one costs the fuzzy search, about 15 ms.
GEOCODE_SECONDS = 10.0
TYPES = ["csv", "tsv", "txt", "xlsx"]
TEMPLATE = Path(__file__).resolve().parent / "upload_template.csv"
SIMPLE_COLUMNS = ["de_name", "de_region", "ru_name", "ru_region", "since"]
DEFAULTS = {"level": "municipality", "kind": "partnership", "status": "unknown"}
# Columns whose missing value is no problem in a viewer's own list (see the module's docstring).
OPTIONAL = ("source", "de_region", "ru_region", "ru_name_ru")
_XLSX_MAGIC = b"PK\x03\x04"
# Trailing rows of an Excel sheet that are only formatted, not filled, can run
# to the sheet's end (1,048,576 rows): reading stops after this many blank ones.
_BLANK_RUN = 1_000
# Rows of a sheet walked at most, blank ones included: a list of MAX_ROWS rows with a blank row after each.
_SHEET_ROWS = 2 * (MAX_ROWS + 1) + _BLANK_RUN


@dataclass
class Upload:
    """A read upload: its map data, or why it was refused."""

    name: str
    rows: int = 0  # records of the file (blank rows hold no data and are not counted)
    atlas: Atlas | None = None
    notes: list[Note] = field(default_factory=list)  # what the reader assumed: English text with a code (translate with t.problem)
    filled: list[str] = field(default_factory=list)  # columns the file lacked, filled with defaults
    error: tuple[str, dict] | None = None  # (message key in locales, values) when refused

    @property
    def shown(self) -> int:
        """Rows on the map: an arc, or for a proposal its one place."""
        if self.atlas is None:
            return 0
        p = self.atlas.partnerships
        return int((p["placed"] | p["single"]).sum())

    @property
    def listed(self) -> int:
        """Rows not on the map; each is named by an error in ``atlas.problems``."""
        return len(self.atlas.unplaced()) if self.atlas is not None else 0


def template() -> bytes:
    """The simple form to download: UTF-8 with a byte order mark, so Excel shows umlauts and Cyrillic."""
    return b"\xef\xbb\xbf" + TEMPLATE.read_bytes()


def read(data: bytes, name: str, geocoder: Geocoder | None = None, budget: float = GEOCODE_SECONDS,
         known: pd.DataFrame | None = None) -> Upload:
    """Read, check and place an uploaded file (CSV or .xlsx). Never raises for bad input.

    ``budget``: seconds for placing the names (see GeocodingBudget). ``known``: the curated
    partnerships, whose names of a town the list's rows take (geo.resolve.merge_places): rows
    placed at one town are one place, named in every language."""
    name = visible(str(name or "upload.csv"), 120)
    if len(data) > MAX_BYTES:  # before anything is decoded or unpacked
        return Upload(name, error=("upload.too_big", {"size": f"{len(data) / 1024 / 1024:.1f}", "limit": MAX_BYTES // 1024 // 1024}))
    if not data.strip():
        return Upload(name, error=("upload.empty", {}))
    if data.startswith(_XLSX_MAGIC) or name.lower().endswith((".xlsx", ".xlsm")):
        table, error = _excel(data, name)
        if error:
            return Upload(name, error=error)
    else:
        table = read_table(data, name, LIMITS)
    if table.stopped is not None:
        return Upload(name, error=_limit_error(table.stopped))
    if not {"de_name", "ru_name"} & set(table.header):
        found = ", ".join(visible(h, 40) for h in table.header[:12]) or "—"
        return Upload(name, rows=len(table.records), error=("upload.no_columns", {"found": found}))
    table, filled = _complete(table)
    partnerships, problems = read_partnerships(table, name)
    problems = [p for p in problems if not _waived(p)]
    budgeted = GeocodingBudget(geocoder or default_geocoder(), budget)
    place_partnerships(partnerships, budgeted, name, problems)
    merge_places(partnerships, budgeted.gazetteer, known)
    _name_every_unplaced_row(partnerships, name, problems)
    conferences = pd.DataFrame({c: pd.Series(dtype=object) for c in CONFERENCE_COLUMNS + ["line", "method", "matched"]})
    atlas = Atlas(partnerships=partnerships, conferences=conferences, problems=problems, towns=town_table(partnerships))
    notes = list(table.notes)
    if budgeted.skipped:
        notes.append(Note("read.geocode_budget", n=budgeted.skipped, seconds=_seconds(budget)))
    return Upload(name, rows=len(table.records), atlas=atlas, notes=notes, filled=filled)


def _limit_error(stopped: Problem) -> tuple[str, dict]:
    """The message (locale key, values) for the limit that ended a read."""
    if stopped.code == "file.too_many_columns":
        return "upload.too_many_columns", {"columns": stopped.params["n"], "limit": MAX_COLUMNS}
    if stopped.code == "file.too_many_rows":
        return "upload.too_many_rows", {"limit": MAX_ROWS}
    return "upload.too_many_cells", {"limit": MAX_CELLS, "line": stopped.line or 0}


def _seconds(budget: float) -> str:
    return f"{budget:g}"


class GeocodingBudget:
    """A geocoder that looks names up until ``seconds`` have been spent in
    lookups; every name after that comes back unplaced with the code
    geocode.budget, so it is listed as not placed, never dropped. A manual
    position costs nothing."""

    def __init__(self, geocoder: Geocoder, seconds: float, clock: Callable[[], float] = time.perf_counter):
        self.geocoder = geocoder
        self.seconds = seconds
        self.clock = clock
        self.spent = 0.0
        self.skipped = 0  # lookups refused

    @property
    def gazetteer(self):
        return self.geocoder.gazetteer

    def resolve(self, name: str, country: str, region: str | None = None, lat: float | None = None,
                lon: float | None = None, level: str | None = None) -> Match:
        if (lat is None or lon is None) and self.spent >= self.seconds:
            self.skipped += 1
            params = {"seconds": _seconds(self.seconds)}
            return Match(query=name, country=country, region=region, note=english("geocode.budget", params),
                         note_code="geocode.budget", note_params=params)
        started = self.clock()
        try:
            return self.geocoder.resolve(name, country, region, lat, lon, level=level)
        finally:
            self.spent += self.clock() - started


# -- Excel workbooks -------------------------------------------------------------
class _Refused(Exception):
    """A workbook refused before it is parsed: ``error`` is the message (locale key, values)."""

    def __init__(self, key: str, values: dict) -> None:
        super().__init__(key)
        self.error = (key, values)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


def _inspect_zip(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook whose parts would unpack to far more than a list needs.

    The sizes are the zip directory's own; they are also a bound on what is
    unpacked, because zipfile stops a part at its stated size (and a part
    that holds more fails its checksum)."""
    parts = archive.infolist()
    if len(parts) > XLSX_PARTS:
        raise _Refused("upload.xlsx_parts", {"parts": len(parts), "limit": XLSX_PARTS})
    total = 0
    for part in parts:
        shown = visible(part.filename, 60)
        if part.file_size > XLSX_PART_BYTES:
            raise _Refused("upload.xlsx_part_too_big", {"part": shown, "size": _mb(part.file_size),
                                                         "limit": _mb(XLSX_PART_BYTES)})
        if part.file_size > 1024 * 1024 and part.file_size > XLSX_RATIO * max(part.compress_size, 1):
            raise _Refused("upload.xlsx_packed_too_tight", {"part": shown, "ratio": part.file_size // max(part.compress_size, 1),
                                                             "limit": XLSX_RATIO})
        total += part.file_size
    if total > XLSX_TOTAL_BYTES:
        raise _Refused("upload.xlsx_too_big", {"size": _mb(total), "limit": _mb(XLSX_TOTAL_BYTES)})


def _column_index(ref: str) -> int:
    """1 for "A1", 27 for "AA7"; 0 when the reference has no letters."""
    index = 0
    for c in ref:
        if "A" <= c <= "Z":
            index = index * 26 + ord(c) - 64
        elif "a" <= c <= "z":
            index = index * 26 + ord(c) - 96
        else:
            break
    return index


def _stream_xml(stream, start: Callable[[str, dict], None]) -> None:
    """Feed ``stream`` through expat in chunks, calling ``start(local name, attributes)`` per element;
    a DTD is refused (a part of a workbook never has one; one may define expanding entities)."""

    def no_dtd(*_args) -> None:
        raise _Refused("upload.not_excel", {"reason": "DOCTYPE"})

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = lambda tag, attrs: start(tag.rpartition(" ")[2], attrs)
    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_dtd
    try:
        while chunk := stream.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise _Refused("upload.not_excel", {"reason": visible(str(exc), 200)}) from None


def _scan_shared_strings(archive: zipfile.ZipFile) -> None:
    """Refuse more shared strings than a list can have, counted in a stream
    before openpyxl reads them all into memory (it reads them on opening the
    workbook). The part is the one [Content_Types].xml names, as openpyxl finds it."""
    parts: list[str] = []

    def override(local: str, attrs: dict) -> None:
        if local == "Override" and attrs.get("ContentType") == _SHARED_STRINGS:
            parts.append(attrs.get("PartName", "").lstrip("/"))

    with archive.open("[Content_Types].xml") as stream:
        _stream_xml(stream, override)
    if not parts or parts[0] not in archive.namelist():
        return
    count = 0

    def string(local: str, _attrs: dict) -> None:
        nonlocal count
        if local == "si":
            count += 1
            if count > XLSX_STRINGS:
                raise _Refused("upload.xlsx_strings", {"limit": XLSX_STRINGS})

    with archive.open(parts[0]) as stream:
        _stream_xml(stream, string)


def _scan_sheet(stream) -> None:
    """Refuse a sheet too wide or too long for a list, from one streamed pass
    over its XML (expat, in chunks), before openpyxl builds a row of it.

    openpyxl parses a whole <row> element at a time and pads each row to its
    last cell's column, so a row of ten million cells, or one cell in column
    XFD, costs gigabytes there; here they cost a counter."""
    cells = cells_in_row = column = row_number = filled_rows = 0
    row_filled = False

    def start(local: str, attrs: dict) -> None:
        nonlocal cells, cells_in_row, column, row_number, filled_rows, row_filled
        if local == "row":
            row_number = int(attrs["r"]) if attrs.get("r", "").isdigit() else row_number + 1
            cells_in_row = column = 0
            row_filled = False
        elif local == "c":
            cells += 1
            cells_in_row += 1
            if cells_in_row > XLSX_ROW_CELLS:
                raise _Refused("upload.too_many_columns", {"columns": f"> {XLSX_ROW_CELLS}", "limit": MAX_COLUMNS})
            if cells > XLSX_CELLS:
                raise _Refused("upload.too_many_cells", {"limit": XLSX_CELLS, "line": row_number})
            ref = attrs.get("r")
            column = _column_index(ref) if ref else column + 1  # a cell without a reference follows the one before
        elif local in ("v", "is"):  # the cell has a value (formatting alone makes no cell of the list)
            if column > MAX_COLUMNS:
                raise _Refused("upload.too_many_columns", {"columns": column, "limit": MAX_COLUMNS})
            if not row_filled:
                row_filled = True
                filled_rows += 1
                if filled_rows > MAX_ROWS + 1:  # the header and MAX_ROWS records
                    raise _Refused("upload.too_many_rows", {"limit": MAX_ROWS})

    _stream_xml(stream, start)


def _excel(data: bytes, name: str) -> tuple[Table | None, tuple[str, dict] | None]:
    """The first sheet of a workbook as a Table (values, not formulas), or why it is refused."""
    import openpyxl

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _inspect_zip(archive)
        _scan_shared_strings(archive)
    except _Refused as refused:
        return None, refused.error
    except Exception as exc:  # noqa: BLE001 - zipfile's errors: not a zip, a broken directory
        return None, ("upload.not_excel", {"reason": visible(str(exc) or type(exc).__name__, 200)})
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl's own errors: any broken part of the archive
        return None, ("upload.not_excel", {"reason": visible(str(exc) or type(exc).__name__, 200)})
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            return None, ("upload.empty", {})
        path = getattr(sheet, "_worksheet_path", None)
        if path is None:  # openpyxl reads chart sheets too; a list is never one
            return None, ("upload.not_excel", {"reason": visible(sheet.title, 40)})
        with archive.open(path) as stream:
            _scan_sheet(stream)
        # The <dimension> a file states ("A1:XFD20001") would make openpyxl pad
        # every row to it: ignore it, and take no column beyond MAX_COLUMNS.
        sheet.reset_dimensions()
        rows: list[tuple] = []
        blank = 0
        for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
            if number > _SHEET_ROWS:  # blank rows between the filled ones count: each costs a row here
                return None, ("upload.too_many_rows", {"limit": MAX_ROWS})
            if not any(row) and all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
                blank += 1
                if blank >= _BLANK_RUN:
                    break
                continue
            rows.extend([()] * blank)  # kept, so that line numbers are the sheet's row numbers
            blank = 0
            end = len(row)  # iter_rows pads each row to max_col: the padding is no cell of the list
            while end and row[end - 1] is None:
                end -= 1
            rows.append(row[:end])
        count = len(book.worksheets)
        notes = [Note("read.excel_first_sheet", sheet=visible(sheet.title, 40), n=count) if count > 1
                 else Note("read.excel_sheet", sheet=visible(sheet.title, 40)),
                 Note("read.excel_values")]
    except _Refused as refused:
        return None, refused.error
    except Exception as exc:  # a broken sheet inside a valid archive
        return None, ("upload.not_excel", {"reason": visible(str(exc) or type(exc).__name__, 200)})
    finally:
        book.close()
    return table_from_rows(rows, name, notes, LIMITS), None


def _waived(found: Problem) -> bool:
    """A problem the curated data has and a viewer's list does not (see the module's docstring)."""
    if found.column in OPTIONAL and found.value == "":
        return True
    # said in the notes instead: the reader's assumptions are no fault of the viewer's file
    return found.code in ("file.not_utf8", "file.semicolons", "file.tabs")


def _name_every_unplaced_row(partnerships: pd.DataFrame, file: str, problems: list[Problem]) -> None:
    """Nothing leaves the map silently: an unplaced row no error names gets one."""
    named = {p.row_id for p in problems if p.severity == "error"}
    unplaced = partnerships[~(partnerships["placed"] | partnerships["single"])]
    for row_id, line in zip(unplaced["id"], unplaced["line"]):
        if row_id not in named:
            problems.append(problem(file, int(line), "", str(row_id), "upload.not_on_map", "error", str(row_id)))


# -- Streamlit's copy ----------------------------------------------------------------
def release(uploaded_file) -> bool:
    """Drop an uploaded file's bytes from Streamlit's uploaded-file manager
    once the app has read them (``uploaded_file.getvalue()``); True when they
    were dropped. Without this Streamlit keeps them until the session ends.

    The manager is the running script's (``ScriptRunContext.uploaded_file_mgr``,
    the same as ``Runtime.instance().uploaded_file_mgr`` in a server, and
    AppTest's own in a test). Safe anywhere: outside a Streamlit script run,
    with a manager that cannot remove files, for None or an object without a
    file id it does nothing and returns False.

    Afterwards Streamlit reports the widget's value as a ``DeletedFile`` with
    the same ``file_id`` (``st.session_state[key]``; ``st.file_uploader``
    itself returns None) until the viewer removes or replaces the file: keep
    the read result keyed by that file id."""
    file_id = getattr(uploaded_file, "file_id", None)
    if not file_id:
        return False
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx
    except ImportError:  # a Streamlit without it: nothing of ours to release
        return False
    ctx = get_script_run_ctx(suppress_warning=True)
    remove = getattr(getattr(ctx, "uploaded_file_mgr", None), "remove_file", None)
    if remove is None:
        return False
    remove(session_id=ctx.session_id, file_id=file_id)
    return True


# -- the simple form ------------------------------------------------------------
def _complete(table: Table) -> tuple[Table, list[str]]:
    """The table with the data contract's required columns it lacks filled
    with defaults, and region names turned into ISO codes."""
    header = list(table.header)
    missing = [c for c in ("id", *DEFAULTS) if c not in header]
    regions = [c for c in ("de_region", "ru_region") if c in header]
    cyrillic_ru = "ru_name" in header and "ru_name_ru" not in header
    if not missing and not regions and not cyrillic_ru:
        return table, []
    used: set[str] = set(table.column("id")) if "id" in header else set()
    counters: dict[str, int] = {}
    records = []
    for record in table.records:
        cells = dict(record.cells)
        for column in regions:
            cells[column] = region_code(cells.get(column, ""), "DE" if column == "de_region" else "RU")
        if cyrillic_ru and transliterate.is_cyrillic(cells.get("ru_name", "")):
            cells["ru_name_ru"] = cells["ru_name"]  # a Cyrillic name is the Russian form; the map shows it in Russian
        if "id" in missing:
            cells["id"] = _unique(_slug(cells.get("de_name", ""), cells.get("ru_name", ""), record.line), used, counters)
        for column, value in DEFAULTS.items():
            if column in missing:
                cells[column] = value
        records.append(replace(record, cells=cells))
    extra = [c for c in missing + (["ru_name_ru"] if cyrillic_ru else []) if c not in header]
    return replace(table, header=header + extra, records=records), missing


def _slug(de_name: str, ru_name: str, line: int) -> str:
    parts = []
    for text in (de_name, ru_name):
        if transliterate.is_cyrillic(text):
            text = transliterate.to_english(text)
        text = names.strip_accents(text.translate(str.maketrans({"ß": "ss", "ä": "ae", "ö": "oe", "ü": "ue"})).lower())
        parts.append(re.sub(r"[^a-z0-9]+", "-", text).strip("-"))
    slug = "-".join(p for p in parts if p)[:80].strip("-")
    return slug or f"row-{line}"


def _unique(slug: str, used: set[str], counters: dict[str, int]) -> str:
    """``slug``, or ``slug-2``, ``slug-3`` ... the first not used. ``counters``
    remembers where each slug's count stands: 20,000 rows of one pair cost
    20,000 steps, not 200 million."""
    candidate, n = slug, counters.get(slug, 2)
    while candidate in used:
        candidate, n = f"{slug}-{n}", n + 1
    counters[slug] = n
    used.add(candidate)
    return candidate


@lru_cache(maxsize=2)
def _region_names(country: str) -> dict[str, str]:
    """Folded region name (German, Russian, English, pycountry's) -> ISO code."""
    out: dict[str, str] = {}
    for code, region in load_regions().items():
        if region.country == country:
            for name in {region.name_de, region.name_ru, region.name_en} | pycountry_names(code):
                if name:
                    out.setdefault(names.fold(name), code)
    return out


def region_code(value: str, country: str) -> str:
    """An ISO 3166-2 code for a code in any case or a region's name; else the value unchanged (and reported)."""
    text = (value or "").strip()
    if not text:
        return ""
    if is_region_code(text.upper(), country):
        return text.upper()
    return _region_names(country).get(names.fold(text), text)
