"""Presentation mode (``?mode=present``): the map alone, full screen, for a
projector; Streamlit's own chrome hidden."""
from __future__ import annotations

import streamlit as st

from . import map
from ..context import Context

# Fixed text, no value of the data or the link in it.
FULL_SCREEN = """<style>
    [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
    [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"], footer {display: none !important}
    .block-container, [data-testid="stMainBlockContainer"] {padding: 0 !important; max-width: 100% !important}
    [data-testid="stVerticalBlock"] {gap: 0 !important}
    </style>"""
MAP_FILLS_WINDOW = "<style>iframe[title='dashboard.mapview.partnermap'] {height: 100vh !important; display: block}</style>"


def render(ctx: Context) -> None:
    st.markdown(FULL_SCREEN, unsafe_allow_html=True)
    st.markdown(MAP_FILLS_WINDOW, unsafe_allow_html=True)
    map.render(ctx)
