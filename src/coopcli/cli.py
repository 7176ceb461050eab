"""The `coop` command line: parse, call a query, hand the result to a renderer.

Commands hold no logic of their own. Errors raised by the core (`coopcli.errors`) are
turned into exit codes and stderr lines in one place, `CoopCommand.invoke`. Heavy
modules (rich, Pydantic) are imported inside the code paths that need them, so that a
`--json` query or a Tab completion costs little more than importing Typer.
"""

from __future__ import annotations

import contextlib
import copy
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperCommand

from coopcli import __version__
from coopcli.errors import CoopError, DataError, UsageError

if TYPE_CHECKING:
    from coopcli.dataset import LoadedDataset
    from coopcli.render import Listing


CommandFunction = TypeVar("CommandFunction", bound=Callable[..., None])


class CoopCommand(TyperCommand):
    """A command whose coop errors become clean messages and exit codes."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as error:
            raise _usage(error, ctx) from None
        except DataError as error:
            for problem in error.problems:
                typer.echo(str(problem), err=True)
            raise typer.Exit(error.exit_code) from None
        except CoopError as error:
            typer.echo(f"coop: {error}", err=True)
            raise typer.Exit(error.exit_code) from None


def _usage(error: UsageError, ctx: typer.Context) -> Exception:
    """Click's own usage error, which Typer prints with the command's usage line and
    exits 2 for. Typer vendors click without a public path to the class, so take it
    from the ancestry of `typer.BadParameter`, which is public."""
    click_usage_error: Any = next(
        ancestor for ancestor in typer.BadParameter.__mro__ if ancestor.__name__ == "UsageError"
    )
    exception: Exception = click_usage_error(str(error), ctx=ctx)
    return exception


app = typer.Typer(
    name="coop",
    help="Query the EU's cooperation on migration with key third countries (autumn 2021).",
    invoke_without_command=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def command(name: str, examples: list[str]) -> Callable[[CommandFunction], CommandFunction]:
    """Register a command that uses `CoopCommand`; its help ends with the examples."""
    epilog = "Examples:\n\n" + "\n\n".join(f"  $ {example}" for example in examples)
    return app.command(name, cls=CoopCommand, epilog=epilog)


# --- shared options -----------------------------------------------------------------


def _complete_partner(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Partner ids that start with what was typed; failing those, any other name
    (alias, code, member country), completed from the letters as typed."""
    try:
        dataset = _load(ctx.params.get("data") or os.environ.get("COOP_DATA"))
    except CoopError:
        return []
    from coopcli.query import lookup_names

    partners = dataset.records["partners"]
    offers = [(p["id"], p["name"]) for p in partners if p["id"].startswith(incomplete)]
    if offers:
        return offers
    wanted = incomplete.casefold()
    completions = {
        incomplete + name[len(incomplete) :]: p["name"]
        for p in partners
        for name in lookup_names(p)
        if " " not in name and name.casefold().startswith(wanted)
    }
    return list(completions.items())


