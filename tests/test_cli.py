"""``python -m geo``: a mistake ends with one clear sentence and a non-zero
exit code, never a traceback; files from Excel are read, not refused."""
import csv
import os
import subprocess
import sys

import pytest

from conftest import GOOD_ROW, ROOT


def geo(*args, env=None):
    environment = {**os.environ, **(env or {})}
    environment.pop("PARTNERMAP_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          env=environment)


def one_sentence(result):
    """The single error line on stderr (and no traceback)."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_geocode_of_a_missing_file(tmp_path):
    result = geo("geocode", tmp_path / "nope.csv")
    assert result.returncode == 2
    assert one_sentence(result) == f"python -m geo geocode: error: no such file: {tmp_path / 'nope.csv'}"


def test_geocode_reads_a_german_excel_file(tmp_path):
    source = tmp_path / "orte.csv"
    source.write_bytes("name;country;region\r\nDüren;DE;DE-NW\r\nJaroslawl;RU;\r\n".encode("cp1252"))
    out = tmp_path / "out.csv"
    result = geo("geocode", source, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Windows-1252" in result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["name"] for r in rows] == ["Düren", "Jaroslawl"]
    assert rows[0]["matched_name"] == "Düren" and rows[1]["matched_name"] == "Yaroslavl"


def test_geocode_reads_a_file_with_a_byte_order_mark(tmp_path):
    source = tmp_path / "orte.csv"
    source.write_bytes(b"\xef\xbb\xbfname,country\nKaluga,RU\n")
    out = tmp_path / "out.csv"
    result = geo("geocode", source, "-o", out)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["name"] == "Kaluga" and rows[0]["method"] == "exact"


def test_geocode_country_other_than_de_or_ru_is_an_error(tmp_path):
    source = tmp_path / "orte.csv"
    source.write_text("name,country\nKaluga,XX\nKaluga,RU\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = geo("geocode", source, "-o", out)
    assert result.returncode == 1
    assert f"{source}:2: error: 'Kaluga': country must be DE or RU, not 'XX'" in result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 2, "the bad row is still written"
    assert rows[0]["lat"] == "" and "DE or RU" in rows[0]["note"] and rows[1]["matched_name"] == "Kaluga"


def test_geocode_without_a_name_column(tmp_path):
    source = tmp_path / "orte.csv"
    source.write_text("ort,country\nKaluga,RU\n", encoding="utf-8")
    result = geo("geocode", source)
    assert result.returncode == 2
    assert "has no column name (its header: ort, country" in one_sentence(result)


def test_geocode_never_overwrites_its_input(tmp_path):
    source = tmp_path / "orte.csv"
    source.write_text("name,country\nKaluga,RU\n", encoding="utf-8")
    result = geo("geocode", source, "-o", source)
    assert result.returncode == 2 and "is the input file" in one_sentence(result)
    assert source.read_text(encoding="utf-8") == "name,country\nKaluga,RU\n"


def test_export_onto_an_existing_file(tmp_path, data_dir):
    folder = data_dir()
    target = tmp_path / "a-file"
    target.write_text("keep me", encoding="utf-8")
    result = geo("export", target, "--data-dir", folder)
    assert result.returncode == 2
    assert one_sentence(result) == (f"python -m geo export: error: {target} is a file: "
                                    "give a folder (new or empty) to write the export into")
    assert target.read_text(encoding="utf-8") == "keep me"


def test_export_over_an_earlier_export_needs_force(tmp_path, data_dir):
    folder = data_dir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "partnerships.csv").write_text("mine", encoding="utf-8")
    result = geo("export", out, "--data-dir", folder)
    assert result.returncode == 2
    assert "already holds partnerships.csv: add --force to overwrite them" in one_sentence(result)
    assert (out / "partnerships.csv").read_text(encoding="utf-8") == "mine"
    result = geo("export", out, "--data-dir", folder, "--force")
    assert result.returncode == 0, result.stderr
    assert (out / "partnerships.csv").read_text(encoding="utf-8").startswith("id,de_name,")


def test_validate_on_a_folder_without_data(tmp_path):
    result = geo("validate", tmp_path)
    assert result.returncode == 2
    assert one_sentence(result) == f"python -m geo validate: error: no partnerships.csv in {tmp_path}"


def test_validate_on_a_folder_that_does_not_exist(tmp_path):
    result = geo("validate", tmp_path / "nowhere")
    assert result.returncode == 2 and "no such folder" in one_sentence(result)


@pytest.mark.parametrize("content,expected", [
    ('{"updated": "2026-13-45"}', "metadata.json:1: error: column 'updated', value '2026-13-45': no such date"),
    ('{"updated": 5}', "metadata.json:1: error: column 'updated', value '5': not a date"),
    ('"2026-11-28"', "metadata.json: error: column '', value '\"2026-11-28\"': must be a JSON object"),
])
def test_validate_reports_bad_metadata(data_dir, content, expected):
    folder = data_dir()
    (folder / "metadata.json").write_text(content, encoding="utf-8")
    result = geo("validate", folder)
    assert result.returncode == 1, result.stdout + result.stderr
    assert expected in result.stdout
    assert result.stdout.count("metadata.json") == 1


def test_data_folder_from_the_environment(data_dir, tmp_path):
    folder = data_dir([GOOD_ROW, {**GOOD_ROW, "id": "x", "ru_region": "RU-XX"}])
    result = geo("validate", env={"PARTNERMAP_DATA_DIR": str(folder)})
    assert result.returncode == 1
    assert "partnerships.csv:3: error: column 'ru_region', value 'RU-XX'" in result.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    result = geo("validate", env={"PARTNERMAP_DATA_DIR": str(empty)})
    assert result.returncode == 2 and f"no partnerships.csv in {empty}" in one_sentence(result)


def test_validate_of_a_cp1252_semicolon_data_file_reads_every_row(data_dir):
    folder = data_dir([GOOD_ROW, {**GOOD_ROW, "id": "dueren-kaluga", "de_name": "Düren", "de_region": "DE-NW",
                                  "de_name_ru": "", "de_name_ru_source": ""}])
    path = folder / "partnerships.csv"
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    with path.open("w", encoding="cp1252", errors="replace", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    result = geo("validate", folder)
    assert "2 partnerships: 2 on the map" in result.stderr, result.stdout + result.stderr
    assert "partnerships.csv: warning: column '', value 'cp1252': file is not UTF-8" in result.stdout
