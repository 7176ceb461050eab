"""`coop search`: every fact whose texts hold all the words."""

from typing import Annotated

import typer

from coopcli.api import query_words
from coopcli.cli.application import command
from coopcli.cli.options import (
    AreaOption,
    CountryOption,
    DataOption,
    FrameworkOption,
    JsonOption,
    ListingFormatOption,
    PersonOption,
    RegionOption,
    choose_format,
    load_dataset,
)
from coopcli.render import LISTING_FORMATS, Output, columns, emit, views


@command(
    "search",
    position=300,
    examples=[
        "coop search smuggling",
        "coop search varhelyi visit --json",
        "coop search readmiss --country nigeria",
    ],
)
def search_command(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY...",
            help="Words that must all occur in the same fact (prefixes match).",
            show_default=False,
        ),
    ],
    country: CountryOption = None,
    region: RegionOption = None,
    area: AreaOption = None,
    framework: FrameworkOption = None,
    person: PersonOption = None,
    json_flag: JsonOption = False,
    output_format: ListingFormatOption = None,
    data: DataOption = None,
) -> None:
    """Search every text of every fact, quotes included (case and accents ignored)."""
    chosen = choose_format(json_flag, output_format, LISTING_FORMATS)
    folded = query_words(words)  # checked before the dataset is read
    dataset = load_dataset(ctx, data)
    rows = dataset.search(
        words, country=country, region=region, area=area, framework=framework, person=person
    )
    partners = dataset.records["partners"]
    emit(
        Output(
            rows,
            columns=columns.HITS,
            human=lambda screen: views.hits(screen, rows, folded, partners),
        ),
        chosen,
    )
