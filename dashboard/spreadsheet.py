"""The shown partnerships as a workbook for people: ``.xlsx`` that Excel,
LibreOffice and Numbers open as they are, with the columns a reader needs,
headers and values in the view's language (the CSV download stays the data's
own columns, for machines).

Every text cell is written as text: openpyxl turns a ``str`` that starts with
``=`` into a formula, and a spreadsheet program runs formulas, so a note or
a name from the data or an upload could otherwise compute or fetch something
when the file is opened. Years and distances are numbers.
"""
from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
# widths in characters: wide enough for most names, capped so a long note wraps instead of running off
MIN_WIDTH, MAX_WIDTH, WRAP_WIDTH = 8, 60, 60


def _text(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def _number(value) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value) or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def columns(t) -> list[tuple[str, str]]:
    """(key, header in the view's language) of each column, in order."""
    keys = ["de", "de_region", "ru", "ru_region", "kind", "level", "since", "status", "status_date", "status_note",
            "note", "distance", "source"]
    headers = {"status_note": t("col.note"), "note": t("col.remark"), "source": t("col.sources")}
    return [(key, headers.get(key) or t(f"col.{key}")) for key in keys]


def rows(shown: pd.DataFrame, t) -> list[dict]:
    """Each shown partnership as the sheet's cells: text in the view's language, numbers as numbers."""
    out = []
    for r in shown.to_dict("records"):
        level = _text(r.get("level"))
        out.append({
            "de": t.place(r, "de"), "de_region": t.region(_text(r.get("de_region"))),
            "ru": t.place(r, "ru"), "ru_region": t.region(_text(r.get("ru_region"))),
            "kind": t.kind(_text(r.get("kind"))),
            "level": t(f"level.{level}.one") if level else t("unknown"),
            "since": _number(r.get("since")),
            "status": t.status(_text(r.get("status"))),
            "status_date": t.date(_text(r.get("status_date"))) if _text(r.get("status_date")) else "",
            "status_note": t.text(r, "status_note"), "note": t.text(r, "note"),
            "distance": _number(r.get("distance_km")),
            # one address a line: a cell holds them all, and each stays readable (and copyable)
            "source": "\n".join(_text(r.get("source")).split()),
        })
    return out


def workbook(shown: pd.DataFrame, t, sheet_title: str | None = None) -> bytes:
    """The ``.xlsx`` file of ``shown`` in ``t``'s language: a styled, frozen header row,
    column widths to fit, no cell ever a formula."""
    book = Workbook()
    sheet = book.active
    # a sheet's name may hold no []:*?/\ and at most 31 characters
    sheet.title = "".join(c for c in (sheet_title or t("tab.table")) if c not in "[]:*?/\\")[:31] or "Sheet1"
    cols = columns(t)
    widths = [len(header) for _, header in cols]
    for index, (_, header) in enumerate(cols, start=1):
        cell = sheet.cell(row=1, column=index)
        _set_text(cell, header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for row_index, record in enumerate(rows(shown, t), start=2):
        for index, (key, _) in enumerate(cols, start=1):
            value = record[key]
            cell = sheet.cell(row=row_index, column=index)
            if isinstance(value, int):
                cell.value = value
            elif value:
                _set_text(cell, value)
                longest = max(len(part) for part in value.split("\n"))
                widths[index - 1] = max(widths[index - 1], min(longest, MAX_WIDTH))
                if len(value) > WRAP_WIDTH or "\n" in value:
                    cell.alignment = wrap
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(MIN_WIDTH, width + 2)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(1, len(shown) + 1)}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _set_text(cell, value: str) -> None:
    """A text cell, whatever the text starts with: openpyxl would make "=…" a formula."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters: no spreadsheet can hold them
    cell.data_type = TYPE_STRING
