"""The map: the page's one call of the map component (dashboard.mapview), in
the normal view and in presentation mode, and what the viewer did on it."""
from __future__ import annotations

import streamlit as st

from .. import filters, mapview
from ..context import Context

HEIGHT = 600  # px in the normal view until the page's style (views.layout) stretches the frame to the window
PRESENT_HEIGHT = 1000  # px before the presentation's style stretches the frame to the window


def title(ctx: Context) -> str:
    return ctx.t("tab.map")


def render(ctx: Context) -> None:
    """Draw (or update) the map; a click on a place selects it, the
    presentation's exit control leaves presentation mode."""
    state = mapview.state(ctx.t, ctx.shown["id"], ctx.dataset, selected=ctx.filter.town, present=ctx.present,
                          tiles=ctx.tiles, files=ctx.files,
                          title=filters.describe(ctx.filter, ctx.t) if ctx.present else "",
                          view=ctx.map_view,
                          years=(ctx.filter.year_from, ctx.filter.year_to))
    # a viewer's list must not become a file on the server: it goes with the component's arguments
    action = mapview.show(ctx.files, state, key="map", height=PRESENT_HEIGHT if ctx.present else HEIGHT,
                          inline=ctx.dataset if ctx.uploaded else None)
    if not action or action.get("at") == st.session_state.get("last_action"):
        return  # nothing new: the component repeats its last value on every run
    if ctx.present and action.get("event") == "exit":
        st.session_state["last_action"] = action.get("at")
        st.query_params.pop("mode", None)
        st.rerun()
    elif not ctx.present and action.get("event") == "select":
        st.session_state["last_action"] = action.get("at")
        if action.get("place", "") != ctx.filter.town:
            st.session_state["town"] = action.get("place", "")
            st.rerun()
