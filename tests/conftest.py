import csv
import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The tests keep their own private cache (gazetteer index, basemap, atlas), apart
# from a user's: a fresh owner-only folder per session, never a predictable path
# in /tmp that another user could have planted files in.
os.environ.setdefault("PARTNERMAP_CACHE_DIR", tempfile.mkdtemp(prefix="partnermap-test-cache-"))
os.environ.pop("PARTNERMAP_ONLINE", None)

from geo.datasets import CONFERENCE_COLUMNS, PARTNERSHIP_COLUMNS  # noqa: E402  (after the cache folder is set)

GOOD_ROW = {
    "id": "suhl-kaluga", "de_name": "Suhl", "de_region": "DE-TH", "de_name_ru": "Зуль",
    "de_name_ru_source": "transcription", "ru_name": "Kaluga", "ru_name_ru": "Калуга", "ru_name_en": "Kaluga",
    "ru_region": "RU-KLU", "level": "municipality", "kind": "partnership", "since": "1969", "status": "suspended",
    "status_date": "2022-03", "text_lang": "de", "status_note_de": "Test", "status_note_ru": "Тест",
    "status_note_en": "Test", "note_de": "", "note_ru": "", "note_en": "",
    "source": "https://de.wikipedia.org/wiki/Suhl",
}
GOOD_CONFERENCE = {
    "number": "16", "year": "2021", "start_date": "2021-06-28", "end_date": "2021-06-30", "host": "Kaluga",
    "host_ru": "Калуга", "host_en": "Kaluga", "country": "RU", "region": "RU-KLU", "co_hosts": "", "co_hosts_ru": "",
    "co_hosts_en": "", "motto_lang": "", "motto_de": "", "motto_ru": "", "motto_en": "",
    "participants_min": "350", "participants_max": "350",
    "participants_source": "https://www.deutsch-russisches-forum.de/", "source": "https://www.deutsch-russisches-forum.de/",
}


def write_csv(path: Path, rows: list[dict], columns: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return path


@pytest.fixture
def data_dir(tmp_path):
    """A data folder with one good partnership and one good conference;
    tests add their own rows."""

    def make(partnerships=None, conferences=None):
        write_csv(tmp_path / "partnerships.csv", partnerships if partnerships is not None else [GOOD_ROW], PARTNERSHIP_COLUMNS)
        write_csv(tmp_path / "conferences.csv", conferences if conferences is not None else [GOOD_CONFERENCE], CONFERENCE_COLUMNS)
        return tmp_path

    return make


@pytest.fixture(scope="session")
def geocoder():
    from geo.geocoder import Geocoder

    return Geocoder()


@pytest.fixture(scope="session")
def atlas(geocoder):
    from geo.resolve import build_atlas

    return build_atlas(geocoder=geocoder)


@pytest.fixture(scope="module")
def server():
    """The app as `streamlit run` starts it, on a free local port, for one test module's browser tests
    (skipped without Chromium, a failure on CI)."""
    from browser import require_chromium, streamlit_server

    require_chromium()
    with streamlit_server() as url:
        yield url
