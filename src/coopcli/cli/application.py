"""The Typer application: its root options, how errors become messages (and, through
`coopcli.cli.exits`, exit statuses), and the registry of commands, each imported only
when it runs."""

import copy
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from coopcli import __version__
from coopcli.cli.exits import ReaderGone, status_for
from coopcli.cli.messages import echo, report_error, report_usage, usage_message
from coopcli.cli.options import DATA_HELP
from coopcli.errors import CoopError, UsageError
from coopcli.terminal import is_terminal

COMMANDS = {
    "list": "listing",
    "show": "show",
    "search": "search",
    "agreements": "agreements",
    "timeline": "timeline",
    "people": "people",
    "areas": "areas",
    "frameworks": "frameworks",
    "compare": "compare",
    "diff": "diff",
    "export": "export",
    "report": "report",
    "schema": "schema",
    "info": "info",
    "validate": "validate",
    "help": "help",
}
"""Every command, by the module of `coopcli.cli.commands` that defines it, in the order
`coop --help` lists them."""

ROOT_OPTIONS_WITH_A_VALUE = ("--data",)


class CoopCommand(TyperCommand):
    """A command whose coop errors become clean messages and exit codes."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except UsageError as error:
            raise _click_usage_error(usage_message(error), ctx) from None
        except BrokenPipeError:
            raise ReaderGone from None
        except CoopError as error:
            report_error(error)
            raise typer.Exit(status_for(error)) from None


def _click_usage_error(message: str, ctx: typer.Context) -> Exception:
    """Click's own usage error, which carries the command's usage line and exits 2.
    Typer vendors click without a public path to the class, so take it from the
    ancestry of `typer.BadParameter`, which is public."""
    usage_error: Any = next(
        ancestor for ancestor in typer.BadParameter.__mro__ if ancestor.__name__ == "UsageError"
    )
    exception: Exception = usage_error(message, ctx=ctx)
    return exception


class CoopGroup(TyperGroup):
    """The root: reports usage errors itself, every part made visible, as plain text."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except typer.TyperException as error:  # click's errors: usage, bad parameter
            report_usage(error, list(args) if args is not None else sys.argv[1:])
            code = status_for(error)
        except typer.Abort as error:
            code = status_for(error)
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    name="coop",
    cls=CoopGroup,
    help="Query the EU's cooperation on migration with key third countries (autumn 2021).",
    invoke_without_command=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

CommandFunction = TypeVar("CommandFunction", bound=Callable[..., None])


def command(name: str, examples: list[str]) -> Callable[[CommandFunction], CommandFunction]:
    """Register a command; its help ends with the examples."""
    epilog = "Examples:\n\n" + "\n\n".join(f"  $ {example}" for example in examples)
    return app.command(name, cls=CoopCommand, epilog=epilog)


OVERVIEW = """coop: the EU's cooperation on migration with 14 key partners (autumn 2021).

Most useful:
  coop list                            the partners and their areas
  coop show tunisia                    a partner's card (--sources: the quotes)
  coop search smuggling                every fact that mentions it
  coop agreements --status in_place    agreements by status or kind
  coop timeline --planned              visits, dialogues, milestones by date
  coop timeline --person johansson     what one person did, and where
  coop people                          everyone the events name
  coop areas                           the partners-by-area matrix

Every query speaks --json. All commands: coop help (or coop --help)"""


def _version(value: bool) -> None:
    if value:
        echo(f"coop {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data", envvar="COOP_DATA", metavar="PATH", help=DATA_HELP, show_default=False
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Query the EU's cooperation on migration with key third countries (autumn 2021).

    Every fact carries the verbatim sentence of the source document it comes from.
    """
    if ctx.invoked_subcommand is None:
        echo(OVERVIEW)


def invoked_command(argv: Sequence[str]) -> str | None:
    """The subcommand a command line (or the line being completed) names, if any."""
    words = list(argv[1:])
    if "_COOP_COMPLETE" in os.environ:
        if "COMP_WORDS" in os.environ:  # bash
            words = os.environ["COMP_WORDS"].split()[1:]
            naming_command = int(os.environ.get("COMP_CWORD", "0") or 0) <= 1
        else:  # zsh and fish pass the line being completed
            line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
            words = line.split()[1:]
            naming_command = len(words) == 0 or (len(words) == 1 and not line.endswith(" "))
        if naming_command:  # completing the command name itself needs every command
            return None
    position = 0
    while position < len(words):
        word = words[position]
        if word in ROOT_OPTIONS_WITH_A_VALUE:
            position += 2
            continue
        if not word.startswith("-"):
            return word
        position += 1
    return None


def app_for(argv: Sequence[str]) -> typer.Typer:
    """The app to run for `argv`, with only the named command imported and registered
    when there is one (Typer builds the parser of every registered command on each
    run); every command for `--help`, `help`, a typo or no command at all."""
    name = invoked_command(argv)
    wanted = [name] if name in COMMANDS and name != "help" else list(COMMANDS)
    for command_name in wanted:
        importlib.import_module(f"coopcli.cli.commands.{COMMANDS[command_name]}")
    chosen = copy.copy(app)
    order = {command_name: position for position, command_name in enumerate(COMMANDS)}
    chosen.registered_commands = sorted(
        (info for info in app.registered_commands if info.name in wanted),
        key=lambda info: order.get(info.name or "", 0),
    )
    if plain_help():
        chosen.rich_markup_mode = None  # help as plain text, without rich's panels
    return chosen


def full_app() -> typer.Typer:
    """The app with every command (for tests and documentation)."""
    return app_for(["coop", "--help"])


def plain_help() -> bool:
    """Whether help should be plain text: NO_COLOR, or output not to a terminal."""
    if os.environ.get("NO_COLOR"):
        return True
    if os.environ.get("FORCE_COLOR"):
        return False
    return not (is_terminal(sys.stdout) and is_terminal(sys.stderr))
