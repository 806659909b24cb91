"""The page's one state: what a script run shows, built once at its start.

Streamlit runs the page script again on every change. :func:`build` reads
everything that run depends on (the link, the widgets' state, the viewer's
uploaded list, the shared data) into one frozen :class:`Context`; every view
(``dashboard.views``) is a function of it. Derived values (the town labels,
the selected place, the counts) are computed once per run, on first use.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property

import pandas as pd
import streamlit as st

from geo import counts
from geo.csvio import visible
from geo.resolve import Atlas

from . import filters, i18n, mapdata, mapview, upload
from .resources import Curated, curated


def presenting(link: Mapping) -> bool:
    """``?mode=present``: the map alone, full screen, for a projector."""
    return link.get("mode") == "present"


def first_lang(link: Mapping) -> str:
    """The language before the widgets are drawn: the viewer's choice, else the link's."""
    return i18n.pick_lang(st.session_state.get("lang", link.get("lang")))


@dataclass(frozen=True)
class OwnList:
    """The viewer's uploaded file, read once (kept in the session by its upload's id)."""

    file_id: str
    upload: upload.Upload
    dataset: mapdata.Dataset | None  # None when the file was refused


@dataclass(frozen=True)
class Context:
    """Everything one script run shows. Views read it and never change it."""

    link: Mapping[str, str]  # the address's query as the run found it
    present: bool
    t: i18n.Translator
    curated: Curated
    own: OwnList | None  # the viewer's file, if one is in the sidebar (refused ones too)
    atlas: Atlas  # the data on the page: the viewer's list when it could be read, else the curated data
    dataset: mapdata.Dataset
    year_range: tuple[int, int]  # the data's first and last year: the slider's bounds
    from_link: filters.Filter  # what the link asked for (its unusable values, map= too, are named in the bar)
    filter: filters.Filter  # what is shown: the widgets' state (in presentation mode: the link's)
    shown: pd.DataFrame  # the partnerships the filter lets through
    tiles: bool  # the online map background
    map_view: str | None = None  # the link's map=Z/LAT/LON (the map's zoom and centre) when it is one

    @property
    def files(self) -> mapview.WebFiles:
        return self.curated.files

    @property
    def rows(self) -> pd.DataFrame:
        """Every partnership of the data on the page, shown or not."""
        return self.atlas.partnerships

    @property
    def towns(self) -> pd.DataFrame:
        return self.atlas.towns

    @property
    def uploaded(self) -> bool:
        """True when the page shows the viewer's list instead of the curated data."""
        return self.own is not None and self.own.dataset is not None

    @cached_property
    def town_keys(self) -> frozenset[str]:
        return frozenset(self.towns["key"])

    @cached_property
    def town_labels(self) -> dict[str, str]:
        """Place key -> its name in the view's language with its region ("" -> "no place")."""
        t = self.t
        labels = {"": t("town.none")}
        for row in self.towns.to_dict("records"):
            name = t.place({"de_name": row["name"], "de_name_ru": row["name_ru"], "ru_name": row["name"],
                            "ru_name_ru": row["name_ru"], "ru_name_en": row["name_en"]}, row["side"])
            labels[row["key"]] = f"{name} ({t.region(row['region'])})"
        return labels

    @cached_property
    def town(self) -> pd.Series | None:
        """The selected place's row of the towns table, or None."""
        if self.filter.town not in self.town_keys:
            return None
        return self.towns[self.towns["key"] == self.filter.town].iloc[0]

    @cached_property
    def shown_counts(self) -> counts.Counts:
        """The one definition of "on the map" (geo.counts), as in validate and export."""
        return counts.count(self.shown)

    @cached_property
    def all_counts(self) -> counts.Counts:
        return counts.count(self.rows)

    @cached_property
    def upload_error(self) -> str:
        """Why the viewer's file could not be used, in the view's language ("" when it could)."""
        if self.own is None or not self.own.upload.error:
            return ""
        key, values = self.own.upload.error
        return self.t(key, name=self.own.upload.name, **values)

    @cached_property
    def upload_notes(self) -> str:
        """What the reader assumed about the viewer's file, in one line."""
        if self.own is None:
            return ""
        read = self.own.upload
        notes = [self.t.problem(note) for note in read.notes]
        if read.filled:
            notes.append(self.t("upload.filled", columns=", ".join(read.filled)))
        return "; ".join(notes)


