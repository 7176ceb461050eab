"""`coop timeline`: every dated fact across partners, in date order."""

from typing import Annotated

import typer

from coopcli.api import check_date, check_range, choose_all
from coopcli.cli.application import command
from coopcli.cli.messages import INFERRED_HINT
from coopcli.cli.options import (
    Filters,
    FromOption,
    PartnersArgument,
    PersonOption,
    PlaceOption,
    TimelineKindOption,
    ToOption,
    load_dataset,
    values,
    with_partners,
)
from coopcli.errors import UsageError
from coopcli.render import LISTING_FORMATS, Output, columns, views
from coopcli.vocab import TIMELINE_KINDS


@command(
    "timeline",
    position=500,
    formats=LISTING_FORMATS,
    examples=[
        "coop timeline tunisia libya --kind visit",
        "coop timeline --person johansson --from 2021-09",
        "coop timeline --planned --json",
    ],
)
def timeline_command(
    ctx: typer.Context,
    partners: PartnersArgument = None,
    *,
    filters: Filters,
    person: PersonOption = None,
    place: PlaceOption = None,
    start: FromOption = None,
    end: ToOption = None,
    planned: Annotated[
        bool,
        typer.Option("--planned", help="Only what was still planned when the source was written."),
    ] = False,
    past: Annotated[
        bool, typer.Option("--past", help="Only what had happened when the source was written.")
    ] = False,
    kind: TimelineKindOption = None,
) -> Output:
    """Every dated fact across partners, in date order: visits, dialogues, meetings,
    calls, summits and agreement milestones. Undated planned items come last.
    """
    if planned and past:
        raise UsageError("--planned and --past exclude each other")
    since = check_date(start, "--from") if start is not None else None
    until = check_date(end, "--to") if end is not None else None
    check_range(since, until, ("--from", "--to"))
    kinds = choose_all(values(kind), TIMELINE_KINDS, "kind")
    loaded = load_dataset(ctx)
    rows = loaded.timeline(
        **with_partners(filters, partners),
        kind=kinds,
        planned=True if planned else False if past else None,
        since=since,
        until=until,
        person=person,
        place=place,
    )
    return Output(
        rows,
        columns=columns.TIMELINE,
        human=lambda screen: views.timeline(screen, rows, loaded.records["partners"]),
        inferred_hint=INFERRED_HINT,
    )
