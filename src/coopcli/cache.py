"""A cache of validated user dataset files, so that a warm run skips TOML and Pydantic.

Keyed by coop's code (every module's name, size and mtime) and the file's identity on disk
(device, inode, size, mtime, ctime), or its bytes when written in the last `RACY_SECONDS`.
Entries are written atomically and checksummed; a bad or unsafe entry is ignored.
`COOP_CACHE_DIR` sets the folder, `COOP_NO_CACHE=1` switches it off.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import stat
import sys
import time
import zlib
from pathlib import Path
from typing import Any

try:  # the built-in module, without the OpenSSL bindings `hashlib` loads (2 ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

_KEEP_FILES = 16
_SUFFIX = ".coopcache"
_CHECKSUM_BYTES = 4
_ENTRY_SIZE_FACTOR = 16
"""An entry is some 1.4 times its dataset's size; one past this many times is refused."""
_ENTRY_SIZE_SLACK = 1024 * 1024
_CHECK_OWNER = hasattr(os, "geteuid") and sys.platform != "win32"
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is switched off or has no sensible place.

    `COOP_CACHE_DIR` as given; otherwise the platform's cache folder, which must hang
    from a folder that exists: the home folder (absolute, as `HOME` or the password
    database gives it), or an absolute `XDG_CACHE_HOME` whose parent exists (the XDG
    spec ignores a relative one). No cache is better than one made in a surprising
    place (`HOME=/nonexistent`, a relative path that lands in the current folder);
    a missing `~/.cache` under an existing home is still created.
    """
    if os.environ.get("COOP_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("COOP_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        if local and _anchored(Path(local)):
            return Path(local) / "coop" / "Cache"
        home = _home()
        return None if home is None else home / "AppData" / "Local" / "coop" / "Cache"
    home = _home()
    if sys.platform == "darwin":
        return None if home is None else home / "Library" / "Caches" / "coop"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and _anchored(Path(xdg)):
        return Path(xdg) / "coop"
    return None if home is None else home / ".cache" / "coop"


def _home() -> Path | None:
    """The user's home folder if it is absolute and exists (an empty `HOME` is none,
    not the root folder that `Path.home` makes of it)."""
    if os.environ.get("HOME") == "":
        return None
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):  # no HOME and no password entry
        return None
    return home if home.is_absolute() and home.is_dir() else None


def _anchored(base: Path) -> bool:
    """Whether `base` is absolute and it, or its parent, exists as a folder."""
    return base.is_absolute() and (base.is_dir() or base.parent.is_dir())


def entry_size_limit(dataset_size: int) -> int:
    """The largest cache entry read or written for a dataset of `dataset_size` bytes."""
    return _ENTRY_SIZE_FACTOR * dataset_size + _ENTRY_SIZE_SLACK


def _package_modules(folder: str, prefix: str = "") -> list[tuple[str, int, int]]:
    """(name relative to the package, size, mtime in ns) of every `*.py` file under
    `folder`, from the directory scan (no `stat` call of its own on Linux)."""
    modules: list[tuple[str, int, int]] = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    modules += _package_modules(entry.path, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".py"):
                status = entry.stat()
                modules.append((prefix + entry.name, status.st_size, status.st_mtime_ns))
    return modules


def _code_fingerprint() -> bytes:
    """Digest of Python's version and every module's name, size and mtime (`__init__.py`
    holds coop's version): any edit of the package changes every key."""
    digest = blake2b(sys.version.encode())
    for name, size, mtime in sorted(_package_modules(os.path.dirname(__file__))):
        digest.update(f"\0{name}\0{size}\0{mtime}".encode())
    return digest.digest()


RACY_SECONDS = 3
"""A file written this recently is keyed by its bytes, not its identity: another write
within the same tick of the file system's clock (a few milliseconds on Linux, two
seconds on FAT) could leave its size and times as they were (git's "racy" rule)."""


def identity_key(info: os.stat_result, *, now_ns: int | None = None) -> str | None:
    """The cache key of a dataset file from its identity on disk under this coop: its
    device, inode, size and modification and change times, to the nanosecond. Any write
    to the file changes its change time, which no program can set back, so an edited
    file never finds the entry of its previous content, and a warm run reads none of
    the file. None for a file written in the last `RACY_SECONDS` (see `content_key`)."""
    now = time.time_ns() if now_ns is None else now_ns
    if now - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_SECONDS * 1_000_000_000:
        return None
    digest = blake2b(_code_fingerprint())
    identity = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    digest.update(b"identity" + repr(identity).encode())
    return digest.hexdigest()


def content_key(content: bytes) -> str:
    """The cache key of a dataset's bytes under this coop: for a file written too
    recently for `identity_key` to tell."""
    digest = blake2b(_code_fingerprint())
    digest.update(b"content")
    digest.update(content)
    return digest.hexdigest()


def checksum(key: str, payload: bytes | memoryview) -> bytes:
    """What an entry under `key` starts with: the CRC-32 of the key and the payload."""
    return zlib.crc32(payload, zlib.crc32(key.encode())).to_bytes(_CHECKSUM_BYTES, "big")


def _safe_folder(create: bool) -> Path | None:
    """The cache folder if it is the user's own and only theirs to write, else None."""
    folder = cache_dir()
    if folder is None:
        return None
    if create:
        try:
            folder.mkdir(mode=0o700, parents=True)
            os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
        except FileExistsError:
            pass
        except OSError:
            return None
    try:
        info = os.stat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    if _CHECK_OWNER and (info.st_uid != os.geteuid() or info.st_mode & 0o022):
        return None
    return folder


def _read_own_file(path: Path, limit: int) -> bytes | None:
    """The bytes of `path` if it is a regular file of the user's that no one else may
    write, at most `limit` bytes long; None otherwise. Never follows a symbolic link and never blocks (a FIFO
    is opened, seen and closed)."""
    try:
        handle = os.open(path, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        with os.fdopen(handle, "rb", closefd=False) as stream:
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                return None
            if _CHECK_OWNER and (info.st_uid != os.geteuid() or info.st_mode & 0o022):
                return None
            content = stream.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(handle)
    return content if len(content) <= limit else None


def read(key: str, dataset_size: int) -> Any | None:
    """The value stored under `key`, or None if absent, unsafe or damaged."""
    folder = _safe_folder(create=False)
    if folder is None:
        return None
    blob = _read_own_file(folder / (key + _SUFFIX), entry_size_limit(dataset_size))
    if blob is None or len(blob) < _CHECKSUM_BYTES:
        return None
    payload = memoryview(blob)[_CHECKSUM_BYTES:]  # a view: the payload can be megabytes
    if checksum(key, payload) != blob[:_CHECKSUM_BYTES]:
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


def write(key: str, value: Any, dataset_size: int) -> None:
    """Store `value` under `key` atomically; do nothing if the folder is not safe to use."""
    folder = _safe_folder(create=True)
    if folder is None:
        return
    import tempfile

    payload = marshal.dumps(_share_equal_strings(value, {}))
    blob = checksum(key, payload) + payload
    if len(blob) > entry_size_limit(dataset_size):
        return
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=_SUFFIX)
        try:
            with os.fdopen(handle, "wb") as stream:
                os.fchmod(stream.fileno(), 0o600)
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
    entries: list[tuple[float, str]] = []
    with os.scandir(folder) as found:
        for entry in found:
            if entry.name.endswith(_SUFFIX):
                with contextlib.suppress(OSError):
                    entries.append((entry.stat(follow_symlinks=False).st_mtime, entry.path))
    entries.sort(reverse=True)
    for _, stale in entries[_KEEP_FILES:]:
        with contextlib.suppress(OSError):
            os.unlink(stale)
