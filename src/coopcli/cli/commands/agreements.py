"""`coop agreements`: the agreements with the EU, by status, kind or partner."""

import typer

from coopcli.api import choose_all
from coopcli.cli.application import command
from coopcli.cli.messages import INFERRED_HINT
from coopcli.cli.options import (
    AgreementKindOption,
    AreaOption,
    CountryOption,
    DataOption,
    FrameworkOption,
    JsonOption,
    ListingFormatOption,
    PartnersArgument,
    RegionOption,
    StatusOption,
    choose_format,
    load_dataset,
    partners_and_countries,
    values,
)
from coopcli.render import LISTING_FORMATS, Output, columns, emit
from coopcli.vocab import AGREEMENT_KINDS, AGREEMENT_STATUSES


@command(
    "agreements",
    position=400,
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
    country: CountryOption = None,
    region: RegionOption = None,
    area: AreaOption = None,
    framework: FrameworkOption = None,
    json_flag: JsonOption = False,
    output_format: ListingFormatOption = None,
    data: DataOption = None,
) -> None:
    """List the agreements with the EU, filtered by status, kind or partner."""
    chosen = choose_format(json_flag, output_format, LISTING_FORMATS)
    # The values are checked before the dataset is read, so that a typo is a usage
    # error even when the dataset is bad; the query checks them again (the same rules).
    statuses = choose_all(values(status), AGREEMENT_STATUSES, "status")
    kinds = choose_all(values(kind), AGREEMENT_KINDS, "kind")
    rows = load_dataset(ctx, data).agreements(
        status=statuses,
        kind=kinds,
        country=partners_and_countries(partners, country),
        region=region,
        area=area,
        framework=framework,
    )
    output = Output(
        rows,
        columns=columns.AGREEMENTS,
        empty_message="No agreement matches.",
        inferred_hint=INFERRED_HINT,
    )
    emit(output, chosen)
