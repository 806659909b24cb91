"""Reading and validating the curated datasets in ``data/``.

Every cell that breaks the data contract (see data/README.md) becomes a
Problem naming file, line, column and value. No row is ever dropped: a row
with a problem is kept, with the broken cell left empty, so it still shows up
(and says why it is not on the map). Every CSV goes through the one lossless
reader, geo.csvio.read_table, so the readers here also take the bytes of an
upload or an already read Table.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from .csvio import ENCODING_NAMES, Table, read_table, visible
from .problems import Problem, problem
from .regions import DATA_DIR, data_dir, is_region_code

PARTNERSHIPS_CSV = DATA_DIR / "partnerships.csv"
CONFERENCES_CSV = DATA_DIR / "conferences.csv"
STATUS_HISTORY_CSV = DATA_DIR / "status_history.csv"
METADATA_JSON = DATA_DIR / "metadata.json"

LEVELS = ("municipality", "district", "region")
KINDS = ("partnership", "friendship")
STATUSES = ("active", "suspended", "ended", "proposed", "unknown")
LANGS = ("de", "ru", "en")
TRANSCRIPTION = "transcription"  # de_name_ru_source for the conventional Russian rendering

PARTNERSHIP_COLUMNS = [
    "id", "de_name", "de_region", "de_name_ru", "de_name_ru_source", "ru_name", "ru_name_ru", "ru_name_en", "ru_region",
    "level", "kind", "since", "status", "status_date", "text_lang",
    "status_note_de", "status_note_ru", "status_note_en", "note_de", "note_ru", "note_en",
    "source", "de_lat", "de_lon", "ru_lat", "ru_lon", "position_note", "disputed",
]
PARTNERSHIP_REQUIRED = ["id", "de_name", "de_region", "ru_name", "ru_region", "level", "kind", "since", "status", "source"]
PARTNERSHIP_TEXTS = ("status_note", "note")  # each in _de, _ru and _en

CONFERENCE_COLUMNS = [
    "number", "year", "start_date", "end_date", "host", "host_ru", "host_en", "country", "region",
    "co_hosts", "co_hosts_ru", "co_hosts_en", "motto_lang", "motto_de", "motto_ru", "motto_en",
    "participants_min", "participants_max", "participants_source", "source", "lat", "lon", "format",
]
CONFERENCE_REQUIRED = ["number", "year", "host", "country", "region", "source"]
CONFERENCE_FORMATS = ("in_person", "online")  # an empty format is in_person
DISPUTABLE = ("since", "kind", "status")  # the fields a partnership's `disputed` entries may name

STATUS_HISTORY_COLUMNS = ["id", "date", "status", "source", "note_de", "note_ru", "note_en"]
STATUS_HISTORY_REQUIRED = ["id", "date", "status", "source"]

# Columns of the old schema, so a file in it gets a hint instead of a bare "unknown column":
# old name -> (the columns that replace it, the column that goes with them)
RENAMED_COLUMNS = {
    "status_note": (("status_note_de", "status_note_ru", "status_note_en"), "text_lang"),
    "note": (("note_de", "note_ru", "note_en"), "text_lang"),
    "motto": (("motto_de", "motto_ru", "motto_en"), "motto_lang"),
    "participants": (("participants_min", "participants_max"), "participants_source"),
}

FIRST_YEAR = 1945
MAX_PARTICIPANTS = 100_000
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


def _is_url(token: str) -> bool:
    parsed = urlparse(token)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def date_key(value: str) -> tuple[int, int, int]:
    """A YYYY, YYYY-MM or YYYY-MM-DD date as a sortable tuple (missing parts 0)."""
    parts = [int(p) for p in value.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


@dataclass
class Checker:
    """Collects problems for one file, one row at a time."""

    file: str
    problems: list[Problem]
    line: int = 0
    row_id: str = ""

    def add(self, column: str, value: str, code: str, severity: str = "error", **params) -> None:
        """A problem of ``code`` (geo.problems.CODES) in this row."""
        self.problems.append(problem(self.file, self.line, column, value, code, severity, self.row_id, **params))

    # Each check returns the clean value, or None (and records a problem).
    def required(self, row: dict, column: str) -> str | None:
        value = row.get(column, "")
        if not value:
            self.add(column, value, "value.missing")
            return None
        return value

    def choice(self, row: dict, column: str, allowed: tuple[str, ...]) -> str | None:
        value = row.get(column, "")
        if value not in allowed:
            self.add(column, value, "value.not_one_of", allowed=", ".join(allowed))
            return None
        return value

    def year(self, row: dict, column: str, required: bool = False) -> int | None:
        value = row.get(column, "")
        if not value:
            if required:
                self.add(column, value, "value.year_missing")
            return None
        if not re.fullmatch(r"\d{4}", value):
            self.add(column, value, "value.not_a_year")
            return None
        year = int(value)
        if not FIRST_YEAR <= year <= dt.date.today().year:
            # years as text: a view would write 1945 with a thousands separator
            self.add(column, value, "value.year_out_of_range", first=str(FIRST_YEAR), last=str(dt.date.today().year))
            return None
        return year

    def date(self, row: dict, column: str) -> str | None:
        value = row.get(column, "")
        if not value:
            return None
        if not _DATE.match(value):
            self.add(column, value, "value.not_a_date")
            return None
        parts = [int(p) for p in value.split("-")] + [1, 1]
        try:
            when = dt.date(parts[0], parts[1], parts[2])
        except ValueError:
            self.add(column, value, "value.no_such_date")
            return None
        if when > dt.date.today():
            self.add(column, value, "value.date_in_future", "warning")
        return value

    def region(self, row: dict, column: str, country: str, required: bool = True) -> str | None:
        value = row.get(column, "")
        if not value:
            if required:
                self.add(column, value, "value.region_missing")
            return None
        if not is_region_code(value, country):
            self.add(column, value, "value.not_a_german_region" if country == "DE" else "value.not_a_russian_region")
            return None
        return value

    def urls(self, row: dict, column: str, required: bool = True) -> str | None:
        value = row.get(column, "")
        if not value:
            if required:
                self.add(column, value, "value.source_missing")
            return None
        bad = [u for u in value.split() if not _is_url(u)]
        if bad:
            self.add(column, value, "value.not_a_url", url=bad[0])
            return None
        return value

    def number(self, row: dict, column: str, low: float, high: float, integer: bool = False) -> float | int | None:
        value = row.get(column, "")
        if not value:
            return None
        # German spreadsheets write 54,53; unambiguous, so it is read as 54.53.
        text = value.replace(",", ".") if not integer and _DECIMAL_COMMA.match(value) else value
        try:
            number = int(text) if integer else float(text)
        except ValueError:
            self.add(column, value, "value.not_whole_number" if integer else "value.not_a_number")
            return None
        if number != number or not low <= number <= high:  # NaN fails the range too
            self.add(column, value, "value.out_of_range", low=low, high=high)
            return None
        return number

    def texts(self, row: dict, base: str) -> bool:
        """All three of base_de, base_ru, base_en filled, or none; True when any is."""
        columns = [f"{base}_{lang}" for lang in LANGS]
        filled = [c for c in columns if row.get(c, "")]
        if filled and len(filled) < len(columns):
            for column in columns:
                if column not in filled:
                    self.add(column, "", "value.text_incomplete", filled=filled[0], missing=column)
        return bool(filled)

    def language(self, row: dict, column: str, needed_by: str | None) -> str | None:
        """A de|ru|en code, required when ``needed_by`` names a filled text column."""
        value = row.get(column, "")
        if not value:
            if needed_by:
                self.add(column, value, "value.language_required", needed_by=needed_by)
            return None
        if value not in LANGS:
            self.add(column, value, "value.not_a_language")
            return None
        return value


def _table(source: Path | str | bytes | Table | None, default: str) -> Table:
    """The Table of ``source``: a path (default: the data folder's ``default``), bytes or a read Table."""
    if isinstance(source, Table):
        return source
    if isinstance(source, (bytes, bytearray, memoryview)):
        return read_table(bytes(source), default)
    return read_table(Path(source) if source is not None else data_dir() / default)


def _rows(table: Table, columns: list[str], required: list[str], problems: list[Problem]):
    """(line, row, record problems) for every record of ``table``; file and
    header problems go to ``problems``. Each row has every column of ``columns``."""
    name = table.name
    # Record problems come with their row (to get its id); the rest concern the file.
    in_records = {id(p) for record in table.records for p in record.problems}
    problems.extend(p for p in table.problems if id(p) not in in_records)
    if table.encoding not in ("utf-8", "utf-8-sig", ""):
        note = next((n for n in table.notes if "read as" in n), table.encoding)
        problems.append(problem(name, None, "", table.encoding, "file.not_utf8", "warning", note=note,
                                encoding=ENCODING_NAMES.get(table.encoding, table.encoding)))
    if table.delimiter not in (",", ""):
        problems.append(problem(name, None, "", repr(table.delimiter),
                                "file.semicolons" if table.delimiter == ";" else "file.tabs", "warning"))
    if not table.header:
        return
    line = table.header_line
    for column in required:
        if column not in table.header:
            problems.append(problem(name, line, column, "", "header.column_missing"))
    for column in table.header:
        if column in columns or "#" in column:  # "#": a duplicate or nameless column, already reported
            continue
        if column in RENAMED_COLUMNS:
            replacements, companion = RENAMED_COLUMNS[column]
            problems.append(problem(name, line, column, column, "header.old_column", "warning",
                                    columns=", ".join(replacements), companion=companion))
        else:
            problems.append(problem(name, line, column, column, "header.unknown_column", "warning"))
    if not table.records:
        problems.append(problem(name, None, "", "", "file.no_rows", "warning"))
    for record in table.records:
        row = {column: record.cells.get(column, "") for column in columns}
        yield record.line, row, list(record.problems)


class _Ids:
    """Row ids that never collide: a missing id becomes "#line-N" and a
    duplicate "id#line-N", neither of which can be a valid slug; should a
    broken id in the file spell one of those, "~" is appended until unique."""

    def __init__(self, check: Checker) -> None:
        self.check = check
        self.first_line: dict[str, int] = {}  # id as written -> first line using it
        self.used: set[str] = set()

    def __call__(self, value: str, line: int) -> str:
        check = self.check
        rid = value
        if not value:
            check.add("id", value, "value.missing")
            rid = f"#line-{line}"
        elif not _SLUG.match(value):
            check.add("id", value, "id.not_a_slug")
        if value and value in self.first_line:
            check.add("id", value, "id.duplicate", first=self.first_line[value])
            rid = f"{value}#line-{line}"
        if value:
            self.first_line.setdefault(value, line)
        while rid in self.used:
            rid += "~"
        self.used.add(rid)
        return rid


def _tag(problems: list[Problem], row_id: str) -> list[Problem]:
    """The reader's problems of one record, marked with the row's id."""
    return [p if p.row_id else replace(p, row_id=row_id) for p in problems]


def read_partnerships(source: Path | str | bytes | Table | None = None, name: str = "partnerships.csv"
                      ) -> tuple[pd.DataFrame, list[Problem]]:
    """All partnership rows (cleaned) and the problems found in them.

    ``source``: a path (default: partnerships.csv in data_dir()), the bytes of
    an upload (named ``name`` in problems) or a Table from geo.csvio. The
    frame has PARTNERSHIP_COLUMNS plus ``line``, one row per record."""
    table = _table(source, name)
    problems: list[Problem] = []
    check = Checker(table.name, problems)
    ids = _Ids(check)
    records = []
    for line, row, row_problems in _rows(table, PARTNERSHIP_COLUMNS, PARTNERSHIP_REQUIRED, problems):
        check.line, check.row_id = line, row["id"]
        record = dict(row)
        record["line"] = line
        record["id"] = ids(row["id"], line)
        check.row_id = record["id"]
        problems.extend(_tag(row_problems, record["id"]))
        check.required(row, "de_name")
        status = check.choice(row, "status", STATUSES)
        if not (status == "proposed" and not row["ru_name"]):
            check.required(row, "ru_name")
        record["de_region"] = check.region(row, "de_region", "DE") or ""
        record["ru_region"] = check.region(row, "ru_region", "RU", required=bool(row["ru_name"])) or ""
        record["level"] = check.choice(row, "level", LEVELS) or ""
        record["kind"] = check.choice(row, "kind", KINDS) or ""
        record["status"] = status or "unknown"
        record["since"] = check.year(row, "since")
        record["status_date"] = check.date(row, "status_date") or ""
        record["source"] = check.urls(row, "source") or ""
        _check_de_name_ru(check, row, record)
        record["disputed"] = _check_disputed(check, row)
        filled = [f"{base}_{lang}" for base in PARTNERSHIP_TEXTS for lang in LANGS if row[f"{base}_{lang}"]]
        for base in PARTNERSHIP_TEXTS:
            check.texts(row, base)
        record["text_lang"] = check.language(row, "text_lang", filled[0] if filled else None) or ""
        for side in ("de", "ru"):
            lat = check.number(row, f"{side}_lat", -90, 90)
            lon = check.number(row, f"{side}_lon", -180, 180)
            if (lat is None) != (lon is None) and (row[f"{side}_lat"] or row[f"{side}_lon"]):
                check.add(f"{side}_lat", f"{row[f'{side}_lat']},{row[f'{side}_lon']}", "position.half")
                lat = lon = None
            if lat is not None and not row["position_note"]:
                check.add("position_note", "", "position.no_reason", "warning")
            record[f"{side}_lat"], record[f"{side}_lon"] = lat, lon
        if not row["ru_name_ru"] and row["ru_name"]:
            check.add("ru_name_ru", "", "value.cyrillic_name_missing", "warning")
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=PARTNERSHIP_COLUMNS + ["line"])
    frame["since"] = frame["since"].astype("Int64")
    return frame, problems


