"""Check a dataset file and report every problem as PATH:LINE: where: what.

With --source, also prove every quote inside its own partner's part of that text (each
one not there is a problem that says where it is) and print the share of the text, and
of each partner's part, that the quotes cover.

Exit status: 0 valid, 1 invalid or unreadable, 2 usage error.

$ coop validate
$ coop validate edition.toml --source document.txt --verbose
$ coop validate edition.toml --source document.txt --json
"""

from typing import Annotated, Any

import typer

from coopcli.api import fact_count, prove_quotes, validate_file
from coopcli.cli import options as o
from coopcli.cli.exits import echo, say
from coopcli.errors import CoopError, DataError, UsageError
from coopcli.render import Output, OutputFormat, emit
from coopcli.render.base import counted

PATH_HELP = "Dataset file to check (default: --data, COOP_DATA or the shipped one)."
SOURCE_HELP = "Prove each quote in its partner's part of this text; report the coverage."
COVERAGE_HELP = "With --source: exit 1 when the quotes cover less than N% of the text or a part."
COVERAGE = o.complete_ids({"100": "percent: every passage"})
VERBOSE_HELP = "With --source: list the uncovered passages."
JSON_HELP = "The report as one JSON document (problems on stderr, as without it)."


@o.command(position=1500)
def validate_command(
    ctx: typer.Context,
    path: Annotated[str | None, o.argument("[PATH]", PATH_HELP)] = None,
    source: Annotated[str | None, o.option("--source", "FILE", SOURCE_HELP)] = None,
    min_coverage: Annotated[
        float | None, o.option("--min-coverage", "N", COVERAGE_HELP, COVERAGE, min=0, max=100)
    ] = None,
    verbose: Annotated[bool, o.flag("--verbose -v", VERBOSE_HELP)] = False,
    json_flag: Annotated[bool, o.flag("--json", JSON_HELP)] = False,
) -> None:
    if source is None and (min_coverage is not None or verbose):
        raise UsageError("--min-coverage and --verbose need --source FILE")
    if min_coverage is not None and min_coverage != min_coverage:  # nan: no range holds it
        raise UsageError("--min-coverage takes a number from 0 to 100, not nan")
    file, content, records = validate_file(path if path is not None else o.dataset_path(ctx))
    partners, facts = records["partners"], fact_count(records["partners"])
    lines = [f"{file}: valid: {counted(len(partners), 'partner')}, {counted(facts, 'fact')}"]
    document: dict[str, Any] = {"file": str(file), "partners": len(partners), "facts": facts}
    document |= {"source": source, "coverage": None, "uncovered": [], "coverage_by_partner": []}
    report = None if source is None else prove_quotes(file, content, records, source)
    if report is not None:
        for warning in report.warnings:
            say(warning)
        total = report.coverage
        lines.append(f"coverage: {total.percent()} of the source text")
        uncovered = [passage.strip() for passage in total.uncovered]
        lines += [f"  uncovered: {passage}" for passage in uncovered if verbose]
        document |= {"coverage": total.share * 100, "uncovered": uncovered}
        for partner in partners:
            part = total.by_partner[partner["id"]]
            uncovered = [passage.strip() for passage in part.uncovered]
            lines.append(f"  {part.percent():>6}  {partner['name']}")
            lines += [f"    uncovered: {passage}" for passage in uncovered if verbose]
            document["coverage_by_partner"].append(
                {"partner": partner["id"], "name": partner["name"]}
                | {"coverage": part.share * 100, "uncovered": uncovered}
            )
    if json_flag:
        emit(Output(document), OutputFormat.JSON)
    else:
        for line in lines:
            echo(line)
    if report is None:
        return
    if report.problems:
        raise DataError(report.problems)
    if min_coverage is not None:
        shares = [("the source text", report.coverage)] + [
            (f"{p['name']}'s part", report.coverage.by_partner[p["id"]]) for p in partners
        ]
        below = [f"{what} {c.percent()}" for what, c in shares if c.share * 100 < min_coverage]
        if below:
            shown = ", ".join(below[:10]) + (f" and {len(below) - 10} more" if below[10:] else "")
            raise CoopError(f"coverage below --min-coverage {min_coverage:g}%: {shown}")
