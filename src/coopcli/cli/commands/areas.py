"""`coop areas`: the partners-by-area matrix, or the partners under one area."""

from typing import Annotated

import typer

from coopcli.api import choose
from coopcli.cli.application import command
from coopcli.cli.options import (
    DataOption,
    JsonOption,
    ListingFormatOption,
    choose_format,
    complete_ids,
    load_dataset,
)
from coopcli.render import LISTING_FORMATS, Output, columns, emit, views
from coopcli.vocab import AREAS


@command(
    "areas",
    position=700,
    examples=[
        "coop areas",
        "coop areas smuggling",
        "coop areas --json | jq -r '.[] | \"\\(.id): \\(.countries | length)\"'",
    ],
)
def areas_command(
    ctx: typer.Context,
    area: Annotated[
        str | None,
        typer.Argument(
            metavar="[AREA]",
            help="An area id: list the partners under it, with the quotes.",
            autocompletion=complete_ids(lambda: AREAS),
            show_default=False,
        ),
    ] = None,
    json_flag: JsonOption = False,
    output_format: ListingFormatOption = None,
    data: DataOption = None,
) -> None:
    """The matrix of partners by cooperation area, or the partners under one area."""
    chosen = choose_format(json_flag, output_format, LISTING_FORMATS)
    wanted = choose(area, AREAS, "area") if area is not None else None
    dataset = load_dataset(ctx, data)
    if wanted is None:
        matrix = dataset.areas()
        partners = dataset.records["partners"]
        output = Output(
            matrix,
            columns=columns.AREA_MATRIX,
            human=lambda screen: views.area_matrix(screen, matrix, partners),
        )
    else:
        rows = dataset.areas(wanted)
        output = Output(
            rows,
            columns=columns.AREA_QUOTES,
            human=lambda screen: views.area_quotes(screen, rows, wanted),
        )
    emit(output, chosen)
