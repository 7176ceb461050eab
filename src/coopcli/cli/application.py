"""The Typer app of a run: root options, the one place where an error becomes a message
and an exit status, and the commands the run needs, each imported only then."""

import copy
import importlib
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from coopcli import __version__
from coopcli.cli.exits import echo, report
from coopcli.cli.options import COMMANDS, DATA_HELP, DECLARED, flag, help_order, option
from coopcli.errors import CoopError
from coopcli.terminal import is_terminal


class CoopGroup(TyperGroup):
    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, **extra: Any
    ) -> NoReturn:
        """Run, report an error here, and exit (whatever `standalone_mode` says)."""
        try:
            result = super().main(args, **(extra | {"standalone_mode": False}))
            code = result if isinstance(result, int) else 0
        except (CoopError, typer.TyperException, typer.Abort) as error:  # Abort: a Ctrl-C
            code = report(error, list(args) if args is not None else sys.argv[1:])
        sys.exit(code)


app = typer.Typer(
    name="coop",
    cls=CoopGroup,
    help="Query the EU's cooperation on migration with key third countries (autumn 2021).",
    invoke_without_command=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

OVERVIEW = """coop: the EU's cooperation on migration with 14 key partners (autumn 2021).

Most useful:
  coop list                            the partners and their areas
  coop show tunisia                    a partner's card (--sources: the quotes)
  coop search smuggling                every fact that mentions it
  coop agreements --status in_place    agreements by status or kind
  coop timeline --planned              visits, dialogues, milestones by date
  coop timeline --person johansson     what one person did, and where
  coop people                          everyone the events name
  coop bodies europol                  a body or state, and the facts naming it
  coop areas                           the partners-by-area matrix

Every query speaks --json. All commands: coop help (or coop --help)"""


def _version(value: bool) -> None:
    if value:
        echo(f"coop {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[str | None, option("--data", "PATH", DATA_HELP, envvar="COOP_DATA")] = None,
    version: Annotated[
        bool, flag("--version -V", "Print the version and exit.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """The root options; without a command, the overview (the app's help is its own)."""
    if ctx.invoked_subcommand is None:
        echo(OVERVIEW)


def invoked_command(argv: Sequence[str]) -> str | None:
    """The subcommand a command line (or the line being completed) names, if any."""
    words = list(argv[1:])
    if "_COOP_COMPLETE" in os.environ:  # the line being completed (bash: its words)
        line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS", "")
        words = line.split()[1:]
        if len(words) == 0 or (len(words) == 1 and not line.endswith(" ")):
            return None  # completing the command name itself needs every command
    skip = False
    for word in words:
        if not skip and not word.startswith("-"):
            return word
        skip = word == "--data" and not skip  # its value is no command
    return None


def import_commands(names: Iterable[str]) -> None:
    """Import the module of each command named, which declares it."""
    for name in names:
        importlib.import_module(f"coopcli.cli.commands.{name}")


def app_for(argv: Sequence[str]) -> typer.Typer:
    """The app for `argv`: only the named command registered (Typer builds the parser of
    every registered command on each run); every command for help, a typo or none."""
    name = invoked_command(argv)
    wanted = [name] if name in COMMANDS and name != "help" else list(COMMANDS)
    import_commands(wanted)
    chosen = copy.copy(app)
    chosen.registered_commands = [DECLARED[name][1] for name in help_order(wanted)]
    terminal = is_terminal(sys.stdout) and is_terminal(sys.stderr)
    if os.environ.get("NO_COLOR") or not (os.environ.get("FORCE_COLOR") or terminal):
        chosen.rich_markup_mode = None  # help as plain text, without rich's panels
    return chosen


def full_app() -> typer.Typer:
    """The app with every command (for tests and documentation)."""
    return app_for(["coop", "--help"])
