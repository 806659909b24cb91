"""The map of German–Russian municipal partnerships.

Reads top to bottom like the page: sidebar (language, filters), headline,
map, the selected town, then tables, statistics, conferences, what is not on
the map, and downloads. With ``?mode=present`` only the map is shown, full
screen, for a projector.
"""
from __future__ import annotations

import ctypes
import gc
import hashlib
import json
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402
from dashboard import charts, filters, i18n, mapdata, mapview, upload  # noqa: E402
from dashboard.text import md, md_sources, roman  # noqa: E402
from geo import basemap, counts, export  # noqa: E402
from geo.resolve import default_data_dir, load_atlas as load_atlas_from_disk  # noqa: E402

params = st.query_params.to_dict()
present = params.get("mode") == "present"
_first_lang = i18n.pick_lang(st.session_state.get("lang", params.get("lang")))
st.set_page_config(page_title=i18n.Translator(_first_lang)("app.title"), page_icon="🗺️", layout="wide",
                   initial_sidebar_state="collapsed" if present else "auto")


@st.cache_resource(show_spinner=False)
def load_atlas(data_dir: str):
    return load_atlas_from_disk(Path(data_dir))


@st.cache_resource(show_spinner=False)
def load_outlines():
    return basemap.outlines()


@st.cache_resource(show_spinner=False)
def map_dataset(data_dir: str) -> mapdata.Dataset:
    return mapdata.dataset(load_atlas(data_dir))


@st.cache_resource(show_spinner=False)
def map_files(data_dir: str) -> mapview.WebFiles:
    return mapview.install(map_dataset(data_dir), load_outlines())


def web_files(data_dir: str) -> mapview.WebFiles:
    """The map's files, put back if something removed them while the app runs."""
    files = map_files(data_dir)
    if not all((files.root / f).exists() for f in ("index.html", files.data_url, "map/partnermap.js", "vendor/leaflet/leaflet.js",
                                                   *files.words_urls.values())):
        map_files.clear()
        files = map_files(data_dir)
    return files


@st.cache_resource(show_spinner=False)
def settle_heap(data_dir: str) -> bool:
    """Once the shared data is loaded, take it out of the garbage collector's
    sight: Streamlit collects every generation after each script run, and
    scanning the atlas and gazetteer again each time cost a page view most of
    its CPU (dashboard.loadtest). Only objects alive now are frozen. Then the
    memory that reading the data used and freed goes back to the system (glibc
    keeps it otherwise: a large dataset's server stayed hundreds of MB bigger)."""
    gc.collect()
    gc.freeze()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to give back this way
        pass
    return True


DATA_DIR = str(default_data_dir())
atlas = load_atlas(DATA_DIR)
dataset = map_dataset(DATA_DIR)
files = web_files(DATA_DIR)
settle_heap(DATA_DIR)


def own_list() -> tuple[upload.Upload, mapdata.Dataset | None] | None:
    """The viewer's uploaded list (sidebar), read once per file and kept in
    this session's memory only: never written to the server's disk."""
    file = st.session_state.get("upload_file")
    if file is None:
        st.session_state.pop("upload_result", None)
        return None
    data = file.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    kept = st.session_state.get("upload_result")
    if kept is None or kept[0] != digest:
        with st.spinner(i18n.Translator(_first_lang)("upload.reading")):
            result = upload.read(data, file.name)
            kept = (digest, result, mapdata.dataset(result.atlas) if result.atlas is not None else None)
        st.session_state["upload_result"] = kept
    return kept[1], kept[2]


mine = own_list()
if mine is not None and mine[1] is not None:  # the uploaded list instead of the curated data
    atlas, dataset = mine[0].atlas, mine[1]
all_rows, towns = atlas.partnerships, atlas.towns
low, high = filters.year_bounds(all_rows)
chosen = filters.Filter.from_query(params, (low, high))


def _init(key: str, value) -> None:
    """Seed a widget from the URL once per session; afterwards the widget rules."""
    if key not in st.session_state:
        st.session_state[key] = value


