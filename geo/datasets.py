"""Reading and validating the curated datasets in ``data/``.

Every cell that breaks the data contract becomes a Problem naming file, line,
column and value. No row is ever dropped: a row with a problem is kept, with
the broken cell left empty, so it still shows up (and says why it is not on
the map).
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from .problems import Problem
from .regions import DATA_DIR, is_region_code

PARTNERSHIPS_CSV = DATA_DIR / "partnerships.csv"
CONFERENCES_CSV = DATA_DIR / "conferences.csv"

LEVELS = ("municipality", "district", "region")
KINDS = ("partnership", "friendship")
STATUSES = ("active", "suspended", "ended", "proposed", "unknown")

PARTNERSHIP_COLUMNS = [
    "id", "de_name", "de_region", "de_name_ru", "ru_name", "ru_name_ru", "ru_name_en", "ru_region",
    "level", "kind", "since", "status", "status_date", "status_note", "source", "note",
    "de_lat", "de_lon", "ru_lat", "ru_lon", "position_note",
]
PARTNERSHIP_REQUIRED = ["id", "de_name", "de_region", "ru_name", "ru_region", "level", "kind", "since", "status", "source"]

CONFERENCE_COLUMNS = [
    "number", "year", "start_date", "end_date", "host", "host_ru", "host_en", "country", "region",
    "co_hosts", "motto", "participants", "source", "lat", "lon",
]
CONFERENCE_REQUIRED = ["number", "year", "host", "country", "region", "source"]

FIRST_YEAR = 1945
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class Checker:
    """Collects problems for one file, one row at a time."""

    file: str
    problems: list[Problem]
    line: int = 0
    row_id: str = ""

    def add(self, column: str, value: str, reason: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.file, self.line, column, value, reason, severity, self.row_id))

    # Each check returns the clean value, or None (and records a problem).
    def required(self, row: dict, column: str) -> str | None:
        value = row.get(column, "")
        if not value:
            self.add(column, value, "required value is missing")
            return None
        return value

    def choice(self, row: dict, column: str, allowed: tuple[str, ...]) -> str | None:
        value = row.get(column, "")
        if value not in allowed:
            self.add(column, value, f"must be one of {', '.join(allowed)}")
            return None
        return value

    def year(self, row: dict, column: str, required: bool = False) -> int | None:
        value = row.get(column, "")
        if not value:
            if required:
                self.add(column, value, "required year is missing")
            return None
        if not re.fullmatch(r"\d{4}", value):
            self.add(column, value, "not a four-digit year")
            return None
        year = int(value)
        if not FIRST_YEAR <= year <= dt.date.today().year:
            self.add(column, value, f"year outside {FIRST_YEAR}-{dt.date.today().year}")
            return None
        return year

    def date(self, row: dict, column: str) -> str | None:
        value = row.get(column, "")
        if not value:
            return None
        if not _DATE.match(value):
            self.add(column, value, "not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            return None
        parts = [int(p) for p in value.split("-")] + [1, 1]
        try:
            when = dt.date(parts[0], parts[1], parts[2])
        except ValueError:
            self.add(column, value, "no such date")
            return None
        if when > dt.date.today():
            self.add(column, value, "date lies in the future", "warning")
        return value

    def region(self, row: dict, column: str, country: str, required: bool = True) -> str | None:
        value = row.get(column, "")
        if not value:
            if required:
                self.add(column, value, "required region code is missing")
            return None
        if not is_region_code(value, country):
            self.add(column, value, f"not an ISO 3166-2 code of {'Germany' if country == 'DE' else 'Russia'} (e.g. {'DE-TH' if country == 'DE' else 'RU-KLU'})")
            return None
        return value

    def urls(self, row: dict, column: str) -> str | None:
        value = row.get(column, "")
        if not value:
            self.add(column, value, "every row needs a source URL")
            return None
        bad = [u for u in value.split() if urlparse(u).scheme not in ("http", "https") or not urlparse(u).netloc]
        if bad:
            self.add(column, value, f"not a URL: {bad[0]!r} (separate several URLs with spaces)")
            return None
        return value

    def number(self, row: dict, column: str, low: float, high: float, integer: bool = False) -> float | int | None:
        value = row.get(column, "")
        if not value:
            return None
        try:
            number = int(value) if integer else float(value)
        except ValueError:
            self.add(column, value, "not a number")
            return None
        if not low <= number <= high:
            self.add(column, value, f"outside {low}..{high}")
            return None
        return number


def _read_rows(path: Path, columns: list[str], required: list[str], problems: list[Problem]):
    """Yield (line, row) for every record of a CSV file, checking its shape."""
    name = path.name
    try:
        handle = path.open(encoding="utf-8", newline="")
        text = handle.read()
        handle.close()
    except FileNotFoundError:
        problems.append(Problem(name, None, "", str(path), "file not found"))
        return
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, None, "", str(exc.object[max(0, exc.start - 10):exc.end + 10]), "file is not UTF-8"))
        return
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem(name, 1, "", "", "file is empty: no header"))
        return
    header = [h.strip() for h in header]
    for column in required:
        if column not in header:
            problems.append(Problem(name, 1, column, "", "required column missing from header"))
    for column in header:
        if column not in columns:
            problems.append(Problem(name, 1, column, column, "unknown column (ignored)", "warning"))
    line = reader.line_num + 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(name, line, "", "", f"malformed CSV: {exc}"))
            break
        start, line = line, reader.line_num + 1
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            problems.append(Problem(name, start, "", ",".join(fields)[:120],
                                    f"row has {len(fields)} fields, the header has {len(header)}"))
        row = {column: (fields[i].strip() if i < len(fields) else "") for i, column in enumerate(header)}
        for column in columns:
            row.setdefault(column, "")
        yield start, row


def read_partnerships(path: Path = PARTNERSHIPS_CSV) -> tuple[pd.DataFrame, list[Problem]]:
    """All partnership rows (cleaned) and the problems found in them."""
    problems: list[Problem] = []
    check = Checker(path.name, problems)
    records = []
    first_line: dict[str, int] = {}
    for line, row in _read_rows(path, PARTNERSHIP_COLUMNS, PARTNERSHIP_REQUIRED, problems):
        check.line, check.row_id = line, row["id"]
        record = dict(row)
        record["line"] = line
        rid = row["id"]
        if not rid:
            check.add("id", rid, "required value is missing")
            record["id"] = f"line-{line}"
        elif not _SLUG.match(rid):
            check.add("id", rid, "id must be a lowercase slug of letters, digits and hyphens")
        elif rid in first_line:
            check.add("id", rid, f"duplicate id (first used on line {first_line[rid]})")
            record["id"] = f"{rid}~{line}"
        first_line.setdefault(rid, line)
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
        for side in ("de", "ru"):
            lat = check.number(row, f"{side}_lat", -90, 90)
            lon = check.number(row, f"{side}_lon", -180, 180)
            if (lat is None) != (lon is None) and (row[f"{side}_lat"] or row[f"{side}_lon"]):
                check.add(f"{side}_lat", f"{row[f'{side}_lat']},{row[f'{side}_lon']}", "give both latitude and longitude, or neither")
                lat = lon = None
            if lat is not None and not row["position_note"]:
                check.add("position_note", "", "a manual position needs a reason in position_note", "warning")
            record[f"{side}_lat"], record[f"{side}_lon"] = lat, lon
        if not row["ru_name_ru"] and row["ru_name"]:
            check.add("ru_name_ru", "", "Cyrillic name of the Russian partner is missing", "warning")
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=PARTNERSHIP_COLUMNS + ["line"])
    frame["since"] = frame["since"].astype("Int64")
    return frame, problems


def read_conferences(path: Path = CONFERENCES_CSV) -> tuple[pd.DataFrame, list[Problem]]:
    """All conference rows (cleaned) and the problems found in them."""
    problems: list[Problem] = []
    check = Checker(path.name, problems)
    records = []
    seen: dict[int, int] = {}
    for line, row in _read_rows(path, CONFERENCE_COLUMNS, CONFERENCE_REQUIRED, problems):
        check.line, check.row_id = line, row["number"]
        record = dict(row)
        record["line"] = line
        number = check.number(row, "number", 1, 99, integer=True)
        if row["number"] == "":
            check.add("number", "", "required value is missing")
        if number is not None and number in seen:
            check.add("number", row["number"], f"duplicate conference number (first on line {seen[number]})")
        if number is not None:
            seen.setdefault(number, line)
        record["number"] = number
        record["year"] = check.year(row, "year", required=True)
        record["start_date"] = check.date(row, "start_date") or ""
        record["end_date"] = check.date(row, "end_date") or ""
        if record["start_date"] and record["end_date"] and record["end_date"] < record["start_date"]:
            check.add("end_date", row["end_date"], "ends before it starts")
        check.required(row, "host")
        country = check.choice(row, "country", ("DE", "RU")) or ""
        record["country"] = country
        record["region"] = (check.region(row, "region", country) if country else None) or ""
        record["participants"] = check.number(row, "participants", 1, 100000, integer=True)
        record["source"] = check.urls(row, "source") or ""
        record["lat"] = check.number(row, "lat", -90, 90)
        record["lon"] = check.number(row, "lon", -180, 180)
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=CONFERENCE_COLUMNS + ["line"])
    for column in ("number", "year", "participants"):
        frame[column] = frame[column].astype("Int64")
    return frame, problems
