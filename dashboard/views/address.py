"""The link is the view: the address follows every choice, so a copied link
opens the same view; and the link to the same view in presentation mode."""
from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from .. import i18n
from ..context import Context


def query(ctx: Context) -> dict[str, str]:
    """The view as query parameters: the filter, the selected place, the language, the map background."""
    out = ctx.filter.to_query()
    if ctx.t.lang != i18n.DEFAULT_LANG:
        out["lang"] = ctx.t.lang
    if not ctx.tiles:
        out["tiles"] = "off"
    return out


def render(ctx: Context) -> None:
    view = query(ctx)
    if view != st.query_params.to_dict():
        st.query_params.from_dict(view)
    st.link_button(ctx.t("present.open"), "?" + urlencode({**view, "mode": "present"}), help=ctx.t("present.help"))
