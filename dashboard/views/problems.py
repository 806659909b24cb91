"""What is not on the map: the partnerships a partner of which cannot be
placed, every problem of the data (file, line, column, value, reason in the
view's language), and the positions set by hand with their sources."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import counts
from geo.problems import Problem

from ..context import Context
from ..i18n import Translator
from ..text import md

# the problems table's columns, in order (each named by "problems.col.<column>")
COLUMNS = ("file", "line", "column", "value", "reason", "severity", "row_id")


def title(ctx: Context) -> str:
    return ctx.t("tab.problems", n=ctx.all_counts.not_on_map)


def render(ctx: Context) -> None:
    t, rows = ctx.t, ctx.rows
    st.markdown(t("problems.intro"))
    if ctx.uploaded:
        st.caption(md(t("upload.assumed", notes=ctx.upload_notes)))
    missing = counts.not_on_map(rows)
    if not missing.empty:
        st.markdown(t("problems.not_on_map", n=len(missing)))
        st.dataframe(_pairs(missing, t), hide_index=True, width="stretch")
    if ctx.atlas.problems:
        st.dataframe(frame(ctx.atlas.problems, t), hide_index=True, width="stretch")
    else:
        st.success(t("problems.none"))
    manual = rows[(rows["de_method"] == "manual") | (rows["ru_method"] == "manual")]
    if not manual.empty:
        st.markdown(t("problems.manual", n=len(manual)))
        # position_note is an English maintainer's note: the view shows its source URL, the CSV the whole note
        positions = _pairs(manual, t)
        positions[t("problems.position_source")] = [_first_url(note) for note in manual["position_note"]]
        st.dataframe(positions, hide_index=True, width="stretch",
                     column_config={t("problems.position_source"): st.column_config.TextColumn() if ctx.uploaded else
                                    st.column_config.LinkColumn(display_text=t("col.source_link"))})


def frame(problems: list[Problem], t: Translator) -> pd.DataFrame:
    """The problems as the table shows them, the reason and the kind in the view's language."""
    values = {
        "file": [p.file for p in problems],
        "line": [p.line for p in problems],
        "column": [p.column for p in problems],
        "value": [p.value for p in problems],
        "reason": [t.problem(p) for p in problems],
        "severity": [t(f"problems.{p.severity}") for p in problems],
        "row_id": [p.row_id for p in problems],
    }
    return pd.DataFrame({t(f"problems.col.{column}"): values[column] for column in COLUMNS})


def _pairs(rows: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """Both partners of each row, named in the view's language."""
    records = rows.to_dict("records")
    return pd.DataFrame({t("col.de"): [t.place(r, "de") for r in records], t("col.ru"): [t.place(r, "ru") for r in records]})


def _first_url(note) -> str:
    """The first http(s) address in a note (an uploaded list may have no notes at all)."""
    if not isinstance(note, str):
        return ""
    return next((word for word in note.split() if word.startswith(("http://", "https://"))), "")
