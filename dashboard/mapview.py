"""The map on the page: a Streamlit component of our own, its files, and the
standalone HTML page made from the same code.

The component's folder (``web_root()``) is assembled in the cache folder, so
that a read-only checkout works: the page (``static/map/index.html``), the
map code (``static/map/*.js``, ``*.css``), Leaflet from the installed
``django-js-lib-leaflet`` package, the country outlines, and the data as
content-hashed JSON files. The browser fetches the data once per version; a
rerun sends only the state (:func:`dashboard.mapdata.state`), so the map, its
zoom and its centre stay as the viewer left them.

No template engine is involved anywhere: pages are fixed text, and every
value goes in as JSON inside ``<script type="application/json">`` elements
with ``<`` escaped, so no data can close the element or become code.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import js_lib_leaflet

from geo import cache

from . import embed, mapdata

STATIC = Path(__file__).resolve().parent / "static"
# The map's code: classic scripts registering into window.PartnerMap, in the
# order they must run (static/map/index.html loads them in this order; the
# export inlines them in it, the static site links them in it). embed.js last: it writes the place
# panel's <iframe> snippet, and draws the embedded map only where embed.html names its config.
MAP_SCRIPTS = ["dom.js", "model.js", "geometry.js", "labels.js", "clusters.js", "store.js", "framing.js", "detail.js", "layer-arcs.js",
               "layer-places.js", "layer-fast.js", "layer-labels.js", "view.js", "inset.js", "detail-panel.js",
               "controls.js", "timeline.js", "tour.js", "keyboard.js", "partnermap.js", "embed.js"]
MAP_FILES = [*MAP_SCRIPTS, "partnermap.css", "bridge.js", "standalone.js", "embed.css"]
LEAFLET_DIR = Path(js_lib_leaflet.__file__).resolve().parent / "static" / "js_lib_leaflet"
LEAFLET_FILES = ["leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png", "images/marker-icon.png",
                 "images/marker-icon-2x.png", "images/marker-shadow.png"]
TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILES_ATTRIBUTION = "© OpenStreetMap contributors"
COMPONENT_NAME = "partnermap"


@dataclass(frozen=True)
class WebFiles:
    """Where the component's files are, and the data's URLs relative to its page."""

    root: Path
    data_url: str
    details_url: str
    basemap_url: str
    words_urls: dict = field(default_factory=dict)  # per language: the map's words, fetched once per language


def web_root() -> Path:
    """The component's folder in the cache; a private temporary folder if the cache cannot be written."""
    try:
        root = cache.cache_dir() / "web"
        root.mkdir(parents=True, exist_ok=True)
        probe = root / ".probe"
        probe.write_bytes(b"")
        probe.unlink()
        return root
    except OSError as exc:
        fallback = Path(tempfile.mkdtemp(prefix="partnermap-web-"))
        warnings.warn(f"cannot write the map's files to the cache ({exc}); using {fallback}", stacklevel=2)
        return fallback


