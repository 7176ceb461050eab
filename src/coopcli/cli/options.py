"""What a command module needs: `@command`, which declares the command named as its
module, and the options commands share (`Annotated` aliases), with their completion.
No command is imported here: the app of a run (`application`) imports the ones it needs."""

from __future__ import annotations

import functools
import inspect
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any, TypedDict, get_type_hints

import typer
from typer.models import CommandInfo

from coopcli import api
from coopcli.api import fold, slug
from coopcli.cli.exits import ExitStatus, say, usage_message
from coopcli.errors import CoopError, NotFound, UsageError
from coopcli.render import EXPORT_FORMATS, Output, OutputFormat, emit
from coopcli.terminal import visible
from coopcli.vocab import BODY_KINDS, VOCABULARIES

if TYPE_CHECKING:
    from coopcli.records import DatasetRecord

Completions = list[tuple[str, str]]
Offers = Iterable[tuple[str, str]]


def dataset_path(ctx: typer.Context) -> str | None:
    """The command's `--data`, else the root's (`coop --data X list`) or COOP_DATA, else
    None (the shipped dataset)."""
    given = ctx.params.get("data") or ctx.find_root().params.get("data")
    return str(given) if given else os.environ.get("COOP_DATA") or None


Load = Callable[[], api.Dataset]
"""A command's parameter that loads the dataset the command line names (`dataset_path`)."""

_HELD: list[api.Dataset] = []  # what this command loaded (a process may run several)


def _loaded(path: str | None) -> api.Dataset:
    """The dataset at `path`, held to the end of the run, which exits without freeing its
    objects one by one (8 ms of a warm run over the 100x dataset)."""
    _HELD.append(api.load(path))
    return _HELD[-1]


# --- completion: offers from the dataset, or from a vocabulary -----------------------


def offered(incomplete: str, offers: Offers) -> Completions:
    """The offers that start with what was typed, case and accents aside, each spelled
    as typed up to there (Typer keeps only those: `S` gives `Southern-asia`, `et` gives
    `etm`); failing any, what was typed, so that the shell never offers file names."""
    typed, lower = fold(incomplete), incomplete.islower()
    found = {
        value
        if value.startswith(incomplete)
        else incomplete + (value.lower() if lower else value)[len(incomplete) :]: text
        for value, text in offers
        if fold(value).startswith(typed)
    }
    return list(found.items()) or ([(incomplete, "no match")] if incomplete else [])


def _completer(offers: Callable[[DatasetRecord, str], Offers]) -> Callable[..., Completions]:
    """A completion from the dataset's records (`offered`), every offer made visible; as
    if none matched when they cannot be read (and they are not placed: `locate=False`)."""

    def complete(context: typer.Context, incomplete: str) -> Completions:
        try:
            found = offers(api.completion_records(dataset_path(context)), incomplete)
        except CoopError:
            found = []
        return [(visible(value), visible(text)) for value, text in offered(incomplete, found)]

    return complete


def complete_ids(vocabulary: Mapping[str, str]) -> Callable[[str], Completions]:
    """Completes the ids of a vocabulary, with their labels."""

    def complete(incomplete: str) -> Completions:
        return offered(incomplete, vocabulary.items())

    return complete


def _partners(records: DatasetRecord, incomplete: str) -> Offers:
    """Partner ids that start with what was typed; failing those, any other name."""
    partners = records["partners"]
    offers = [(p["id"], p["name"]) for p in partners if p["id"].startswith(incomplete)]
    if offers:
        return offers
    wanted = incomplete.casefold()
    return {
        incomplete + name[len(incomplete) :]: p["name"]
        for p in partners
        for name in api.lookup_names(p)
        if " " not in name and name.casefold().startswith(wanted)
    }.items()


@_completer
def _partner_or_fact(records: DatasetRecord, incomplete: str) -> Offers:
    """As `_partners`; after `PARTNER/`, that partner's fact names."""
    if not api.is_fact_name(incomplete):
        return _partners(records, incomplete)
    typed_partner, separator, typed_id = incomplete.partition(api.FACT_SEPARATOR)
    try:
        partner = api.find_partner(records, typed_partner)
    except NotFound:
        return []
    return [
        (
            typed_partner + separator + fact["id"],
            str(fact.get("title") or fact.get("name") or fact.get("kind") or section),
        )
        for section, _, fact, _ in api.partner_facts(partner)
        if fact["id"].startswith(typed_id)
    ]


