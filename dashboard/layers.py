"""The map: basemap, partnership arcs, towns, conference hosts, legend.

Everything taken from the data is escaped before it goes into HTML.
Leaflet is loaded from the app's own static files, never from a CDN.
"""
from __future__ import annotations

import math
from html import escape
from urllib.parse import urlparse

import folium
import pandas as pd
from branca.element import Element
from folium.template import Template

from geo.arcs import great_circle

from .assets import leaflet_css_url, leaflet_js_url
from .i18n import Translator

# Okabe–Ito colours (told apart with the common kinds of colour blindness),
# and a dash pattern per status so that colour is never the only cue.
STATUS_STYLE = {
    "active": {"color": "#0072B2", "dash": None},
    "suspended": {"color": "#E69F00", "dash": "8 6"},
    "ended": {"color": "#CC79A7", "dash": "2 6"},
    "proposed": {"color": "#009E73", "dash": "14 6 2 6"},
    "unknown": {"color": "#6F6F6F", "dash": "1 4"},
}
TOWN_COLOR = {"DE": "#1F1F1F", "RU": "#8C1C13"}
CONFERENCE_COLOR = "#5D3A9B"
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
         "XVI", "XVII", "XVIII", "XIX", "XX"]
TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILES_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


class DataLayer(folium.FeatureGroup):
    """A layer of many lines, circles or labelled markers, drawn from one
    JSON array by a few lines of Leaflet.

    One element instead of hundreds keeps rendering fast (branca compiles a
    template per element). Popups and tooltips are JSON strings: nothing in
    the data can break out of them, and no jQuery is needed (folium's own
    Popup uses it; we do not load it).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup({{ this.options|tojavascript }});
        (function (group, items) {
            items.forEach(function (d) {
                var layer;
                if (d.kind === "line") { layer = L.polyline(d.latlngs, d.style); }
                else if (d.kind === "circle") { layer = L.circleMarker(d.latlng, d.style); }
                else { layer = L.marker(d.latlng, {icon: L.divIcon(d.icon), title: d.title, alt: d.title, keyboard: true}); }
                if (d.tooltip) { layer.bindTooltip(d.tooltip, {sticky: d.kind === "line"}); }
                if (d.popup) { layer.bindPopup(d.popup, {maxWidth: 340}); }
                group.addLayer(layer);
            });
        })({{ this.get_name() }}, {{ this.items|tojson }});
        {% endmacro %}
    """)

    def __init__(self, name: str, items: list[dict]):
        super().__init__(name=name)
        self._name = "DataLayer"
        self.items = items


def roman(number) -> str:
    try:
        n = int(number)
    except (TypeError, ValueError):
        return "?"
    return ROMAN[n] if 0 < n < len(ROMAN) else str(n)


def safe_link(url: str, label: str) -> str:
    """An <a> to an http(s) URL, escaped; plain escaped text for anything else."""
    parsed = urlparse(url or "")
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return escape(label)
    return f'<a href="{escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{escape(label)}</a>'


def _sources(urls: str) -> str:
    links = [safe_link(u, urlparse(u).netloc.removeprefix("www.")) for u in (urls or "").split()]
    return ", ".join(links)


def _year(value, t: Translator) -> str:
    return t("unknown") if value is None or pd.isna(value) else str(int(value))


def partnership_popup(row: dict, t: Translator) -> str:
    de, ru = escape(t.place(row, "de")), escape(t.place(row, "ru"))
    lines = [
        f"<b>{de} – {ru}</b>",
        f"{escape(t.kind(row['kind']))} · {escape(t.level(row['level']))}",
        f"{escape(t('popup.since'))}: {escape(_year(row['since'], t))}",
        f"{escape(t('popup.status'))}: {escape(t.status(row['status']))}"
        + (f" ({escape(t.date(row['status_date']))})" if row.get("status_date") else ""),
    ]
    if row.get("status_note"):
        lines.append(f"<i>{escape(row['status_note'])}</i>")
    if row.get("note"):
        lines.append(f"{escape(t('popup.note'))}: {escape(row['note'])}")
    lines.append(f"{escape(t('popup.sources'))}: {_sources(row.get('source', ''))}")
    return "<div class='pm-popup'>" + "<br>".join(lines) + "</div>"


