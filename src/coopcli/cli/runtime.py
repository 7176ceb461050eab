"""The `coop` process: standard streams, signals, exit codes, and a quiet end.

Which exit status ends a run is `coopcli.cli.exits`'s to say (the README's table); this
module sets the process up, runs the command line and exits. Never a traceback for a
user's error, a bad file, a closed pipe or a signal.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import sys
from typing import Any, NoReturn

from coopcli.cli.exits import ExitStatus, ReaderGone, Terminated, status_for, terminate
from coopcli.cli.messages import say


def _prepare_streams() -> None:
    """Standard streams that cannot turn a success into a failure: a closed stderr
    becomes /dev/null; text the locale cannot encode is replaced on stdout (machine
    formats switch to UTF-8 themselves) and escaped on stderr."""
    if sys.stderr is None:
        with contextlib.suppress(OSError):
            descriptor = os.open(os.devnull, os.O_WRONLY)
            if descriptor != 2:
                os.dup2(descriptor, 2)
                os.close(descriptor)
            sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115 - lives as long as the process
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors=errors)  # type: ignore[union-attr]


class _ClosedStream(io.RawIOBase):
    """The raw stream behind a stdout that was closed: every write fails."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.EBADF, "stdout is closed")


def _stand_in_for_closed_stdout() -> None:
    """Run on with a stdout that fails only when written to: a command that writes no
    output (`export --output FILE`) needs no stdout, and an error keeps its own exit
    code; one that writes ends in "cannot write output", exit 1. Descriptor 1 is held
    by /dev/null meanwhile, so that no file coop opens can take its number."""
    with contextlib.suppress(OSError):
        descriptor = os.open(os.devnull, os.O_WRONLY)
        if descriptor != 1:
            os.dup2(descriptor, 1)
            os.close(descriptor)
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedStream()), encoding="utf-8")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _write_failed(error: OSError) -> int:
    say(f"coop: cannot write output: {error.strerror or error}")
    _silence_stdout()
    return status_for(error)


def _code_of(exit_: SystemExit) -> int:
    """The code a SystemExit carries: the application's status, or click's own."""
    if isinstance(exit_.code, int):
        return exit_.code
    return ExitStatus.OK if exit_.code is None else ExitStatus.DATA


def main() -> NoReturn:
    """Run the command line, end cleanly whatever happens."""
    if sys.stdout is None:  # started with stdout closed (`coop list >&-`)
        _stand_in_for_closed_stdout()
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, terminate)
    code: int = ExitStatus.OK
    try:
        _prepare_streams()
        from coopcli.cli.application import app_for

        app_for(sys.argv)(prog_name="coop")
    except SystemExit as exit_:
        code = _code_of(exit_)
    except (KeyboardInterrupt, Terminated) as signalled:
        code = status_for(signalled)
    except (BrokenPipeError, ReaderGone) as gone:  # a reader that stopped early: not a failure
        _silence_stdout()
        code = status_for(gone)
    except OSError as error:
        code = _write_failed(error)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as error:
        code = code or _write_failed(error)
    except (KeyboardInterrupt, Terminated) as signalled:
        code = code or status_for(signalled)
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    # Everything is written and nothing is left to clean up: skip the interpreter's
    # teardown, which on a large dataset spends milliseconds freeing objects one by one.
    os._exit(code)
