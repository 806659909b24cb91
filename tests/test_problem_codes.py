"""Problems and reader notes have a stable code and their values (#16): the
German and Russian views say every one of them in their language, and every
code the code base uses has a text in each locale file.

One set of inputs triggers every code that an input can reach; the few no
input reaches (named in UNREACHABLE, with why) are made directly."""
import io
import re
import string
from pathlib import Path

import pytest

from conftest import GOOD_CONFERENCE, GOOD_ROW, ROOT, write_csv
from dashboard import upload
from dashboard.i18n import LANGS, Translator, messages
from geo import datasets
from geo.csvio import Limits, read_table, table_from_rows
from geo.datasets import CONFERENCE_COLUMNS, PARTNERSHIP_COLUMNS, STATUS_HISTORY_COLUMNS
from geo.problems import CODES, Note, Problem, english, problem
from geo.resolve import place_partnerships

# Words of an English sentence that no German or Russian text of ours contains.
ENGLISH = (" the ", " is ", " are ", " not ", " must ", " missing", "column", "value", " file", " row", "cannot",
           " with ", " has ", " read ", "placed", " named ")

# Codes no input reaches, each made directly with the values its code passes.
UNREACHABLE = {
    "file.unreadable": {"error": "Permission denied"},  # the tests run as root, who reads any file
    "csv.malformed": {"error": "field larger than field limit"},  # csv.reader(strict=False) has no error left to raise
    "geocode.empty_name": {},  # placing never asks for an empty name
    "geocode.unplaced": {"note": "not found"},  # every unplaced Match carries a code of its own
    "upload.not_on_map": {},  # every unplaced row is already named by an error that says why
}


def partnership(**changes) -> dict:
    return {**GOOD_ROW, **changes}


