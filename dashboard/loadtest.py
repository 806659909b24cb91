"""Many visitors at once: ``python -m dashboard.loadtest http://127.0.0.1:8501 --sessions 25``.

Each session is a raw websocket client that speaks Streamlit's own protocol,
as the browser does: it opens ``/_stcore/stream`` (subprotocol ``streamlit``),
sends one ``BackMsg`` with ``rerun_script`` (an empty query string, like a
first page view) and reads ``ForwardMsg`` protobufs until the script run
ends. The time to the map is the time until the map component's message
(``partnermap``) arrives: from then on the browser draws by itself, from
files it fetches once and may cache. No browser runs, so the client costs
little CPU next to the server it measures.

All sessions start together; with ``--duration`` each one keeps opening
new page views until the time is up (a closed loop: throughput = page views
per minute). Only loopback URLs are accepted, and every count and time is
bounded. Prints numbers; asserts nothing.

Server CPU per page view comes from ``/proc/<pid>/stat`` (utime + stime of
the given processes and their threads) before and after; RSS from
``/proc/<pid>/status``.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

MAX_SESSIONS = 200
MAX_DURATION = 600.0
MAX_FLOOD = 60.0  # seconds a flood may last
MIN_INTERVAL = 0.005  # seconds between one session's rerun requests in a flood
MAP_COMPONENT = "partnermap"


@dataclass
class PageView:
    """One page view as the server served it."""

    to_map: float | None = None  # seconds until the map component's message
    to_end: float | None = None  # seconds until the script run finished
    received: int = 0  # bytes of ForwardMsg
    error: str = ""


@dataclass
class Result:
    sessions: int
    wall: float
    views: list[PageView] = field(default_factory=list)
    cpu: float | None = None  # server CPU seconds during the run
    rss: list[int] = field(default_factory=list)  # bytes, per process, after the run
    client_cpu: float = 0.0

    @property
    def done(self) -> list[PageView]:
        return [v for v in self.views if v.to_map is not None and not v.error]

    def summary(self) -> str:
        done, failed = self.done, len(self.views) - len(self.done)
        lines = [f"sessions {self.sessions}, page views {len(done)} served, {failed} failed, in {self.wall:.1f} s"]
        if done:
            to_map = [v.to_map for v in done]
            to_end = [v.to_end for v in done if v.to_end is not None]
            lines.append(f"time to map: median {statistics.median(to_map):.2f} s, worst {max(to_map):.2f} s"
                         + (f"; to script end: median {statistics.median(to_end):.2f} s, worst {max(to_end):.2f} s" if to_end else ""))
            lines.append(f"page views per minute: {len(done) / self.wall * 60:.1f}; "
                         f"bytes per page view (websocket): {statistics.median(v.received for v in done) / 1e3:.0f} kB")
            if self.cpu is not None:
                lines.append(f"server CPU: {self.cpu:.1f} s in all, {self.cpu / len(done):.3f} s per page view"
                             f" (load-test client: {self.client_cpu:.1f} s)")
        if self.rss:
            lines.append("server RSS: " + ", ".join(f"{r / 2**20:.0f} MB" for r in self.rss))
        errors = sorted({v.error for v in self.views if v.error})
        if errors:
            lines.append("errors: " + "; ".join(errors[:5]))
        return "\n".join(lines)


# -- /proc -------------------------------------------------------------------

def cpu_seconds(pids: list[int]) -> float:
    """utime + stime of these processes (all their threads), in seconds."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # fields 14 and 15 of proc(5), counted after the name
    return total / tick


