"""The link is the view: the address follows every choice, so a copied link
opens the same view. The map's own ``map=Z/LAT/LON`` (its zoom and centre,
written by the map in the browser) is kept as the link brought it: the map
decides when a new filter's result is framed, and writes its new view itself."""
from __future__ import annotations

import streamlit as st

from .. import i18n
from ..context import Context


def query(ctx: Context) -> dict[str, str]:
    """The view as query parameters: the filter, the selected place, the language, the map background,
    the open view when it is not the map (``view=table``), the map's view."""
    out = ctx.filter.to_query()
    if ctx.t.lang != i18n.DEFAULT_LANG:
        out["lang"] = ctx.t.lang
    if not ctx.tiles:
        out["tiles"] = "off"
    tab = st.session_state.get("tab")
    if tab and tab != "map" and not ctx.present:
        out["view"] = tab
    if ctx.map_view:
        out["map"] = ctx.map_view
    return out


def render(ctx: Context) -> None:
    """Write the view into the address when it differs (no element on the page)."""
    view = query(ctx)
    if view != st.query_params.to_dict():
        st.query_params.from_dict(view)
