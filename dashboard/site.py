"""A static copy of the map for any web server: ``python -m dashboard.site OUT_DIR``.

One page per language (``index.html`` German, ``ru/index.html``,
``en/index.html``), each the map page of the standalone export
(:func:`dashboard.mapview.map_page`) with a filter panel beside the map
(``static/map/site.js``). The map code, Leaflet and the data are files in
``assets/`` shared by the three pages, named by their content's hash so a
server may let browsers cache them for good. The data files are scripts that
set a global (``window.PM_DATA = {...}``), not JSON: ``fetch()`` of a local
file does not work from ``file://``, a ``<script src>`` does.

The filters run in the browser: site.js computes the bit mask of the shown
pairs (as :func:`dashboard.mapdata.bit_mask` does here) and keeps the
filter in the address's hash (``#de=DE-TH&from=1990``), which works from
``file://`` too, so a link restores the view.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from html import escape
from pathlib import Path

from . import embed, filters, i18n, mapdata, mapview

ASSETS = "assets"
PAGES = {"de": "index.html", "ru": "ru/index.html", "en": "en/index.html"}
SITE_FILES = ["site.js", "site-panel.js", "site.css"]
EMBED_PAGE = "embed.html"  # at the root, beside index.html: embed.js and the snippet name it so
# the panel's words, besides the map's own (mapview.words)
PANEL_WORDS = ["app.title", "app.subtitle", "app.language", "app.count", "app.not_on_map_short", "app.unknown_year_hidden",
               "app.footer", "filters.title", "filters.search", "filters.search_placeholder", "filters.de_regions",
               "filters.ru_regions", "filters.years", "filters.kind", "filters.status", "filters.level", "filters.all",
               "filters.tiles", "filters.tiles_help", "present.all", "filters.active", "filters.remove", "search.none",
               "search.closest", *embed.BOX_WORDS]


class SiteError(Exception):
    """The site cannot be written where asked."""


def _json_bytes(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _global_script(name: str, data: bytes) -> bytes:
    """A script that sets ``window[name]`` to the JSON ``data`` (JSON is a JavaScript expression)."""
    return b"window." + name.encode("ascii") + b" = " + data + b";\n"


class _Assets:
    """Files under OUT_DIR/assets, named by content hash; remembers what it wrote."""

    def __init__(self, out: Path):
        self.out = out
        self.written: set[Path] = set()

    def put(self, folder: str, name: str, data: bytes, hashed: bool = True) -> str:
        if hashed:
            stem, _, ext = name.rpartition(".")
            name = f"{stem}-{hashlib.sha256(data).hexdigest()[:12]}.{ext}"
        path = self.out / ASSETS / folder / name
        mapview._put(path, data)
        self.written.add(path)
        return f"{ASSETS}/{folder}/{name}"

    def remove_stale(self) -> None:
        """Files of an earlier build that this one no longer uses (only inside assets/, which is ours)."""
        root = self.out / ASSETS
        for path in sorted(root.rglob("*"), reverse=True):
            if path.is_file() and path not in self.written:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def search_index(atlas, dataset: mapdata.Dataset) -> dict:
    """What site.js needs to filter as :func:`dashboard.filters.apply` does,
    beyond the map's data: each pair's regions (indices into ``regions``) and
    the words the search looks in, built by the dashboard's own search code
    (``filters._tokens``, ``filters.region_tokens``) so the browser finds
    exactly what the dashboard finds.

    A pair's words are those of its German side, its Russian side and its two
    regions; each is a group of indices into ``words`` (``groups``), shared by
    every pair with the same names (about 60 bytes a pair at 20,000 pairs).
    """
    frame = atlas.partnerships
    vocabulary: dict[str, int] = {}
    groups: list[list[int]] = []
    group_index: dict[frozenset, int] = {}

    def group(tokens: frozenset) -> int:
        if tokens not in group_index:
            group_index[tokens] = len(groups)
            groups.append(sorted(vocabulary.setdefault(t, len(vocabulary)) for t in tokens))
        return group_index[tokens]

    regions: list[str] = []
    region_index: dict[str, int] = {}

    def region(code) -> int:
        code = code if isinstance(code, str) else ""
        if code not in region_index:
            region_index[code] = len(regions)
            regions.append(code)
        return region_index[code]

    def text(column: str) -> list[str]:
        return frame[column].fillna("").astype(str).tolist() if column in frame else [""] * len(frame)

    sides: dict[tuple, int] = {}

    def side(values: tuple) -> int:
        if values not in sides:
            sides[values] = group(frozenset().union(*(filters._tokens(v) for v in values)))
        return sides[values]

    de, ru, de_words, ru_words = [], [], [], []
    for de_name, de_name_ru, ru_name, ru_name_ru, ru_name_en, de_region, ru_region in zip(
            *(text(c) for c in (*filters.NAME_COLUMNS, "de_region", "ru_region"))):
        de.append(region(de_region))
        ru.append(region(ru_region))
        de_words.append(side((de_name, de_name_ru)))
        ru_words.append(side((ru_name, ru_name_ru, ru_name_en)))
    region_words = [group(filters.region_tokens(code)) for code in regions]
    return {"regions": regions, "de": de, "ru": ru, "words": sorted(vocabulary, key=vocabulary.get), "groups": groups,
            "de_words": de_words, "ru_words": ru_words, "region_words": region_words}


def panel(t, atlas, page: str) -> dict:
    """The filter panel's words and choices in one language (``pm-site-config`` element)."""
    frame = atlas.partnerships
    low, high = filters.year_bounds(frame)
    up = "../" * page.count("/")
    words = {key: t(key) if key != "app.count" else t._messages[key] for key in PANEL_WORDS}
    for level in mapdata.LEVELS:
        words[f"level.{level}"] = t(f"level.{level}")
    codes = {side: sorted({c for c in frame[f"{side}_region"].dropna() if c}, key=t.region) for side in mapdata.SIDES}
    return {
        "lang": t.lang,
        "words": words,
        "updated": t("app.updated", date=t.date(atlas.updated)) if atlas.updated else "",
        "langs": [{"code": code, "name": i18n.LANG_NAMES[code], "href": up + PAGES[code]} for code in i18n.LANGS],
        "quote": t.quote("\0").split("\0"),
        "embed": up + EMBED_PAGE,  # the snippet's page, beside the German index.html
        "regions": {side: [[code, t.region(code)] for code in codes[side]] for side in mapdata.SIDES},
        "years": [low, high],
        "statuses": mapdata.STATUSES, "kinds": mapdata.KINDS, "levels": mapdata.LEVELS,
    }