def _check_de_name_ru(check: Checker, row: dict, record: dict) -> None:
    """de_name_ru needs its source: a URL of a Russian page using that spelling, or "transcription"."""
    value = row["de_name_ru_source"]
    if not row["de_name_ru"]:
        if value:
            check.add("de_name_ru_source", value, "name_ru.source_without_name", "warning")
        return
    if not value:
        check.add("de_name_ru_source", value, "name_ru.source_missing")
        record["de_name_ru_source"] = ""
    elif value != TRANSCRIPTION and not all(_is_url(u) for u in value.split()):
        check.add("de_name_ru_source", value, "name_ru.bad_source")
        record["de_name_ru_source"] = ""


def parse_disputed(text: str) -> list[tuple[str, str, list[str]]]:
    """The entries of a `disputed` cell as (field, value, source URLs), in order.

    The cell holds entries separated by ";", each `field=value URL [URL ...]`,
    e.g. `since=1991 https://example.org/a; kind=friendship https://example.org/b`.
    Parts that do not have this shape come back with an empty field or value;
    validation (read_partnerships) reports them."""
    entries = []
    for part in text.split(";"):
        tokens = part.split()
        if not tokens:
            continue
        field, _, value = tokens[0].partition("=")
        entries.append((field.strip(), value.strip(), tokens[1:]))
    return entries


