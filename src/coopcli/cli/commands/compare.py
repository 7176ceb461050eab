"""Partners side by side: areas in common and apart, agreements and their
statuses, frameworks shared, last and next event.

$ coop compare morocco tunisia
$ coop compare nigeria niger mauritania --json
"""

from typing import Annotated

from coopcli.cli import options as o
from coopcli.render import OBJECT_FORMATS, Output, views


@o.command(position=900, formats=OBJECT_FORMATS)
def compare_command(
    load: o.Load,
    countries: Annotated[
        list[str], o.argument("COUNTRY COUNTRY...", "Two or more partners.", o.complete_partner)
    ],
) -> Output:
    dataset = load()
    result = dataset.compare(*countries)
    partners = [dataset.partner_record(partner_id) for partner_id in result["countries"]]
    return Output(
        result,
        human=lambda screen: views.comparison(screen, result, partners),
        inferred_hint=o.INFERRED_HINT,
    )
