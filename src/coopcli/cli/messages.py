"""Every word coop addresses to the command line's user, made visible (stderr mostly)."""

from __future__ import annotations

import contextlib
import sys

import typer

from coopcli.errors import CoopError, DataError, NotFound
from coopcli.render.base import EmptyFileName, ExistingFile, FileOnlyFormat, NotForTerminal
from coopcli.terminal import visible

_WHERE_TO_LOOK = {"partner": "coop list", "framework": "coop frameworks"}


def say(message: str) -> None:
    """One message line on stderr; nothing if stderr is gone."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # None: no stderr
        sys.stderr.write(visible(message) + "\n")
        sys.stderr.flush()


def echo(text: str) -> None:
    """One line of coop's own report on stdout (made visible: it may hold a file name)."""
    sys.stdout.write(visible(text) + "\n")


def report_error(error: CoopError) -> None:
    """A data error as `PATH:LINE: where: what` lines; any other as `coop: message`."""
    for line in error.problems if isinstance(error, DataError) else [f"coop: {error}"]:
        say(str(line))


def usage_message(error: CoopError) -> str:
    """A usage error's message, with where to look when no close name was found."""
    message = str(error)
    if isinstance(error, NotFound) and not error.suggestions and error.what in _WHERE_TO_LOOK:
        message += f"; `{_WHERE_TO_LOOK[error.what]}` shows them all"
    elif isinstance(error, ExistingFile):
        message += "; add --force to replace it"
    elif isinstance(error, EmptyFileName):
        message = "--output needs a file name (or - for stdout), not an empty one"
    elif isinstance(error, FileOnlyFormat):
        message = f"--format {error.output_format.value} writes a file only: add --output FILE"
    elif isinstance(error, NotForTerminal):
        message = "a page is not for a terminal: add --output FILE, or redirect stdout to a file"
    return message


INFERRED_HINT = "`coop show COUNTRY --sources` gives the reasons"
FACT_CARD_HINT = "the reason is under the fact"


def card_hint(partner_id: str, *, sources: bool) -> str:
    """Under a card that marks inferred values: where its reasons are."""
    return (
        "the reason is under each fact" if sources else INFERRED_HINT.replace("COUNTRY", partner_id)
    )


OPTION_SYNONYMS = {
    "--after": ("--from", "keeps what overlaps that date or later"),
    "--before": ("--to", "keeps what overlaps that date or earlier"),
    "--who": ("--person", "keeps the events that name that person"),
}
"""Options people try that coop names otherwise (`--after` is not `--from`, which keeps
what overlaps, not what is after)."""


def _synonym_message(error: typer.TyperException, given: list[str]) -> str | None:
    """For an unknown option that is a synonym of one the command takes: the message."""
    option = getattr(error, "option_name", None)
    context = getattr(error, "ctx", None)
    if type(error).__name__ != "NoSuchOption" or not isinstance(option, str) or context is None:
        return None
    taken = {name for parameter in context.command.params for name in parameter.opts}
    flag, _, inline = option.partition("=")
    if flag == "--year" and {"--from", "--to"} <= taken:
        year = inline or _value_after(given, flag) or "YEAR"
        return f"No such option: --year; for a year use --from {year} --to {year}"
    if flag in OPTION_SYNONYMS and OPTION_SYNONYMS[flag][0] in taken:
        right, what = OPTION_SYNONYMS[flag]
        return f"No such option: {flag}; use {right}, which {what}"
    return None


def _value_after(given: list[str], flag: str) -> str | None:
    """The word after `flag` on the command line, or that of `flag=VALUE`."""
    for word, after in zip(given, [*given[1:], None], strict=True):
        if word.startswith(flag + "="):
            return word.partition("=")[2]
        if word == flag:
            return after
    return None


def report_usage(error: typer.TyperException, given: list[str] | None = None) -> None:
    """A usage error as click formats it, made visible, naming the right option for a
    synonym (`given`: the command line's words)."""
    context = getattr(error, "ctx", None)
    if context is not None and hasattr(context, "get_usage"):
        say(context.get_usage())
        if context.command.get_help_option(context) is not None:
            say(f"Try '{context.command_path} -h' for help.")
        say("")
    message = _synonym_message(error, given or [])
    say(f"Error: {message or error.format_message()}")
