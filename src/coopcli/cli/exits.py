"""How a run of `coop` ends: its words on stderr and its exit status, from one ladder
(no other module chooses an exit code); never a traceback for a user's error, a bad
file, a closed pipe or a signal."""

from __future__ import annotations

import contextlib
import enum
import errno
import io
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, NoReturn

import typer

from coopcli.errors import CoopError, DataError, NotFound, UsageError
from coopcli.render.base import EmptyFileName, ExistingFile, FileOnlyFormat, NotForTerminal
from coopcli.terminal import visible


class ExitStatus(enum.IntEnum):
    """Every exit code coop chooses (the README's table, "Exit codes")."""

    OK = 0  # also when the reader of the output stops early (`| head`)
    DATA = 1  # bad or unreadable data, or output that could not be written
    USAGE = 2
    SIGHUP = 129  # 128 plus the signal's number, as a shell reports it
    SIGINT = 130
    SIGTERM = 143


class Terminated(BaseException):
    """A SIGTERM or SIGHUP raised where the program is, so that `finally` blocks clean
    up; a BaseException, so that no `except Exception` (Typer's, click's) swallows it."""


def terminate(signum: int, frame: FrameType | None) -> None:
    """Signal handler: raise `Terminated` where the program is."""
    raise Terminated(signum)


def status_for(error: BaseException) -> ExitStatus:
    """The exit status of a run that `error` ended."""
    match error:
        case KeyboardInterrupt() | typer.Abort():  # Abort: click's word for a Ctrl-C
            return ExitStatus.SIGINT
        case Terminated(args=[signum]):
            return ExitStatus(128 + signum)
        case BrokenPipeError():  # the reader stopped early (`| head`): a quiet success
            return ExitStatus.OK
        case UsageError():
            return ExitStatus.USAGE
        case CoopError() | OSError():
            return ExitStatus.DATA
        case typer.TyperException():  # a usage error, as click words it
            return ExitStatus.USAGE if error.exit_code == ExitStatus.USAGE else ExitStatus.DATA
    raise TypeError(f"no exit status for {error!r}")


def say(message: str) -> None:
    """One message line on stderr; nothing if stderr is gone."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # None: no stderr
        sys.stderr.write(visible(message) + "\n")
        sys.stderr.flush()


def echo(text: str) -> None:
    """One line of coop's own report on stdout (made visible: it may hold a file name)."""
    sys.stdout.write(visible(text) + "\n")


_WHERE_TO_LOOK = {
    "partner": "coop list",
    "framework": "coop frameworks",
    "person": "coop people",
    "body": "coop bodies",
}


def usage_message(error: CoopError) -> str:
    """A usage error's message, with where to look when no close name was found."""
    match error:
        case NotFound(suggestions=[], what=what) if what in _WHERE_TO_LOOK:
            return f"{error}; `{_WHERE_TO_LOOK[what]}` shows them all"
        case ExistingFile():
            return f"{error}; add --force to replace it"
        case EmptyFileName():
            return "--output needs a file name (or - for stdout), not an empty one"
        case FileOnlyFormat():
            return f"--format {error.output_format.value} writes a file only: add --output FILE"
        case NotForTerminal():
            return "a page is not for a terminal: add --output FILE, or redirect stdout to a file"
    return str(error)


# Options people try that coop names otherwise, if the command takes the first option
# named (`--after` is not `--from`, which keeps what overlaps, not what is after).
OPTION_SYNONYMS = {
    "--after": ("--from", "use --from, which keeps what overlaps that date or later"),
    "--before": ("--to", "use --to, which keeps what overlaps that date or earlier"),
    "--who": ("--person", "use --person, which keeps the events that name that person"),
    "--year": ("--from", "for a year use --from {value} --to {value}"),
}


