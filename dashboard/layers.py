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
from branca.element import MacroElement
from folium.template import Template

from geo.arcs import distance_km

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
    Popup uses it; we do not load it). Each drawn layer is also registered in
    ``window.pm[role]`` for the timeline and the tour.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup({{ this.options|tojavascript }});
        window.pm = window.pm || {};
        window.pm[{{ this.role|tojson }}] = {group: {{ this.get_name() }}, items: []};
        (function (group, items, registry) {
            items.forEach(function (d) {
                var layer;
                if (d.kind === "line") { layer = L.polyline(d.latlngs, d.style); }
                else if (d.kind === "circle") { layer = L.circleMarker(d.latlng, d.style); }
                else { layer = L.marker(d.latlng, {icon: L.divIcon(d.icon), title: d.title, alt: d.title, keyboard: true}); }
                if (d.tooltip) { layer.bindTooltip(d.tooltip, {sticky: d.kind === "line"}); }
                if (d.popup) { layer.bindPopup(d.popup, {maxWidth: 340}); }
                group.addLayer(layer);
                registry.items.push({layer: layer, d: d});
            });
        })({{ this.get_name() }}, {{ this.items|tojson }}, window.pm[{{ this.role|tojson }}]);
        {% endmacro %}
    """)

    def __init__(self, name: str, items: list[dict], role: str):
        super().__init__(name=name)
        self._name = "DataLayer"
        self.items = items
        self.role = role


class Basemap(MacroElement):
    """Country outlines in their own pane under the tiles: offline, the map
    is still a map. In the app they are fetched from the app's static files
    (so they are not resent with every change of filter); in the standalone
    export they are inlined."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            function style(f) {
                var home = f.properties.iso === "DE" || f.properties.iso === "RU";
                return {fillColor: home ? "#fbf7ef" : "#f1eee7", color: home ? "#6d6d6d" : "#a0a0a0",
                        weight: home ? 1.4 : 0.8, fillOpacity: 1};
            }
            function draw(data) { L.geoJSON(data, {pane: "basemap", interactive: false, style: style}).addTo(map); }
            {% if this.url %}
            fetch({{ this.url|tojson }}).then(function (r) { return r.json(); }).then(draw)
                .catch(function (e) { console.warn("basemap not loaded", e); });
            {% else %}
            draw({{ this.data|tojson }});
            {% endif %}
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, data: dict | None = None, url: str = ""):
        super().__init__()
        self._name = "Basemap"
        self.data, self.url = data, url