def _check_disputed(check: Checker, row: dict) -> str:
    """The valid entries of the row's `disputed` cell (joined by "; "); each broken one is a Problem."""
    kept = []
    for field, value, urls in parse_disputed(row.get("disputed", "")):
        entry = " ".join([f"{field}={value}" if value or field else "", *urls]).strip()
        if field not in DISPUTABLE:
            code, params = "disputed.unknown_field", {"field": field, "allowed": ", ".join(DISPUTABLE)}
        elif field == "since" and not (re.fullmatch(r"\d{4}", value) and FIRST_YEAR <= int(value) <= dt.date.today().year):
            code, params = "disputed.not_a_year", {"given": value, "first": str(FIRST_YEAR), "last": str(dt.date.today().year)}
        elif field == "kind" and value not in KINDS:
            code, params = "disputed.bad_kind", {"given": value, "allowed": ", ".join(KINDS)}
        elif field == "status" and value not in STATUSES:
            code, params = "disputed.bad_status", {"given": value, "allowed": ", ".join(STATUSES)}
        elif not urls or not all(_is_url(u) for u in urls):
            code, params = "disputed.no_source", {"field": field, "given": value}
        else:
            if value == row.get(field, ""):
                check.add("disputed", entry, "disputed.own_value", "warning", field=field, given=value)
            kept.append(entry)
            continue
        check.add("disputed", entry, code, **params)
    return "; ".join(kept)


