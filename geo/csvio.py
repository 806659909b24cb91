"""The one CSV reader (and the safe CSV cell writer) of the project.

Every CSV the project reads goes through ``read_table``: the data files, the
input of ``python -m geo geocode`` and files users upload to the dashboard.
It is lossless: every record of the file comes back as one ``Record``, clean
or carrying the problems found in it; nothing is dropped, nothing stops the
read. Only records with no non-blank cell are skipped (and counted in the
notes): they hold no data.

What it copes with, and says it assumed (``Table.notes``):

- encoding: UTF-8, UTF-8 with BOM (Excel "CSV UTF-8"), UTF-16 with BOM
  (Excel "Unicode text"), else Windows-1252 (German Excel), else Latin-1;
- delimiter: ``,`` ``;`` or tab, counted in the header line outside quotes;
- blank lines before the header;
- line breaks, U+2028, U+2029, U+0085 and other separators inside quoted
  cells (the text is parsed as a whole by the csv module, never split into
  lines first);
- very long cells (no csv field size error; cells over ``MAX_CELL_CHARS`` are
  emptied and reported).

A file from a stranger (an upload) is read with ``Limits``: a header wider
than ``Limits.columns`` is refused with one problem before any record is
parsed (its width is counted in the header line), and records and cells are
counted while the file is parsed, record by record, so reading stops at the
first record over ``Limits.rows`` or ``Limits.cells``. ``Table.stopped`` then
holds the problem that says so.

What it reports as problems: records with more or fewer fields than the
header, duplicate or empty header names, NUL bytes, bidirectional control
characters and zero-width characters in cells, and a quoted cell that runs
to the end of the file. Each problem and note has a code (geo.problems.CODES).

Writing: ``csv_line`` writes one record that is safe in a spreadsheet
however it splits the line (see ``safe_cell``).
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import sys
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from .problems import Note, Problem, problem

DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
DELIMITER_SYMBOLS = {",": ",", ";": ";", "\t": "\u21e5"}  # a tab, shown as the tab key's arrow
# A cell longer than this is almost always a quote that was never closed and
# swallowed the following rows; no field of the data contract comes near it.
MAX_CELL_CHARS = 10_000
PREVIEW_CHARS = 80

# Characters that change the display order of text (Trojan-Source style
# spoofing) and characters that take no space: both are invisible in a
# spreadsheet and make a name differ from what it looks like.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e")
_SUSPECT = re.compile("[\x00" + "".join(sorted(BIDI_CONTROLS | ZERO_WIDTH)) + "]")  # one C-speed scan per cell


# encoding -> the code of the note that says it was assumed
ENCODING_NOTES = {"utf-8": "read.utf8", "utf-8-sig": "read.utf8_bom", "utf-16": "read.utf16", "cp1252": "read.cp1252",
                  "latin-1": "read.latin1"}
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252",
                  "latin-1": "Latin-1 (ISO 8859-1)"}


@dataclass(frozen=True)
class Limits:
    """Bounds for a file from a stranger; None: no bound.

    ``columns``: the header's width (wider: one problem, nothing else read);
    ``rows``: records (reading stops at the first one more); ``cells``: the
    fields of all records together up to each record's last non-empty one
    (reading stops at the record that passes it).
    """

    columns: int | None = None
    rows: int | None = None
    cells: int | None = None


@dataclass(frozen=True)
class Record:
    """One record of the file: where it starts, its cells by column, and what is wrong with it.

    ``cells`` has a key for every column of ``Table.header`` (missing cells
    are ""); cell values are stripped of surrounding whitespace. ``extra``
    holds the fields beyond the header's width, so nothing is lost.
    """

    line: int
    cells: dict[str, str]
    extra: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.problems

    def get(self, column: str, default: str = "") -> str:
        return self.cells.get(column, default)


@dataclass
class Table:
    """A read CSV file.

    ``header``: the column keys in file order (a duplicate name becomes
    ``name#<position>``, a nameless column ``#column-<position>``: keys no
    real column can have). ``problems``: every problem, file-level and per
    record, in line order. ``notes``: what the reader assumed (encoding,
    delimiter, skipped lines), each a Note (an English sentence with its code).
    ``stopped``: the problem of a limit (see Limits) that ended the read early.
    """

    name: str
    header: list[str] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ","
    header_line: int = 1
    blank_records: int = 0
    stopped: Problem | None = None

    def column(self, name: str) -> list[str]:
        """The cells of one column, one per record."""
        return [record.get(name) for record in self.records]


def visible(value: str, limit: int = PREVIEW_CHARS) -> str:
    """``value`` for a message: invisible and control characters written as
    ⟨U+XXXX⟩, cut to ``limit`` characters with the full length stated."""
    shown = "".join(
        f"\u27e8U+{ord(c):04X}\u27e9" if c in BIDI_CONTROLS or c in ZERO_WIDTH or (unicodedata.category(c) == "Cc" and c not in "\t\n\r") else c
        for c in value[: limit + 1]
    )
    if len(value) > limit:
        shown = f"{shown[:limit]}\u2026 ({len(value):,} characters)"
    return shown


def _char_name(c: str) -> str:
    return f"U+{ord(c):04X} {unicodedata.name(c, 'control character')}"


def decode(data: bytes) -> tuple[str, str, list[Problem] | None]:
    """Text, encoding code (a key of ENCODING_NOTES) and, for a UTF-8 file
    with a BOM but broken bytes, the problem found (else None)."""
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8):]
        try:
            return body.decode("utf-8"), "utf-8-sig", None
        except UnicodeDecodeError as exc:
            # The BOM says UTF-8, so trust it and mark the broken bytes.
            line = body[: exc.start].count(b"\n") + 1
            return body.decode("utf-8", errors="replace"), "utf-8-sig", [
                problem("", line, "", repr(body[exc.start:exc.end + 8])[1:], "csv.broken_utf8")]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
        # Two bytes of cp1252 text (e.g. "ÿþ") look like a UTF-16 BOM too; real
        # UTF-16 CSV decodes to text with a delimiter or a line break in it.
        if text is not None and any(c in text for c in ",;\t\n"):
            return text, "utf-16", None
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252", None
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return data.decode("latin-1"), "latin-1", None


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _header_line(text: str) -> str:
    """The first line with anything but blanks and delimiters ("" if none)."""
    start = 0
    while start < len(text):
        match = _LINE_BREAK.search(text, start)
        end = match.start() if match else len(text)
        line = text[start:end]
        if line.strip(" \t,;\ufeff"):
            return line
        if match is None:
            break
        start = match.end()
    return ""


def _delimiter_counts(header: str) -> dict[str, int]:
    """How often each delimiter occurs outside quotes in ``header``."""
    if '"' not in header:  # C-speed counting for the usual header (and a hostile megabyte-long one)
        return {d: header.count(d) for d in DELIMITERS}
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for c in header:
        if c == '"':
            quoted = not quoted
        elif not quoted and c in counts:
            counts[c] += 1
    return counts


def sniff_delimiter(text: str) -> str:
    """``,`` ``;`` or tab: the one found most often outside quotes in the header
    line (the first line with anything but blanks and delimiters); comma on a tie."""
    counts = _delimiter_counts(_header_line(text))
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _raise_field_size_limit() -> None:
    # The csv module refuses fields over 131,072 characters by default and
    # stops the read; long cells are instead reported by _check_cell. The
    # limit is process-wide, so it is only ever raised, never lowered back.
    limit = min(sys.maxsize, 2**31 - 1)
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def _check_cell(name: str, line: int, column: str, value: str) -> tuple[str, list[Problem]]:
    """The cell's value as kept, and its problems."""
    problems: list[Problem] = []
    if len(value) <= MAX_CELL_CHARS and not _SUSPECT.search(value):
        return value, problems
    if "\x00" in value:
        problems.append(problem(name, line, column, visible(value), "cell.nul"))
        value = value.replace("\x00", "")
    if len(value) > MAX_CELL_CHARS:
        problems.append(problem(name, line, column, visible(value), "cell.too_long", n=len(value), limit=MAX_CELL_CHARS))
        return "", problems
    bidi = sorted({c for c in value if c in BIDI_CONTROLS})
    if bidi:
        problems.append(problem(name, line, column, visible(value), "cell.bidi", chars=", ".join(map(_char_name, bidi)),
                                codes=", ".join(f"U+{ord(c):04X}" for c in bidi)))
    zero = sorted({c for c in value if c in ZERO_WIDTH})
    if zero:
        problems.append(problem(name, line, column, visible(value), "cell.zero_width", "warning",
                                chars=", ".join(map(_char_name, zero)), codes=", ".join(f"U+{ord(c):04X}" for c in zero)))
    return value, problems


