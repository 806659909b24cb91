"""The map for another website: ``embed.html#town=<key>&lang=<de|ru|en>``, one
place with its partners in a fixed-size ``<iframe>`` (browser code:
``static/map/embed.js``, which also writes the snippet to copy).

The same fixed-text page is written twice: at the static site's root
(:func:`dashboard.site.build`, data as the site's scripts) and into the app's
component folder (:func:`dashboard.mapview.install`, data fetched from the
files named in its config), so the app serves it at its component URL. What
differs goes into the page's ``pm-embed-config`` JSON element (``<``
escaped), never into markup.
"""
from __future__ import annotations

from html import escape

from . import i18n

PAGE_WORDS = {"title": "app.title", "frame_title": "embed.frame_title", "wheel": "embed.wheel",
              "wheel_mac": "embed.wheel_mac", "touch": "embed.touch", "full_map": "embed.full_map",
              "unknown": "embed.unknown", "failed": "map.map.failed"}
# the site's panel: the box with the snippet
BOX_WORDS = ["embed.box", "embed.box_help", "embed.copy", "embed.copied", "embed.frame_title"]


def words() -> dict[str, dict[str, str]]:
    """The embedded page's own words in every language (the hash chooses one)."""
    return {lang: {name: i18n.Translator(lang)(key) for name, key in PAGE_WORDS.items()} for lang in i18n.LANGS}


def config(full_map: dict[str, str], **values) -> dict:
    """The ``pm-embed-config`` element: the words, where the full map is per language
    (``{town}`` stands for the place's key) and how the data comes (see embed.js ``load``)."""
    return {"lang": i18n.LANGS[0], "words": words(), "full_map": full_map, **values}


def page(head: list[str], body: list[str]) -> str:
    """embed.html: fixed text around the given style tags, the config element and the scripts."""
    t = i18n.Translator(i18n.LANGS[0])
    return "".join([
        "<!doctype html>\n<html lang=\"", i18n.LANGS[0], "\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", escape(t("app.title")),
        "</title>\n", *head, "</head>\n<body class=\"pm-embed-page\">\n<div id=\"map\"></div>\n", *body,
        "</body>\n</html>\n",
    ])
