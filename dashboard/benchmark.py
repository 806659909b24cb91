"""How fast the dashboard is, in numbers: ``python -m dashboard.benchmark``.

Prints (it asserts nothing; machines are noisy):
- the start of the data layer with warm disk caches (atlas, basemap);
- one script run of the app and a rerun after a filter change (Streamlit AppTest);
- in headless Chromium, if it is installed: time from opening the page to the
  map being drawn, and from typing in the search box to the map showing the
  new selection.

``--pairs 1000,5000,20000`` measures how the app scales on synthetic data
(``geo.synthetic``, in the data contract's format), per size: validate +
geocode with a cold and a warm cache, export, the script's first run and a
rerun after a filter change, the bytes the browser gets per page view and per
filter change, Chromium's time to the drawn map, to a filter shown and for a
pan/zoom, the server's memory; and, in the same run, the naive folium drawing
of the same pairs (one PolyLine and two CircleMarkers per pair) for comparison.

``--load 25`` runs the load test (``dashboard.loadtest``): 25 simultaneous
sessions against ``streamlit run``, then against nginx with 1 and 2 replicas
(``deploy/run-local.sh``), and prints page views per minute for each.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path


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


def _browser_steps(url: str, repeat: int) -> tuple[list[float], list[float], list[float]]:
    """In Chromium, ``repeat`` times on a fresh page of the app at ``url``: open it until the map is
    drawn, search 'Suhl' until the map shows its one pair, click Suhl until its detail lists Kaluga.
    Also drives the app as it was before the map held its own detail panel (``--against``): there the
    detail opened in the page beside the map, and the view stayed through a search (fit first)."""
    from .headless import map_frame, offline_page

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
            # a click on the place (through the mouse) until the map's own panel lists its partner;
            # the search framed its result: wait until that flight has ended
            own_panel = frame.evaluate("() => typeof window.pm.detailBox === 'function'")
            if own_panel:
                frame.wait_for_function("() => !window.pm.moving()", timeout=30000)
            else:
                frame.locator('.pm-fit button[data-fit="all"]').click()
            point = frame.evaluate("""() => { const i = window.pm.data.keys.indexOf('de:Suhl'), p = window.pm.data.places[i];
                const pt = window.pm.map.latLngToContainerPoint([p[0], p[1]]); return {x: pt.x, y: pt.y}; }""")
            started = time.perf_counter()
            frame.locator("#map").click(position=point)
            if own_panel:
                frame.wait_for_function("() => { const b = window.pm.detailBox(); return !!b && b.innerText.includes('Kaluga'); }",
                                        timeout=30000)
            else:
                page.locator("[data-testid=stMarkdownContainer] strong", has_text="Kaluga").first.wait_for(timeout=30000)
            clicks.append(time.perf_counter() - started)
    return loads, changes, clicks


def browser(repeat: int) -> None:
    from .headless import CHROMIUM, streamlit_server

    if not Path(CHROMIUM).exists():
        print(f"browser: skipped ({CHROMIUM} not installed)")
        return
    with streamlit_server() as url:
        loads, changes, clicks = _browser_steps(url, repeat)
    print(f"browser, open page until the map is drawn:        {_median(loads)}")
    print(f"browser, search 'Suhl' until the map shows it:    {_median(changes)}")
    print(f"browser, click a place until its panel lists it:  {_median(clicks)}")


def against(rev: str, repeat: int, rounds: int) -> None:
    """The browser figures of this working tree and of commit ``rev`` (``git archive``), in one run on
    the same machine: ``rounds`` rounds, each starting the server of one tree and then of the other,
    alternately, so that a busy moment of the machine falls on both. Medians over all rounds."""
    import io
    import tarfile

    from .headless import CHROMIUM, ROOT, streamlit_process

    if not Path(CHROMIUM).exists():
        print(f"browser: skipped ({CHROMIUM} not installed)")
        return
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
    with tempfile.TemporaryDirectory(prefix="benchmark-against-") as tmp:
        old = Path(tmp) / "tree"
        old.mkdir()
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(old, filter="data")
        trees = {rev: old, "this tree": ROOT}
        figures = {name: ([], [], []) for name in trees}
        for n in range(rounds):
            for name, root in trees.items():
                # the tree's own packages first, before the installed (editable) ones
                env = {"PYTHONPATH": str(root)}
                with streamlit_process(Path(tmp) / "logs", env=env, root=root) as (url, _process):
                    for mine, got in zip(figures[name], _browser_steps(url, repeat)):
                        mine.extend(got)
                print(f"round {n + 1}/{rounds}: {name} measured", flush=True)
    for label, k in (("open page until the map is drawn", 0), ("search 'Suhl' until the map shows it", 1),
                     ("click a place until its detail lists it", 2)):
        print(f"browser, {label}:")
        for name in trees:
            print(f"  {name:>12}: {_median(figures[name][k])}")


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


# -- scale: synthetic data of growing size, the app next to naive folium --------

# As deploy/run-local.sh runs the replicas: no watching of source files, and no full garbage collection after
# every script run (it rescans every live session's objects; Python's own generational collection still runs).
PRODUCTION_FLAGS = ("--server.fileWatcherType", "none", "--runner.postScriptGC", "false")


@contextlib.contextmanager
def app_server(env: dict[str, str], log_dir: Path, flags: tuple[str, ...] = (), timeout: float = 600):
    """`streamlit run dashboard/app.py` on a free loopback port with ``env`` added; yields (url, pid)."""
    from .headless import streamlit_process

    with streamlit_process(log_dir, env, flags, timeout) as (url, process):
        yield url, process.pid


def _status_kb(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _cli(args: list[str], env: dict[str, str]) -> float:
    """Seconds `python -m geo ARGS` takes in a fresh process (the exit code is not the point here)."""
    from .headless import ROOT

    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, env={**os.environ, **env},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def naive_folium(frame) -> tuple[int, float, int]:
    """The naive drawing: one folium PolyLine and two CircleMarkers per placed pair, rendered
    to HTML. Returns (bytes, seconds, pairs drawn)."""
    import folium

    placed = frame[frame["de_lat"].notna() & frame["ru_lat"].notna()]
    started = time.perf_counter()
    figure = folium.Map(location=[54, 40], zoom_start=4, tiles=None)
    for a_lat, a_lon, b_lat, b_lon in zip(placed["de_lat"], placed["de_lon"], placed["ru_lat"], placed["ru_lon"]):
        a, b = (float(a_lat), float(a_lon)), (float(b_lat), float(b_lon))
        folium.PolyLine([a, b], weight=1, color="#0072B2").add_to(figure)
        folium.CircleMarker(a, radius=3).add_to(figure)
        folium.CircleMarker(b, radius=3).add_to(figure)
    html = figure.get_root().render()
    return len(html.encode("utf-8")), time.perf_counter() - started, len(placed)


def _component_args(app) -> str | None:
    """The JSON arguments of the map component in an AppTest run: what the browser gets on each rerun."""
    for node in app.get("component_instance"):
        proto = getattr(node, "proto", None)
        if proto is not None and proto.component_name.endswith("partnermap"):
            return proto.json_args
    return None


SET_VIEW_JS = """async (start) => {
    const map = window.pm.map, times = [];
    if (start) { map.setView(start[0], start[1], {animate: false}); await new Promise(done => setTimeout(done, 500)); }
    const center = map.getCenter(), zoom = map.getZoom();
    const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    for (let i = 0; i < 5; i++) {
        const started = performance.now();
        map.setView([center.lat + (i % 2 ? 0.7 : -0.7), center.lng + (i % 2 ? -1.1 : 1.1)], zoom + (i % 2), {animate: false});
        await frame();  // until the browser has drawn the moved map
        times.push(performance.now() - started);
    }
    map.setView(center, zoom, {animate: false});
    return times;
}"""


def _browser_scale(url: str, search: str, repeat: int) -> dict[str, float]:
    from .headless import map_frame, offline_page

    # Drawn: arcs or places, or -- a large dataset at the overview draws flows between regions, which
    # counts() does not list -- their labels.
    drawn = "() => { const c = window.pm && window.pm.counts(); return !!c && c.arcs + c.places + (c.flows || 0) + c.labels > 0; }"
    with offline_page() as page:  # the first page view fills the server's caches
        page.goto(url, timeout=300_000)
        map_frame(page, timeout=300).wait_for_function(drawn, timeout=300_000)
    loads, filters_shown, moves, moves_in = [], [], [], []
    for index in range(max(1, min(repeat, 3))):
        with offline_page() as page:
            started = time.perf_counter()
            page.goto(url, timeout=300_000)
            frame = map_frame(page, timeout=300)
            frame.wait_for_function(drawn, timeout=300_000)
            loads.append(time.perf_counter() - started)
            if index:
                continue
            box = page.get_by_role("textbox").first
            for step in range(5):
                before = json.dumps(frame.evaluate("() => window.pm.counts()"))
                started = time.perf_counter()
                box.fill(search if step % 2 == 0 else "")
                box.press("Enter")
                frame.wait_for_function("(before) => JSON.stringify(window.pm.counts()) !== before", arg=before,
                                        timeout=300_000)
                filters_shown.append(time.perf_counter() - started)
            # pans and zooms with everything shown again, not the search's few pairs
            before = json.dumps(frame.evaluate("() => window.pm.counts()"))
            box.fill("")
            box.press("Enter")
            frame.wait_for_function("(before) => JSON.stringify(window.pm.counts()) !== before", arg=before, timeout=300_000)
            page.wait_for_timeout(500)
            moves = frame.evaluate(SET_VIEW_JS, None)  # around the starting view
            # and zoomed in on Germany, where every arc of a large dataset crosses the view
            moves_in = frame.evaluate(SET_VIEW_JS, [[51.0, 10.5], 6])
    return {"load": statistics.median(loads), "filter": statistics.median(filters_shown),
            "set_view": statistics.median(moves) / 1000, "set_view_in": statistics.median(moves_in) / 1000}


def _scale_one(n: int, seed: int, repeat: int, browser: bool, work: Path) -> dict[str, str]:
    from streamlit.testing.v1 import AppTest

    from geo import gazetteer
    from geo.resolve import load_atlas
    from geo.synthetic import make_dataset

    from . import loadtest, mapdata
    from .headless import CHROMIUM, ROOT

    out: dict[str, str] = {}

    def step(text: str) -> None:
        print(f"  [{n:,} pairs] {text}", flush=True)

    step("generating synthetic data")
    started = time.perf_counter()
    folder = make_dataset(n, seed, work / f"data-{n}")
    step(f"  {time.perf_counter() - started:.1f} s")
    cache = Path(tempfile.mkdtemp(prefix=f"cache-{n}-", dir=work))  # owner-only, empty: a cold start
    env = {"PARTNERMAP_DATA_DIR": str(folder), "PARTNERMAP_CACHE_DIR": str(cache)}
    step("python -m geo validate, cold cache")
    out["validate + geocode, cold (s)"] = f"{_cli(['validate', str(folder)], env):.1f}"
    step("python -m geo validate, warm cache")
    out["validate + geocode, warm (s)"] = f"{_cli(['validate', str(folder)], env):.1f}"
    step("python -m geo export")
    out["export (s)"] = f"{_cli(['export', str(work / f'export-{n}'), '--force'], env):.1f}"

    step("script: first run and reruns (AppTest)")
    os.environ.update(env)
    gazetteer._LOADED.clear()  # as in a fresh server process
    app = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=1800)
    started = time.perf_counter()
    app.run()
    out["script first run (s)"] = f"{time.perf_counter() - started:.1f}"
    first_args = _component_args(app)
    atlas = load_atlas(folder)
    frame = atlas.partnerships
    region = frame["de_region"][frame["de_region"] != ""].value_counts().index[0]
    reruns, change_args = [], None
    for index in range(repeat):
        app.multiselect(key="de").set_value([region] if index % 2 == 0 else [])
        started = time.perf_counter()
        app.run()
        reruns.append(time.perf_counter() - started)
        if index == 0:
            change_args = _component_args(app)
    out["script rerun after a filter change (s)"] = f"{statistics.median(reruns):.2f}"
    if app.exception:
        out["script exceptions"] = "; ".join(str(e.value)[:80] for e in app.exception)

    step("bytes for the browser")
    started = time.perf_counter()
    data = mapdata.dataset(atlas)
    out["map data build (s)"] = f"{time.perf_counter() - started:.2f}"
    placed = int(frame["placed"].sum()) if "placed" in frame else len(frame)
    args_bytes = len(first_args.encode("utf-8")) if first_args else 0
    out["pairs file, fetched per data version (kB)"] = f"{len(data.pairs) / 1e3:,.0f}"
    out["details file, fetched lazily (kB)"] = f"{len(data.details) / 1e3:,.0f}"
    out["map bytes per page view (pairs + args, kB)"] = f"{(len(data.pairs) + args_bytes) / 1e3:,.0f}"
    out["map bytes per pair"] = f"{(len(data.pairs) + args_bytes) / max(placed, 1):.0f}"
    out["per filter change: component args (kB)"] = f"{len(change_args.encode('utf-8')) / 1e3:.1f}" if change_args else "?"

    step("naive folium drawing of the same pairs")
    folium_bytes, folium_time, folium_pairs = naive_folium(frame)
    out["folium: bytes per pair"] = f"{folium_bytes / max(folium_pairs, 1):,.0f}"
    out["folium: build + render (s)"] = f"{folium_time:.1f}"
    out["folium ÷ map: bytes per page view"] = f"{folium_bytes / max(len(data.pairs) + args_bytes, 1):.1f}×"

    step("server: websocket bytes per page view, Chromium, RSS")
    with app_server(env, work) as (url, pid):
        view = loadtest.warm(url)
        out["websocket bytes per page view, all elements (kB)"] = f"{view.received / 1e3:,.0f}"
        if browser and Path(CHROMIUM).exists():
            search = str(frame["de_name"].iloc[0])
            try:
                times = _browser_scale(url, search, repeat)
                out["Chromium: open page → map drawn (s)"] = f"{times['load']:.2f}"
                out["Chromium: search → map shows it (s, median of 5)"] = f"{times['filter']:.2f}"
                out["Chromium: setView pan/zoom (ms, median of 5)"] = f"{times['set_view'] * 1000:.0f}"
                out["Chromium: same, zoomed in on Germany (ms, median of 5)"] = f"{times['set_view_in'] * 1000:.0f}"
            except Exception as exc:  # a number we could not take is reported, the others still count
                step(f"Chromium failed: {type(exc).__name__}: {str(exc)[:200]}")
                out["Chromium: open page → map drawn (s)"] = "failed"
        out["server RSS now / peak (MB)"] = f"{_status_kb(pid, 'VmRSS') / 1024:.0f} / {_status_kb(pid, 'VmHWM') / 1024:.0f}"
    if browser and Path(CHROMIUM).exists():
        step("static site (python -m dashboard.site) from file://")
        try:
            out.update(_site_scale(atlas, work / f"site-{n}", region, repeat))
        except Exception as exc:  # reported, the other numbers still count
            step(f"static site failed: {type(exc).__name__}: {str(exc)[:200]}")
            out["static site from file://: map drawn (s)"] = "failed"
    return out


def _site_scale(atlas, out_dir: Path, region: str, repeat: int) -> dict[str, str]:
    """The static site of the same data, opened from file:// with the network cut:
    time to the drawn map, and a Land ticked in its filter panel until the map shows it."""
    from geo import basemap

    from . import site
    from .headless import map_frame, offline_page

    site.build(atlas, out_dir, basemap.outlines(), force=True)
    loads, ticks = [], []
    for index in range(max(1, min(repeat, 3))):
        with offline_page() as page:
            started = time.perf_counter()
            page.goto((out_dir / "index.html").as_uri(), timeout=300_000)
            frame = map_frame(page, timeout=300)
            loads.append(time.perf_counter() - started)
            if index:
                continue
            box = frame.locator(f"input[name=de][value='{region}']")
            for _ in range(3):
                before = frame.evaluate("() => window.pm.counts().shown")
                started = time.perf_counter()
                box.click()
                frame.wait_for_function("(before) => window.pm.counts().shown !== before", arg=before, timeout=60_000)
                ticks.append(time.perf_counter() - started)
    return {"static site from file://: map drawn (s)": f"{statistics.median(loads):.2f}",
            "static site: tick a Land → map shows it (s)": f"{statistics.median(ticks):.2f}"}


def _print_table(sizes: list[int], results: list[dict[str, str]]) -> None:
    labels: list[str] = []
    for result in results:
        labels += [label for label in result if label not in labels]
    width = max(len(label) for label in labels)
    print("\n" + "pairs".ljust(width) + "".join(f"{n:>12,}" for n in sizes[:len(results)]))
    for label in labels:
        print(label.ljust(width) + "".join(f"{r.get(label, ''):>12}" for r in results))
    print(flush=True)


def scale(sizes: list[int], seed: int, repeat: int, browser: bool = True) -> None:
    """The scale benchmark: one column per size, printed again after each size."""
    work = Path(tempfile.mkdtemp(prefix="partnermap-scale-"))
    saved = {k: os.environ.get(k) for k in ("PARTNERMAP_DATA_DIR", "PARTNERMAP_CACHE_DIR")}
    results: list[dict[str, str]] = []
    try:
        for n in sizes:
            started = time.perf_counter()
            results.append(_scale_one(n, seed, repeat, browser, work))
            print(f"  [{n:,} pairs] done in {time.perf_counter() - started:.0f} s", flush=True)
            _print_table(sizes, results)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(work, ignore_errors=True)


# -- load: many sessions at once, one server and nginx with replicas ------------

@contextlib.contextmanager
def deployed(replicas: int):
    """deploy/run-local.sh: ``replicas`` replicas and nginx on loopback; yields (url, replica pids, replica urls)."""
    import socket

    from .headless import ROOT, free_port

    def free(port: int) -> bool:
        with contextlib.closing(socket.socket()) as s:
            try:
                s.bind(("127.0.0.1", port))
                return True
            except OSError:
                return False

    first = free_port()
    while not all(free(first + i) for i in range(replicas)):
        first = free_port()
    port = free_port()
    process = subprocess.Popen(["bash", str(ROOT / "deploy" / "run-local.sh"), str(replicas), "--port", str(port),
                                "--first", str(first)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        pids, urls, url = [], [], None
        for line in process.stdout:
            words = line.split()
            if words[:1] == ["replica"]:
                pids.append(int(words[1]))
                urls.append(f"http://127.0.0.1:{words[2]}")
            elif words[:1] == ["ready"]:
                url = words[1]
                break
        if url is None:
            raise RuntimeError("deploy/run-local.sh did not start (see its messages above)")
        yield url, pids, urls
    finally:
        process.terminate()  # its trap stops the replicas and nginx
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def load(sessions: int, duration: float, replicas: list[int]) -> None:
    from . import loadtest

    print(f"load test: {sessions} simultaneous sessions (raw websocket clients speaking Streamlit's protocol), "
          f"data {os.environ.get('PARTNERMAP_DATA_DIR') or 'data/'}", flush=True)
    with tempfile.TemporaryDirectory(prefix="partnermap-load-") as tmp:
        for label, flags in (("streamlit run (as in the README)", ()),
                             ("streamlit run " + " ".join(PRODUCTION_FLAGS) + " (as deployed)", PRODUCTION_FLAGS)):
            with app_server({}, Path(tmp), flags) as (url, pid):
                loadtest.warm(url)
                print(f"\n{label}, one page view per session:")
                print(loadtest.run(url, sessions, 0, pids=[pid]).summary(), flush=True)
                print(f"{label}, every session busy for {duration:.0f} s:")
                print(loadtest.run(url, sessions, duration, pids=[pid]).summary(), flush=True)
    rates = {}
    if replicas and not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        print("\nnginx: skipped (not installed: apt-get install -y nginx)")
        return
    for count in replicas:
        with deployed(count) as (url, pids, urls):
            for replica in urls:  # each replica loads its data once before the measurement
                loadtest.warm(replica)
            print(f"\nnginx + {count} replica(s) ({url}), every session busy for {duration:.0f} s:")
            result = loadtest.run(url, sessions, duration, pids=pids)
            print(result.summary(), flush=True)
            rates[count] = len(result.done) / result.wall * 60
    if len(rates) > 1:
        base = min(rates)
        print("\npage views per minute: " + ", ".join(f"{n} replica(s) {rate:,.0f}" for n, rate in rates.items())
              + "; " + ", ".join(f"{n}/{base} = {rates[n] / rates[base]:.2f}×" for n in rates if n != base)
              + f" (this machine has {os.cpu_count()} cores, shared by the replicas, nginx and the load test)")

def flood(sessions: int, seconds: float, interval: float) -> None:
    """A rerun flood against the app started the README's way (`streamlit run
    dashboard/app.py`, so .streamlit/config.toml applies): how long until the
    health check answers again, and a page view after that."""
    from . import loadtest
    from .headless import streamlit_process

    print(f"rerun flood: {sessions} sessions, a rerun every {interval * 1000:.0f} ms each for {seconds:.0f} s, "
          "against `streamlit run dashboard/app.py`")
    with streamlit_process() as (url, process):
        loadtest.warm(url)
        result = loadtest.flood(url, sessions, seconds, interval)
        print(result.summary())
        print(f"server RSS afterwards: {loadtest.rss_bytes(process.pid) / 2**20:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m dashboard.benchmark", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--profile-rerun", type=int, metavar="PAIRS",
                        help="only profile one rerun at this many synthetic pairs")
    parser.add_argument("--pairs", metavar="N,N,...",
                        help="scale benchmark at these numbers of synthetic pairs, e.g. 1000,5000,20000")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic data (default 1)")
    parser.add_argument("--load", type=int, metavar="SESSIONS",
                        help="load test with this many simultaneous sessions (raw websocket clients, loopback)")
    parser.add_argument("--load-duration", type=float, default=20.0, metavar="S",
                        help="seconds each load run keeps its sessions busy for page views per minute (default 20)")
    parser.add_argument("--replicas", default="1,2", metavar="N,N",
                        help="replica counts behind nginx in the load test (default 1,2; 0 or empty: no nginx)")
    parser.add_argument("--flood", type=float, metavar="S",
                        help="rerun flood for this many seconds (20 sessions, one rerun every 10 ms each, "
                             "--flood-sessions to change) against the README's command; prints the recovery time")
    parser.add_argument("--flood-sessions", type=int, default=20, metavar="N")
    parser.add_argument("--against", metavar="REV",
                        help="only the browser figures, of this tree and of commit REV in the same run (alternating "
                             "rounds, --rounds, each --repeat page views), e.g. --against c14012f")
    parser.add_argument("--rounds", type=int, default=2, metavar="N")
    args = parser.parse_args()
    if args.against:
        against(args.against, args.repeat, args.rounds)
        return
    if args.flood:
        flood(args.flood_sessions, args.flood, 0.01)
        return
    if args.profile_rerun:
        rerun_profile(args.profile_rerun)
        return
    warnings.simplefilter("ignore")
    if args.pairs or args.load:
        if args.pairs:
            sizes = [int(n.replace("_", "")) for n in args.pairs.split(",") if n.strip()]
            scale(sizes, args.seed, args.repeat, browser=not args.no_browser)
        if args.load:
            replicas = [int(n) for n in args.replicas.split(",") if n.strip() and int(n) > 0]
            load(args.load, args.load_duration, replicas)
        return
    data_layer(args.repeat)
    app_runs(args.repeat)
    if not args.no_browser:
        browser(args.repeat)


if __name__ == "__main__":
    main()
