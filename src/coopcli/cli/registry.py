"""`@command`, which every command module uses to declare its command once; the app of a
run (`application`) registers the ones it needs. No command is imported here."""

import functools
import inspect
import os
from collections.abc import Callable, Iterable, Sequence
from typing import Annotated, Any, NamedTuple

import typer

from coopcli import api
from coopcli.cli import options as o
from coopcli.render import Output, OutputFormat, emit

COMMANDS_FOLDER = os.path.join(os.path.dirname(__file__), "commands")

COMMANDS = tuple(
    sorted(n[:-3] for n in os.listdir(COMMANDS_FOLDER) if n.endswith(".py") and n[0] != "_")
)
"""Every command, by name, alphabetical: a new command is its module and nothing else."""


class Declared(NamedTuple):
    position: int  # its place in `coop --help`
    function: Callable[..., None]  # as Typer reads it
    help: str
    epilog: str


DECLARED: dict[str, Declared] = {}


def help_order(names: Iterable[str]) -> list[str]:
    """`names` (imported commands) in the order `coop --help` lists them."""
    return sorted(names, key=lambda name: (DECLARED[name].position, name))


Answering = Callable[..., Output | None]


def command(
    *, position: int, formats: Sequence[OutputFormat] = (), data: bool = True
) -> Callable[[Answering], Answering]:
    """Declare the command named as its module: its docstring is its help (`$ ` lines:
    its examples), `position` its place in `coop --help`; with `formats`, `--json` and
    `--format` (the first the default) and its answer emitted so; with `data`, `--data`."""

    def declared(function: Answering) -> Answering:
        lines = inspect.cleandoc(function.__doc__ or "").splitlines()
        help = "\n".join(line for line in lines if not line.startswith("$ ")).rstrip()
        examples = "\n\n".join(f"  {line}" for line in lines if line.startswith("$ "))
        spelled_out = _spelled_out(function, formats, data)
        name = function.__module__.rpartition(".")[2]
        DECLARED[name] = Declared(position, spelled_out, help, f"Examples:\n\n{examples}")
        return function

    return declared


def _spelled_out(
    function: Answering, formats: Sequence[OutputFormat], data: bool
) -> Callable[..., None]:
    """`function` as Typer reads it: a `Filters` parameter spelled as the four filter
    options (handed over as one mapping), a `Load` one as the context (a loader when
    called), `--json`, `--format` and `--data` appended. The format is chosen first, so
    that a usage error comes before the question is asked."""
    signature = inspect.signature(function)
    filters = load = None
    parameters: list[inspect.Parameter] = []
    for parameter in signature.parameters.values():
        if parameter.annotation is o.Filters:
            filters = parameter.name
            parameters += [_keyword(name, None, hint) for name, hint in o.FILTER_OPTIONS.items()]
        elif parameter.annotation is o.Load:
            load = parameter.name
            parameters.append(parameter.replace(name="context", annotation=typer.Context))
        else:
            parameters.append(parameter)
    if formats:
        format_hint = Annotated[str | None, o.format_option(formats)]
        parameters += [
            _keyword("json_flag", False, o.JsonOption),
            _keyword("output_format", None, format_hint),
        ]
    if data:
        parameters.append(_keyword("data", None, o.DataOption))

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> None:
        chosen = None
        if formats:
            chosen = o.choose_format(kwargs.pop("json_flag"), kwargs.pop("output_format"), formats)
        kwargs.pop("data", None)  # read from the context (`options.dataset_path`)
        if filters:
            kwargs[filters] = {name: kwargs.pop(name) for name in o.FILTER_OPTIONS}
        if load:
            context = kwargs.pop("context")
            kwargs[load] = lambda: api.load(o.dataset_path(context))
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