def partnership_tooltip(row: dict, t: Translator) -> str:
    return f"{escape(t.place(row, 'de'))} – {escape(t.place(row, 'ru'))} · {escape(_year(row['since'], t))}"


def conference_popup(row: dict, t: Translator) -> str:
    dates = " – ".join(t.date(d) for d in (row.get("start_date"), row.get("end_date")) if d) or t("unknown")
    lines = [
        f"<b>{escape(t('conference.title', number=roman(row['number'])))}</b>",
        f"{escape(t.host(row))}{' · ' + escape(row['co_hosts']) if row.get('co_hosts') else ''}",
        f"{escape(t('conference.dates'))}: {escape(dates)}",
        f"{escape(t('conference.motto'))}: {escape(row.get('motto') or t('unknown'))}",
        f"{escape(t('conference.participants'))}: "
        + escape(t.number(int(row['participants'])) if pd.notna(row.get("participants")) else t("unknown")),
        f"{escape(t('popup.sources'))}: {_sources(row.get('source', ''))}",
    ]
    return "<div class='pm-popup'>" + "<br>".join(lines) + "</div>"


def legend_html(t: Translator, shown_statuses: list[str]) -> str:
    items = []
    for status, style in STATUS_STYLE.items():
        if status not in shown_statuses:
            continue
        dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
        items.append(
            f'<div><svg width="34" height="10" aria-hidden="true"><line x1="0" y1="5" x2="34" y2="5" '
            f'stroke="{style["color"]}" stroke-width="4"{dash}/></svg> {escape(t.status(status))}</div>'
        )
    items.append(f'<div><span class="pm-dot" style="border-color:{TOWN_COLOR["DE"]}"></span> {escape(t("legend.town_de"))}</div>')
    items.append(f'<div><span class="pm-dot" style="border-color:{TOWN_COLOR["RU"]}"></span> {escape(t("legend.town_ru"))}</div>')
    items.append(f'<div><span class="pm-conf">XVI</span> {escape(t("legend.conference"))}</div>')
    return f"""
<style>
.pm-legend {{position:absolute; z-index:1000; bottom:18px; left:10px; background:rgba(255,255,255,.94);
  padding:8px 10px; border-radius:6px; font:13px/1.5 system-ui,sans-serif; box-shadow:0 1px 4px rgba(0,0,0,.3)}}
.pm-legend b {{display:block; margin-bottom:2px}}
.pm-dot {{display:inline-block; width:10px; height:10px; border-radius:50%; border:2px solid; background:#fff; vertical-align:middle}}
.pm-conf, .pm-conf-icon {{display:inline-block; background:{CONFERENCE_COLOR}; color:#fff; font:bold 11px/18px system-ui,sans-serif;
  padding:0 5px; border-radius:9px; border:2px solid #fff; box-shadow:0 0 3px rgba(0,0,0,.5); white-space:nowrap}}
.pm-popup {{font:13px/1.45 system-ui,sans-serif; max-width:320px}}
.leaflet-container {{background:#d4e6f1}}
</style>
<div class="pm-legend" role="region" aria-label="{escape(t('legend.title'), quote=True)}"><b>{escape(t('legend.title'))}</b>{''.join(items)}</div>
"""


