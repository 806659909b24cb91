"""The optional Nominatim fallback, against a fake server on 127.0.0.1."""
import json
import threading
import time
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from geo import cache
from geo.geocoder import Geocoder
from geo.online import USER_AGENT, OnlineGeocoder, enabled


class FakeNominatim(BaseHTTPRequestHandler):
    hits: list = []
    delay = 0.0

    def do_GET(self):  # noqa: N802 (http.server's naming)
        query = parse_qs(urlparse(self.path).query)
        type(self).hits.append((time.monotonic(), query, self.headers.get("User-Agent")))
        time.sleep(type(self).delay)
        name = query.get("q", [""])[0]
        body = []
        if name == "Innopolis":
            body = [{"lat": "55.7520", "lon": "48.7440", "display_name": "Innopolis, Tatarstan, Russia",
                     "place_id": 1, "osm_type": "node", "osm_id": 1, "boundingbox": ["55.7", "55.8", "48.7", "48.8"]}]
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake():
    FakeNominatim.hits, FakeNominatim.delay = [], 0.0
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def online(fake, tmp_path, **kwargs):
    return OnlineGeocoder(domain=fake, scheme="http", cache_path=tmp_path / "nominatim.json", **kwargs)


def test_a_name_geonames_lacks_is_found_online_and_asked_once(fake, tmp_path, geocoder):
    client = online(fake, tmp_path, min_interval=0.0)
    with_online = Geocoder(geocoder.gazetteer, online=client)
    match = with_online.resolve("Innopolis", "RU", "RU-TA")
    assert match.method == "online" and abs(match.lat - 55.752) < 1e-6 and "check" in match.note
    assert FakeNominatim.hits[0][2] == USER_AGENT
    assert FakeNominatim.hits[0][1]["countrycodes"] == ["ru"]
    again = Geocoder(geocoder.gazetteer, online=online(fake, tmp_path)).resolve("Innopolis", "RU", "RU-TA")
    assert again.placed and len(FakeNominatim.hits) == 1  # from the disk cache
    stored = json.loads((tmp_path / "nominatim.json").read_text(encoding="utf-8"))
    assert stored["RU|RU-TA|Innopolis"]["lat"] == 55.752


def test_offline_matches_never_ask_the_server(fake, tmp_path, geocoder):
    match = Geocoder(geocoder.gazetteer, online=online(fake, tmp_path)).resolve("Kaluga", "RU", "RU-KLU")
    assert match.method == "exact" and FakeNominatim.hits == []


def test_at_most_one_request_per_second(fake, tmp_path):
    client = online(fake, tmp_path, min_interval=1.0)
    client.geocode("Nowhere-1", "RU")
    client.geocode("Nowhere-2", "RU")
    assert len(FakeNominatim.hits) == 2
    assert FakeNominatim.hits[1][0] - FakeNominatim.hits[0][0] >= 0.95


def test_timeout_falls_back_to_offline(fake, tmp_path, geocoder):
    FakeNominatim.delay = 1.0
    client = online(fake, tmp_path, timeout=0.2, min_interval=0.0)
    with pytest.warns(UserWarning, match="online geocoder unavailable"):
        match = Geocoder(geocoder.gazetteer, online=client).resolve("Nirgendwograd", "RU", "RU-KLU")
    assert not match.placed and "no place named" in match.note
    assert not (tmp_path / "nominatim.json").exists()  # a failure is not cached


def test_unreachable_server_falls_back_to_offline(tmp_path, geocoder):
    client = OnlineGeocoder(domain="127.0.0.1:9", scheme="http", timeout=0.5, cache_path=tmp_path / "n.json", min_interval=0)
    with pytest.warns(UserWarning):
        assert Geocoder(geocoder.gazetteer, online=client).resolve("Nirgendwograd", "RU").placed is False


def test_broken_cache_file_is_reported_and_replaced(fake, tmp_path):
    (tmp_path / "nominatim.json").write_text("{not json", encoding="utf-8")
    with pytest.warns(cache.CacheWarning, match="nominatim.json"):
        client = online(fake, tmp_path, min_interval=0.0)
    assert client.geocode("Innopolis", "RU") is not None
    assert json.loads((tmp_path / "nominatim.json").read_text(encoding="utf-8"))


def test_switched_off_by_default(monkeypatch):
    monkeypatch.delenv("PARTNERMAP_ONLINE", raising=False)
    assert not enabled()
    monkeypatch.setenv("PARTNERMAP_ONLINE", "1")
    assert enabled()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
