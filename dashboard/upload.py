"""A viewer's own list of partnerships on the map, for one session only.

The sidebar takes a CSV file or an Excel workbook (.xlsx). It is read with the
project's one lossless reader (geo.csvio), checked by the same rules as the
data (geo.datasets.read_partnerships) and placed the same way
(geo.resolve.place_partnerships). Everything stays in memory: the result is
kept in the viewer's session and the map gets its data inline, never as a
file on the server.

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
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geo import names, transliterate
from geo.csvio import Table, read_table, table_from_rows, visible
from geo.datasets import CONFERENCE_COLUMNS, read_partnerships
from geo.geocoder import Geocoder, default_geocoder
from geo.problems import Problem
from geo.regions import is_region_code, load_regions, pycountry_names
from geo.resolve import Atlas, place_partnerships, town_table

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
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


@dataclass
class Upload:
    """A read upload: its map data, or why it was refused."""

    name: str
    rows: int = 0  # records of the file (blank rows hold no data and are not counted)
    atlas: Atlas | None = None
    notes: list[str] = field(default_factory=list)  # what the reader assumed, in plain words (English, like problems)
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


def read(data: bytes, name: str, geocoder: Geocoder | None = None) -> Upload:
    """Read, check and place an uploaded file (CSV or .xlsx). Never raises for bad input."""
    name = visible(str(name or "upload.csv"), 120)
    if len(data) > MAX_BYTES:
        return Upload(name, error=("upload.too_big", {"size": f"{len(data) / 1024 / 1024:.1f}", "limit": MAX_BYTES // 1024 // 1024}))
    if not data.strip():
        return Upload(name, error=("upload.empty", {}))
    if data.startswith(_XLSX_MAGIC) or name.lower().endswith((".xlsx", ".xlsm")):
        table, error = _excel(data, name)
        if error:
            return Upload(name, error=error)
    else:
        table = read_table(data, name)
    if len(table.records) > MAX_ROWS:
        return Upload(name, rows=len(table.records), error=("upload.too_many_rows", {"rows": len(table.records), "limit": MAX_ROWS}))
    if not {"de_name", "ru_name"} & set(table.header):
        found = ", ".join(visible(h, 40) for h in table.header[:12]) or "—"
        return Upload(name, rows=len(table.records), error=("upload.no_columns", {"found": found}))
    table, filled = _complete(table)
    partnerships, problems = read_partnerships(table, name)
    problems = [p for p in problems if not _waived(p, table)]
    place_partnerships(partnerships, geocoder or default_geocoder(), name, problems)
    _name_every_unplaced_row(partnerships, name, problems)
    conferences = pd.DataFrame({c: pd.Series(dtype=object) for c in CONFERENCE_COLUMNS + ["line", "method", "matched"]})
    atlas = Atlas(partnerships=partnerships, conferences=conferences, problems=problems, towns=town_table(partnerships))
    return Upload(name, rows=len(table.records), atlas=atlas, notes=list(table.notes), filled=filled)


def _excel(data: bytes, name: str) -> tuple[Table | None, tuple[str, dict] | None]:
    """The first sheet of a workbook as a Table (values, not formulas)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl's own errors: any broken part of the archive
        return None, ("upload.not_excel", {"reason": visible(str(exc) or type(exc).__name__, 200)})
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            return None, ("upload.empty", {})
        rows: list[tuple] = []
        blank = 0
        filled = 0
        for row in sheet.iter_rows(values_only=True):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
                blank += 1
                if blank >= _BLANK_RUN:
                    break
                continue
            rows.extend([()] * blank)  # kept, so that line numbers are the sheet's row numbers
            blank = 0
            rows.append(row)
            filled += 1
            if filled > MAX_ROWS + 1:
                return None, ("upload.too_many_rows", {"rows": f"> {MAX_ROWS}", "limit": MAX_ROWS})
        notes = [f"Excel workbook: sheet \u201c{visible(sheet.title, 40)}\u201d"
                 + (f" (the first of {len(book.worksheets)}; the others were not read)" if len(book.worksheets) > 1 else ""),
                 "formulas read as their last computed values"]
    except Exception as exc:  # a broken sheet inside a valid archive
        return None, ("upload.not_excel", {"reason": visible(str(exc) or type(exc).__name__, 200)})
    finally:
        book.close()
    return table_from_rows(rows, name, notes), None


def _waived(problem: Problem, table: Table) -> bool:
    """A problem the curated data has and a viewer's list does not (see the module's docstring)."""
    if problem.column in OPTIONAL and problem.value == "":
        return True
    # said in the notes instead: the reader's assumptions are no fault of the viewer's file
    return problem.line is None and problem.column == "" and problem.value in (table.encoding, repr(table.delimiter))


def _name_every_unplaced_row(partnerships: pd.DataFrame, file: str, problems: list[Problem]) -> None:
    """Nothing leaves the map silently: an unplaced row no error names gets one."""
    named = {p.row_id for p in problems if p.severity == "error"}
    unplaced = partnerships[~(partnerships["placed"] | partnerships["single"])]
    for row_id, line in zip(unplaced["id"], unplaced["line"]):
        if row_id not in named:
            problems.append(Problem(file, int(line), "", str(row_id), "not on the map: one of the two places is missing "
                                    "or could not be placed", "error", str(row_id)))


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
    records = []
    for record in table.records:
        cells = dict(record.cells)
        for column in regions:
            cells[column] = region_code(cells.get(column, ""), "DE" if column == "de_region" else "RU")
        if cyrillic_ru and transliterate.is_cyrillic(cells.get("ru_name", "")):
            cells["ru_name_ru"] = cells["ru_name"]  # a Cyrillic name is the Russian form; the map shows it in Russian
        if "id" in missing:
            cells["id"] = _unique(_slug(cells.get("de_name", ""), cells.get("ru_name", ""), record.line), used)
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


def _unique(slug: str, used: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in used:
        candidate, n = f"{slug}-{n}", n + 1
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
