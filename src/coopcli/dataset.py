"""Find and load a dataset file: from the cache when possible, else validated.

`load()` is what every command calls: it reads the file's bytes, serves the validated
form from the cache when these exact bytes were validated before (`coopcli.cache`), and
otherwise hands them to `coopcli.validation` (TOML parsing and Pydantic, imported only
then), which reports every problem at once as `PATH:LINE: where: what`.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, cast

from coopcli import cache
from coopcli.errors import DataError, Problem

if TYPE_CHECKING:
    from coopcli.records import DatasetRecord

MAX_BYTES = 50 * 1024 * 1024
"""Larger files are refused: the real dataset is some 60 kB, a 100x one under 10 MB."""

_PACKAGE_DATA = Path(__file__).parent / "data" / "countries.toml"
_CHECKOUT_DATA = Path(__file__).parents[2] / "data" / "countries.toml"


_PACKAGE_SCHEMA = Path(__file__).parent / "schema" / "countries.schema.json"
_CHECKOUT_SCHEMA = Path(__file__).parents[2] / "schema" / "countries.schema.json"


def shipped_path() -> Path:
    """The dataset that ships with coop (inside the wheel, or in a source checkout)."""
    return _PACKAGE_DATA if _PACKAGE_DATA.is_file() else _CHECKOUT_DATA


def shipped_schema_path() -> Path:
    """The JSON Schema file that ships with coop (`coop schema` prints the same)."""
    return _PACKAGE_SCHEMA if _PACKAGE_SCHEMA.is_file() else _CHECKOUT_SCHEMA


class LoadedDataset:
    """A validated dataset and where it came from."""

    __slots__ = ("haystacks", "path", "records", "shipped")

    def __init__(
        self, path: Path, shipped: bool, records: DatasetRecord, haystacks: dict[str, str]
    ) -> None:
        self.path = path
        self.shipped = shipped
        self.records = records
        self.haystacks = haystacks
        """The folded text of every fact, by partner id (see `coopcli.facts`)."""


def resolve_path(data: str | os.PathLike[str] | None) -> tuple[Path, bool]:
    """The dataset to use: `data` if given, else the shipped one. Also says which."""
    if data is None or str(data) == "":
        return shipped_path(), True
    return Path(data), False


def load(data: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> LoadedDataset:
    """Load and validate a dataset (default: the shipped one), from the cache if possible."""
    path, shipped = resolve_path(data)
    content = read_bytes(path)
    key = cache.key_for(content) if use_cache else ""
    if use_cache:
        cached = cache.read(key, len(content))
        if isinstance(cached, dict) and cached.keys() == {"records", "haystacks"}:
            records = cast("DatasetRecord", cached["records"])
            return LoadedDataset(path, shipped, records, cached["haystacks"])
    from coopcli.facts import dataset_haystacks
    from coopcli.validation import validate_bytes

    records = validate_bytes(content, str(path))
    haystacks = dataset_haystacks(records)
    if use_cache:
        cache.write(key, {"records": records, "haystacks": haystacks}, len(content))
    return LoadedDataset(path, shipped, records, haystacks)


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

    def fail(what: str) -> DataError:
        return DataError([Problem(str(path), None, "file", what)])

    # Opened without blocking, then judged by what was opened: a FIFO cannot hang the
    # run, and nothing can be swapped in between a check and the read.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except IsADirectoryError:
        raise fail("is a folder, not a dataset file") from None
    except FileNotFoundError:
        raise fail(_why_missing(path)) from None
    except PermissionError:
        raise fail("permission denied") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise fail("symbolic link loop (or too many links in a row)") from None
        raise fail(error.strerror or str(error)) from None
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise fail("is a folder, not a dataset file")
        if not stat.S_ISREG(info.st_mode):
            raise fail("not a regular file")
        if info.st_size > MAX_BYTES:
            raise fail(f"file is {info.st_size:,} bytes, over the limit of {MAX_BYTES:,}")
        with os.fdopen(handle, "rb", closefd=False) as stream:
            content = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise fail(error.strerror or str(error)) from None
    finally:
        os.close(handle)
    if len(content) > MAX_BYTES:
        raise fail(f"file is over the limit of {MAX_BYTES:,} bytes")
    if not content or content.isspace():  # isspace, unlike strip, copies nothing
        raise fail("file is empty")
    return content


def _why_missing(path: Path) -> str:
    """ "no such file", or what a symbolic link in the way points to."""
    try:
        target = os.readlink(path)
    except OSError:
        return "no such file"
    return f"broken symbolic link (it points to {target}, which does not exist)"
