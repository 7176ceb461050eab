"""`coop agreements`: the agreements with the EU, by status, kind or partner."""

import typer

from coopcli.api import choose_all
from coopcli.cli.application import command
from coopcli.cli.messages import INFERRED_HINT
from coopcli.cli.options import (
    AgreementKindOption,
    Filters,
    PartnersArgument,
    StatusOption,
    load_dataset,
    values,
    with_partners,
)
from coopcli.render import LISTING_FORMATS, Output, columns
from coopcli.vocab import AGREEMENT_KINDS, AGREEMENT_STATUSES


@command(
    "agreements",
    position=400,
    formats=LISTING_FORMATS,
    examples=[
        "coop agreements --status in_place",
        "coop agreements --kind readmission --status negotiating --status mandate",
        "coop agreements tunisia morocco --json",
    ],
)
def agreements_command(
    ctx: typer.Context,
    partners: PartnersArgument = None,
    status: StatusOption = None,
    kind: AgreementKindOption = None,
    *,
    filters: Filters,
) -> Output:
    """List the agreements with the EU, filtered by status, kind or partner."""
    # Checked before the dataset is read: a typo is a usage error even in a bad dataset.
    statuses = choose_all(values(status), AGREEMENT_STATUSES, "status")
    kinds = choose_all(values(kind), AGREEMENT_KINDS, "kind")
    rows = load_dataset(ctx).agreements(
        status=statuses,
        kind=kinds,
        **with_partners(filters, partners),
    )
    return Output(
        rows,
        columns=columns.AGREEMENTS,
        empty_message="No agreement matches.",
        inferred_hint=INFERRED_HINT,
    )
