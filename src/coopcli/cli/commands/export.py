"""`coop export`: the dataset, or the partners a filter keeps, for other tools."""

from typing import Annotated

import typer

from coopcli import analysis, shipped
from coopcli.cli.application import command
from coopcli.cli.messages import say
from coopcli.cli.options import (
    AreaOption,
    CountryOption,
    DataOption,
    ExportFormatOption,
    FrameworkOption,
    RegionOption,
    choose_format,
    load_dataset,
)
from coopcli.render import EXPORT_FORMATS, Output, columns, emit, save


@command(
    "export",
    examples=[
        "coop export --format csv --output facts.csv",
        "coop export -f toml --region 'Western Africa' -o west-africa.toml",
        "coop export --format ndjson | jq -c '{id, areas: [.areas[].id]}'",
    ],
)
def export_command(
    ctx: typer.Context,
    output_format: ExportFormatOption = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically) instead of stdout; - is stdout.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    country: CountryOption = None,
    region: RegionOption = None,
    area: AreaOption = None,
    framework: FrameworkOption = None,
    data: DataOption = None,
) -> None:
    """Export the whole dataset, or the partners a filter keeps, for other tools:
    json (the dataset document), ndjson (a partner per line), csv (a fact per row),
    toml (a dataset file that coop validate accepts) or sqlite (a database, a table per
    kind of fact, with full-text search; --output only)."""
    chosen = choose_format(False, output_format, EXPORT_FORMATS)
    # Written in this coop's layout, whatever the edition it was read from.
    document = load_dataset(ctx, data).document(
        country=country, region=region, area=area, framework=framework
    )
    partners = document["partners"]
    result = Output(
        document, items=partners, rows=analysis.fact_rows(partners), columns=columns.FACTS
    )
    if output is None or output == "-":
        emit(result, chosen)  # a binary format: a usage error, "add --output FILE"
        return
    save(result, chosen, output, force=force, protected=shipped.dataset_path())
    say(f"wrote {len(partners)} partners to {output}")
