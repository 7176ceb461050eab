"""Options shared by commands, declared once (`Annotated` aliases), with their completion."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, TypedDict

import typer

from coopcli.errors import CoopError, NotFound, UsageError
from coopcli.render.base import EXPORT_FORMATS, OutputFormat
from coopcli.terminal import visible

if TYPE_CHECKING:
    from coopcli.api import Dataset
    from coopcli.records import DatasetRecord

Completions = list[tuple[str, str]]


# --- the dataset --------------------------------------------------------------------


def dataset_path(ctx: typer.Context) -> str | None:
    """The command's `--data`, else the root's (`coop --data X list`) or COOP_DATA, else
    None (the shipped dataset)."""
    for given in (ctx.params.get("data"), ctx.find_root().params.get("data")):
        if given:
            return str(given)
    return os.environ.get("COOP_DATA") or None


def load_dataset(ctx: typer.Context) -> Dataset:
    """The validated dataset the command line names (see `dataset_path`)."""
    from coopcli.api import load

    return load(dataset_path(ctx))


DATA_HELP = "Dataset file to use instead of the shipped one (also COOP_DATA)."

DataOption = Annotated[
    str | None,
    typer.Option("--data", metavar="PATH", help=DATA_HELP, show_default=False),
]


# --- completion ---------------------------------------------------------------------


Offers = Iterable[tuple[str, str]]


def _completer(offers: Callable[[DatasetRecord, str], Offers]) -> Callable[..., Completions]:
    """A completion from the dataset's records (none when they cannot be read, and
    without placing them: `locate=False`), every offer made visible."""

    def complete(context: typer.Context, incomplete: str) -> Completions:
        from coopcli import dataset

        try:
            records = dataset.load(dataset_path(context), locate=False).records
        except CoopError:
            return []
        return [(visible(value), visible(text)) for value, text in offers(records, incomplete)]

    return complete


def _partners(dataset: DatasetRecord, incomplete: str) -> Offers:
    """Partner ids that start with what was typed; failing those, any other name."""
    partners = dataset["partners"]
    offers = [(p["id"], p["name"]) for p in partners if p["id"].startswith(incomplete)]
    if offers:
        return offers
    from coopcli.api import lookup_names

    wanted = incomplete.casefold()
    return {
        incomplete + name[len(incomplete) :]: p["name"]
        for p in partners
        for name in lookup_names(p)
        if " " not in name and name.casefold().startswith(wanted)
    }.items()


complete_partner = _completer(_partners)


@_completer
def complete_partner_or_fact(dataset: DatasetRecord, incomplete: str) -> Offers:
    """As `complete_partner`; after `PARTNER/`, that partner's fact names."""
    from coopcli.api import FACT_SEPARATOR, is_fact_name

    if not is_fact_name(incomplete):
        return _partners(dataset, incomplete)
    from coopcli.api import find_partner, partner_facts

    typed_partner, separator, typed_id = incomplete.partition(FACT_SEPARATOR)
    try:
        partner = find_partner(dataset, typed_partner)
    except NotFound:
        return []
    return [
        (
            typed_partner + separator + fact["id"],
            str(fact.get("title") or fact.get("name") or fact.get("kind") or section),
        )
        for section, _, fact in partner_facts(partner)
        if fact["id"].startswith(typed_id)
    ]


@_completer
def complete_region(dataset: DatasetRecord, incomplete: str) -> Offers:
    """Region slugs that start with what was typed (case and accents aside)."""
    from coopcli.api import regions
    from coopcli.textfold import fold, slug

    typed = fold(incomplete)
    return [
        (slug(region), region)
        for region in regions(dataset)
        if fold(region).startswith(typed) or slug(region).startswith(typed)
    ]


