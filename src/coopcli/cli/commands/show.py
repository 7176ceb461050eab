"""`coop show`: a partner's card."""

from typing import Annotated

import typer

from coopcli.cli.application import command
from coopcli.cli.messages import card_hint
from coopcli.cli.options import (
    CountryArgument,
    DataOption,
    JsonOption,
    ObjectFormatOption,
    choose_format,
    load_dataset,
)
from coopcli.render import OBJECT_FORMATS, Output, card, emit


@command(
    "show",
    examples=[
        "coop show tunisia",
        "coop show Türkiye --sources",
        "coop show TN --json | jq '.events[].date'",
    ],
)
def show_command(
    ctx: typer.Context,
    country: CountryArgument,
    sources: Annotated[
        bool, typer.Option("--sources", "-s", help="Show the verbatim quote under each fact.")
    ] = False,
    json_flag: JsonOption = False,
    output_format: ObjectFormatOption = None,
    data: DataOption = None,
) -> None:
    """Show a partner's card: agreements, frameworks, events, areas, agencies and notes."""
    chosen = choose_format(json_flag, output_format, OBJECT_FORMATS)
    partner = load_dataset(ctx, data).partner_record(country)
    hint = card_hint(partner["id"], sources=sources)
    emit(Output(partner, human=card(partner, sources=sources), inferred_hint=hint), chosen)