def read_conferences(source: Path | str | bytes | Table | None = None, name: str = "conferences.csv"
                     ) -> tuple[pd.DataFrame, list[Problem]]:
    """All conference rows (cleaned) and the problems found in them.

    ``source`` as for read_partnerships. The frame has CONFERENCE_COLUMNS plus
    ``line``; number, year, participants_min and participants_max are Int64."""
    table = _table(source, name)
    problems: list[Problem] = []
    check = Checker(table.name, problems)
    records = []
    seen: dict[int, int] = {}
    for line, row, row_problems in _rows(table, CONFERENCE_COLUMNS, CONFERENCE_REQUIRED, problems):
        check.line, check.row_id = line, row["number"]
        problems.extend(_tag(row_problems, row["number"]))
        record = dict(row)
        record["line"] = line
        number = check.number(row, "number", 1, 99, integer=True)
        record["format"] = row["format"] if row["format"] in CONFERENCE_FORMATS else "in_person"
        if row["format"] and row["format"] not in CONFERENCE_FORMATS:
            check.add("format", row["format"], "conference.bad_format", allowed=", ".join(CONFERENCE_FORMATS))
        # Online meetings since 2020 are not numbered; every conference in person is.
        if row["number"] == "" and record["format"] != "online":
            check.add("number", "", "conference.number_missing")
        if number is not None and number in seen:
            check.add("number", row["number"], "conference.duplicate_number", first=seen[number])
        if number is not None:
            seen.setdefault(number, line)
        record["number"] = number
        record["year"] = check.year(row, "year", required=True)
        record["start_date"] = check.date(row, "start_date") or ""
        record["end_date"] = check.date(row, "end_date") or ""
        if record["start_date"] and record["end_date"] and date_key(record["end_date"]) < date_key(record["start_date"]):
            check.add("end_date", row["end_date"], "conference.ends_before_start")
        # A conference that a source dates but no source names the host of, and
        # an online one, is listed without a place (not drawn); a host, once
        # given, needs its country and region.
        if row["host"] or row["country"] or row["region"]:
            check.required(row, "host")
            country = check.choice(row, "country", ("DE", "RU")) or ""
        else:
            country = ""
        record["country"] = country
        record["region"] = (check.region(row, "region", country) if country else None) or ""
        _check_co_hosts(check, row)
        has_motto = check.texts(row, "motto")
        motto = next((f"motto_{lang}" for lang in LANGS if row[f"motto_{lang}"]), None)
        record["motto_lang"] = check.language(row, "motto_lang", motto if has_motto else None) or ""
        _check_participants(check, row, record)
        record["source"] = check.urls(row, "source") or ""
        record["lat"] = check.number(row, "lat", -90, 90)
        record["lon"] = check.number(row, "lon", -180, 180)
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=CONFERENCE_COLUMNS + ["line"])
    for column in ("number", "year", "participants_min", "participants_max"):
        frame[column] = frame[column].astype("Int64")
    return frame, problems


