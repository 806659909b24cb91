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

What it reports as problems: records with more or fewer fields than the
header, duplicate or empty header names, NUL bytes, bidirectional control
characters and zero-width characters in cells, and a quoted cell that runs
to the end of the file.
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

from .problems import Problem

DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
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

# Excel and LibreOffice run a cell that starts with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

ENCODING_NOTES = {
    "utf-8": "read as UTF-8",
    "utf-8-sig": "read as UTF-8 with a byte order mark (Excel \u201cCSV UTF-8\u201d)",
    "utf-16": "read as UTF-16 (Excel \u201cUnicode text\u201d)",
    "cp1252": "not UTF-8: read as Windows-1252 (German Excel); save as \u201cCSV UTF-8\u201d to be sure",
    "latin-1": "not UTF-8 nor Windows-1252: read as Latin-1 (ISO 8859-1); check umlauts and Cyrillic letters",
}


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
    delimiter, skipped lines), in plain words for a user.
    """

    name: str
    header: list[str] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ","
    header_line: int = 1
    blank_records: int = 0

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
                Problem("", line, "", repr(body[exc.start:exc.end + 8])[1:],
                        "bytes that are not UTF-8 in a file marked as UTF-8; replaced by \ufffd")]
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


def sniff_delimiter(text: str) -> str:
    """``,`` ``;`` or tab: the one found most often outside quotes in the header
    line (the first line with anything but blanks and delimiters); comma on a tie."""
    header = ""
    start = 0
    for match in _LINE_BREAK.finditer(text + "\n"):
        line = text[start:match.start()]
        start = match.end()
        if line.strip(" \t,;\ufeff"):
            header = line
            break
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for c in header:
        if c == '"':
            quoted = not quoted
        elif not quoted and c in counts:
            counts[c] += 1
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
        problems.append(Problem(name, line, column, visible(value),
                                "contains NUL bytes (removed): the file may be damaged or not a text file"))
        value = value.replace("\x00", "")
    if len(value) > MAX_CELL_CHARS:
        problems.append(Problem(name, line, column, visible(value),
                                f"cell has {len(value):,} characters, more than the {MAX_CELL_CHARS:,} any column allows; "
                                "left empty (is a closing quote missing?)"))
        return "", problems
    bidi = sorted({c for c in value if c in BIDI_CONTROLS})
    if bidi:
        problems.append(Problem(name, line, column, visible(value),
                                f"contains a bidirectional control character ({', '.join(map(_char_name, bidi))}) "
                                "that can make the text display in another order than it is stored"))
    zero = sorted({c for c in value if c in ZERO_WIDTH})
    if zero:
        problems.append(Problem(name, line, column, visible(value),
                                f"contains an invisible zero-width character ({', '.join(map(_char_name, zero))}): "
                                "the text differs from what it looks like", "warning"))
    return value, problems


def _fields(count: int) -> str:
    return f"{count} field" if count == 1 else f"{count} fields"


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
            problems.append(Problem(name, line, f"#column-{position}", "",
                                    f"column {position} has no name in the header; its cells are not used", "warning"))
        elif column in first:
            keys.append(f"{column}#{position}")
            problems.append(Problem(name, line, column, column,
                                    f"duplicate column name: columns {first[column]} and {position} are both called "
                                    f"{column!r}; only column {first[column]} is used"))
        else:
            first[column] = position
            keys.append(column)
    return keys, problems


def _records(name: str, rows: Iterable[tuple[int, list[str] | None, str | None]], table: Table) -> None:
    """Fill ``table`` from (start line, fields, csv error) triples: header, records, problems."""
    header: list[str] | None = None
    leading_blank = 0
    for line, fields, error in rows:
        if error is not None:
            # The csv module gave up on this record: keep its place as an
            # empty record that carries the error.
            problem = Problem(name, line, "", "", f"malformed CSV record: {error}")
            table.records.append(Record(line, dict.fromkeys(header or [], ""), (), (problem,)))
            table.problems.append(problem)
            continue
        if not any(f.strip() for f in fields):
            if header is None:
                leading_blank += 1
            else:
                table.blank_records += 1
            continue
        if header is None:
            header, problems = _header(name, line, fields)
            table.header, table.header_line = header, line
            table.problems.extend(problems)
            continue
        problems = []
        width = len(header)
        if len(fields) < width:
            problems.append(Problem(name, line, "", visible(table.delimiter.join(fields)),
                                    f"row has {_fields(len(fields))}, the header has {width}; the missing cells are left empty"))
        extra = tuple(fields[width:])
        if any(f.strip() for f in extra):
            problems.append(Problem(name, line, "", visible((table.delimiter or ",").join(extra)),
                                    f"row has {_fields(len(fields))}, the header has {width}; the cells beyond column "
                                    f"{width} are not used (a {DELIMITER_NAMES.get(table.delimiter, 'delimiter')} "
                                    "inside a cell without quotes?)"))
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
        table.notes.append(f"skipped {leading_blank} blank line{'s' if leading_blank > 1 else ''} before the header")
    if table.blank_records:
        table.notes.append(f"skipped {table.blank_records} empty row{'s' if table.blank_records > 1 else ''}")
    if header is None:
        table.problems.append(Problem(name, None, "", "", "file is empty: no header"))
    elif not table.records:
        table.notes.append("the file has a header but no rows")


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


def read_table(source: Path | str | bytes, name: str | None = None) -> Table:
    """Read one CSV file (a path, or its bytes as uploaded) without losing a record.

    ``name`` is the file name used in problems (default: the path's name, or
    "upload.csv" for bytes). A file that cannot be read gives a Table with no
    records and one problem; read_table itself does not raise.
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
            return Table(name, problems=[Problem(name, None, "", str(path), "file not found")])
        except IsADirectoryError:
            return Table(name, problems=[Problem(name, None, "", str(path), "is a folder, not a file")])
        except OSError as exc:
            return Table(name, problems=[Problem(name, None, "", str(path), f"cannot read the file: {exc.strerror or exc}")])
    text, encoding, decode_problems = decode(data)
    table = Table(name, encoding=encoding, delimiter=sniff_delimiter(text))
    table.notes.append(ENCODING_NOTES[encoding])
    table.notes.append(f"delimiter: {DELIMITER_NAMES[table.delimiter]}")
    table.problems.extend(replace(problem, file=name) for problem in decode_problems or [])
    _records(name, _parse(text, table.delimiter), table)
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
        problem = Problem(table.name, last.line, column, visible(value),
                          f"a quoted cell in the row starting on line {last.line} runs to the end of the file: "
                          "a closing double quote is probably missing")
        table.records[-1] = replace(last, problems=last.problems + (problem,))
        table.problems.append(problem)


def table_from_rows(rows: Iterable[Iterable[object]], name: str, notes: Iterable[str] = ()) -> Table:
    """A Table from rows already split into cells (e.g. an Excel sheet read
    with openpyxl): the same header, blank-row and cell checks as read_table.
    None becomes ""; numbers become their shortest text (3.0 -> "3")."""

    def text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    table = Table(name, encoding="", delimiter="")
    table.notes.extend(notes)
    _records(name, ((line, [text(v) for v in row], None) for line, row in enumerate(rows, start=1)), table)
    table.problems.sort(key=lambda p: (p.line or 0))
    return table


def safe_cell(value: object) -> object:
    """A value to write into a CSV cell that a spreadsheet will not run as a formula.

    Text starting with ``=`` ``+`` ``-`` ``@``, tab or carriage return gets a
    leading ``'`` (the OWASP rule). Numbers (int, float) are written as
    numbers, so a longitude of -12.5 stays a number; the same text "-12.5"
    in a text column is prefixed like any other text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