def _put(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` unless it already holds exactly that."""
    if path.exists() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return
    cache.atomic_write_bytes(path, data)


def install(dataset: mapdata.Dataset, outlines: dict, root: Path | None = None) -> WebFiles:
    """Put the page, the map code, Leaflet, the outlines and the data into the
    component's folder (only what is missing or changed). Cheap enough to run
    on every script run, so that a file deleted while the app runs comes back."""
    root = root or web_root()
    _put(root / "index.html", (STATIC / "map" / "index.html").read_bytes())
    for name in MAP_FILES:
        _put(root / "map" / name, (STATIC / "map" / name).read_bytes())
    for name in LEAFLET_FILES:
        _put(root / "vendor" / "leaflet" / name, (LEAFLET_DIR / name).read_bytes())
    basemap = json.dumps(outlines, separators=(",", ":")).encode("utf-8")
    basemap_name = f"basemap-{hashlib.sha256(basemap).hexdigest()[:12]}.geojson"
    _put(root / "data" / basemap_name, basemap)
    version = dataset.version
    _put(root / "data" / f"pairs-{version}.json", dataset.pairs)
    _put(root / "data" / f"details-{version}.json", dataset.details)
    from .i18n import LANGS, Translator

    words_urls = {}
    for lang in LANGS:
        text = json.dumps(words(Translator(lang)), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        name = f"words-{lang}-{hashlib.sha256(text).hexdigest()[:12]}.json"
        _put(root / "data" / name, text)
        words_urls[lang] = f"data/{name}"
    files = WebFiles(root=root, data_url=f"data/pairs-{version}.json", details_url=f"data/details-{version}.json",
                     basemap_url=f"data/{basemap_name}", words_urls=words_urls)
    _put(root / "embed.html", embed_page(files).encode("utf-8"))
    return files


def embed_page(files: WebFiles) -> str:
    """The app's embed.html (dashboard.embed), served at the component's URL beside index.html:
    the data files of this version named in its config, the full map two folders up (the
    app's own page, /component/<name>/embed.html -> /)."""
    from .i18n import LANGS

    settings = embed.config({lang: f"../../?lang={lang}&town={{town}}" for lang in LANGS}, data_url=files.data_url,
                            details_url=files.details_url, basemap_url=files.basemap_url, words_urls=files.words_urls,
                            tiles_url=TILES_URL, tiles_attribution=TILES_ATTRIBUTION)
    head = [f'<link rel="stylesheet" href="{href}">\n'
            for href in ("vendor/leaflet/leaflet.css", "map/partnermap.css", "map/embed.css")]
    scripts = ["vendor/leaflet/leaflet.js", *(f"map/{name}" for name in MAP_SCRIPTS)]
    return embed.page(head, [_json_element("pm-embed-config", settings),
                             *(f'<script src="{src}"></script>\n' for src in scripts)])


def words(t) -> dict:
    """The map's words in the viewer's language (plural forms as CLDR categories)."""
    keys = ["unknown", "since", "since.unknown", "status", "sources", "translated", "translated.show",
            "conference.title", "conference.short", "conference.dates", "conference.participants",
            "legend.title", "legend.town_de", "legend.town_ru", "legend.conference", "timeline", "timeline.year",
            "timeline.play", "timeline.pause", "tour", "tour.prev", "tour.next", "tour.end",
            "fit.all", "fit.all.short", "fit.de", "fit.de.short", "fit.ru", "fit.ru.short", "fit.selection",
            "fit.selection.short", "present.exit", "help.title", "help.keys", "country.de", "country.ru", "map.failed", "inset.title", "inset.help",
            "unit.m", "unit.km", "tiles.attribution", "detail", "detail.close", "disputed", "disputed.help",
            "disputed.since", "disputed.other", "correction", "correction.subject", "correction.intro", "correction.view",
            "place.none", "show_on_map", "zoom.in", "zoom.out", "cluster.zoom", "cluster.choose"]
    out = {key: t(f"map.{key}") for key in keys}
    for group, values in (("status", mapdata.STATUSES), ("kind", mapdata.KINDS)):
        for value in values:
            out[f"{group}.{value}"] = t(f"{group}.{value}")
    for level in mapdata.LEVELS:
        out[f"level.{level}.one"] = t(f"level.{level}.one")
    for key in embed.BOX_WORDS:  # the place panel's <iframe> snippet box
        out[key] = t(key)
    out["n.partnerships"] = t.plural_forms("n.partnerships")
    out["n.places"] = t.plural_forms("map.n.places")
    return out


_VIEW = re.compile(r"(\d{1,2}(?:\.\d{1,4})?)/(-?\d{1,2}(?:\.\d{1,6})?)/(-?\d{1,3}(?:\.\d{1,6})?)")


def map_view(text: str | None) -> str | None:
    """A link's ``map=Z/LAT/LON`` (as the map writes it, e.g. ``6/52.000/30.000``) if it is
    one (zoom 0–18, latitude ±85, longitude ±540), else None: the map then frames what is shown."""
    match = _VIEW.fullmatch(str(text or "").strip())
    if not match:
        return None
    zoom, lat, lon = (float(g) for g in match.groups())
    return match.group(0) if zoom <= 18 and abs(lat) <= 85 and abs(lon) <= 540 else None


def state(t, shown_ids, dataset: mapdata.Dataset, selected: str = "", present: bool = False, tiles: bool = False,
          title: str = "", focus: dict | None = None, files: WebFiles | None = None, view: str | None = None,
          years: tuple[int | None, int | None] | None = None) -> dict:
    """What a rerun sends: a few kilobytes, whatever the size of the data. With
    ``files`` (the app) the map's words are named by URL and fetched once per
    language; without (the export, the site) they are inside. ``view``: the
    link's ``map=`` value; the map starts there instead of framing what is
    shown, and moves there when it is not a view the map itself wrote into the
    address (anything that is not a view is dropped). ``years``: the filter's
    founding years (from, to; None for an open end): the map draws the badges of
    the conferences held in them."""
    everything = len(shown_ids) == len(dataset.ids)
    wording = {"words_url": files.words_urls[t.lang]} if files is not None and t.lang in files.words_urls else {"strings": words(t)}
    return {"lang": t.lang, **wording, "mask": None if everything else mapdata.shown_mask(dataset.ids, shown_ids),
            "selected": selected or "", "mode": "present" if present else "normal", "tiles": bool(tiles), "title": title,
            "focus": focus or None, "view": map_view(view),
            "years": [years[0], years[1]] if years and (years[0] is not None or years[1] is not None) else None}


def component(files: WebFiles):
    import streamlit.components.v1 as components

    return components.declare_component(COMPONENT_NAME, path=str(files.root))


def show(files: WebFiles, map_state: dict, key: str, height: int, inline: mapdata.Dataset | None = None):
    """Draw (or update) the map; returns the viewer's last action, e.g.
    ``{"event": "select", "place": "de:Suhl"}``.

    ``inline``: data that must not become a file on the server (a viewer's
    upload): sent with the component's arguments as bytes instead of by URL.
    ``data_url`` then only names its version, so the browser rebuilds the map
    when it changes."""
    extra = {}
    data_url, details_url = files.data_url, files.details_url
    if inline is not None:
        data_url, details_url = f"inline:{inline.version}", ""
        extra = {"data_inline": inline.pairs, "details_inline": inline.details}
    return component(files)(data_url=data_url, details_url=details_url, basemap_url=files.basemap_url,
                            tiles_url=TILES_URL, tiles_attribution=TILES_ATTRIBUTION, state=map_state,
                            height=height, key=key, default=None, **extra)


def _json_element(element_id: str, value) -> str:
    # "<" escaped: no value can close the element or open a comment
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{element_id}">{text}</script>\n'


def _inline_leaflet_css() -> str:
    css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
    for image in sorted((LEAFLET_DIR / "images").glob("*.png")):
        css = css.replace(f"images/{image.name}", "data:image/png;base64," + base64.b64encode(image.read_bytes()).decode("ascii"))
    return css


def _script(path: Path) -> str:
    return "<script>\n" + path.read_text(encoding="utf-8").replace("</script", "<\\/script") + "\n</script>\n"


def map_config(map_state: dict) -> dict:
    """What standalone.js reads from the page's ``pm-config`` element (the export and the static site)."""
    return {"state": map_state, "tiles_url": TILES_URL, "tiles_attribution": TILES_ATTRIBUTION}


def map_page(lang: str, title: str, head: list[str], body: list[str], panel: bool = False) -> str:
    """The map's page, for the standalone export and every page of the static
    site: fixed text around the given style and script tags and JSON elements.
    ``panel`` leaves room for the site's filter panel (built by site.js)."""
    from html import escape

    return "".join([
        "<!doctype html>\n<html lang=\"", escape(lang, quote=True), "\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", escape(title), "</title>\n",
        *head, "</head>\n<body", " class=\"pm-site-page\"" if panel else "", ">\n",
        "<nav id=\"pm-site\" class=\"pm-site\"></nav>\n" if panel else "", "<div id=\"map\"></div>\n",
        *body, "</body>\n</html>\n",
    ])


def standalone_html(dataset: mapdata.Dataset, map_state: dict, outlines: dict, title: str) -> str:
    """One HTML file with everything inside: opens from a USB stick, with no
    server and no internet (map tiles only if the viewer is online and switched them on)."""
    styles = "<style>\n" + _inline_leaflet_css() + "\n" + (STATIC / "map" / "partnermap.css").read_text(encoding="utf-8") + "\n</style>\n"
    return map_page(map_state.get("lang", "de"), title, [styles], [
        _json_element("pm-data", json.loads(dataset.pairs)),
        _json_element("pm-details", json.loads(dataset.details)),
        _json_element("pm-basemap", outlines),
        _json_element("pm-config", map_config(map_state)),
        _script(LEAFLET_DIR / "leaflet.js"),
        *(_script(STATIC / "map" / name) for name in MAP_SCRIPTS),
        _script(STATIC / "map" / "standalone.js"),
    ])
