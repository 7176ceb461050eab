"""The Typer app: root options, the one ladder from errors to exit statuses, and the
registry of commands, each imported only when it runs."""

import copy
import functools
import importlib
import inspect
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from coopcli import __version__
from coopcli.cli.exits import ReaderGone, status_for
from coopcli.cli.messages import echo, report_error, report_usage, usage_message
from coopcli.cli.options import (
    DATA_HELP,
    FILTER_OPTIONS,
    DataOption,
    Filters,
    JsonOption,
    choose_format,
    format_option,
)
from coopcli.errors import CoopError, UsageError
from coopcli.render import Output, OutputFormat, emit
from coopcli.terminal import is_terminal

COMMANDS_PACKAGE = "coopcli.cli.commands"
COMMANDS_FOLDER = os.path.join(os.path.dirname(__file__), "commands")


def command_names(folder: str = COMMANDS_FOLDER) -> tuple[str, ...]:
    """The commands of `folder`, each named by its module's file (a listing: no import)."""
    with os.scandir(folder) as entries:
        return tuple(
            sorted(
                entry.name.removesuffix(".py")
                for entry in entries
                if entry.name.endswith(".py") and not entry.name.startswith("_")
            )
        )


COMMANDS = command_names()
"""Every command, by name, alphabetical: a new command is its module and nothing else."""

POSITIONS: dict[str, int] = {}
"""Each imported command's place in `coop --help`."""


class CommandModuleError(Exception):
    """A command module that does not define the one command of its name (coop's bug)."""


class CoopCommand(TyperCommand):
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except UsageError as error:  # reported with this command's usage line
            raise _click_usage_error(usage_message(error), ctx) from None
        except BrokenPipeError:  # past click, which would exit 1 on it
            raise ReaderGone from None


def _click_usage_error(message: str, ctx: typer.Context) -> Exception:
    # Typer vendors click's UsageError without a public path: take it from BadParameter's ancestry.
    usage_error: Any = next(
        ancestor for ancestor in typer.BadParameter.__mro__ if ancestor.__name__ == "UsageError"
    )
    exception: Exception = usage_error(message, ctx=ctx)
    return exception


class CoopGroup(TyperGroup):
    """The root: the one place where an error becomes a message and an exit status."""

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
        except CoopError as error:
            report_error(error)
            code = status_for(error)
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

Function = TypeVar("Function", bound=Callable[..., Output | None])


def command(
    name: str,
    examples: list[str],
    *,
    position: int,
    formats: Sequence[OutputFormat] = (),
    data: bool = True,
) -> Callable[[Function], Function]:
    """Register the command `name`, defined in the module of that name; its help ends
    with `examples`; `position` orders `coop --help` (gaps of 100 leave room).

    With `formats`, the command also takes `--json` and `--format` (the first format is
    the default) and returns its answer, emitted in the chosen format; with `data`,
    `--data` (read by `options.load_dataset`). A `Filters` parameter is the four filter
    options, handed to the function as one mapping."""
    epilog = "Examples:\n\n" + "\n\n".join(f"  $ {example}" for example in examples)

    def registered(function: Function) -> Function:
        module = function.__module__.rpartition(".")[2]
        if module != name:
            raise CommandModuleError(
                f"command {name!r} is defined in module {module!r}: its file must be {name}.py"
            )
        POSITIONS[name] = position
        declared = _spelled_out(function, formats, data)
        app.command(name, cls=CoopCommand, epilog=epilog)(declared)
        return function

    return registered


def _spelled_out(
    function: Callable[..., Output | None], formats: Sequence[OutputFormat], data: bool
) -> Callable[..., None]:
    """`function` as Typer reads it: its `Filters` parameter spelled as the four filter
    options, and `--json`, `--format` and `--data` appended. The format is chosen before
    the question is asked (a usage error comes first), and the answer emitted."""
    signature = inspect.signature(function)
    filters = next((p.name for p in signature.parameters.values() if p.annotation is Filters), None)
    parameters: list[inspect.Parameter] = []
    for parameter in signature.parameters.values():
        if parameter.name == filters:
            parameters += [_keyword(name, None, hint) for name, hint in FILTER_OPTIONS.items()]
        else:
            parameters.append(parameter)
    if formats:
        parameters.append(_keyword("json_flag", False, JsonOption))
        parameters.append(
            _keyword("output_format", None, Annotated[str | None, format_option(formats)])
        )
    if data:
        parameters.append(_keyword("data", None, DataOption))

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> None:
        chosen = None
        if formats:
            chosen = choose_format(kwargs.pop("json_flag"), kwargs.pop("output_format"), formats)
        kwargs.pop("data", None)  # read from the context (`options.dataset_path`)
        if filters:
            kwargs[filters] = {name: kwargs.pop(name) for name in FILTER_OPTIONS}
        answer = function(*args, **kwargs)
        if answer is not None and chosen is not None:
            emit(answer, chosen)

    run.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=parameters, return_annotation=None
    )
    run.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": None}
    return run


def _keyword(name: str, default: object, hint: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=hint)


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
        if word == "--data":
            position += 2
        elif word.startswith("-"):
            position += 1
        else:
            return word
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
    """The app for `argv`: only the named command registered (Typer builds the parser of
    every registered command on each run); every command for help, a typo or none."""
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
