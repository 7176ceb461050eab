"""How a run of `coop` ends: its exit statuses, and the one place that turns what ended
it (an error, a signal, a reader gone) into one of them.

`coopcli.cli.application` and `coopcli.cli.runtime` ask `status_for` and exit with the
answer; no other module chooses an exit code (a test scans them). Light on purpose: the
console script imports `ExitStatus` from here on a Ctrl-C during start-up.
"""

from __future__ import annotations

import enum
from types import FrameType

from coopcli.errors import CoopError, UsageError


class ExitStatus(enum.IntEnum):
    """Every exit code coop chooses (the README's table, "Exit codes")."""

    OK = 0
    """Success; also when the reader of the output stops early (`| head`)."""
    DATA = 1
    """Bad or unreadable data, or output that could not be written."""
    USAGE = 2
    """A mistake on the command line."""
    SIGHUP = 129
    """Hung up: 128 plus SIGHUP's number, as a shell reports it."""
    SIGINT = 130
    """Interrupted (Ctrl-C)."""
    SIGTERM = 143
    """Terminated."""


_SIGNALS = {1: ExitStatus.SIGHUP, 2: ExitStatus.SIGINT, 15: ExitStatus.SIGTERM}
"""The status of a run a signal ended, by the signal's number (the same on every
system that has these signals)."""


class Terminated(BaseException):
    """A SIGTERM or SIGHUP, raised where the program is (see `terminate`), so that
    `finally` blocks (a temporary export file) clean up. A BaseException, as
    KeyboardInterrupt is, so that no `except Exception` (Typer's, click's) swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.status = _SIGNALS[signum]


def terminate(signum: int, frame: FrameType | None) -> None:
    """Signal handler: raise `Terminated` where the program is."""
    raise Terminated(signum)


class ReaderGone(BaseException):
    """Standard output's reader stopped early (`| head`): a success, quietly, so that a
    `set -o pipefail` script goes on."""


def status_for(error: BaseException) -> ExitStatus:
    """The exit status of a run that `error` ended."""
    match error:
        case KeyboardInterrupt():
            return ExitStatus.SIGINT
        case Terminated():
            return error.status
        case ReaderGone() | BrokenPipeError():
            return ExitStatus.OK
        case UsageError():
            return ExitStatus.USAGE
        case CoopError() | OSError():
            return ExitStatus.DATA
    import typer  # click's own errors: only ever raised once Typer is imported

    if isinstance(error, typer.Abort):  # click's word for a Ctrl-C
        return ExitStatus.SIGINT
    if isinstance(error, typer.TyperException):  # a usage error, as click words it
        return ExitStatus.USAGE if error.exit_code == ExitStatus.USAGE else ExitStatus.DATA
    raise TypeError(f"no exit status for {error!r}")