def _complete_region(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        dataset = _load(ctx.params.get("data") or os.environ.get("COOP_DATA"))
    except CoopError:
        return []
    from coopcli.query import regions
    from coopcli.textfold import fold, slug

    return [
        slug(r)
        for r in regions(dataset.records)
        if fold(r).startswith(fold(incomplete)) or slug(r).startswith(fold(incomplete))
    ]


def _completer(values: dict[str, str]) -> Callable[[str], list[tuple[str, str]]]:
    def complete(incomplete: str) -> list[tuple[str, str]]:
        return [(key, label) for key, label in values.items() if key.startswith(incomplete.lower())]

    return complete


def _vocabulary_completer(name: str) -> Callable[[str], list[tuple[str, str]]]:
    """Completes the ids of one vocabulary, read only when completion runs."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        from coopcli import vocab

        return _completer(vocab.VOCABULARIES[name])(incomplete)

    return complete


DataOption = Annotated[
    str | None,
    typer.Option(
        "--data",
        envvar="COOP_DATA",
        metavar="PATH",
        help="Dataset file to use instead of the shipped one.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format: table, json, ndjson or csv.",
        autocompletion=_completer({"table": "", "json": "", "ndjson": "", "csv": ""}),
        show_default=False,
    ),
]
ObjectFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format: table or json.",
        autocompletion=_completer({"table": "", "json": ""}),
        show_default=False,
    ),
]
CountryArgument = Annotated[
    str,
    typer.Argument(
        help="Partner id, name, ISO code, alias or member country (e.g. tunisia, TN, Türkiye, serbia).",
        autocompletion=_complete_partner,
        show_default=False,
    ),
]
CountryOption = Annotated[
    str | None,
    typer.Option(
        "--country",
        "-c",
        metavar="COUNTRY",
        help="Only this partner (id, name, ISO code, alias or member country).",
        autocompletion=_complete_partner,
        show_default=False,
    ),
]
RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        "-r",
        help="Only partners in this region (e.g. 'Northern Africa' or northern-africa).",
        autocompletion=_complete_region,
        show_default=False,
    ),
]
CountriesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--country",
        "-c",
        metavar="COUNTRY",
        help="Only this partner (repeat for several).",
        autocompletion=_complete_partner,
        show_default=False,
    ),
]
AreaOption = Annotated[
    str | None,
    typer.Option(
        "--area",
        "-a",
        metavar="AREA",
        help="Only partners cooperating in this area (an area id, see `coop areas`).",
        autocompletion=_vocabulary_completer("area"),
        show_default=False,
    ),
]


def _view(name: str, *args: Any) -> Callable[[Listing], None]:
    """A human renderer of `coopcli.render.views`, imported (with rich) only if used."""

    def render(listing: Listing) -> None:
        from coopcli.render import views

        getattr(views, name)(listing, *args)

    return render


def _load(data: str | None) -> LoadedDataset:
    from coopcli.dataset import load

    return load(data)


def _format(json_flag: bool, output_format: str | None, allowed: tuple[str, ...]) -> str:
    """The output format from `--json` and `--format`, refusing conflicting values."""
    if output_format is not None:
        from coopcli.query import choose

        chosen = choose(output_format, dict.fromkeys(allowed, ""), "format")
        if json_flag and chosen != "json":
            raise UsageError(f"--json conflicts with --format {chosen}")
        return chosen
    return "json" if json_flag else "table"


LISTING_FORMATS = ("table", "json", "ndjson", "csv")
OBJECT_FORMATS = ("table", "json")


# --- commands -----------------------------------------------------------------------


@command(
    "list",
    examples=[
        "coop list",
        "coop list --area smuggling --json",
        "coop list --region 'Southern Asia' --format csv",
    ],
)
def list_command(
    region: RegionOption = None,
    area: AreaOption = None,
    json_flag: JsonOption = False,
    output_format: FormatOption = None,
    data: DataOption = None,
) -> None:
    """List the partner countries and regions."""
    from coopcli import query
    from coopcli.render import Listing, columns, emit
    from coopcli.vocab import AREAS

    fmt = _format(json_flag, output_format, LISTING_FORMATS)
    dataset = _load(data).records
    chosen_region = query.choose_region(dataset, region) if region is not None else None
    chosen_area = query.choose(area, AREAS, "area") if area is not None else None
    partners = query.list_partners(dataset, region=chosen_region, area=chosen_area)
    rows = query.partner_rows(partners)
    emit(Listing(rows, columns.PARTNERS, empty_message="No partner matches."), fmt)


@command(
    "show",
    examples=[
        "coop show tunisia",
        "coop show Türkiye --sources",
        "coop show TN --json | jq '.events[].date'",
    ],
)
def show_command(
    country: CountryArgument,
    sources: Annotated[
        bool, typer.Option("--sources", "-s", help="Show the verbatim quote under each fact.")
    ] = False,
    json_flag: JsonOption = False,
    output_format: ObjectFormatOption = None,
    data: DataOption = None,
) -> None:
    """Show a partner's card: agreements, frameworks, events, areas, agencies and notes."""
    from coopcli import query
    from coopcli.render import emit_object

    fmt = _format(json_flag, output_format, OBJECT_FORMATS)
    partner = query.find_partner(_load(data).records, country)

    def human() -> None:
        from coopcli.render.cards import card

        card(partner, sources=sources)

    emit_object(partner, fmt, human)


@command(
    "search",
    examples=[
        "coop search smuggling",
        "coop search varhelyi visit --json",
        "coop search readmiss --country nigeria",
    ],
)
def search_command(
    query: Annotated[
        list[str],
        typer.Argument(
            help="Words that must all occur in the same fact (prefixes match).",
            show_default=False,
        ),
    ],
    country: CountryOption = None,
    area: AreaOption = None,
    json_flag: JsonOption = False,
    output_format: FormatOption = None,
    data: DataOption = None,
) -> None:
    """Search every text of every fact, quotes included (case and accents ignored)."""
    from coopcli import query as queries
    from coopcli.render import Listing, columns, emit
    from coopcli.vocab import AREAS

    fmt = _format(json_flag, output_format, LISTING_FORMATS)
    folded = queries.query_words(query)
    loaded = _load(data)
    dataset = loaded.records
    only = [queries.find_partner(dataset, country)] if country is not None else []
    chosen_area = queries.choose(area, AREAS, "area") if area is not None else None
    partners = queries.list_partners(dataset, area=chosen_area, countries=only)
    hits = queries.search(partners, folded, loaded.haystacks)

    human = _view("hits", folded)

    emit(Listing(hits, columns.HITS, empty_message="No fact matches.", human=human), fmt)


@command(
    "agreements",
    examples=[
        "coop agreements --status in_place",
        "coop agreements --kind readmission --status negotiating --status mandate",
        "coop agreements --country tunisia --json",
    ],
)
def agreements_command(
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            metavar="STATUS",
            help="Only this status (repeat for any of several): mandate, negotiating, agreed, in_place, on_hold.",
            autocompletion=_vocabulary_completer("agreement status"),
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            help="Only this kind (repeat for any of several), e.g. readmission, visa_facilitation.",
            autocompletion=_vocabulary_completer("agreement kind"),
            show_default=False,
        ),
    ] = None,
    country: CountryOption = None,
    json_flag: JsonOption = False,
    output_format: FormatOption = None,
    data: DataOption = None,
) -> None:
    """List the agreements with the EU, filtered by status, kind or partner."""
    from coopcli import query
    from coopcli.render import Listing, columns, emit
    from coopcli.vocab import AGREEMENT_KINDS, AGREEMENT_STATUSES

    fmt = _format(json_flag, output_format, LISTING_FORMATS)
    statuses = [query.choose(s, AGREEMENT_STATUSES, "status") for s in status or []]
    kinds = [query.choose(k, AGREEMENT_KINDS, "kind") for k in kind or []]
    dataset = _load(data).records
    only = [query.find_partner(dataset, country)] if country is not None else []
    partners = query.list_partners(dataset, countries=only)
    rows = query.agreement_rows(partners, statuses=statuses, kinds=kinds)
    emit(Listing(rows, columns.AGREEMENTS, empty_message="No agreement matches."), fmt)


