"""The sidebar: language, search, filters, map background, and the viewer's
own list. Its widgets hold the filter (dashboard.context reads them at the
start of the next run); it is drawn after the map so that the map goes out first."""
from __future__ import annotations

import streamlit as st

from geo.datasets import KINDS, LEVELS, STATUSES

from .. import i18n, upload
from ..context import Context
from ..text import md


def render(ctx: Context) -> None:
    t = ctx.t
    with st.sidebar:
        st.selectbox(t("app.language"), i18n.LANGS, key="lang", format_func=i18n.LANG_NAMES.get)
        st.header(t("filters.title"))
        st.text_input(t("filters.search"), key="q", placeholder=t("filters.search_placeholder"))
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
    if ctx.upload_error:  # also at the top of the page (views.headline), where it is seen
        st.error(md(ctx.upload_error))
    else:
        st.caption(md(t("upload.assumed", notes=ctx.upload_notes)))
