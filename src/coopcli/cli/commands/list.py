"""`coop list`: the partner countries and regions."""

import typer

from coopcli.cli.application import command
from coopcli.cli.options import (
    AreaOption,
    CountryOption,
    DataOption,
    FrameworkOption,
    JsonOption,
    ListingFormatOption,
    RegionOption,
    choose_format,
    load_dataset,
)
from coopcli.render import LISTING_FORMATS, Output, columns, emit


@command(
    "list",
    position=100,
    examples=[
        "coop list",
        "coop list --area smuggling --json",
        "coop list --region 'Southern Asia' --format csv",
    ],
)
def list_command(
    ctx: typer.Context,
    region: RegionOption = None,
    area: AreaOption = None,
    country: CountryOption = None,
    framework: FrameworkOption = None,
    json_flag: JsonOption = False,
    output_format: ListingFormatOption = None,
    data: DataOption = None,
) -> None:
    """List the partner countries and regions."""
    chosen = choose_format(json_flag, output_format, LISTING_FORMATS)
    rows = load_dataset(ctx, data).partner_rows(
        country=country, region=region, area=area, framework=framework
    )
    emit(Output(rows, columns=columns.PARTNERS, empty_message="No partner matches."), chosen)