@command(
    "timeline",
    examples=[
        "coop timeline --from 2021-09",
        "coop timeline --country tunisia --country libya --kind visit",
        "coop timeline --planned --json",
    ],
)
def timeline_command(
    country: CountriesOption = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help="Only from this date on: 2021, 2021-05 or 2021-05-17.",
            show_default=False,
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--to", metavar="DATE", help="Only up to this date (inclusive).", show_default=False
        ),
    ] = None,
    planned: Annotated[
        bool,
        typer.Option("--planned", help="Only what was still planned when the source was written."),
    ] = False,
    past: Annotated[
        bool, typer.Option("--past", help="Only what had happened when the source was written.")
    ] = False,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            help="Only this kind (repeat for several): an event kind (visit, dialogue, meeting, call, summit, council) or an agreement milestone (mandate, negotiations, relaunched, signed, concluded, in_place).",
            autocompletion=lambda incomplete: _completer(_timeline_kinds())(incomplete),
            show_default=False,
        ),
    ] = None,
    json_flag: JsonOption = False,
    output_format: FormatOption = None,
    data: DataOption = None,
) -> None:
    """Every dated fact across partners, in date order: visits, dialogues, meetings,
    calls, summits and agreement milestones. Undated planned items come last.
    """
    from coopcli import analysis, query

    fmt = _format(json_flag, output_format, LISTING_FORMATS)
    if planned and past:
        raise UsageError("--planned and --past exclude each other")
    start = analysis.check_date(start, "--from") if start is not None else None
    end = analysis.check_date(end, "--to") if end is not None else None
    kinds = [query.choose(k, analysis.TIMELINE_KINDS, "kind") for k in kind or []]
    dataset = _load(data).records
    only = [query.find_partner(dataset, c) for c in country or []]
    partners = query.list_partners(dataset, countries=only)
    rows = analysis.timeline(
        partners,
        start=start,
        end=end,
        planned=True if planned else False if past else None,
        kinds=kinds,
    )
    from coopcli.render import Listing, columns, emit

    emit(Listing(rows, columns.TIMELINE, empty_message="Nothing dated matches."), fmt)


def _timeline_kinds() -> dict[str, str]:
    from coopcli.analysis import TIMELINE_KINDS

    return TIMELINE_KINDS


