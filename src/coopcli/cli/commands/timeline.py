"""Every dated fact across partners, in date order: visits, dialogues, meetings,
calls, summits and agreement milestones. Undated planned items come last.

$ coop timeline tunisia libya --kind visit
$ coop timeline --person borrell --from 2021-09
$ coop timeline --body 'european council' --json
"""

from typing import Annotated

from coopcli.api import check_date, check_range, choose_all
from coopcli.cli import options as o
from coopcli.errors import UsageError
from coopcli.render import LISTING_FORMATS, Output, columns, views
from coopcli.vocab import TIMELINE_KINDS

PLANNED_HELP = "Only what was still planned when the source was written."
PAST_HELP = "Only what had happened when the source was written."


@o.command(position=500, formats=LISTING_FORMATS)
def timeline_command(
    load: o.Load,
    partners: o.PartnersArgument = None,
    *,
    filters: o.Filters,
    person: o.PersonOption = None,
    body: o.BodyOption = None,
    place: o.PlaceOption = None,
    start: o.FromOption = None,
    end: o.ToOption = None,
    planned: Annotated[bool, o.flag("--planned", PLANNED_HELP)] = False,
    past: Annotated[bool, o.flag("--past", PAST_HELP)] = False,
    kind: o.TimelineKindOption = None,
) -> Output:
    if planned and past:
        raise UsageError("--planned and --past exclude each other")
    since = check_date(start, "--from") if start is not None else None
    until = check_date(end, "--to") if end is not None else None
    check_range(since, until, ("--from", "--to"))
    kinds = choose_all(kind or [], TIMELINE_KINDS, "kind")
    loaded = load()
    rows = loaded.timeline(
        **o.with_partners(filters, partners),
        kind=kinds,
        planned=True if planned else False if past else None,
        since=since,
        until=until,
        person=person,
        body=body,
        place=place,
    )
    return Output(
        rows,
        columns=columns.TIMELINE,
        human=lambda screen: views.timeline(screen, rows, loaded.select()),
        inferred_hint=o.INFERRED_HINT,
    )
