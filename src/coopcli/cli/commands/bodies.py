"""The bodies and states the source names (EU institutions, agencies and delegations,
international organisations, committees, partners' own bodies, states): a table of
them, or for NAME each with its names, the facts whose fields name it, partner by
partner, and those that name it only in their quote.

$ coop bodies
$ coop bodies europol
$ coop bodies iom --json
"""

from typing import Annotated

from coopcli.cli import options as o
from coopcli.render import LISTING_FORMATS, Output, columns, views

NAME_HELP = (
    "Only the bodies one of whose names this matches, each word the start of a word, "
    "or their id (e.g. europol, iom, 'eu delegation', italy)."
)


@o.command(position=650, formats=LISTING_FORMATS)
def bodies_command(
    load: o.Load,
    name: Annotated[str | None, o.argument("[NAME]", NAME_HELP, o.complete_body)] = None,
) -> Output:
    dataset = load()
    rows = dataset.bodies(name)
    names = {p["id"]: p["name"] for p in dataset.select()}
    names |= {thing_id: thing["name"] for thing_id, thing in dataset.registry.things.items()}
    partners = dataset.select()
    details = (lambda s: views.bodies(s, rows, names, partners)) if name is not None else None
    return Output(rows, columns=columns.BODIES, human=details, inferred_hint=o.INFERRED_HINT)