def rss_bytes(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


# -- the protocol ------------------------------------------------------------

def _loopback(url: str) -> str:
    """The websocket URL of the app at ``url``; ValueError unless it is on this machine."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"the load test only runs against this machine (http://127.0.0.1:PORT), not {url!r}")
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"


async def page_view(ws_url: str, query: str = "", timeout: float = 120.0) -> PageView:
    """Open a session, ask for the first script run, wait for the map and the run's end."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    view = PageView()
    started = time.perf_counter()
    # A cookie of its own, like a browser that got one from the load balancer (deploy/nginx.conf hashes on it).
    headers = {"Cookie": f"pm_route={uuid.uuid4().hex}"}
    try:
        async with asyncio.timeout(timeout):
            async with connect(ws_url, subprotocols=["streamlit"], max_size=None, additional_headers=headers,
                               open_timeout=timeout, ping_interval=None) as ws:
                request = BackMsg()
                request.rerun_script.query_string = query
                request.rerun_script.page_script_hash = ""
                await ws.send(request.SerializeToString())
                async for raw in ws:
                    view.received += len(raw)
                    message = ForwardMsg()
                    message.ParseFromString(raw)
                    kind = message.WhichOneof("type")
                    if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                        element = message.delta.new_element
                        what = element.WhichOneof("type")
                        if what == "component_instance" and view.to_map is None and \
                                element.component_instance.component_name.endswith(MAP_COMPONENT):
                            view.to_map = time.perf_counter() - started
                        elif what == "exception" and not view.error:  # a page with an error box is not served
                            view.error = f"the app showed an exception ({element.exception.type})"
                    elif kind == "script_finished":
                        view.to_end = time.perf_counter() - started
                        break
        if view.to_map is None and not view.error:
            view.error = "the script ended without the map"
    except (TimeoutError, asyncio.TimeoutError):
        view.error = f"no answer within {timeout:.0f} s"
    except Exception as exc:  # a refused or dropped connection is a result, not a crash
        view.error = f"{type(exc).__name__}: {exc}"
    return view


async def _run(ws_url: str, sessions: int, duration: float, timeout: float, query: str) -> list[PageView]:
    deadline = time.perf_counter() + duration
    views: list[PageView] = []

    async def session() -> None:
        while True:
            views.append(await page_view(ws_url, query, timeout))
            if time.perf_counter() >= deadline:
                return

    await asyncio.gather(*(session() for _ in range(sessions)))
    return views


def run(url: str, sessions: int = 25, duration: float = 0.0, timeout: float = 120.0, pids: list[int] | None = None,
        query: str = "") -> Result:
    """``sessions`` simultaneous page views against the app at ``url`` (loopback only); with ``duration``,
    each session goes on opening page views until that many seconds have passed."""
    if not 1 <= sessions <= MAX_SESSIONS:
        raise ValueError(f"sessions must be between 1 and {MAX_SESSIONS}, not {sessions}")
    if not 0 <= duration <= MAX_DURATION:
        raise ValueError(f"duration must be between 0 and {MAX_DURATION:.0f} s, not {duration}")
    ws_url = _loopback(url)
    pids = pids or []
    cpu_before = cpu_seconds(pids) if pids else None
    client_before = time.process_time()
    started = time.perf_counter()
    views = asyncio.run(_run(ws_url, sessions, duration, min(timeout, MAX_DURATION), query))
    result = Result(sessions=sessions, wall=time.perf_counter() - started, views=views,
                    client_cpu=time.process_time() - client_before)
    if pids:
        result.cpu = cpu_seconds(pids) - cpu_before
        result.rss = [rss_bytes(pid) for pid in pids]
    return result


# -- a rerun flood -------------------------------------------------------------

@dataclass
class Flood:
    """What a rerun flood did to the server, and how long it took to come back."""

    sessions: int
    seconds: float
    sent: int = 0
    errors: list[str] = field(default_factory=list)
    recovered: float | None = None  # seconds from the flood's end until /_stcore/health answered "ok"
    after: PageView | None = None  # a fresh page view once healthy again

    def summary(self) -> str:
        lines = [f"flood: {self.sessions} sessions, {self.sent} rerun requests in {self.seconds:.1f} s"]
        lines.append("health after the flood: " + (f"ok after {self.recovered:.1f} s" if self.recovered is not None
                                                   else "no answer within the wait"))
        if self.after is not None:
            lines.append("then a new page view: " + (f"map after {self.after.to_map:.2f} s" if self.after.to_map is not None
                                                     else self.after.error))
        if self.errors:
            lines.append("errors: " + "; ".join(sorted(set(self.errors))[:5]))
        return "\n".join(lines)


async def _flood_session(ws_url: str, until: float, interval: float, flood: Flood) -> None:
    """One session that asks for a rerun every ``interval`` seconds without waiting for any answer."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from websockets.asyncio.client import connect

    request = BackMsg()
    request.rerun_script.query_string = ""
    request.rerun_script.page_script_hash = ""
    raw = request.SerializeToString()
    try:
        async with connect(ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=30,
                           ping_interval=None, close_timeout=1) as ws:
            async def drain() -> None:
                async for _ in ws:
                    pass

            reader = asyncio.create_task(drain())
            try:
                while time.perf_counter() < until:
                    await ws.send(raw)
                    flood.sent += 1
                    await asyncio.sleep(interval)
            finally:
                reader.cancel()
    except Exception as exc:  # a refused or dropped connection is a result
        flood.errors.append(f"{type(exc).__name__}: {exc}")


def health(url: str, timeout: float = 2.0) -> bool:
    """True if the app's ``/_stcore/health`` answers "ok" within ``timeout``."""
    import urllib.request

    try:
        with urllib.request.urlopen(url.rstrip("/") + "/_stcore/health", timeout=timeout) as response:  # noqa: S310 (loopback only)
            return response.read().strip() == b"ok"
    except OSError:
        return False


def flood(url: str, sessions: int = 20, seconds: float = 10.0, interval: float = 0.01, wait: float = 300.0) -> Flood:
    """``sessions`` websocket sessions each asking for a rerun every ``interval``
    seconds for ``seconds``, as a hostile or broken client might; then the time
    until the health check answers again (polled, at most ``wait`` seconds) and
    one ordinary page view. Loopback only; every number is bounded."""
    if not 1 <= sessions <= MAX_SESSIONS:
        raise ValueError(f"sessions must be between 1 and {MAX_SESSIONS}, not {sessions}")
    if not 0 < seconds <= MAX_FLOOD:
        raise ValueError(f"a flood lasts between 0 and {MAX_FLOOD:.0f} s, not {seconds}")
    interval = max(interval, MIN_INTERVAL)
    ws_url = _loopback(url)
    result = Flood(sessions=sessions, seconds=seconds)

    async def all_sessions() -> None:
        until = time.perf_counter() + seconds
        await asyncio.gather(*(_flood_session(ws_url, until, interval, result) for _ in range(sessions)))

    asyncio.run(all_sessions())
    ended = time.perf_counter()
    while time.perf_counter() - ended < min(wait, MAX_DURATION):
        if health(url):
            result.recovered = time.perf_counter() - ended
            break
        time.sleep(0.5)
    if result.recovered is not None:
        result.after = asyncio.run(page_view(ws_url, timeout=120))
    return result


def warm(url: str) -> PageView:
    """One page view alone, so that the server's caches are filled before the measured run."""
    return asyncio.run(page_view(_loopback(url)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.loadtest", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="the app (or nginx in front of it) on this machine, e.g. http://127.0.0.1:8501")
    parser.add_argument("--sessions", type=int, default=25, help=f"simultaneous sessions (1–{MAX_SESSIONS}; default 25)")
    parser.add_argument("--duration", type=float, default=0.0,
                        help="keep every session busy for this many seconds (default 0: one page view each)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds one page view may take (default 120)")
    parser.add_argument("--pid", type=int, action="append", default=[],
                        help="a server process whose CPU and RSS to report (repeat for replicas)")
    parser.add_argument("--query", default="", help="query string of the page views, e.g. 'lang=ru&de=DE-TH'")
    parser.add_argument("--no-warm", action="store_true", help="do not open one page view first")
    parser.add_argument("--flood", type=float, metavar="SECONDS", default=0.0,
                        help=f"instead of page views: every session asks for a rerun every --interval seconds for this "
                             f"long (at most {MAX_FLOOD:.0f} s) without waiting, then the time until /_stcore/health answers")
    parser.add_argument("--interval", type=float, default=0.01,
                        help=f"seconds between one flooding session's rerun requests (default 0.01, at least {MIN_INTERVAL})")
    args = parser.parse_args(argv)
    try:
        if not args.no_warm:
            warm(args.url)
        if args.flood:
            print(flood(args.url, args.sessions, args.flood, args.interval).summary())
            return 0
        result = run(args.url, args.sessions, args.duration, args.timeout, args.pid, args.query)
    except ValueError as exc:
        parser.error(str(exc))
    print(result.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