def build_map(shown: pd.DataFrame, towns: pd.DataFrame, conferences: pd.DataFrame, t: Translator,
              outlines: dict | None = None, selected: str = "", online_tiles: bool = True,
              show_conferences: bool = True) -> folium.Map:
    """A folium map of the shown partnerships, their towns and the conference hosts."""
    m = folium.Map(location=[55, 30], zoom_start=4, tiles=None, control_scale=True, prefer_canvas=False)
    m.default_js = [("leaflet", leaflet_js_url())]
    m.default_css = [("leaflet_css", leaflet_css_url())]
    folium.map.CustomPane("basemap", z_index=150).add_to(m)
    if outlines:
        folium.GeoJson(
            outlines, name=t("layer.basemap"), pane="basemap", control=False, interactive=False,
            style_function=lambda f: {
                "fillColor": "#f4f1ea" if f["properties"]["iso"] not in ("DE", "RU") else "#fbf7ef",
                "color": "#9a9a9a" if f["properties"]["iso"] not in ("DE", "RU") else "#6d6d6d",
                "weight": 0.8 if f["properties"]["iso"] not in ("DE", "RU") else 1.4, "fillOpacity": 1},
        ).add_to(m)
    if online_tiles:
        folium.TileLayer(TILES_URL, attr=TILES_ATTRIBUTION, name=t("layer.tiles"), max_zoom=18, opacity=0.85).add_to(m)

    arcs = []
    selected_ids = set()
    if selected:
        hit = towns[towns["key"] == selected]
        if not hit.empty:
            selected_ids = set(hit.iloc[0]["ids"])
    placed = shown[shown["placed"]]
    for row in placed.to_dict("records"):
        style = STATUS_STYLE.get(row["status"], STATUS_STYLE["unknown"])
        focus = not selected_ids or row["id"] in selected_ids
        arcs.append({
            "kind": "line",
            "latlngs": [[round(la, 4), round(lo, 4)] for la, lo in great_circle(row["de_lat"], row["de_lon"], row["ru_lat"], row["ru_lon"])],
            "style": {"color": style["color"], "weight": 5 if selected_ids and focus else 3,
                      "opacity": 0.95 if focus else 0.18, "dashArray": style["dash"]},
            "tooltip": partnership_tooltip(row, t),
            "popup": partnership_popup(row, t),
        })
    DataLayer(t("layer.partnerships"), arcs).add_to(m)

    town_items = []
    shown_ids = set(shown["id"])
    for town in towns.to_dict("records"):
        count = len([i for i in town["ids"] if i in shown_ids])
        if count == 0:
            continue
        is_selected = town["key"] == selected
        label = t.place({"de_name": town["name"], "de_name_ru": town["name_ru"], "ru_name": town["name"],
                         "ru_name_ru": town["name_ru"], "ru_name_en": town["name_en"]}, town["side"])
        town_items.append({
            "kind": "circle",
            "latlng": [town["lat"], town["lon"]],
            "style": {"radius": min(4 + 2.2 * math.sqrt(count), 16), "color": TOWN_COLOR[town["country"]],
                      "weight": 3 if is_selected else 2, "fill": True,
                      "fillColor": "#FFD23F" if is_selected else "#FFFFFF", "fillOpacity": 0.95},
            "tooltip": f"{escape(label)} · {escape(t('town.count', n=count))}",
        })
    DataLayer(t("layer.towns"), town_items).add_to(m)

    if show_conferences:
        conf_items = []
        for row in conferences.dropna(subset=["lat", "lon"]).to_dict("records"):
            title = t("conference.tooltip", number=roman(row["number"]), host=t.host(row), year=str(row["year"]))
            conf_items.append({
                "kind": "marker",
                "latlng": [row["lat"], row["lon"]],
                "icon": {"html": f'<span class="pm-conf-icon">{escape(roman(row["number"]))}</span>',
                         "className": "pm-conf-marker", "iconSize": [40, 22], "iconAnchor": [12, 30]},
                "title": title,
                "tooltip": escape(title),
                "popup": conference_popup(row, t),
            })
        DataLayer(t("layer.conferences"), conf_items).add_to(m)

    folium.LayerControl(collapsed=False).add_to(m)
    m.get_root().html.add_child(Element(legend_html(t, sorted(set(shown["status"])))))
    bounds = _bounds(placed, towns[towns["ids"].map(lambda ids: bool(set(ids) & shown_ids))])
    if bounds:
        m.fit_bounds(bounds, padding=(20, 20))
    return m


def _bounds(placed: pd.DataFrame, towns: pd.DataFrame):
    lats = list(placed["de_lat"]) + list(placed["ru_lat"]) + list(towns["lat"])
    lons = list(placed["de_lon"]) + list(placed["ru_lon"]) + list(towns["lon"])
    if not lats:
        return None
    return [[min(lats), min(lons)], [max(lats), max(lons)]]