@_completer
def _region(records: DatasetRecord, incomplete: str) -> Offers:
    """Region slugs (`southern-asia`); after a space (a quoted word), names."""
    return [
        (region if " " in incomplete else slug(region), region) for region in api.regions(records)
    ]


@_completer
def complete_framework(records: DatasetRecord, incomplete: str) -> Offers:
    """Framework ids and one-word names (`ETM`, `Rabat`)."""
    offers: dict[str, str] = {}
    for partner in records["partners"]:
        for group_id, names in api.partner_frameworks(partner).items():
            for name in [group_id, *names[1:]]:
                if " " not in name:
                    offers.setdefault(name, names[0])
    return offers.items()


def _worth_offering(word: str, typed: str) -> bool:
    """Whether a word of a name is worth offering: a short one (`of`, `von`) only once
    two letters of it are typed."""
    return len(word) > 3 or word.isupper() or len(typed) > 1


def _names(roles: tuple[str, ...]) -> Callable[..., Completions]:
    """Completes the words of the names events give in their fields of `roles`."""

    def offers(records: DatasetRecord, incomplete: str) -> Offers:
        found: dict[str, str] = {}
        for partner in records["partners"]:
            for event in partner["events"]:
                for name in api.event_names(event, roles):
                    for word in name.split():
                        if _worth_offering(word, incomplete):
                            found.setdefault(word, name)
        return found.items()

    return _completer(offers)


def _things(kinds: tuple[str, ...]) -> Callable[..., Completions]:
    """Completes the names of the things of `kinds`, described by their canonical names:
    a word of a name (`Ley`: `Leyen`; `IOM`; `von`); after a space (a quoted word in zsh
    or fish), the rest of the name (`von d`: `von der Leyen`)."""

    def offers(records: DatasetRecord, incomplete: str) -> Offers:
        spaced = " " in incomplete
        found: dict[str, str] = {}
        for thing in api.Registry(records).things.values():
            names = [thing["name"], *thing["written"], *thing["aliases"]]
            for words in (name.split() for name in names if thing["kind"] in kinds):
                for at, word in enumerate(words):
                    if spaced or _worth_offering(word, incomplete):
                        found.setdefault(" ".join(words[at:]) if spaced else word, thing["name"])
        return found.items()

    return _completer(offers)


@_completer
def _date(records: DatasetRecord, incomplete: str) -> Offers:
    """The years and months of the dataset's dates that start with what was typed."""
    partners = records["partners"]
    milestones = (m for p in partners for a in p["agreements"] for m in a["milestones"])
    dated = [*(event for p in partners for event in p["events"]), *milestones]
    dates = {d[:n] for item in dated for d in (item["date"], item["end"]) if d for n in (4, 7)}
    return [(date, "date") for date in sorted(dates)]


complete_partner = _completer(_partners)
complete_person = _things(("person",))
complete_body = _things(BODY_KINDS)
complete_thing = _things(tuple(VOCABULARIES["thing kind"]))


# --- options and arguments -----------------------------------------------------------


def option(
    flags: str, metavar: str, help: str, complete: Callable[..., Any] | None = None, **more: Any
) -> Any:
    """An option of `flags` (space-separated), its value completed by `complete`."""
    return typer.Option(
        *flags.split(),
        metavar=metavar,
        help=help,
        autocompletion=complete,
        show_default=False,
        **more,
    )


def flag(flags: str, help: str, **more: Any) -> Any:
    return typer.Option(*flags.split(), help=help, **more)


def argument(metavar: str, help: str, complete: Callable[..., Any] | None = None) -> Any:
    return typer.Argument(metavar=metavar, help=help, autocompletion=complete, show_default=False)


def _ids(flags: str, what: str, vocabulary: str) -> Any:
    """A repeatable filter option over a vocabulary's ids (listed in help, completed)."""
    ids = VOCABULARIES[vocabulary]
    help = f"Only this {what}; repeat for any of several: {', '.join(ids)}."
    return option(flags, flags.split()[0][2:].upper(), help, complete_ids(ids))


Many = list[str] | None


def _many(flags: str, metavar: str, help: str, complete: Callable[..., Any]) -> Any:
    return option(flags, metavar, f"{help} Repeat for any of several.", complete)


