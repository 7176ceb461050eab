"""The Typer application: its root options, how errors become messages (and, through
`coopcli.cli.exits`, exit statuses), and the registry of commands, each imported only
when it runs."""

import copy
import importlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from coopcli import __version__
from coopcli.cli.exits import ReaderGone, status_for
from coopcli.cli.messages import echo, report_error, report_usage, usage_message
from coopcli.cli.options import DATA_HELP
from coopcli.errors import CoopError, UsageError
from coopcli.terminal import is_terminal

COMMANDS_PACKAGE = "coopcli.cli.commands"
COMMANDS_FOLDER = os.path.join(os.path.dirname(__file__), "commands")


def command_names(folder: str = COMMANDS_FOLDER) -> tuple[str, ...]:
    """The commands of `folder`, each named by its module's file: a directory listing,
    which imports nothing (every run pays for it)."""
    with os.scandir(folder) as entries:
        return tuple(
            sorted(
                entry.name[: -len(".py")]
                for entry in entries
                if entry.name.endswith(".py") and not entry.name.startswith("_")
            )
        )


COMMANDS = command_names()
"""Every command, by name: the modules of `coopcli.cli.commands`, found rather than listed
(a new command is its module and nothing else). Alphabetical; the order `coop --help`
lists them in is each command's `position` (`help_order`)."""

POSITIONS: dict[str, int] = {}
"""The `position` each imported command declared in its `@command(...)`."""


class CommandModuleError(Exception):
    """A module in the commands folder that does not define the one command of its name
    (a mistake in coop's own code, never the user's)."""


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


def command(
    name: str, examples: list[str], *, position: int
) -> Callable[[CommandFunction], CommandFunction]:
    """Register the command `name`, defined in the module `coopcli.cli.commands.NAME` (a
    module of another name is refused); its help ends with the examples. `position` is
    its place in `coop --help`, which lists commands by ascending position: numbers with
    gaps (100, 200...), so that a new command takes a free number between two others
    without editing either (a test fails on two equal positions)."""
    epilog = "Examples:\n\n" + "\n\n".join(f"  $ {example}" for example in examples)
    register = app.command(name, cls=CoopCommand, epilog=epilog)

    def registered(function: CommandFunction) -> CommandFunction:
        module = function.__module__.rpartition(".")[2]
        if module != name:
            raise CommandModuleError(
                f"command {name!r} is defined in module {module!r}: its file must be {name}.py"
            )
        POSITIONS[name] = position
        return register(function)

    return registered


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


def import_commands(names: Iterable[str], package: str = COMMANDS_PACKAGE) -> None:
    """Import the module of each command named, checking that it defined its command."""
    for name in names:
        importlib.import_module(f"{package}.{name}")
        if name not in POSITIONS:
            raise CommandModuleError(f"module {package}.{name} defines no command {name!r}")


def help_order(names: Iterable[str]) -> list[str]:
    """`names` (imported commands) in the order `coop --help` lists them."""
    return sorted(names, key=lambda name: (POSITIONS[name], name))


def app_for(argv: Sequence[str]) -> typer.Typer:
    """The app to run for `argv`, with only the named command imported and registered
    when there is one (Typer builds the parser of every registered command on each
    run); every command for `--help`, `help`, a typo or no command at all."""
    name = invoked_command(argv)
    wanted = [name] if name in COMMANDS and name != "help" else list(COMMANDS)
    import_commands(wanted)
    order = {command_name: place for place, command_name in enumerate(help_order(wanted))}
    chosen = copy.copy(app)
    chosen.registered_commands = sorted(
        (info for info in app.registered_commands if info.name in order),
        key=lambda info: order[info.name or ""],
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
