"""Every kind of bad row becomes a problem naming file, line, column and
value, and no row is ever dropped."""
import pytest

from conftest import GOOD_ROW
from geo.datasets import PARTNERSHIP_COLUMNS, read_conferences, read_partnerships
from geo.resolve import build_atlas


def bad(**changes):
    return {**GOOD_ROW, "id": "bad-row", **changes}


def only_problem(data_dir, row, column):
    folder = data_dir([GOOD_ROW, row])
    frame, problems = read_partnerships(folder / "partnerships.csv")
    assert len(frame) == 2, "a bad row must not be dropped"
    mine = [p for p in problems if p.column == column and p.severity == "error"]
    assert len(mine) == 1, problems
    assert mine[0].file == "partnerships.csv" and mine[0].line == 3
    return mine[0]


def test_good_file_has_no_problems(data_dir):
    frame, problems = read_partnerships(data_dir() / "partnerships.csv")
    assert problems == [] and list(frame["id"]) == ["suhl-kaluga"]


def test_missing_name(data_dir):
    problem = only_problem(data_dir, bad(de_name=""), "de_name")
    assert "missing" in problem.reason


@pytest.mark.parametrize("year", ["19x9", "69", "2199", "1850"])
def test_year_that_is_not_a_year(data_dir, year):
    problem = only_problem(data_dir, bad(since=year), "since")
    assert problem.value == year


def test_unknown_region_code(data_dir):
    problem = only_problem(data_dir, bad(ru_region="RU-XYZ"), "ru_region")
    assert problem.value == "RU-XYZ" and "ISO 3166-2" in problem.reason


def test_region_code_of_the_wrong_country(data_dir):
    problem = only_problem(data_dir, bad(de_region="RU-KLU"), "de_region")
    assert "Germany" in problem.reason


def test_duplicate_id(data_dir):
    problem = only_problem(data_dir, dict(GOOD_ROW), "id")
    assert "duplicate" in problem.reason and "line 2" in problem.reason


def test_source_that_is_not_a_url(data_dir):
    problem = only_problem(data_dir, bad(source="Stadtarchiv Suhl"), "source")
    assert problem.value == "Stadtarchiv Suhl"


@pytest.mark.parametrize("column,value", [("status", "frozen"), ("level", "city"), ("kind", "twinning")])
def test_value_outside_the_allowed_set(data_dir, column, value):
    problem = only_problem(data_dir, bad(**{column: value}), column)
    assert problem.value == value


def test_half_a_manual_position(data_dir):
    problem = only_problem(data_dir, bad(ru_lat="54.5"), "ru_lat")
    assert "both" in problem.reason


def test_malformed_row_with_too_many_fields(data_dir):
    folder = data_dir([GOOD_ROW])
    with (folder / "partnerships.csv").open("a", encoding="utf-8") as handle:
        handle.write(",".join(["broken"] * (len(PARTNERSHIP_COLUMNS) + 2)) + "\n")
    frame, problems = read_partnerships(folder / "partnerships.csv")
    assert len(frame) == 2
    assert any(p.line == 3 and f"row has {len(PARTNERSHIP_COLUMNS) + 2} fields" in p.reason for p in problems)


def test_broken_file_does_not_stop_the_rest(data_dir):
    folder = data_dir()
    (folder / "conferences.csv").write_bytes(b"\xff\xfe not utf-8")
    atlas = build_atlas(folder)
    assert len(atlas.partnerships) == 1 and atlas.partnerships["placed"].all()
    assert any(p.file == "conferences.csv" and "UTF-8" in p.reason for p in atlas.problems)


def test_conference_rows_are_checked(data_dir):
    folder = data_dir(conferences=[{"number": "XVI", "year": "2021", "host": "Kaluga", "country": "RU",
                                    "region": "RU-KLU", "source": "https://example.org"}])
    frame, problems = read_conferences(folder / "conferences.csv")
    assert len(frame) == 1
    assert any(p.column == "number" and p.value == "XVI" for p in problems)


def test_unplaceable_name_is_a_problem_not_a_guess(data_dir):
    atlas = build_atlas(data_dir([GOOD_ROW, bad(ru_name="Nirgendwograd", ru_name_ru="", ru_name_en="")]))
    row = atlas.partnerships.set_index("id").loc["bad-row"]
    assert not row["placed"] and row["ru_lat"] is None or row["ru_lat"] != row["ru_lat"]
    problem = next(p for p in atlas.problems if p.value == "Nirgendwograd")
    assert problem.line == 3 and problem.column == "ru_name" and "cannot be placed" in problem.reason


