"""The `coop` process: standard streams, signals, and a quiet end. Never a traceback for
a user's error, a bad file, a closed pipe or a signal."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, NoReturn

from coopcli.cli.exits import SIGNALS, ExitStatus, ReaderGone, Terminated, status_for, terminate
from coopcli.cli.messages import say


def _hold_descriptor(number: int) -> None:
    """Point descriptor `number` at /dev/null."""
    descriptor = os.open(os.devnull, os.O_WRONLY)
    if descriptor != number:
        os.dup2(descriptor, number)
        os.close(descriptor)


class _ClosedStream(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.EBADF, "stdout is closed")


def _prepare_streams() -> None:
    """A closed stdout fails only when written to (descriptor 1 held, so that no file coop
    opens takes it); a closed stderr becomes /dev/null; text the locale cannot encode is
    replaced on stdout (machine formats switch to UTF-8 themselves) and escaped on stderr."""
    if sys.stdout is None:  # started with stdout closed (`coop list >&-`)
        with contextlib.suppress(OSError):
            _hold_descriptor(1)
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedStream()), encoding="utf-8")
    if sys.stderr is None:
        with contextlib.suppress(OSError):
            _hold_descriptor(2)
            sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115 - lives as long as the process
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors=errors)  # type: ignore[union-attr]


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _write_failed(error: OSError) -> int:
    say(f"coop: cannot write output: {error.strerror or error}")
    _silence_stdout()
    return status_for(error)


def _end_at_once_on_signals(code: int) -> None:
    """Once nothing is left to clean up, a signal ends the process at once, so that no
    exception can be raised between the last flush and the exit."""

    def end(signum: int, frame: FrameType | None) -> None:
        os._exit(code or SIGNALS[signum])

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) in (signal.default_int_handler, terminate):
            signal.signal(signum, end)


def main(pause_if_asked: Callable[[str], None] = lambda stage: None) -> NoReturn:
    """Run the command line and end cleanly whatever happens (`pause_if_asked`: the
    console script's hook for tests of signals)."""
    code: int = ExitStatus.OK
    try:
        for signum in (signal.SIGTERM, signal.SIGHUP):  # in the `try`: one may come at once
            if signal.getsignal(signum) is not signal.SIG_IGN:  # unless `nohup`
                signal.signal(signum, terminate)
        _prepare_streams()
        from coopcli.cli.application import app_for

        app_for(sys.argv)(prog_name="coop")
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else ExitStatus(bool(exit_.code))
    except (KeyboardInterrupt, Terminated) as signalled:
        code = status_for(signalled)
    except (BrokenPipeError, ReaderGone) as gone:
        _silence_stdout()
        code = status_for(gone)
    except OSError as error:
        code = _write_failed(error)
    try:
        _end_at_once_on_signals(code)
        pause_if_asked("finishing")
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as error:
        code = code or _write_failed(error)
    except (KeyboardInterrupt, Terminated) as signalled:
        code = code or status_for(signalled)
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    # Skip the interpreter's teardown, which frees a large dataset object by object.
    os._exit(code)
