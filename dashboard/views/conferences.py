"""The German–Russian partnership conferences: number, year, dates, host,
co-hosts, motto, participants, source."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ..context import Context
from ..i18n import Translator
from ..text import roman


def title(ctx: Context) -> str:
    return ctx.t("tab.conferences")


def render(ctx: Context) -> None:
    t = ctx.t
    st.dataframe(frame(ctx.atlas.conferences, t), hide_index=True, width="stretch",
                 column_config={t("col.source"): st.column_config.LinkColumn(t("col.source"), display_text=t("col.source_link")),
                                t("col.year"): st.column_config.NumberColumn(format="%d")})
    st.caption(t("conferences.caption"))


def frame(conferences: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """The conferences in order, as the table shows them in the view's language."""
    # By date: the unnumbered online meetings since 2020 fall in between the numbered ones.
    ordered = conferences.sort_values(["year", "start_date", "number"], na_position="first")
    records = ordered.to_dict("records")
    return pd.DataFrame({
        t("col.number"): [t("conference.online") if r.get("format") == "online" and pd.isna(r["number"]) else roman(r["number"])
                          for r in records],
        t("col.year"): ordered["year"],
        t("col.dates"): [" – ".join(t.date(d) for d in (a, b) if d) or t("unknown")
                         for a, b in zip(ordered["start_date"], ordered["end_date"])],
        t("col.host"): [t.host(r) or t("conference.online" if r.get("format") == "online" else "unknown") for r in records],
        t("col.co_hosts"): [t.text(r, "co_hosts") for r in records],
        t("col.motto"): [t.text(r, "motto") or t("unknown") for r in records],
        t("col.participants"): [participants(r, t) for r in records],
        t("col.source"): ordered["source"].map(lambda s: s.split()[0] if s else ""),
    })


def participants(row: dict, t: Translator) -> str:
    """A number, or a range where the sources disagree."""
    low, high = row.get("participants_min", row.get("participants")), row.get("participants_max", row.get("participants"))
    if low is None or pd.isna(low):
        return t("unknown")
    return t.number(int(low)) if high is None or pd.isna(high) or high == low else f"{t.number(int(low))}–{t.number(int(high))}"
