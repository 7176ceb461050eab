r"""The matrix of partners by cooperation area, or the partners under one area.

$ coop areas
$ coop areas smuggling
$ coop areas --json | jq -r '.[] | "\(.id): \(.countries | length)"'
"""

from typing import Annotated

from coopcli.api import choose
from coopcli.cli import options as o
from coopcli.render import LISTING_FORMATS, Output, columns, views
from coopcli.vocab import AREAS

AREA_HELP = "An area id: list the partners under it, with the quotes."


@o.command(position=700, formats=LISTING_FORMATS)
def areas_command(
    load: o.Load,
    area: Annotated[str | None, o.argument("[AREA]", AREA_HELP, o.complete_ids(AREAS))] = None,
) -> Output:
    wanted = choose(area, AREAS, "area") if area is not None else None
    dataset = load()
    if wanted is None:
        matrix, partners = dataset.areas(), dataset.select()
        return Output(
            matrix,
            columns=columns.AREA_MATRIX,
            human=lambda screen: views.area_matrix(screen, matrix, partners),
        )
    rows = dataset.areas(wanted)
    return Output(
        rows, columns=columns.AREA_QUOTES, human=lambda s: views.area_quotes(s, rows, wanted)
    )