def _check_co_hosts(check: Checker, row: dict) -> None:
    """The three co_hosts lists, where filled, name the same number of towns."""
    counts = {c: len([t for t in row[c].split(";") if t.strip()]) for c in ("co_hosts", "co_hosts_ru", "co_hosts_en") if row[c]}
    if len(set(counts.values())) > 1:
        first = next(iter(counts))
        for column, count in counts.items():
            if count != counts[first]:
                check.add(column, row[column], "conference.co_hosts_differ", "warning", n=count, other=first,
                          m=counts[first])


def _check_participants(check: Checker, row: dict, record: dict) -> None:
    """participants_min <= participants_max, both or neither, with their source."""
    low = check.number(row, "participants_min", 1, MAX_PARTICIPANTS, integer=True)
    high = check.number(row, "participants_max", 1, MAX_PARTICIPANTS, integer=True)
    given = bool(row["participants_min"] or row["participants_max"])
    if given and (bool(row["participants_min"]) != bool(row["participants_max"])):
        missing = "participants_max" if row["participants_min"] else "participants_min"
        check.add(missing, "", "participants.half")
        low = high = None
    if low is not None and high is not None and low > high:
        check.add("participants_max", row["participants_max"], "participants.min_over_max", low=low)
        low = high = None
    record["participants_min"], record["participants_max"] = low, high
    source = check.urls(row, "participants_source", required=False)
    if given and not row["participants_source"]:
        check.add("participants_source", "", "participants.source_missing")
    if row["participants_source"] and not given:
        check.add("participants_source", row["participants_source"], "participants.source_without_figures", "warning")
    record["participants_source"] = source or ""