def _header(name: str, line: int, fields: list[str]) -> tuple[list[str], list[Problem]]:
    """Column keys for the header fields, and the header's problems."""
    names = [f.strip().strip("\ufeff").strip() for f in fields]
    while names and not names[-1]:  # spreadsheets pad rows with empty trailing columns
        names.pop()
    keys: list[str] = []
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for position, column in enumerate(names, start=1):
        column, cell_problems = _check_cell(name, line, column, column)
        problems.extend(cell_problems)
        if not column:
            keys.append(f"#column-{position}")
            problems.append(problem(name, line, f"#column-{position}", "", "header.unnamed", "warning", position=position))
        elif column in first:
            keys.append(f"{column}#{position}")
            problems.append(problem(name, line, column, column, "header.duplicate", first=first[column], position=position,
                                    name=column))
        else:
            first[column] = position
            keys.append(column)
    return keys, problems


def _stop(table: Table, found: Problem) -> None:
    """End the read at a limit: ``found`` says which."""
    table.stopped = found
    table.problems.append(found)


def _too_wide(table: Table, line: int | None, width: int, limits: Limits | None) -> bool:
    """Stop (one problem, however many columns) when the header is wider than the limit."""
    if limits is None or limits.columns is None or width <= limits.columns:
        return False
    _stop(table, problem(table.name, line, "", "", "file.too_many_columns", n=width, limit=limits.columns))
    return True


