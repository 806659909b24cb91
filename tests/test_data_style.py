"""The shipped data's Russian and German texts follow the style rules of data/README.md.

Each rule is checked over every German and Russian free text of data/ (status
notes, notes, mottos, status history notes), and each check is also run on a
bad example, so a rule that stopped matching would fail here too.
"""
from __future__ import annotations

import csv
import re

import pytest

from geo.regions import DATA_DIR

FILES = ("partnerships.csv", "status_history.csv", "conferences.csv")
TEXT = re.compile(r"^(status_note|note|motto)_(de|ru)$")

# Calques the editorial review replaced; each with the wording to use instead.
CALQUES = {
    "до дальнейшего уведомления": "на неопределённый срок",
    "По источнику этой даты": "say who stated the status and when",
    "Источники расходятся в": "Источники называют разные годы / по-разному определяют …",
    "треугольная связь": "трёхстороннее партнёрство",
    "треугольное партнёрство": "трёхстороннее партнёрство",
}
# A Russian date: a year followed by «г.»/«гг.» or by a form of «год».
SHORT_YEAR = re.compile(r"\d{4}(?:-х)?\s*гг?\.")
LONG_YEAR = re.compile(r"\d{4}(?:-х)?\s*год")
# Rostov-on-Don is «Ростов-на-Дону»; «Ростов» alone is Rostov Veliky (then so named).
ROSTOV_ALONE = re.compile(r"Ростов(?![а-яё]|-на-Дону| Великий)")


def texts(name: str) -> list[tuple[int, str, str]]:
    """(line, column, value) of every filled German or Russian text of a data file."""
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        out = []
        for row in reader:
            for column, value in row.items():
                if column and TEXT.match(column) and value:
                    out.append((reader.line_num, column, value))
    return out


def calques(value: str) -> list[str]:
    return [c for c in CALQUES if c in value]


def quote_problems(column: str, value: str) -> list[str]:
    """Straight quotes, and quotation marks of the other language or unbalanced."""
    problems = []
    if '"' in value:
        problems.append("straight double quote")
    if re.search(r"(?<![A-Za-zÄÖÜäöüß])'|'(?![A-Za-zÄÖÜäöüß])", value):
        problems.append("straight single quote used as quotation mark")
    if column.endswith("_ru"):
        if value.count("«") != value.count("»"):
            problems.append("unbalanced «»")
    elif column.endswith("_de"):
        if "«" in value or "»" in value:
            problems.append("«» in German")
        if value.count("„") != value.count("“"):
            problems.append("unbalanced „“")
    return problems


def mixed_dates(values: list[str]) -> bool:
    """True if the Russian texts write years both as «г.» and as «года»."""
    joined = "\n".join(values)
    return bool(SHORT_YEAR.search(joined)) and bool(LONG_YEAR.search(joined))


@pytest.mark.parametrize("name", FILES)
def test_no_known_calques(name):
    found = [(line, column, c, CALQUES[c]) for line, column, value in texts(name) for c in calques(value)]
    assert not found, found


@pytest.mark.parametrize("name", FILES)
def test_quotation_marks_follow_the_language(name):
    found = [(line, column, p, value) for line, column, value in texts(name) for p in quote_problems(column, value)]
    assert not found, found


@pytest.mark.parametrize("name", FILES)
def test_russian_years_in_one_style_per_file(name):
    russian = [value for _, column, value in texts(name) if column.endswith("_ru")]
    assert not mixed_dates(russian), [v for v in russian if SHORT_YEAR.search(v)]


@pytest.mark.parametrize("name", FILES)
def test_rostov_on_don_is_written_out(name):
    found = [(line, column, value) for line, column, value in texts(name)
             if column.endswith("_ru") and ROSTOV_ALONE.search(value)]
    assert not found, found


def test_the_checks_catch_bad_examples():
    assert calques("Совет приостановил партнёрство до дальнейшего уведомления.")
    assert calques("По источнику этой даты партнёрство по-прежнему приостановлено.")
    assert calques("Источники расходятся в годе.")
    assert calques("(треугольная связь с Ангулемом)")
    assert quote_problems("note_ru", 'Город назвал его "замороженным".')
    assert quote_problems("note_de", 'Die Stadt nennt sie "ruhend".')
    assert quote_problems("note_de", "Die Stadt nennt sie 'ruhend'.")
    assert quote_problems("note_de", "Die Stadt nennt sie «ruhend».")
    assert not quote_problems("note_de", "Die Stadt nennt sie „ruhend“; Hannover’s Rat.")
    assert not quote_problems("note_ru", "Город называет её «замороженной».")
    assert mixed_dates(["Подписано 30 марта 2022 г.", "Решение 2019 года."])
    assert not mixed_dates(["Подписано 30 марта 2022 года.", "В 2019 году."])
    assert ROSTOV_ALONE.search("Ростов подтвердил его декларацией")
    assert not ROSTOV_ALONE.search("Ростов-на-Дону, Ростов Великий, Ростовская область, Росток")
