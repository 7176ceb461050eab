"""Check a dataset file and report every problem as PATH:LINE: where: what.

With --source, also prove every quote against that text (each one not found is a
problem) and print the share of the text the quotes cover.

Exit status: 0 valid, 1 invalid or unreadable, 2 usage error.

$ coop validate
$ coop validate edition.toml
$ coop validate edition.toml --source document.txt --min-coverage 100
"""

from typing import Annotated

import typer

from coopcli.api import fact_count, prove_quotes, validate_file
from coopcli.cli import options as o
from coopcli.cli.exits import echo, say
from coopcli.errors import CoopError, DataError, UsageError
from coopcli.render.base import counted

PATH_HELP = "Dataset file to check (default: --data, COOP_DATA or the shipped one)."
SOURCE_HELP = "Prove every quote against this source text and report its coverage."
COVERAGE_HELP = "With --source: exit 1 when the quotes cover less than N% of the text."
COVERAGE = o.complete_ids({"100": "percent: every passage"})
VERBOSE_HELP = "With --source: list the uncovered passages."


@o.command(position=1500)
def validate_command(
    ctx: typer.Context,
    path: Annotated[str | None, o.argument("[PATH]", PATH_HELP)] = None,
    source: Annotated[str | None, o.option("--source", "FILE", SOURCE_HELP)] = None,
    min_coverage: Annotated[
        float | None, o.option("--min-coverage", "N", COVERAGE_HELP, COVERAGE, min=0, max=100)
    ] = None,
    verbose: Annotated[bool, o.flag("--verbose -v", VERBOSE_HELP)] = False,
) -> None:
    if source is None and (min_coverage is not None or verbose):
        raise UsageError("--min-coverage and --verbose need --source FILE")
    if min_coverage is not None and min_coverage != min_coverage:  # nan: no range holds it
        raise UsageError("--min-coverage takes a number from 0 to 100, not nan")
    file, content, records = validate_file(path if path is not None else o.dataset_path(ctx))
    partners = records["partners"]
    echo(
        f"{file}: valid: {counted(len(partners), 'partner')}, {counted(fact_count(partners), 'fact')}"
    )
    if source is None:
        return
    report = prove_quotes(file, content, records, source)
    for warning in report.warnings:
        say(warning)
    percent = report.coverage.percent()
    echo(f"coverage: {percent} of the source text")
    for passage in report.coverage.uncovered if verbose else []:
        echo(f"  uncovered: {passage.strip()}")
    if report.problems:
        raise DataError(report.problems)
    if min_coverage is not None and report.coverage.share * 100 < min_coverage:
        raise CoopError(f"coverage {percent} is below --min-coverage {min_coverage:g}%")
