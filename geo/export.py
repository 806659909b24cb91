"""The resolved tables as files: CSV and GeoJSON, for the CLI and the
dashboard's download buttons alike.

CSV cells are safe to open in a spreadsheet however it splits the lines
(``,``, or ``;`` as German Excel does, or tab): every cell that holds one of
these, a quote or a line break is quoted, and every piece of text that would
start a cell after any of them with ``=`` ``+`` ``-`` ``@`` (or the cell with
tab or carriage return) gets a leading ``'``, so Excel and LibreOffice show it
instead of running it as a formula (``Jena;=6+6`` is written as
``"Jena;'=6+6"``, ``=HYPERLINK("http://x","click")`` as
``'=HYPERLINK(...)``; see geo.csvio.safe_cell). Numbers are written as
numbers: the numeric columns (positions, years, scores, distances, line
numbers) hold ints and floats, so a longitude of -12.5 stays -12.5, and text
that is a plain number ("-12.5") is left as it is. GeoJSON is data, not a
spreadsheet, and is written unchanged.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .arcs import great_circle
from .csvio import csv_line
from .datasets import CONFERENCE_COLUMNS, PARTNERSHIP_COLUMNS
from .problems import PROBLEM_FIELDS, Problem
from .resolve import Atlas

PLACEMENT_COLUMNS = [f"{side}_{k}" for side in ("de", "ru") for k in ("method", "matched", "geonameid", "score", "note")]
PARTNERSHIP_EXPORT = PARTNERSHIP_COLUMNS + PLACEMENT_COLUMNS + ["distance_km"]
CONFERENCE_EXPORT = [c for c in CONFERENCE_COLUMNS] + ["method", "matched"]

# RFC 4180 line ends (geo.csvio.csv_line writes them)
CSV_LINE_END = "\r\n"
# problems.csv: the English sentence and its code, for a reader in another language
PROBLEM_EXPORT = PROBLEM_FIELDS + ["code"]

FILES = ("partnerships.csv", "partnerships.geojson", "conferences.csv", "conferences.geojson", "problems.csv")


def _clean(value):
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _csv(frame: pd.DataFrame, columns: list[str]) -> str:
    lines = [csv_line(columns)]
    lines.extend(csv_line([_clean(v) for v in row]) for row in frame[columns].itertuples(index=False))
    return "".join(lines)


def partnerships_csv(frame: pd.DataFrame) -> str:
    """The partnerships with their placement, as CSV text (formula-safe cells)."""
    return _csv(frame, PARTNERSHIP_EXPORT)


def conferences_csv(frame: pd.DataFrame) -> str:
    """The conferences with their placement, as CSV text (formula-safe cells)."""
    return _csv(frame, CONFERENCE_EXPORT)


def problems_csv(problems: list[Problem]) -> str:
    """Every problem (file, line, column, value, reason, severity, row_id, code) as CSV text (formula-safe cells)."""
    lines = [csv_line(PROBLEM_EXPORT)]
    lines.extend(csv_line([getattr(problem, k) for k in PROBLEM_EXPORT]) for problem in problems)
    return "".join(lines)


def partnerships_geojson(frame: pd.DataFrame) -> dict:
    """One feature per partnership: its arc as a LineString (or the single
    placed end as a Point; no geometry where neither end is placed)."""
    features = []
    for row in frame.to_dict("records"):
        properties = {k: _clean(row.get(k)) for k in PARTNERSHIP_EXPORT}
        if row["placed"]:
            arc = great_circle(row["de_lat"], row["de_lon"], row["ru_lat"], row["ru_lon"])
            geometry = {"type": "LineString", "coordinates": [[round(lon, 5), round(lat, 5)] for lat, lon in arc]}
        elif _clean(row.get("de_lat")) is not None:
            geometry = {"type": "Point", "coordinates": [row["de_lon"], row["de_lat"]]}
        elif _clean(row.get("ru_lat")) is not None:
            geometry = {"type": "Point", "coordinates": [row["ru_lon"], row["ru_lat"]]}
        else:
            geometry = None
        features.append({"type": "Feature", "id": row["id"], "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def conferences_geojson(frame: pd.DataFrame) -> dict:
    """One Point feature per conference host (no geometry where it is not placed)."""
    features = []
    for row in frame.to_dict("records"):
        properties = {k: _clean(row.get(k)) for k in CONFERENCE_EXPORT if k not in ("lat", "lon")}
        lat, lon = _clean(row.get("lat")), _clean(row.get("lon"))
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def existing_files(out_dir: Path) -> list[Path]:
    """The files of an export already in ``out_dir`` (which export would overwrite)."""
    out_dir = Path(out_dir)
    return [out_dir / name for name in FILES if (out_dir / name).exists() or (out_dir / name).is_symlink()]


def export(atlas: Atlas, out_dir: Path, overwrite: bool = False) -> list[Path]:
    """Write the five files into ``out_dir`` (created if missing); returns their paths.

    Raises FileExistsError when ``out_dir`` is a file, or already holds one of
    the files and ``overwrite`` is False."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise FileExistsError(f"{out_dir} is a file, not a folder")
    clash = existing_files(out_dir)
    if clash and not overwrite:
        raise FileExistsError(f"{out_dir} already holds {', '.join(p.name for p in clash)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    contents = {
        "partnerships.csv": partnerships_csv(atlas.partnerships),
        "partnerships.geojson": json.dumps(partnerships_geojson(atlas.partnerships), ensure_ascii=False),
        "conferences.csv": conferences_csv(atlas.conferences),
        "conferences.geojson": json.dumps(conferences_geojson(atlas.conferences), ensure_ascii=False),
        "problems.csv": problems_csv(atlas.problems),
    }
    paths = []
    for name in FILES:
        path = out_dir / name
        if path.is_symlink():  # overwrite the link itself, never the file it points to
            path.unlink()
        path.write_text(contents[name], encoding="utf-8", newline="")
        paths.append(path)
    return paths