def read_status_history(source: Path | str | bytes | Table | None = None, name: str = "status_history.csv"
                        ) -> tuple[pd.DataFrame, list[Problem]]:
    """The status changes of the partnerships (data/status_history.csv), checked row by row.

    The frame has STATUS_HISTORY_COLUMNS plus ``line``; a broken date or
    status is left empty. check_status_history compares it with the partnerships."""
    table = _table(source, name)
    problems: list[Problem] = []
    check = Checker(table.name, problems)
    records = []
    seen: dict[tuple[str, str], int] = {}
    for line, row, row_problems in _rows(table, STATUS_HISTORY_COLUMNS, STATUS_HISTORY_REQUIRED, problems):
        check.line, check.row_id = line, row["id"]
        problems.extend(_tag(row_problems, row["id"]))
        record = dict(row)
        record["line"] = line
        if not row["id"]:
            check.add("id", "", "history.id_missing")
            record["id"] = f"#line-{line}"
        elif not _SLUG.match(row["id"]):
            check.add("id", row["id"], "id.not_a_slug")
        if not row["date"]:
            check.add("date", "", "history.date_missing")
        record["date"] = check.date(row, "date") or ""
        record["status"] = check.choice(row, "status", STATUSES) or ""
        record["source"] = check.urls(row, "source") or ""
        check.texts(row, "note")
        key = (record["id"], record["date"])
        if record["date"] and key in seen:
            check.add("date", row["date"], "history.same_date", id=record["id"], first=seen[key])
        seen.setdefault(key, line)
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=STATUS_HISTORY_COLUMNS + ["line"])
    return frame, problems


def check_status_history(partnerships: pd.DataFrame, history: pd.DataFrame,
                         history_file: str = "status_history.csv", partnerships_file: str = "partnerships.csv"
                         ) -> list[Problem]:
    """History rows whose id is no partnership, and partnerships whose status
    disagrees with their latest history row (or whose status_date predates it)."""
    problems: list[Problem] = []
    known = {str(i): row for i, row in zip(partnerships["id"], partnerships.to_dict("records"))}
    latest: dict[str, dict] = {}
    for row in history.to_dict("records"):
        rid = str(row["id"])
        if rid.startswith("#"):  # a missing id, already reported
            continue
        if rid not in known:
            problems.append(problem(history_file, row["line"], "id", rid, "history.unknown_id", "error", rid,
                                    other_file=partnerships_file))
            continue
        if not row["date"] or not row["status"]:
            continue
        since = known[rid].get("since")
        if since is not None and not pd.isna(since) and date_key(row["date"])[0] < int(since):
            problems.append(problem(history_file, row["line"], "date", row["date"], "history.before_founding", "warning",
                                    rid, since=str(int(since))))
        # Later date wins; on the same date the row further down the file.
        if rid not in latest or date_key(row["date"]) >= date_key(latest[rid]["date"]):
            latest[rid] = row
    for rid, last in latest.items():
        partnership = known[rid]
        if partnership["status"] != last["status"]:
            problems.append(problem(partnerships_file, partnership["line"], "status", partnership["status"],
                                    "history.status_disagrees", "error", rid, other_file=history_file, id=rid,
                                    status=last["status"], date=last["date"], at_line=last["line"]))
        status_date = partnership.get("status_date") or ""
        if status_date and date_key(status_date) < date_key(last["date"]):
            problems.append(problem(partnerships_file, partnership["line"], "status_date", status_date,
                                    "history.status_date_early", "warning", rid, other_file=history_file,
                                    status=last["status"], date=last["date"], at_line=last["line"]))
    return problems


