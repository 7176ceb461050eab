"""Show a partner's card: agreements, frameworks, events, areas, agencies and notes;
or one fact, PARTNER/ID, with its quote and the reasons for what it infers.

$ coop show tunisia
$ coop show Türkiye --sources
$ coop show TN/visit-2021-05 --json | jq .source
"""

from typing import Annotated

from coopcli.api import is_fact_name
from coopcli.cli import options as o
from coopcli.render import OBJECT_FORMATS, Output, cards

SOURCES_HELP = "Show the verbatim quote under each fact."


@o.command(position=200, formats=OBJECT_FORMATS)
def show_command(
    load: o.Load,
    country: o.CountryOrFactArgument,
    sources: Annotated[bool, o.flag("--sources -s", SOURCES_HELP)] = False,
) -> Output:
    dataset = load()
    if is_fact_name(country):
        found = dataset.fact(country)
        return Output(
            found["record"],
            human=lambda screen: cards.fact_card(screen, found),
            inferred_hint="the reason is under the fact",
        )
    partner = dataset.partner_record(country)
    return Output(
        partner,
        human=lambda screen: cards.card(screen, partner, sources=sources),
        inferred_hint="the reason is under each fact"
        if sources
        else o.INFERRED_HINT.replace("COUNTRY", partner["id"]),
    )
