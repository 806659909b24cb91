"""Leaflet, served by the app itself.

The ``django-js-lib-leaflet`` package (installed from requirements.txt) ships
Leaflet 1.9.4. Streamlit serves files under ``dashboard/static/`` at
``/app/static/``; on start the Leaflet files are copied there from the
installed package, so that the map never needs a CDN.
"""
from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import js_lib_leaflet

STATIC_DIR = Path(__file__).resolve().parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor" / "leaflet"
PACKAGE_DIR = Path(js_lib_leaflet.__file__).resolve().parent / "static" / "js_lib_leaflet"
FILES = ["leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png", "images/marker-icon.png",
         "images/marker-icon-2x.png", "images/marker-shadow.png"]
URL_PREFIX = "/app/static/vendor/leaflet"


def install_leaflet() -> Path:
    """Copy Leaflet into the static folder where it is missing or different."""
    for name in FILES:
        source, target = PACKAGE_DIR / name, VENDOR_DIR / name
        if not target.exists() or not filecmp.cmp(source, target, shallow=False):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return VENDOR_DIR


BASEMAP_FILE = VENDOR_DIR.parent / "basemap.geojson"


def install_basemap(outlines: dict) -> str:
    """Write the country outlines where the app serves them; returns their URL."""
    import json

    data = json.dumps(outlines, separators=(",", ":")).encode("utf-8")
    if not BASEMAP_FILE.exists() or BASEMAP_FILE.read_bytes() != data:
        BASEMAP_FILE.parent.mkdir(parents=True, exist_ok=True)
        BASEMAP_FILE.write_bytes(data)
    return basemap_url()


def basemap_url() -> str:
    return URL_PREFIX.rsplit("/", 1)[0] + "/basemap.geojson"


def leaflet_js_url() -> str:
    return f"{URL_PREFIX}/leaflet.js"


def leaflet_css_url() -> str:
    return f"{URL_PREFIX}/leaflet.css"
