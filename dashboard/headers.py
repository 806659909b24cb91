"""The HTTP headers that keep other sites from framing or scripting the map.

Streamlit cannot be told to send response headers of our own, so the headers
are set by the server in front of it: ``deploy/nginx.conf`` for the app's
replicas and ``deploy/site.conf`` for the static site (``deploy/run-local.sh``
and ``python -m dashboard.headers`` fill them in). Without nginx (the README's
``streamlit run``) the map component still refuses every message that does not
come from its own page on its own origin (``static/map/bridge.js``).

The app's policy allows scripts only from the app itself plus the one inline
script of Streamlit's ``index.html`` (by its hash, computed from the installed
Streamlit, so an upgrade cannot silently break or widen it); pages may be
framed only by the app itself (``frame-ancestors 'self'``), except the static
site's ``embed.html``, which a town puts on its own website: it holds no state
worth stealing.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import re
from pathlib import Path

TILE_HOSTS = ("https://tile.openstreetmap.org",)  # the online map background (mapview.TILES_URL)
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions (``'sha256-…'``) for every inline script of a page."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        if "src=" in match["attrs"].lower() or not match["body"].strip():
            continue
        digest = base64.b64encode(hashlib.sha256(match["body"].encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return hashes


def streamlit_index() -> Path:
    import streamlit

    return Path(streamlit.__file__).resolve().parent / "static" / "index.html"


def _policy(parts: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *values]) for name, values in parts.items())


def app_policy() -> str:
    """Content-Security-Policy for the Streamlit app (its page, its component frames, its files)."""
    hashes = inline_script_hashes(streamlit_index().read_text(encoding="utf-8"))
    return _policy({
        "default-src": ["'self'"],
        "script-src": ["'self'", *hashes],
        # Streamlit's styling (emotion) and Leaflet position elements with inline styles
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *TILE_HOSTS],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],  # the websocket to the same host counts as 'self' in CSP 3
        "worker-src": ["'self'", "blob:"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    })


def site_policy(embed: bool = False) -> str:
    """Content-Security-Policy for the static site; ``embed`` for ``embed.html``, which any site may frame."""
    return _policy({
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *TILE_HOSTS],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["*"] if embed else ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'none'"],
    })


def app_values() -> dict[str, str]:
    """The policies ``deploy/nginx.conf`` needs: the app's, and embed.html's in the component folder."""
    return {"CSP": app_policy(), "CSP_EMBED": site_policy(embed=True)}


def fill(template: str, values: dict[str, str]) -> str:
    """``template`` (deploy/*.conf) with its ``@NAME@`` placeholders replaced; an unknown or unfilled one is an error."""
    def one(match: re.Match) -> str:
        name = match[1]
        if name not in values:
            raise KeyError(f"no value for @{name}@")
        return values[name]

    return re.sub(r"@([A-Z_]+)@", one, template)


DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def site_conf(root: Path, port: int, folder: Path) -> str:
    """``deploy/site.conf`` filled in: nginx serving the static site in ``root``
    on 127.0.0.1:``port``, its own files in ``folder``."""
    template = (DEPLOY / "site.conf").read_text(encoding="utf-8")
    return fill(template, {"DIR": str(folder), "PORT": str(int(port)), "ROOT": str(Path(root).resolve()),
                           "CSP": site_policy(), "CSP_EMBED": site_policy(embed=True)})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.headers",
                                     description="print the Content-Security-Policy of the app or of the static site, "
                                                 "or deploy/site.conf filled in for a built site")
    parser.add_argument("which", choices=["app", "site", "embed", "site-conf"])
    parser.add_argument("root", nargs="?", type=Path, help="with site-conf: the built site's folder")
    parser.add_argument("--port", type=int, default=8000, help="with site-conf: the port nginx listens on (127.0.0.1)")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/partnermap-site-nginx"),
                        help="with site-conf: a folder for nginx's pid, logs and temporary files")
    args = parser.parse_args(argv)
    if args.which == "site-conf":
        if args.root is None:
            parser.error("site-conf needs the built site's folder")
        print(site_conf(args.root, args.port, args.dir))
        return 0
    print({"app": app_policy, "site": site_policy, "embed": lambda: site_policy(embed=True)}[args.which]())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
