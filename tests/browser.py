"""Browser-test helpers: skip (or, on CI, fail) without Chromium."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from dashboard.headless import CHROMIUM, count_shapes, map_frame, offline_page  # noqa: F401
from dashboard.headless import streamlit_server as _server

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

def require_chromium() -> None:
    """Skip without Chromium; on CI (CI=true) its absence is a failure."""
    missing = not Path(CHROMIUM).exists()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = True
    if missing:
        reason = f"Chromium ({CHROMIUM}) or Playwright missing: apt-get install -y chromium; pip install playwright"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)

def streamlit_server():
    return _server(ARTIFACTS)