def test_manual_position_outside_its_region_is_flagged(data_dir):
    # Kaluga's manual position put in Siberia
    atlas = build_atlas(data_dir([bad(ru_lat="55.03", ru_lon="82.92", position_note="test")]))
    assert any(p.column == "ru_lat" and "outside RU-KLU" in p.reason for p in atlas.problems)


def test_same_pair_under_two_spellings_is_flagged(data_dir):
    atlas = build_atlas(data_dir([GOOD_ROW, bad(de_name="Suhl", ru_name="Калуга")]))
    assert any("likely duplicate of suhl-kaluga" in p.reason for p in atlas.problems)


# --- the new schema (three languages, sources of spellings, participant ranges, status history) ---


def test_text_in_one_language_only_asks_for_the_other_two(data_dir):
    folder = data_dir([GOOD_ROW, bad(note_de="Gründungsjahr strittig", note_ru="", note_en="")])
    frame, problems = read_partnerships(folder / "partnerships.csv")
    assert len(frame) == 2
    mine = sorted((p.column, p.line) for p in problems if p.severity == "error")
    assert mine == [("note_en", 3), ("note_ru", 3)]
    assert "German, Russian and English" in problems[0].reason


def test_texts_need_their_language(data_dir):
    problem = only_problem(data_dir, bad(text_lang=""), "text_lang")
    assert "required because status_note_de is filled" in problem.reason


def test_text_language_outside_de_ru_en(data_dir):
    problem = only_problem(data_dir, bad(text_lang="fr"), "text_lang")
    assert problem.value == "fr" and "de, ru, en" in problem.reason


def test_row_without_texts_needs_no_language(data_dir):
    row = bad(text_lang="", status_note_de="", status_note_ru="", status_note_en="")
    frame, problems = read_partnerships(data_dir([row]) / "partnerships.csv")
    assert problems == []


def test_cyrillic_german_name_needs_its_source(data_dir):
    problem = only_problem(data_dir, bad(de_name_ru_source=""), "de_name_ru_source")
    assert "transcription" in problem.reason


def test_cyrillic_german_name_source_is_a_url_or_transcription(data_dir):
    problem = only_problem(data_dir, bad(de_name_ru_source="Wikipedia"), "de_name_ru_source")
    assert problem.value == "Wikipedia"
    frame, problems = read_partnerships(data_dir([bad(de_name_ru_source="https://ru.wikipedia.org/wiki/Зуль")]) / "partnerships.csv")
    assert problems == []


def test_old_schema_columns_get_a_hint(data_dir):
    folder = data_dir()
    text = (folder / "partnerships.csv").read_text(encoding="utf-8").splitlines()
    (folder / "partnerships.csv").write_text(text[0] + ",status_note\n" + text[1] + ",old\n", encoding="utf-8")
    frame, problems = read_partnerships(folder / "partnerships.csv")
    assert len(frame) == 1
    hint = next(p for p in problems if p.column == "status_note")
    assert hint.severity == "warning" and "status_note_de, status_note_ru, status_note_en (with text_lang)" in hint.reason


def conference(**changes):
    from conftest import GOOD_CONFERENCE

    return {**GOOD_CONFERENCE, **changes}


def conference_problems(data_dir, row):
    frame, problems = read_conferences(data_dir(conferences=[row]) / "conferences.csv")
    assert len(frame) == 1, "a bad row must not be dropped"
    return frame, [p for p in problems if p.severity == "error"]


def test_good_conference_has_no_problems(data_dir):
    frame, problems = conference_problems(data_dir, conference())
    assert problems == [] and frame["participants_min"].iloc[0] == 350


def test_participants_min_above_max(data_dir):
    frame, problems = conference_problems(data_dir, conference(participants_min="400", participants_max="300"))
    assert [(p.column, p.value) for p in problems] == [("participants_max", "300")]
    assert "smaller than participants_min (400)" in problems[0].reason
    assert frame["participants_min"].isna().all()


@pytest.mark.parametrize("value", ["ca. 300", "300.5", "-3"])
def test_participants_are_whole_numbers(data_dir, value):
    frame, problems = conference_problems(data_dir, conference(participants_min=value))
    assert any(p.column == "participants_min" and p.value == value for p in problems)


