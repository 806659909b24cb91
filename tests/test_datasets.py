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
