"""A cache of validated user dataset files (a warm run skips TOML and Pydantic), keyed
by coop's code and the file's identity on disk, or its bytes while new. Entries are the
user's own files, written atomically and checksummed; a bad or unsafe one is a miss.
`COOP_CACHE_DIR` sets the folder, `COOP_NO_CACHE=1` switches it off."""

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
_CHECK_OWNER = hasattr(os, "geteuid") and sys.platform != "win32"
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS = os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
# A file written this recently is keyed by its bytes: another write in the same tick of
# the file system's clock could leave its size and times as they were (git's rule).
RACY_SECONDS = 3
# So is a file this small, always (0.3 ms for the shipped data's 66 kB): a write through a
# shared memory map moves its times only on the first write to a page since the page was
# last saved to disk, or never (Linux; msync and munmap move nothing either).
HASHED_BYTES = 256 * 1024
_frozen: list[bool] = []  # whether `read` has frozen what the process holds


def cache_dir() -> Path | None:
    """`COOP_CACHE_DIR`, else the platform's cache folder under an existing absolute home
    or `XDG_CACHE_HOME`; None when switched off or somewhere surprising."""
    if os.environ.get("COOP_NO_CACHE", "") not in ("", "0"):
        return None
    if explicit := os.environ.get("COOP_CACHE_DIR"):
        # as XDG's rule: an absolute path, a folder or one coop can create in an existing
        # one (not a file, a device, nor a chain of folders); else no cache, and info says so
        folder = Path(explicit)
        return (
            folder
            if _anchored(folder)
            and not folder.is_file()
            and (folder.is_dir() or not folder.exists())
            else None
        )
    home = None
    with contextlib.suppress(RuntimeError, KeyError, OSError):  # no HOME, no passwd entry
        home = Path.home() if os.environ.get("HOME") != "" else None
    home = home if home is not None and home.is_absolute() and home.is_dir() else None
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        if local and _anchored(Path(local)):
            return Path(local) / "coop" / "Cache"
        return None if home is None else home / "AppData" / "Local" / "coop" / "Cache"
    if sys.platform == "darwin":
        return None if home is None else home / "Library" / "Caches" / "coop"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and _anchored(Path(xdg)):
        return Path(xdg) / "coop"
    return None if home is None else home / ".cache" / "coop"


def _anchored(base: Path) -> bool:
    return base.is_absolute() and (base.is_dir() or base.parent.is_dir())


def entry_size_limit(dataset_size: int) -> int:
    """The largest entry read or written for a dataset (an entry is some 1.4 times it)."""
    return 16 * dataset_size + 1024 * 1024


def _code_fingerprint() -> bytes:
    """Python's version and every module's name, size and mtime: any edit changes keys."""
    digest = blake2b(sys.version.encode())
    root = os.path.dirname(__file__)
    for folder, folders, files in sorted(os.walk(root)):
        folders[:] = [name for name in folders if name != "__pycache__"]
        for name in sorted(name for name in files if name.endswith(".py")):
            with contextlib.suppress(OSError):
                info = os.stat(os.path.join(folder, name))
                relative = os.path.relpath(os.path.join(folder, name), root)
                digest.update(f"\0{relative}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    return digest.digest()


def identity_key(info: os.stat_result, *, now_ns: int | None = None) -> str | None:
    """A file's key by its device, inode, size, mtime and ctime (which no program sets
    back), so a warm run reads none of it; None if written in the last `RACY_SECONDS`."""
    now = time.time_ns() if now_ns is None else now_ns
    if now - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_SECONDS * 1_000_000_000:
        return None
    identity = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    return blake2b(_code_fingerprint() + b"identity" + repr(identity).encode()).hexdigest()


def content_key(content: bytes) -> str:
    """The key of a dataset's bytes."""
    digest = blake2b(_code_fingerprint() + b"content")
    digest.update(content)
    return digest.hexdigest()


def checksum(key: str, payload: bytes | memoryview) -> bytes:
    """What an entry under `key` starts with: the CRC-32 of the key and the payload."""
    return zlib.crc32(payload, zlib.crc32(key.encode())).to_bytes(4, "big")


def _own(info: os.stat_result) -> bool:
    """Whether the user owns it and no one else may write it."""
    return not _CHECK_OWNER or (info.st_uid == os.geteuid() and not info.st_mode & 0o022)


def _safe_folder(create: bool) -> Path | None:
    """The cache folder if it is the user's own and only theirs to write, else None."""
    folder = cache_dir()
    try:
        if folder is not None and create and not folder.exists():
            folder.mkdir(mode=0o700, parents=True)
            os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
        info = os.stat(folder) if folder is not None else None
    except OSError:
        return None
    return folder if info is not None and stat.S_ISDIR(info.st_mode) and _own(info) else None


def read(key: str, dataset_size: int) -> Any | None:
    """The value stored under `key`, or None if absent, unsafe or damaged. Never follows
    a link or blocks (a FIFO is opened, seen and closed)."""
    folder = _safe_folder(create=False)
    limit = entry_size_limit(dataset_size)
    if folder is None:
        return None
    blob = b""
    with contextlib.suppress(OSError):
        handle = os.open(folder / (key + _SUFFIX), _OPEN_FLAGS)
        try:
            info = os.fstat(handle)
            if stat.S_ISREG(info.st_mode) and info.st_size <= limit and _own(info):
                with os.fdopen(handle, "rb", closefd=False) as stream:
                    blob = stream.read(limit + 1)
        finally:
            os.close(handle)
    payload = memoryview(blob)[4:]  # a view: the payload can be megabytes
    if len(blob) > limit or checksum(key, payload) != blob[:4]:
        return None
    # Hundreds of thousands of objects that all live to the end: no collection meanwhile,
    # and on a process's first load (a command's only one) none of them scanned again; a
    # program that loads again and again, or runs with the collector off, keeps its way.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    finally:
        if collecting:
            if not _frozen:  # not `gc.get_freeze_count()`, which counts them all (4 ms)
                gc.freeze()
                _frozen.append(True)
            gc.enable()


def write(key: str, value: Any, dataset_size: int) -> None:
    """Store `value` under `key` atomically; do nothing if the folder is not safe to use."""
    folder = _safe_folder(create=True)
    if folder is None:
        return
    import tempfile

    payload = marshal.dumps(_share_equal_strings(value, {}))
    if len(payload) + 4 > entry_size_limit(dataset_size):
        return
    with contextlib.suppress(OSError):
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=_SUFFIX)
        try:
            with os.fdopen(handle, "wb") as stream:
                os.fchmod(stream.fileno(), 0o600)
                stream.write(checksum(key, payload) + payload)
            os.replace(temporary, folder / (key + _SUFFIX))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        entries = sorted(folder.glob("*" + _SUFFIX), key=lambda p: p.lstat().st_mtime)
        for stale in entries[:-_KEEP_FILES]:  # an entry gone meanwhile ends the pruning
            stale.unlink()


def _share_equal_strings(value: Any, seen: dict[str, str]) -> Any:
    """`value` with equal strings made one object, which marshal writes and reads once:
    a third of the entry and of the time to read it, on the 100x dataset."""
    if isinstance(value, str):
        return seen.setdefault(value, value)
    if isinstance(value, dict):
        return {seen.setdefault(k, k): _share_equal_strings(v, seen) for k, v in value.items()}
    if isinstance(value, list):
        return [_share_equal_strings(item, seen) for item in value]
    return value