def test_participant_figures_need_their_source(data_dir):
    frame, problems = conference_problems(data_dir, conference(participants_source=""))
    assert [p.column for p in problems] == ["participants_source"]


def test_only_one_participant_bound(data_dir):
    frame, problems = conference_problems(data_dir, conference(participants_max=""))
    assert [p.column for p in problems] == ["participants_max"]


def test_motto_in_three_languages_with_its_language(data_dir):
    frame, problems = conference_problems(data_dir, conference(motto_de="Zukunft gestalten"))
    assert sorted(p.column for p in problems) == ["motto_en", "motto_lang", "motto_ru"]
    frame, problems = conference_problems(data_dir, conference(
        motto_lang="de", motto_de="Zukunft gestalten", motto_ru="Строить будущее", motto_en="Shaping the future"))
    assert problems == []


from geo.datasets import check_status_history, read_metadata, read_status_history  # noqa: E402

HISTORY_HEADER = "id,date,status,source,note_de,note_ru,note_en\n"


def test_status_history_rows_are_checked(tmp_path):
    path = tmp_path / "status_history.csv"
    path.write_text(HISTORY_HEADER
                    + "suhl-kaluga,2022-03,suspended,https://example.org/a,,,\n"
                    + "Suhl Kaluga,2022-13,frozen,Stadtarchiv,Notiz,,\n"
                    + ",2023,ended,https://example.org/b,,,\n", encoding="utf-8")
    frame, problems = read_status_history(path)
    assert len(frame) == 3 and list(frame["line"]) == [2, 3, 4]
    line3 = {p.column: p for p in problems if p.line == 3}
    assert set(line3) == {"id", "date", "status", "source", "note_ru", "note_en"}
    assert line3["date"].reason == "no such date" and line3["status"].value == "frozen"
    assert frame["id"].iloc[2] == "#line-4"
    assert any(p.line == 4 and p.column == "id" and "missing" in p.reason for p in problems)


def test_status_history_against_the_partnerships(data_dir):
    folder = data_dir([GOOD_ROW, bad(status="active", status_date="")])
    partnerships, _ = read_partnerships(folder / "partnerships.csv")
    path = folder / "status_history.csv"
    path.write_text(HISTORY_HEADER
                    + "suhl-kaluga,2022-03,suspended,https://example.org/a,,,\n"
                    + "bad-row,2022-03,suspended,https://example.org/a,,,\n"
                    + "bad-row,2024,ended,https://example.org/b,,,\n"
                    + "no-such-pair,2022,ended,https://example.org/c,,,\n", encoding="utf-8")
    history, problems = read_status_history(path)
    assert problems == []
    problems = check_status_history(partnerships, history)
    errors = sorted((p.file, p.line, p.column, p.value) for p in problems)
    assert errors == [("partnerships.csv", 3, "status", "active"), ("status_history.csv", 5, "id", "no-such-pair")]
    status = next(p for p in problems if p.column == "status")
    assert "ended since 2024 (line 4)" in status.reason and status.row_id == "bad-row"


@pytest.mark.parametrize("content,value,reason", [
    ('{"updated": "2026-13-45"}', "2026-13-45", "no such date"),
    ('{"updated": 5}', "5", "not a date"),
    ('{"updated": "28.11.2026"}', "28.11.2026", "not a date"),
    ('["2026-11-28"]', '["2026-11-28"]', "must be a JSON object"),
    ('{"updated": "2026-11-28"', '{"updated": "2026-11-28"', "not valid JSON"),
    ("{}", "", "required key is missing"),
])
def test_metadata_that_is_not_a_date_is_a_problem(tmp_path, content, value, reason):
    path = tmp_path / "metadata.json"
    path.write_text(content, encoding="utf-8")
    metadata, problems = read_metadata(path)
    assert metadata == {"updated": "", "corrections": ""}
    assert len(problems) == 1
    assert problems[0].file == "metadata.json" and problems[0].value == value and reason in problems[0].reason


def test_good_metadata(tmp_path):
    path = tmp_path / "metadata.json"
    path.write_text('{\n  "updated": "2026-11-28"\n}\n', encoding="utf-8")
    assert read_metadata(path) == ({"updated": "2026-11-28", "corrections": ""}, [])
    assert read_metadata(tmp_path / "absent.json") == ({"updated": "", "corrections": ""}, [])
