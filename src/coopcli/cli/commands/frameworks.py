"""`coop frameworks`: each framework or process with the partners in it."""

from typing import Annotated

import typer

from coopcli.cli.application import command
from coopcli.cli.options import load_dataset
from coopcli.render import LISTING_FORMATS, Output, columns, views


@command(
    "frameworks",
    position=800,
    formats=LISTING_FORMATS,
    examples=[
        "coop frameworks",
        "coop frameworks budapest",
        "coop frameworks --json | jq -r '.[].name'",
    ],
)
def frameworks_command(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            help="Only frameworks whose name or short name contains this (e.g. budapest, etm).",
            show_default=False,
        ),
    ] = None,
) -> Output:
    """Each framework or process with the partners in it: the Rabat and Budapest
    Processes, dialogues, Mobility Partnerships, Common Agendas...
    """
    groups = load_dataset(ctx).frameworks(name)
    if name is None:
        return Output(groups, columns=columns.FRAMEWORKS)
    return Output(
        groups,
        columns=columns.FRAMEWORKS,
        human=lambda screen: views.framework_details(screen, groups),
    )