def _check_out_dir(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out}: not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / ASSETS).is_dir() and not force:
        raise SiteError(f"{out}: the folder is not empty and holds no earlier site; "
                        "give a new or empty folder, or add --force")


def build(atlas, out: Path, outlines: dict, force: bool = False) -> list[Path]:
    """Write the site into ``out``; returns the pages written."""
    out = Path(out)
    _check_out_dir(out, force)
    dataset = mapdata.dataset(atlas)
    assets = _Assets(out)
    leaflet = {name: assets.put("leaflet", name, (mapview.LEAFLET_DIR / name).read_bytes(), hashed=False)
               for name in mapview.LEAFLET_FILES if name.startswith("images/")}
    leaflet["leaflet.css"] = assets.put("leaflet", "leaflet.css", (mapview.LEAFLET_DIR / "leaflet.css").read_bytes())
    leaflet["leaflet.js"] = assets.put("leaflet", "leaflet.js", (mapview.LEAFLET_DIR / "leaflet.js").read_bytes())
    code = {name: assets.put("map", name, (mapview.STATIC / "map" / name).read_bytes())
            for name in [*mapview.MAP_SCRIPTS, "partnermap.css", "standalone.js", *SITE_FILES, "embed.css"]}
    version = dataset.version
    # the popups' texts are loaded once the map is drawn (10 MB at 20,000 pairs)
    details = assets.put("data", f"details-{version}.js", _global_script("PM_DETAILS", dataset.details), hashed=False)
    data = [
        assets.put("data", f"pairs-{version}.js", _global_script("PM_DATA", dataset.pairs), hashed=False),
        assets.put("data", "basemap.js", _global_script("PM_BASEMAP", _json_bytes(outlines))),
        assets.put("data", "search.js", _global_script("PM_SITE_INDEX", _json_bytes(search_index(atlas, dataset)))),
    ]
    pages = []
    for lang, page in PAGES.items():
        t = i18n.Translator(lang)
        up = "../" * page.count("/")
        head = [f'<link rel="stylesheet" href="{escape(up + href)}">\n'
                for href in (leaflet["leaflet.css"], code["partnermap.css"], code["site.css"])]
        head += [f'<link rel="alternate" hreflang="{other}" href="{escape(up + PAGES[other])}">\n' for other in PAGES]
        state = mapview.state(t, dataset.ids, dataset, tiles=True)
        body = [mapview._json_element("pm-config", {**mapview.map_config(state), "details_script": up + details}),
                mapview._json_element("pm-site-config", panel(t, atlas, page))]
        body += [f'<script src="{escape(up + src)}"></script>\n'
                 for src in [*data, leaflet["leaflet.js"], *(code[name] for name in mapview.MAP_SCRIPTS), code["site.js"],
                             code["site-panel.js"], code["standalone.js"]]]
        path = out / page
        path.parent.mkdir(parents=True, exist_ok=True)
        mapview._put(path, mapview.map_page(lang, t("app.title"), head, body, panel=True).encode("utf-8"))
        pages.append(path)
    pages.append(_embed_page(out, leaflet, code, data[:2], details))
    assets.remove_stale()
    publish(out, [*pages, *assets.written])
    return pages


