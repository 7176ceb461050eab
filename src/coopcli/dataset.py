"""Find and load a dataset: the shipped one as validated at build time, a user's file
from the cache when possible, else validated (`coopcli.validation`, with Pydantic)."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, cast

from coopcli import cache, shipped
from coopcli.errors import DataError, Problem
from coopcli.limits import MAX_BYTES

if TYPE_CHECKING:
    from coopcli.records import DatasetRecord


class ValidatedFile:
    """A validated dataset and where it came from."""

    __slots__ = ("_cache_key", "_haystacks", "_size", "path", "records", "shipped")

    def __init__(
        self,
        path: Path,
        shipped: bool,
        records: DatasetRecord,
        haystacks: dict[str, str] | None = None,
        *,
        cache_key: str | None = None,
        size: int = 0,
    ) -> None:
        self.path = path
        self.shipped = shipped
        self.records = records
        self._haystacks = haystacks
        self._cache_key = cache_key
        self._size = size

    @property
    def haystacks(self) -> dict[str, str]:
        """The folded text of every fact by partner id, cached apart (only search needs it)."""
        if self._haystacks is None:
            key = self._cache_key and self._cache_key + _HAYSTACKS
            cached = cache.read(key, self._size) if key else None
            if isinstance(cached, dict):
                self._haystacks = cached
            else:
                from coopcli.facts import dataset_haystacks

                self._haystacks = dataset_haystacks(self.records)
                if key:
                    cache.write(key, self._haystacks, self._size)
        return self._haystacks


_HAYSTACKS = "-haystacks"  # the suffix of the cache key of a dataset's haystacks


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
        records = json.loads(shipped.records_path().read_bytes())
        return ValidatedFile(path, True, records)
    handle, info = _open(path)
    content: bytes | None = None
    key: str | None = None
    try:
        if use_cache:
            key = cache.identity_key(info)  # None: written too recently to be told by it
            records = _cached(key, info.st_size)
            if records is None:  # the bytes decide: one validated while new is not again
                content = _read(path, handle)
                records = _cached(cache.content_key(content), info.st_size)
                if key is None:
                    key = cache.content_key(content)
                elif records is not None:
                    cache.write(key, records, info.st_size)
            if records is not None:
                return ValidatedFile(path, False, records, cache_key=key, size=info.st_size)
        if content is None:
            content = _read(path, handle)
    finally:
        os.close(handle)
    from coopcli.validation import validate_bytes

    records = validate_bytes(content, str(path), locate=locate)
    if key:
        cache.write(key, records, info.st_size)
    return ValidatedFile(path, False, records, cache_key=key, size=info.st_size)


def _cached(key: str | None, size: int) -> DatasetRecord | None:
    cached = cache.read(key, size) if key else None
    if isinstance(cached, dict) and cached.keys() == {"meta", "partners"}:
        return cast("DatasetRecord", cached)
    return None


def read_source_text(path: Path) -> str:
    """A source document's text (UTF-8), or a DataError with one line on why not."""
    content = read_bytes(path)
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        what = f"not UTF-8 text (byte {error.start + 1})"
        raise DataError([Problem(str(path), line, "file", what)]) from None


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
    except IsADirectoryError:
        raise _fail(path, "is a folder, not a dataset file") from None
    except FileNotFoundError:
        raise _fail(path, _why_missing(path)) from None
    except PermissionError:
        raise _fail(path, "permission denied") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _fail(path, "symbolic link loop (or too many links in a row)") from None
        raise _fail(path, error.strerror or str(error)) from None
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise _fail(path, "is a folder, not a dataset file")
        if not stat.S_ISREG(info.st_mode):
            raise _fail(path, "not a regular file")
        if info.st_size > MAX_BYTES:
            raise _fail(path, f"file is {info.st_size:,} bytes, over the limit of {MAX_BYTES:,}")
    except OSError as error:
        os.close(handle)
        raise _fail(path, error.strerror or str(error)) from None
    except DataError:
        os.close(handle)
        raise
    return handle, info


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


def _why_missing(path: Path) -> str:
    """ "no such file", or what a symbolic link in the way points to."""
    try:
        target = os.readlink(path)
    except OSError:
        return "no such file"
    return f"broken symbolic link (it points to {target}, which does not exist)"
