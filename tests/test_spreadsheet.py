"""The table for Excel: headers and values in the view's language, a frozen
styled header, numbers as numbers, and never a formula, even from data that
starts like one."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from dashboard import spreadsheet
from dashboard.i18n import Translator

HEADERS = {
    "de": ["Deutscher Partner", "Land", "Russischer Partner", "Föderationssubjekt"],
    "ru": ["Партнёр в Германии", "Земля", "Партнёр в России", "Субъект РФ"],
    "en": ["German partner", "State", "Russian partner", "Federal subject"],
}
STATUS = {"de": {"active": "aktiv", "suspended": "ausgesetzt"}, "ru": {"active": "действует", "suspended": "приостановлено"},
          "en": {"active": "active", "suspended": "suspended"}}


def rows() -> pd.DataFrame:
    """Two rows of the data contract's shape; the second has formula starts in every text."""
    base = {"de_region": "DE-TH", "ru_region": "RU-MUR", "level": "municipality", "kind": "partnership",
            "text_lang": "de", "status_note_ru": "", "status_note_en": "", "note_ru": "", "note_en": ""}
    return pd.DataFrame([
        {**base, "id": "suhl-murmansk", "de_name": "Suhl", "de_name_ru": "Зуль", "ru_name": "Murmansk",
         "ru_name_ru": "Мурманск", "ru_name_en": "Murmansk", "since": 1990, "status": "active", "status_date": "",
         "status_note_de": "", "note_de": "Schüleraustausch", "source": "https://example.org/a https://example.org/b",
         "distance_km": 2400},
        {**base, "id": "evil", "de_name": "=HYPERLINK(\"http://x\",\"y\")", "de_name_ru": "+1+1", "ru_name": "@SUM(A1)",
         "ru_name_ru": "-2+3", "ru_name_en": "=1", "since": pd.NA, "status": "suspended", "status_date": "2022-03",
         "status_note_de": "=cmd|' /C calc'!A0", "note_de": "\t=1", "source": "=WEBSERVICE(\"http://x\")",
         "distance_km": pd.NA},
    ])


def read(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


@pytest.mark.parametrize("lang", ["de", "ru", "en"])
def test_headers_and_values_in_the_views_language(lang):
    t = Translator(lang)
    sheet = read(spreadsheet.workbook(rows(), t))
    header = [c.value for c in sheet[1]]
    assert header[:4] == HEADERS[lang]
    assert t("col.status") in header and t("col.sources") in header and t("col.since") in header
    status = header.index(t("col.status")) + 1
    assert [sheet.cell(row=r, column=status).value for r in (2, 3)] == [STATUS[lang]["active"], STATUS[lang]["suspended"]]
    ru = [sheet.cell(row=2, column=3).value, sheet.cell(row=2, column=1).value]
    assert ru == ({"ru": ["Мурманск", "Зуль"]}.get(lang) or ["Murmansk", "Suhl"])
    # numbers stay numbers; an unknown year is an empty cell, not a word a sum would trip over
    since = header.index(t("col.since")) + 1
    assert sheet.cell(row=2, column=since).value == 1990 and sheet.cell(row=2, column=since).data_type == "n"
    assert sheet.cell(row=3, column=since).value is None
    # the header is styled and stays in view; columns are wide enough for their header
    assert sheet.freeze_panes == "A2"
    assert all(c.font.bold for c in sheet[1])
    for index, text in enumerate(header, start=1):
        assert sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width >= min(len(text), 8)
    sources = sheet.cell(row=2, column=header.index(t("col.sources")) + 1).value
    assert sources.split("\n") == ["https://example.org/a", "https://example.org/b"]


@pytest.mark.parametrize("lang", ["de", "ru", "en"])
def test_no_cell_is_a_formula(lang):
    sheet = read(spreadsheet.workbook(rows(), Translator(lang)))
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells}
    # the data's own text, as text
    names = {"ru": ["+1+1", "-2+3"], "en": ["=HYPERLINK(\"http://x\",\"y\")", "=1"]}.get(
        lang, ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)"])
    for value in [*names, "=WEBSERVICE(\"http://x\")"]:
        assert value in texts


def test_empty_selection_is_a_header_only_sheet():
    sheet = read(spreadsheet.workbook(rows().iloc[:0], Translator("de")))
    assert sheet.max_row == 1 and sheet.cell(row=1, column=1).value == "Deutscher Partner"
