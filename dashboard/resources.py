"""What every session of the app shares: the curated data, the country
outlines and the map component's files, each built once per process
(``st.cache_resource``) and then taken out of the garbage collector's sight."""
from __future__ import annotations

import ctypes
import gc
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from geo import basemap
from geo.resolve import Atlas, default_data_dir, load_atlas as load_atlas_from_disk

from . import mapdata, mapview


@st.cache_resource(show_spinner=False)
def load_atlas(data_dir: str) -> Atlas:
    return load_atlas_from_disk(Path(data_dir))


@st.cache_resource(show_spinner=False)
def load_outlines() -> dict:
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


@dataclass(frozen=True)
class Curated:
    """The curated data as the map and the tables get it."""

    data_dir: str
    atlas: Atlas
    dataset: mapdata.Dataset
    files: mapview.WebFiles


def curated() -> Curated:
    """The curated data (``data/`` or ``PARTNERMAP_DATA_DIR``), loaded once per process."""
    data_dir = str(default_data_dir())
    found = Curated(data_dir, load_atlas(data_dir), map_dataset(data_dir), web_files(data_dir))
    settle_heap(data_dir)
    return found
