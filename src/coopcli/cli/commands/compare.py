"""`coop compare`: partners side by side."""

from typing import Annotated

import typer

from coopcli.cli.application import command
from coopcli.cli.options import complete_partner, load_dataset
from coopcli.render import OBJECT_FORMATS, Output, views


@command(
    "compare",
    position=900,
    formats=OBJECT_FORMATS,
    examples=[
        "coop compare morocco tunisia",
        "coop compare nigeria niger mauritania --json",
    ],
)
def compare_command(
    ctx: typer.Context,
    countries: Annotated[
        list[str],
        typer.Argument(
            metavar="COUNTRY COUNTRY...",
            help="Two or more partners.",
            autocompletion=complete_partner,
            show_default=False,
        ),
    ],
) -> Output:
    """Partners side by side: areas in common and apart, agreements and their
    statuses, frameworks shared, last and next event.
    """
    dataset = load_dataset(ctx)
    result = dataset.compare(*countries)
    by_id = {partner["id"]: partner for partner in dataset.records["partners"]}
    partners = [by_id[partner_id] for partner_id in result["countries"]]
    return Output(result, human=lambda screen: views.comparison(screen, result, partners))
