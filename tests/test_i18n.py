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


def test_plural_forms_for_1_2_5_21_in_each_language():
    expected = {
        "de": ["1 Partnerschaft", "2 Partnerschaften", "5 Partnerschaften", "21 Partnerschaften"],
        "ru": ["1 партнёрство", "2 партнёрства", "5 партнёрств", "21 партнёрство"],
        "en": ["1 partnership", "2 partnerships", "5 partnerships", "21 partnerships"],
    }
    for lang, forms in expected.items():
        assert [Translator(lang).plural("n.partnerships", n) for n in (1, 2, 5, 21)] == forms, lang
    ru = Translator("ru")
    assert [ru.plural("stats.of_shown", n) for n in (1, 2, 5, 21)] == [
        "из 1 показанного партнёрства", "из 2 показанных партнёрств", "из 5 показанных партнёрств",
        "из 21 показанного партнёрства"]
    assert Translator("de").plural("stats.of_shown", 1) == "von 1 gezeigten Partnerschaft"
    assert Translator("en").plural("app.one_sided", 1) == "1 of them a proposal with one place only"


def test_years_read_naturally():
    assert Translator("de")("map.since", year="1988") == "seit 1988"
    assert Translator("ru")("map.since", year="1988") == "с 1988 г."
    assert Translator("en")("map.since", year="1988") == "since 1988"
    for lang in ("de", "ru", "en"):  # no "seit: 1988" left in the catalogue
        catalog = json.loads((LOCALES / f"{lang}.json").read_text(encoding="utf-8"))
        assert not any(re.search(r"(seit|с|since):\s*\{year\}", v) for v in catalog.values() if isinstance(v, str)), lang


# keys whose wording another test pins down; reported, not yet in label style
KNOWN_PLURAL_GAPS: set[str] = set()
# counts that are never 1: an upload limit, or a count above it
ALWAYS_MANY = {"upload.help", "upload.too_many_rows"}


def test_a_count_before_a_plural_noun_goes_through_plural_rules():
    """"1 Partnerschaften" was the bug: a number straight before a plural noun needs CLDR forms
    (t.plural); a count after a colon or in parentheses reads right in every form."""
    plural_nouns = r"(?:Partnerschaften|Regionen|Zeilen|Orte|partnerships|regions|rows|places|партнёрств|регионов|строк)"
    for lang in ("de", "ru", "en"):
        catalog = json.loads((LOCALES / f"{lang}.json").read_text(encoding="utf-8"))
        for key, value in catalog.items():
            if isinstance(value, dict) or key in KNOWN_PLURAL_GAPS | ALWAYS_MANY:
                continue
            # "of {total} partnerships" / "von {total} Partnerschaften": the noun follows "of N", plural for any N
            bare = re.sub(r"(?:\bof|\bvon|\bиз) \{\w+\}", "", value)
            assert not re.search(r"\{\w+\} " + plural_nouns + r"\b", bare), (lang, key, value)
