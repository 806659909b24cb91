"""The counts every view reports, defined once.

- **pairs**: rows of ``partnerships.csv`` (links and proposals alike);
- **shown**: the pairs a view's filter keeps (the caller passes that frame);
- **arcs**: pairs with both ends placed, drawn as an arc;
- **one-sided proposals**: proposals placed at their one place only (no named
  or no placeable partner), drawn as that place;
- **on the map**: arcs + one-sided proposals;
- **not on the map**: every other pair (a partner that cannot be placed).

The headline, the map's timeline, the statistics, the tabs, ``python -m geo
validate`` and ``python -m geo export`` all take their numbers from here.

The status of a pair in a year follows data/README.md: its latest
``status_history.csv`` row dated that year or earlier; without one it is
``active`` from ``since`` on (``proposed`` for proposals). A pair without any
history row whose status is neither ``active`` nor ``proposed`` has held it
since ``status_date`` (or, without a date, throughout). The map's timeline
uses the same rule (dashboard.mapdata.status_history and partnermap.js).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

STATUSES = ("active", "suspended", "ended", "proposed", "unknown")


@dataclass(frozen=True)
class Counts:
    """How many pairs there are, and how many of them the map shows."""

    pairs: int
    arcs: int
    one_sided: int
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def on_map(self) -> int:
        return self.arcs + self.one_sided

    @property
    def not_on_map(self) -> int:
        return self.pairs - self.on_map

    def sentence(self) -> str:
        """The counts in one English sentence, for the command line."""
        proposals = "one-sided proposal at its" if self.one_sided == 1 else "one-sided proposals at their"
        return (f"{self.pairs} partnerships: {self.on_map} on the map ({self.arcs} as arcs, "
                f"{self.one_sided} {proposals} one place), {self.not_on_map} not on the map")


def on_map_mask(frame: pd.DataFrame) -> pd.Series:
    """Which rows the map shows: an arc, or a proposal's one place."""
    if frame.empty:
        return pd.Series([], dtype=bool, index=frame.index)
    return frame["placed"].astype(bool) | frame["single"].astype(bool)


def count(frame: pd.DataFrame) -> Counts:
    """The counts of ``frame`` (all partnerships of an atlas, or the shown ones)."""
    if frame.empty:
        return Counts(0, 0, 0, {s: 0 for s in STATUSES})
    arcs = int(frame["placed"].astype(bool).sum())
    one_sided = int((frame["single"].astype(bool) & ~frame["placed"].astype(bool)).sum())
    statuses = frame["status"].value_counts()
    return Counts(pairs=len(frame), arcs=arcs, one_sided=one_sided,
                  by_status={s: int(statuses.get(s, 0)) for s in STATUSES})


def not_on_map(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows the map cannot show."""
    return frame[~on_map_mask(frame)]


def conferences_on_map(conferences: pd.DataFrame) -> int:
    """Conferences with a placed host (the others are listed, not drawn)."""
    if conferences.empty:
        return 0
    return int((conferences["lat"].notna() & conferences["lon"].notna()).sum())


# -- status in any year --------------------------------------------------------
def _year(value) -> int | None:
    text = "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)
    return int(text[:4]) if text[:4].isdigit() else None


def status_changes(frame: pd.DataFrame, history: pd.DataFrame | None) -> dict[str, list[tuple[int, str]]]:
    """Per pair id, its dated status changes as (year, status), oldest first."""
    out: dict[str, list[tuple[int, str]]] = {}
    if history is not None and not history.empty:
        for row in history.sort_values("date", kind="stable").to_dict("records"):
            year = _year(row.get("date"))
            if year is not None and row.get("status") in STATUSES:
                out.setdefault(row["id"], []).append((year, row["status"]))
    for row in frame[["id", "status", "status_date"]].to_dict("records"):
        if row["id"] not in out and row["status"] not in ("active", "proposed"):
            year = _year(row["status_date"])
            if year is not None:
                out[row["id"]] = [(year, row["status"])]
    return out


def status_in_year(row: dict, changes: list[tuple[int, str]] | None, year: int) -> str | None:
    """The status of one pair in ``year``; None before it was founded.

    A pair without a known founding year counts as existing in every year
    asked for (it exists today; only its start is not known)."""
    since = row.get("since")
    if since is not None and since is not pd.NA and not (isinstance(since, float) and since != since) and int(since) > year:
        return None
    if not changes:
        return row["status"]
    current = "proposed" if row["status"] == "proposed" else "active"
    for change_year, status in changes:
        if change_year <= year:
            current = status
    return current


def status_by_year(frame: pd.DataFrame, history: pd.DataFrame | None, years) -> pd.DataFrame:
    """How many pairs of ``frame`` had each status in each of ``years``: columns year, status, count."""
    changes = status_changes(frame, history)
    rows = frame[["id", "since", "status"]].to_dict("records")
    out = []
    for year in years:
        tally: dict[str, int] = {}
        for row in rows:
            status = status_in_year(row, changes.get(row["id"]), year)
            if status is not None:
                tally[status] = tally.get(status, 0) + 1
        out += [{"year": year, "status": s, "count": tally[s]} for s in STATUSES if tally.get(s)]
    return pd.DataFrame(out, columns=["year", "status", "count"])


def suspension_start(frame: pd.DataFrame, history: pd.DataFrame | None) -> dict[str, int]:
    """Per id of a pair suspended today, the year its current suspension began."""
    changes = status_changes(frame, history)
    out = {}
    for pid in frame.loc[frame["status"] == "suspended", "id"]:
        start = None
        for year, status in changes.get(pid, []):
            if status == "suspended":
                start = year if start is None else start
            else:
                start = None
        if start is not None:
            out[pid] = start
    return out
