"""The sidebar: language, the place chooser, presentation mode, search (with
the closest names when it finds nothing), filters, map background, your own
list, and what the page is. Its widgets hold the filter (dashboard.context
reads them at the start of the next run); it is drawn after the map so that
the map goes out first."""
from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from geo.datasets import KINDS, LEVELS, STATUSES

from .. import filters, i18n, upload
from ..context import Context
from ..text import md
from . import address, place


def render(ctx: Context) -> None:
    t = ctx.t
    with st.sidebar:
        st.selectbox(t("app.language"), i18n.LANGS, key="lang", format_func=i18n.LANG_NAMES.get)
        place.render(ctx)
        # the same filter and language, framed anew for the projector (not the map's view on this screen)
        present = {key: value for key, value in address.query(ctx).items() if key != "map"}
        st.link_button(t("present.open"), "?" + urlencode({**present, "mode": "present"}), help=t("present.help"),
                       icon=":material/present_to_all:", width="stretch")
        st.header(t("filters.title"))
        st.text_input(t("filters.search"), key="q", placeholder=t("filters.search_placeholder"))
        if ctx.filter.query and ctx.shown.empty:
            _suggestions(ctx)
        de_codes = sorted(set(ctx.rows["de_region"]) - {""}, key=t.region)
        ru_codes = sorted(set(ctx.rows["ru_region"]) - {""}, key=t.region)
        st.multiselect(t("filters.de_regions"), de_codes, key="de", format_func=t.region, placeholder=t("filters.all"),
                       select_all=False)
        st.multiselect(t("filters.ru_regions"), ru_codes, key="ru", format_func=t.region, placeholder=t("filters.all"),
                       select_all=False)
        st.slider(t("filters.years"), min_value=ctx.year_range[0], max_value=ctx.year_range[1], key="years")
        st.multiselect(t("filters.kind"), KINDS, key="kind", format_func=t.kind, placeholder=t("filters.all"),
                       select_all=False)
        st.multiselect(t("filters.status"), STATUSES, key="status", format_func=t.status, placeholder=t("filters.all"),
                       select_all=False)
        st.multiselect(t("filters.level"), LEVELS, key="level", format_func=t.level, placeholder=t("filters.all"),
                       select_all=False)
        st.toggle(t("filters.tiles"), key="tiles", help=t("filters.tiles_help"))
        _own_list(ctx)
        _about(ctx)


def _suggestions(ctx: Context) -> None:
    """A search that finds nothing: say so under the search box, and offer the closest names as buttons."""
    t = ctx.t
    st.info(md(t("search.none", query=t.quote(ctx.filter.query))))
    closest = filters.suggest(filters.apply(ctx.rows, ctx.filter.with_query("")), ctx.filter.query)
    if closest:
        st.caption(t("search.closest"))
        with st.container(horizontal=True, gap="small"):
            for index, name in enumerate(closest):
                st.button(md(name), key=f"suggest-{index}", on_click=st.session_state.update, kwargs={"q": name})


def _css_text(text: str) -> str:
    """A CSS string literal (our own words; quotes, backslashes and line ends escaped)."""
    return '"' + "".join(c if c.isalnum() or c in " .,-–·:()«»„“”" else f"\\{ord(c):x} " for c in text) + '"'


def widget_words(t) -> str:
    """Streamlit writes some words of its widgets in English only (the uploader's button and
    "5MB per file • CSV, …", a multiselect's "No results"): hidden, and ours said instead
    (the limits in a caption under the uploader, the rest as generated text in their place).
    A multiselect's "Select all" is switched off with select_all=False."""
    uploader = '.st-key-upload_file [data-testid="stFileUploaderDropzone"]'
    empty = '[data-testid="stMultiSelectDropdown"] [role="listbox"][data-empty="true"] > [role="option"]'
    return ("<style>"
            f'{uploader} [data-testid="stFileUploaderDropzoneInstructions"] {{display: none}}'
            f'{uploader} button [data-testid="stMarkdownContainer"] {{display: none}}'
            f'{uploader} button span[data-has-shortcut]::after {{content: {_css_text(t("upload.browse"))}}}'
            f"{empty} > span {{display: none}}"
            f"{empty}::after {{content: {_css_text(t('filters.no_match'))}; display: block; padding: 0.5rem 0.75rem; opacity: 0.7}}"
            "</style>")


def _own_list(ctx: Context) -> None:
    """Upload a list (CSV or Excel), the template to start from, and what became of the file."""
    t = ctx.t
    st.header(t("upload.title"))
    st.file_uploader(t("upload.label"), type=upload.TYPES, key="upload_file", max_upload_size=upload.MAX_BYTES // 2**20,
                     help=t("upload.help", rows=upload.MAX_ROWS, limit=upload.MAX_BYTES // 2**20))
    st.caption(t("upload.limits", limit=upload.MAX_BYTES // 2**20, types=", ".join(x.upper() for x in upload.TYPES)))
    st.html(widget_words(t))
    st.download_button(t("upload.template"), upload.template(), "partnerships-template.csv", "text/csv",
                       key="upload-template", on_click="ignore")
    if ctx.own is None:
        return
    read = ctx.own.upload
    if ctx.upload_error:  # also at the top of the main area (views.headline), where it is seen
        st.error(md(ctx.upload_error))
        return
    st.info(md(t("upload.showing", name=read.name, rows=read.rows, shown=read.shown, listed=read.listed)))
    st.caption(md(t("upload.assumed", notes=ctx.upload_notes)))


def _about(ctx: Context) -> None:
    """What the page shows and how the map is used, the data's date and the credits."""
    t = ctx.t
    st.divider()
    st.caption(f"{t('app.subtitle')}  \n{t('map.help')}")
    updated = t("app.updated", date=md(t.date(ctx.atlas.updated))) if ctx.atlas.updated else t("app.updated_unknown")
    st.caption(f"{updated}  \n{t('app.footer')}")  # the date is the data's
