"""Messages to stderr: every one through `coopcli.terminal.visible`, in one place."""

from __future__ import annotations

import sys

import typer

from coopcli.errors import CoopError, DataError, NotFound
from coopcli.render.base import EmptyFileName, ExistingFile, FileOnlyFormat, NotForTerminal
from coopcli.terminal import visible

_WHERE_TO_LOOK = {"partner": "coop list", "framework": "coop frameworks"}
"""Where a user finds every valid name, when a name matched nothing close."""


def say(message: str) -> None:
    """One message line on stderr; nothing if stderr is gone."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(visible(message) + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def echo(text: str) -> None:
    """One line of coop's own report on stdout (it may hold a file name: made visible)."""
    sys.stdout.write(visible(text) + "\n")


def report_error(error: CoopError) -> None:
    """A data error as `PATH:LINE: where: what` lines; any other as `coop: message`."""
    if isinstance(error, DataError):
        for problem in error.problems:
            say(str(problem))
    else:
        say(f"coop: {error}")


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
"""Under a table that marks inferred values: where to read the reasons."""


def card_hint(partner_id: str, *, sources: bool) -> str:
    """Under a card that marks inferred values: where its reasons are."""
    if sources:
        return "the reason is under each fact"
    return f"`coop show {partner_id} --sources` gives the reasons"


FACT_CARD_HINT = "the reason is under the fact"
"""Under one fact (`coop show PARTNER/ID`) that marks inferred values."""


def report_usage(error: typer.TyperException) -> None:
    """A usage error as click formats it (usage line, where to get help, the error),
    with every part made visible."""
    context = getattr(error, "ctx", None)
    if context is not None and hasattr(context, "get_usage"):
        say(context.get_usage())
        if context.command.get_help_option(context) is not None:
            say(f"Try '{context.command_path} -h' for help.")
        say("")
    say(f"Error: {error.format_message()}")
