"""The README's screenshots, made again from the running app:
``python -m dashboard.screenshots [DIR]`` (default ``docs/``).

Starts ``streamlit run dashboard/app.py`` on a free local port and drives
Debian's headless Chromium with the network cut (``dashboard.headless``), so the
pictures show what a projector without internet shows: the country outlines,
no tiles. Each picture waits until the map has drawn its outlines and placed its
names, and until a framing's flight has ended. Prints each file with what it shows.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from .headless import ROOT, map_frame, offline_page, streamlit_server


def _settled(frame) -> None:
    """The outlines drawn, the names placed, no flight under way."""
    frame.wait_for_function("""() => document.querySelectorAll('.leaflet-basemap-pane path').length > 20
        && window.pm.counts().labels > 0 && !window.pm.moving()""", timeout=30000)
    frame.page.wait_for_timeout(400)


def _plain(size: tuple[int, int], query: str, says: str):
    """A picture of the app as a link opens it: at ``size``, with the link's ``query``."""
    def shoot(url: str, out: Path) -> str:
        with offline_page(*size) as page:
            page.goto(url + "/?" + query)
            _settled(map_frame(page))
            page.screenshot(path=str(out))
        return says
    return shoot


def detail(url: str, out: Path) -> str:
    with offline_page(1400, 1000) as page:
        page.goto(url + "/?lang=de")
        frame = map_frame(page)
        _settled(frame)
        # the Suhl–Kaluga partnership's detail, as a click on its arc opens it
        pair = frame.evaluate("""() => { const m = window.pm.model;
            for (let i = 0; i < m.nPairs; i++) { if (m.key(m.de(i)) === 'de:Suhl' && m.isArc(i)) { return m.id(i); } }
            return null; }""")
        if pair is None:
            raise RuntimeError("the Suhl–Kaluga partnership is not in the data")
        frame.evaluate("(id) => window.pm.openPair(id)", pair)
        frame.wait_for_function("() => { const b = window.pm.detailBox(); return !!b && b.innerText.includes('Kaluga'); }",
                                timeout=30000)
        page.wait_for_timeout(600)
        page.screenshot(path=str(out))
    return "a partnership's detail (Suhl – Kaluga) in the map's own panel, in German"


def presentation(url: str, out: Path) -> str:
    with offline_page(1280, 720) as page:
        page.goto(url + "/?mode=present&lang=ru")
        frame = map_frame(page)
        _settled(frame)
        page.keyboard.press("ArrowRight")  # no click first: the keys work from the page's load
        page.keyboard.press("ArrowRight")
        frame.wait_for_function("() => window.pm.tourStep >= 1", timeout=30000)
        _settled(frame)
        page.screenshot(path=str(out))
    return "presentation mode at 1280×720 in Russian, the conference tour at its second step"


SHOTS = {
    "screenshot.png": _plain((1400, 1000), "lang=de",
                             "the normal view at 1400×1000 in German: every partnership, the Germany inset, the slim bar"),
    "detail-de.png": detail,
    "thueringen-en.png": _plain((1400, 1000), "lang=en&de=DE-TH",
                                "the filter Thüringen in English: the map frames the Thuringian places and their partners"),
    "presentation-ru.png": presentation,
    "phone-ru.png": _plain((390, 844), "lang=ru", "a phone (390×844) in Russian: the map from the top of the screen"),
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m dashboard.screenshots", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", nargs="?", default=str(ROOT / "docs"), help="where the pictures go (default docs/)")
    args = parser.parse_args()
    out = Path(args.dir)
    out.mkdir(parents=True, exist_ok=True)
    with streamlit_server() as url:
        for name, shoot in SHOTS.items():
            print(f"{out / name}: {shoot(url, out / name)}", flush=True)


if __name__ == "__main__":
    main()