def collect(tmp_path: Path, geocoder) -> tuple[list[Problem], list[Note]]:
    """Problems and notes from inputs that between them reach every code but UNREACHABLE."""
    found: list[Problem] = []
    notes: list[Note] = []

    def table(data: bytes, limits: Limits | None = None, name: str = "x.csv"):
        read = read_table(data, name, limits)
        found.extend(read.problems)
        notes.extend(read.notes)
        return read

    # -- the reader: encodings, delimiters, cells, header, rows, limits
    table(b"")
    table(b"\xef\xbb\xbfname,x\nJ\xffna,1\n")
    table("name\tx\nJena\t1\n".encode("utf-16"))
    table("name;x\nDüren;1\n".encode("cp1252"))
    table(b"name,x\nD\x81ren,1\n")
    table(b"\n\nname,x\n\nJena,1\n\n,\nKaluga,2\n")
    table(b"name,x\n")
    table(b"name,,name\nJe\x00na,\xe2\x80\xaeab,x\xe2\x80\x8by\n" + b"a," + b"y" * 10_001 + b",z\n")
    table(b"name,x\na\nb,c,d\ne,\"unclosed\n")
    table(b"a,b,c\n", Limits(columns=2))
    table(b"a,b\n1,2\n3,4\n", Limits(rows=1))
    table(b"a,b\n1,2\n3,4\n", Limits(cells=3))
    sheet = table_from_rows([["a", "b"], ["1", "2", "3"]], "x.xlsx")
    found.extend(sheet.problems)
    for missing in (tmp_path / "nowhere.csv", tmp_path):
        found.extend(read_table(missing).problems)

    # -- the partnerships: every check of a row, and placing
    folder = tmp_path / "data"
    folder.mkdir()
    rows = [
        partnership(),
        partnership(id="Bad Id", de_name="", status="frozen", since="19x9", status_date="2022-13", ru_name_ru=""),
        partnership(id="suhl-kaluga", since="1900", status_date="20x", de_region="", ru_region="XX", source=""),
        partnership(id="r4", de_region="BY", source="notaurl", de_lat="x", de_lon="10", ru_lat="95", ru_lon="37"),
        partnership(id="r5", de_lat="54.0", de_lon="10.0", position_note="", status_date="2999-01"),
        partnership(id="r6", status_note_de="x", status_note_ru="", status_note_en="", text_lang=""),
        partnership(id="r7", text_lang="fr", de_name_ru="", de_name_ru_source="https://ru.wikipedia.org/"),
        partnership(id="r8", de_name_ru="Зуль", de_name_ru_source=""),
        partnership(id="r9", de_name_ru="Зуль", de_name_ru_source="nope"),
        partnership(id="r10", disputed="foo=1 https://x.org; since=abc https://x.org; kind=xx https://x.org; "
                                       "status=zz https://x.org; kind=friendship; kind=partnership https://x.org"),
        partnership(id="r11", de_name="Atlantis", ru_name="Atlantisgrad", ru_region=""),
        partnership(id="r12", de_name="Jena", de_region="DE-BY"),
        partnership(id="r13", de_name="Neustadt", de_region="DE-BY", ru_name="Kaliningrad", ru_region=""),
        partnership(id="r14", de_name="Halle", de_region=""),
        partnership(id="r15", de_name="Neustadt", de_region=""),
    ]
    path = write_csv(folder / "partnerships.csv", rows, PARTNERSHIP_COLUMNS + ["status_note", "foo"])
    frame, problems = datasets.read_partnerships(path)
    place_partnerships(frame, geocoder, "partnerships.csv", problems)
    found.extend(problems)
    found.extend(datasets.read_partnerships(b"id,de_name\n")[1])
    semicolons = "id;de_name\nx;Düren\n".encode("cp1252")
    found.extend(datasets.read_partnerships(semicolons)[1])
    found.extend(datasets.read_partnerships(b"id\tde_name\nx\tJena\n")[1])

    # -- the conferences
    conferences = [
        {**GOOD_CONFERENCE},
        {**GOOD_CONFERENCE, "number": "", "format": "hybrid", "year": "", "start_date": "2021-06-30",
         "end_date": "2021-06-28", "co_hosts": "A; B", "co_hosts_ru": "А", "participants_max": ""},
        {**GOOD_CONFERENCE, "number": "16", "participants_min": "400", "participants_max": "300", "participants_source": ""},
        {**GOOD_CONFERENCE, "number": "abc", "participants_min": "", "participants_max": ""},
    ]
    path = write_csv(folder / "conferences.csv", conferences, CONFERENCE_COLUMNS)
    found.extend(datasets.read_conferences(path)[1])

    # -- the status history, and its check against the partnerships
    history = [
        {"id": "", "date": "", "status": "ended", "source": "https://x.org"},
        {"id": "suhl-kaluga", "date": "1950", "status": "active", "source": "https://x.org"},
        {"id": "suhl-kaluga", "date": "2030", "status": "ended", "source": "https://x.org"},
        {"id": "suhl-kaluga", "date": "2030", "status": "ended", "source": "https://x.org"},
        {"id": "nobody", "date": "2020", "status": "ended", "source": "https://x.org"},
    ]
    path = write_csv(folder / "status_history.csv", history, STATUS_HISTORY_COLUMNS)
    statuses, history_problems = datasets.read_status_history(path)
    found.extend(history_problems)
    found.extend(datasets.check_status_history(frame, statuses))

    # -- metadata.json
    for content in (b"\xff\xfe{", b"{nope", b"[1]", b'{"updated": "2026-01-01", "x": 1}', b"{}",
                    b'{"updated": 5}', b'{"updated": "2026-13-45"}', b'{"updated": "2999-01-01"}',
                    b'{"updated": "2026-01-01", "corrections": "javascript:alert(1)"}'):
        (folder / "metadata.json").write_bytes(content)
        found.extend(datasets.read_metadata(folder / "metadata.json")[1])

    # -- an upload: the workbook's notes, and the geocoding budget
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["de_name", "ru_name"])
    book.active.append(["Suhl", "Kaluga"])
    book.create_sheet("other")
    out = io.BytesIO()
    book.save(out)
    for data, name, budget in ((out.getvalue(), "liste.xlsx", 10.0), (b"de_name,ru_name\nNirgendwo,Kaluga\n", "a.csv", 0.0)):
        read = upload.read(data, name, geocoder, budget=budget)
        found.extend(read.atlas.problems)
        notes.extend(read.notes)
    one_sheet = openpyxl.Workbook()
    one_sheet.active.append(["de_name"])
    out = io.BytesIO()
    one_sheet.save(out)
    notes.extend(upload.read(out.getvalue(), "one.xlsx", geocoder).notes)
    return found, notes


@pytest.fixture(scope="module")
def one_of_every_code(tmp_path_factory, geocoder) -> dict[str, Problem | Note]:
    found, notes = collect(tmp_path_factory.mktemp("codes"), geocoder)
    first: dict[str, Problem | Note] = {}
    for item in found + notes:
        assert item.code, f"a problem without a code: {item}"
        first.setdefault(item.code, item)
    for code, params in UNREACHABLE.items():
        assert code not in first, f"{code} is reached by an input now: take it out of UNREACHABLE"
        first[code] = problem("x.csv", 2, "", "", code, **params)
    return first


def test_the_inputs_reach_every_code(one_of_every_code):
    assert set(one_of_every_code) == set(CODES)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def texts(code: str, lang: str) -> list[str]:
    value = messages(lang)[f"problem.{code}"]
    return list(value.values()) if isinstance(value, dict) else [value]


@pytest.mark.parametrize("lang", LANGS)
def test_every_code_has_a_text_in_each_language(lang):
    missing = [code for code in CODES if f"problem.{code}" not in messages(lang)]
    assert not missing
    unused = [k for k in messages(lang) if k.startswith("problem.") and k[len("problem."):] not in CODES]
    assert not unused, "a text for a code nobody uses"


