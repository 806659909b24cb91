"""The slim bar at the top of the normal view: a refused file's message, the
title, the line that counts what is shown, what the link could not use, and
the switch between the map and the views one click away."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from types import ModuleType

import streamlit as st

from geo.csvio import visible

from .. import filters
from ..context import Context
from ..text import md


def seed(ctx: Context, link: Mapping, views: Sequence[ModuleType], name: Callable[[ModuleType], str]) -> Context:
    """The view a link opens (``view=table`` …; the map without one), on a session's first run; later
    the viewer's own choice stands. A ``view=`` that names no view is set aside like any unusable
    value of the link, and the bar says so: the returned context lists it."""
    names = [name(view) for view in views]
    asked = link.get("view")
    if st.session_state.get("tab") not in names:
        st.session_state["tab"] = asked if asked in names else names[0]
    if asked is None or asked in names:
        return ctx
    unusable = f"view={visible(str(asked), filters.MAX_SHOWN)}"
    return replace(ctx, from_link=replace(ctx.from_link, ignored=(*ctx.from_link.ignored, unusable)))


def render(ctx: Context, views: Sequence[ModuleType], name: Callable[[ModuleType], str]) -> ModuleType:
    """Draw the bar; return the view the viewer has open (the first of ``views``
    unless they chose another; ``name(view)`` is what the session keeps)."""
    t = ctx.t
    by_name = {name(view): view for view in views}
    if st.session_state.get("tab") not in by_name:  # the map, unless seed() chose the link's view
        st.session_state["tab"] = name(views[0])
    with st.container(key="bar", gap="small"):
        if ctx.upload_error:  # at the top, in the view's language (the sidebar says it again beside the file)
            st.error(md(ctx.upload_error))
        with st.container(horizontal=True, vertical_alignment="center", gap="medium", key="bar-row"):
            with st.container(gap=None, key="heading"):
                st.title(t("app.short_title"), anchor=False)
                st.caption(count_line(ctx))
            _link_notes(ctx)
            st.segmented_control(t("views.label"), list(by_name), key="tab", required=True,
                                 format_func=lambda key: by_name[key].title(ctx), label_visibility="collapsed")
    return by_name[st.session_state["tab"]]


def _link_notes(ctx: Context) -> None:
    """What the link asked for that could not be used: a short mark in the bar, the whole text one click away."""
    notes = filters.link_notes(ctx.from_link, ctx.t, *ctx.year_range, ctx.town_keys)
    if notes:
        with st.popover(ctx.t("link.notes"), icon=":material/warning:", type="tertiary", key="link-notes"):
            st.warning(md(" ".join(notes)))  # plain text: values from the link never become markdown


def count_line(ctx: Context) -> str:
    """'12 of 140 partnerships shown', what of them is not on the map, and whose list it is (Markdown)."""
    t = ctx.t
    shown = ctx.shown_counts
    extras = [t("app.not_on_map_short", n=shown.not_on_map)] if shown.not_on_map else []
    if shown.one_sided:
        extras.append(t.plural("app.one_sided", shown.one_sided))
    if ctx.filter.year_from or ctx.filter.year_to:
        extras.append(t("app.unknown_year_hidden", n=int(ctx.rows["since"].isna().sum())))
    if ctx.uploaded:
        extras.append(t("upload.in_bar", name=md(t.quote(ctx.own.upload.name))))  # the name is the viewer's text
    return " · ".join([f"**{t('app.count', shown=len(ctx.shown), total=len(ctx.rows))}**", *extras])
