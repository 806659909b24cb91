"""Charts (Altair), each with the table it is drawn from."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .i18n import Translator


def per_year(shown: pd.DataFrame) -> pd.DataFrame:
    """Partnerships founded per year and the running total (known years only)."""
    years = shown["since"].dropna().astype(int)
    if years.empty:
        return pd.DataFrame({"year": [], "founded": [], "total": []})
    counts = years.value_counts().reindex(range(years.min(), years.max() + 1), fill_value=0).sort_index()
    return pd.DataFrame({"year": counts.index, "founded": counts.values, "total": counts.cumsum().values})


def per_year_chart(table: pd.DataFrame, t: Translator) -> alt.LayerChart:
    base = alt.Chart(table).encode(x=alt.X("year:O", title=t("chart.year"), axis=alt.Axis(labelAngle=-60)))
    bars = base.mark_bar(color="#0072B2").encode(
        y=alt.Y("founded:Q", title=t("chart.founded")),
        tooltip=[alt.Tooltip("year:O", title=t("chart.year")), alt.Tooltip("founded:Q", title=t("chart.founded")),
                 alt.Tooltip("total:Q", title=t("chart.total"))],
    )
    line = base.mark_line(color="#D55E00", strokeWidth=3, point=True).encode(
        y=alt.Y("total:Q", title=t("chart.total"), axis=alt.Axis(titleColor="#D55E00")),
    )
    return alt.layer(bars, line).resolve_scale(y="independent").properties(height=320)


def per_year_summary(table: pd.DataFrame, t: Translator) -> str:
    """A sentence that says what the chart shows, for screen readers and print."""
    if table.empty:
        return t("chart.empty")
    peak = table.loc[table["founded"].idxmax()]
    return t("chart.summary", first=str(int(table["year"].min())), last=str(int(table["year"].max())),
             total=int(table["total"].iloc[-1]), peak_year=str(int(peak["year"])), peak=int(peak["founded"]))
