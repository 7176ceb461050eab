"""`coop show`: a partner's card, or one fact (`PARTNER/ID`)."""

from typing import Annotated

import typer

from coopcli.api import is_fact_name
from coopcli.cli.application import command
from coopcli.cli.messages import FACT_CARD_HINT, card_hint
from coopcli.cli.options import (
    CountryOrFactArgument,
    DataOption,
    JsonOption,
    ObjectFormatOption,
    choose_format,
    load_dataset,
)
from coopcli.render import OBJECT_FORMATS, Output, cards, emit


@command(
    "show",
    position=200,
    examples=[
        "coop show tunisia",
        "coop show Türkiye --sources",
        "coop show TN/visit-2021-05 --json | jq .source",
    ],
)
def show_command(
    ctx: typer.Context,
    country: CountryOrFactArgument,
    sources: Annotated[
        bool, typer.Option("--sources", "-s", help="Show the verbatim quote under each fact.")
    ] = False,
    json_flag: JsonOption = False,
    output_format: ObjectFormatOption = None,
    data: DataOption = None,
) -> None:
    """Show a partner's card: agreements, frameworks, events, areas, agencies and notes;
    or one fact, PARTNER/ID, with its quote and the reasons for what it infers."""
    chosen = choose_format(json_flag, output_format, OBJECT_FORMATS)
    dataset = load_dataset(ctx, data)
    if is_fact_name(country):
        found = dataset.fact(country)
        emit(
            Output(
                found["record"],
                human=lambda screen: cards.fact_card(screen, found),
                inferred_hint=FACT_CARD_HINT,
            ),
            chosen,
        )
        return
    partner = dataset.partner_record(country)
    hint = card_hint(partner["id"], sources=sources)
    emit(
        Output(
            partner,
            human=lambda screen: cards.card(screen, partner, sources=sources),
            inferred_hint=hint,
        ),
        chosen,
    )
