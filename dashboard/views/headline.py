"""The top of the page: title, what the viewer's file did, what the link could
not use, search suggestions, and the line that counts what is shown."""
from __future__ import annotations

import streamlit as st

from .. import filters
from ..context import Context
from ..text import md


def render(ctx: Context) -> None:
    t = ctx.t
    st.title(t("app.title"))
    st.markdown(t("app.subtitle"))
    _own_list(ctx)
    notes = filters.link_notes(ctx.from_link, t, *ctx.year_range, ctx.town_keys)
    if notes:  # plain text: values from the link never become markdown
        st.warning(md(" ".join(notes)))
    if ctx.filter.query and ctx.shown.empty:
        _suggestions(ctx)
    st.markdown(count_line(ctx))


def _own_list(ctx: Context) -> None:
    """The viewer's file: shown instead of the curated data, or why it could not be."""
    if ctx.own is None:
        return
    read = ctx.own.upload
    if ctx.upload_error:
        st.error(md(ctx.upload_error))
    elif ctx.uploaded:
        st.info(md(ctx.t("upload.showing", name=read.name, rows=read.rows, shown=read.shown, listed=read.listed)))


def _suggestions(ctx: Context) -> None:
    """A search that finds nothing: say so, and offer the closest names as buttons."""
    t = ctx.t
    st.info(md(t("search.none", query=t.quote(ctx.filter.query))))
    closest = filters.suggest(filters.apply(ctx.rows, ctx.filter.with_query("")), ctx.filter.query)
    if closest:
        st.caption(t("search.closest"))
        for index, (column, name) in enumerate(zip(st.columns(len(closest)), closest)):
            column.button(md(name), key=f"suggest-{index}", on_click=st.session_state.update, kwargs={"q": name})


def count_line(ctx: Context) -> str:
    """'12 of 140 partnerships', what of them is not on the map, and the data's date (Markdown)."""
    t = ctx.t
    shown = ctx.shown_counts
    extras = [t("app.not_on_map_short", n=shown.not_on_map)] if shown.not_on_map else []
    if shown.one_sided:
        extras.append(t.plural("app.one_sided", shown.one_sided))
    if ctx.filter.year_from or ctx.filter.year_to:
        extras.append(t("app.unknown_year_hidden", n=int(ctx.rows["since"].isna().sum())))
    line = t("app.count", shown=len(ctx.shown), total=len(ctx.rows))
    return (f"**{line}**" + (" · " + " · ".join(extras) if extras else "")
            + "  \n" + (t("app.updated", date=md(t.date(ctx.atlas.updated))) if ctx.atlas.updated  # the date is the data's
                         else t("app.updated_unknown")))
