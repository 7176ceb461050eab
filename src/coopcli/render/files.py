"""Writing a file that coop produces (`--output`): atomically, never over another
file unless asked, and never over the dataset that ships with coop."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from coopcli.errors import CoopError, UsageError


def write_atomically(path: Path, text: str, *, force: bool, protected: Path) -> None:
    """Write `text` to a temporary file beside `path`, then rename it into place, so a
    reader never sees half a file. Refuse an existing `path` unless `force`, and the
    `protected` file (the shipped dataset) always."""
    target = path.expanduser()
    if target.exists() and protected.exists() and target.resolve() == protected.resolve():
        raise UsageError(f"{path} is the dataset that ships with coop; coop never writes to it")
    if target.is_dir():
        raise UsageError(f"{path} is a folder; give a file name")
    if target.exists() and not force:
        raise UsageError(f"{path} exists; add --force to replace it")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise CoopError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise CoopError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