def test_each_text_names_only_values_its_problem_has(one_of_every_code):
    for code, item in one_of_every_code.items():
        for lang in LANGS:
            for text in texts(code, lang):
                assert placeholders(text) <= set(item.params), (code, lang, text)
        assert english(code, item.params) == (item.reason if isinstance(item, Problem) else str(item))


def test_every_code_in_the_code_base_is_registered():
    """String literals that look like a code (area.name) in the modules that make problems are codes of CODES,
    or message keys of the locale files (the upload's refusals)."""
    areas = {code.split(".")[0] for code in CODES}
    literal = re.compile(r"""["']((?:%s)\.[a-z0-9_]+)["']""" % "|".join(sorted(areas)))
    used = set()
    for path in [*sorted((ROOT / "geo").glob("*.py")), ROOT / "dashboard" / "upload.py"]:
        used |= {m for m in literal.findall(path.read_text(encoding="utf-8"))
                 if not m.endswith((".csv", ".json", ".xml"))}
    used |= {f"read.delimiter_{name}" for name in ("comma", "semicolon", "tab")}  # made with an f-string
    assert used, "the pattern finds the codes"
    # a prefix (startswith("geocode.namesake")) stands for the codes it begins
    unknown = sorted(u for u in used if u not in CODES and u not in messages("en")
                     and not any(code.startswith(u + "_") for code in CODES))
    assert not unknown


@pytest.mark.parametrize("lang", ["de", "ru"])
def test_problems_and_notes_say_no_english_sentence(one_of_every_code, lang):
    t, en = Translator(lang), Translator("en")
    for code, item in one_of_every_code.items():
        shown = t.problem(item)
        english_text = item.reason if isinstance(item, Problem) else str(item)
        assert shown and shown != english_text and shown != en.problem(item), (code, shown)
        # the values themselves (names, columns, URLs) are data, not sentences
        words = f" {shown} "
        for value in sorted(map(str, item.params.values()), key=len, reverse=True):
            if len(value) > 2:
                words = words.replace(value, " ")
        words = words.lower()
        found = [w for w in ENGLISH if w in words]
        assert not found, (code, lang, shown, found)


def test_numbers_and_plurals_in_the_views_language(one_of_every_code):
    empty = one_of_every_code["read.empty_rows"]
    assert empty.params["n"] == 3
    assert Translator("ru").problem(empty) == "пропущены 3 пустые строки"
    assert Translator("ru").problem(Note("read.empty_rows", n=5)) == "пропущено 5 пустых строк"
    assert Translator("ru").problem(Note("read.empty_rows", n=21)) == "пропущена 21 пустая строка"
    assert Translator("de").problem(empty) == "3 leere Zeilen übersprungen"
    assert Translator("de").problem(Note("read.empty_rows", n=1)) == "1 leere Zeile übersprungen"
    long = one_of_every_code["cell.too_long"]
    assert "10.001" in Translator("de").problem(long) and "10\u00a0001" in Translator("ru").problem(long)
    history = one_of_every_code["history.status_disagrees"]
    assert "„beendet“ seit 2030" in Translator("de").problem(history)
    assert "«прекращено» с 2030" in Translator("ru").problem(history)


def test_a_problem_without_a_text_falls_back_to_its_english_reason():
    plain = Problem("x.csv", 2, "a", "b", "an English reason")
    assert Translator("de").problem(plain) == "an English reason"
    assert Translator("ru").problem(Note("read.utf8")) == "прочитан как UTF-8"


def test_the_cli_and_problems_csv_keep_the_english_sentence_and_add_the_code(one_of_every_code):
    from geo.export import problems_csv

    item = one_of_every_code["value.not_a_year"]
    assert str(item) == "partnerships.csv:3: error: column 'since', value '19x9': not a four-digit year [value.not_a_year]"
    assert problems_csv([item]).splitlines() == ["file,line,column,value,reason,severity,row_id,code",
                                                 "partnerships.csv,3,since,19x9,not a four-digit year,error,Bad Id,"
                                                 "value.not_a_year"]


def test_upload_notes_are_codes_too(geocoder):
    data = "de_name;ru_name\r\nDüren;Kaluga\r\n".encode("cp1252")
    result = upload.read(data, "liste.csv", geocoder)
    assert [n.code for n in result.notes] == ["read.cp1252", "read.delimiter_semicolon"]
    de = "; ".join(Translator("de").problem(n) for n in result.notes)
    assert de == ("nicht UTF-8: als Windows-1252 gelesen (deutsches Excel); speichern Sie zur Sicherheit als "
                  "„CSV UTF-8“; Trennzeichen: Semikolon")
