"""deploy/: the nginx configuration that deploy/run-local.sh generates is valid
nginx, and the load test refuses anything but this machine."""
import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def generated_config(folder: Path, replicas: int) -> Path:
    """deploy/nginx.conf with the placeholders filled in as run-local.sh does."""
    return generated_config_for(folder, [8501 + i for i in range(replicas)], 8080)


def generated_config_for(folder: Path, ports: list[int], port: int) -> Path:
    from dashboard.headers import app_values, fill

    servers = "".join(f"        server 127.0.0.1:{p} max_fails=2 fail_timeout=10s;\n" for p in ports)
    text = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8").replace("@SERVERS@\n", servers)
    text = fill(text, {"DIR": str(folder), "PORT": str(port), **app_values()})
    assert not re.search(r"@[A-Z_]+@", text)  # no placeholder left
    path = folder / "nginx.conf"
    path.write_text(text, encoding="utf-8")
    return path


def test_nginx_config_is_sticky_and_speaks_websocket(tmp_path):
    text = generated_config(tmp_path, 2).read_text(encoding="utf-8")
    assert "hash $pm_route consistent;" in text
    assert "proxy_set_header Upgrade $http_upgrade;" in text and "proxy_set_header Connection $connection_upgrade;" in text
    assert text.count("max_fails=2") == 2


@pytest.mark.skipif(NGINX is None and os.environ.get("CI") != "true", reason="nginx is not installed")
def test_generated_nginx_config_passes_nginx_t(tmp_path):
    assert NGINX, "nginx is missing on CI (apt-get install -y nginx)"
    tmp_path.chmod(0o755)  # started as root, nginx's workers run as another user
    config = generated_config(tmp_path, 2)
    result = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_run_local_script_is_valid_bash():
    subprocess.run(["bash", "-n", str(ROOT / "deploy" / "run-local.sh")], check=True)


@pytest.mark.parametrize("url", ["http://example.org:8501", "http://10.0.0.1:8501", "ftp://127.0.0.1/"])
def test_load_test_only_runs_against_this_machine(url):
    from dashboard import loadtest

    with pytest.raises(ValueError, match="only runs against this machine"):
        loadtest.run(url, sessions=1)


def test_load_test_counts_are_bounded():
    from dashboard import loadtest

    with pytest.raises(ValueError, match="sessions"):
        loadtest.run("http://127.0.0.1:1", sessions=loadtest.MAX_SESSIONS + 1)
    with pytest.raises(ValueError, match="duration"):
        loadtest.run("http://127.0.0.1:1", sessions=1, duration=loadtest.MAX_DURATION + 1)


def test_app_policy_allows_only_our_scripts_and_framing_by_ourselves():
    from dashboard.headers import app_policy, site_policy

    policy = dict(part.split(" ", 1) for part in app_policy().split("; "))
    assert policy["frame-ancestors"] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["script-src"].startswith("'self' 'sha256-")  # Streamlit's one inline script, by its hash
    assert "frame-ancestors 'self'" in site_policy() and "frame-ancestors *" in site_policy(embed=True)


def test_fill_refuses_an_unknown_placeholder():
    from dashboard.headers import fill

    with pytest.raises(KeyError, match="@PORT@"):
        fill("listen @PORT@;", {})


# -- served by nginx, as deployed ------------------------------------------------

def _nginx_or_skip() -> str:
    if NGINX is None:
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is missing on CI (apt-get install -y nginx)")
        pytest.skip("nginx is not installed")
    return NGINX


@contextlib.contextmanager
def running_nginx(config: Path, folder: Path, port: int):
    process = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(config), "-g", "daemon off;"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise AssertionError(f"nginx ended: {process.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # loopback only
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def public_folder():
    """A folder every user may enter (pytest's own tmp folders are owner-only), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="partnermap-site-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_static_site_is_served_by_nginx_workers_with_its_policy(public_folder):
    """Built under umask 077, served by nginx whose workers run as an unprivileged
    user (nobody, when started as root): every page and asset answers 200 with the CSP."""
    _nginx_or_skip()
    from dashboard import site
    from dashboard.headers import site_conf
    from dashboard.headless import free_port
    from geo import basemap
    from geo.resolve import load_atlas

    old = os.umask(0o077)
    try:
        pages = site.build(load_atlas(), public_folder / "public", basemap.outlines())
    finally:
        os.umask(old)
    root = public_folder / "public"
    files = [p for p in root.rglob("*") if p.is_file()]
    assert pages and files
    for path in [root, *root.rglob("*")]:
        mode = path.stat().st_mode & 0o777
        assert mode == (0o755 if path.is_dir() else 0o644), f"{path}: {oct(mode)}"
    nginx_dir = public_folder / "nginx"
    nginx_dir.mkdir(mode=0o755)
    port = free_port()
    config = nginx_dir / "site.conf"
    config.write_text(site_conf(root, port, nginx_dir), encoding="utf-8")
    with running_nginx(config, nginx_dir, port) as url:
        for path in files:
            relative = path.relative_to(root).as_posix()
            status, headers, body = fetch(f"{url}/{relative}")
            assert status == 200, f"{relative}: {status}"
            assert body == path.read_bytes()
            policy = headers.get("Content-Security-Policy", "")
            assert "script-src 'self'" in policy, relative
            assert ("frame-ancestors *" if relative.endswith("embed.html") else "frame-ancestors 'self'") in policy, relative
        for page in ("", "ru/", "en/"):
            status, headers, _ = fetch(f"{url}/{page}")
            assert status == 200 and headers.get("X-Frame-Options") == "SAMEORIGIN"


def test_app_through_nginx_carries_the_policy(tmp_path):
    """The app behind deploy/nginx.conf: its page, the map component's page and
    its files all carry the Content-Security-Policy."""
    _nginx_or_skip()
    from dashboard.headless import free_port, streamlit_process

    tmp_path.chmod(0o755)
    with streamlit_process(tmp_path) as (app_url, _process):
        app_port = int(app_url.rsplit(":", 1)[1])
        port = free_port()
        config = generated_config_for(tmp_path, [app_port], port)
        with running_nginx(config, tmp_path, port) as url:
            for path in ("/", "/_stcore/health"):
                status, headers, _ = fetch(url + path)
                assert status == 200, path
                assert "frame-ancestors 'self'" in headers.get("Content-Security-Policy", ""), path
            status, headers, _ = fetch(url + "/")
            assert headers.get("X-Frame-Options") == "SAMEORIGIN"
            # the map a town embeds: any site may frame it (the component's files exist after a first page view)
            from dashboard import loadtest

            assert loadtest.warm(app_url).to_map is not None
            status, headers, body = fetch(url + "/component/dashboard.mapview.partnermap/embed.html")
            assert status == 200 and b"pm-embed-config" in body
            assert "frame-ancestors *" in headers.get("Content-Security-Policy", "")
            assert "X-Frame-Options" not in headers
