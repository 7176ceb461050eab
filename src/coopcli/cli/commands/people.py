"""Every person the events name, once whatever names the source gives them: their
office, the names the source writes (a name marked * is coop's identification), and
their events in date order, each with who else took part.

$ coop people
$ coop people borrell
$ coop people 'von der leyen' --json
"""

from typing import Annotated

from coopcli.cli import options as o
from coopcli.render import LISTING_FORMATS, Output, columns, views

NAME_HELP = (
    "Only the people one of whose names this matches, each word the start of a word, "
    "or their id (e.g. johansson, hrvp, 'von der leyen', ylva-johansson)."
)

IDENTIFIED_HINT = (
    "`coop people NAME --json` gives the reasons for a name"  # under the legend of `*`
)


@o.command(position=600, formats=LISTING_FORMATS)
def people_command(
    load: o.Load,
    name: Annotated[str | None, o.argument("[NAME]", NAME_HELP, o.complete_person)] = None,
) -> Output:
    rows = load().people(name)
    return Output(
        rows,
        columns=columns.PEOPLE,
        human=lambda screen: views.people(screen, rows, IDENTIFIED_HINT),
        inferred_hint=o.INFERRED_HINT,
    )
