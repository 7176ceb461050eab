"""`coop list`: the partner countries and regions."""

import typer

from coopcli.cli.application import command
from coopcli.cli.options import (
    AreaOption,
    CountryOption,
    FrameworkOption,
    RegionOption,
    load_dataset,
)
from coopcli.render import LISTING_FORMATS, Output, columns


@command(
    "list",
    position=100,
    formats=LISTING_FORMATS,
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
) -> Output:
    """List the partner countries and regions."""
    rows = load_dataset(ctx).partner_rows(
        country=country, region=region, area=area, framework=framework
    )
    return Output(rows, columns=columns.PARTNERS, empty_message="No partner matches.")