@command(
    "areas",
    examples=[
        "coop areas",
        "coop areas smuggling",
        "coop areas --json | jq -r '.[] | \"\\(.id): \\(.countries | length)\"'",
    ],
)
def areas_command(
    area: Annotated[
        str | None,
        typer.Argument(
            help="An area id: list the partners under it, with the quotes.",
            autocompletion=_vocabulary_completer("area"),
            show_default=False,
        ),
    ] = None,
    json_flag: JsonOption = False,
    output_format: FormatOption = None,
    data: DataOption = None,
) -> None:
    """The matrix of partners by cooperation area, or the partners under one area."""
    from coopcli import analysis, query
    from coopcli.render import Listing, columns, emit
    from coopcli.vocab import AREAS

    fmt = _format(json_flag, output_format, LISTING_FORMATS)
    chosen = query.choose(area, AREAS, "area") if area is not None else None
    partners = _load(data).records["partners"]
    if chosen is None:
        matrix = _view("area_matrix", partners)

        emit(Listing(analysis.area_matrix(partners), columns.AREA_MATRIX, human=matrix), fmt)
        return

    quotes = _view("area_quotes", chosen)

    rows = analysis.area_quotes(partners, chosen)
    emit(
        Listing(
            rows,
            columns.AREA_QUOTES,
            empty_message="No partner cooperates in this area.",
            human=quotes,
        ),
        fmt,
    )


@command(
    "frameworks",
    examples=[
        "coop frameworks",
        "coop frameworks budapest",
        "coop frameworks --json | jq '.[] | select(.countries | length > 1) | .name'",
    ],
)
def frameworks_command(
    name: Annotated[
        str | None,
        typer.Argument(
            help="Only frameworks whose name contains this (e.g. budapest).", show_default=False
        ),
    ] = None,
    json_flag: JsonOption = False,
    output_format: FormatOption = None,
    data: DataOption = None,
) -> None:
    """Each framework or process with the partners in it: the Rabat and Budapest
    Processes, dialogues, Mobility Partnerships, Common Agendas...
    """
    from coopcli import analysis
    from coopcli.render import Listing, columns, emit

    fmt = _format(json_flag, output_format, LISTING_FORMATS)
    groups = analysis.framework_groups(_load(data).records["partners"])
    human = None
    if name is not None:
        groups = analysis.find_frameworks(groups, name)

        human = _view("framework_details")

    emit(Listing(groups, columns.FRAMEWORKS, human=human), fmt)


@command(
    "compare",
    examples=[
        "coop compare morocco tunisia",
        "coop compare nigeria niger mauritania --json",
    ],
)
def compare_command(
    countries: Annotated[
        list[str],
        typer.Argument(
            help="Two or more partners.", autocompletion=_complete_partner, show_default=False
        ),
    ],
    json_flag: JsonOption = False,
    output_format: ObjectFormatOption = None,
    data: DataOption = None,
) -> None:
    """Partners side by side: areas in common and apart, agreements and their
    statuses, frameworks shared, last and next event.
    """
    from coopcli import analysis, query
    from coopcli.render import emit_object

    fmt = _format(json_flag, output_format, OBJECT_FORMATS)
    dataset = _load(data).records
    partners = [query.find_partner(dataset, c) for c in countries]
    result = analysis.compare(partners)

    def human() -> None:
        from coopcli.render.views import comparison

        comparison(result, partners)

    emit_object(result, fmt, human)


@command(
    "diff",
    examples=[
        "coop diff countries-2021.toml countries-2022.toml",
        "coop diff old.toml new.toml --json | jq '.[] | select(.change == \"status_changed\")'",
    ],
)
def diff_command(
    old: Annotated[str, typer.Argument(help="The older dataset file.", show_default=False)],
    new: Annotated[str, typer.Argument(help="The newer dataset file.", show_default=False)],
    json_flag: JsonOption = False,
    output_format: FormatOption = None,
) -> None:
    """What changed between two editions of the dataset: partners added or removed,
    agreements whose status moved, areas gained or lost, events added or removed.
    Both files are validated first; nothing is printed when nothing differs.
    """
    from coopcli import analysis
    from coopcli.dataset import load
    from coopcli.render import Listing, columns, emit

    fmt = _format(json_flag, output_format, LISTING_FORMATS)
    problems = []
    editions = []
    for path in (old, new):
        try:
            editions.append(load(path).records)
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    rows = analysis.diff(editions[0], editions[1])

    human = _view("changes")

    emit(Listing(rows, columns.CHANGES, human=human), fmt)


