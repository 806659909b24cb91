"""The on-disk cache: where it lives, what may be trusted from it, and writes
that never leave half a file.

Cached values are gzip-compressed JSON, a format that cannot run code when it
is read (a pickle can: whoever can write a pickle into the cache folder can
run code in every process that loads it). On top of that the folder is made
owner-only, and a folder writable by others or a file owned by someone else
is not read at all.

No cache problem ever stops a caller: an unusable folder or file, a corrupt
or foreign file, a failed write - each gives ONE CacheWarning naming the path,
and the value is computed in memory instead.
"""
from __future__ import annotations

import gc
import gzip
import json
import os
import stat
import tempfile
import warnings
from pathlib import Path
from typing import Any, Callable, TypeVar

ENV_CACHE_DIR = "PARTNERMAP_CACHE_DIR"
FORMAT = "partnermap-cache/1"  # marks our own files; anything else is foreign

T = TypeVar("T")


class CacheWarning(UserWarning):
    """A cache file or folder could not be used; the value is computed in memory."""


class CacheUnusable(OSError):
    """Why a cache path cannot be trusted or written (becomes one CacheWarning).
    An OSError, so that callers already prepared for a failing disk catch it."""


def configured_dir() -> Path:
    """``$PARTNERMAP_CACHE_DIR``, else ``~/.cache/partnermap`` (not created)."""
    configured = os.environ.get(ENV_CACHE_DIR)
    if configured:
        return Path(configured)
    try:
        return Path.home() / ".cache" / "partnermap"
    except RuntimeError:  # no HOME and no passwd entry
        return Path(tempfile.gettempdir()) / f"partnermap-{os.getuid()}"


def _check_dir(path: Path) -> None:
    """Raise CacheUnusable unless ``path`` is a folder only its owner (we) can write."""
    info = path.lstat()
    if not stat.S_ISDIR(info.st_mode):
        raise CacheUnusable("is not a folder")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise CacheUnusable(f"folder is owned by uid {info.st_uid}, not by this user")
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise CacheUnusable("folder is writable by other users")


def ensure_dir(path: Path | None = None) -> Path:
    """The cache folder, created owner-only (0o700); CacheUnusable if it cannot
    be created or is not safe to read from."""
    path = path or configured_dir()
    try:
        if not path.exists() and not path.is_symlink():
            path.mkdir(parents=True, mode=0o700, exist_ok=True)
            os.chmod(path, 0o700)  # mkdir's mode is reduced by the umask only, but be explicit
        _check_dir(path)
    except CacheUnusable:
        raise
    except OSError as exc:
        raise CacheUnusable(f"{exc.__class__.__name__}: {exc.strerror or exc}") from exc
    return path


def cache_dir() -> Path:
    """The cache folder (see ensure_dir). Raises CacheUnusable (an OSError); most callers
    want ``cached``/``read_json``/``write_json``, which never raise."""
    return ensure_dir()


