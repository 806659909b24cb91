"""The map of German–Russian municipal partnerships.

Reads top to bottom like the page: sidebar (language, filters), headline,
map, the selected town, then tables, chart, conferences, what is not on the
map, and downloads.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

from dashboard import charts, filters, i18n, layers  # noqa: E402
from dashboard.assets import install_leaflet  # noqa: E402
from geo import basemap, export  # noqa: E402
from geo.resolve import build_atlas  # noqa: E402

st.set_page_config(page_title="Deutsch-russische Partnerschaften", page_icon="🗺️", layout="wide")


@st.cache_resource(show_spinner=False)
def load_atlas():
    return build_atlas()


@st.cache_resource(show_spinner=False)
def load_outlines():
    return basemap.outlines()


@st.cache_resource(show_spinner=False)
def prepare_static_files():
    return install_leaflet()


prepare_static_files()
atlas = load_atlas()
all_rows = atlas.partnerships
params = st.query_params.to_dict()
chosen = filters.Filter.from_query(params)
low, high = filters.year_bounds(all_rows)


def _init(key: str, value) -> None:
    """Seed a widget from the URL once per session; afterwards the widget rules."""
    if key not in st.session_state:
        st.session_state[key] = value


_init("lang", i18n.pick_lang(params.get("lang")))
_init("de", list(chosen.de_regions))
_init("ru", list(chosen.ru_regions))
_init("years", (max(low, chosen.year_from or low), min(high, chosen.year_to or high)))
_init("kind", list(chosen.kinds))
_init("status", list(chosen.statuses))
_init("level", list(chosen.levels))
_init("q", chosen.query)
_init("town", chosen.town if chosen.town in set(atlas.towns["key"]) else "")
_init("tiles", params.get("tiles", "on") != "off")

# -- sidebar --------------------------------------------------------------
with st.sidebar:
    st.selectbox("🌐", i18n.LANGS, key="lang", format_func=lambda code: i18n.LANG_NAMES[code],
                 label_visibility="collapsed")
    t = i18n.Translator(st.session_state["lang"])
    st.header(t("filters.title"))
    st.text_input(t("filters.search"), key="q", placeholder=t("filters.search_placeholder"))
    de_codes = sorted(set(all_rows["de_region"]) - {""}, key=t.region)
    ru_codes = sorted(set(all_rows["ru_region"]) - {""}, key=t.region)
    st.multiselect(t("filters.de_regions"), de_codes, key="de", format_func=t.region, placeholder=t("filters.all"))
    st.multiselect(t("filters.ru_regions"), ru_codes, key="ru", format_func=t.region, placeholder=t("filters.all"))
    st.slider(t("filters.years"), min_value=low, max_value=high, key="years")
    st.multiselect(t("filters.kind"), ["partnership", "friendship"], key="kind", format_func=t.kind, placeholder=t("filters.all"))
    st.multiselect(t("filters.status"), list(layers.STATUS_STYLE), key="status", format_func=t.status, placeholder=t("filters.all"))
    st.multiselect(t("filters.level"), ["municipality", "district", "region"], key="level", format_func=t.level, placeholder=t("filters.all"))
    st.toggle(t("filters.tiles"), key="tiles", help=t("filters.tiles_help"))
    if chosen.ignored:
        st.warning(t("filters.ignored", values=", ".join(chosen.ignored)))

years = st.session_state["years"]
chosen = filters.Filter(
    de_regions=tuple(st.session_state["de"]), ru_regions=tuple(st.session_state["ru"]),
    year_from=years[0] if years[0] > low else None, year_to=years[1] if years[1] < high else None,
    kinds=tuple(st.session_state["kind"]), statuses=tuple(st.session_state["status"]),
    levels=tuple(st.session_state["level"]), query=st.session_state["q"].strip(), town=st.session_state["town"],
)
shown = filters.apply(all_rows, chosen)

# -- headline -------------------------------------------------------------
st.title(t("app.title"))
st.markdown(t("app.subtitle"))
hidden_unknown = 0
if chosen.year_from or chosen.year_to:
    hidden_unknown = int(all_rows["since"].isna().sum())
line = t("app.count", shown=len(shown), total=len(all_rows))
not_on_map = int((~shown["placed"]).sum())
extras = [t("app.not_on_map_short", n=not_on_map)] if not_on_map else []
if hidden_unknown:
    extras.append(t("app.unknown_year_hidden", n=hidden_unknown))
st.markdown(f"**{line}**" + (" · " + " · ".join(extras) if extras else "")
            + f"  \n{t('app.updated', date=t.date(atlas.updated))}")

# -- map ------------------------------------------------------------------
towns = atlas.towns
folium_map = layers.build_map(shown, towns, atlas.conferences, t, outlines=load_outlines(),
                              selected=st.session_state["town"], online_tiles=st.session_state["tiles"])
result = st_folium(folium_map, key="map", height=640, use_container_width=True,
                   returned_objects=["last_object_clicked"])
clicked = (result or {}).get("last_object_clicked")
if clicked and clicked != st.session_state.get("last_click"):
    st.session_state["last_click"] = clicked
    # Leaflet reports a small circle's own position on a click; a big one
    # reports the pointer, so the nearest town within ~20 km is the one meant.
    near = towns.assign(d=(towns["lat"] - clicked["lat"]) ** 2 + (towns["lon"] - clicked["lng"]) ** 2).nsmallest(1, "d")
    if not near.empty and near.iloc[0]["d"] < 0.04 and near.iloc[0]["key"] != st.session_state["town"]:
        st.session_state["town"] = near.iloc[0]["key"]
        st.rerun()


def _town_label(key: str) -> str:
    if not key:
        return t("town.none")
    row = towns[towns["key"] == key].iloc[0]
    name = t.place({"de_name": row["name"], "de_name_ru": row["name_ru"], "ru_name": row["name"],
                    "ru_name_ru": row["name_ru"], "ru_name_en": row["name_en"]}, row["side"])
    return f"{name} ({t.region(row['region'])})"


# -- the selected town ----------------------------------------------------
shown_ids = set(shown["id"])
town_keys = [""] + sorted(towns[towns["ids"].map(lambda ids: bool(set(ids) & shown_ids))]["key"], key=_town_label)
if st.session_state["town"] not in town_keys:
    town_keys.append(st.session_state["town"])
st.selectbox(t("town.select"), town_keys, key="town", format_func=_town_label)
if st.session_state["town"]:
    town = towns[towns["key"] == st.session_state["town"]].iloc[0]
    mine = all_rows[all_rows["id"].isin(town["ids"])]
    st.subheader(t("town.heading", name=_town_label(town["key"]), n=len(mine)))
    for row in mine.to_dict("records"):
        since = t("unknown") if pd.isna(row["since"]) else str(int(row["since"]))
        st.markdown(
            f"- **{layers.escape(t.place(row, 'de'))} – {layers.escape(t.place(row, 'ru'))}** · "
            f"{layers.escape(t.kind(row['kind']))} · {t('popup.since')} {since} · {layers.escape(t.status(row['status']))}"
            + (f" — {layers.escape(row['status_note'])}" if row["status_note"] else ""),
            unsafe_allow_html=True,
        )

# the URL follows the view, so a copied link opens the same view
query = chosen.to_query()
if st.session_state["lang"] != i18n.DEFAULT_LANG:
    query["lang"] = st.session_state["lang"]
if not st.session_state["tiles"]:
    query["tiles"] = "off"
if query != {k: v for k, v in st.query_params.to_dict().items()}:
    st.query_params.from_dict(query)

# -- tables, chart, conferences, problems, downloads ------------------------
unplaced_problems = [p for p in atlas.problems if p.severity == "error"]
tab_table, tab_chart, tab_conf, tab_problems, tab_download = st.tabs([
    t("tab.table"), t("tab.chart"), t("tab.conferences"),
    t("tab.problems", n=len(unplaced_problems)), t("tab.downloads"),
])

with tab_table:
    table = pd.DataFrame({
        t("col.de"): [t.place(r, "de") for r in shown.to_dict("records")],
        t("col.de_region"): shown["de_region"].map(t.region),
        t("col.ru"): [t.place(r, "ru") for r in shown.to_dict("records")],
        t("col.ru_region"): shown["ru_region"].map(lambda c: t.region(c) if c else t("unknown")),
        t("col.kind"): shown["kind"].map(t.kind),
        t("col.level"): shown["level"].map(t.level),
        t("col.since"): shown["since"],
        t("col.status"): shown["status"].map(t.status),
        t("col.status_date"): shown["status_date"],
        t("col.distance"): shown["distance_km"],
        t("col.source"): shown["source"].map(lambda s: s.split()[0] if s else None),
        t("col.note"): shown["status_note"],
    })
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={t("col.source"): st.column_config.LinkColumn(t("col.source"), display_text=t("col.source_link")),
                                t("col.since"): st.column_config.NumberColumn(format="%d")})
    st.caption(t("table.caption"))

with tab_chart:
    per_year = charts.per_year(shown)
    st.altair_chart(charts.per_year_chart(per_year, t), width="stretch")
    st.caption(charts.per_year_summary(per_year, t))
    with st.expander(t("chart.as_table")):
        st.dataframe(per_year.rename(columns={"year": t("chart.year"), "founded": t("chart.founded"), "total": t("chart.total")}),
                     hide_index=True)

with tab_conf:
    conf = atlas.conferences.sort_values("number")
    st.dataframe(pd.DataFrame({
        t("col.number"): conf["number"].map(layers.roman),
        t("col.year"): conf["year"],
        t("col.dates"): [" – ".join(t.date(d) for d in (a, b) if d) or t("unknown") for a, b in zip(conf["start_date"], conf["end_date"])],
        t("col.host"): [t.host(r) for r in conf.to_dict("records")],
        t("col.co_hosts"): conf["co_hosts"],
        t("col.motto"): conf["motto"].replace("", t("unknown")),
        t("col.participants"): conf["participants"],
        t("col.source"): conf["source"].map(lambda s: s.split()[0] if s else None),
    }), hide_index=True, width="stretch",
        column_config={t("col.source"): st.column_config.LinkColumn(t("col.source"), display_text=t("col.source_link")),
                       t("col.year"): st.column_config.NumberColumn(format="%d")})

with tab_problems:
    st.markdown(t("problems.intro"))
    problems = pd.DataFrame([p.as_dict() for p in atlas.problems])
    if problems.empty:
        st.success(t("problems.none"))
    else:
        problems["severity"] = problems["severity"].map(lambda s: t(f"problems.{s}"))
        st.dataframe(problems.rename(columns={c: t(f"problems.col.{c}") for c in problems.columns}),
                     hide_index=True, width="stretch")

with tab_download:
    st.markdown(t("download.intro"))
    c1, c2, c3 = st.columns(3)
    c1.download_button(t("download.csv"), export.partnerships_csv(shown), "partnerships.csv", "text/csv")
    c2.download_button(t("download.geojson"), json.dumps(export.partnerships_geojson(shown), ensure_ascii=False),
                       "partnerships.geojson", "application/geo+json")
    c3.download_button(t("download.problems"), export.problems_csv(atlas.problems), "problems.csv", "text/csv")
    c1.download_button(t("download.conferences_csv"), export.conferences_csv(atlas.conferences), "conferences.csv", "text/csv")
    c2.download_button(t("download.conferences_geojson"), json.dumps(export.conferences_geojson(atlas.conferences), ensure_ascii=False),
                       "conferences.geojson", "application/geo+json")

st.caption(t("app.footer"))