_init("lang", i18n.pick_lang(params.get("lang")))
_init("de", list(chosen.de_regions))
_init("ru", list(chosen.ru_regions))
_init("years", (max(low, chosen.year_from or low), min(high, chosen.year_to or high)))
# an upload (or its removal) changes the data's years: the full range stays the full range, a narrower one is clamped
_years = filters.carry_years(st.session_state["years"], st.session_state.get("year_bounds"), low, high)
if tuple(st.session_state["years"]) != _years:
    st.session_state["years"] = _years
st.session_state["year_bounds"] = (low, high)
_init("kind", list(chosen.kinds))
_init("status", list(chosen.statuses))
_init("level", list(chosen.levels))
_init("q", chosen.query)
_init("town", chosen.town if chosen.town in set(towns["key"]) else "")
_init("tiles", params.get("tiles", "on") != "off")
t = i18n.Translator(st.session_state["lang"])

# -- presentation mode: the map alone, full screen ------------------------------
if present:
    st.markdown("""<style>
        [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
        [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"], footer {display: none !important}
        .block-container, [data-testid="stMainBlockContainer"] {padding: 0 !important; max-width: 100% !important}
        [data-testid="stVerticalBlock"] {gap: 0 !important}
        </style>""", unsafe_allow_html=True)
    shown = filters.apply(all_rows, chosen)
    st.markdown("<style>iframe[title='dashboard.mapview.partnermap'] {height: 100vh !important; display: block}</style>",
                unsafe_allow_html=True)
    title = filters.describe(chosen, t)
    action = mapview.show(files, mapview.state(t, shown["id"], dataset, selected=chosen.town, present=True, files=files,
                                               tiles=params.get("tiles", "on") != "off", title=title),
                          key="map", height=1000)
    if action and action.get("event") == "exit" and action.get("at") != st.session_state.get("last_action"):
        st.session_state["last_action"] = action.get("at")
        st.query_params.pop("mode", None)
        st.rerun()
    st.stop()

from_url = chosen
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
line = t("app.count", shown=len(shown), total=len(all_rows))
shown_counts = counts.count(shown)  # the one definition of "on the map" (geo.counts), as in validate and export
extras = [t("app.not_on_map_short", n=shown_counts.not_on_map)] if shown_counts.not_on_map else []
if shown_counts.one_sided:
    extras.append(t.plural("app.one_sided", shown_counts.one_sided))
if chosen.year_from or chosen.year_to:
    extras.append(t("app.unknown_year_hidden", n=int(all_rows["since"].isna().sum())))
if mine is not None and mine[0].atlas is not None:
    st.info(md(t("upload.showing", name=mine[0].name, rows=mine[0].rows, shown=mine[0].shown, listed=mine[0].listed)))
link_notes = filters.link_notes(from_url, t, low, high, set(towns["key"]))
if link_notes:  # plain text: values from the link never become markdown
    st.warning(md(" ".join(link_notes)))
if chosen.query and shown.empty:
    st.info(md(t("search.none", query=t.quote(chosen.query))))
    closest = filters.suggest(filters.apply(all_rows, chosen.with_query("")), chosen.query)
    if closest:
        st.caption(t("search.closest"))
        for index, (column, name) in enumerate(zip(st.columns(len(closest)), closest)):
            column.button(md(name), key=f"suggest-{index}", on_click=lambda name=name: st.session_state.update(q=name))
st.markdown(f"**{line}**" + (" · " + " · ".join(extras) if extras else "")
            + f"  \n{t('app.updated', date=t.date(atlas.updated))}")

def focus_pair(pair_id: str) -> None:
    """'Show on map' beside a partner: the map frames that arc (runs before the map is drawn)."""
    st.session_state["focus"] = {"id": pair_id, "at": time.time()}


# -- map and the selected place beside it ------------------------------------
map_column, panel_column = st.columns([3, 1], gap="small")
with map_column:
    action = mapview.show(files, mapview.state(t, shown["id"], dataset, selected=st.session_state["town"], files=files,
                                               tiles=st.session_state["tiles"], focus=st.session_state.get("focus")), key="map", height=620,
                          inline=dataset if mine is not None and mine[1] is not None else None)
    st.caption(t("map.help"))
