"""Every person the events name, as the source names them (two wordings of one
person stay two names), each with their events in date order.

$ coop people
$ coop people johansson
$ coop people 'von der leyen' --json
"""

from typing import Annotated

from coopcli.cli import options as o
from coopcli.render import LISTING_FORMATS, Output, columns, views

NAME_HELP = (
    "Only the people whose name this matches, each word the start of a word "
    "(e.g. johansson, 'von der leyen', hrvp)."
)


@o.command(position=600, formats=LISTING_FORMATS)
def people_command(
    load: o.Load,
    name: Annotated[str | None, o.argument("[NAME]", NAME_HELP, o.complete_listed_person)] = None,
) -> Output:
    rows = load().people(name)
    return Output(
        rows,
        columns=columns.PEOPLE,
        human=lambda screen: views.people(screen, rows),
        inferred_hint=o.INFERRED_HINT,
    )
