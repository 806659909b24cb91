import csv
import json
import subprocess
import sys

from conftest import ROOT, GOOD_ROW


def test_export_writes_the_five_files(tmp_path, data_dir):
    folder = data_dir([GOOD_ROW, {**GOOD_ROW, "id": "x", "ru_name": "Nirgendwograd", "ru_name_ru": ""}])
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "geo", "export", str(out), "--data-dir", str(folder)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["partnerships.csv", "partnerships.geojson", "conferences.csv", "conferences.geojson", "problems.csv"])
    rows = list(csv.DictReader((out / "partnerships.csv").open(encoding="utf-8")))
    assert [r["id"] for r in rows] == ["suhl-kaluga", "x"]
    assert rows[0]["de_method"] == "exact" and abs(float(rows[0]["ru_lat"]) - 54.53) < 0.05
    features = json.loads((out / "partnerships.geojson").read_text(encoding="utf-8"))["features"]
    assert features[0]["geometry"]["type"] == "LineString" and features[0]["properties"]["since"] == 1969
    assert features[1]["geometry"]["type"] == "Point"  # the German end only
    conf = json.loads((out / "conferences.geojson").read_text(encoding="utf-8"))["features"]
    assert conf[0]["geometry"]["coordinates"][1] > 54
    problems = list(csv.DictReader((out / "problems.csv").open(encoding="utf-8")))
    unplaced = [p for p in problems if p["value"] == "Nirgendwograd"]
    assert unplaced[0]["line"] == "3" and unplaced[0]["column"] == "ru_name" and unplaced[0]["severity"] == "error"


def test_geocode_command_keeps_every_row_in_order(tmp_path):
    source = tmp_path / "names.csv"
    source.write_text("name,country,region\nJaroslawl,RU,\nNirgendwo,RU,RU-KLU\nKreis Düren,DE,DE-NW\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = subprocess.run([sys.executable, "-m", "geo", "geocode", str(source), "-o", str(out)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["name"] for r in rows] == ["Jaroslawl", "Nirgendwo", "Kreis Düren"]
    assert rows[0]["matched_name"] == "Yaroslavl" and rows[0]["method"] == "alternate"
    assert rows[1]["lat"] == "" and "no place named" in rows[1]["note"]
    assert rows[2]["method"] == "district seat"
    assert "names.csv:3" in result.stderr
