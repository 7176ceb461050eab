"""Find and load a dataset: the shipped one as validated at build time, a user's file
from the cache when possible, else validated (`coopcli.validation`, with Pydantic)."""

from __future__ import annotations

import contextlib
import errno
import marshal
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from coopcli import cache, shipped
from coopcli.errors import DataError, Problem, decode
from coopcli.facts import partner_haystack
from coopcli.limits import MAX_BYTES

if TYPE_CHECKING:
    from coopcli.records import DatasetRecord


class ValidatedFile:
    """A validated dataset and where it came from (its cache entry, if any, and size)."""

    # a plain class: importing dataclasses costs a warm run 0.5 ms
    __slots__ = ("_haystacks", "cache_key", "path", "records", "shipped", "size")

    def __init__(
        self, path: Path, shipped: bool, records: DatasetRecord, cache_key: str | None = None,
        size: int = 0,
    ) -> None:  # fmt: skip
        self.path, self.shipped, self.records = path, shipped, records
        self.cache_key, self.size = cache_key, size
        self._haystacks: dict[str, str] | None = None

    @property
    def haystacks(self) -> dict[str, str]:
        """The folded text of every fact by partner id, cached apart (only search needs it)."""
        if self._haystacks is None:
            key = self.cache_key and self.cache_key + "-haystacks"
            cached = cache.read(key, self.size) if key else None
            if not isinstance(cached, dict):
                cached = {p["id"]: partner_haystack(p) for p in self.records["partners"]}
                if key:
                    cache.write(key, cached, self.size)
            self._haystacks = cached
        return self._haystacks


_Plain = TypeVar("_Plain")


def copied(value: _Plain) -> _Plain:
    """A copy of plain data (dicts, lists, text, numbers) that shares nothing with it:
    marshal's round trip, three times as fast as `copy.deepcopy`."""
    return cast("_Plain", marshal.loads(marshal.dumps(cast("Any", value))))


def resolve_path(data: str | os.PathLike[str] | None) -> tuple[Path, bool]:
    """The dataset to use: `data` if given, else the shipped one. Also says which."""
    if data is None or str(data) == "":
        return shipped.dataset_path(), True
    return Path(data), False


def load(
    data: str | os.PathLike[str] | None = None, *, use_cache: bool = True, locate: bool = True
) -> ValidatedFile:
    """Load a dataset (default: the shipped one); a user's file from the cache if possible,
    else validated. With `locate` False, an invalid file's DataError says how many
    problems it has, not which (completion)."""
    path, shipped_data = resolve_path(data)
    if shipped_data:
        from coopcli import _built

        return ValidatedFile(path, True, _built.records())
    handle, info = _open(path)
    size = info.st_size
    try:
        # None: too new or too small to tell by it
        key = cache.identity_key(info) if use_cache and size > cache.HASHED_BYTES else None
        records = _cached(key, size)
        if records is not None:
            return ValidatedFile(path, False, records, cache_key=key, size=size)
        content = _read(path, handle)
    finally:
        os.close(handle)
    if use_cache:  # the bytes decide: a file validated while new is not again once settled
        by_content = cache.content_key(content)
        records = _cached(by_content, size)
        if key is None:
            key = by_content
        elif records is not None:
            cache.write(key, records, size)
    if records is None:
        from coopcli.validation import validate_bytes

        records = validate_bytes(content, str(path), locate=locate)
        if key:
            cache.write(key, records, size)
    return ValidatedFile(path, False, records, cache_key=key, size=size)


def _cached(key: str | None, size: int) -> DatasetRecord | None:
    cached = cache.read(key, size) if key else None
    if isinstance(cached, dict) and cached.keys() == {"meta", "things", "partners"}:
        return cast("DatasetRecord", cached)
    return None


def read_source_text(path: Path) -> str:
    """A source document's text (UTF-8), or a DataError with one line on why not."""
    return decode(read_bytes(path), str(path))


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a DataError with one clear line on why it cannot be read."""
    handle, _ = _open(path)
    try:
        return _read(path, handle)
    finally:
        os.close(handle)


def _fail(path: Path, what: str) -> DataError:
    return DataError([Problem(str(path), None, "file", what)])


def _open(path: Path) -> tuple[int, os.stat_result]:
    """An open descriptor of a regular file within the size limit, and its status, else a
    DataError. Opened without blocking, then judged: a FIFO cannot hang the run, and
    nothing can be swapped in between a check and the read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        raise _fail(path, _why_not_opened(path, error)) from None
    except ValueError:  # a NUL, which no path holds (only the Python API can give one)
        raise _fail(path, "no such file (a path cannot hold a NUL character)") from None
    try:
        info = os.fstat(handle)
        what = (
            "is a folder, not a dataset file"
            if stat.S_ISDIR(info.st_mode)
            else "not a regular file"
            if not stat.S_ISREG(info.st_mode)
            else f"file is {info.st_size:,} bytes, over the limit of {MAX_BYTES:,}"
            if info.st_size > MAX_BYTES
            else ""
        )
    except OSError as error:
        what = error.strerror or str(error)
    if what:
        os.close(handle)
        raise _fail(path, what)
    return handle, info


def _why_not_opened(path: Path, error: OSError) -> str:
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a dataset file"
    if isinstance(error, FileNotFoundError):
        with contextlib.suppress(OSError):  # a symbolic link in the way: say where it points
            target = os.readlink(path)
            where = "" if os.path.isabs(target) else f", in {path.parent} where the link is"
            return f"broken symbolic link (it points to {target}{where}, which does not exist)"
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "symbolic link loop (or too many links in a row)"
    return error.strerror or str(error)


def _read(path: Path, handle: int) -> bytes:
    """The bytes of a file `_open` opened (which stays open)."""
    try:
        with os.fdopen(handle, "rb", closefd=False) as stream:
            content = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise _fail(path, error.strerror or str(error)) from None
    if len(content) > MAX_BYTES:
        raise _fail(path, f"file is over the limit of {MAX_BYTES:,} bytes")
    if not content or content.isspace():  # isspace, unlike strip, copies nothing
        raise _fail(path, "file is empty")
    return content