def _records(name: str, rows: Iterable[tuple[int, list[str] | None, str | None]], table: Table,
             limits: Limits | None = None) -> None:
    """Fill ``table`` from (start line, fields, csv error) triples: header, records, problems."""
    header: list[str] | None = None
    leading_blank = 0
    cells_read = 0
    max_rows = limits.rows if limits is not None else None
    max_cells = limits.cells if limits is not None else None
    # fields beyond the header kept per record: all of them, or, with a column limit, that many
    keep_extra = limits.columns if limits is not None and limits.columns is not None else None
    for line, fields, error in rows:
        if error is not None:
            # The csv module gave up on this record: keep its place as an
            # empty record that carries the error.
            malformed = problem(name, line, "", "", "csv.malformed", error=error)
            table.records.append(Record(line, dict.fromkeys(header or [], ""), (), (malformed,)))
            table.problems.append(malformed)
            continue
        if not any(f.strip() for f in fields):
            if header is None:
                leading_blank += 1
            else:
                table.blank_records += 1
            continue
        if header is None:
            if _too_wide(table, line, len(fields), limits):
                return
            header, problems = _header(name, line, fields)
            table.header, table.header_line = header, line
            table.problems.extend(problems)
            continue
        if max_rows is not None and len(table.records) >= max_rows:
            _stop(table, problem(name, line, "", "", "file.too_many_rows", limit=max_rows, at_line=line))
            return
        filled = len(fields)  # trailing empty fields (a spreadsheet pads rows with them) hold nothing to count
        while filled and not fields[filled - 1].strip():
            filled -= 1
        cells_read += filled
        if max_cells is not None and cells_read > max_cells:
            _stop(table, problem(name, line, "", "", "file.too_many_cells", limit=max_cells, at_line=line))
            return
        problems = []
        width = len(header)
        if len(fields) < width:
            problems.append(problem(name, line, "", visible(table.delimiter.join(fields)), "row.too_few",
                                    n=len(fields), width=width))
        extra = tuple(fields[width:] if keep_extra is None else fields[width:width + keep_extra])
        if any(f.strip() for f in fields[width:]):
            shown = visible((table.delimiter or ",").join(fields[width:width + 64]))
            if table.delimiter:
                problems.append(problem(name, line, "", shown, "row.too_many_csv", n=len(fields), width=width,
                                        symbol=DELIMITER_SYMBOLS[table.delimiter],
                                        delimiter_name=DELIMITER_NAMES[table.delimiter]))
            else:
                problems.append(problem(name, line, "", shown, "row.too_many", n=len(fields), width=width))
        cells = {}
        for key, raw in zip(header, fields):
            value, cell_problems = _check_cell(name, line, key, raw.strip())
            cells[key] = value
            problems.extend(cell_problems)
        for key in header[len(fields):]:
            cells[key] = ""
        table.records.append(Record(line, cells, extra, tuple(problems)))
        table.problems.extend(problems)
    if leading_blank:
        table.notes.append(Note("read.blank_before_header", n=leading_blank))
    if table.blank_records:
        table.notes.append(Note("read.empty_rows", n=table.blank_records))
    if header is None:
        table.problems.append(problem(name, None, "", "", "file.empty"))
    elif not table.records:
        table.notes.append(Note("read.no_rows"))


