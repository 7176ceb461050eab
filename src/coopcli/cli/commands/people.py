"""`coop people`: every person the events name, with their events in date order."""

from typing import Annotated

import typer

from coopcli.cli.application import command
from coopcli.cli.messages import INFERRED_HINT
from coopcli.cli.options import (
    DataOption,
    JsonOption,
    ListingFormatOption,
    choose_format,
    complete_listed_person,
    load_dataset,
)
from coopcli.render import LISTING_FORMATS, Output, emit, people


@command(
    "people",
    position=600,
    examples=[
        "coop people",
        "coop people johansson",
        "coop people 'von der leyen' --json",
    ],
)
def people_command(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            help=(
                "Only the people whose name this matches, each word the start of a word "
                "(e.g. johansson, 'von der leyen', hrvp)."
            ),
            autocompletion=complete_listed_person,
            show_default=False,
        ),
    ] = None,
    json_flag: JsonOption = False,
    output_format: ListingFormatOption = None,
    data: DataOption = None,
) -> None:
    """Every person the events name, as the source names them (two wordings of one
    person stay two names), each with their events in date order."""
    chosen = choose_format(json_flag, output_format, LISTING_FORMATS)
    rows = load_dataset(ctx, data).people(name)
    output = Output(
        rows,
        columns=people.COLUMNS,
        human=lambda screen: people.people(screen, rows),
        inferred_hint=INFERRED_HINT,
    )
    emit(output, chosen)