CORRECTIONS_EXAMPLE = '"corrections": "daten@example.org"'
_MAILBOX = re.compile(r"""[^@\s"'<>?&:]+@[^@\s"'<>?&:]+\.[A-Za-z]{2,}""")
_TRACKER = re.compile(r"""https://[^\s"'<>]+""")


def corrections_target(value) -> str | None:
    """`corrections` of metadata.json if it is one: "" (no link), an e-mail address, or the
    https:// address of an issue tracker (the map's "report an error" opens a prefilled
    message there); None for anything else."""
    if value == "":
        return ""
    if isinstance(value, str) and (_MAILBOX.fullmatch(value) or _TRACKER.fullmatch(value)):
        return value
    return None


def read_metadata(path: Path | str | None = None) -> tuple[dict, list[Problem]]:
    """``{"updated": "YYYY-MM-DD", "corrections": "…"}`` from metadata.json
    (default: in data_dir()), and the problems found. Never raises: anything
    else than an object with a real date gives a Problem and ``{"updated": ""}``;
    a `corrections` that is neither an e-mail address nor an https:// address
    gives a Problem and ``""`` (no "report an error" link). A missing file is
    no problem (the dashboard then shows no date)."""
    path = Path(path) if path is not None else data_dir() / "metadata.json"
    name = path.name
    result = {"updated": "", "corrections": ""}
    example = '{"updated": "2026-11-28"}'
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return result, []
    except OSError as exc:
        return result, [problem(name, None, "", str(path), "file.unreadable", error=str(exc.strerror or exc))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return result, [problem(name, None, "", visible(data.decode("latin-1")), "json.not_utf8")]
    try:
        value = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        shown = text.splitlines()[line - 1] if line and text.splitlines() else text
        return result, [problem(name, line, "", visible(shown), "json.invalid", error=str(getattr(exc, "msg", exc)),
                                example=example)]
    if not isinstance(value, dict):
        return result, [problem(name, None, "", visible(json.dumps(value, ensure_ascii=False)), "json.not_an_object",
                                example=example)]
    problems = []

    def line_of(key: str) -> int | None:
        index = text.find(json.dumps(key))
        return text.count("\n", 0, index) + 1 if index >= 0 else None

    for key in value:
        if key not in ("updated", "corrections"):
            problems.append(problem(name, line_of(key), key, visible(json.dumps(value[key], ensure_ascii=False)),
                                    "json.unknown_key", "warning"))
    if "corrections" in value:
        target = corrections_target(value["corrections"])
        given = value["corrections"]
        if target is None:
            problems.append(problem(name, line_of("corrections"), "corrections",
                                    visible(given if isinstance(given, str) else json.dumps(given, ensure_ascii=False)),
                                    "json.corrections_invalid", example=CORRECTIONS_EXAMPLE))
        else:
            result["corrections"] = target
    if "updated" not in value:
        problems.append(problem(name, None, "updated", "", "json.updated_missing", example=example))
        return result, problems
    updated = value["updated"]
    shown = visible(updated if isinstance(updated, str) else json.dumps(updated, ensure_ascii=False))
    if not isinstance(updated, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", updated):
        problems.append(problem(name, line_of("updated"), "updated", shown, "json.updated_not_a_date"))
        return result, problems
    try:
        day = dt.date.fromisoformat(updated)
    except ValueError:
        problems.append(problem(name, line_of("updated"), "updated", shown, "json.no_such_date"))
        return result, problems
    if day > dt.date.today():
        problems.append(problem(name, line_of("updated"), "updated", shown, "value.date_in_future", "warning"))
    result["updated"] = updated
    return result, problems
