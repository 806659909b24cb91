"""Maintainers' command line: ``python -m geo validate | geocode | export | score | benchmark``.

A mistake on the command line or in a file ends with one sentence on stderr
and a non-zero exit (2), never a traceback. The data folder defaults to
``$PARTNERMAP_DATA_DIR``, else the repository's data/ (geo.regions.data_dir).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

from .regions import DATA_DIR, ENV_DATA_DIR, data_dir

GEOCODE_COLUMNS = ("name", "country", "region")
GEOCODE_OUTPUT = ["lat", "lon", "matched_name", "geonameid", "method", "score", "note"]
COUNTRIES = ("DE", "RU")


class CliError(Exception):
    """A mistake the user can fix; its text is the one sentence printed."""


def _data_folder(value: str | None) -> Path:
    """The data folder to read: the argument, else data_dir(); CliError unless it holds partnerships.csv."""
    folder = Path(value) if value else data_dir()
    if not folder.exists():
        raise CliError(f"no such folder: {folder}")
    if not folder.is_dir():
        raise CliError(f"{folder} is a file, not a data folder")
    if not (folder / "partnerships.csv").is_file():
        raise CliError(f"no partnerships.csv in {folder}")
    return folder


def _input_file(value: str) -> Path:
    path = Path(value)
    if not path.exists():
        raise CliError(f"no such file: {path}")
    if path.is_dir():
        raise CliError(f"{path} is a folder, not a CSV file")
    return path


def _validate(args: argparse.Namespace) -> int:
    from .datasets import read_metadata
    from .resolve import build_atlas

    folder = _data_folder(args.data_dir)
    atlas = build_atlas(folder)
    problems = list(atlas.problems)
    # build_atlas reports metadata.json too; asking again costs nothing and
    # keeps validate honest with any build_atlas that does not.
    _, meta_problems = read_metadata(folder / "metadata.json")
    problems += [p for p in meta_problems if p not in problems]
    problems.sort(key=lambda p: (p.file, p.line or 0, p.severity))
    for problem in problems:
        print(problem)
    errors = [p for p in problems if p.severity == "error"]
    warnings_ = len(problems) - len(errors)
    from .counts import conferences_on_map, count

    # the same counts as the dashboard's headline, timeline and tabs (geo.counts)
    print(f"{count(atlas.partnerships).sentence()}; {len(atlas.conferences)} conferences "
          f"({conferences_on_map(atlas.conferences)} on the map): {len(errors)} errors, {warnings_} warnings", file=sys.stderr)
    if args.strict and warnings_:
        return 1
    return 1 if errors else 0


def _geocode(args: argparse.Namespace) -> int:
    from .csvio import csv_line, read_table

    source = _input_file(args.input)
    if args.output != "-" and Path(args.output).resolve() == source.resolve():
        raise CliError(f"the output {args.output} is the input file: give another file with -o")
    table = read_table(source)
    if not table.header:
        raise CliError(f"{source} is empty: it needs a header with the columns name, country and optionally region")
    by_lower = {key.lower(): key for key in reversed(table.header)}  # first of equal names wins
    missing = [c for c in ("name", "country") if c not in by_lower]
    if missing:
        raise CliError(f"{source} has no column {' and no column '.join(missing)} "
                       f"(its header: {', '.join(table.header)}; delimiter and encoding are detected)")
    for note in table.notes:
        if not note.startswith(("read as UTF-8", "delimiter: comma")):
            print(f"{source}: note: {note}", file=sys.stderr)
    for problem in table.problems:
        print(f"{source}:{problem.line or 1}: {problem.severity}: column {problem.column!r}, "
              f"value {problem.value!r}: {problem.reason}", file=sys.stderr)

    from .geocoder import Geocoder

    online = None
    if args.online:
        from .online import OnlineGeocoder

        online = OnlineGeocoder()
    geocoder = Geocoder(online=online)
    column = {c: by_lower.get(c) for c in GEOCODE_COLUMNS}
    fields = list(table.header) + [f for f in GEOCODE_OUTPUT if f not in table.header]
    unplaced = bad_rows = 0
    output = open(args.output, "w", encoding="utf-8", newline="") if args.output != "-" else sys.stdout
    try:
        # formula-safe however a spreadsheet splits the line (see geo.csvio.csv_line)
        output.write(csv_line(fields))
        for record in table.records:
            name = record.get(column["name"])
            country = record.get(column["country"]).upper()
            region = record.get(column["region"]) if column["region"] else ""
            if country not in COUNTRIES:
                bad_rows += 1
                unplaced += 1
                note = f"country must be DE or RU, not {country!r}" if country else "country is missing (DE or RU)"
                print(f"{source}:{record.line}: error: {name!r}: {note}", file=sys.stderr)
                result = dict.fromkeys(GEOCODE_OUTPUT, "") | {"note": note}
            else:
                match = geocoder.resolve(name, country, region or None)
                result = match.as_row()
                if not match.placed:
                    unplaced += 1
                    print(f"{source}:{record.line}: {name!r}: {match.note}", file=sys.stderr)
            if record.problems:
                bad_rows += any(p.severity == "error" for p in record.problems)
            row = {**record.cells, **result}
            output.write(csv_line(row.get(k, "") for k in fields))
    finally:
        if output is not sys.stdout:
            output.close()
    print(f"{len(table.records) - unplaced} of {len(table.records)} names placed"
          + (f"; {bad_rows} {'row' if bad_rows == 1 else 'rows'} with errors" if bad_rows else ""), file=sys.stderr)
    return 1 if bad_rows else 0


def _export(args: argparse.Namespace) -> int:
    from .export import existing_files, export
    from .resolve import build_atlas

    folder = _data_folder(args.data_dir)
    out = Path(args.out_dir)
    if out.exists() and not out.is_dir():
        raise CliError(f"{out} is a file: give a folder (new or empty) to write the export into")
    clash = existing_files(out)
    if clash and not args.force:
        raise CliError(f"{out} already holds {', '.join(p.name for p in clash)}: "
                       "add --force to overwrite them, or give a new folder")
    atlas = build_atlas(folder)
    for path in export(atlas, out, overwrite=args.force):
        print(path)
    from .counts import count

    print(f"{count(atlas.partnerships).sentence()}; {len(atlas.errors)} errors (see problems.csv)", file=sys.stderr)
    return 0


def _benchmark(args: argparse.Namespace) -> int:
    """Print how long the expensive steps take; numbers, not assertions."""
    from . import gazetteer
    from .geocoder import Geocoder
    from .resolve import build_atlas

    folder = _data_folder(args.data_dir)
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
    build_atlas(folder, geocoder)  # warm the geocoder's tables
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        atlas = build_atlas(folder, Geocoder(gaz))
        timings.append(time.perf_counter() - started)
    names = 2 * len(atlas.partnerships) + len(atlas.conferences)
    print(f"whole dataset, warm (read+validate+geocode {names} names): best {min(timings):.3f} s, "
          f"median {sorted(timings)[len(timings) // 2]:.3f} s over {args.repeat} runs")
    return 0


def _score(args: argparse.Namespace) -> int:
    from .evaluate import score
    from .geocoder import Geocoder

    result = score(_input_file(args.truth), Geocoder())
    for row, match in result.unplaced:
        print(f"unplaced   {row['name']!r} ({row['country']} {row['region']}): {match.note}")
    for row, match, km in result.misplaced:
        print(f"MISPLACED  {row['name']!r} ({row['country']} {row['region']}): {match.matched_name} "
              f"{match.method}, {km:.0f} km from the true position")
    print(f"{result.within} of {result.total} names ({result.share:.1%}) within tolerance; "
          f"{len(result.unplaced)} unplaced, {len(result.misplaced)} misplaced")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (0 fine, 1 problems found, 2 a usage or file error)."""
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    folder_help = f"the data folder (default: ${ENV_DATA_DIR}, else {DATA_DIR})"
    p = sub.add_parser("validate", help="check the data folder against the data contract; exit 1 on any error")
    p.add_argument("data_dir", nargs="?", default=None, help=folder_help)
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.set_defaults(func=_validate)
    p = sub.add_parser("geocode", help="geocode a CSV with columns name, country[, region]")
    p.add_argument("input")
    p.add_argument("-o", "--output", default="-")
    p.add_argument("--online", action="store_true", help="fall back to Nominatim (needs internet)")
    p.set_defaults(func=_geocode)
    p = sub.add_parser("export", help="write the resolved tables (CSV, GeoJSON, problems) to OUT_DIR")
    p.add_argument("out_dir", help="a new or empty folder (or use --force)")
    p.add_argument("--data-dir", default=None, help=folder_help)
    p.add_argument("--force", action="store_true", help="overwrite the files of an earlier export in OUT_DIR")
    p.set_defaults(func=_export)
    p = sub.add_parser("benchmark", help="time the index build and the geocoding of the whole dataset")
    p.add_argument("--data-dir", default=None, help=folder_help)
    p.add_argument("--repeat", type=int, default=5)
    p.set_defaults(func=_benchmark)
    p = sub.add_parser("score", help="score the geocoder against names with true positions")
    p.add_argument("truth", nargs="?", default=str(DATA_DIR.parent / "tests" / "geocoder_truth.csv"))
    p.set_defaults(func=_score)
    args = parser.parse_args(argv)
    prefix = f"python -m geo {args.command}: error:"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            return args.func(args)
    except CliError as exc:
        print(f"{prefix} {exc}", file=sys.stderr)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{prefix} {where}{exc.strerror or exc}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a maintainer gets one sentence; PARTNERMAP_DEBUG shows the rest
        if os.environ.get("PARTNERMAP_DEBUG"):
            raise
        print(f"{prefix} unexpected {type(exc).__name__}: {exc} (set PARTNERMAP_DEBUG=1 for the traceback)",
              file=sys.stderr)
        return 3
    return 2


if __name__ == "__main__":
    sys.exit(main())