@_completer
def complete_framework(dataset: DatasetRecord, incomplete: str) -> Offers:
    """Framework ids and one-word names (`ETM`, `Rabat`) that start with what was typed."""
    from coopcli.api import partner_frameworks
    from coopcli.textfold import fold

    typed = fold(incomplete)
    offers: dict[str, str] = {}
    for partner in dataset["partners"]:
        for group_id, names in partner_frameworks(partner).items():
            for name in [group_id, *names[1:]]:
                if " " not in name and fold(name).startswith(typed):
                    offers.setdefault(name, names[0])
    return offers.items()


def _names(roles: tuple[str, ...]) -> Callable[..., Completions]:
    """Completes the words of the names events give in their fields of `roles`."""

    def offers(dataset: DatasetRecord, incomplete: str) -> Offers:
        from coopcli.api import event_names
        from coopcli.textfold import fold

        typed = fold(incomplete)
        found: dict[str, str] = {}
        for partner in dataset["partners"]:
            for event in partner["events"]:
                for name in event_names(event, roles):
                    for word in name.split():
                        if len(word) > 3 and fold(word).startswith(typed):
                            found.setdefault(incomplete + word[len(incomplete) :], name)
        return found.items()

    return _completer(offers)


complete_person = _names(("who", "counterpart"))
complete_listed_person = _names(("who",))
complete_place = _names(("where",))


@_completer
def complete_date(dataset: DatasetRecord, incomplete: str) -> Offers:
    """The years and months of the dataset's dates that start with what was typed."""
    dated = [
        item
        for partner in dataset["partners"]
        for item in (
            *partner["events"],
            *(m for a in partner["agreements"] for m in a["milestones"]),
        )
    ]
    dates = {
        d[:length] for item in dated for d in (item["date"], item["end"]) if d for length in (4, 7)
    }
    offers = [(date, "date") for date in sorted(dates) if date.startswith(incomplete)]
    # Nothing to offer would let the shell offer file names: offer what was typed.
    return offers or [(incomplete, "a date: 2021, 2021-05 or 2021-05-17")]


def complete_ids(vocabulary: Callable[[], dict[str, str]]) -> Callable[[str], Completions]:
    """Completes the ids of a vocabulary (read when completion runs), with labels."""

    def complete(incomplete: str) -> Completions:
        typed = incomplete.lower()
        return [(key, label) for key, label in vocabulary().items() if key.startswith(typed)]

    return complete


# --- options ------------------------------------------------------------------------


def _option(*flags: str, metavar: str, help: str, complete: Callable[..., Any] | None) -> Any:
    return typer.Option(
        *flags, metavar=metavar, help=help, autocompletion=complete, show_default=False
    )


def _argument(metavar: str, help: str, complete: Callable[..., Any]) -> Any:
    return typer.Argument(metavar=metavar, help=help, autocompletion=complete, show_default=False)


CountryOrFactArgument = Annotated[
    str,
    _argument(
        "COUNTRY",
        "Partner id, name, ISO code, alias or member country (e.g. tunisia, TN, Türkiye, "
        "serbia); PARTNER/ID for one fact (e.g. tunisia/visit-2021-05).",
        complete_partner_or_fact,
    ),
]
PartnersArgument = Annotated[
    list[str] | None,
    _argument("[COUNTRY]...", "Only these partners, as with --country.", complete_partner),
]
CountryOption = Annotated[
    list[str] | None,
    _option(
        "--country",
        "-c",
        metavar="COUNTRY",
        help="Only this partner: id, name, ISO code, alias or member country. Repeat for any of several.",
        complete=complete_partner,
    ),
]
RegionOption = Annotated[
    list[str] | None,
    _option(
        "--region",
        "-r",
        metavar="REGION",
        help="Only partners in this region (e.g. 'Northern Africa' or northern-africa). Repeat for any of several.",
        complete=complete_region,
    ),
]
FrameworkOption = Annotated[
    list[str] | None,
    _option(
        "--framework",
        metavar="FRAMEWORK",
        help="Only partners in this framework: its id, or words of its name or short name "
        "(e.g. budapest, etm, 'mobility partnership'). Repeat for any of several.",
        complete=complete_framework,
    ),
]
PersonOption = Annotated[
    list[str] | None,
    _option(
        "--person",
        metavar="NAME",
        help="Only events that name this person among their people or counterparts, each "
        "word a start of a word (e.g. johansson, 'von der leyen', hrvp). Repeat for any of several.",
        complete=complete_person,
    ),
]
PlaceOption = Annotated[
    list[str] | None,
    _option(
        "--place",
        metavar="NAME",
        help="Only events that name this place (e.g. brdo, serbia). Repeat for any of several.",
        complete=complete_place,
    ),
]
FromOption = Annotated[
    str | None,
    _option(
        "--from",
        "--since",
        metavar="DATE",
        help="Only what overlaps this date or later: 2021, 2021-05 or 2021-05-17.",
        complete=complete_date,
    ),
]
ToOption = Annotated[
    str | None,
    _option(
        "--to",
        "--until",
        metavar="DATE",
        help="Only what overlaps this date or earlier (inclusive).",
        complete=complete_date,
    ),
]
OutputFileOption = Annotated[
    str | None,
    _option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (atomically) instead of stdout; - is stdout.",
        complete=None,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]


