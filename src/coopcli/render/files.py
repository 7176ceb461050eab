"""Writing a file that coop produces (`--output`): atomically, never over another
file unless asked, never over anything but a regular file, and never over the dataset
that ships with coop."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from coopcli.errors import CoopError, UsageError
from coopcli.render.base import EmptyFileName, ExistingFile

_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
# Where a file system cannot make hard links, the no-clobber promise falls back to
# reserving the name with O_EXCL and renaming the finished file over it.
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.EXDEV}


def write_atomically(
    path: str | os.PathLike[str], content: str | bytes, *, force: bool, protected: Path
) -> None:
    """Write `content` (text as UTF-8) to `path` so that a reader never sees half a file.

    `path` must be a new name or an existing regular file: a folder, a FIFO, a device
    or a socket is a UsageError, and so is an existing file unless `force`; so is a
    symbolic link, whatever it points to and even with `force` (a rename would replace
    the link itself: as root, `/dev/stdout`); links among the folders above it are
    followed. The `protected` file (the shipped dataset) is refused always.
    Without `force` the file is linked into place, so of two runs racing to the same new
    name exactly one succeeds. A new file gets the mode that `>` would give it (0o666
    less the umask); a replaced file keeps its permission bits. Any failure, or an
    interrupt, leaves no temporary file behind.
    """
    shown = os.fspath(path)
    if not shown:
        raise EmptyFileName
    if shown.endswith(("/", os.sep)):
        raise UsageError(f"{shown} ends in '/'; give a file name, not a folder")
    target = Path(shown).expanduser()
    _refuse_link(target, shown)
    existing = _existing(target, shown)
    if existing is not None:
        _refuse_protected(existing, shown, protected)
        if not force:
            raise ExistingFile(shown)
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = target.parent
    try:
        handle, temporary = _create_temporary(folder, target.name, existing)
    except OSError as error:
        raise CoopError(f"cannot write {shown}: {error.strerror or error}") from None
    renamed = False
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            os.replace(temporary, target)
            renamed = True
        else:
            renamed = _place_new(temporary, target, shown)
    except OSError as error:
        raise CoopError(f"cannot write {shown}: {error.strerror or error}") from None
    finally:
        if not renamed:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _refuse_link(target: Path, shown: str) -> None:
    """A UsageError if the last part of `target` is a symbolic link, naming where it
    points (relative to the link's folder), so that the user can give that path."""
    try:
        pointed = os.readlink(target)
    except OSError:  # not a link, or nothing there
        return
    where = os.path.join(os.path.dirname(shown), pointed)
    raise UsageError(
        f"{shown} is a symbolic link to {where}; coop never writes over a "
        "symbolic link: give the path it points to"
    )


def _existing(target: Path, shown: str) -> os.stat_result | None:
    """What `target` (not a symbolic link) names now, if it is a regular file; None for
    a new name; a UsageError for anything else."""
    try:
        info = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise CoopError(f"cannot write {shown}: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{shown} is a folder; give a file name")
    for test, kind in _NOT_REGULAR:
        if test(info.st_mode):
            raise UsageError(
                f"{shown} is {kind}, not a regular file; "
                "coop writes only to a new file or over a regular one"
            )
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(
            f"{shown} is not a regular file; coop writes only to a new file or over a regular one"
        )
    return info


def _refuse_protected(existing: os.stat_result, shown: str, protected: Path) -> None:
    try:
        shipped = os.stat(protected)
    except OSError:
        return
    if (existing.st_dev, existing.st_ino) == (shipped.st_dev, shipped.st_ino):
        raise UsageError(f"{shown} is the dataset that ships with coop; coop never writes to it")


def _create_temporary(folder: Path, name: str, existing: os.stat_result | None) -> tuple[int, str]:
    """A new hidden file beside the target, opened for writing. For a new file the
    system applies the umask to 0o666 itself (no need to read the umask, which Python
    can only do by changing it); a replacement starts private and takes the mode of the
    file it replaces before any byte is written."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    mode = 0o666 if existing is None else 0o600
    for _ in range(100):
        temporary = str(folder / f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            handle = os.open(temporary, flags, mode)
        except FileExistsError:
            continue
        if existing is not None:
            try:
                os.fchmod(handle, stat.S_IMODE(existing.st_mode) & 0o777)
            except BaseException:
                os.close(handle)
                os.unlink(temporary)
                raise
        return handle, temporary
    raise FileExistsError(errno.EEXIST, "no free temporary name")


def _place_new(temporary: str, target: Path, shown: str) -> bool:
    """Put the finished file at `target` only if nothing is there yet (atomically).
    True if `temporary` itself was renamed into place (nothing left to remove)."""
    try:
        os.link(temporary, target)
        return False
    except FileExistsError:
        raise ExistingFile(shown) from None
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except FileExistsError:
        raise ExistingFile(shown) from None
    os.replace(temporary, target)
    return True
