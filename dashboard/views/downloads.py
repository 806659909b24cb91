"""Downloads of exactly what is shown: CSV, GeoJSON, a standalone HTML map;
and the conferences and the problems. Files are made when a button is
pressed, not on every change of filter."""
from __future__ import annotations

import json
from collections.abc import Callable

import streamlit as st

from geo import export

from .. import filters, mapview, spreadsheet
from ..context import Context
from ..resources import load_outlines

COLUMNS = 3
HELP = {"download.csv": "download.csv_help", "download.xlsx": "download.xlsx_help", "download.html": "download.html_help"}


def title(ctx: Context) -> str:
    return ctx.t("tab.downloads")


def render(ctx: Context) -> None:
    t = ctx.t
    st.markdown(t("download.intro"))
    columns = st.columns(COLUMNS)
    for index, (key, make, file_name, mime) in enumerate(files(ctx)):
        columns[index % COLUMNS].download_button(t(key), make, file_name, mime, key=f"download-{file_name}", on_click="ignore",
                                                 help=t(HELP[key]) if key in HELP else None)


def files(ctx: Context) -> list[tuple[str, Callable[[], str | bytes], str, str]]:
    """(label key, maker, file name, MIME type) per download; a maker runs when its button is pressed."""
    shown, atlas, dataset, t = ctx.shown.copy(), ctx.atlas, ctx.dataset, ctx.t
    page_title = f"{t('app.title')} — {filters.describe(ctx.filter, t)}"

    def standalone_map() -> str:
        return mapview.standalone_html(dataset, mapview.state(t, shown["id"], dataset, tiles=True), load_outlines(), page_title)

    return [
        ("download.csv", lambda: export.partnerships_csv(shown), "partnerships.csv", "text/csv"),
        # for people: the columns a reader needs, in the view's language (the CSV above is for machines)
        ("download.xlsx", lambda: spreadsheet.workbook(shown, t), f"partnerships-{t.lang}.xlsx", spreadsheet.MIME),
        ("download.geojson", lambda: json.dumps(export.partnerships_geojson(shown), ensure_ascii=False),
         "partnerships.geojson", "application/geo+json"),
        ("download.html", standalone_map, "partnerships-map.html", "text/html"),
        ("download.conferences_csv", lambda: export.conferences_csv(atlas.conferences), "conferences.csv", "text/csv"),
        ("download.conferences_geojson", lambda: json.dumps(export.conferences_geojson(atlas.conferences), ensure_ascii=False),
         "conferences.geojson", "application/geo+json"),
        ("download.problems", lambda: export.problems_csv(atlas.problems), "problems.csv", "text/csv"),
    ]
