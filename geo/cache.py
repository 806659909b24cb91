"""The on-disk cache: where it lives, and writes that never leave half a file."""
from __future__ import annotations

import os
import pickle
import tempfile
import warnings
from pathlib import Path
from typing import Any

ENV_CACHE_DIR = "PARTNERMAP_CACHE_DIR"


def cache_dir() -> Path:
    """``$PARTNERMAP_CACHE_DIR``, else ``~/.cache/partnermap``."""
    configured = os.environ.get(ENV_CACHE_DIR)
    path = Path(configured) if configured else Path.home() / ".cache" / "partnermap"
    path.mkdir(parents=True, exist_ok=True)
    return path


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class CacheWarning(UserWarning):
    """A cache file could not be used and will be rebuilt."""


def load_pickle(path: Path, key: Any) -> Any | None:
    """The cached value if ``path`` holds one made for ``key``, else None.

    A missing file is silent; a broken or stale one is reported as a
    CacheWarning naming the file, and the caller rebuilds it.
    """
    if not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            stored_key, value = pickle.load(handle)
    except Exception as exc:  # a truncated or foreign file: rebuild it
        warnings.warn(f"{path}: cache file unreadable ({exc.__class__.__name__}: {exc}); rebuilding it", CacheWarning, stacklevel=2)
        return None
    if stored_key != key:
        return None
    return value


def save_pickle(path: Path, key: Any, value: Any) -> None:
    atomic_write_bytes(path, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
