"""The `coop` process: standard streams, signals, exit codes, and a quiet end.

Exit codes (the README's table): 0 success, also when a reader stops early (a broken
pipe); 1 bad or unreadable data, or output that could not be written; 2 a usage error;
130 Ctrl-C; 143 SIGTERM; 129 SIGHUP. Never a traceback for any of these.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from types import FrameType
from typing import NoReturn

from coopcli.cli.interrupts import ReaderGone, Terminated, terminate
from coopcli.cli.messages import say
from coopcli.entry import pause_if_asked


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


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _write_failed(error: OSError) -> int:
    say(f"coop: cannot write output: {error.strerror or error}")
    _silence_stdout()
    return 1


def _handle_ending_signals() -> None:
    """SIGTERM and SIGHUP raise `Terminated` where the program is, unless the process
    was started with them ignored (`nohup coop ...`), which it keeps."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, terminate)


def _end_at_once_on_signals(code: int) -> None:
    """Once nothing is left to clean up, a Ctrl-C, SIGTERM or SIGHUP ends the process
    at once (with `code` if the run had already failed), so that no exception can be
    raised between the last flush and the exit."""

    def end(signum: int, frame: FrameType | None) -> None:
        os._exit(code or 128 + signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) in (signal.default_int_handler, terminate):
            signal.signal(signum, end)


def main() -> NoReturn:
    """Run the command line, end cleanly whatever happens."""
    if sys.stdout is None:  # started with stdout closed (`coop list >&-`)
        if sys.stderr is not None:
            say("coop: cannot write output: stdout is closed")
        os._exit(1)
    code = 0
    try:
        _handle_ending_signals()  # inside the `try`: a SIGTERM may come at once
        _prepare_streams()
        from coopcli.cli.application import app_for

        app_for(sys.argv)(prog_name="coop")
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except KeyboardInterrupt:
        code = 130
    except Terminated as terminated:
        code = terminated.exit_code
    except (BrokenPipeError, ReaderGone):  # a reader that stopped early: not a failure
        _silence_stdout()
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
    except KeyboardInterrupt:  # before the handlers above were in place
        code = code or 130
    except Terminated as terminated:
        code = code or terminated.exit_code
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    # Everything is written and nothing is left to clean up: skip the interpreter's
    # teardown, which on a large dataset spends milliseconds freeing objects one by one.
    os._exit(code)