if action and action.get("event") == "select" and action.get("at") != st.session_state.get("last_action"):
    st.session_state["last_action"] = action.get("at")
    if action.get("place", "") != st.session_state["town"]:
        st.session_state["town"] = action.get("place", "")
        st.rerun()


# -- sidebar --------------------------------------------------------------
# Drawn after the map so that the map goes out first; the filter was read
# from the widgets' state above, which Streamlit sets before every rerun.
with st.sidebar:
    st.selectbox(t("app.language"), i18n.LANGS, key="lang", format_func=lambda code: i18n.LANG_NAMES[code])
    st.header(t("filters.title"))
    st.text_input(t("filters.search"), key="q", placeholder=t("filters.search_placeholder"))
    de_codes = sorted(set(all_rows["de_region"]) - {""}, key=t.region)
    ru_codes = sorted(set(all_rows["ru_region"]) - {""}, key=t.region)
    st.multiselect(t("filters.de_regions"), de_codes, key="de", format_func=t.region, placeholder=t("filters.all"))
    st.multiselect(t("filters.ru_regions"), ru_codes, key="ru", format_func=t.region, placeholder=t("filters.all"))
    st.slider(t("filters.years"), min_value=low, max_value=high, key="years")
    st.multiselect(t("filters.kind"), ["partnership", "friendship"], key="kind", format_func=t.kind, placeholder=t("filters.all"))
    st.multiselect(t("filters.status"), list(mapdata.STATUS_STYLE), key="status", format_func=t.status, placeholder=t("filters.all"))
    st.multiselect(t("filters.level"), ["municipality", "district", "region"], key="level", format_func=t.level, placeholder=t("filters.all"))
    st.toggle(t("filters.tiles"), key="tiles", help=t("filters.tiles_help"))
    st.header(t("upload.title"))
    st.file_uploader(t("upload.label"), type=upload.TYPES, key="upload_file", max_upload_size=upload.MAX_BYTES // 2**20,
                     help=t("upload.help", rows=upload.MAX_ROWS, limit=upload.MAX_BYTES // 2**20))
    st.download_button(t("upload.template"), upload.template(), "partnerships-template.csv", "text/csv",
                       key="upload-template", on_click="ignore")
    if mine is not None and mine[0].error:
        key, values = mine[0].error
        st.error(md(t(key, name=mine[0].name, **values)))
    elif mine is not None:
        st.caption(md(t("upload.assumed", notes="; ".join(mine[0].notes + ([t("upload.filled", columns=", ".join(mine[0].filled))]
                                                                             if mine[0].filled else [])))))

town_labels = {"": t("town.none")}
for _row in towns.to_dict("records"):
    _name = t.place({"de_name": _row["name"], "de_name_ru": _row["name_ru"], "ru_name": _row["name"],
                     "ru_name_ru": _row["name_ru"], "ru_name_en": _row["name_en"]}, _row["side"])
    town_labels[_row["key"]] = f"{_name} ({t.region(_row['region'])})"


# -- the selected place, beside the map (under it on a phone) ------------------
shown_ids = set(shown["id"])
TOWN_CHOICES = 50  # places the select box offers: every option is sent to the browser on every change
shown_towns = towns[towns["ids"].map(lambda ids: bool(set(ids) & shown_ids))]
more_towns = max(0, len(shown_towns) - TOWN_CHOICES)
if more_towns:
    shown_towns = shown_towns.nlargest(TOWN_CHOICES, "count")
town_keys = [""] + sorted(shown_towns["key"], key=town_labels.get)
if st.session_state["town"] not in town_keys:
    town_keys.append(st.session_state["town"])
with panel_column:
    st.selectbox(t("town.select"), town_keys, key="town", format_func=lambda key: town_labels.get(key, key))
    if more_towns:
        st.caption(t("town.more", n=more_towns))
    if st.session_state["town"] in set(towns["key"]):
        town = towns[towns["key"] == st.session_state["town"]].iloc[0]
        mine = all_rows[all_rows["id"].isin(town["ids"])]
        st.markdown(f"**{md(town_labels[town['key']])}**  \n{md(t.plural('n.partnerships', len(mine)))}")
        with st.container(height=520, border=False):
            for row in mine.to_dict("records"):
                since = t("map.since.unknown") if pd.isna(row["since"]) else t("map.since", year=str(int(row["since"])))
                partner = t.place(row, "ru" if town["side"] == "de" else "de")
                note = t.text(row, "status_note")
                st.markdown(
                    f"**{md(partner)}**  \n{md(t.kind(row['kind']))} · {md(since)} · {md(t.status(row['status']))}"
                    + (f"  \n_{md(note)}_" if note else "")
                    + f"  \n{md(t('popup.sources'))}: {md_sources(row['source'])}")
                if row["placed"]:
                    st.button(t("town.show_on_map"), key=f"focus-{row['id']}", on_click=focus_pair, args=(row["id"],),
                              type="tertiary", icon=":material/my_location:")
# the URL follows the view, so a copied link opens the same view
query = chosen.to_query()
if st.session_state["lang"] != i18n.DEFAULT_LANG:
    query["lang"] = st.session_state["lang"]
if not st.session_state["tiles"]:
    query["tiles"] = "off"
if query != st.query_params.to_dict():
    st.query_params.from_dict(query)
present_link = "?" + urlencode({**query, "mode": "present"})
st.link_button(t("present.open"), present_link, help=t("present.help"))

# -- tables, statistics, conferences, problems, downloads ---------------------
# Only the open tab is drawn: the map is on screen sooner and a filter change stays quick.
tab_overview, tab_table, tab_stats, tab_conf, tab_problems, tab_download = st.tabs([
    t("tab.overview"), t("tab.table"), t("tab.chart"), t("tab.conferences"),
    t("tab.problems", n=counts.count(all_rows).not_on_map), t("tab.downloads"),
], key="tab", on_change="rerun")

TABLE_PAGE = 500  # rows a page of the table sends to the browser, whatever the size of the data

with tab_overview:
    # the first tab is a few sentences, so that a change of filter sends little
    # besides the map's state, whatever the size of the data
    if tab_overview.open:
        tally = counts.count(shown)
        by_status = " · ".join(f"{md(t.status(status))}: {t.number(n)}" for status, n in tally.by_status.items() if n)
        by_kind = " · ".join(f"{md(t.kind(kind))}: {t.number(int(n))}" for kind, n in shown["kind"].value_counts().items() if kind)
        years = shown["since"].dropna()
        lines = [f"**{md(t('overview.status'))}** {by_status}", f"**{md(t('overview.kind'))}** {by_kind}"]
        if not years.empty:
            lines.append(f"**{md(t('overview.years'))}** {int(years.min())}–{int(years.max())}")
        for side, label in (("de", t("overview.top_de")), ("ru", t("overview.top_ru"))):
            table = charts.per_region(shown, side, t)
            if not table.empty:
                lines.append(f"**{md(label)}** {md(table.iloc[0]['region'])} ({t.number(int(table.iloc[0]['count']))})")
        st.markdown("  \n".join(lines) if len(shown) else md(t("overview.none")))
        st.caption(t("overview.more"))

with tab_table:
    if tab_table.open:
        rows_on_page = shown
        if len(shown) > TABLE_PAGE:
            pages = (len(shown) + TABLE_PAGE - 1) // TABLE_PAGE
            page = st.number_input(t("table.page", pages=pages), min_value=1, max_value=pages, value=1, step=1, key="table_page")
            rows_on_page = shown.iloc[(int(page) - 1) * TABLE_PAGE:int(page) * TABLE_PAGE]
            st.caption(t("table.page_rows", first=(int(page) - 1) * TABLE_PAGE + 1,
                         last=min(int(page) * TABLE_PAGE, len(shown)), total=len(shown)))
        records = rows_on_page.to_dict("records")
        table = pd.DataFrame({
            t("col.de"): [t.place(r, "de") for r in records],
            t("col.de_region"): rows_on_page["de_region"].map(t.region),
            t("col.ru"): [t.place(r, "ru") for r in records],
            t("col.ru_region"): rows_on_page["ru_region"].map(t.region),
            t("col.kind"): rows_on_page["kind"].map(t.kind),
            t("col.level"): rows_on_page["level"].map(lambda level: t(f"level.{level}.one") if level else t("unknown")),
            # text, never a missing value: the grid would print "None"; plain digits still sort as numbers
            t("col.since"): rows_on_page["since"].map(lambda y: t("unknown") if pd.isna(y) else str(int(y))),
            t("col.status"): rows_on_page["status"].map(t.status),
            t("col.status_date"): rows_on_page["status_date"].map(lambda d: t.date(d) if d else "—"),
            t("col.distance"): rows_on_page["distance_km"].map(lambda km: "—" if pd.isna(km) else str(int(km))),
            t("col.source"): rows_on_page["source"].map(lambda s: s.split()[0] if s else ""),
            t("col.note"): [t.text(r, "status_note") for r in records],
        })
        st.dataframe(table, hide_index=True, width="stretch",
                     column_config={t("col.source"): st.column_config.LinkColumn(t("col.source"), display_text=t("col.source_link")),
                                    t("col.distance"): st.column_config.TextColumn(alignment="right")})
        st.caption(t("table.caption"))


def chart_with_table(chart, summary: str, table: pd.DataFrame, columns: dict[str, str]) -> None:
    """A chart, the sentence that says what it shows, and its data as a table."""
    st.altair_chart(chart, width="stretch")
    st.caption(summary)
    with st.expander(t("chart.as_table")):
        st.dataframe(table.rename(columns=columns), hide_index=True, width="stretch")


with tab_stats:
    if tab_stats.open:
        st.subheader(t("stats.per_year"))
        per_year = charts.per_year(shown)
        chart_with_table(charts.per_year_chart(per_year, t), charts.per_year_summary(per_year, t), per_year,
                         {"year": t("chart.year"), "founded": t("chart.founded"), "total": t("chart.total")})
        left, right = st.columns(2)
        with left:
            st.subheader(t("stats.per_land"))
            de_table = charts.per_region(shown, "de", t)
            chart_with_table(charts.bar_chart(de_table, t("col.de_region"), t), charts.top_summary(de_table, t), de_table,
                             {"region": t("col.de_region"), "count": t("stats.count")})
        with right:
            st.subheader(t("stats.per_subject"))
            ru_table = charts.per_region(shown, "ru", t)
            chart_with_table(charts.bar_chart(ru_table, t("col.ru_region"), t, "#8C1C13"), charts.top_summary(ru_table, t), ru_table,
                             {"region": t("col.ru_region"), "count": t("stats.count")})
        st.subheader(t("stats.distance"))
        dist = charts.distances(shown)
        chart_with_table(charts.distance_chart(dist, t), charts.distance_summary(shown, t), dist,
                         {"from_km": t("stats.from_km"), "to_km": t("stats.to_km"), "count": t("stats.count")})
        st.subheader(t("stats.status"))
        status_table = charts.status_over_time(shown, atlas.status_history, t, atlas.updated)
        chart_with_table(charts.status_chart(status_table, t), charts.status_summary(shown, atlas.status_history, t),
                         status_table[["year", "label", "count"]],
                         {"year": t("stats.status_year"), "label": t("col.status"), "count": t("stats.count")})

def participants(row) -> str:
    """A number, or a range where the sources disagree."""
    low, high = row.get("participants_min", row.get("participants")), row.get("participants_max", row.get("participants"))
    if low is None or pd.isna(low):
        return t("unknown")
    return t.number(int(low)) if high is None or pd.isna(high) or high == low else f"{t.number(int(low))}–{t.number(int(high))}"


with tab_conf:
    if tab_conf.open:
        conf = atlas.conferences.sort_values("number")
        st.dataframe(pd.DataFrame({
            t("col.number"): conf["number"].map(roman),
            t("col.year"): conf["year"],
            t("col.dates"): [" – ".join(t.date(d) for d in (a, b) if d) or t("unknown") for a, b in zip(conf["start_date"], conf["end_date"])],
            t("col.host"): [t.host(r) or t("unknown") for r in conf.to_dict("records")],
            t("col.co_hosts"): [t.text(r, "co_hosts") for r in conf.to_dict("records")],
            t("col.motto"): [t.text(r, "motto") or t("unknown") for r in conf.to_dict("records")],
            t("col.participants"): [participants(r) for r in conf.to_dict("records")],
            t("col.source"): conf["source"].map(lambda s: s.split()[0] if s else ""),
        }), hide_index=True, width="stretch",
            column_config={t("col.source"): st.column_config.LinkColumn(t("col.source"), display_text=t("col.source_link")),
                           t("col.year"): st.column_config.NumberColumn(format="%d")})
        st.caption(t("conferences.caption"))

with tab_problems:
    if tab_problems.open:
        st.markdown(t("problems.intro"))
        if mine is not None and mine[0].atlas is not None:
            st.caption(md(t("upload.assumed", notes="; ".join(mine[0].notes))))
        missing = counts.not_on_map(all_rows)
        if not missing.empty:
            st.markdown(t("problems.not_on_map", n=len(missing)))
            st.dataframe(pd.DataFrame({t("col.de"): [t.place(r, "de") for r in missing.to_dict("records")],
                                       t("col.ru"): [t.place(r, "ru") for r in missing.to_dict("records")]}),
                         hide_index=True, width="stretch")
        problems = pd.DataFrame([p.as_dict() for p in atlas.problems])
        if problems.empty:
            st.success(t("problems.none"))
        else:
            problems["severity"] = problems["severity"].map(lambda s: t(f"problems.{s}"))
            st.dataframe(problems.rename(columns={c: t(f"problems.col.{c}") for c in problems.columns}),
                         hide_index=True, width="stretch")
        manual = all_rows[(all_rows["de_method"] == "manual") | (all_rows["ru_method"] == "manual")]
        if not manual.empty:
            st.markdown(t("problems.manual", n=len(manual)))
            # position_note is an English maintainer's note: the view shows its source URL, the CSV the whole note
            st.dataframe(pd.DataFrame({t("col.de"): [t.place(r, "de") for r in manual.to_dict("records")],
                                       t("col.ru"): [t.place(r, "ru") for r in manual.to_dict("records")],
                                       t("problems.position_source"): [next((w for w in v.split() if w.startswith(("http://", "https://"))), "")
                                                                       if isinstance(v, str) else "" for v in manual["position_note"]]}),
                         hide_index=True, width="stretch",
                         column_config={t("problems.position_source"): st.column_config.LinkColumn(display_text=t("col.source_link"))})

with tab_download:
    if tab_download.open:
        st.markdown(t("download.intro"))
        # Files are made when a button is pressed, not on every change of filter.
        snapshot, title = shown.copy(), f"{t('app.title')} — {filters.describe(chosen, t)}"

        def standalone_map() -> str:
            return mapview.standalone_html(dataset, mapview.state(t, snapshot["id"], dataset, tiles=True), load_outlines(), title)

        buttons = [
            ("download.csv", lambda: export.partnerships_csv(snapshot), "partnerships.csv", "text/csv"),
            ("download.geojson", lambda: json.dumps(export.partnerships_geojson(snapshot), ensure_ascii=False),
             "partnerships.geojson", "application/geo+json"),
            ("download.html", standalone_map, "partnerships-map.html", "text/html"),
            ("download.conferences_csv", lambda: export.conferences_csv(atlas.conferences), "conferences.csv", "text/csv"),
            ("download.conferences_geojson", lambda: json.dumps(export.conferences_geojson(atlas.conferences), ensure_ascii=False),
             "conferences.geojson", "application/geo+json"),
            ("download.problems", lambda: export.problems_csv(atlas.problems), "problems.csv", "text/csv"),
        ]
        columns = st.columns(3)
        for index, (key, make, file_name, mime) in enumerate(buttons):
            columns[index % 3].download_button(t(key), make, file_name, mime, key=f"download-{file_name}", on_click="ignore",
                                               help=t("download.html_help") if key == "download.html" else None)

st.caption(t("app.footer"))
