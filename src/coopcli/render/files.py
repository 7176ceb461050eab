"""Writing `--output`: atomically, over a regular file only when asked, never over the
shipped dataset."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from coopcli.errors import CoopError, UsageError
from coopcli.render.base import EmptyFileName, ExistingFile

_NOT_REGULAR = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}
# Where a file system cannot make hard links, the no-clobber promise falls back to
# reserving the name with O_EXCL and renaming the finished file over it.
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.EXDEV}


def write_atomically(
    path: str | os.PathLike[str], content: str | bytes, *, force: bool, protected: Path
) -> None:
    """Write `content` to `path`, a new name or with `force` a regular file, never a link
    (a rename would replace the link: as root, `/dev/stdout`) nor `protected`. Without
    `force` it is linked into place: of two racing runs one succeeds. The mode is `>`'s,
    or the replaced file's; nothing temporary is left behind."""
    shown = os.fspath(path)
    if not shown:
        raise EmptyFileName
    if shown.endswith(("/", os.sep)):
        raise UsageError(f"{shown} ends in '/'; give a file name, not a folder")
    target = Path(shown).expanduser()
    with contextlib.suppress(OSError):  # not a link, or nothing there
        pointed = os.path.join(os.path.dirname(shown), os.readlink(target))
        raise UsageError(
            f"{shown} is a symbolic link to {pointed}; coop never writes over a "
            "symbolic link: give the path it points to"
        )
    existing = _existing(target, shown)
    if existing is not None:
        with contextlib.suppress(OSError):
            shipped = os.stat(protected)
            if (existing.st_dev, existing.st_ino) == (shipped.st_dev, shipped.st_ino):
                raise UsageError(
                    f"{shown} is the dataset that ships with coop; coop never writes to it"
                )
        if not force:
            raise ExistingFile(shown)
    data = content.encode("utf-8") if isinstance(content, str) else content
    temporary = None
    try:
        handle, temporary = _create_temporary(target.parent, target.name, existing)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            os.replace(temporary, target)
        else:
            _place_new(temporary, target, shown)
    except OSError as error:
        raise CoopError(f"cannot write {shown}: {error.strerror or error}") from None
    finally:
        if temporary is not None:  # gone once renamed; a link leaves it behind
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _existing(target: Path, shown: str) -> os.stat_result | None:
    """The regular file `target` names now; None for a new name; else a UsageError."""
    try:
        info = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise CoopError(f"cannot write {shown}: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{shown} is a folder; give a file name")
    if not stat.S_ISREG(info.st_mode):
        kind = _NOT_REGULAR.get(stat.S_IFMT(info.st_mode))
        what = f"{kind}, not a regular file" if kind else "not a regular file"
        raise UsageError(f"{shown} is {what}; coop writes only to a new file or over a regular one")
    return info


def _create_temporary(folder: Path, name: str, existing: os.stat_result | None) -> tuple[int, str]:
    """A new hidden file beside the target (48 random bits name it: no retry for a
    clash): mode 0o666 less the umask, or the replaced file's, set before any byte."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    # a short name of its own: the target's may already be as long as a name can be
    temporary = str(folder / f".coop-{os.urandom(6).hex()}.tmp")
    handle = os.open(temporary, flags, 0o666 if existing is None else 0o600)
    if existing is not None:
        try:
            os.fchmod(handle, stat.S_IMODE(existing.st_mode) & 0o777)
        except BaseException:
            os.close(handle)
            os.unlink(temporary)
            raise
    return handle, temporary


def _place_new(temporary: str, target: Path, shown: str) -> None:
    """`temporary` at `target` if nothing is there, linked (or renamed)."""
    try:
        os.link(temporary, target)
        return
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
