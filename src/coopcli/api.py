"""coop's Python API and its one query layer: `load`, `Dataset` and the functions behind it.

`Dataset`'s queries return the rows of the matching command's `--json` (TypedDicts,
plain dicts at run time); see docs/api.md. The module's functions take records and
return rows, with no I/O and no printing; the command line calls them only for what it
checks before the data loads and for completion: they are not in `coopcli.__all__`.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import os
import re
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

from coopcli import dataset as _dataset
from coopcli.errors import InvalidValue, NotFound, shorten
from coopcli.factids import FACT_SEPARATOR as FACT_SEPARATOR  # these two for the CLI
from coopcli.factids import fact_name
from coopcli.factids import is_fact_name as is_fact_name
from coopcli.facts import HAYSTACK_SEPARATOR, fact_at, partner_haystack
from coopcli.shape import CSV_COLUMNS, DIFF_ORDER, EVERY_SECTION, SECTION, SECTIONS, Shape
from coopcli.textfold import fold, slug
from coopcli.vocab import (
    AGREEMENT_KINDS,
    AGREEMENT_STATUSES,
    AREAS,
    FRAMEWORK_AGREEMENT_KINDS,
    MILESTONE_KINDS,
    TIMELINE_KINDS,
    VOCABULARIES,
)

if TYPE_CHECKING:
    import datetime
    from pathlib import Path

    from coopcli.model import Partner
    from coopcli.records import (
        AgreementRecord,
        AgreementRow,
        AreaQuote,
        AreaRow,
        Briefing,
        Change,
        Comparison,
        DatasetRecord,
        EventRecord,
        FactRow,
        FoundFact,
        FrameworkGroup,
        Hit,
        MetaRecord,
        MilestoneRecord,
        MilestoneRow,
        PartnerRecord,
        PartnerRow,
        PersonRow,
        SplitIds,
        TimelineRow,
    )

__all__ = ["Dataset", "Values", "load"]

Values = str | Iterable[str] | None
"""A filter's value: one value, several ("any of"), or None (no filter)."""

# --- the arguments of `load` and of every public method, checked by annotation ----------


def _shown(value: object) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text}" if len(text) <= 40 else type(value).__name__


def _expect(kinds: tuple[type, ...], what: str) -> Callable[[str, object], object]:
    """A check that a value is one of `kinds`, else a TypeError expecting `what`."""

    def check(name: str, value: object) -> object:
        if not isinstance(value, kinds):
            raise TypeError(f"{name}: expected {what}, got {_shown(value)}")
        return value

    return check


