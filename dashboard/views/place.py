"""The place chooser at the top of the sidebar: a box to select a place (as a
click on the map does). The selected place's partnerships are listed by the
map itself, in its detail panel, each with "show on the map"."""
from __future__ import annotations

import streamlit as st

from ..context import Context

CHOICES = 50  # places the select box offers: every option is sent to the browser on every change


def render(ctx: Context) -> None:
    t = ctx.t
    keys, more = choices(ctx)
    st.selectbox(t("town.select"), keys, key="town", format_func=lambda key: ctx.town_labels.get(key, key))
    if more:
        st.caption(t("town.more", n=more))


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
