"""The shown partnerships as a table with their sources, a page of rows at a
time (every row is in the CSV download)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ..context import Context

PAGE = 500  # rows a page of the table sends to the browser, whatever the size of the data


def title(ctx: Context) -> str:
    return ctx.t("tab.table")


def render(ctx: Context) -> None:
    t, shown = ctx.t, ctx.shown
    rows = shown
    if len(shown) > PAGE:
        pages = (len(shown) + PAGE - 1) // PAGE
        page = int(st.number_input(t("table.page", pages=pages), min_value=1, max_value=pages, value=1, step=1, key="table_page"))
        rows = shown.iloc[(page - 1) * PAGE:page * PAGE]
        st.caption(t("table.page_rows", first=(page - 1) * PAGE + 1, last=min(page * PAGE, len(shown)), total=len(shown)))
    st.dataframe(frame(rows, ctx), hide_index=True, width="stretch",
                 # a viewer's list names sources nobody vetted: shown as text, not as links
                 column_config={t("col.source"): st.column_config.TextColumn(t("col.source")) if ctx.uploaded else
                                st.column_config.LinkColumn(t("col.source"), display_text=t("col.source_link")),
                                t("col.distance"): st.column_config.TextColumn(alignment="right")})
    st.caption(t("table.caption"))


def frame(rows: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """``rows`` as the table shows them: names, regions and values in the view's language."""
    t = ctx.t
    records = rows.to_dict("records")
    return pd.DataFrame({
        t("col.de"): [t.place(r, "de") for r in records],
        t("col.de_region"): rows["de_region"].map(t.region),
        t("col.ru"): [t.place(r, "ru") for r in records],
        t("col.ru_region"): rows["ru_region"].map(t.region),
        t("col.kind"): rows["kind"].map(t.kind),
        t("col.level"): rows["level"].map(lambda level: t(f"level.{level}.one") if level else t("unknown")),
        # text, never a missing value: the grid would print "None"; plain digits still sort as numbers
        t("col.since"): rows["since"].map(lambda y: t("unknown") if pd.isna(y) else str(int(y))),
        t("col.status"): rows["status"].map(t.status),
        t("col.status_date"): rows["status_date"].map(lambda d: t.date(d) if d else "—"),
        t("col.distance"): rows["distance_km"].map(lambda km: "—" if pd.isna(km) else str(int(km))),
        t("col.source"): rows["source"].map(lambda s: s.split()[0] if s else ""),
        t("col.note"): [t.text(r, "status_note") for r in records],
    })
