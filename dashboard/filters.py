"""What the viewer chose, as one value: read from and written to the URL's
query string, and applied to the partnerships table."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from geo import names
from geo.datasets import KINDS, LEVELS, STATUSES
from geo.regions import is_region_code


def _many(params: Mapping, key: str) -> list[str]:
    value = params.get(key)
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        value = ",".join(value)
    return [v.strip() for v in str(value).split(",") if v.strip()]


def _year(params: Mapping, key: str) -> int | None:
    value = params.get(key)
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    try:
        return int(str(value)) if value not in (None, "") else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Filter:
    de_regions: tuple[str, ...] = ()
    ru_regions: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    query: str = ""
    town: str = ""
    ignored: tuple[str, ...] = field(default=(), compare=False)  # query values we could not use

    @classmethod
    def from_query(cls, params: Mapping) -> "Filter":
        """Read a filter from query parameters; unknown values are set aside, not fatal."""
        ignored: list[str] = []

        def pick(key: str, ok) -> tuple[str, ...]:
            good = []
            for value in _many(params, key):
                (good if ok(value) else ignored).append(value if ok(value) else f"{key}={value}")
            return tuple(dict.fromkeys(good))

        return cls(
            de_regions=pick("de", lambda v: is_region_code(v, "DE")),
            ru_regions=pick("ru", lambda v: is_region_code(v, "RU")),
            year_from=_year(params, "from"),
            year_to=_year(params, "to"),
            kinds=pick("kind", lambda v: v in KINDS),
            statuses=pick("status", lambda v: v in STATUSES),
            levels=pick("level", lambda v: v in LEVELS),
            query=str(params.get("q", "") or "").strip()[:100],
            town=str(params.get("town", "") or "").strip()[:200],
            ignored=tuple(ignored),
        )

    def to_query(self) -> dict[str, str]:
        """Only what differs from the default, so that links stay short."""
        out = {
            "de": ",".join(self.de_regions),
            "ru": ",".join(self.ru_regions),
            "from": "" if self.year_from is None else str(self.year_from),
            "to": "" if self.year_to is None else str(self.year_to),
            "kind": ",".join(self.kinds),
            "status": ",".join(self.statuses),
            "level": ",".join(self.levels),
            "q": self.query,
            "town": self.town,
        }
        return {k: v for k, v in out.items() if v}

    def with_town(self, town: str) -> "Filter":
        return replace(self, town=town)

    @property
    def is_default(self) -> bool:
        return not any(self.to_query().get(k) for k in ("de", "ru", "from", "to", "kind", "status", "level", "q"))


def year_bounds(frame: pd.DataFrame) -> tuple[int, int]:
    years = frame["since"].dropna()
    if years.empty:
        return 1950, pd.Timestamp.today().year
    return int(years.min()), max(int(years.max()), 2022)


def apply(frame: pd.DataFrame, chosen: Filter) -> pd.DataFrame:
    """The rows ``chosen`` lets through.

    A row with no known founding year is shown while the year range is the
    full range, and hidden once the viewer narrows it.
    """
    mask = pd.Series(True, index=frame.index)
    if chosen.de_regions:
        mask &= frame["de_region"].isin(chosen.de_regions)
    if chosen.ru_regions:
        mask &= frame["ru_region"].isin(chosen.ru_regions)
    low, high = year_bounds(frame)
    year_from = chosen.year_from if chosen.year_from is not None else low
    year_to = chosen.year_to if chosen.year_to is not None else high
    if year_from > low or year_to < high:
        since = frame["since"]
        mask &= since.notna() & (since.fillna(0) >= year_from) & (since.fillna(0) <= year_to)
    if chosen.kinds:
        mask &= frame["kind"].isin(chosen.kinds)
    if chosen.statuses:
        mask &= frame["status"].isin(chosen.statuses)
    if chosen.levels:
        mask &= frame["level"].isin(chosen.levels)
    if chosen.query:
        needle = names.fold(chosen.query)
        if needle:
            haystack = frame[["de_name", "de_name_ru", "ru_name", "ru_name_ru", "ru_name_en"]].fillna("").agg(" ".join, axis=1)
            mask &= haystack.map(lambda text: needle in names.fold(text))
    return frame[mask]


def describe(chosen: Filter, t) -> str:
    """The filter in words, for the title line of the presentation mode."""
    parts = []
    regions = [t.region(c) for c in chosen.de_regions + chosen.ru_regions]
    if regions:
        parts.append(", ".join(regions))
    if chosen.year_from is not None or chosen.year_to is not None:
        parts.append(f"{chosen.year_from or '…'}–{chosen.year_to or '…'}")
    if chosen.kinds:
        parts.append(", ".join(t.kind(k) for k in chosen.kinds))
    if chosen.statuses:
        parts.append(", ".join(t.status(s) for s in chosen.statuses))
    if chosen.levels:
        parts.append(", ".join(t.level(v) for v in chosen.levels))
    if chosen.query:
        parts.append(t.quote(chosen.query))
    return " · ".join(parts) if parts else t("present.all")
