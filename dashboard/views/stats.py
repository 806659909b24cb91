"""Statistics of the shown partnerships: founded per year with the running
total, per Land, per federal subject, distances, status over time; each chart
with a sentence that says what it shows and its data as a table."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import charts
from ..context import Context


def title(ctx: Context) -> str:
    return ctx.t("tab.chart")


def render(ctx: Context) -> None:
    t, shown, atlas = ctx.t, ctx.shown, ctx.atlas
    st.subheader(t("stats.per_year"))
    per_year = charts.per_year(shown)
    _chart(ctx, charts.per_year_chart(per_year, t), charts.per_year_summary(per_year, t), per_year,
           {"year": t("chart.year"), "founded": t("chart.founded"), "total": t("chart.total")})
    left, right = st.columns(2)
    with left:
        st.subheader(t("stats.per_land"))
        per_land = charts.per_region(shown, "de", t)
        _chart(ctx, charts.bar_chart(per_land, t("col.de_region"), t), charts.top_summary(per_land, t), per_land,
               {"region": t("col.de_region"), "count": t("stats.count")})
    with right:
        st.subheader(t("stats.per_subject"))
        per_subject = charts.per_region(shown, "ru", t)
        _chart(ctx, charts.bar_chart(per_subject, t("col.ru_region"), t, "#8C1C13"), charts.top_summary(per_subject, t),
               per_subject, {"region": t("col.ru_region"), "count": t("stats.count")})
    st.subheader(t("stats.distance"))
    distances = charts.distances(shown)
    _chart(ctx, charts.distance_chart(distances, t), charts.distance_summary(shown, t), distances,
           {"from_km": t("stats.from_km"), "to_km": t("stats.to_km"), "count": t("stats.count")})
    st.subheader(t("stats.status"))
    per_status = charts.status_over_time(shown, atlas.status_history, t, atlas.updated)
    _chart(ctx, charts.status_chart(per_status, t), charts.status_summary(shown, atlas.status_history, t),
           per_status[["year", "label", "count"]],
           {"year": t("stats.status_year"), "label": t("col.status"), "count": t("stats.count")})


def _chart(ctx: Context, chart, summary: str, data: pd.DataFrame, columns: dict[str, str]) -> None:
    """A chart, the sentence that says what it shows (Markdown from dashboard.charts), and its data as a table."""
    st.altair_chart(chart, width="stretch")
    st.caption(summary)
    with st.expander(ctx.t("chart.as_table")):
        st.dataframe(data.rename(columns=columns), hide_index=True, width="stretch")
