"""How the normal view shares the window: the slim bar on top (reaching into
Streamlit's header band, which stays transparent so that its sidebar button
still works), and below it, filling the rest of the window from edge to edge,
the map or the view opened in its place. The page itself never scrolls: an
open view scrolls in its own box, over the map. The map is never taken off
the page: while another view is open it stays where it is, at its size,
hidden, so it keeps its view, its timeline and its open panel for when the
viewer comes back.

Fixed text, no value of the data or the link in it."""
from __future__ import annotations

import streamlit as st

# Streamlit's own names (1.67): data-testid attributes, and the st-key-<key> class of keyed containers.
PAGE = """<style>
header[data-testid="stHeader"] {background: transparent; pointer-events: none}
header[data-testid="stHeader"] button, header[data-testid="stHeader"] a {pointer-events: auto}
[data-testid="stMainBlockContainer"] {padding: 0 !important; max-width: none; height: 100dvh}
/* two rows: the bar, then the map and the open view in the same place */
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] {display: grid !important; height: 100%; gap: 0;
  grid-template-rows: auto minmax(0, 1fr); grid-template-columns: minmax(0, 1fr)}
[data-testid="stLayoutWrapper"]:has(> .st-key-mapbox), [data-testid="stLayoutWrapper"]:has(> .st-key-view) {
  grid-row: 2; grid-column: 1; min-height: 0; height: 100%}
.st-key-mapbox {height: 100%}
.st-key-mapbox > [data-testid="stElementContainer"] {flex: 1 1 0 !important; height: auto !important; min-height: 0}
.st-key-mapbox > [data-testid="stElementContainer"] > div {height: 100%}
.st-key-mapbox iframe {height: 100% !important; display: block}
.st-key-view {height: 100%; overflow-y: auto; padding: 0.75rem 1rem 2rem 1rem; background: var(--st-background-color, #fff);
  z-index: 1}
/* the bar: the title on one line, the count beneath it wrapping before the views move onto a second row */
.st-key-bar {padding: 0.25rem 1rem; background: var(--st-background-color, #fff)}
.st-key-bar-row {row-gap: 0.25rem; column-gap: 1.25rem}
[data-testid="stLayoutWrapper"]:has(> .st-key-heading) {flex: 1 1 0; min-width: min-content}
.st-key-heading > [data-testid="stElementContainer"] {flex-shrink: 0}
.st-key-heading [data-testid="stHeading"] > div {margin: 0 !important}
.st-key-heading h1 {font-size: 1.15rem; padding: 0; line-height: 1.3; white-space: nowrap}
.st-key-heading [data-testid="stCaptionContainer"] {margin: 0; line-height: 1.3}
.st-key-heading [data-testid="stCaptionContainer"] p {margin: 0}
/* the views in one row that scrolls sideways on a phone */
.st-key-tab {flex: 0 0 auto; max-width: 100%}
.st-key-tab [data-testid="stButtonGroup"] > div {flex-wrap: nowrap; overflow-x: auto; scrollbar-width: none}
.st-key-tab button {flex-shrink: 0; min-height: 2rem; padding: 0.125rem 0.625rem}
.st-key-tab button p {font-size: 0.875rem}
/* the sidebar's button sits in the header band while the sidebar is closed: the title starts after it */
[data-testid="stAppViewContainer"]:has([data-testid="stExpandSidebarButton"]) .st-key-heading {padding-left: 2.25rem}
@media (max-width: 640px) {
  .st-key-heading h1 {font-size: 1.05rem}
  .st-key-heading [data-testid="stCaptionContainer"] {font-size: 0.8rem}
}
</style>"""
# Another view open: the map stays in place and keeps its size, but cannot be seen, focused or scrolled.
MAP_HIDDEN = "<style>.st-key-mapbox {visibility: hidden}</style>"


def render(map_open: bool) -> None:
    """The page's style for this run (style only: Streamlit gives it no room on the page)."""
    st.html(PAGE + ("" if map_open else MAP_HIDDEN))
