"""The first tab: the selection in a few lines (status, kind, years, the Land
and the federal subject with the most). Kept to a few sentences, so that a
change of filter sends little besides the map's state, whatever the size of the data."""
from __future__ import annotations

import streamlit as st

from .. import charts
from ..context import Context
from ..text import md


def title(ctx: Context) -> str:
    return ctx.t("tab.overview")


def render(ctx: Context) -> None:
    t, shown = ctx.t, ctx.shown
    if shown.empty:
        st.markdown(md(t("overview.none")))
    else:
        by_status = " · ".join(f"{md(t.status(status))}: {t.number(n)}" for status, n in ctx.shown_counts.by_status.items() if n)
        by_kind = " · ".join(f"{md(t.kind(kind))}: {t.number(int(n))}" for kind, n in shown["kind"].value_counts().items() if kind)
        lines = [f"**{md(t('overview.status'))}** {by_status}", f"**{md(t('overview.kind'))}** {by_kind}"]
        founded = shown["since"].dropna()
        if not founded.empty:
            lines.append(f"**{md(t('overview.years'))}** {int(founded.min())}–{int(founded.max())}")
        for side, label in (("de", t("overview.top_de")), ("ru", t("overview.top_ru"))):
            regions = charts.per_region(shown, side, t)
            if not regions.empty:
                first = regions.iloc[0]
                lines.append(f"**{md(label)}** {md(first['region'])} ({t.number(int(first['count']))})")
        st.markdown("  \n".join(lines))
    st.caption(t("overview.more"))
