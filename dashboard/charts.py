"""Charts (Altair). Every chart follows the filters, comes with the table it
is drawn from, and with a sentence that says what it shows."""
from __future__ import annotations

import altair as alt
import pandas as pd

from geo import counts

from .i18n import Translator
from .text import md
from .mapdata import STATUS_STYLE


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
    if table.empty:
        return t("chart.empty")
    peak = table.loc[table["founded"].idxmax()]
    return t("chart.summary", first=str(int(table["year"].min())), last=str(int(table["year"].max())),
             total=int(table["total"].iloc[-1]), peak_year=str(int(peak["year"])), peak=int(peak["founded"]))


def per_region(shown: pd.DataFrame, side: str, t: Translator) -> pd.DataFrame:
    """Partnerships per German Land (side="de") or Russian federal subject (side="ru")."""
    codes = shown[f"{side}_region"].replace("", pd.NA).dropna()
    counts = codes.value_counts()
    return pd.DataFrame({"region": [t.region(c) for c in counts.index], "count": counts.values})


def bar_chart(table: pd.DataFrame, label: str, t: Translator, color: str = "#0072B2") -> alt.Chart:
    return alt.Chart(table).mark_bar(color=color).encode(
        x=alt.X("count:Q", title=t("stats.count")),
        y=alt.Y("region:N", sort="-x", title=label, axis=alt.Axis(labelOverlap=False, labelLimit=220)),
        tooltip=[alt.Tooltip("region:N", title=label), alt.Tooltip("count:Q", title=t("stats.count"))],
    ).properties(height=max(120, 18 * len(table)))


def top_summary(table: pd.DataFrame, t: Translator) -> str:
    if table.empty:
        return t("chart.empty")
    first = table.iloc[0]
    # a caption is Markdown: the region's name is data (data/regions.csv), so it is escaped
    return t("stats.top", region=md(first["region"]), n=int(first["count"]), regions=len(table))


DISTANCE_BIN_KM = 500


def distances(shown: pd.DataFrame) -> pd.DataFrame:
    """How far apart the partners are, in 500 km steps."""
    km = shown["distance_km"].dropna().astype(float)
    if km.empty:
        return pd.DataFrame({"from_km": [], "to_km": [], "count": []})
    bins = (km // DISTANCE_BIN_KM).astype(int)
    counts = bins.value_counts().reindex(range(bins.min(), bins.max() + 1), fill_value=0).sort_index()
    return pd.DataFrame({"from_km": counts.index * DISTANCE_BIN_KM, "to_km": (counts.index + 1) * DISTANCE_BIN_KM,
                         "count": counts.values})


def distance_chart(table: pd.DataFrame, t: Translator) -> alt.Chart:
    return alt.Chart(table).mark_bar(color="#009E73").encode(
        x=alt.X("from_km:Q", bin=alt.Bin(binned=True, step=DISTANCE_BIN_KM), title=t("stats.distance_km")),
        x2="to_km:Q",
        y=alt.Y("count:Q", title=t("stats.count")),
        tooltip=[alt.Tooltip("from_km:Q", title=t("stats.from_km")), alt.Tooltip("to_km:Q", title=t("stats.to_km")),
                 alt.Tooltip("count:Q", title=t("stats.count"))],
    ).properties(height=260)


def distance_summary(shown: pd.DataFrame, t: Translator) -> str:
    km = shown["distance_km"].dropna()
    if km.empty:
        return t("chart.empty")
    return t("stats.distance_summary", median=int(km.median()), min=int(km.min()), max=int(km.max()))


def status_years(shown: pd.DataFrame, history: pd.DataFrame | None, updated: str = "") -> list[int]:
    """The years the status chart covers: from two years before the first dated
    change to the data's date (or the last change)."""
    changes = [year for pairs in counts.status_changes(shown, history).values() for year, _ in pairs]
    last = max(changes + ([int(updated[:4])] if updated[:4].isdigit() else []), default=None)
    if last is None:
        return []
    return list(range(min(changes, default=last) - 2, last + 1))


def status_over_time(shown: pd.DataFrame, history: pd.DataFrame | None, t: Translator, updated: str = "") -> pd.DataFrame:
    """How many of the shown partnerships had each status in each year (from
    status_history.csv; see geo.counts for the rule)."""
    long = counts.status_by_year(shown, history, status_years(shown, history, updated))
    long["label"] = long["status"].map(t.status)
    return long


def status_chart(table: pd.DataFrame, t: Translator) -> alt.Chart:
    statuses = [s for s in STATUS_STYLE if s in set(table["status"])]
    return alt.Chart(table).mark_bar().encode(
        x=alt.X("year:O", title=t("stats.status_year")),
        y=alt.Y("count:Q", title=t("stats.count")),
        color=alt.Color("label:N", title=t("col.status"), sort=[t.status(s) for s in statuses],
                        scale=alt.Scale(domain=[t.status(s) for s in statuses], range=[STATUS_STYLE[s]["color"] for s in statuses])),
        tooltip=[alt.Tooltip("year:O", title=t("stats.status_year")), alt.Tooltip("label:N", title=t("col.status")),
                 alt.Tooltip("count:Q", title=t("stats.count"))],
    ).properties(height=260)


def status_summary(shown: pd.DataFrame, history: pd.DataFrame | None, t: Translator) -> str:
    """Suspended today (and how many of them since 2022), unknown today, of the shown partnerships."""
    tally = counts.count(shown).by_status
    starts = counts.suspension_start(shown, history)
    return t("stats.status_summary", suspended=tally["suspended"], since_2022=sum(1 for y in starts.values() if y >= 2022),
             of_shown=t.plural("stats.of_shown", len(shown)), unknown=tally["unknown"])