FACT_HELP = (
    "Partner id, name, ISO code, alias or member country (e.g. tunisia, TN, Türkiye, "
    "serbia); PARTNER/ID for one fact (e.g. tunisia/visit-2021-05)."
)
COUNTRY_HELP = "Only this partner: id, name, ISO code, alias or member country."
REGION_HELP = "Only partners in this region (e.g. 'Northern Africa' or northern-africa)."
FRAMEWORK_HELP = (
    "Only partners in this framework: its id, or words of its name or short name "
    "(e.g. budapest, etm, 'mobility partnership')."
)
PERSON_HELP = (
    "Only events that name this person among their people or counterparts, by any of "
    "their names, each word a start of a word (e.g. johansson, borrell, hrvp, 'von der leyen')."
)
BODY_HELP = (
    "Only what names this body or state, by any of its names, each word a start of a "
    "word (e.g. frontex, europol, iom, italy)."
)
PLACE_HELP = "Only events that name this place (e.g. brdo, serbia)."
FROM_HELP = "Only what overlaps this date or later: 2021, 2021-05 or 2021-05-17."
TO_HELP = "Only what overlaps this date or earlier (inclusive)."
OUTPUT_HELP = "Write to FILE (atomically) instead of stdout; - is stdout."
DATA_HELP = "Dataset file to use instead of the shipped one (also COOP_DATA)."
INFERRED_HINT = "`coop show COUNTRY --sources` gives the reasons"  # under inferred values

CountryOrFactArgument = Annotated[str, argument("COUNTRY", FACT_HELP, _partner_or_fact)]
PartnersArgument = Annotated[
    Many, argument("[COUNTRY]...", "Only these partners, as with --country.", complete_partner)
]
CountryOption = Annotated[Many, _many("--country -c", "COUNTRY", COUNTRY_HELP, complete_partner)]
RegionOption = Annotated[Many, _many("--region -r", "REGION", REGION_HELP, _region)]
FrameworkOption = Annotated[
    Many, _many("--framework", "FRAMEWORK", FRAMEWORK_HELP, complete_framework)
]
AreaOption = Annotated[Many, _ids("--area -a", "cooperation area", "area")]
PersonOption = Annotated[Many, _many("--person", "NAME", PERSON_HELP, _things(api.PERSON_KINDS))]
BodyOption = Annotated[Many, _many("--body", "NAME", BODY_HELP, complete_body)]
PlaceOption = Annotated[Many, _many("--place", "NAME", PLACE_HELP, _names(("where",)))]
FromOption = Annotated[str | None, option("--from --since", "DATE", FROM_HELP, _date)]
ToOption = Annotated[str | None, option("--to --until", "DATE", TO_HELP, _date)]
StatusOption = Annotated[Many, _ids("--status -s", "agreement status", "agreement status")]
AgreementKindOption = Annotated[Many, _ids("--kind -k", "agreement kind", "agreement kind")]
TimelineKindOption = Annotated[
    Many, _ids("--kind -k", "kind, an event kind or an agreement milestone", "timeline kind")
]
OutputFileOption = Annotated[str | None, option("--output -o", "FILE", OUTPUT_HELP)]
ForceOption = Annotated[bool, flag("--force", "Replace FILE if it exists.")]
JsonOption = Annotated[bool, flag("--json", "Short for --format json.")]
DataOption = Annotated[str | None, option("--data", "PATH", DATA_HELP)]


class Filters(TypedDict):
    """The partner filters: one parameter, which `@command` spells as these options."""

    country: CountryOption
    region: RegionOption
    area: AreaOption
    framework: FrameworkOption


FILTER_OPTIONS = get_type_hints(Filters, include_extras=True)


def with_partners(filters: Filters, partners: list[str] | None) -> Filters:
    """`filters` with the partners named as arguments (`coop timeline tunisia`) in `country`."""
    return filters | {"country": [*(partners or []), *(filters["country"] or [])]}


# --- output formats -------------------------------------------------------------------


def format_option(allowed: Sequence[OutputFormat]) -> Any:
    """The `--format` option of a command that writes the `allowed` formats."""
    formats = {f.value: f.description for f in allowed}
    help = f"Output format: {', '.join(formats)}."
    return option("--format -f", "FORMAT", help, complete_ids(formats))


def choose_format(
    json_flag: bool, value: str | None, allowed: Sequence[OutputFormat]
) -> OutputFormat:
    """The format `--json` and `--format` ask for among `allowed` (default: the first)."""
    if value is None:
        return OutputFormat.JSON if json_flag else allowed[0]
    chosen = OutputFormat(api.choose(value, {f.value: f.description for f in allowed}, "format"))
    if json_flag and chosen is not OutputFormat.JSON:
        raise UsageError(f"--json conflicts with --format {chosen.value}")
    return chosen


