"""Problem records: everything that is wrong with an input, with where it is.

Every problem (and every note on what a reader assumed) has a stable
``code`` and its ``params``: the values the sentence needs. ``CODES`` holds
the English sentence of each code; the dashboard renders the same code in
the viewer's language from its locale files (``problem.<code>``), the CLI
and ``problems.csv`` keep the English ``reason``. A code's sentence may have
plural forms (CLDR categories "one", "other"), chosen by the param ``n``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

# code -> English sentence (str.format with the params), or its plural forms by CLDR category
CODES: dict[str, str | dict[str, str]] = {
    # -- files (geo.csvio, geo.datasets) ---------------------------------------
    "file.not_found": "file not found",
    "file.is_folder": "is a folder, not a file",
    "file.unreadable": "cannot read the file: {error}",
    "file.empty": "file is empty: no header",
    "file.no_rows": "the file has a header but no rows",
    "file.not_utf8": "file is not UTF-8 ({note})",
    "file.semicolons": "the data files are comma-separated; this one was read with semicolons",
    "file.tabs": "the data files are comma-separated; this one was read with tabs",
    "file.too_many_columns": "the header has {n:,} columns, more than the {limit:,} a file may have; the file was not read",
    "file.too_many_rows": "too many rows (at most {limit:,}); reading stopped at line {at_line}",
    "file.too_many_cells": "too many cells (at most {limit:,}); reading stopped at line {at_line}",
    # -- CSV syntax and cells (geo.csvio) ----------------------------------------
    "csv.broken_utf8": "bytes that are not UTF-8 in a file marked as UTF-8; replaced by \ufffd",
    "csv.malformed": "malformed CSV record: {error}",
    "csv.unclosed_quote": ("a quoted cell in the row starting on line {at_line} runs to the end of the file: "
                           "a closing double quote is probably missing"),
    "cell.nul": "contains NUL bytes (removed): the file may be damaged or not a text file",
    "cell.too_long": ("cell has {n:,} characters, more than the {limit:,} any column allows; "
                      "left empty (is a closing quote missing?)"),
    "cell.bidi": ("contains a bidirectional control character ({chars}) "
                  "that can make the text display in another order than it is stored"),
    "cell.zero_width": "contains an invisible zero-width character ({chars}): the text differs from what it looks like",
    "header.unnamed": "column {position} has no name in the header; its cells are not used",
    "header.duplicate": ("duplicate column name: columns {first} and {position} are both called {name!r}; "
                         "only column {first} is used"),
    "header.column_missing": "required column missing from header",
    "header.old_column": "column of the old schema (ignored): now {columns} (with {companion})",
    "header.unknown_column": "unknown column (ignored)",
    "row.too_few": {"one": "row has {n} field, the header has {width}; the missing cells are left empty",
                    "other": "row has {n} fields, the header has {width}; the missing cells are left empty"},
    "row.too_many": "row has {n} fields, the header has {width}; the cells beyond column {width} are not used",
    "row.too_many_csv": ("row has {n} fields, the header has {width}; the cells beyond column {width} are not used "
                         "(a {delimiter_name} inside a cell without quotes?)"),
    # -- values (geo.datasets) ----------------------------------------------------
    "value.missing": "required value is missing",
    "value.not_one_of": "must be one of {allowed}",
    "value.year_missing": "required year is missing",
    "value.not_a_year": "not a four-digit year",
    "value.year_out_of_range": "year outside {first}-{last}",
    "value.not_a_date": "not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "value.no_such_date": "no such date",
    "value.date_in_future": "date lies in the future",
    "value.region_missing": "required region code is missing",
    "value.not_a_german_region": "not an ISO 3166-2 code of Germany (e.g. DE-TH)",
    "value.not_a_russian_region": "not an ISO 3166-2 code of Russia (e.g. RU-KLU)",
    "value.source_missing": "every row needs a source URL",
    "value.not_a_url": "not a URL: {url!r} (separate several URLs with spaces)",
    "value.not_whole_number": "not a whole number",
    "value.not_a_number": "not a number",
    "value.out_of_range": "outside {low}..{high}",
    "value.text_incomplete": ("{filled} is filled, so {missing} must be too: give the text in German, "
                              "Russian and English"),
    "value.language_required": ("required because {needed_by} is filled: the language the text was "
                                "written in (de, ru or en)"),
    "value.not_a_language": "must be one of de, ru, en (the language the text was written in)",
    "value.cyrillic_name_missing": "Cyrillic name of the Russian partner is missing",
    "id.not_a_slug": "id must be a lowercase slug of letters, digits and hyphens (e.g. suhl-kaluga)",
    "id.duplicate": "duplicate id (first used on line {first})",
    "name_ru.source_without_name": "a source for de_name_ru, but de_name_ru is empty",
    "name_ru.source_missing": ("required because de_name_ru is filled: the URL of a Russian page that "
                               "uses this spelling, or the word 'transcription'"),
    "name_ru.bad_source": "must be a URL (several separated by spaces) or the word 'transcription'",
    "position.half": "give both latitude and longitude, or neither",
    "position.no_reason": "a manual position needs a reason in position_note",
    "disputed.unknown_field": "unknown field {field!r}: an entry is field=value URL, field one of {allowed}",
    "disputed.not_a_year": "since={given!r} is not a year {first}-{last}",
    "disputed.bad_kind": "kind={given!r} must be one of {allowed}",
    "disputed.bad_status": "status={given!r} must be one of {allowed}",
    "disputed.no_source": "{field}={given} needs the URL of the source that gives this value (http or https)",
    "disputed.own_value": "{field}={given} is the row's own value; name the other value a source gives",
    "conference.bad_format": "must be one of {allowed} (empty: in_person)",
    "conference.number_missing": "required value is missing (only an online conference may have none)",
    "conference.duplicate_number": "duplicate conference number (first on line {first})",
    "conference.ends_before_start": "ends before it starts",
    "conference.co_hosts_differ": {
        "one": "names {n} town, {other} names {m} (separate towns with '; ')",
        "other": "names {n} towns, {other} names {m} (separate towns with '; ')"},
    "participants.half": "give both participants_min and participants_max (the same number when the sources agree)",
    "participants.min_over_max": "smaller than participants_min ({low})",
    "participants.source_missing": "required because participants are given: the URLs that state the figures",
    "participants.source_without_figures": "a source for participants, but none are given",
    "history.id_missing": "required value is missing: the id of the partnership in partnerships.csv",
    "history.date_missing": "required value is missing: when the status began (YYYY, YYYY-MM or YYYY-MM-DD)",
    "history.same_date": "a second status change of {id} on the same date (first on line {first})",
    "history.unknown_id": "no partnership with this id in {other_file}",
    "history.before_founding": "status change before the partnership was founded ({since})",
    "history.status_disagrees": "disagrees with the latest row of {other_file} for {id}: {status} since {date} (line {at_line})",
    "history.status_date_early": ("earlier than the latest status change in {other_file} ({status} since {date}, "
                                  "line {at_line}): a source cannot state a status before it began"),
    "json.not_utf8": "file is not UTF-8",
    "json.invalid": "not valid JSON ({error}); write it as {example}",
    "json.not_an_object": "must be a JSON object like {example}",
    "json.unknown_key": "unknown key (ignored)",
    "json.updated_missing": "required key is missing; write it as {example}",
    "json.updated_not_a_date": 'not a date: write the day of the last data update as "YYYY-MM-DD" (in quotes)',
    "json.no_such_date": "no such date (YYYY-MM-DD)",
    "json.corrections_invalid": "neither an e-mail address nor the https:// address of an issue tracker; write it as {example}",
    # -- placing (geo.geocoder, geo.resolve, dashboard.upload) ----------------------
    "geocode.empty_name": "cannot be placed: empty name",
    "geocode.not_found": "cannot be placed: no place named {name!r} in {where}",
    "geocode.not_found_no_region": ("cannot be placed: no place named {name!r} in {where} "
                                    "(no valid region code to search in)"),
    "geocode.not_found_elsewhere": "cannot be placed: no place named {name!r} in {where}; found {found}",
    "geocode.ambiguous": ("cannot be placed: ambiguous: {n} places named {name!r} in {where}, none clearly the one "
                          "meant; left unplaced. Candidates: {candidates}"),
    "geocode.ambiguous_no_region": ("cannot be placed: ambiguous: {n} places named {name!r} and no region was given, "
                                    "none clearly the one meant; left unplaced. Candidates: {candidates} "
                                    "(no valid region code to search in)"),
    "geocode.unplaced": "cannot be placed: {note}",
    "geocode.budget": ("cannot be placed: not looked up, because placing this file took longer than {seconds} s "
                       "(the limit for one upload)"),
    "geocode.namesake_largest": "placed at {matched} ({region}): {note}",
    "geocode.namesake_exact": "placed at {matched} ({region}): {note}",
    "geocode.manual_far": "manual position lies near {near} ({near_region}), outside {region}",
    "geocode.duplicate": "likely duplicate of {other} (line {other_line}): same pair of places",
    "upload.not_on_map": "not on the map: one of the two places is missing or could not be placed",
    # -- notes: what a reader assumed ---------------------------------------------------
    "read.utf8": "read as UTF-8",
    "read.utf8_bom": "read as UTF-8 with a byte order mark (Excel \u201cCSV UTF-8\u201d)",
    "read.utf16": "read as UTF-16 (Excel \u201cUnicode text\u201d)",
    "read.cp1252": "not UTF-8: read as Windows-1252 (German Excel); save as \u201cCSV UTF-8\u201d to be sure",
    "read.latin1": "not UTF-8 nor Windows-1252: read as Latin-1 (ISO 8859-1); check umlauts and Cyrillic letters",
    "read.delimiter_comma": "delimiter: comma",
    "read.delimiter_semicolon": "delimiter: semicolon",
    "read.delimiter_tab": "delimiter: tab",
    "read.blank_before_header": {"one": "skipped {n} blank line before the header",
                                 "other": "skipped {n} blank lines before the header"},
    "read.empty_rows": {"one": "skipped {n} empty row", "other": "skipped {n} empty rows"},
    "read.no_rows": "the file has a header but no rows",
    "read.excel_sheet": "Excel workbook: sheet \u201c{sheet}\u201d",
    "read.excel_first_sheet": "Excel workbook: sheet \u201c{sheet}\u201d (the first of {n}; the others were not read)",
    "read.excel_values": "formulas read as their last computed values",
    "read.geocode_budget": {
        "one": "placing stopped after {seconds} s: {n} name was not looked up (listed under the problems)",
        "other": "placing stopped after {seconds} s: {n} names were not looked up (listed under the problems)"},
}


# Params are named so they never clash with problem()'s own arguments
# (file, line, column, value, code, severity, row_id): "at_line", "other_file".
def english(code: str, params: dict) -> str:
    """The English sentence of ``code`` with ``params`` (KeyError for an unknown code)."""
    text = CODES[code]
    if isinstance(text, dict):
        text = text["one"] if params.get("n") == 1 and "one" in text else text["other"]
    return text.format(**params)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell of one file.

    ``line`` is the 1-based line in the file (the header is line 1), or None
    when the problem concerns the whole file. ``reason`` is the English
    sentence; ``code`` (a key of CODES) and ``params`` let a view say it in
    another language. Make one with :func:`problem`.
    """

    file: str
    line: int | None
    column: str
    value: str
    reason: str
    severity: str = "error"  # "error" breaks the data contract, "warning" deserves a look
    row_id: str = ""
    code: str = ""
    params: dict = field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        code = f" [{self.code}]" if self.code else ""
        return f"{where}: {self.severity}: column {self.column!r}, value {self.value!r}: {self.reason}{code}"

    def as_dict(self) -> dict:
        """The fields of PROBLEM_FIELDS (what a table of problems shows)."""
        return {k: v for k, v in asdict(self).items() if k in PROBLEM_FIELDS}


PROBLEM_FIELDS = ["file", "line", "column", "value", "reason", "severity", "row_id"]


def problem(file: str, line: int | None, column: str, value: str, code: str, severity: str = "error",
            row_id: str = "", **params) -> Problem:
    """A Problem of ``code``, its English reason written from ``params``."""
    return Problem(file, line, column, value, english(code, params), severity, row_id, code, params)


class Note(str):
    """What a reader assumed, e.g. "read as UTF-8": the English sentence (the
    string itself, so it joins and prints like any text) with its ``code``
    and ``params`` for a view in another language."""

    code: str
    params: dict

    def __new__(cls, code: str, **params) -> Note:
        note = super().__new__(cls, english(code, params))
        note.code, note.params = code, params
        return note

    def __reduce__(self):  # a str subclass would be rebuilt from its text alone
        return _note, (self.code, self.params)


def _note(code: str, params: dict) -> Note:
    return Note(code, **params)
