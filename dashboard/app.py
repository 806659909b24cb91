"""The map of German–Russian municipal partnerships.

Reads top to bottom like the page: the headline, the map with the selected
place beside it, the sidebar (language, filters, your own list), then the
tabs (overview, table, statistics, conferences, what is not on the map,
downloads). With ``?mode=present`` only the map is shown, full screen, for a
projector. Every part is a function of one context (dashboard.context), built
once per run; each part is a module of dashboard.views.
"""
from __future__ import annotations

import streamlit as st

from dashboard import context, views
from dashboard.i18n import Translator

link = st.query_params.to_dict()
st.set_page_config(page_title=Translator(context.first_lang(link))("app.title"), page_icon="🗺️", layout="wide",
                   initial_sidebar_state="collapsed" if context.presenting(link) else "auto")
ctx = context.build(link)

if ctx.present:
    views.presentation.render(ctx)
    st.stop()

views.headline.render(ctx)
map_column, place_column = st.columns([3, 1], gap="small")
with map_column:
    views.map.render(ctx)
views.sidebar.render(ctx)  # after the map, so that the map goes out first
with place_column:
    views.place.render(ctx)
views.address.render(ctx)

# Only the open tab is drawn: the map is on screen sooner and a change of filter stays quick.
tabs = st.tabs([view.title(ctx) for view in views.TABS], key="tab", on_change="rerun")
for tab, view in zip(tabs, views.TABS):
    with tab:
        if tab.open:
            view.render(ctx)

st.caption(ctx.t("app.footer"))
