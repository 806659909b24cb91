"""How fast the dashboard is, in numbers: ``python -m dashboard.benchmark``.

Prints (it asserts nothing; machines are noisy):
- the start of the data layer with warm disk caches (atlas, basemap);
- one script run of the app and a rerun after a filter change (Streamlit AppTest);
- in headless Chromium, if it is installed: time from opening the page to the
  map being drawn, and from typing in the search box to the map showing the
  new selection.
"""
from __future__ import annotations

import argparse
import statistics
import time
import warnings


def _median(values: list[float]) -> str:
    return f"median {statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f}, n={len(values)})"


def data_layer(repeat: int) -> None:
    from geo import basemap, gazetteer
    from geo.resolve import load_atlas

    load_atlas()  # make sure the disk cache is warm
    basemap.outlines()
    times = []
    for _ in range(repeat):
        gazetteer._LOADED.clear()
        started = time.perf_counter()
        load_atlas()
        basemap.outlines()
        times.append(time.perf_counter() - started)
    print(f"data layer, warm disk caches (atlas + basemap):  {_median(times)}")


def app_runs(repeat: int) -> None:
    from streamlit.testing.v1 import AppTest

    from .headless import ROOT

    app = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120)
    started = time.perf_counter()
    app.run()
    print(f"app script, first run in a fresh session:         {time.perf_counter() - started:.3f} s")
    times = []
    for index in range(repeat):
        app.multiselect(key="de").set_value(["DE-TH"] if index % 2 == 0 else [])
        started = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - started)
    print(f"app script, rerun after a filter change:          {_median(times)}")


def browser(repeat: int) -> None:
    from pathlib import Path

    from .headless import CHROMIUM, map_frame, offline_page, streamlit_server

    if not Path(CHROMIUM).exists():
        print(f"browser: skipped ({CHROMIUM} not installed)")
        return
    with streamlit_server() as url:
        with offline_page() as page:  # the first page view warms Streamlit's caches
            page.goto(url)
            map_frame(page)
        loads, changes, clicks = [], [], []
        for _ in range(repeat):
            with offline_page() as page:
                started = time.perf_counter()
                page.goto(url)
                map_frame(page)
                loads.append(time.perf_counter() - started)
                box = page.get_by_role("textbox").first
                started = time.perf_counter()
                box.fill("Suhl")
                box.press("Enter")
                frame = map_frame(page)
                frame.wait_for_function("() => window.pm.counts().arcs === 1", timeout=30000)
                changes.append(time.perf_counter() - started)
                # a click on the place (through the mouse) until its panel beside the map shows it
                point = frame.evaluate("""() => { const i = window.pm.data.keys.indexOf('de:Suhl'), p = window.pm.data.places[i];
                    const pt = window.pm.map.latLngToContainerPoint([p[0], p[1]]); return {x: pt.x, y: pt.y}; }""")
                started = time.perf_counter()
                frame.locator("#map").click(position=point)
                page.get_by_text("Kaluga").first.wait_for(timeout=30000)
                clicks.append(time.perf_counter() - started)
        print(f"browser, open page until the map is drawn:        {_median(loads)}")
        print(f"browser, search 'Suhl' until the map shows it:    {_median(changes)}")
        print(f"browser, click a place until its panel shows it:  {_median(clicks)}")


def rerun_profile(pairs: int) -> None:
    """One rerun after a filter change on synthetic data, profiled in the script's
    own thread: how much of it goes to the app, and how much to compiling templates."""
    import cProfile
    import os
    import pstats
    import sys
    import tempfile
    import threading
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from geo.synthetic import make_dataset

    from .headless import ROOT

    folder = make_dataset(pairs, 1, Path(tempfile.mkdtemp(prefix="partnermap-bench-")))
    os.environ["PARTNERMAP_DATA_DIR"] = str(folder)
    app = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=900)
    app.run()
    app.multiselect(key="de").set_value(["DE-TH"])
    profile = cProfile.Profile()

    def start(frame, event, arg):  # profile the thread AppTest runs the script in
        sys.setprofile(None)
        profile.enable()

    threading.setprofile(start)
    started = time.perf_counter()
    app.run()
    wall = time.perf_counter() - started
    threading.setprofile(None)
    profile.create_stats()
    stats = pstats.Stats(profile)
    templates = sum(v[3] for k, v in stats.stats.items() if "jinja2" in k[0] or "branca" in k[0])
    print(f"rerun after a filter change at {pairs:,} pairs:   {wall:.3f} s wall, {stats.total_tt:.3f} s in the script thread, "
          f"{templates:.3f} s in template code (jinja2/branca)")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m dashboard.benchmark", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--profile-rerun", type=int, metavar="PAIRS",
                        help="only profile one rerun at this many synthetic pairs")
    args = parser.parse_args()
    if args.profile_rerun:
        rerun_profile(args.profile_rerun)
        return
    warnings.simplefilter("ignore")
    data_layer(args.repeat)
    app_runs(args.repeat)
    if not args.no_browser:
        browser(args.repeat)


if __name__ == "__main__":
    main()
