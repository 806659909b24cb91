"""The disk caches: a planted file never runs code, a broken or foreign one is
rebuilt, and no cache problem ever stops the data from loading - one
CacheWarning naming the path, and the value computed in memory."""
import gzip
import json
import os
import pickle
import stat
import warnings
from pathlib import Path

import pandas as pd
import pytest

from geo import basemap, cache, gazetteer, resolve
from geo.online import OnlineGeocoder

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


class Payload:
    """What an attacker would plant: unpickling it creates ``marker``."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def plant(path: Path, marker: Path) -> None:
    data = pickle.dumps(("key", Payload(marker)))
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)


def cache_warnings(record) -> list[str]:
    return [str(w.message) for w in record if issubclass(w.category, cache.CacheWarning)]


def load_gazetteer_warned():
    """Load the gazetteer afresh; returns it and the cache warnings it gave."""
    gazetteer._LOADED.clear()
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        places = gazetteer.load()
    return places, cache_warnings(record)


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    """An empty owner-only cache folder, and the gazetteer's memory cleared
    around the test (so it really goes to disk)."""
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv(cache.ENV_CACHE_DIR, str(folder))
    gazetteer._LOADED.clear()
    yield folder
    gazetteer._LOADED.clear()


@pytest.fixture
def quick(monkeypatch, geocoder):
    """Building the index and the atlas without re-parsing GeoNames: the cache
    layer is what these tests are about."""
    monkeypatch.setattr(gazetteer, "build", lambda: geocoder.gazetteer)
    monkeypatch.setattr(resolve, "default_geocoder", lambda: geocoder)
    return geocoder


# -- nothing planted ever runs ------------------------------------------------
def test_a_planted_pickle_at_every_cache_path_never_runs(private_cache, tmp_path, quick):
    marker = tmp_path / "pwned"
    atlas_name = resolve.atlas_cache_name(resolve.DATA_DIR)
    paths = [gazetteer.CACHE_NAME, atlas_name, "basemap.json.gz", "nominatim.json",
             # the names the pickle caches had, in case anything still looks there
             "gazetteer.pickle", atlas_name.replace(".json.gz", ".pickle"), "basemap.geojson"]
    for name in paths:
        plant(private_cache / name, marker)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        places = gazetteer.load()
        atlas = resolve.load_atlas()
        outlines = basemap.outlines()
        OnlineGeocoder(cache_path=private_cache / "nominatim.json")
    assert not marker.exists()
    assert len(places.places) > 10_000 and not places.from_cache
    assert atlas.partnerships["placed"].sum() > 100
    assert any(f["properties"]["iso"] == "DE" for f in outlines["features"])
    messages = cache_warnings(record)
    for name in (gazetteer.CACHE_NAME, atlas_name, "basemap.json.gz", "nominatim.json"):
        assert sum(name in m for m in messages) == 1, messages
    # rebuilt in a format that loads again, without warnings
    gazetteer._LOADED.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert gazetteer.load().from_cache
        resolve.load_atlas()
        basemap.outlines()
    assert not marker.exists()


def test_no_cache_file_is_a_pickle(private_cache, quick):
    gazetteer.load()
    resolve.load_atlas()
    for path in private_cache.iterdir():
        document = json.loads(gzip.decompress(path.read_bytes()))
        assert document["format"] == cache.FORMAT


# -- any cache error falls back to memory with one warning --------------------
def _unwritable(tmp_path: Path) -> Path:
    if IS_ROOT:  # root writes anywhere on a normal file system; /sys refuses even root
        return Path("/sys/partnermap-test-cache")
    folder = tmp_path / "readonly"
    folder.mkdir(mode=0o500)
    return folder / "cache"


@pytest.mark.parametrize("where", ["unwritable folder", "read-only HOME", "a file where the folder should be",
                                   "a folder below a file"])
def test_an_unusable_cache_folder_gives_one_warning_and_works_in_memory(where, tmp_path, monkeypatch, quick):
    if where == "unwritable folder":
        folder = _unwritable(tmp_path)
        monkeypatch.setenv(cache.ENV_CACHE_DIR, str(folder))
    elif where == "read-only HOME":
        monkeypatch.delenv(cache.ENV_CACHE_DIR, raising=False)
        home = _unwritable(tmp_path)
        monkeypatch.setenv("HOME", str(home))
        folder = home / ".cache" / "partnermap"
    elif where == "a file where the folder should be":
        folder = tmp_path / "cache"
        folder.write_text("I am a file")
        monkeypatch.setenv(cache.ENV_CACHE_DIR, str(folder))
    else:
        (tmp_path / "file").write_text("I am a file")
        folder = tmp_path / "file" / "cache"
        monkeypatch.setenv(cache.ENV_CACHE_DIR, str(folder))
    try:
        places, messages = load_gazetteer_warned()
        assert len(messages) == 1 and str(folder) in messages[0], messages
        assert len(places.places) > 10_000
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            atlas = resolve.load_atlas()
        assert len(cache_warnings(record)) == 1
        assert atlas.partnerships["placed"].sum() > 100
    finally:
        gazetteer._LOADED.clear()


@pytest.mark.parametrize("content", [b"{not json", gzip.compress(b"{not json"), gzip.compress(b'{"a": 1}'),
                                     gzip.compress(b'{"format": "partnermap-cache/1", "key": 1, "value": "x"}'), b""])
def test_a_corrupt_or_foreign_cache_file_is_rebuilt_with_one_warning(content, private_cache, quick):
    path = private_cache / gazetteer.CACHE_NAME
    path.write_bytes(content)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        places = gazetteer.load()
    messages = cache_warnings(record)
    if content.startswith(gzip.compress(b"")[:2]) and b"partnermap-cache" in gzip.decompress(content):
        assert messages == []  # ours, made for other data: silently rebuilt
    else:
        assert len(messages) == 1 and gazetteer.CACHE_NAME in messages[0]
    assert not places.from_cache and len(places.places) > 10_000
    gazetteer._LOADED.clear()
    assert gazetteer.load().from_cache


def test_a_cache_file_with_a_wrong_shape_is_rebuilt(private_cache, quick):
    gazetteer.load()
    key = json.loads(gzip.decompress((private_cache / gazetteer.CACHE_NAME).read_bytes()))["key"]
    (private_cache / gazetteer.CACHE_NAME).write_bytes(
        gzip.compress(json.dumps({"format": cache.FORMAT, "key": key, "value": {"places": 5}}).encode()))
    gazetteer._LOADED.clear()
    with pytest.warns(cache.CacheWarning, match="unexpected shape"):
        assert len(gazetteer.load().places) > 10_000


@pytest.mark.skipif(not IS_ROOT, reason="only root can give a file to another user")
def test_a_cache_file_owned_by_someone_else_is_ignored(private_cache, quick):
    gazetteer.load()
    path = private_cache / gazetteer.CACHE_NAME
    os.chown(path, 12345, -1)
    gazetteer._LOADED.clear()
    with pytest.warns(cache.CacheWarning, match="owned by uid 12345"):
        assert not gazetteer.load().from_cache
    assert path.stat().st_uid == os.getuid()  # replaced by our own


def test_a_cache_folder_writable_by_others_is_not_read(tmp_path, monkeypatch, quick):
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o777)
    monkeypatch.setenv(cache.ENV_CACHE_DIR, str(folder))
    # a well-formed file someone else could have written, claiming to be the basemap
    key = f"{basemap.VERSION}:"  # whatever the key: it must not even be looked at
    (folder / "basemap.json.gz").write_bytes(gzip.compress(json.dumps(
        {"format": cache.FORMAT, "key": key, "value": {"type": "FeatureCollection", "features": []}}).encode()))
    try:
        places, messages = load_gazetteer_warned()
        assert len(messages) == 1 and "writable by other users" in messages[0]
        assert not places.from_cache
        assert not (folder / gazetteer.CACHE_NAME).exists()  # nothing written into it either
    finally:
        gazetteer._LOADED.clear()


def test_the_cache_folder_is_created_owner_only(tmp_path, monkeypatch, quick):
    folder = tmp_path / "new" / "partnermap"
    monkeypatch.setenv(cache.ENV_CACHE_DIR, str(folder))
    gazetteer._LOADED.clear()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            gazetteer.load()
    finally:
        gazetteer._LOADED.clear()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / gazetteer.CACHE_NAME).stat().st_mode) & 0o077 == 0


def test_an_unwritable_online_cache_keeps_answers_in_memory_with_one_warning(tmp_path):
    path = _unwritable(tmp_path) / "nominatim.json"
    client = OnlineGeocoder(domain="127.0.0.1:9", scheme="http", cache_path=path, min_interval=0)
    client._answers["RU||Nowhere"] = None
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        client._writable = cache.write_json(path, client._answers)
    assert len(cache_warnings(record)) == 1 and client._writable is False


# -- the atlas survives its cache unchanged -----------------------------------
def test_the_atlas_round_trips_through_its_json_cache(private_cache, quick):
    built = resolve.build_atlas(geocoder=quick)
    resolve.load_atlas()  # writes the cache
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loaded = resolve.load_atlas()  # reads it
    for name in ("partnerships", "conferences", "towns", "status_history"):
        pd.testing.assert_frame_equal(getattr(built, name), getattr(loaded, name))
    assert loaded.problems == built.problems and loaded.updated == built.updated
    assert str(loaded.partnerships["since"].dtype) == "Int64"
    assert str(loaded.conferences["year"].dtype) == "Int64"
    assert loaded.towns["ids"].map(lambda ids: isinstance(ids, list) and ids).all()


def test_frames_with_missing_values_and_lists_round_trip():
    frame = pd.DataFrame({
        "since": pd.array([1990, None, 2001], dtype="Int64"),
        "lat": [50.1, float("nan"), 51.0],
        "name": pd.array(["Suhl", None, "Kaluga"], dtype="str"),
        "arc": [[[50.1, 10.0], [54.5, 36.2]], None, [[1.0, 2.0], [3.0, 4.0]]],
        "placed": [True, False, True],
        "count": [1, 2, 3],
    }, index=[3, 7, 9])
    restored = resolve.frame_from_json(json.loads(json.dumps(resolve.frame_to_json(frame))))
    pd.testing.assert_frame_equal(frame, restored)


def test_distances_are_the_great_circle_distances_between_the_towns(atlas):
    from geo.arcs import distance_km

    placed = atlas.partnerships[atlas.partnerships["placed"]]
    assert len(placed) > 100
    for row in placed.itertuples():
        assert abs(row.distance_km - distance_km(row.de_lat, row.de_lon, row.ru_lat, row.ru_lon)) <= 1
    assert atlas.partnerships.loc[~atlas.partnerships["placed"], "distance_km"].isna().all()
    assert "arc" not in atlas.partnerships  # arcs are drawn in the browser and made by the GeoJSON export


def test_every_placed_town_is_counted_once_per_partnership(atlas):
    p = atlas.partnerships
    for side in ("de", "ru"):
        towns = atlas.towns[atlas.towns["side"] == side]
        assert towns["count"].sum() == p[f"{side}_lat"].notna().sum()
        for town in towns.head(20).itertuples():
            rows = p[(p[f"{side}_name"] == town.name) & (p[f"{side}_lat"] == town.lat) & (p[f"{side}_lon"] == town.lon)]
            assert town.ids == list(rows["id"]) and town.count == len(rows)
