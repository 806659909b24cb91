"""deploy/: the nginx configuration that deploy/run-local.sh generates is valid
nginx, and the load test refuses anything but this machine."""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def generated_config(folder: Path, replicas: int) -> Path:
    """deploy/nginx.conf with the placeholders filled in as run-local.sh does."""
    servers = "".join(f"        server 127.0.0.1:{8501 + i} max_fails=2 fail_timeout=10s;\n" for i in range(replicas))
    text = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    text = text.replace("@DIR@", str(folder)).replace("@PORT@", "8080").replace("@SERVERS@\n", servers)
    assert not re.search(r"@[A-Z]+@", text)  # no placeholder left
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
