"""Scoring the geocoder against names with known true positions."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .arcs import distance_km
from .geocoder import Geocoder, Match


@dataclass
class Score:
    total: int = 0
    within: int = 0
    unplaced: list[tuple[dict, Match]] = field(default_factory=list)
    misplaced: list[tuple[dict, Match, float]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.within / self.total if self.total else 0.0


def score(truth_csv: Path, geocoder: Geocoder) -> Score:
    """How many names land within their tolerance (10 km for places, 150 km
    for region names) of the true position; which are unplaced or misplaced."""
    result = Score()
    with Path(truth_csv).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            result.total += 1
            match = geocoder.resolve(row["name"], row["country"], row["region"] or None)
            if not match.placed:
                result.unplaced.append((row, match))
                continue
            km = distance_km(match.lat, match.lon, float(row["lat"]), float(row["lon"]))
            if km <= float(row["tolerance_km"]):
                result.within += 1
            else:
                result.misplaced.append((row, match, km))
    return result
