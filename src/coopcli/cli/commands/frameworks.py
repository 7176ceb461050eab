"""Each framework or process with the partners in it: the Rabat and Budapest
Processes, dialogues, Mobility Partnerships, Common Agendas...

$ coop frameworks
$ coop frameworks budapest
$ coop frameworks --json | jq -r '.[].name'
"""

from typing import Annotated

from coopcli.cli import options as o
from coopcli.render import LISTING_FORMATS, Output, columns, views

NAME_HELP = "Only frameworks whose name or short name contains this (e.g. budapest, etm)."


@o.command(position=800, formats=LISTING_FORMATS)
def frameworks_command(
    load: o.Load,
    name: Annotated[str | None, o.argument("[NAME]", NAME_HELP, o.complete_framework)] = None,
) -> Output:
    groups = load().frameworks(name)
    details = (lambda s: views.framework_details(s, groups)) if name is not None else None
    hint = o.INFERRED_HINT  # a start coop read is marked: `since 2016-03*`
    return Output(groups, columns=columns.FRAMEWORKS, human=details, inferred_hint=hint)
