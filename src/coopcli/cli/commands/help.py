"""Show the help of coop, or of one command (the same as COMMAND --help).

$ coop help
$ coop help timeline
"""

import difflib
from typing import Annotated

import typer
from typer.core import TyperGroup

from coopcli.cli import options as o
from coopcli.cli.exits import echo
from coopcli.errors import NotFound


def _complete(incomplete: str) -> o.Completions:
    return o.offered(incomplete, ((name, "") for name in o.help_order(o.COMMANDS)))


@o.command(position=1600, data=False)
def help_command(
    ctx: typer.Context,
    name: Annotated[
        str | None, o.argument("[COMMAND]", "The command to explain.", _complete)
    ] = None,
) -> None:
    parent = ctx.parent
    assert parent is not None and isinstance(parent.command, TyperGroup)
    if name is None:
        text = parent.command.get_help(parent)
    else:
        chosen = parent.command.get_command(parent, name)
        if chosen is None:
            raise NotFound("command", name, difflib.get_close_matches(name, list(o.COMMANDS), n=1))
        with typer.Context(chosen, info_name=name, parent=parent) as context:
            text = chosen.get_help(context)
    if text:  # rich help prints itself and returns nothing
        echo(text)