def _synonym_message(error: typer.TyperException, given: list[str]) -> str | None:
    """For an unknown option that is a synonym of one the command takes: the message."""
    option, context = getattr(error, "option_name", None), getattr(error, "ctx", None)
    if type(error).__name__ != "NoSuchOption" or option not in OPTION_SYNONYMS or not context:
        return None
    right, advice = OPTION_SYNONYMS[option]
    if right not in {name for parameter in context.command.params for name in parameter.opts}:
        return None
    values = (  # `--year 2021` or `--year=2021` (click names the option alone)
        word.partition("=")[2] if word != option else after
        for word, after in zip(given, [*given[1:], None], strict=True)
        if word == option or word.startswith(option + "=")
    )
    return f"No such option: {option}; {advice.format(value=next(values, None) or 'YEAR')}"


def report(error: CoopError | typer.TyperException | typer.Abort, given: list[str]) -> ExitStatus:
    """Say on stderr what ended the run, and return its exit status: a data error as
    `PATH:LINE: where: what` lines, coop's others as `coop: message`, a usage error as click
    words it, naming the right option for a synonym (`given`: the command line's words)."""
    if isinstance(error, CoopError):
        for line in error.problems if isinstance(error, DataError) else [f"coop: {error}"]:
            say(str(line))
    if not isinstance(error, typer.TyperException):
        return status_for(error)
    context = getattr(error, "ctx", None)
    if context is not None and hasattr(context, "get_usage"):
        say(context.get_usage())
        if context.command.get_help_option(context) is not None:
            say(f"Try '{context.command_path} -h' for help.")
        say("")
    say(f"Error: {_synonym_message(error, given) or error.format_message()}")
    return status_for(error)


class _ClosedStream(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.EBADF, "stdout is closed")


def _to_devnull(number: int) -> None:
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), number)


def _prepare_streams() -> None:
    """A closed stdout fails only when written to (descriptor 1 held, so that no file coop
    opens takes it); a closed stderr becomes /dev/null; text the locale cannot encode is
    replaced on stdout (machine formats switch to UTF-8 themselves) and escaped on stderr."""
    if sys.stdout is None:  # started with stdout closed (`coop list >&-`)
        _to_devnull(1)
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedStream()), encoding="utf-8")
    if sys.stderr is None:
        _to_devnull(2)
        with contextlib.suppress(OSError):
            sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115 - lives as long as the process
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors=errors)  # type: ignore[union-attr]


def _end_at_once_on_signals(code: int) -> None:
    """Once nothing is left to clean up, a signal ends the process at once, so that no
    exception can be raised between the last flush and the exit."""

    def end(signum: int, frame: FrameType | None) -> None:
        os._exit(code or ExitStatus(128 + signum))

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) in (signal.default_int_handler, terminate):
            signal.signal(signum, end)


def main(
    run_app: Callable[[], object], pause_if_asked: Callable[[str], None] = lambda stage: None
) -> NoReturn:
    """Run the command line (`run_app`, imported once signals and streams are ready) and
    end cleanly whatever happens (`pause_if_asked`: the console script's hook for tests
    of signals); the first step that fails chooses the exit status."""
    code: int = ExitStatus.OK

    def start() -> None:
        for signum in (signal.SIGTERM, signal.SIGHUP):  # in the `try`: one may come at once
            if signal.getsignal(signum) is not signal.SIG_IGN:  # unless `nohup`
                signal.signal(signum, terminate)
        _prepare_streams()
        if "_COOP_COMPLETE" in os.environ and not os.environ.get("COMP_CWORD", "0").isdigit():
            say("coop: COMP_CWORD must be the number of the word being completed")
            raise SystemExit(ExitStatus.USAGE)  # Click's int() would raise
        run_app()

    def finish() -> None:
        _end_at_once_on_signals(code)
        pause_if_asked("finishing")
        sys.stdout.flush()

    for step in (start, finish):
        try:
            step()
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else ExitStatus(bool(exit_.code))
        except (KeyboardInterrupt, Terminated, BrokenPipeError) as ended:
            code = code or status_for(ended)  # a closed pipe's last flush fails again here
        except OSError as error:
            if not code:
                say(f"coop: cannot write output: {error.strerror or error}")
                code = status_for(error)
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    # Skip the interpreter's teardown, which frees a large dataset object by object.
    os._exit(code)
