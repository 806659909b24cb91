"""Driving the dashboard in a real browser: a Streamlit server on a free
local port and Debian's headless Chromium with every non-local request
blocked. Used by the browser tests and by ``python -m dashboard.benchmark``."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_process(log_dir: Path | None = None, env: dict[str, str] | None = None, flags: tuple[str, ...] = (),
                      timeout: float = 90, root: Path = ROOT):
    """`streamlit run dashboard/app.py` on a free loopback port, with ``env`` added
    and extra command-line ``flags``, in ``root`` (this repository, or another tree of
    it: the benchmark's ``--against``); yields (url, process) once it answers its health check."""
    port = free_port()
    log_dir = log_dir or Path(os.environ.get("TMPDIR", "/tmp"))
    log_dir.mkdir(parents=True, exist_ok=True)
    # a fresh file of our own: never follow a link someone left at a predictable name
    fd, name = tempfile.mkstemp(prefix=f"streamlit-{port}-", suffix=".log", dir=log_dir)
    with os.fdopen(fd, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false", *flags],
            cwd=root, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {}), "PYTHONUNBUFFERED": "1"})
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, timeout, process, log=Path(name))
            yield url, process
        finally:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def streamlit_server(log_dir: Path | None = None):
    """A `streamlit run dashboard/app.py` on a free port; yields its URL."""
    with streamlit_process(log_dir) as (url, _process):
        yield url


def wait_healthy(url: str, timeout: float, process: subprocess.Popen | None = None, log: Path | None = None) -> None:
    """Return once ``url`` answers Streamlit's health check; raise if the server ends or stays silent."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server at {url} ended (exit {process.returncode})" + (f"; see {log}" if log else ""))
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"no answer from {url} within {timeout:.0f} s" + (f"; see {log}" if log else ""))


@contextlib.contextmanager
def offline_page(width: int = 1400, height: int = 1000):
    """A Chromium page that can reach nothing but this machine.

    The network is cut inside the browser, as on a machine without one: every request that
    is not for this machine goes to a proxy that refuses it (a port bound here and never
    listening), the whole browser (a window the page opens too) with it; Chromium never
    sends requests for loopback addresses to a proxy. Nothing is intercepted on the way, so
    the figures of the benchmark are the browser's and the app's, without a round trip to
    this process per request. ``page.blocked`` lists the refused addresses, ``page.failed_local``
    the local requests that failed or answered with an error."""
    from playwright.sync_api import sync_playwright

    def local(url: str) -> bool:
        if url.startswith(("data:", "blob:", "about:", "file:")):
            return True
        host = url.split("/")[2] if "://" in url else ""
        return host.split(":")[0] in ("127.0.0.1", "localhost")

    with contextlib.closing(socket.socket()) as refuser, sync_playwright() as p:
        refuser.bind(("127.0.0.1", 0))  # bound, never listening: a connection is refused at once
        proxy = f"--proxy-server=http://127.0.0.1:{refuser.getsockname()[1]}"
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, proxy])
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.failed_local = []
        page.blocked = []

        def failed(r):
            if local(r.url):
                page.failed_local.append(f"{r.failure} {r.url}")
            else:
                page.blocked.append(r.url)

        context.on("requestfailed", failed)
        page.on("response", lambda r: page.failed_local.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        try:
            yield page
        finally:
            browser.close()


def map_frame(page, timeout: float = 90):
    """The frame that holds the map (the component's iframe, or the page of a
    standalone export), once the map code has drawn it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate("() => !!(document.body && document.body.dataset.ready === '1' && window.pm)"):
                    return frame
            except Exception:  # the frame is still loading
                pass
        page.wait_for_timeout(100)
    raise AssertionError("the map did not appear")


def count_shapes(frame) -> dict:
    """What the map draws: arcs, place symbols, conference badges, labels."""
    return frame.evaluate("() => window.pm.counts()")