class Filters(TypedDict):
    """The partner filters: one parameter of a command, which `@command` turns into the
    options `--country`, `--region`, `--area` and `--framework` (`FILTER_OPTIONS`)."""

    country: list[str] | None
    region: list[str] | None
    area: list[str] | None
    framework: list[str] | None


def with_partners(filters: Filters, partners: list[str] | None) -> Filters:
    """`filters` with the partners named as arguments (`coop timeline tunisia`) in `country`."""
    return filters | {"country": [*(partners or []), *(filters["country"] or [])]}


def values(option: list[str] | None) -> list[str]:
    return option or []


def ids_option(flag: str, short: str, what: str, vocabulary: str) -> Any:
    """A repeatable filter option over a vocabulary's ids (listed in help, completed)."""
    from coopcli.vocab import VOCABULARIES

    ids = VOCABULARIES[vocabulary]
    return _option(
        flag,
        short,
        metavar=flag.removeprefix("--").upper(),
        help=f"Only this {what}; repeat for any of several: {', '.join(ids)}.",
        complete=complete_ids(lambda: ids),
    )


AreaOption = Annotated[list[str] | None, ids_option("--area", "-a", "cooperation area", "area")]
StatusOption = Annotated[
    list[str] | None, ids_option("--status", "-s", "agreement status", "agreement status")
]
AgreementKindOption = Annotated[
    list[str] | None, ids_option("--kind", "-k", "agreement kind", "agreement kind")
]
TimelineKindOption = Annotated[
    list[str] | None,
    ids_option("--kind", "-k", "kind, an event kind or an agreement milestone", "timeline kind"),
]

FILTER_OPTIONS = {
    "country": CountryOption,
    "region": RegionOption,
    "area": AreaOption,
    "framework": FrameworkOption,
}


# --- output formats -----------------------------------------------------------------

JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]


def format_option(allowed: Sequence[OutputFormat]) -> Any:
    """The `--format` option of a command that writes the `allowed` formats."""
    return _option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format: " + ", ".join(f.value for f in allowed) + ".",
        complete=complete_ids(lambda: {f.value: f.description for f in allowed}),
    )


def choose_format(
    json_flag: bool, value: str | None, allowed: Sequence[OutputFormat]
) -> OutputFormat:
    """The format `--json` and `--format` ask for among `allowed` (default: the first)."""
    from coopcli.api import choose

    if value is None:
        return OutputFormat.JSON if json_flag else allowed[0]
    chosen = OutputFormat(choose(value, {f.value: f.description for f in allowed}, "format"))
    if json_flag and chosen is not OutputFormat.JSON:
        raise UsageError(f"--json conflicts with --format {chosen.value}")
    return chosen


ExportFormatOption = Annotated[str | None, format_option(EXPORT_FORMATS)]
