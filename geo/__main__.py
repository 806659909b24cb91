"""Maintainers' command line: ``python -m geo validate | geocode | export | benchmark``."""
from __future__ import annotations

import argparse
import csv
import sys
import time
import warnings
from pathlib import Path

from .regions import DATA_DIR


def _validate(args: argparse.Namespace) -> int:
    from .resolve import build_atlas

    atlas = build_atlas(Path(args.data_dir))
    problems = sorted(atlas.problems, key=lambda p: (p.file, p.line or 0, p.severity))
    for problem in problems:
        print(problem)
    errors = [p for p in problems if p.severity == "error"]
    warnings_ = len(problems) - len(errors)
    placed = int(atlas.partnerships["placed"].sum())
    print(f"{len(atlas.partnerships)} partnerships ({placed} placed), {len(atlas.conferences)} conferences: "
          f"{len(errors)} errors, {warnings_} warnings", file=sys.stderr)
    if args.strict and warnings_:
        return 1
    return 1 if errors else 0


def _geocode(args: argparse.Namespace) -> int:
    from .geocoder import Geocoder

    online = None
    if args.online:
        from .online import OnlineGeocoder

        online = OnlineGeocoder()
    geocoder = Geocoder(online=online)
    out_fields = ["lat", "lon", "matched_name", "geonameid", "method", "score", "note"]
    with open(args.input, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"name", "country"} - set(reader.fieldnames or [])
        if missing:
            print(f"{args.input}:1: missing column(s): {', '.join(sorted(missing))}", file=sys.stderr)
            return 2
        rows = list(reader)
        fields = list(reader.fieldnames) + [f for f in out_fields if f not in reader.fieldnames]
    unplaced = 0
    output = open(args.output, "w", encoding="utf-8", newline="") if args.output != "-" else sys.stdout
    try:
        writer = csv.DictWriter(output, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for line, row in enumerate(rows, start=2):
            match = geocoder.resolve(row["name"], (row.get("country") or "").upper(), row.get("region") or None)
            if not match.placed:
                unplaced += 1
                print(f"{args.input}:{line}: {row['name']!r}: {match.note}", file=sys.stderr)
            writer.writerow({**row, **match.as_row()})
    finally:
        if output is not sys.stdout:
            output.close()
    print(f"{len(rows) - unplaced} of {len(rows)} names placed", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    from .export import export
    from .resolve import build_atlas

    atlas = build_atlas(Path(args.data_dir))
    for path in export(atlas, Path(args.out_dir)):
        print(path)
    unplaced = len(atlas.unplaced())
    print(f"{len(atlas.partnerships) - unplaced} of {len(atlas.partnerships)} partnerships on the map; "
          f"{len(atlas.errors)} errors (see problems.csv)", file=sys.stderr)
    return 0


def _benchmark(args: argparse.Namespace) -> int:
    """Print how long the expensive steps take; numbers, not assertions."""
    from . import gazetteer
    from .geocoder import Geocoder
    from .resolve import build_atlas

    started = time.perf_counter()
    gaz = gazetteer.build()
    print(f"index build from GeoNames (cold):   {time.perf_counter() - started:6.2f} s "
          f"({len(gaz.places):,} places, {len(gaz.folded):,} keys)")
    gazetteer.load(rebuild=True)
    gazetteer._LOADED.clear()
    started = time.perf_counter()
    gaz = gazetteer.load()
    print(f"index load from disk cache:         {time.perf_counter() - started:6.2f} s")
    geocoder = Geocoder(gaz)
    build_atlas(Path(args.data_dir), geocoder)  # warm the geocoder's tables
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        atlas = build_atlas(Path(args.data_dir), Geocoder(gaz))
        timings.append(time.perf_counter() - started)
    names = 2 * len(atlas.partnerships) + len(atlas.conferences)
    print(f"whole dataset, warm (read+validate+geocode {names} names): best {min(timings):.3f} s, "
          f"median {sorted(timings)[len(timings) // 2]:.3f} s over {args.repeat} runs")
    return 0


def _score(args: argparse.Namespace) -> int:
    from .evaluate import score
    from .geocoder import Geocoder

    result = score(Path(args.truth), Geocoder())
    for row, match in result.unplaced:
        print(f"unplaced   {row['name']!r} ({row['country']} {row['region']}): {match.note}")
    for row, match, km in result.misplaced:
        print(f"MISPLACED  {row['name']!r} ({row['country']} {row['region']}): {match.matched_name} "
              f"{match.method}, {km:.0f} km from the true position")
    print(f"{result.within} of {result.total} names ({result.share:.1%}) within tolerance; "
          f"{len(result.unplaced)} unplaced, {len(result.misplaced)} misplaced")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check data/ against the data contract; exit 1 on any error")
    p.add_argument("data_dir", nargs="?", default=str(DATA_DIR))
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.set_defaults(func=_validate)
    p = sub.add_parser("geocode", help="geocode a CSV with columns name, country[, region]")
    p.add_argument("input")
    p.add_argument("-o", "--output", default="-")
    p.add_argument("--online", action="store_true", help="fall back to Nominatim (needs internet)")
    p.set_defaults(func=_geocode)
    p = sub.add_parser("export", help="write the resolved tables (CSV, GeoJSON, problems) to OUT_DIR")
    p.add_argument("out_dir")
    p.add_argument("--data-dir", default=str(DATA_DIR))
    p.set_defaults(func=_export)
    p = sub.add_parser("benchmark", help="time the index build and the geocoding of the whole dataset")
    p.add_argument("--data-dir", default=str(DATA_DIR))
    p.add_argument("--repeat", type=int, default=5)
    p.set_defaults(func=_benchmark)
    p = sub.add_parser("score", help="score the geocoder against names with true positions")
    p.add_argument("truth", nargs="?", default=str(DATA_DIR.parent / "tests" / "geocoder_truth.csv"))
    p.set_defaults(func=_score)
    args = parser.parse_args(argv)
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