ExportFormatOption = Annotated[str | None, format_option(EXPORT_FORMATS)]


# --- commands, declared once -----------------------------------------------------------

COMMANDS = tuple(  # listed, not globbed: a glob compiles a pattern on every run
    sorted(
        name.removesuffix(".py")
        for name in os.listdir(os.path.join(os.path.dirname(__file__), "commands"))
        if name.endswith(".py") and not name.startswith("_")
    )
)
"""Every command, by name, alphabetical: a new command is its module and nothing else."""


DECLARED: dict[str, tuple[int, CommandInfo]] = {}
"""Each imported command: its place in `coop --help`, and what Typer registers."""


def help_order(names: Iterable[str]) -> list[str]:
    """`names` (imported commands) in the order `coop --help` lists them."""
    return sorted(names, key=lambda name: (DECLARED[name][0], name))


Answering = Callable[..., Output | None]


def command(
    *, position: int, formats: Sequence[OutputFormat] = (), data: bool = True
) -> Callable[[Answering], Answering]:
    """Declare the command named as its module: the module's docstring is its help (`$ `
    lines: its examples), `position` its place in `coop --help`; with `formats`, `--json`
    and `--format` (the first the default) and its answer emitted so; with `data`, `--data`."""

    def declared(function: Answering) -> Answering:
        lines = inspect.cleandoc(sys.modules[function.__module__].__doc__ or "").splitlines()
        help = "\n".join(line for line in lines if not line.startswith("$ ")).rstrip()
        examples = "\n\n".join(f"  {line}" for line in lines if line.startswith("$ "))
        name = function.__module__.rpartition(".")[2]
        run = _spelled_out(function, formats, data)
        epilog = f"Examples:\n\n{examples}"
        DECLARED[name] = (position, CommandInfo(name, callback=run, help=help, epilog=epilog))
        return function

    return declared


def _spelled_out(
    function: Answering, formats: Sequence[OutputFormat], data: bool
) -> Callable[..., None]:
    """`function` as Typer reads it: a `Filters` parameter spelled as the four filter
    options (handed over as one mapping), a `Load` one as the context (a loader when
    called), `--json`, `--format` and `--data` appended. The format is chosen first, so
    that a usage error comes before the question is asked; a usage error is reported
    with the command's usage line."""
    signature = inspect.signature(function)
    filters = asked = None
    parameters: list[inspect.Parameter] = []
    for parameter in signature.parameters.values():
        if parameter.annotation is Filters:
            filters = parameter.name
            parameters += [_keyword(name, None, hint) for name, hint in FILTER_OPTIONS.items()]
        elif parameter.annotation in (Load, typer.Context):
            asked = parameter
        else:
            parameters.append(parameter)
    parameters.append(_keyword("context", None, typer.Context))
    if formats:
        format_hint = Annotated[str | None, format_option(formats)]
        parameters.append(_keyword("json_flag", False, JsonOption))
        parameters.append(_keyword("output_format", None, format_hint))
    if data:
        parameters.append(_keyword("data", None, DataOption))

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> None:
        context = kwargs.pop("context")
        kwargs.pop("data", None)  # read from the context (`dataset_path`)
        if filters:
            kwargs[filters] = {name: kwargs.pop(name) for name in FILTER_OPTIONS}
        if asked is not None:
            _HELD.clear()  # a test's earlier command: no longer needed
            loader = functools.partial(_loaded, dataset_path(context))
            kwargs[asked.name] = loader if asked.annotation is Load else context
        try:
            chosen = None
            if formats:
                chosen = choose_format(
                    kwargs.pop("json_flag"), kwargs.pop("output_format"), formats
                )
            answer = function(*args, **kwargs)
            if answer is not None and chosen is not None:
                emit(answer, chosen)
                if answer.notes:
                    sys.stdout.flush()  # the answer, then what points beyond it
                    for note in answer.notes:
                        say(note)
        except UsageError as error:
            # Typer vendors click's UsageError without a public path: BadParameter's base.
            click_usage_error: Any = typer.BadParameter.__mro__[1]
            raise click_usage_error(usage_message(error), ctx=context) from None
        except BrokenPipeError:  # a quiet success (`| head`), which click would end with 1
            raise typer.Exit(ExitStatus.OK) from None

    run.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=parameters, return_annotation=None
    )
    return run


def _keyword(name: str, default: object, hint: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=hint)