def build(link: Mapping[str, str]) -> Context:
    """The run's context: the shared data, the viewer's list, the widgets seeded
    from the link on a session's first run, the filter and the shown rows."""
    present = presenting(link)
    shared = curated()
    own = _own_list(first_lang(link), shared.atlas.partnerships)
    atlas, dataset = (own.upload.atlas, own.dataset) if own is not None and own.dataset is not None \
        else (shared.atlas, shared.dataset)
    low, high = filters.year_bounds(atlas.partnerships)
    from_link = filters.Filter.from_query(link, (low, high))
    map_view = mapview.map_view(link.get("map"))
    if link.get("map") is not None and map_view is None:
        from_link = replace(from_link, ignored=(*from_link.ignored, f"map={visible(link['map'], filters.MAX_SHOWN)}"))
    _seed_widgets(link, from_link, (low, high), set(atlas.towns["key"]))
    chosen = from_link if present else _widget_filter((low, high))
    return Context(
        link=dict(link), present=present, t=i18n.Translator(st.session_state["lang"]), curated=shared, own=own,
        atlas=atlas, dataset=dataset, year_range=(low, high), from_link=from_link, filter=chosen,
        shown=filters.apply(atlas.partnerships, chosen),
        tiles=(link.get("tiles", "on") != "off") if present else bool(st.session_state["tiles"]), map_view=map_view,
    )


def _own_list(lang: str, known: pd.DataFrame) -> OwnList | None:
    """The viewer's uploaded list (sidebar), read once per uploaded file and
    kept in this session's memory; Streamlit's own copy of the bytes is
    released once read (upload.release). Streamlit's upload endpoint spools a
    body over 1 MB to a temporary file while it parses it (see dashboard.upload);
    nothing of ours is written to disk."""
    file = st.session_state.get("upload_file")
    if file is None:
        st.session_state.pop("upload_result", None)
        return None
    kept = st.session_state.get("upload_result")
    if kept is None or kept.file_id != file.file_id:
        data = file.getvalue()
        upload.release(file)  # our copy is all we need: Streamlit's is let go at once (the id stays)
        # beside the file in the sidebar: in the main area it would take the first place for this run only
        with st.sidebar, st.spinner(i18n.Translator(lang)("upload.reading")):
            read = upload.read(data, file.name, known=known)  # the curated names of the list's towns
            kept = OwnList(file.file_id, read, mapdata.dataset(read.atlas) if read.atlas is not None else None)
        st.session_state["upload_result"] = kept
    return kept


def _init(key: str, value) -> None:
    """Seed a widget from the link once per session; afterwards the widget rules."""
    if key not in st.session_state:
        st.session_state[key] = value


def _seed_widgets(link: Mapping, from_link: filters.Filter, bounds: tuple[int, int], town_keys: set[str]) -> None:
    low, high = bounds
    _init("lang", i18n.pick_lang(link.get("lang")))
    _init("de", list(from_link.de_regions))
    _init("ru", list(from_link.ru_regions))
    _init("years", (max(low, from_link.year_from or low), min(high, from_link.year_to or high)))
    # an upload (or its removal) changes the data's years: the full range stays the full range, a narrower one is clamped
    carried = filters.carry_years(st.session_state["years"], st.session_state.get("year_bounds"), low, high)
    if tuple(st.session_state["years"]) != carried:
        st.session_state["years"] = carried
    st.session_state["year_bounds"] = (low, high)
    _init("kind", list(from_link.kinds))
    _init("status", list(from_link.statuses))
    _init("level", list(from_link.levels))
    _init("q", from_link.query)
    _init("town", from_link.town if from_link.town in town_keys else "")
    _init("tiles", link.get("tiles", "on") != "off")


def _widget_filter(bounds: tuple[int, int]) -> filters.Filter:
    """The filter the sidebar's widgets hold (Streamlit sets their state before the run)."""
    low, high = bounds
    start, end = st.session_state["years"]
    return filters.Filter(
        de_regions=tuple(st.session_state["de"]), ru_regions=tuple(st.session_state["ru"]),
        year_from=start if start > low else None, year_to=end if end < high else None,
        kinds=tuple(st.session_state["kind"]), statuses=tuple(st.session_state["status"]),
        levels=tuple(st.session_state["level"]), query=st.session_state["q"].strip(), town=st.session_state["town"],
    )