def warn(path: Path, message: str) -> None:
    warnings.warn(f"{path}: {message}", CacheWarning, stacklevel=3)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary owner-only file beside ``path`` and rename it into place."""
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


def read_trusted_bytes(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of ours in a safe folder;
    None if it does not exist; CacheUnusable otherwise."""
    try:
        _check_dir(path.parent)
        info = path.lstat()
    except FileNotFoundError:
        return None
    except CacheUnusable:
        raise
    except OSError as exc:
        raise CacheUnusable(f"{exc.__class__.__name__}: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise CacheUnusable("is not a regular file (ignored)")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise CacheUnusable(f"file is owned by uid {info.st_uid}, not by this user (ignored)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CacheUnusable(f"{exc.__class__.__name__}: {exc.strerror or exc}") from exc


def _decode(path: Path, raw: bytes, key: str) -> tuple[bool, Any]:
    """(True, value) for our file made for ``key``; (False, None) for a stale one."""
    collecting = gc.isenabled()
    # Parsing creates millions of small lists (the arcs) that all live on: the
    # cyclic garbage collector would walk them again and again for nothing.
    gc.disable()
    try:
        document = json.loads(gzip.decompress(raw).decode("utf-8"))
    except (OSError, EOFError, ValueError, UnicodeDecodeError) as exc:
        raise CacheUnusable(f"not a readable cache file ({exc.__class__.__name__}); rebuilding it") from exc
    finally:
        if collecting:
            gc.enable()
    if not isinstance(document, dict) or document.get("format") != FORMAT or "key" not in document:
        raise CacheUnusable("not a partnermap cache file; rebuilding it")
    if document["key"] != key:
        return False, None  # made from other data or code: quietly rebuilt
    return True, document.get("value")


def _encode(key: str, value: Any) -> bytes:
    text = json.dumps({"format": FORMAT, "key": key, "value": value}, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=3)  # fast: the cache is rewritten on every change


def cached(name: str, key: str, build: Callable[[], T], dump: Callable[[T], Any],
           restore: Callable[[Any], T], refresh: bool = False) -> tuple[T, bool]:
    """``build()``'s value, from ``<cache dir>/<name>`` when it was made for ``key``.

    ``dump`` turns the value into JSON data, ``restore`` turns that back. Any
    cache problem gives one CacheWarning and the freshly built value. Returns
    (value, came_from_cache). ``refresh`` skips reading and rewrites the file.
    """
    try:
        folder = ensure_dir()
    except CacheUnusable as exc:
        warn(configured_dir(), f"cache folder unusable ({exc}); working in memory")
        return build(), False
    path = folder / name
    try:
        raw = None if refresh else read_trusted_bytes(path)
        if raw is not None:
            fresh, data = _decode(path, raw, key)
            if fresh:
                collecting = gc.isenabled()
                gc.disable()  # restoring makes many objects that all live on (see _decode)
                try:
                    return restore(data), True
                except (AttributeError, KeyError, IndexError, TypeError, ValueError) as exc:
                    raise CacheUnusable(f"cache file has an unexpected shape ({exc.__class__.__name__}); rebuilding it") from exc
                finally:
                    if collecting:
                        gc.enable()
    except CacheUnusable as exc:
        value = build()
        # The file is reported once; a successful rewrite replaces it silently.
        warn(path, str(exc))
        _try_write(path, key, value, dump, warn_on_failure=False)
        return value, False
    value = build()
    _try_write(path, key, value, dump, warn_on_failure=True)
    return value, False


def _try_write(path: Path, key: str, value: Any, dump: Callable[[Any], Any], warn_on_failure: bool) -> None:
    try:
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise CacheUnusable("is in the way (not a regular file); not overwritten")
        atomic_write_bytes(path, _encode(key, dump(value)))
    except (OSError, CacheUnusable) as exc:
        if warn_on_failure:
            warn(path, f"cannot write the cache ({exc.__class__.__name__}: {exc}); working in memory")


def read_json(path: Path) -> Any | None:
    """Plain JSON from a trusted cache file; None (with one CacheWarning) when
    it is unusable or unreadable, None (silently) when it does not exist."""
    try:
        raw = read_trusted_bytes(path)
        if raw is None:
            return None
        return json.loads(raw.decode("utf-8"))
    except CacheUnusable as exc:
        warn(path, str(exc))
    except (ValueError, UnicodeDecodeError) as exc:
        warn(path, f"cache file unreadable ({exc.__class__.__name__}: {exc}); starting afresh")
    return None


def write_json(path: Path, value: Any) -> bool:
    """Write plain JSON atomically; False (with one CacheWarning) on failure."""
    try:
        ensure_dir(path.parent)
        atomic_write_bytes(path, json.dumps(value, ensure_ascii=False, indent=0).encode("utf-8"))
        return True
    except (OSError, CacheUnusable) as exc:
        warn(path, f"cannot write the cache ({exc.__class__.__name__}: {exc}); kept in memory only")
        return False
