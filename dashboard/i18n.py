"""Interface text in German, Russian and English.

Every sentence the interface shows lives in ``locales/<lang>.json``; code
only names keys. Numbers and dates are formatted by Babel for the language.
"""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from geo.regions import region_name

LOCALES = Path(__file__).resolve().parent / "locales"
LANGS = ("de", "ru", "en")
DEFAULT_LANG = "de"
LANG_NAMES = {"de": "Deutsch", "ru": "Русский", "en": "English"}


@lru_cache(maxsize=None)
def messages(lang: str) -> dict[str, str]:
    with (LOCALES / f"{lang}.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def pick_lang(value: str | None) -> str:
    return value if value in LANGS else DEFAULT_LANG


class _Blank(dict):
    """Values for a locale text: a value the text names and the problem lacks is left blank, not an error."""

    def __missing__(self, key: str) -> str:
        return ""


class Translator:
    """Translates message keys (see locales/) into one language."""

    def __init__(self, lang: str):
        self.lang = pick_lang(lang)
        self._messages = messages(self.lang)

    def __call__(self, key: str, **values) -> str:
        text = self._messages[key]
        return text.format(**{k: self.number(v) if isinstance(v, int) and not isinstance(v, bool) and k != "year" else v
                              for k, v in values.items()}) if values else text

    def plural_forms(self, key: str) -> dict[str, str]:
        """A message's forms by CLDR plural category (one, few, many, other)."""
        forms = self._messages[key]
        return forms if isinstance(forms, dict) else {"other": forms}

    def plural(self, key: str, n: int, **values) -> str:
        """The form of ``key`` that the language's CLDR plural rules choose for ``n``."""
        forms = self.plural_forms(key)
        text = forms.get(Locale.parse(self.lang).plural_form(n)) or forms["other"]
        return text.format(n=self.number(n), **values)

    def problem(self, problem) -> str:
        """A problem's reason, or a reader's note, in this language.

        Takes anything with ``code`` and ``params`` (geo.problems.Problem,
        geo.problems.Note): the text of ``problem.<code>`` in the locale, its
        plural form chosen by the param ``n``, numbers written the language's
        way, a status named in the language. The English sentence (``reason``,
        or the note itself) only where the code has no text in the locale."""
        code = getattr(problem, "code", "")
        forms = self._messages.get(f"problem.{code}") if code else None
        if forms is None:
            return getattr(problem, "reason", None) or str(problem)
        params = getattr(problem, "params", None) or {}
        if isinstance(forms, dict):
            n = params.get("n")
            category = Locale.parse(self.lang).plural_form(n) if isinstance(n, (int, float)) else "other"
            forms = forms.get(category) or forms["other"]
        values = _Blank({k: self._problem_value(k, v) for k, v in params.items()})
        return forms.format_map(values)

    def _problem_value(self, key: str, value):
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, (int, float)):
            return self.number(value)
        if key == "status" and f"status.{value}" in self._messages:
            return self(f"status.{value}")
        return value

    def quote(self, text: str) -> str:
        """``text`` in the language's quotation marks."""
        left, right = {"de": ("„", "“"), "ru": ("«", "»")}.get(self.lang, ("“", "”"))
        return f"{left}{text}{right}"

    def number(self, value: int | float) -> str:
        return format_decimal(value, locale=self.lang)

    def date(self, iso: str) -> str:
        """A date (YYYY, YYYY-MM or YYYY-MM-DD) in the language's format."""
        if not iso:
            return self("unknown")
        parts = iso.split("-")
        if len(parts) == 1:
            return parts[0]
        if len(parts) == 2:
            return format_date(dt.date(int(parts[0]), int(parts[1]), 1), "LLLL yyyy", locale=self.lang)
        return format_date(dt.date(*map(int, parts)), "long", locale=self.lang)

    def region(self, code: str) -> str:
        return region_name(code, self.lang) if code else self("unknown")

    def status(self, status: str) -> str:
        return self(f"status.{status or 'unknown'}")

    def kind(self, kind: str) -> str:
        return self(f"kind.{kind}") if kind else self("unknown")

    def level(self, level: str) -> str:
        return self(f"level.{level}") if level else self("unknown")

    def place(self, row, side: str) -> str:
        """A partner's name in this language: Cyrillic in Russian, the German
        form (exonym) in German, the English form in English; falls back to
        the German form where a translation is missing."""
        get = row.get if hasattr(row, "get") else lambda k, d="": getattr(row, k, d)
        if side == "de":
            options = {"ru": get("de_name_ru", "")}.get(self.lang, "")
            return options or get("de_name", "")
        options = {"ru": get("ru_name_ru", ""), "en": get("ru_name_en", "")}.get(self.lang, "")
        return options or get("ru_name", "") or self("unknown")

    def text(self, row, base: str) -> str:
        """A free text of the data (``status_note``, ``note``, ``motto``) in this language."""
        get = row.get if hasattr(row, "get") else lambda k, d="": getattr(row, k, d)
        value = get(f"{base}_{self.lang}", "") or get(base, "")
        return "" if value is None or value != value else str(value)

    def host(self, row) -> str:
        get = row.get if hasattr(row, "get") else lambda k, d="": getattr(row, k, d)
        options = {"ru": get("host_ru", ""), "en": get("host_en", "")}.get(self.lang, "")
        return options or get("host", "")