def _embed_page(out: Path, leaflet: dict, code: dict, data: list[str], details: str) -> Path:
    """embed.html at the site's root: one place and its partners for another website's <iframe>
    (dashboard.embed); the data as the pages load it, the map's words of all three languages inside."""
    head = [f'<link rel="stylesheet" href="{escape(href)}">\n'
            for href in (leaflet["leaflet.css"], code["partnermap.css"], code["embed.css"])]
    strings = {lang: mapview.words(i18n.Translator(lang)) for lang in i18n.LANGS}
    settings = embed.config({lang: PAGES[lang] + "#town={town}" for lang in i18n.LANGS}, strings=strings,
                            details_script=details, tiles_url=mapview.TILES_URL,
                            tiles_attribution=mapview.TILES_ATTRIBUTION)
    body = [mapview._json_element("pm-embed-config", settings)]
    body += [f'<script src="{escape(src)}"></script>\n'
             for src in [*data, leaflet["leaflet.js"], *(code[name] for name in mapview.MAP_SCRIPTS)]]
    path = out / EMBED_PAGE
    mapview._put(path, embed.page(head, body).encode("utf-8"))
    return path


def publish(out: Path, files: list[Path]) -> None:
    """Make what the build wrote readable by a web server's own user (nginx
    workers run as www-data or nobody): files 0644, folders 0755, whatever the
    umask. The writes themselves go through owner-only temporary files."""
    out = Path(out)
    folders = {out}
    for path in files:
        path.chmod(0o644)
        folders.update(parent for parent in path.parents if parent == out or out in parent.parents)
    for folder in folders:
        folder.chmod(0o755)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.site", description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="a new or empty folder, or one holding an earlier site")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the data folder (default: $PARTNERMAP_DATA_DIR, else data/)")
    parser.add_argument("--force", action="store_true", help="write into a folder that holds other files")
    args = parser.parse_args(argv)
    from geo import basemap
    from geo.resolve import load_atlas

    try:
        _check_out_dir(args.out_dir, args.force)
        atlas = load_atlas(args.data_dir)
        pages = build(atlas, args.out_dir, basemap.outlines(), force=args.force)
    except (SiteError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    placed = int(atlas.partnerships["placed"].sum())
    print(f"{len(atlas.partnerships)} partnerships ({placed} on the map) → {args.out_dir}")
    for path in pages:
        print(f"  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
