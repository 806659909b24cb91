"""The map of German–Russian municipal partnerships.

Reads top to bottom like the page: the slim bar (title, what is shown, the
views one click away), the map filling the window below it (or the view the
viewer opened in its place: overview, table, statistics, conferences, what is
not on the map, downloads), the sidebar (language, place, filters, your own
list). With ``?mode=present`` only the map is shown, full screen, for a
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

# The address first: it is rewritten before the map gets its new state, so the map's own
# map= view (bridge.js) is written after Streamlit's, never overwritten by it.
ctx = views.headline.seed(ctx, link, views.VIEWS, views.name)  # the view the link opens (view=table …)
views.address.render(ctx)
open_view = views.headline.render(ctx, views.VIEWS, views.name)
views.layout.render(map_open=open_view is views.map)
with st.container(key="mapbox", gap=None):  # always drawn, hidden while another view is open: it keeps its view
    views.map.render(ctx)
views.sidebar.render(ctx)  # after the map, so that the map goes out first
if open_view is not views.map:  # only the open view is drawn: a change of filter stays quick
    with st.container(key="view"):
        open_view.render(ctx)
