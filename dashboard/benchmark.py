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
        loads, changes = [], []
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
                page.wait_for_function(
                    """() => [...document.querySelectorAll('iframe')].some(f => {
                        try { return f.contentDocument.querySelectorAll('path.leaflet-interactive').length === 3; }
                        catch (e) { return false; } })""", timeout=30000)
                changes.append(time.perf_counter() - started)
        print(f"browser, open page until the map is drawn:        {_median(loads)}")
        print(f"browser, search 'Suhl' until the map shows it:    {_median(changes)}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m dashboard.benchmark", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    data_layer(args.repeat)
    app_runs(args.repeat)
    if not args.no_browser:
        browser(args.repeat)


if __name__ == "__main__":
    main()