def _values(name: str, value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (bytes, bytearray, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"{name}: expected a string or an iterable of strings, got {_shown(value)}")
    values = list(value)
    for item in values:
        if not isinstance(item, str):
            raise TypeError(f"{name}: expected strings only, got {_shown(item)} among them")
    return values


def _words(name: str, value: object) -> list[str]:
    if value is None:
        raise TypeError(f"{name}: expected a string or an iterable of strings, got None")
    return _values(name, value)


def _date(name: str, value: object) -> str | None:
    """A date as text at any precision, or a `datetime.date` (a datetime: its day)."""
    if value is None:
        return None
    if not isinstance(value, str):
        import datetime

        if not isinstance(value, datetime.date):
            raise TypeError(
                f"{name}: expected a date as text ('2021', '2021-05', '2021-05-17') or a "
                f"datetime.date, got {_shown(value)}"
            )
        value = datetime.date(value.year, value.month, value.day).isoformat()
    return check_date(value, name)


def _list(values: Values) -> list[str]:
    """A filter's values as a list: the check made one of any value given; None, the
    default, is no filter."""
    return [] if values is None else cast("list[str]", values)


_NONE = type(None)
_CHECKERS: dict[str, Callable[[str, object], object]] = {
    "Values": _values,
    "str": _expect((str,), "a string"),
    "str | None": _expect((str, _NONE), "a string"),
    "str | Iterable[str]": _words,
    "bool | None": _expect((bool, _NONE), "True, False or None"),
    "bool": _expect((bool,), "True or False"),
    "str | os.PathLike[str] | None": _expect(
        (str, os.PathLike, _NONE), "the path of a dataset file or None"
    ),
    "str | datetime.date | None": _date,
    "Dataset | str | os.PathLike[str]": lambda name, value: _expect(
        (Dataset, str, os.PathLike), "a Dataset or the path of a dataset file"
    )(name, value),
}
"""The check of each parameter annotation (strings: `from __future__ import annotations`)."""

_Function = TypeVar("_Function", bound=Callable[..., Any])
_Class = TypeVar("_Class", bound=type)


def _checked(function: _Function) -> _Function:
    """`function` with each argument checked (and normalised) by its annotation's check;
    a parameter whose annotation has none fails here, when the class is made."""
    code = function.__code__
    named = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    variadic = code.co_varnames[len(named)] if code.co_flags & 0x04 else None  # *args
    checks: dict[str, Callable[[str, object], object]] = {}
    for parameter in [*named, *([variadic] if variadic else [])]:
        if parameter == "self":
            continue
        annotation = function.__annotations__.get(parameter)
        if annotation not in _CHECKERS:
            raise TypeError(
                f"{function.__qualname__}: no check for parameter {parameter!r} "
                f"({annotation}); add one to coopcli.api._CHECKERS"
            )
        checks[parameter] = _CHECKERS[annotation]
    positional = code.co_varnames[: code.co_argcount]

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        names = itertools.chain(positional, itertools.repeat(variadic or ""))  # "": unchecked
        given = [checks[n](n, v) if n in checks else v for v, n in zip(args, names, strict=False)]
        for name, value in kwargs.items():
            if name in checks:
                kwargs[name] = checks[name](name, value)
        return function(*given, **kwargs)

    return cast("_Function", checked)


def _check_arguments(cls: _Class) -> _Class:
    """Wrap every public method of `cls` in `_checked` (properties are left alone)."""
    for name, value in list(vars(cls).items()):
        if not name.startswith("_") and isinstance(value, types.FunctionType):
            setattr(cls, name, _checked(value))
    return cls


# --- look-ups: partners, facts, vocabularies, regions --------------------------------


def lookup_names(partner: PartnerRecord) -> list[str]:
    """Every name a partner can be found by: id, name, codes, aliases and members'."""
    names = [partner["id"], partner["name"], *partner["aliases"]]
    names += [code for code in (partner["iso2"], partner["iso3"]) if code]
    for member in partner["members"]:
        names += [member["name"], *member["aliases"]]
        names += [code for code in (member["iso2"], member["iso3"]) if code]
    return names


_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def has_control_characters(text: str) -> bool:
    """Whether `text` holds an invisible character inside the spaces around it: such a
    name matches nothing (folding would drop the character and find a partner)."""
    core = text.strip(" \t\r\n")
    if core.isprintable():
        return False
    import unicodedata

    return any(unicodedata.category(char) in _UNPRINTABLE for char in core)


def find_partner(dataset: DatasetRecord, text: str) -> PartnerRecord:
    """The partner `text` names (id, name, ISO code, alias or member country, case and
    accents aside); NotFound with the closest names otherwise."""
    for partner in dataset["partners"]:
        if partner["id"] == text:
            return partner
    wanted = fold(text.strip())
    owners: dict[str, PartnerRecord] = {}
    for partner in dataset["partners"]:
        for name in lookup_names(partner):
            owners.setdefault(fold(name), partner)
    if has_control_characters(text):
        printable = "".join(char for char in wanted if char.isprintable())
        raise NotFound("partner", text, _suggest(printable, owners))
    if wanted in owners:
        return owners[wanted]
    wanted_slug = slug(text)
    for partner in dataset["partners"]:
        if wanted_slug and wanted_slug == slug(partner["name"]):
            return partner
    raise NotFound("partner", text, _suggest(wanted, owners))


def _suggest(wanted: str, owners: dict[str, PartnerRecord]) -> list[str]:
    if not wanted or len(wanted) > 100:
        return []
    # 0.75: "tunsia" (0.92) suggests Tunisia, "syria" (0.73 to "serbia") nothing.
    close = difflib.get_close_matches(wanted, list(owners), n=5, cutoff=0.75)
    if not close and len(wanted) >= 3:  # the start of a name: "afgh"
        close = [name for name in owners if name.startswith(wanted)]
    return list(dict.fromkeys(owners[name]["id"] for name in close))[:3]


def partner_facts(partner: PartnerRecord) -> list[tuple[str, str, dict[str, Any]]]:
    """Every fact of a partner, a fact's parts (milestones) after it, as (section, path,
    fact): `("milestones", "agreements[0].milestones[1]", {...})`."""
    found: list[tuple[str, str, dict[str, Any]]] = []

    def visit(table: Any, sections: tuple[Shape, ...], path: str) -> None:
        for section in sections:
            for position, fact in enumerate(table[section.key]):
                here = f"{path}{section.key}[{position}]"
                found.append((section.key, here, fact))
                visit(fact, section.parts, here + ".")

    visit(partner, SECTIONS, "")
    return found


def fact_count(partners: Iterable[PartnerRecord]) -> int:
    """How many facts some partners hold (milestones count with their agreement)."""
    return sum(len(cast("dict[str, list[Any]]", p)[s.key]) for p in partners for s in SECTIONS)


def find_fact(dataset: DatasetRecord, name: str) -> FoundFact:
    """The fact `PARTNER/ID` names (the id exactly, or a look-up name of the fact, case
    and accents aside); NotFound with the partner's closest fact names otherwise."""
    partner_name, _, fact_id = name.partition(FACT_SEPARATOR)
    partner = find_partner(dataset, partner_name)
    facts = partner_facts(partner)
    wanted_id = fact_id.strip()
    wanted_name = fold(wanted_id)
    for section, path, fact in sorted(facts, key=lambda found: found[2]["id"] != wanted_id):
        if fact["id"] == wanted_id or wanted_name in map(fold, fact.get("names", ())):
            return {
                "fact": fact_name(partner["id"], fact["id"]),
                "country": partner["id"],
                "country_name": partner["name"],
                "section": section,
                "path": path,
                "record": fact,
            }
    ids = [fact["id"] for _, _, fact in facts]
    wanted = wanted_id.lower()
    close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.6) if len(wanted) <= 100 else []
    if not close and wanted:
        close = [i for i in ids if i.startswith(wanted)][:3]
    raise NotFound("fact", name, [fact_name(partner["id"], i) for i in close])