def _reader(text: str, delimiter: str, strict: bool = False):
    # newline="" keeps line breaks inside quoted cells and splits records only
    # at \r, \n and \r\n, never at U+2028, U+2029, U+0085 or \x1c.
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', strict=strict)


def _parse(text: str, delimiter: str):
    """(start line, fields, None) for every record of ``text``, or
    (start line, None, error) for one the csv module cannot parse."""
    _raise_field_size_limit()
    reader = _reader(text, delimiter)
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # not seen with strict=False and the raised limit; handled so no record is lost
            yield start, None, str(exc)
            continue
        yield start, fields, None


def read_table(source: Path | str | bytes, name: str | None = None, limits: Limits | None = None) -> Table:
    """Read one CSV file (a path, or its bytes as uploaded) without losing a record.

    ``name`` is the file name used in problems (default: the path's name, or
    "upload.csv" for bytes). A file that cannot be read gives a Table with no
    records and one problem; read_table itself does not raise. With
    ``limits`` the read ends at the first one passed (``Table.stopped``).
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        name = name or "upload.csv"
        data = bytes(source)
    else:
        path = Path(source)
        name = name or path.name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return Table(name, problems=[problem(name, None, "", str(path), "file.not_found")])
        except IsADirectoryError:
            return Table(name, problems=[problem(name, None, "", str(path), "file.is_folder")])
        except OSError as exc:
            return Table(name, problems=[problem(name, None, "", str(path), "file.unreadable", error=str(exc.strerror or exc))])
    text, encoding, decode_problems = decode(data)
    header = _header_line(text)
    counts = _delimiter_counts(header)
    delimiter = max(DELIMITERS, key=lambda d: counts[d]) if any(counts.values()) else ","
    table = Table(name, encoding=encoding, delimiter=delimiter)
    table.notes.append(Note(ENCODING_NOTES[encoding]))
    table.notes.append(Note(f"read.delimiter_{DELIMITER_NAMES[table.delimiter]}"))
    table.problems.extend(replace(found, file=name) for found in decode_problems or [])
    # A header a million fields wide is refused before the csv module makes a list of them.
    if header and _too_wide(table, None, counts[delimiter] + 1, limits):
        return table
    _records(name, _parse(text, table.delimiter), table, limits)
    if table.stopped is None:
        _check_unclosed_quote(text, table)
    table.problems.sort(key=lambda p: p.line or 0)
    return table


def _check_unclosed_quote(text: str, table: Table) -> None:
    """Flag the last record when a quoted cell in it is never closed.

    Such a cell swallows the rest of the file, so only the last record can
    hold it: its text is parsed again, strictly, to see whether the file ends
    inside quotes."""
    if not table.records:
        return
    last = table.records[-1]
    offset = 0
    for number, match in enumerate(_LINE_BREAK.finditer(text), start=2):
        if number > last.line:
            break
        offset = match.end()
    try:
        for _ in _reader(text[offset:], table.delimiter, strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" not in str(exc):
            return
        filled = [(k, v) for k, v in last.cells.items() if v]
        column, value = filled[-1] if filled and not last.extra else ("", (table.delimiter or ",").join(last.extra))
        unclosed = problem(table.name, last.line, column, visible(value), "csv.unclosed_quote", at_line=last.line)
        table.records[-1] = replace(last, problems=last.problems + (unclosed,))
        table.problems.append(unclosed)


def table_from_rows(rows: Iterable[Iterable[object]], name: str, notes: Iterable[Note] = (),
                    limits: Limits | None = None) -> Table:
    """A Table from rows already split into cells (e.g. an Excel sheet read
    with openpyxl): the same header, blank-row and cell checks (and limits)
    as read_table. None becomes ""; numbers become their shortest text (3.0 -> "3")."""

    def text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    table = Table(name, encoding="", delimiter="")
    table.notes.extend(notes)
    _records(name, ((line, [text(v) for v in row], None) for line, row in enumerate(rows, start=1)), table, limits)
    table.problems.sort(key=lambda p: (p.line or 0))
    return table


# Where a spreadsheet may start a new cell: at the delimiters it may split a
# line on (German Excel: ";"), and at line breaks when a line is split naively.
SEPARATORS = ",;\t\r\n"
_SEPARATOR = re.compile("([" + re.escape(SEPARATORS) + "])")
# a segment that may run as a formula: its first character after spaces and quotes (which a
# spreadsheet's import may drop) is = + - @, or the cell starts with tab or carriage return
_DANGER = re.compile(r'(?:^|[,;\t\r\n])[ "]*[=+\-@]|^[\t\r]')
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")
_NEEDS_QUOTES = re.compile(r'[,;\t\r\n"]')


def _runs(segment: str) -> bool:
    core = segment.lstrip(' "')
    return bool(core) and core[0] in "=+-@" and not _NUMBER.fullmatch(core.rstrip(' "'))


def safe_cell(value: object) -> object:
    """A value to write into a CSV cell that no spreadsheet runs as a formula, however it splits the line.

    The rule: the text is cut at every ``,`` ``;`` tab, carriage return and
    line feed; each piece whose first character (after spaces and double
    quotes) is ``=`` ``+`` ``-`` or ``@`` gets a leading ``'``, and so does
    text that starts with a tab or carriage return (the OWASP rule, applied
    to every place where a spreadsheet may start a cell). A piece that is a
    plain number ("-12.5", "+49") is left alone: a spreadsheet reads it as
    the number, never as a formula. Numbers (int, float) are returned
    unchanged, so a longitude of -12.5 stays a number.
    ``Jena;=6+6;x`` becomes ``Jena;'=6+6;x``."""
    if not isinstance(value, str) or not _DANGER.search(value):
        return value
    parts = _SEPARATOR.split(value)  # pieces at even positions, separators at odd ones
    out = "".join("'" + part if i % 2 == 0 and _runs(part) else part for i, part in enumerate(parts))
    return "'" + out if value.startswith(("\t", "\r")) else out


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (bool, int, float)):
        return str(value)  # numbers stay numbers (str of a float is its shortest exact form)
    text = safe_cell(str(value))
    # quoted when it holds any delimiter a spreadsheet may split on, a quote or a line break
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES.search(text) else text


def csv_line(values: Iterable[object]) -> str:
    """One CSV record (comma-separated, RFC 4180 line end ``\r\n``) that is
    safe in a spreadsheet: text goes through ``safe_cell``, and every cell
    holding ``,`` ``;`` a tab, a line break or a double quote is quoted, so
    splitting the line on ``,`` ``;`` or tab never starts a cell with a
    formula. None is written as an empty cell."""
    return ",".join(_cell_text(v) for v in values) + "\r\n"