class Storyboard(MacroElement):
    """The timeline (play, pause, scrub through the founding years) and the
    guided tour of the conferences, run in the browser with no round trip to
    the server. Keyboard: ← → step, space plays or pauses, Esc leaves the tour."""

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function (map, cfg) {
            var pm = window.pm || {};
            var arcs = (pm.arcs || {items: []}).items, group = (pm.arcs || {}).group;
            var year = cfg.last, timer = null, step = -1;
            function visible(d, y) { return d.year === null ? y >= cfg.last : d.year <= y; }
            function restyle(focus) {
                arcs.forEach(function (a) {
                    var on = visible(a.d, year);
                    if (on && !group.hasLayer(a.layer)) { group.addLayer(a.layer); }
                    if (!on && group.hasLayer(a.layer)) { group.removeLayer(a.layer); }
                    if (on) {
                        var hit = !focus || focus.indexOf(a.d.id) >= 0;
                        a.layer.setStyle({opacity: hit ? a.d.style.opacity : 0.12,
                                          weight: focus && hit ? 6 : a.d.style.weight});
                        if (focus && hit) { a.layer.bringToFront(); }
                    }
                });
            }
            function count() { return arcs.filter(function (a) { return visible(a.d, year); }).length; }
            function panel(className, label, html) {
                var div = L.DomUtil.create("div", className);
                div.setAttribute("role", "group");
                div.setAttribute("aria-label", label);
                div.innerHTML = html;
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            }

            var Timeline = L.Control.extend({
                options: {position: "bottomright"},
                onAdd: function () {
                    var div = panel("pm-timeline", cfg.labels.timeline, '<button type="button" class="pm-play"></button>' +
                        '<input type="range" class="pm-year" step="1">' +
                        '<output class="pm-year-out" aria-live="polite"></output>');
                    var play = div.querySelector(".pm-play"), range = div.querySelector(".pm-year"), out = div.querySelector(".pm-year-out");
                    range.min = cfg.first; range.max = cfg.last; range.value = cfg.last;
                    range.setAttribute("aria-label", cfg.labels.year);
                    function show() {
                        range.value = year;
                        out.textContent = year + " · " + cfg.labels.count.replace("{n}", count());
                        play.textContent = timer ? "❚❚" : "▶";
                        play.setAttribute("aria-label", timer ? cfg.labels.pause : cfg.labels.play);
                        play.title = play.getAttribute("aria-label");
                    }
                    window.pmTimeline = {
                        set: function (y) { year = Math.max(cfg.first, Math.min(cfg.last, y)); restyle(null); show(); },
                        toggle: function () {
                            if (timer) { clearInterval(timer); timer = null; show(); return; }
                            if (year >= cfg.last) { year = cfg.first - 1; }
                            timer = setInterval(function () {
                                if (year >= cfg.last) { clearInterval(timer); timer = null; show(); return; }
                                window.pmTimeline.set(year + 1);
                            }, cfg.interval);
                            window.pmTimeline.set(year + 1);
                        }
                    };
                    play.addEventListener("click", function () { window.pmTimeline.toggle(); });
                    range.addEventListener("input", function () {
                        if (timer) { clearInterval(timer); timer = null; }
                        window.pmTimeline.set(parseInt(range.value, 10));
                    });
                    show();
                    return div;
                }
            });
            if (cfg.last > cfg.first) { new Timeline().addTo(map); }

            var Tour = L.Control.extend({
                options: {position: "topleft"},
                onAdd: function () {
                    var div = panel("pm-tour", cfg.labels.tour, '<button type="button" class="pm-prev">◀</button>' +
                        '<button type="button" class="pm-start"></button>' +
                        '<button type="button" class="pm-next">▶</button>' +
                        '<div class="pm-tour-text" aria-live="polite"></div>');
                    var text = div.querySelector(".pm-tour-text"), start = div.querySelector(".pm-start");
                    div.querySelector(".pm-prev").setAttribute("aria-label", cfg.labels.prev);
                    div.querySelector(".pm-next").setAttribute("aria-label", cfg.labels.next);
                    start.textContent = cfg.labels.tour;
                    function go(i) {
                        if (!cfg.steps.length) { return; }
                        step = (i + cfg.steps.length) % cfg.steps.length;
                        var s = cfg.steps[step];
                        if (window.pmTimeline) { window.pmTimeline.set(cfg.last); }
                        restyle(s.ids);
                        map.flyTo([s.lat, s.lon], cfg.tourZoom, {duration: 1.2});
                        text.innerHTML = s.html;
                        div.classList.add("pm-touring");
                    }
                    function end() { step = -1; text.innerHTML = ""; div.classList.remove("pm-touring"); restyle(null); }
                    window.pmTour = {go: go, next: function () { go(step + 1); }, prev: function () { go(step - 1); }, end: end,
                                     get step() { return step; }};
                    div.querySelector(".pm-prev").addEventListener("click", window.pmTour.prev);
                    div.querySelector(".pm-next").addEventListener("click", window.pmTour.next);
                    start.addEventListener("click", function () { step < 0 ? go(0) : end(); });
                    return div;
                }
            });
            if (cfg.steps.length) { new Tour().addTo(map); }

            document.addEventListener("keydown", function (e) {
                if (e.target && /INPUT|TEXTAREA|SELECT/.test(e.target.tagName) && e.target.type !== "range") { return; }
                if (e.key === "ArrowRight" || e.key === "PageDown") { window.pmTour && window.pmTour.next(); e.preventDefault(); }
                else if (e.key === "ArrowLeft" || e.key === "PageUp") { window.pmTour && window.pmTour.prev(); e.preventDefault(); }
                else if (e.key === "Escape") { window.pmTour && window.pmTour.end(); }
                else if (e.key === " " || e.key === "p") { window.pmTimeline && window.pmTimeline.toggle(); e.preventDefault(); }
            });
        })({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
    """)

    def __init__(self, config: dict, css: str):
        super().__init__()
        self._name = "Storyboard"
        self.config = config
        self.css = css


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


def sources_html(urls: str) -> str:
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
    lines.append(f"{escape(t('popup.sources'))}: {sources_html(row.get('source', ''))}")
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
        f"{escape(t('popup.sources'))}: {sources_html(row.get('source', ''))}",
    ]
    return "<div class='pm-popup'>" + "<br>".join(lines) + "</div>"


BASE_CSS = """
.leaflet-container {background:#d4e6f1; font:14px/1.45 system-ui, "Segoe UI", Roboto, sans-serif}
.pm-legend {background:rgba(255,255,255,.94); padding:8px 10px; border-radius:6px; box-shadow:0 1px 4px rgba(0,0,0,.3)}
.pm-legend b {display:block; margin-bottom:2px}
.pm-dot {display:inline-block; width:10px; height:10px; border-radius:50%; border:2px solid; background:#fff; vertical-align:middle}
.pm-conf, .pm-conf-icon {display:inline-block; background:#5D3A9B; color:#fff; font:bold 11px/18px system-ui,sans-serif;
  padding:0 5px; border-radius:9px; border:2px solid #fff; box-shadow:0 0 3px rgba(0,0,0,.5); white-space:nowrap}
.pm-popup {max-width:340px}
.pm-timeline, .pm-tour {background:rgba(255,255,255,.95); padding:6px 8px; border-radius:6px; box-shadow:0 1px 4px rgba(0,0,0,.3);
  display:flex; align-items:center; gap:6px; flex-wrap:wrap}
.pm-timeline input {width:220px}
.pm-timeline output {min-width:150px; font-variant-numeric:tabular-nums}
.pm-timeline button, .pm-tour button {font:inherit; min-width:2.2em; min-height:2em; cursor:pointer; border:1px solid #888;
  border-radius:4px; background:#fff}
.pm-timeline button:focus-visible, .pm-tour button:focus-visible, .pm-timeline input:focus-visible {outline:3px solid #0072B2; outline-offset:2px}
.pm-tour-text {flex-basis:100%; max-width:360px}
.pm-tour:not(.pm-touring) .pm-prev, .pm-tour:not(.pm-touring) .pm-next {display:none}
.pm-title {background:rgba(255,255,255,.92); padding:6px 12px; border-radius:6px; box-shadow:0 1px 4px rgba(0,0,0,.3); font-weight:600;
  max-width:45vw}
"""

PRESENT_CSS = """
html, body, .folium-map, #map_div {height:100vh !important}
.leaflet-container {font-size:22px}
.pm-title {font-size:30px; max-width:calc(100vw - 620px)}
.pm-legend {font-size:20px; line-height:1.5}
.pm-legend svg {width:46px}
.leaflet-tooltip {font-size:20px}
.pm-popup {font-size:20px; max-width:520px}
.pm-conf-icon {font-size:16px; line-height:26px; padding:0 8px; border-radius:13px}
.pm-timeline input {width:420px; height:28px}
.pm-timeline, .pm-tour {font-size:22px}
.pm-tour-text {max-width:560px}
.leaflet-control-layers {font-size:18px}
"""


def legend_html(t: Translator, shown_statuses: list[str]) -> str:
    items = []
    for status, style in STATUS_STYLE.items():
        if status not in shown_statuses:
            continue
        dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
        items.append(
            f'<div><svg width="34" height="10" viewBox="0 0 34 10" aria-hidden="true"><line x1="0" y1="5" x2="34" y2="5" '
            f'stroke="{style["color"]}" stroke-width="4"{dash}/></svg> {escape(t.status(status))}</div>'
        )
    items.append(f'<div><span class="pm-dot" style="border-color:{TOWN_COLOR["DE"]}"></span> {escape(t("legend.town_de"))}</div>')
    items.append(f'<div><span class="pm-dot" style="border-color:{TOWN_COLOR["RU"]}"></span> {escape(t("legend.town_ru"))}</div>')
    items.append(f'<div><span class="pm-conf">XVI</span> {escape(t("legend.conference"))}</div>')
    return f'<div class="pm-legend" role="region" aria-label="{escape(t("legend.title"), quote=True)}"><b>{escape(t("legend.title"))}</b>{"".join(items)}</div>'


class HtmlControl(MacroElement):
    """A fixed piece of HTML (legend, title) placed as a Leaflet control, so
    that it belongs to the map in every view and in the standalone export."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var Box = L.Control.extend({options: {position: {{ this.position|tojson }}},
                onAdd: function () { var div = L.DomUtil.create("div"); div.innerHTML = {{ this.html|tojson }};
                    L.DomEvent.disableClickPropagation(div); return div; }});
            new Box().addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, html: str, position: str):
        super().__init__()
        self._name = "HtmlControl"
        self.html, self.position = html, position


def conference_steps(shown: pd.DataFrame, conferences: pd.DataFrame, t: Translator) -> list[dict]:
    """The tour: each conference host in order, with the shown partnerships of the host town."""
    steps = []
    placed = shown[shown["placed"]]
    for row in conferences.dropna(subset=["lat", "lon"]).sort_values("number").to_dict("records"):
        ids = [r["id"] for r in placed.to_dict("records")
               if min(distance_km(row["lat"], row["lon"], r["de_lat"], r["de_lon"]),
                      distance_km(row["lat"], row["lon"], r["ru_lat"], r["ru_lon"])) < 15]
        lines = [f"<b>{escape(t('conference.title', number=roman(row['number'])))}</b>",
                 f"{escape(t.host(row))} · {escape(str(row['year']))}"]
        if row.get("motto"):
            lines.append(f"<i>„{escape(row['motto'])}“</i>")
        lines.append(escape(t("tour.partnerships", n=len(ids))))
        steps.append({"lat": row["lat"], "lon": row["lon"], "ids": ids, "html": "<br>".join(lines)})
    return steps


def build_map(shown: pd.DataFrame, towns: pd.DataFrame, conferences: pd.DataFrame, t: Translator,
              outlines: dict | None = None, outlines_url: str = "", selected: str = "", online_tiles: bool = True,
              show_conferences: bool = True, present: bool = False, title: str = "",
              inline_assets: bool = False) -> folium.Map:
    """A folium map of the shown partnerships, their towns and the conference hosts,
    with legend, timeline and conference tour.

    ``present`` makes it fill the screen with large type; ``inline_assets``
    puts Leaflet's script and style into the page itself (for the standalone
    HTML export) instead of loading them from the app's static files."""
    m = folium.Map(location=[55, 30], zoom_start=4, tiles=None, control_scale=True, prefer_canvas=False)
    if inline_assets:
        m.default_js, m.default_css = [], []  # standalone_html() puts Leaflet into the page itself
    else:
        m.default_js = [("leaflet", leaflet_js_url())]
        m.default_css = [("leaflet_css", leaflet_css_url())]
    folium.map.CustomPane("basemap", z_index=150).add_to(m)
    if outlines_url or outlines:
        Basemap(data=None if outlines_url else outlines, url=outlines_url).add_to(m)
    if online_tiles:
        folium.TileLayer(TILES_URL, attr=TILES_ATTRIBUTION, name=t("layer.tiles"), max_zoom=18, opacity=0.85).add_to(m)

    selected_ids = set()
    if selected:
        hit = towns[towns["key"] == selected]
        if not hit.empty:
            selected_ids = set(hit.iloc[0]["ids"])
    placed = shown[shown["placed"]]
    arcs = []
    for row in placed.to_dict("records"):
        style = STATUS_STYLE.get(row["status"], STATUS_STYLE["unknown"])
        focus = not selected_ids or row["id"] in selected_ids
        arcs.append({
            "kind": "line",
            "id": row["id"],
            "year": None if pd.isna(row["since"]) else int(row["since"]),
            "latlngs": row["arc"],
            "style": {"color": style["color"], "weight": (6 if present else 5) if selected_ids and focus else (4 if present else 3),
                      "opacity": 0.95 if focus else 0.18, "dashArray": style["dash"]},
            "tooltip": partnership_tooltip(row, t),
            "popup": partnership_popup(row, t),
        })
    DataLayer(t("layer.partnerships"), arcs, "arcs").add_to(m)

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
            "style": {"radius": min(4 + 2.2 * math.sqrt(count), 16) * (1.5 if present else 1), "color": TOWN_COLOR[town["country"]],
                      "weight": 3 if is_selected else 2, "fill": True,
                      "fillColor": "#FFD23F" if is_selected else "#FFFFFF", "fillOpacity": 0.95},
            "tooltip": f"{escape(label)} · {escape(t('town.count', n=count))}",
        })
    DataLayer(t("layer.towns"), town_items, "towns").add_to(m)

    if show_conferences:
        conf_items = []
        for row in conferences.dropna(subset=["lat", "lon"]).to_dict("records"):
            label = t("conference.tooltip", number=roman(row["number"]), host=t.host(row), year=str(row["year"]))
            conf_items.append({
                "kind": "marker",
                "latlng": [row["lat"], row["lon"]],
                "icon": {"html": f'<span class="pm-conf-icon">{escape(roman(row["number"]))}</span>',
                         "className": "pm-conf-marker", "iconSize": [40, 22], "iconAnchor": [12, 30]},
                "title": label,
                "tooltip": escape(label),
                "popup": conference_popup(row, t),
            })
        DataLayer(t("layer.conferences"), conf_items, "conferences").add_to(m)

    # Top right is mostly Arctic sea and Siberia at the zooms we show: the
    # legend goes there, not over the German towns in the bottom left.
    folium.LayerControl(collapsed=True).add_to(m)
    if title:
        HtmlControl(f'<div class="pm-title">{escape(title)}</div>', "topright" if not present else "topleft").add_to(m)
    HtmlControl(legend_html(t, sorted(set(shown["status"]))), "topright").add_to(m)
    years = [a["year"] for a in arcs if a["year"] is not None]
    Storyboard({
        "first": min(years) if years else 0, "last": max(years) if years else 0,
        "interval": 700, "tourZoom": 5,
        "steps": conference_steps(shown, conferences, t) if show_conferences else [],
        "labels": {k: t(f"story.{k}") for k in ("timeline", "year", "play", "pause", "tour", "prev", "next", "count")},
    }, BASE_CSS + (PRESENT_CSS if present else "")).add_to(m)
    bounds = _bounds(placed, towns[towns["ids"].map(lambda ids: bool(set(ids) & shown_ids))])
    if bounds:
        m.fit_bounds(bounds, padding=(20, 20))
    return m


def inline_leaflet() -> str:
    """Leaflet's script and style as inline tags, its images as data: URIs."""
    import base64

    from .assets import PACKAGE_DIR

    css = (PACKAGE_DIR / "leaflet.css").read_text(encoding="utf-8")
    for image in sorted((PACKAGE_DIR / "images").glob("*.png")):
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        css = css.replace(f"images/{image.name}", f"data:image/png;base64,{data}")
    js = (PACKAGE_DIR / "leaflet.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    return f"<style>{css}</style>\n<script>{js}</script>"


def standalone_html(m: folium.Map) -> str:
    """The map as one HTML file that needs no server and no internet: every
    script and style inlined (build the map with ``inline_assets=True``)."""
    html = m.get_root().render()
    return html.replace("<head>", "<head>\n" + inline_leaflet(), 1)


def _bounds(placed: pd.DataFrame, towns: pd.DataFrame):
    lats = list(placed["de_lat"]) + list(placed["ru_lat"]) + list(towns["lat"])
    lons = list(placed["de_lon"]) + list(placed["ru_lon"]) + list(towns["lon"])
    if not lats:
        return None
    return [[min(lats), min(lons)], [max(lats), max(lons)]]
