"""A cache of validated datasets, keyed by the dataset's bytes and coop's own code.

Validating a dataset means importing Pydantic and parsing TOML, which costs more than
everything else a run does. A dataset whose exact bytes have been validated before by
the same coop is read back from here instead. Anything edited (a different hash), any
other coop version or model, and any damaged cache file (its checksum does not match)
falls through to a full validation, so nothing stale or unvalidated is ever served.

Environment: `COOP_CACHE_DIR` sets the folder, `COOP_NO_CACHE=1` switches it off. A
folder that cannot be written is silently ignored: the cache only ever saves time.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any

from coopcli import __version__

try:  # the built-in module, without the OpenSSL bindings `hashlib` loads (2 ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

_MODULES_THAT_SHAPE_THE_DATA = (
    "model.py",
    "vocab.py",
    "dataset.py",
    "validation.py",
    "facts.py",
    "textfold.py",
)
_KEEP_FILES = 16
_SUFFIX = ".coopcache"


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is switched off."""
    if os.environ.get("COOP_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("COOP_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "coop" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "coop"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "coop"


def _code_fingerprint() -> bytes:
    """Digest of the code that decides what a valid, normalised dataset is."""
    digest = blake2b(__version__.encode())
    digest.update(sys.version.encode())
    here = Path(__file__).parent
    for name in _MODULES_THAT_SHAPE_THE_DATA:
        with contextlib.suppress(OSError):
            digest.update((here / name).read_bytes())
    return digest.digest()


def key_for(content: bytes) -> str:
    """The cache key of a dataset's bytes under this coop."""
    digest = blake2b(_code_fingerprint())
    digest.update(content)
    return digest.hexdigest()


def _checksum(payload: bytes | memoryview) -> bytes:
    """Catches a truncated or damaged file (Adler-32: several times faster than CRC-32
    here, and the key, not this, is what tells one dataset from another)."""
    return zlib.adler32(payload).to_bytes(4, "big")


def read(key: str) -> Any | None:
    """The value stored under `key`, or None if absent, unreadable or damaged."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        blob = (folder / (key + _SUFFIX)).read_bytes()
    except OSError:
        return None
    payload = memoryview(blob)[4:]  # a view: the payload can be megabytes
    if _checksum(payload) != blob[:4]:
        return None
    # A large dataset is hundreds of thousands of objects: collecting garbage while they
    # are created would scan them again and again, and they all live to the end.
    gc.disable()
    try:
        value = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    finally:
        gc.enable()
    gc.freeze()
    return value


def write(key: str, value: Any) -> None:
    """Store `value` under `key` atomically; do nothing if the folder is unwritable."""
    folder = cache_dir()
    if folder is None:
        return
    import tempfile

    payload = marshal.dumps(_share_equal_strings(value, {}))
    blob = _checksum(payload) + payload
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=_SUFFIX)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(blob)
            os.replace(temporary, folder / (key + _SUFFIX))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        _prune(folder)
    except OSError:
        return


def _share_equal_strings(value: Any, seen: dict[str, str]) -> Any:
    """`value` with equal strings made one object, which marshal then writes once and
    reads back once: fewer objects to create on every run (statuses, kinds, names and
    quotes repeat across facts)."""
    if isinstance(value, str):
        return seen.setdefault(value, value)
    if isinstance(value, dict):
        return {seen.setdefault(k, k): _share_equal_strings(v, seen) for k, v in value.items()}
    if isinstance(value, list):
        return [_share_equal_strings(item, seen) for item in value]
    return value


def _prune(folder: Path) -> None:
    """Keep only the most recently written cache files."""
    entries = sorted(
        folder.glob("*" + _SUFFIX), key=lambda path: path.stat().st_mtime, reverse=True
    )
    for stale in entries[_KEEP_FILES:]:
        with contextlib.suppress(OSError):
            stale.unlink()
