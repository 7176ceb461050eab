"""Ways a run ends early that are not errors of coop's: raised where the program is, so
that `finally` blocks (a temporary export file) clean up, and turned into exit codes by
`coopcli.cli.runtime`. Both derive from BaseException, as KeyboardInterrupt does, so that
no `except Exception` (Typer's, click's) swallows them on the way."""

from __future__ import annotations

from types import FrameType


class Terminated(BaseException):
    """A SIGTERM or SIGHUP: exit 128 plus the signal's number (143, 129)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.exit_code = 128 + signum


def terminate(signum: int, frame: FrameType | None) -> None:
    """Signal handler: raise `Terminated` where the program is."""
    raise Terminated(signum)


class ReaderGone(BaseException):
    """Standard output's reader stopped early (`| head`): exit 0, quietly, so that a
    `set -o pipefail` script goes on."""
