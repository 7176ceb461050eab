"""`coop frameworks`: each framework or process with the partners in it."""

from typing import Annotated

import typer

from coopcli.cli.application import command
from coopcli.cli.options import (
    DataOption,
    JsonOption,
    ListingFormatOption,
    choose_format,
    load_dataset,
)
from coopcli.render import LISTING_FORMATS, Output, columns, emit, views


@command(
    "frameworks",
    position=800,
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
    json_flag: JsonOption = False,
    output_format: ListingFormatOption = None,
    data: DataOption = None,
) -> None:
    """Each framework or process with the partners in it: the Rabat and Budapest
    Processes, dialogues, Mobility Partnerships, Common Agendas...
    """
    chosen = choose_format(json_flag, output_format, LISTING_FORMATS)
    groups = load_dataset(ctx, data).frameworks(name)
    if name is None:
        output = Output(groups, columns=columns.FRAMEWORKS)
    else:
        output = Output(
            groups,
            columns=columns.FRAMEWORKS,
            human=lambda screen: views.framework_details(screen, groups),
        )
    emit(output, chosen)