@command(
    "schema",
    examples=[
        "coop schema > countries.schema.json",
        "coop schema | jq '.$defs.Agreement.properties.status'",
    ],
)
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) of the dataset file, for editors and
    validators. A copy ships with coop; `coop info` says where."""
    from coopcli.render.machine import write_json
    from coopcli.schema import dataset_schema

    write_json(dataset_schema(), indent=True)


@command(
    "export",
    examples=[
        "coop export --format csv --output facts.csv",
        "coop export --format toml --region 'Western Africa' --output west-africa.toml",
        "coop export --format ndjson | jq -c '{id, areas: [.areas[].id]}'",
    ],
)
def export_command(
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="json (the dataset document), ndjson (a partner per line), csv (a fact per row) or toml (a dataset file coop validates).",
            autocompletion=_completer({"json": "", "ndjson": "", "csv": "", "toml": ""}),
        ),
    ] = "json",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically) instead of stdout.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    region: RegionOption = None,
    area: AreaOption = None,
    country: CountriesOption = None,
    data: DataOption = None,
) -> None:
    """Export the whole dataset, or the partners a filter keeps, for other tools."""
    from pathlib import Path

    from coopcli import query
    from coopcli.dataset import shipped_path
    from coopcli.render.export import EXPORT_FORMATS, export_text
    from coopcli.render.files import write_atomically
    from coopcli.vocab import AREAS

    fmt = query.choose(output_format, dict.fromkeys(EXPORT_FORMATS, ""), "format")
    dataset = _load(data).records
    partners = query.list_partners(
        dataset,
        region=query.choose_region(dataset, region) if region is not None else None,
        area=query.choose(area, AREAS, "area") if area is not None else None,
        countries=[query.find_partner(dataset, c) for c in country or []],
    )
    text = export_text(dataset["meta"], partners, fmt)
    if output is None:
        sys.stdout.write(text)
        return
    write_atomically(Path(output), text, force=force, protected=shipped_path())
    typer.echo(f"wrote {len(partners)} partners to {output}", err=True)


@command(
    "info",
    examples=["coop info", "COOP_DATA=my-edition.toml coop info --json"],
)
def info_command(
    json_flag: JsonOption = False,
    output_format: ObjectFormatOption = None,
    data: DataOption = None,
) -> None:
    """Which dataset is in use, its title, date and size, and where the schema is."""
    from coopcli.cache import cache_dir
    from coopcli.dataset import shipped_schema_path
    from coopcli.query import fact_count
    from coopcli.render import emit_object

    fmt = _format(json_flag, output_format, OBJECT_FORMATS)
    loaded = _load(data)
    meta = loaded.records["meta"]
    partners = loaded.records["partners"]
    folder = cache_dir()
    details = {
        "version": __version__,
        "dataset": str(loaded.path.resolve()),
        "shipped": loaded.shipped,
        "title": meta["title"],
        "date": meta["date"],
        "covers": meta["covers"],
        "partners": len(partners),
        "facts": fact_count(partners),
        "schema": str(shipped_schema_path()),
        "cache": str(folder) if folder is not None else None,
    }

    def human() -> None:
        width = max(len(key) for key in details)
        for key, value in details.items():
            shown = (
                "off"
                if value is None
                else ("yes" if value is True else "no" if value is False else value)
            )
            typer.echo(f"{key.ljust(width)}  {shown}")

    emit_object(details, fmt, human)


@command(
    "validate",
    examples=[
        "coop validate",
        "coop validate my-edition.toml",
        "coop validate my-edition.toml --source new-document.txt --min-coverage 100",
    ],
)
def validate_command(
    path: Annotated[
        str | None,
        typer.Argument(
            help="Dataset file to check (default: --data, COOP_DATA or the shipped one).",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="FILE",
            help="Prove every quote against this source text and report its coverage.",
            show_default=False,
        ),
    ] = None,
    min_coverage: Annotated[
        float | None,
        typer.Option(
            "--min-coverage",
            metavar="N",
            min=0,
            max=100,
            help="With --source: exit 1 when the quotes cover less than N% of the text.",
            show_default=False,
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="With --source: list the uncovered passages.")
    ] = False,
    data: DataOption = None,
) -> None:
    """Check a dataset file and report every problem as PATH:LINE: where: what.

    With --source, also prove every quote against that text (each one not found is a
    problem) and print the share of the text the quotes cover.

    Exit status: 0 valid, 1 invalid or unreadable, 2 usage error.
    """
    from pathlib import Path

    from coopcli.dataset import read_bytes, read_source_text, resolve_path
    from coopcli.query import fact_count
    from coopcli.validation import validate_bytes

    if source is None and (min_coverage is not None or verbose):
        raise UsageError("--min-coverage and --verbose need --source FILE")
    file, _ = resolve_path(path if path is not None else data)
    content = read_bytes(file)
    records = validate_bytes(content, str(file))
    partners = records["partners"]
    typer.echo(f"{file}: valid: {len(partners)} partners, {fact_count(partners)} facts")
    if source is None:
        return
    from coopcli.proof import prove

    text = read_source_text(Path(source))
    report = prove(records, text, content.decode("utf-8"), str(file), source)
    for warning in report.warnings:
        typer.echo(warning, err=True)
    percent = report.coverage.percent()
    typer.echo(f"coverage: {percent} of the source text")
    for passage in report.coverage.uncovered if verbose else []:
        typer.echo(f"  uncovered: {passage.strip()}")
    if report.problems:
        raise DataError(report.problems)
    if min_coverage is not None and report.coverage.share * 100 < min_coverage:
        raise CoopError(f"coverage {percent} is below --min-coverage {min_coverage:g}%")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coop {__version__}")
        raise typer.Exit()


OVERVIEW = """coop: the EU's cooperation on migration with 14 key partner countries (autumn 2021).

