"""The selected place, beside the map (under it on a phone): a box to choose
a place, then its partnerships, each with its sources and "show on the map"."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ..context import Context
from ..text import md, md_sources
from .map import focus_pair

CHOICES = 50  # places the select box offers: every option is sent to the browser on every change
LIST_HEIGHT = 520  # px: the list scrolls beside the map instead of lengthening the page


def render(ctx: Context) -> None:
    t = ctx.t
    keys, more = choices(ctx)
    st.selectbox(t("town.select"), keys, key="town", format_func=lambda key: ctx.town_labels.get(key, key))
    if more:
        st.caption(t("town.more", n=more))
    town = ctx.town
    if town is None:
        return
    partnerships = ctx.rows[ctx.rows["id"].isin(town["ids"])]
    st.markdown(f"**{md(ctx.town_labels[town['key']])}**  \n{md(t.plural('n.partnerships', len(partnerships)))}")
    partner_side = "ru" if town["side"] == "de" else "de"
    with st.container(height=LIST_HEIGHT, border=False):
        for row in partnerships.to_dict("records"):
            since = t("map.since.unknown") if pd.isna(row["since"]) else t("map.since", year=str(int(row["since"])))
            note = t.text(row, "status_note")
            st.markdown(
                f"**{md(t.place(row, partner_side))}**  \n{md(t.kind(row['kind']))} · {md(since)} · {md(t.status(row['status']))}"
                + (f"  \n_{md(note)}_" if note else "")
                + f"  \n{md(t('popup.sources'))}: {md_sources(row['source'], linked=not ctx.uploaded)}")
            if row["placed"]:
                st.button(t("town.show_on_map"), key=f"focus-{row['id']}", on_click=focus_pair, args=(row["id"],),
                          type="tertiary", icon=":material/my_location:")


def choices(ctx: Context) -> tuple[list[str], int]:
    """The select box's place keys ("" first: no place), at most CHOICES of the
    places with a shown partnership (the most connected), and how many more there are."""
    shown_ids = set(ctx.shown["id"])
    towns = ctx.towns[ctx.towns["ids"].map(lambda ids: bool(set(ids) & shown_ids))]
    more = max(0, len(towns) - CHOICES)
    if more:
        towns = towns.nlargest(CHOICES, "count")
    keys = [""] + sorted(towns["key"], key=ctx.town_labels.get)
    if ctx.filter.town not in keys:  # the selected place stays selectable when the filter hides it
        keys.append(ctx.filter.town)
    return keys, more
