"""How a run of `coop` ends: its exit statuses, and the one ladder from what ended it
to a status. No other module chooses an exit code (a test scans them)."""

from __future__ import annotations

import enum
from types import FrameType

import typer

from coopcli.errors import CoopError, UsageError


class ExitStatus(enum.IntEnum):
    """Every exit code coop chooses (the README's table, "Exit codes")."""

    OK = 0  # also when the reader of the output stops early (`| head`)
    DATA = 1  # bad or unreadable data, or output that could not be written
    USAGE = 2
    SIGHUP = 129  # 128 plus the signal's number, as a shell reports it
    SIGINT = 130
    SIGTERM = 143


SIGNALS = {1: ExitStatus.SIGHUP, 2: ExitStatus.SIGINT, 15: ExitStatus.SIGTERM}


class Terminated(BaseException):
    """A SIGTERM or SIGHUP raised where the program is, so that `finally` blocks clean
    up; a BaseException, so that no `except Exception` (Typer's, click's) swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.status = SIGNALS[signum]


def terminate(signum: int, frame: FrameType | None) -> None:
    """Signal handler: raise `Terminated` where the program is."""
    raise Terminated(signum)


class ReaderGone(BaseException):
    """Standard output's reader stopped early (`| head`): a quiet success."""


def status_for(error: BaseException) -> ExitStatus:
    """The exit status of a run that `error` ended."""
    match error:
        case KeyboardInterrupt() | typer.Abort():  # Abort: click's word for a Ctrl-C
            return ExitStatus.SIGINT
        case Terminated():
            return error.status
        case ReaderGone() | BrokenPipeError():
            return ExitStatus.OK
        case UsageError():
            return ExitStatus.USAGE
        case CoopError() | OSError():
            return ExitStatus.DATA
        case typer.TyperException():  # a usage error, as click words it
            return ExitStatus.USAGE if error.exit_code == ExitStatus.USAGE else ExitStatus.DATA
    raise TypeError(f"no exit status for {error!r}")