Most useful:
  coop list                                  the partners and their areas
  coop show tunisia                          one partner's card (--sources for the quotes)
  coop search smuggling                      every fact that mentions it
  coop agreements --status in_place          agreements by status or kind
  coop timeline --planned                    visits, dialogues and milestones by date
  coop areas                                 the partners-by-area matrix

Every query speaks --json. All commands: coop --help"""


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Query the EU's cooperation on migration with key third countries (autumn 2021).

    Every fact carries the verbatim sentence of the source document it comes from.
    """
    if ctx.invoked_subcommand is None:
        typer.echo(OVERVIEW)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _invoked_command(argv: list[str]) -> str | None:
    """The subcommand a command line (or the line being completed) names, if any."""
    words = argv[1:]
    if "_COOP_COMPLETE" in os.environ:
        if "COMP_WORDS" in os.environ:  # bash
            words = os.environ["COMP_WORDS"].split()[1:]
            naming_command = int(os.environ.get("COMP_CWORD", "0") or 0) <= 1
        else:  # zsh and fish pass the line being completed
            line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
            words = line.split()[1:]
            naming_command = len(words) == 0 or (len(words) == 1 and not line.endswith(" "))
        if naming_command:  # completing the command name itself needs every command
            return None
    return next((word for word in words if not word.startswith("-")), None)


def app_for(argv: list[str]) -> typer.Typer:
    """The app to run for `argv`: with only the named command registered, when there is
    one, since Typer builds the parser of every registered command on each run; the
    whole app for `--help`, a typo or no command at all."""
    name = _invoked_command(argv)
    chosen = copy.copy(app)
    for info in app.registered_commands:
        if info.name is not None and info.name == name:
            chosen.registered_commands = [info]
    if _plain_terminal():
        # Help and usage errors as plain text, without rich's panels and colours.
        chosen.rich_markup_mode = None
    return chosen


def _plain_terminal() -> bool:
    """Whether help and errors should be plain: NO_COLOR, or output not to a terminal."""
    if os.environ.get("NO_COLOR"):
        return True
    if os.environ.get("FORCE_COLOR"):
        return False
    return not (_isatty(sys.stdout) and _isatty(sys.stderr))


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def main() -> NoReturn:
    """Entry point of the `coop` script: run the app, end cleanly whatever happens."""
    if sys.stdout is None:  # started with stdout closed (`coop list >&-`)
        if sys.stderr is not None:
            sys.stderr.write("coop: cannot write output: stdout is closed\n")
        os._exit(1)
    code: int = 0
    try:
        app_for(sys.argv)(prog_name="coop")
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        _silence_stdout()
        code = 141
    except OSError as error:
        typer.echo(f"coop: cannot write output: {error.strerror or error}", err=True)
        _silence_stdout()
        code = 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        code = code or 141
    except OSError as error:
        typer.echo(f"coop: cannot write output: {error.strerror or error}", err=True)
        _silence_stdout()
        code = code or 1
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    # Everything is written and nothing is left to clean up: skip the interpreter's
    # teardown, which on a large dataset spends milliseconds freeing objects one by one.
    os._exit(code)
