import json
import re
import string
from pathlib import Path

from dashboard.i18n import LANGS, LOCALES, Translator

APP_SOURCES = [p for p in (Path(__file__).resolve().parent.parent / "dashboard").glob("*.py")]


def fields(text):
    return sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)


def test_every_language_has_every_key_with_the_same_placeholders():
    catalogs = {lang: json.loads((LOCALES / f"{lang}.json").read_text(encoding="utf-8")) for lang in LANGS}
    keys = set(catalogs["de"])
    for lang, catalog in catalogs.items():
        assert set(catalog) == keys, (lang, set(catalog) ^ keys)
        for key in keys:
            value, german = catalog[key], catalogs["de"][key]
            if isinstance(german, dict):  # plural forms: "other" always, every form with the same placeholders
                assert isinstance(value, dict) and "other" in value, (lang, key)
                for form in value.values():
                    assert fields(form) == fields(german["other"]) and form.strip(), (lang, key, form)
                continue
            assert fields(value) == fields(german), (lang, key)
            assert value.strip(), (lang, key)


def test_every_key_used_in_the_code_exists():
    catalog = json.loads((LOCALES / "de.json").read_text(encoding="utf-8"))
    used = set()
    for path in APP_SOURCES:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.]+)["']""", path.read_text(encoding="utf-8")))
    assert used and used <= set(catalog), used - set(catalog)


def test_numbers_and_dates_follow_the_language():
    assert Translator("de").number(1234) == "1.234"
    assert Translator("en").number(1234) == "1,234"
    assert Translator("ru").number(1234).replace("\xa0", " ") == "1 234"
    assert Translator("de").date("2021-06-28") == "28. Juni 2021"
    assert Translator("ru").date("2021-06-28").startswith("28 июня 2021")


def test_region_names_in_three_languages():
    assert Translator("de").region("RU-KLU") == "Oblast Kaluga"
    assert Translator("ru").region("RU-KLU") == "Калужская область"
    assert Translator("en").region("DE-BY") == "Bavaria"