def choose(value: str, vocabulary: Mapping[str, str], what: str) -> str:
    """`value` as an id of `vocabulary` (any case, `-` for `_`); InvalidValue listing
    the valid ids and the closest one otherwise."""
    candidate = value.strip().lower().replace("-", "_").replace(" ", "_")
    if candidate in vocabulary and not has_control_characters(value):
        return candidate
    close = difflib.get_close_matches(candidate, list(vocabulary), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise InvalidValue(f"unknown {what} {shorten(value)}{hint} (valid: {', '.join(vocabulary)})")


def choose_all(values: Sequence[str], vocabulary: Mapping[str, str], what: str) -> list[str]:
    """Each of `values` as an id of `vocabulary` (see `choose`), without repeats."""
    return list(dict.fromkeys(choose(value, vocabulary, what) for value in values))


def regions(dataset: DatasetRecord) -> list[str]:
    """The distinct regions, in dataset order."""
    return list(dict.fromkeys(partner["region"] for partner in dataset["partners"]))


def _choose_region(dataset: DatasetRecord, value: str) -> str:
    known = regions(dataset)
    for region in known:
        if slug(region) == slug(value) and not has_control_characters(value):
            return region
    by_slug = {slug(r): r for r in known}
    close = difflib.get_close_matches(slug(value), list(by_slug), n=1)
    hint = f"; did you mean '{by_slug[close[0]]}'?" if close else ""
    raise InvalidValue(f"unknown region {shorten(value)}{hint} (valid: {', '.join(known)})")


def select(
    dataset: DatasetRecord,
    *,
    countries: Sequence[str] = (),
    regions: Sequence[str] = (),
    areas: Sequence[str] = (),
    frameworks: Sequence[str] = (),
) -> list[PartnerRecord]:
    """The partners the filters keep, in dataset order: each filter "any of" its values,
    the filters together "all of"."""
    wanted_regions = [_choose_region(dataset, region) for region in regions]
    wanted_areas = choose_all(areas, AREAS, "area")
    wanted_ids = {find_partner(dataset, country)["id"] for country in countries}
    wanted_frameworks = _choose_frameworks(dataset, frameworks) if frameworks else set()
    return [
        partner
        for partner in dataset["partners"]
        if (not wanted_regions or partner["region"] in wanted_regions)
        and (not wanted_areas or any(area["id"] in wanted_areas for area in partner["areas"]))
        and (not wanted_ids or partner["id"] in wanted_ids)
        and (not frameworks or bool(wanted_frameworks & partner_frameworks(partner).keys()))
    ]


# --- names as people type them: frameworks, people, places ---------------------------


def names_match(words: Sequence[str], name: str) -> bool:
    """Whether each of `words` (folded) starts a word of `name`: `von der leyen`."""
    folded = fold(name)
    return bool(words) and all(occurs(word, folded) for word in words)


def partner_frameworks(partner: PartnerRecord) -> dict[str, list[str]]:
    """The frameworks a partner is in, as `coop frameworks` groups them: group id to the
    names it is found by. Mobility Partnerships and Common Agendas, agreements in the
    data, count as frameworks."""
    found: dict[str, list[str]] = {}
    for framework in partner["frameworks"]:
        found.setdefault(framework["id"], []).extend([framework["name"], *framework["names"]])
    for agreement in partner["agreements"]:
        if agreement["kind"] in FRAMEWORK_AGREEMENT_KINDS:
            group = found.setdefault(agreement["kind"].replace("_", "-"), [])
            group.extend([AGREEMENT_KINDS[agreement["kind"]], *agreement["names"]])
    return found


def _choose_frameworks(dataset: DatasetRecord, values: Sequence[str]) -> set[str]:
    known: dict[str, list[str]] = {}
    for partner in dataset["partners"]:
        for group_id, names in partner_frameworks(partner).items():
            known.setdefault(group_id, []).extend(names)
    chosen: set[str] = set()
    for value in values:
        words = fold(value).split()
        found = {
            group_id
            for group_id, names in known.items()
            if not has_control_characters(value)
            and (slug(value) == group_id or any(names_match(words, name) for name in names))
        }
        if not found:
            raise NotFound("framework", value, _close_names(value, known))
        chosen |= found
    return chosen


def _close_names(value: str, known: Mapping[str, Sequence[str]]) -> list[str]:
    """The keys of `known` whose key or one of whose names (or their words) is closest."""
    wanted = fold(value.strip())
    if not wanted or len(wanted) > 100:
        return []
    owners: dict[str, str] = {}
    for key, names in known.items():
        for name in [key, *names]:
            owners.setdefault(fold(name), key)
            for word in fold(name).split():  # "johanson" is close to a word of a name
                if len(word) >= 4:
                    owners.setdefault(word, key)
    close = difflib.get_close_matches(wanted, list(owners), n=5, cutoff=0.6)
    return list(dict.fromkeys(owners[name] for name in close))[:3]


@functools.cache
def _event_fields(roles: tuple[str, ...]) -> tuple[str, ...]:
    """The fields of an event whose role is one of `roles`, in declared order."""
    return tuple(field.name for field in SECTION["events"].fields if field.role in roles)


PERSON_ROLES = ("who", "counterpart")
"""What `--person` reads of an event."""
PLACE_ROLES = ("where",)
"""What `--place` reads of an event."""


def event_names(event: Mapping[str, Any], roles: tuple[str, ...]) -> list[str]:
    """The names an event gives in its fields of those `roles`, verbatim."""
    return [name for field in _event_fields(roles) for name in event.get(field) or ()]


def _choose_names(
    dataset: DatasetRecord, values: Sequence[str], roles: tuple[str, ...], what: str
) -> list[list[str]]:
    """Each of `values` as its folded words, once some event names a match in its fields
    of `roles`; NotFound with the closest names otherwise (`what`: person, place)."""
    if not values:  # no filter: no need to gather every name
        return []
    known = list(
        dict.fromkeys(
            name
            for partner in dataset["partners"]
            for event in partner["events"]
            for name in event_names(event, roles)
        )
    )
    chosen: list[list[str]] = []
    for value in values:
        words = fold(value).split()
        if has_control_characters(value) or not any(names_match(words, n) for n in known):
            raise NotFound(what, value, _close_names(value, {name: [] for name in known}))
        chosen.append(words)
    return chosen


def _names_any(
    event: Mapping[str, Any], wanted: Sequence[Sequence[str]], roles: tuple[str, ...]
) -> bool:
    return any(names_match(words, n) for words in wanted for n in event_names(event, roles))


# --- rows of partners and agreements; dates ------------------------------------------


def _area_ids(partner: PartnerRecord) -> list[str]:
    present = {area["id"] for area in partner["areas"]}
    return [area for area in AREAS if area in present]


def _partner_row(partner: PartnerRecord) -> PartnerRow:
    return {
        "id": partner["id"],
        "name": partner["name"],
        "kind": partner["kind"],
        "region": partner["region"],
        "iso2": partner["iso2"],
        "iso3": partner["iso3"],
        "aliases": list(partner["aliases"]),
        "members": [member["name"] for member in partner["members"]],
        "areas": _area_ids(partner),
    }


def _agreement_row(partner: PartnerRecord, agreement: AgreementRecord) -> AgreementRow:
    return {
        "country": partner["id"],
        "country_name": partner["name"],
        "fact": fact_name(partner["id"], agreement["id"]),
        "kind": agreement["kind"],
        "status": agreement["status"],
        "title": agreement["title"],
        "milestones": [_milestone_row(m) for m in agreement["milestones"]],
        "inferred": agreement["inferred"],
        "source": agreement["source"],
    }


_PRECISIONS = {4: "year", 7: "month", 10: "day"}


def _precision(date: str | None) -> str | None:
    return None if date is None else _PRECISIONS[len(date)]


def _milestone_row(milestone: MilestoneRecord) -> MilestoneRow:
    return {
        **milestone,
        "date_precision": _PRECISIONS[len(milestone["date"])],
        "end_precision": _precision(milestone["end"]),
    }


def _date_key(date: str | None) -> tuple[bool, str]:
    """By start, "2021-09" before "2021-09-09", undated last."""
    return (date is None, date or "")


def in_date_order(events: Iterable[EventRecord]) -> list[EventRecord]:
    """Events by date (a less precise date before the days within it), undated last."""
    return sorted(events, key=lambda event: _date_key(event["date"]))


# [0-9], not \d, which also takes Arabic-Indic, full-width and other digits.
_DATE = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")


def check_date(value: str, option: str) -> str:
    """`value` if it is a real date (2021, 2021-05, 2021-05-17); InvalidValue saying why
    not otherwise, naming it `option`."""
    text = value.strip()
    if any(char.isdigit() and not char.isascii() for char in text):
        raise InvalidValue(f"{option} takes a date in ASCII digits (0-9), not {shorten(value)}")
    if not _DATE.fullmatch(text):
        raise InvalidValue(
            f"{option} takes a date as 2021, 2021-05 or 2021-05-17, not {shorten(value)}"
        )
    year = int(text[:4])
    if year == 0:  # as in a dataset (`rules.real_date`): the calendar starts at year 1
        raise InvalidValue(f"{option} {text} is not a real date: there is no year 0000")
    if len(text) == 10:
        import calendar

        month, day = int(text[5:7]), int(text[8:])
        days = calendar.monthrange(year, month)[1]
        if day > days:
            raise InvalidValue(
                f"{option} {text} is not a real date: "
                f"{calendar.month_name[month]} {text[:4]} has {days} days"
            )
    return text


def check_range(start: str | None, end: str | None, names: tuple[str, str]) -> None:
    """InvalidValue if `start` is after `end`, each date standing for all its days
    (2021-10 to 2021-10-05 is fine); `names`: how the caller calls the two ends."""
    if start is not None and end is not None and _first_day(start) > _last_day(end):
        raise InvalidValue(f"{names[0]} {start} is after {names[1]} {end}")


def _first_day(date: str) -> str:
    return date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date


def _last_day(date: str) -> str:
    return date + "-12-31"[len(date) - 4 :] if len(date) < 10 else date


# --- search --------------------------------------------------------------------------

MAX_QUERY_WORDS = 32
"""More words than this are a usage error: matching costs time in proportion."""
MAX_QUERY_CHARS = 1_000
"""Nor may a query be longer than this, counting every character given."""


def query_words(query: Sequence[str]) -> list[str]:
    """The folded words of a query; InvalidValue if there are none or too many."""
    length = sum(len(part) for part in query)
    if length > MAX_QUERY_CHARS:
        raise InvalidValue(
            f"the search query has {length:,} characters; the limit is {MAX_QUERY_CHARS:,}"
        )
    words = [word for part in query for word in part.split()]
    if len(words) > MAX_QUERY_WORDS:
        raise InvalidValue(
            f"the search query has {len(words):,} words; the limit is {MAX_QUERY_WORDS}"
        )
    if not words:
        raise InvalidValue("the search query is empty")
    return [fold(word) for word in words]


def _first_start(word: str, folded_text: str, start: int = 0) -> int:
    """Where `word` next starts a word of `folded_text` from `start` (a prefix match:
    "smuggl"), or -1: search's one rule of a match, which highlighting follows."""
    needs_boundary = word[:1].isalnum()
    start = folded_text.find(word, start)
    while start != -1:
        if not needs_boundary or start == 0 or not folded_text[start - 1].isalnum():
            return start
        start = folded_text.find(word, start + 1)
    return -1


def word_starts(word: str, folded_text: str) -> Iterator[int]:
    """Every place where `word` starts a word of `folded_text`."""
    start = _first_start(word, folded_text)
    while start != -1:
        yield start
        start = _first_start(word, folded_text, start + 1)


def occurs(word: str, folded_text: str) -> bool:
    """Whether `word` starts a word of `folded_text`."""
    return _first_start(word, folded_text) != -1


_QUOTE_FIELDS = {f.name for s in EVERY_SECTION.values() for f in s.fields if f.role == "quote"}
"""A fact's quote of the source, which it may share with other facts: not its own text."""


def _search(
    partners: Iterable[PartnerRecord],
    words: Sequence[str],
    haystacks: Mapping[str, str],
    people: Sequence[Sequence[str]],
) -> list[Hit]:
    """The facts in which every word occurs, each naming the field that matched most.
    A hit is `quote_only` when some word matches only its quote (`source`, shared with
    other facts): those come last, each group in the source's order."""
    hits: list[Hit] = []
    for partner in partners:
        haystack = haystacks.get(partner["id"]) or partner_haystack(partner)
        if not all(word in haystack for word in words):
            continue
        for number, folded in enumerate(haystack.split(HAYSTACK_SEPARATOR)):
            if words[0] not in folded:  # the cheap test first: most facts fail it
                continue
            if not all(word in folded and occurs(word, folded) for word in words):
                continue
            section, path, fields = fact_at(partner, number)
            fact: dict[str, Any] | None = None
            if section != "partner":
                fact = partner[section][int(path[len(section) + 1 : -1])]  # type: ignore[literal-required]
            if people and (section != "events" or not _names_any(fact or {}, people, PERSON_ROLES)):
                continue
            matched: list[str] = []
            best, best_score = 0, 0
            owned: set[str] = set()  # the words that match one of the fact's own fields
            for position, text in enumerate(folded.split("\n")):
                found = [word for word in words if word in text and occurs(word, text)]
                if found:
                    field = fields[position][0]
                    matched.append(field)
                    if field.rpartition(".")[2] not in _QUOTE_FIELDS:
                        owned.update(found)
                    if len(found) > best_score:
                        best, best_score = position, len(found)
            hits.append(
                {
                    "country": partner["id"],
                    "country_name": partner["name"],
                    "fact": None if fact is None else fact_name(partner["id"], fact["id"]),
                    "section": section,
                    "path": path,
                    "field": fields[best][0],
                    "text": fields[best][1],
                    "fields": matched,
                    "inferred": None if fact is None else fact["inferred"],
                    "quote_only": not owned.issuperset(words),
                }
            )
    return sorted(hits, key=lambda hit: hit["quote_only"])  # stable: the source's order


# --- timeline and people -------------------------------------------------------------


def _event_row(partner: PartnerRecord, event: EventRecord) -> TimelineRow:
    return _timeline_row(partner, event, "event", event["title"])


def _timeline_row(
    partner: PartnerRecord, fact: Mapping[str, Any], row_type: str, title: str
) -> TimelineRow:
    """An event's row, or a milestone's (never ongoing nor planned, naming nobody)."""
    return {
        "country": partner["id"],
        "country_name": partner["name"],
        "fact": fact_name(partner["id"], fact["id"]),
        "date": fact["date"],
        "end": fact["end"],
        "date_precision": _precision(fact["date"]),
        "end_precision": _precision(fact["end"]),
        "ongoing": fact.get("ongoing", False),
        "when": fact.get("when"),
        "planned": fact.get("planned", False),
        "type": row_type,
        "kind": fact["kind"],
        "title": title,
        "people": list(fact.get("people", ())),
        "counterparts": list(fact.get("counterparts", ())),
        "inferred": fact["inferred"],
        "source": fact["source"],
    }


def _overlaps(row: TimelineRow, start: str | None, end: str | None) -> bool:
    if start is None and end is None:
        return True
    if row["date"] is None:
        return False
    row_start, row_end = _first_day(row["date"]), _last_day(row["end"] or row["date"])
    if row["ongoing"]:
        row_end = "9999-12-31"
    return (start is None or row_end >= _first_day(start)) and (
        end is None or row_start <= _last_day(end)
    )


# --- areas and frameworks ------------------------------------------------------------


def _area_matrix(partners: Sequence[PartnerRecord]) -> list[AreaRow]:
    return [
        {
            "id": area,
            "label": label,
            "countries": [p["id"] for p in partners if area in _area_ids(p)],
        }
        for area, label in AREAS.items()
    ]


def _framework_groups(partners: Iterable[PartnerRecord]) -> list[FrameworkGroup]:
    """Each framework with the partners in it, most partners first; Mobility
    Partnerships and Common Agendas (agreements in the data) grouped by kind."""
    groups: dict[str, FrameworkGroup] = {}
    for partner in partners:
        joined: list[tuple[str, str, str, list[str], Mapping[str, Any], str | None, str | None]]
        joined = [
            (f["id"], f["name"], f["kind"], [f["name"], *f["names"]], f, f["since"], f["role"])
            for f in partner["frameworks"]
        ]
        for a in partner["agreements"]:
            if a["kind"] in FRAMEWORK_AGREEMENT_KINDS:
                since = next((m["date"] for m in a["milestones"] if m["kind"] == "in_place"), None)
                kind_name = AGREEMENT_KINDS[a["kind"]]
                group_id = a["kind"].replace("_", "-")
                joined.append((group_id, kind_name, "agreement", a["names"], a, since, None))
        for group_id, name, kind, names, fact, since, role in joined:
            group = groups.setdefault(
                group_id,
                {
                    "id": group_id,
                    "name": name,
                    "kind": kind,
                    "names": [],
                    "countries": [],
                    "members": [],
                },
            )
            for other in names:  # the other wordings its members give it, each once
                if fold(other) != fold(group["name"]) and other not in group["names"]:
                    group["names"].append(other)
            if partner["id"] not in group["countries"]:
                group["countries"].append(partner["id"])
            group["members"].append(
                {
                    "country": partner["id"],
                    "country_name": partner["name"],
                    "fact": fact_name(partner["id"], fact["id"]),
                    "name": group["name"],
                    "since": since,
                    "role": role,
                    "inferred": fact["inferred"],
                    "source": fact["source"],
                }
            )
    return sorted(groups.values(), key=lambda g: (-len(g["countries"]), fold(g["name"])))


# --- compare -------------------------------------------------------------------------


def _grouped(has: dict[str, list[str]], order: Sequence[str]) -> SplitIds:
    """What each partner has, by who has it: `common` (all), `some` (id -> its partners,
    more than one, not all), `only` (partner -> what it alone has)."""
    holders = {item: [i for i, items in has.items() if item in items] for item in order}
    return {
        "common": [item for item in order if len(holders[item]) == len(has)],
        "some": {item: holders[item] for item in order if 1 < len(holders[item]) < len(has)},
        "only": {
            i: [item for item in items if holders.get(item) == [i]] for i, items in has.items()
        },
    }


# --- diff ----------------------------------------------------------------------------


def _change(
    change: str, partner: PartnerRecord, subject: str, old: Any, new: Any, fact: Any = None
) -> Change:
    """A row of `coop diff`; `fact` (a dict, or its id with no quote) names the fact."""
    fact_id = fact if isinstance(fact, str) else fact and fact["id"]
    return {
        "change": change,
        "country": partner["id"],
        "fact": None if fact_id is None else fact_name(partner["id"], fact_id),
        "subject": subject,
        "old": old,
        "new": new,
        "source": fact["source"] if isinstance(fact, dict) else None,
    }


def _partner_changes(old: PartnerRecord, new: PartnerRecord) -> list[Change]:
    changes: list[Change] = []
    old_facts, new_facts = _facts_by_id(old), _facts_by_id(new)
    for key in DIFF_ORDER:
        section = EVERY_SECTION[key]
        added, removed, changed = section.changes
        before, after = old_facts[key], new_facts[key]
        for fact_id, (fact, subject) in after.items():
            if fact_id not in before:
                changes.append(_change(added, new, subject, None, fact[section.headline], fact))
                continue
            was = before[fact_id][0]
            parts = {part.key for part in section.parts}  # facts of their own
            fields = [k for k in fact if k not in parts and was.get(k) != fact[k]]
            for field, change in section.change_fields:  # an agreement's status_changed
                if field in fields:
                    changes.append(_change(change, new, subject, was[field], fact[field], fact))
                    fields.remove(field)
            if fields:
                old_values = {k: was.get(k) for k in fields}
                new_values = {k: fact[k] for k in fields}
                changes.append(_change(changed, new, subject, old_values, new_values, fact))
        for fact_id, (fact, subject) in before.items():
            if fact_id not in after:
                quoted = fact if section.removed_quote else fact_id
                changes.append(_change(removed, new, subject, fact[section.headline], None, quoted))
    return changes


def _facts_by_id(partner: PartnerRecord) -> dict[str, dict[str, tuple[dict[str, Any], str]]]:
    """Every kind of fact's facts by id, each with the subject a change of it names: a
    field or its vocabulary label (`Shape.subject`); a part's `PARENT: own`."""
    found: dict[str, dict[str, tuple[dict[str, Any], str]]] = {key: {} for key in DIFF_ORDER}

    def visit(section: Shape, facts: Iterable[dict[str, Any]], parent: str | None) -> None:
        what, _, name = section.subject.rpartition(":")
        for fact in facts:
            own = str(fact[name])
            if what == "label":
                own = VOCABULARIES[section.field(name).vocabulary or ""][fact[name]]
            subject = own if parent is None else f"{parent}: {own.lower()}"
            found[section.key][fact["id"]] = (dict(fact), subject)
            for part in section.parts:
                visit(part, fact[part.key], subject)

    for section in SECTIONS:
        visit(section, partner[section.key], None)  # type: ignore[literal-required]
    return found


# --- export --------------------------------------------------------------------------

_LIST_COLUMNS = tuple(
    dict.fromkeys(
        column
        for section in EVERY_SECTION.values()
        for column, source in section.csv
        if ":" not in source and section.field(source).kind == "texts"
    )
)
"""The CSV columns that hold a list: empty, not null, where a kind of fact has none."""


def _fact_rows(partners: Iterable[PartnerRecord]) -> list[FactRow]:
    """Every fact as a flat row of `shape.CSV_COLUMNS`; a fact's parts after it."""
    rows: list[dict[str, Any]] = []

    def add(base: dict[str, Any], section: Shape, facts: Any, path: str, parent: Any) -> None:
        for position, fact in enumerate(facts):
            here = f"{path}[{position}]"
            row: dict[str, Any] = dict.fromkeys(CSV_COLUMNS)
            row.update({column: [] for column in _LIST_COLUMNS})
            row.update(base, section=section.key, path=here)
            if "fact" in row:
                row["fact"] = fact_name(base["country"], fact["id"])
            for column, source in section.csv:
                what, _, name = source.rpartition(":")
                if what == "label":
                    row[column] = VOCABULARIES[section.field(name).vocabulary or ""][fact[name]]
                elif what == "parent" and parent is not None:
                    row[column] = parent[name]
                else:
                    row[column] = fact[name]
            rows.append(row)
            for part in section.parts:
                add(base, part, fact[part.key], f"{here}.{part.key}", fact)

    for partner in partners:
        base = {
            "country": partner["id"],
            "country_name": partner["name"],
            "region": partner["region"],
        }
        for section in SECTIONS:
            add(base, section, partner[section.key], section.key, None)  # type: ignore[literal-required]
    return cast("list[FactRow]", rows)


# --- the public API ------------------------------------------------------------------


@_checked
def load(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Dataset:
    """Load and validate a dataset file: `path`, or the dataset that ships with coop.

    A file coop has validated before is read from its cache (`use_cache` False, like
    COOP_NO_CACHE=1, validates again). Raises `DataError` for a file that cannot be read
    or is not valid, listing every problem as `PATH:LINE: where: what`.
    """
    return Dataset(_dataset.load(path, use_cache=use_cache))


@_check_arguments
class Dataset:
    """A validated dataset and its queries (the CLI's, answer for answer).

    Made by `load()`. The query methods take keyword filters, each a value or a list of
    values ("any of"; filters together are "all of"): `country` (partner ids, names, ISO
    codes, aliases or member countries), `region` (region names, case and accents aside)
    and `area` (area ids).
    """

    __slots__ = ("_loaded", "_models")

    def __init__(self, loaded: _dataset.ValidatedFile) -> None:
        """Wrap a loaded dataset (use `coopcli.load()` to make one)."""
        self._loaded = loaded
        self._models: list[Partner] | None = None

    def __repr__(self) -> str:
        return f"<coopcli.Dataset {str(self.path)!r}: {len(self.records['partners'])} partners>"

    @property
    def path(self) -> Path:
        """The dataset file this was loaded from."""
        return self._loaded.path

    @property
    def shipped(self) -> bool:
        """Whether this is the dataset that ships with coop."""
        return self._loaded.shipped

    @property
    def meta(self) -> MetaRecord:
        """The dataset's `[meta]` table: title, date, what it covers, its source file."""
        return self._loaded.records["meta"]

    @property
    def records(self) -> DatasetRecord:
        """The whole validated dataset as plain dicts and lists (the form of `coop export
        --format json`); shared with the queries, so treat it as read-only."""
        return self._loaded.records

    @property
    def partners(self) -> list[Partner]:
        """Every partner as a Pydantic model (`coopcli.model.Partner`, frozen), in the
        source's order. Built, and Pydantic imported, on first access."""
        return list(self._partner_models())

    def _partner_models(self) -> list[Partner]:
        if self._models is None:
            from coopcli.model import Partner

            self._models = [Partner.model_validate(p) for p in self.records["partners"]]
        return self._models

    def partner(self, name: str) -> Partner:
        """The partner `name` names, as a Pydantic model: its id, name, ISO code, an
        alias or, for a region, a member country, ignoring case and accents
        (`"Türkiye"`, `"TN"`, `"serbia"`). Raises `NotFound`, with the closest names."""
        record = find_partner(self.records, name)
        position = next(n for n, p in enumerate(self.records["partners"]) if p is record)
        return self._partner_models()[position]

    def partner_record(self, name: str) -> PartnerRecord:
        """The partner `name` names (as for `partner`), as `coop show NAME --json` gives
        it: plain dicts and lists. Raises `NotFound`."""
        return find_partner(self.records, name)

    def fact(self, name: str) -> FoundFact:
        """The fact `name` names, `PARTNER/ID` (`"tunisia/visit-2021-05"`, `"TN/..."`),
        as `coop show PARTNER/ID` gives it: its `record`, `section`, `path` and partner.
        Raises `NotFound`, with the partner's closest fact names."""
        return find_fact(self.records, name)

    def select(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> list[PartnerRecord]:
        """The partners the filters keep, in the source's order, as records. `framework`
        keeps the partners in a framework (its id, or words of its name or look-up name:
        `"budapest"`, `"etm"`). Raises `InvalidValue` for an unknown region or area,
        `NotFound` for an unknown partner or framework."""
        return select(
            self.records,
            countries=_list(country),
            regions=_list(region),
            areas=_list(area),
            frameworks=_list(framework),
        )

    def partner_rows(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> list[PartnerRow]:
        """The rows of `coop list`: `id`, `name`, `kind`, `region`, `iso2`, `iso3`,
        `aliases`, `members` (names) and `areas` (ids) of each partner the filters keep."""
        partners = self.select(country=country, region=region, area=area, framework=framework)
        return [_partner_row(partner) for partner in partners]

    def agreements(
        self,
        *,
        status: Values = None,
        kind: Values = None,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> list[AgreementRow]:
        """The rows of `coop agreements`: each agreement of the partners the filters keep
        whose `status` and `kind` are any of the given ids. Raises `InvalidValue` for an
        id outside the vocabulary (the message lists the valid ones)."""
        statuses = choose_all(_list(status), AGREEMENT_STATUSES, "status")
        kinds = choose_all(_list(kind), AGREEMENT_KINDS, "kind")
        partners = self.select(country=country, region=region, area=area, framework=framework)
        return [
            _agreement_row(partner, agreement)
            for partner in partners
            for agreement in partner["agreements"]
            if (not statuses or agreement["status"] in statuses)
            and (not kinds or agreement["kind"] in kinds)
        ]

    def search(
        self,
        words: str | Iterable[str],
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
        person: Values = None,
    ) -> list[Hit]:
        """The rows of `coop search`: every fact in whose texts all the words start a
        word, case and accents aside (`"smuggl trafficking"`); hits matched only in
        their quote (`quote_only`) last. `person` as for `timeline`. Raises
        `InvalidValue` for an empty query, or one over 32 words or 1,000 characters,
        `NotFound` for a person no event names."""
        folded = query_words(cast("list[str]", words))
        people = _choose_names(self.records, _list(person), PERSON_ROLES, "person")
        partners = self.select(country=country, region=region, area=area, framework=framework)
        return _search(partners, folded, self._loaded.haystacks, people)

    def timeline(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
        kind: Values = None,
        planned: bool | None = None,
        since: str | datetime.date | None = None,
        until: str | datetime.date | None = None,
        person: Values = None,
        place: Values = None,
    ) -> list[TimelineRow]:
        """The rows of `coop timeline`: every event and agreement milestone of the
        partners the filters keep, in date order (undated planned items last).

        `kind`: event or milestone kinds; `planned`: True for what had not happened when
        the source was written, False for what had; `since`/`until` (`"2021"`,
        `"2021-05"`, `"2021-05-17"` or a `datetime.date`): what overlaps that range;
        `person` (`"von der leyen"`) and `place`: the events that name any of them.
        Raises `InvalidValue` for a bad kind, date or range, `NotFound` for a person or
        place no event names."""
        start = cast("str | None", since)  # made text by `_date`
        end = cast("str | None", until)
        check_range(start, end, ("since", "until"))
        kinds = choose_all(_list(kind), TIMELINE_KINDS, "kind")
        people = _choose_names(self.records, _list(person), PERSON_ROLES, "person")
        places = _choose_names(self.records, _list(place), PLACE_ROLES, "place")
        partners = self.select(country=country, region=region, area=area, framework=framework)
        rows: list[TimelineRow] = []
        for partner in partners:
            for event in partner["events"]:
                if (not people or _names_any(event, people, PERSON_ROLES)) and (
                    not places or _names_any(event, places, PLACE_ROLES)
                ):
                    rows.append(_event_row(partner, event))
            for agreement in [] if people or places else partner["agreements"]:
                for milestone in agreement["milestones"]:  # a milestone names nobody
                    label = MILESTONE_KINDS[milestone["kind"]].lower()
                    count = f" ({milestone['count']} rounds)" if milestone["count"] else ""
                    title = f"{agreement['title']}: {label}{count}"
                    rows.append(_timeline_row(partner, milestone, "milestone", title))
        kept = [
            row
            for row in rows
            if (planned is None or row["planned"] == planned)
            and (not kinds or row["kind"] in kinds)
            and _overlaps(row, start, end)
        ]
        return sorted(kept, key=lambda row: _date_key(row["date"]))

    def people(self, name: str | None = None) -> list[PersonRow]:
        """The rows of `coop people`: every person the events name, verbatim as the
        source names them (never merged), alphabetically, each with its events as
        timeline rows in date order; with `name`, only the people it matches (each word
        the start of a word of the name, case and accents aside: `"johansson"`). Raises
        `NotFound`, with the closest names, when it matches nobody."""
        words = [] if name is None else _choose_names(self.records, [name], ("who",), "person")[0]
        events: dict[str, list[TimelineRow]] = {}
        for partner in self.records["partners"]:
            for event in partner["events"]:
                for person in event_names(event, ("who",)):
                    if not words or names_match(words, person):
                        events.setdefault(person, []).append(_event_row(partner, event))
        return [
            {"name": person, "events": sorted(rows, key=lambda row: _date_key(row["date"]))}
            for person, rows in sorted(events.items(), key=lambda item: (fold(item[0]), item[0]))
        ]

    @overload
    def areas(self, area: None = None) -> list[AreaRow]: ...
    @overload
    def areas(self, area: str) -> list[AreaQuote]: ...
    def areas(self, area: str | None = None) -> list[AreaRow] | list[AreaQuote]:
        """The rows of `coop areas`: without `area`, one row per cooperation area (in
        vocabulary order) with the ids of the partners in it; with an area id, the
        partners under it, each with its quote (`coop areas ID`). Raises `InvalidValue`
        for an unknown area id."""
        partners = self.records["partners"]
        if area is None:
            return _area_matrix(partners)
        chosen = choose(area, AREAS, "area")
        quotes: list[AreaQuote] = [
            {
                "country": p["id"],
                "country_name": p["name"],
                "fact": fact_name(p["id"], entry["id"]),
                "area": chosen,
                "label": AREAS[chosen],
                "inferred": entry["inferred"],
                "source": entry["source"],
            }
            for p in partners
            for entry in p["areas"]
            if entry["id"] == chosen
        ]
        return quotes

    def frameworks(self, name: str | None = None) -> list[FrameworkGroup]:
        """The rows of `coop frameworks`: each framework or process with the partners
        in it, most partners first; with `name`, only those whose id or name contains
        it. Raises `NotFound` when none does, `InvalidValue` for an empty name."""
        groups = _framework_groups(self.records["partners"])
        if name is None:
            return groups
        wanted = fold(" ".join(name.split()))
        if not wanted:
            raise InvalidValue("the framework name is empty")
        found = [
            g
            for g in groups
            if any(wanted in fold(one) for one in [g["name"], *g["names"]])
            or slug(name) == g["id"]
            or (slug(name) and slug(name) in g["id"])
        ]
        if not found:
            names = {fold(g["name"]): g["id"] for g in groups}
            close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.5)
            raise NotFound("framework", name, [names[c] for c in close])
        return found

    def compare(self, *names: str) -> Comparison:
        """The object of `coop compare`: two or more partners side by side. Raises
        `NotFound` for a name that matches no partner, `InvalidValue` for fewer than two
        different partners."""
        partners = [find_partner(self.records, name) for name in names]
        ids = [p["id"] for p in partners]
        if len(set(ids)) != len(ids) or len(ids) < 2:
            raise InvalidValue("compare needs at least two different partners")
        groups = _framework_groups(partners)
        frameworks = _grouped(
            {p["id"]: [g["id"] for g in _framework_groups([p])] for p in partners},
            [g["id"] for g in groups],
        )

        def latest(p: PartnerRecord) -> TimelineRow | None:
            past = [e for e in in_date_order(p["events"]) if not e["planned"] and e["date"]]
            return _event_row(p, past[-1]) if past else None

        def upcoming(p: PartnerRecord) -> TimelineRow | None:
            planned = [e for e in in_date_order(p["events"]) if e["planned"]]
            return _event_row(p, planned[0]) if planned else None

        return {
            "countries": ids,
            "areas": _grouped({p["id"]: _area_ids(p) for p in partners}, list(AREAS)),
            "agreements": {
                p["id"]: [
                    {"kind": a["kind"], "status": a["status"], "title": a["title"]}
                    for a in p["agreements"]
                ]
                for p in partners
            },
            "frameworks": {
                "common": frameworks["common"],
                "some": frameworks["some"],
                "only": frameworks["only"],
                "shared": list(frameworks["common"]),
                "names": {g["id"]: g["name"] for g in groups},
            },
            "last_event": {p["id"]: latest(p) for p in partners},
            "next_event": {p["id"]: upcoming(p) for p in partners},
        }

    def diff(self, other: Dataset | str | os.PathLike[str]) -> list[Change]:
        """The rows of `coop diff`: what changed from this edition to `other` (a
        `Dataset` or the path of a dataset file, loaded as `load` does)."""
        newer = other if isinstance(other, Dataset) else load(other)
        changes: list[Change] = []
        before = {p["id"]: p for p in self.records["partners"]}
        after = {p["id"]: p for p in newer.records["partners"]}
        for partner_id in before.keys() - after.keys():
            changes.append(
                _change(
                    "partner_removed", before[partner_id], before[partner_id]["name"], None, None
                )
            )
        for partner_id in after.keys() - before.keys():
            changes.append(
                _change("partner_added", after[partner_id], after[partner_id]["name"], None, None)
            )
        for partner_id in [i for i in after if i in before]:
            changes += _partner_changes(before[partner_id], after[partner_id])
        order = {
            p["id"]: n
            for n, p in enumerate([*newer.records["partners"], *self.records["partners"]])
        }
        return sorted(changes, key=lambda c: order[c["country"]])

    def document(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> DatasetRecord:
        """What `coop export --format json` writes: `{"meta": ..., "partners": [...]}`,
        the partners the filters keep, in this coop's data layout (`schema_version`)."""
        from coopcli.records import SCHEMA_VERSION

        partners = self.select(country=country, region=region, area=area, framework=framework)
        return {"meta": {**self.meta, "schema_version": SCHEMA_VERSION}, "partners": partners}

    def briefing(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> Briefing:
        """What `coop report` draws: the dataset's `meta`, the partners the filters keep
        (with all their facts), how many partners the dataset holds, and the answers of
        `areas`, `agreements` and `timeline` over the partners kept. Raises `NotFound`
        and `InvalidValue` as `select` does."""
        filters: dict[str, Any] = {
            "country": country,
            "region": region,
            "area": area,
            "framework": framework,
        }
        partners = self.select(**filters)
        return {
            "meta": self.meta,
            "partners": partners,
            "partners_in_dataset": len(self.records["partners"]),
            "areas": _area_matrix(partners),
            "agreements": self.agreements(**filters),
            "timeline": self.timeline(**filters),
        }

    def fact_rows(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> list[FactRow]:
        """What `coop export --format csv` writes, as rows: one per fact (agreement
        milestones have rows of their own), lists kept as lists."""
        return _fact_rows(
            self.select(country=country, region=region, area=area, framework=framework)
        )
