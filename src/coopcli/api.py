"""coop's Python API and its one query layer: `load`, `Dataset` and the functions behind it.

`Dataset`'s queries return the rows of the matching command's `--json` (docs/api.md). The
module's functions take records and return rows, with no I/O; the CLI calls them only for
what it checks before the data loads and for completion: they are not in `coopcli.__all__`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

from coopcli import dataset as _dataset
from coopcli import vocab
from coopcli.cache import cache_dir as cache_dir  # these, and those marked so, for the CLI
from coopcli.errors import InvalidValue, NotFound, shorten
from coopcli.factids import FACT_SEPARATOR as FACT_SEPARATOR
from coopcli.factids import fact_name
from coopcli.factids import is_fact_name as is_fact_name
from coopcli.facts import HAYSTACK_SEPARATOR, fact_at, fields_of, partner_haystack
from coopcli.shape import CSV_COLUMNS, DIFF_ORDER, EVERY_SECTION, SECTION, SECTIONS, Shape
from coopcli.shipped import dataset_path as _shipped_dataset
from coopcli.shipped import schema_path as schema_path
from coopcli.textfold import closest as _closest
from coopcli.textfold import fold as fold
from coopcli.textfold import occurs as occurs
from coopcli.textfold import slug as slug
from coopcli.textfold import word_starts as word_starts
from coopcli.things import Registry as Registry
from coopcli.things import choose_names
from coopcli.things import names as thing_names

if TYPE_CHECKING:
    import datetime
    from pathlib import Path

    from coopcli.model import Partner
    from coopcli.proof import SourceReport
    from coopcli.records import (
        AgreementRow,
        AreaQuote,
        AreaRow,
        BodyRow,
        Briefing,
        Change,
        Comparison,
        DatasetRecord,
        FactRow,
        FoundFact,
        FrameworkGroup,
        Hit,
        MetaRecord,
        PartnerRecord,
        PartnerRow,
        PersonEvent,
        PersonRow,
        Record,
        SplitIds,
        TimelineRow,
    )

__all__ = ["Dataset", "Values", "load"]

Values = str | Iterable[str] | None
"""A filter's value: one value, several ("any of"), or None (no filter)."""

# --- the arguments of `load` and of every public method: a TypeError names the parameter -


def _typed(name: str, value: object, kinds: tuple[type, ...], what: str, after: str = "") -> Any:
    if isinstance(value, kinds):
        return value
    try:
        text = repr(value)
    except ValueError:  # an integer over `sys.get_int_max_str_digits()` digits
        text = "..." * 14
    shown = f"{type(value).__name__} {text}" if len(text) <= 40 else type(value).__name__
    raise TypeError(f"{name}: expected {what}, got {shown}{after}")


def _text(name: str, value: object, *, optional: bool = False) -> Any:
    return _typed(name, value, (str, type(None)) if optional else (str,), "a string")


def _values(name: str, value: object, *, optional: bool = True) -> list[str]:
    """A filter's values as a list (None: no filter)."""
    if value is None:
        if optional:
            return []
        raise TypeError(f"{name}: expected a string or an iterable of strings, got None")
    if isinstance(value, str):
        return [value]
    # bytes and mappings iterate, but not as strings: no kind fits them
    kinds = () if isinstance(value, (bytes, bytearray, Mapping)) else (Iterable,)
    values = _typed(name, value, kinds, "a string or an iterable of strings")
    return [_typed(name, item, (str,), "strings only", " among them") for item in values]


def _date(name: str, value: object) -> str | None:
    """A date as text at any precision, or a `datetime.date` (a datetime: its day)."""
    if value is None:
        return None
    if not isinstance(value, str):
        import datetime

        what = "a date as text ('2021', '2021-05', '2021-05-17') or a datetime.date"
        day = _typed(name, value, (datetime.date,), what)
        value = datetime.date(day.year, day.month, day.day).isoformat()
    return check_date(value, name)


def _filters(country: Values, region: Values, area: Values, framework: Values) -> Any:
    given = {"country": country, "region": region, "area": area, "framework": framework}
    return {name: _values(name, value) for name, value in given.items()}


# --- look-ups: partners, facts, vocabularies, regions --------------------------------


def lookup_names(partner: PartnerRecord) -> list[str]:
    """Every name a partner can be found by: id, name, codes, aliases and members'."""
    names = [partner["id"]]
    for one in [partner, *partner["members"]]:
        names += [one["name"], *one["aliases"], *(c for c in (one["iso2"], one["iso3"]) if c)]
    return names


_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def has_control_characters(text: str) -> bool:
    """Whether `text` holds an invisible character within its spaces (it matches nothing)."""
    core = text.strip(" \t\r\n")
    if core.isprintable():
        return False
    return any(unicodedata.category(char) in _UNPRINTABLE for char in core)


def partner_names(dataset: DatasetRecord) -> dict[str, PartnerRecord]:
    """Every partner by id, then by each folded look-up name (the first partner's)."""
    owners: dict[str, PartnerRecord] = {partner["id"]: partner for partner in dataset["partners"]}
    for partner in dataset["partners"]:
        for name in lookup_names(partner):
            owners.setdefault(fold(name), partner)
    return owners


def find_partner(
    dataset: DatasetRecord, text: str, owners: dict[str, PartnerRecord] | None = None
) -> PartnerRecord:
    """The partner `text` names, case and accents aside; NotFound with the closest.
    (`owners`: `partner_names(dataset)`, made once for many names: linear, not squared.)"""
    if owners is None:
        for partner in dataset["partners"]:
            if partner["id"] == text:
                return partner
        owners = partner_names(dataset)
    elif text in owners and owners[text]["id"] == text:
        return owners[text]
    wanted = fold(text.strip())
    control = has_control_characters(text)
    if wanted in owners and not control:
        return owners[wanted]
    wanted_slug = slug(text)
    for partner in [] if control else dataset["partners"]:
        if wanted_slug and wanted_slug == slug(partner["name"]):
            return partner
    ids = {name: partner["id"] for name, partner in owners.items()}
    if control:
        wanted = "".join(char for char in wanted if char.isprintable())
    # 0.75: "tunsia" (0.92) suggests Tunisia, "syria" (0.73 to "serbia") nothing.
    raise NotFound("partner", text, _closest(wanted, ids, 0.75, starts=3))


FoundIn = tuple[str, str, dict[str, Any], dict[str, Any] | None]
"""A fact as (section, path, fact, the fact it is a part of)."""


def partner_facts(partner: PartnerRecord) -> list[FoundIn]:
    """Every fact of a partner, its parts after it."""

    def walk(table: Any, sections: tuple[Shape, ...], path: str, parent: Any) -> Iterator[FoundIn]:
        for section in sections:
            for position, fact in enumerate(table[section.key]):
                here = f"{path}{section.key}[{position}]"
                yield section.key, here, fact, parent
                yield from walk(fact, section.parts, here + ".", fact)

    return list(walk(partner, SECTIONS, "", None))


def fact_count(partners: Iterable[PartnerRecord]) -> int:
    """How many facts some partners hold (milestones count with their agreement)."""
    return sum(len(cast("dict[str, list[Any]]", p)[s.key]) for p in partners for s in SECTIONS)


def _id_key(value: str) -> str:
    return value.strip().lower().replace("-", "_").replace(" ", "_")


def choose(
    value: str, vocabulary: Collection[str], what: str, key: Callable[[str], str] = _id_key
) -> str:
    """The entry of `vocabulary` whose `key` is `value`'s (an id: any case, `-` for `_`)."""
    owners: dict[str, str] = {}
    for entry in vocabulary:
        owners.setdefault(key(entry), entry)
    if key(value) in owners and not has_control_characters(value):
        return owners[key(value)]
    close = _closest(key(value), owners)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise InvalidValue(f"unknown {what} {shorten(value)}{hint} (valid: {', '.join(vocabulary)})")


def choose_all(values: Sequence[str], vocabulary: Mapping[str, str], what: str) -> list[str]:
    """Each of `values` as an id of `vocabulary` (see `choose`), without repeats."""
    return list(dict.fromkeys(choose(value, vocabulary, what) for value in values))


def regions(dataset: DatasetRecord) -> list[str]:
    """The distinct regions, in dataset order."""
    return list(dict.fromkeys(partner["region"] for partner in dataset["partners"]))


# --- names as people type them: frameworks, people, places ---------------------------


# A partner in a framework: group id, name, kind, names, fact, since, role.
_Membership = tuple[str, str, str, list[str], Mapping[str, Any], str | None, str | None]


def _memberships(partner: PartnerRecord) -> list[_Membership]:
    """The frameworks a partner is in; its Mobility Partnership, Common Agenda or Statement
    (an agreement in the data) counts as one, grouped by its kind, its title a name of it."""
    found: list[_Membership] = [
        (f["id"], f["name"], f["kind"], [f["name"], *f["names"]], f, f["since"], f["role"])
        for f in partner["frameworks"]
    ]
    for a in partner["agreements"]:
        if a["kind"] in vocab.FRAMEWORK_AGREEMENT_KINDS:
            start = next((m for m in a["milestones"] if m["kind"] == "in_place"), None)
            read = (start and start["inferred"]) or {}  # its kind or date: an inferred `since`
            why = "; ".join(read[k] for k in ("kind", "date") if k in read)
            member = a | {"inferred": (a["inferred"] or {}) | {"since": why}} if why else a
            name = vocab.AGREEMENT_KINDS[a["kind"]]
            names = [name, a["title"], *a["names"]]
            group = (a["kind"].replace("_", "-"), name, "agreement", names)
            found.append((*group, member, start and start["date"], None))
    return found


def partner_frameworks(*partners: PartnerRecord) -> dict[str, list[str]]:
    """The frameworks partners are in, as `coop frameworks` groups them, with their names."""
    found: dict[str, list[str]] = {}
    for group_id, _, _, names, *_ in (m for partner in partners for m in _memberships(partner)):
        found.setdefault(group_id, []).extend(names)
    return found


def _choose_names(values: Sequence[str], known: Mapping[str, Sequence[str]], what: str) -> set[str]:
    """The keys of `known` that any of `values` names (`things.choose_names`), none that
    holds an invisible character."""
    chosen: set[str] = set()
    for value in values:
        usable = not has_control_characters(value)
        chosen |= choose_names(value, known, what, usable, fold(value.strip()))
    return chosen


PERSON_ROLES = ("who", "counterpart")  # what `--person` reads of an event
PLACE_ROLES = ("where",)  # and `--place`


def event_names(event: Mapping[str, Any], roles: tuple[str, ...]) -> list[str]:
    """The names an event gives in its fields of those `roles`, verbatim."""
    fields = SECTION["events"].fields
    return [name for f in fields if f.role in roles for name in event.get(f.name) or ()]


def _named(
    dataset: DatasetRecord, values: Sequence[str], roles: tuple[str, ...], what: str
) -> set[str] | None:
    """The names events give in their `roles` that `values` name (None: no filter)."""
    if not values:  # no filter: no need to gather every name
        return None
    events = [event for partner in dataset["partners"] for event in partner["events"]]
    known = {name: [name] for event in events for name in event_names(event, roles)}
    return _choose_names(values, known, what)


def _names_any(event: Mapping[str, Any], names: set[str] | None, roles: tuple[str, ...]) -> bool:
    return names is None or not names.isdisjoint(event_names(event, roles))


PERSON_KINDS = ("person", "body")  # `body`: a file of layout 1-3's counterparts, as 0.4 read them


def _things(registry: Registry, values: Sequence[str], kinds: Collection[str], what: str) -> Any:
    """The ids of the things of `kinds` that any of `values` names (None: no filter)."""
    return set().union(*(registry.choose(v, kinds, what) for v in values)) if values else None


# --- rows; dates ---------------------------------------------------------------------


def _row(partner: PartnerRecord, fact: Mapping[str, Any], **middle: Any) -> dict[str, Any]:
    """A row of a fact: its partner and name, `middle`, its reasons and its quote."""
    about = {"country": partner["id"], "country_name": partner["name"]}
    named = {"fact": fact_name(partner["id"], fact["id"]), **middle}
    return about | named | {"inferred": fact["inferred"], "source": fact["source"]}


def _area_ids(partner: PartnerRecord) -> list[str]:
    present = {area["id"] for area in partner["areas"]}
    return [area for area in vocab.AREAS if area in present]


def _partner_row(partner: PartnerRecord) -> PartnerRow:
    row = {key: partner.get(key) for key in ("id", "name", "kind", "region", "iso2", "iso3")}
    members = [member["name"] for member in partner["members"]]
    row |= {"aliases": list(partner["aliases"]), "members": members, "areas": _area_ids(partner)}
    return cast("PartnerRow", row)


def _agreement_row(partner: PartnerRecord, agreement: Record) -> AgreementRow:
    """An agreement's fields but its id and names, its milestones as rows."""
    row = {name: agreement[name] for name in _AGREEMENT_ROW_FIELDS}
    row["milestones"] = [m | _precisions(m) for m in agreement["milestones"]]
    return cast("AgreementRow", _row(partner, agreement, **row))


_NOT_IN_ROW = ("id", "names", "reasons", "quote")  # `_row` gives the fact's name, reasons, quote
_AGREEMENT_ROW_FIELDS = [f.name for f in SECTION["agreements"].fields if f.role not in _NOT_IN_ROW]


def _precisions(fact: Mapping[str, Any]) -> dict[str, str | None]:
    """How precise its `date` and `end` are, for a row of a dated fact (None: no date)."""
    precision = {None: None, 4: "year", 7: "month", 10: "day"}
    return {f"{k}_precision": precision[fact[k] and len(fact[k])] for k in ("date", "end")}


_Dated = TypeVar("_Dated", bound=Mapping[str, Any])  # a fact or a row, with a `date`


def in_date_order(dated: Iterable[_Dated]) -> list[_Dated]:
    """Facts or rows by date (a less precise date before the days within it), undated last."""
    return sorted(dated, key=lambda one: (one["date"] is None, one["date"] or ""))


# [0-9], not \d, which also takes Arabic-Indic, full-width and other digits.
_DATE = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")


def check_date(value: str, option: str) -> str:
    """`value` if it is a real date (2021, 2021-05, 2021-05-17); InvalidValue otherwise."""
    text = value.strip()
    if any(char.isdigit() and not char.isascii() for char in text):
        raise InvalidValue(f"{option} takes a date in ASCII digits (0-9), not {shorten(value)}")
    if not _DATE.fullmatch(text):
        raise InvalidValue(
            f"{option} takes a date as 2021, 2021-05 or 2021-05-17, not {shorten(value)}"
        )
    year = int(text[:4])
    if year == 0:  # as in a dataset: the calendar starts at year 1
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
    """InvalidValue if `start` is after `end`, each date standing for all its days."""
    if start is not None and end is not None and _first_day(start) > _first_day(end, last=True):
        raise InvalidValue(f"{names[0]} {start} is after {names[1]} {end}")


def _first_day(date: str, last: bool = False) -> str:
    """The first (or `last`) day a date at any precision stands for."""
    return date + ("-12-31" if last else "-01-01")[len(date) - 4 :] if len(date) < 10 else date


# --- search --------------------------------------------------------------------------

MAX_QUERY_WORDS = 32  # more words are a usage error: matching costs time in proportion
MAX_QUERY_CHARS = 1_000  # nor may a query be longer, counting every character given


def query_alternatives(query: Sequence[str]) -> list[list[str]]:
    """A query's alternatives (`OR`, uppercase, between them; implicit AND binds tighter),
    each its folded words; InvalidValue if there are none or too many, or an OR lacks a side."""
    words = [word for part in query for word in part.split()]
    chars = (sum(map(len, query)), MAX_QUERY_CHARS, "characters")
    for count, limit, unit in (chars, (len(words), MAX_QUERY_WORDS, "words")):
        if count > limit:
            raise InvalidValue(f"the search query has {count:,} {unit}; the limit is {limit:,}")
    if not words:
        raise InvalidValue("the search query is empty")
    alternatives: list[list[str]] = [[]]
    for position, word in enumerate([*words, "OR"]):
        if word != "OR":
            alternatives[-1].append(fold(word))
            continue
        if not alternatives[-1]:
            where = "begins" if position == 0 else "ends" if position == len(words) else "has"
            what = "OR twice in a row" if where == "has" else "with OR"
            raise InvalidValue(
                f"the search query {where} {what}: OR (uppercase) needs a word on each side "
                "('syrian OR afghan'); lowercase 'or' is a word"
            )
        alternatives.append([])
    return alternatives[:-1]


def query_words(query: Sequence[str]) -> list[str]:
    """The folded words of a query, each once, OR aside (what a hit highlights); the errors
    of `query_alternatives`."""
    return list(dict.fromkeys(word for words in query_alternatives(query) for word in words))


_QUOTE_FIELDS = {f.name for s in EVERY_SECTION.values() for f in s.fields if f.role == "quote"}
"""A fact's quote of the source, which it may share with other facts: not its own text."""

_Keep = Callable[[str, Any], bool]  # whether a fact (section, fact) passes search's filters


def _search(
    partners: Iterable[PartnerRecord],
    query: Sequence[Sequence[str]],
    haystacks: Mapping[str, str],
    registry: Registry,
    keep: _Keep | None,
) -> list[Hit]:
    """The facts that meet an alternative of the query: each of its words starts a word of
    the fact, or words that are a whole name of a thing (`etm`, `josep borrell`) name one
    the fact is about; a hit names its field that matched most; one whose alternatives are
    met only by its quote (`quote_only`) after the others."""
    alternatives = [_units(registry, words) for words in query]
    words_of = {unit: unit.split(" ") for units in alternatives for unit in units}
    named = {unit: registry.named(unit) for unit in words_of}
    # a thing's name may match where one of its names, or a holder's, is written
    needles = {unit: _names_of(registry, ids) for unit, ids in named.items() if ids}
    flat = [{w for u in units for w in words_of[u]} for units in alternatives]
    every_word, pairs = set().union(*flat), list(zip(flat, alternatives, strict=True))

    def could(unit: str, text: str) -> bool:  # the cheap test: no false negative
        return all(w in text for w in words_of[unit]) or any(
            n in text for n in needles.get(unit, ())
        )

    def alive(text: str) -> bool:  # a partner's haystack
        return any(all(could(unit, text) for unit in units) for units in alternatives)

    simple = flat[0] if len(flat) == 1 and not needles else None  # as 0.4 read a query

    # cheaper still, for a fact: the first word of an alternative's first unit or a needle
    # of it, by one `in` if it is one string, else one search for all
    firsts = {
        w for units in alternatives for w in [words_of[units[0]][0], *needles.get(units[0], ())]
    }
    first = next(iter(firsts)) if len(firsts) == 1 else ""
    held = None if first else re.compile("|".join(map(re.escape, sorted(firsts)))).search
    hits: list[Hit] = []
    for partner in partners:
        haystack = haystacks.get(partner["id"]) or partner_haystack(partner)
        if not (all(w in haystack for w in simple) if simple else alive(haystack)):
            continue
        # a fact a part, in `located` order; most fail the cheap test, so only the rest
        # are found by their place
        for index, folded in enumerate(haystack.split(HAYSTACK_SEPARATOR)):
            if first not in folded or (held and not held(folded)):
                continue
            section, path, fact = fact_at(partner, index)
            fields, by_thing, owned, things = None, {}, [], []
            if needles and fact:  # the things the fact is about, if a name may name one
                maybe = [unit for unit in words_of if could(unit, folded)]
                if not any(set(maybe).issuperset(units) for units in alternatives):
                    continue
                fields = fields_of(partner, section, fact)
                own_things = registry.in_fields(section, fact).keys()
                quoted = (t for name, t in fields if name.rpartition(".")[2] in _QUOTE_FIELDS)
                about = own_things | set().union(*map(registry.in_quote, quoted))
                by_thing = {u: named[u] & about for u in maybe if named[u] & about}
                owned = [words_of[u] for u, ids in by_thing.items() if ids & own_things]
                things = list(dict.fromkeys(t for ids in by_thing.values() for t in sorted(ids)))
            met = {w for w in every_word if w in folded and occurs(w, folded)}  # as prefixes
            reached = [
                words
                for words, units in pairs
                if words <= met
                or (by_thing and all(u in by_thing or met >= set(words_of[u]) for u in units))
            ]
            if not reached or (keep and not keep(section, fact)):
                continue
            fields = fields or fields_of(partner, section, fact)
            lines = folded.split("\n")  # a field a line
            found = {
                name: {w for w in met if w in line and occurs(w, line)}
                for (name, _), line in zip(fields, lines, strict=True)
            }
            for unit in by_thing:  # its words match where a name of its things is written
                for (name, _), line in zip(fields, lines, strict=True):
                    if any(occurs(needle, line) for needle in needles[unit]):
                        found[name].update(words_of[unit])
            own = [v for k, v in found.items() if k.rpartition(".")[2] not in _QUOTE_FIELDS]
            own_words = set().union(*own, *owned)
            field, text = max(fields, key=lambda field: len(found[field[0]]))  # the first most
            row = {
                "country": partner["id"],
                "country_name": partner["name"],
                "fact": fact and fact_name(partner["id"], fact["id"]),
                "section": section,
                "path": path,
                "field": field,
                "text": text,
                "fields": [name for name, words in found.items() if words],
                "inferred": fact and fact["inferred"],
                "quote_only": not any(map(own_words.issuperset, reached)),
                "things": things,
            }
            hits.append(cast("Hit", row))
    return sorted(hits, key=lambda hit: hit["quote_only"])  # stable: the source's order


def _units(registry: Registry, words: Sequence[str]) -> list[str]:
    """An alternative's words as search matches them: from each word on, the longest run of
    words that is a whole name of a thing (`josep borrell`), else the word."""
    units: list[str] = []
    start = 0
    while start < len(words):
        ends = range(len(words), start + 1, -1)
        end = next((e for e in ends if registry.named(" ".join(words[start:e]))), start + 1)
        units.append(" ".join(words[start:end]))
        start = end
    return units


def _names_of(registry: Registry, ids: Collection[str]) -> list[str]:
    """The folded names of things, and of the persons whose office is of one of them."""
    things = [t for t in registry.things.values() if t["id"] in ids or t["of"] in ids]
    return list(dict.fromkeys(fold(name) for thing in things for name in thing_names(thing)))


# --- timeline, areas and frameworks --------------------------------------------------


def _event_row(
    partner: PartnerRecord, fact: Mapping[str, Any], row_type: str = "event", title: str = ""
) -> TimelineRow:
    """An event's timeline row, or a milestone's (never ongoing nor planned, naming nobody)."""
    row = {"date": fact["date"], "end": fact["end"], **_precisions(fact)}
    row |= {"ongoing": fact.get("ongoing", False), "when": fact.get("when")}
    row |= {"planned": fact.get("planned", False), "type": row_type}
    row |= {"kind": fact["kind"], "title": title or fact["title"]}
    row |= {key: list(fact.get(key, ())) for key in ("people", "counterparts")}
    row |= {name: fact.get(name) for name in TIMELINE_DETAILS}
    return cast("TimelineRow", _row(partner, fact, **row))


TIMELINE_DETAILS = tuple(f.name for f in SECTION["events"].fields if f.role == "detail")
"""An event's detail fields (none in layout 3): a timeline row gives them after
`counterparts` (null on a milestone's), and its CSV after `fact`."""


def _overlaps(row: TimelineRow, start: str | None, end: str | None) -> bool:
    if row["date"] is None:
        return start is None and end is None
    last = "9999-12-31" if row["ongoing"] else _first_day(row["end"] or row["date"], last=True)
    return (start is None or last >= _first_day(start)) and (
        end is None or _first_day(row["date"]) <= _first_day(end, last=True)
    )


def _area_matrix(partners: Sequence[PartnerRecord]) -> list[AreaRow]:
    has = {p["id"]: _area_ids(p) for p in partners}
    return [
        {"id": area, "label": label, "countries": [i for i, ids in has.items() if area in ids]}
        for area, label in vocab.AREAS.items()
    ]


def _framework_groups(partners: Iterable[PartnerRecord]) -> list[FrameworkGroup]:
    """Each framework with the partners in it, most partners first."""
    groups: dict[str, dict[str, Any]] = {}
    for partner in partners:
        for group_id, name, kind, names, fact, since, role in _memberships(partner):
            new = {"id": group_id, "name": name, "kind": kind, "names": [], "countries": []}
            group = groups.setdefault(group_id, new | {"members": []})
            # the other wordings its members give it, each once
            others = (n for n in dict.fromkeys(names) if fold(n) != fold(group["name"]))
            group["names"] += [n for n in others if n not in group["names"]]
            if partner["id"] not in group["countries"]:
                group["countries"].append(partner["id"])
            group["members"].append(_row(partner, fact, name=group["name"], since=since, role=role))
    ordered = sorted(groups.values(), key=lambda g: (-len(g["countries"]), fold(g["name"])))
    return cast("list[FrameworkGroup]", ordered)


# --- compare, diff, export -----------------------------------------------------------


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


def _changes(old: PartnerRecord | None, new: PartnerRecord | None) -> Iterator[Change]:
    """A partner's rows of `coop diff`: added or removed, or its facts (by kind in
    `DIFF_ORDER`) added or changed as `new` orders them, then removed."""
    partner = cast("PartnerRecord", new or old)

    def row(
        change: str, subject: str, old: Any, new: Any, fact: Any, quoted: bool = True
    ) -> Change:
        named = fact and fact_name(partner["id"], fact["id"])
        found = {"change": change, "country": partner["id"], "fact": named, "subject": subject}
        source = fact["source"] if fact and quoted else None
        return cast("Change", found | {"old": old, "new": new, "source": source})

    if old is None or new is None:
        change = "partner_added" if old is None else "partner_removed"
        yield row(change, partner["name"], None, None, None)
        return
    old_facts, new_facts = _facts_by_id(old), _facts_by_id(new)
    for key in DIFF_ORDER:
        section, before, after = EVERY_SECTION[key], old_facts[key], new_facts[key]
        added, removed, changed = section.changes
        parts = {part.key for part in section.parts}  # facts of their own
        for fact_id, (fact, subject) in after.items():
            if fact_id not in before:
                yield row(added, subject, None, fact[section.headline], fact)
                continue
            was = before[fact_id][0]
            fields = [k for k in fact if k not in parts and was.get(k) != fact[k]]
            for field, change in section.change_fields:  # an agreement's status_changed
                if field in fields:
                    yield row(change, subject, was[field], fact[field], fact)
                    fields.remove(field)
            if fields:
                values = {k: was.get(k) for k in fields}, {k: fact[k] for k in fields}
                yield row(changed, subject, *values, fact)
        for fact_id, (fact, subject) in before.items():
            if fact_id not in after:
                yield row(
                    removed, subject, fact[section.headline], None, fact, section.removed_quote
                )


def _value(section: Shape, source: str, fact: Mapping[str, Any], parent: Any = None) -> Any:
    """A fact's value of a `Shape` source: a field, `label:FIELD` (its vocabulary label) or
    `parent:FIELD` (the parent fact's)."""
    what, _, name = source.rpartition(":")
    if what == "label":
        return vocab.VOCABULARIES[section.field(name).vocabulary or ""][fact[name]]
    return (parent if what == "parent" and parent else fact)[name]


def _fact_label(key: str, fact: Mapping[str, Any], parent: Any) -> str:
    """What a fact is, in a few words: its title or name (a milestone: its agreement's and its
    kind), an area's label."""
    if key == "areas":
        return vocab.AREAS[fact["id"]]
    own = str(_value(EVERY_SECTION[key], EVERY_SECTION[key].subject, fact))
    return f"{parent['title']}: {own.lower()}" if parent else own


def _facts_by_id(partner: PartnerRecord) -> dict[str, dict[str, tuple[dict[str, Any], str]]]:
    """Every kind of fact's facts by id, each with the subject a change of it names: a
    field or its vocabulary label (`Shape.subject`); a part's `PARENT: own`."""
    found: dict[str, dict[str, tuple[dict[str, Any], str]]] = {key: {} for key in DIFF_ORDER}
    subjects: dict[str, str] = {}  # by fact id, unique within a partner
    for key, _, fact, parent in partner_facts(partner):
        own = str(_value(EVERY_SECTION[key], EVERY_SECTION[key].subject, fact))
        subject = f"{subjects[parent['id']]}: {own.lower()}" if parent else own
        subjects[fact["id"]] = subject
        found[key][fact["id"]] = (fact, subject)
    return found


_LIST_COLUMNS = {
    column
    for section in EVERY_SECTION.values()
    for column, source in section.csv
    if ":" not in source and section.field(source).kind == "texts"
}
"""The CSV columns that hold a list: empty, not null, where a kind of fact has none."""


def _fact_rows(partners: Iterable[PartnerRecord]) -> list[FactRow]:
    """Every fact as a flat row of `shape.CSV_COLUMNS`; a fact's parts after it."""
    rows: list[dict[str, Any]] = []
    for partner in partners:
        for key, path, fact, parent in partner_facts(partner):
            section = EVERY_SECTION[key]
            row = dict.fromkeys(CSV_COLUMNS) | {column: [] for column in _LIST_COLUMNS}
            row |= {"country": partner["id"], "country_name": partner["name"]}
            row |= {"region": partner["region"], "section": key, "path": path}
            row["fact"] = fact_name(partner["id"], fact["id"])  # a column of shape.CSV_COLUMNS
            row |= {column: _value(section, source, fact, parent) for column, source in section.csv}
            rows.append(row)
    return cast("list[FactRow]", rows)


# --- for the CLI: what it reads besides a Dataset --------------------------------------


shipped_dataset_path = _shipped_dataset  # what an output file must never replace


def completion_records(path: str | None) -> DatasetRecord:
    """The records completion offers from; a bad file's DataError only counts its problems."""
    return _dataset.load(path, locate=False).records


def validate_file(path: str | None) -> tuple[Path, bytes, DatasetRecord]:
    """A dataset file's path, content and records, validated afresh (no cache)."""
    from coopcli.validation import validate_bytes  # tomllib and Pydantic

    file, _ = _dataset.resolve_path(path)
    content = _dataset.read_bytes(file)
    return file, content, validate_bytes(content, str(file))


def prove_quotes(file: Path, content: bytes, records: DatasetRecord, source: str) -> SourceReport:
    """Every quote of a validated file proved against the `source` text, and its coverage."""
    from pathlib import Path

    from coopcli.proof import prove

    text = _dataset.read_source_text(Path(source))
    return prove(records, text, content.decode("utf-8"), str(file), source)


def dataset_schema() -> dict[str, Any]:
    """The JSON Schema of a dataset file (imports Pydantic)."""
    from coopcli.schema import dataset_schema

    return dataset_schema()


# --- the public API ------------------------------------------------------------------


def load(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Dataset:
    """Load and validate a dataset file (default: the shipped one), from the cache if it can."""
    _typed("path", path, (str, os.PathLike, type(None)), "the path of a dataset file or None")
    use_cache = _typed("use_cache", use_cache, (bool,), "True or False")
    return Dataset(_dataset.load(path, use_cache=use_cache))


class Dataset:
    """A validated dataset and its queries, the CLI's answer for answer (docs/api.md)."""

    __slots__ = ("_loaded", "_models", "_registry")

    def __init__(self, loaded: _dataset.ValidatedFile) -> None:
        """Wrap a loaded dataset (use `coopcli.load()` to make one)."""
        self._loaded = loaded
        self._models: list[Partner] | None = None
        self._registry: Registry | None = None

    def __repr__(self) -> str:
        partners = len(self._loaded.records["partners"])
        return f"<coopcli.Dataset {str(self.path)!r}: {partners} partners>"

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
        return _dataset.copied(self._loaded.records["meta"])

    @property
    def records(self) -> DatasetRecord:
        """The whole validated dataset as plain dicts and lists: a copy of its own (the
        queries read the dataset, never it)."""
        return _dataset.copied(self._loaded.records)

    @property
    def registry(self) -> Registry:
        """The things the dataset names (derived from the facts in a file of layout 1-3)."""
        if self._registry is None:
            self._registry = Registry(self._loaded.records)
        return self._registry

    @property
    def partners(self) -> list[Partner]:
        """Every partner as a frozen Pydantic model, in the source's order."""
        if self._models is None:
            from coopcli.model import Partner

            self._models = [Partner.model_validate(p) for p in self._loaded.records["partners"]]
        return list(self._models)

    def partner(self, name: str) -> Partner:
        """The partner `name` names (id, name, ISO code, alias, member), as a model."""
        record = find_partner(self._loaded.records, _text("name", name))
        return next(p for p in self.partners if p.id == record["id"])

    def partner_record(self, name: str) -> PartnerRecord:
        """The partner `name` names, as `coop show NAME --json` gives it."""
        return find_partner(self._loaded.records, _text("name", name))

    def fact(self, name: str) -> FoundFact:
        """The fact `PARTNER/ID` names (its id or a look-up name), as `coop show` gives it."""
        partner_name, _, fact_id = _text("name", name).partition(FACT_SEPARATOR)
        partner = find_partner(self._loaded.records, partner_name)
        facts, wanted_id = partner_facts(partner), fact_id.strip()
        for section, path, fact, _ in sorted(facts, key=lambda found: found[2]["id"] != wanted_id):
            if fact["id"] == wanted_id or fold(wanted_id) in map(fold, fact.get("names", ())):
                found = {"fact": fact_name(partner["id"], fact["id"]), "country": partner["id"]}
                found |= {"country_name": partner["name"], "section": section, "path": path}
                return cast("FoundFact", found | {"record": fact})
        owners = {fact["id"]: fact_name(partner["id"], fact["id"]) for _, _, fact, _ in facts}
        for section, _, fact, _ in facts:  # and from each word of its title on: `voluntary`
            for field in EVERY_SECTION[section].fields:
                if field.role == "what" and isinstance(title := fact.get(field.name), str):
                    words = slug(title).split("-")
                    for start in range(len(words)):
                        owners.setdefault("-".join(words[start:]), owners[fact["id"]])
        hint = f"`coop show {partner['id']} --json` gives the ids of its facts"
        raise NotFound("fact", name, _closest(slug(wanted_id), owners, starts=1), hint)

    def select(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> list[PartnerRecord]:
        """The partners the filters keep, in order: "any of" a filter's values, "all of" filters."""
        dataset, given = self._loaded.records, _filters(country, region, area, framework)
        kept_regions = [choose(r, regions(dataset), "region", slug) for r in given["region"]]
        areas = choose_all(given["area"], vocab.AREAS, "area")
        index = partner_names(dataset) if len(given["country"]) > 1 else None
        ids = {find_partner(dataset, name, index)["id"] for name in given["country"]}
        frameworks: set[str] = set()
        if given["framework"]:  # every partner's frameworks: only when asked (BIG: 10 ms)
            known = partner_frameworks(*dataset["partners"])
            frameworks = _choose_names(given["framework"], known, "framework")
        return [
            partner
            for partner in dataset["partners"]
            if (not kept_regions or partner["region"] in kept_regions)
            and (not areas or any(area["id"] in areas for area in partner["areas"]))
            and (not ids or partner["id"] in ids)
            and (not given["framework"] or bool(frameworks & partner_frameworks(partner).keys()))
        ]

    def partner_rows(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> list[PartnerRow]:
        """The rows of `coop list`: one per partner the filters keep."""
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
        """The rows of `coop agreements`: the partners' agreements of any `status` and `kind`."""
        statuses = choose_all(_values("status", status), vocab.AGREEMENT_STATUSES, "status")
        kinds = choose_all(_values("kind", kind), vocab.AGREEMENT_KINDS, "kind")
        partners = self.select(country=country, region=region, area=area, framework=framework)
        return [
            _agreement_row(partner, agreement)
            for partner in partners
            for agreement in partner["agreements"]
            if (not statuses or agreement["status"] in statuses)
            and (not kinds or agreement["kind"] in kinds)
        ]

    def agreement_notes(
        self,
        *,
        status: Values = None,
        kind: Values = None,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> list[str]:
        """Where `agreements` with the same filters is empty or partial because what is asked
        for is held elsewhere: with no status nor kind asked for, a partner's cooperation
        agreement held as a framework; with kind readmission, return procedures agreed."""
        statuses = choose_all(_values("status", status), vocab.AGREEMENT_STATUSES, "status")
        kinds = choose_all(_values("kind", kind), vocab.AGREEMENT_KINDS, "kind")
        if (statuses or kinds) and "readmission" not in kinds:
            return []  # no framework has a status or a kind of agreement
        partners = self.select(country=country, region=region, area=area, framework=framework)
        notes = []
        for partner in [] if kinds or statuses else partners:
            for f in partner["frameworks"]:
                if f["kind"] == "cooperation_agreement" and "agreement" in fold(f["name"]):
                    none = "" if partner["agreements"] else "no agreement with the EU is listed; "
                    notes.append(
                        f"{partner['name']}: {none}its cooperation {'also ' * (not none)}runs "
                        f"under the {f['name']}, held as a framework: see `coop frameworks "
                        f"{f['id']}`"
                    )
        held = [(p["id"], {a["kind"] for a in p["agreements"]}) for p in partners]
        instead = [i for i, has in held if "return_procedures" in has and "readmission" not in has]
        if "readmission" in kinds and instead:
            notes.append(
                f"{', '.join(instead)}: no readmission agreement, but return procedures agreed: "
                "see `coop agreements --kind return_procedures`"
            )
        return notes

    def search(
        self,
        words: str | Iterable[str],
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
        person: Values = None,
        body: Values = None,
    ) -> list[Hit]:
        """The rows of `coop search`: the facts that meet the query (words that each start
        a word or name a thing whole, `OR` between alternatives); `quote_only` last."""
        alternatives = query_alternatives(_values("words", words, optional=False))
        people, bodies = _values("person", person), _values("body", body)
        # in a file of layout 1-3 each written form is its own thing, which prefixes find:
        # its search reads words as 0.4 did, at no cost of a registry
        full = people or bodies or self._loaded.records["things"]
        registry = self.registry if full else Registry({"meta": {}, "things": [], "partners": []})
        who = _things(registry, people, PERSON_KINDS, "person")
        what = _things(registry, bodies, vocab.BODY_KINDS, "body")

        def keep(section: str, fact: Any) -> bool:
            """An event that names a person asked for; a fact that names a body asked for,
            in its fields or its quote."""
            if fact is None or (who and section != "events"):
                return False
            own = registry.in_fields(section, fact).keys()
            return (not who or bool(who & own)) and (
                not what or bool(what & (own | registry.in_quote(fact["source"])))
            )

        partners = self.select(country=country, region=region, area=area, framework=framework)
        filtered = keep if people or bodies else None
        return _search(partners, alternatives, self._loaded.haystacks, registry, filtered)

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
        body: Values = None,
    ) -> list[TimelineRow]:
        """The rows of `coop timeline`: the partners' events and milestones, in date order."""
        start, end = _date("since", since), _date("until", until)
        check_range(start, end, ("since", "until"))
        kinds = choose_all(_values("kind", kind), vocab.TIMELINE_KINDS, "kind")
        _typed("planned", planned, (bool, type(None)), "True, False or None")
        people, bodies = _values("person", person), _values("body", body)
        places = _named(self._loaded.records, _values("place", place), PLACE_ROLES, "place")
        registry = self.registry if people or bodies else None
        asked = [(people, PERSON_KINDS, "person"), (bodies, vocab.BODY_KINDS, "body")]
        wanted = [_things(registry, *one) for one in asked if one[0]] if registry else []

        def names_them(event: Record) -> bool:
            """Whether an event names each thing asked for (by any of its names) and a place."""
            found = registry.in_fields("events", event).keys() if registry else set()
            return all(ids & found for ids in wanted) and _names_any(event, places, PLACE_ROLES)

        partners = self.select(country=country, region=region, area=area, framework=framework)
        rows: list[TimelineRow] = []
        for partner in partners:
            rows += [_event_row(partner, e) for e in partner["events"] if names_them(e)]
            for a in [] if wanted or places else partner["agreements"]:  # a milestone names nobody
                for m in a["milestones"]:
                    rounds = f" ({m['count']} rounds)" if m["count"] else ""
                    title = f"{a['title']}: {vocab.MILESTONE_KINDS[m['kind']].lower()}{rounds}"
                    rows.append(_event_row(partner, m, "milestone", title))
        return in_date_order(
            row
            for row in rows
            if (planned is None or row["planned"] == planned)
            and (not kinds or row["kind"] in kinds)
            and _overlaps(row, start, end)
        )

    def people(self, name: str | None = None) -> list[PersonRow]:
        """The rows of `coop people`: each person the events name (or `name` chooses), with
        the events naming them, each with the form it writes (`as`) and who else (`with`)."""
        registry = self.registry
        _text("name", name, optional=True)
        wanted = None if name is None else registry.choose(name, ("person",), "person")
        events: dict[str, list[PersonEvent]] = {}
        for partner in self._loaded.records["partners"]:
            for event in partner["events"]:
                owners = {e: registry.owner(e) for e in event_names(event, PERSON_ROLES)}
                kept = set(owners.values()) if wanted is None else wanted & set(owners.values())
                for entry, owner in owners.items():
                    if owner and registry.things[owner]["kind"] == "person" and owner in kept:
                        kept.discard(owner)  # an event once a person
                        others = [e for e, o in owners.items() if o != owner]
                        row = _event_row(partner, event) | {"as": entry, "with": others}
                        events.setdefault(owner, []).append(cast("PersonEvent", row))
        found = [registry.things[i] | {"events": in_date_order(e)} for i, e in events.items()]
        return sorted(cast("list[PersonRow]", found), key=lambda r: (fold(r["name"]), r["name"]))

    def bodies(self, name: str | None = None) -> list[BodyRow]:
        """The rows of `coop bodies`: each body or state (or those `name` chooses), with the
        facts whose fields name it, partner by partner, then those whose quote alone does."""
        registry = self.registry
        _text("name", name, optional=True)
        kinds = vocab.BODY_KINDS
        wanted = registry.things if name is None else registry.choose(name, kinds, "body")
        kept = [t for t in registry.things.values() if t["kind"] in kinds and t["id"] in wanted]
        found: dict[str, dict[str, Any]] = {
            t["id"]: {**t, "facts": [], "mentions": []} for t in kept
        }
        for partner in self._loaded.records["partners"]:
            for section, _, fact, parent in partner_facts(partner):
                fields = registry.in_fields(section, fact) if section in SECTION else {}
                quoted = registry.in_quote(fact["source"])
                if not (fields.keys() | quoted) & found.keys():
                    continue
                ref = {"country": partner["id"], "country_name": partner["name"]}
                ref |= {"fact": fact_name(partner["id"], fact["id"]), "section": section}
                ref["label"] = _fact_label(section, fact, parent)
                for thing in fields.keys() & found.keys():
                    found[thing]["facts"].append(ref | {"fields": fields[thing]})
                for thing in (quoted - fields.keys()) & found.keys():
                    found[thing]["mentions"].append(ref | {"fields": ["source"]})
        return cast("list[BodyRow]", sorted(found.values(), key=lambda r: kinds.index(r["kind"])))

    @overload
    def areas(self, area: None = None) -> list[AreaRow]: ...
    @overload
    def areas(self, area: str) -> list[AreaQuote]: ...
    def areas(self, area: str | None = None) -> list[AreaRow] | list[AreaQuote]:
        """The rows of `coop areas`: each area's partners; with an id, its partners' quotes."""
        partners = self._loaded.records["partners"]
        _text("area", area, optional=True)
        if area is None:
            return _area_matrix(partners)
        chosen = choose(area, vocab.AREAS, "area")
        return [
            cast("AreaQuote", _row(p, entry, area=chosen, label=vocab.AREAS[chosen]))
            for p in partners
            for entry in p["areas"]
            if entry["id"] == chosen
        ]

    def frameworks(self, name: str | None = None) -> list[FrameworkGroup]:
        """The rows of `coop frameworks`, most partners first; with `name`, those it names."""
        groups = _framework_groups(self._loaded.records["partners"])
        _text("name", name, optional=True)
        if name is None:
            return groups
        wanted = fold(" ".join(name.split()))
        if not wanted:
            raise InvalidValue("the framework name is empty")
        things = self.registry.named(wanted)  # any name, whole: etms
        found = [
            g
            for g in groups
            if any(wanted in fold(one) for one in [g["name"], *g["names"]])
            or (slug(name) and slug(name) in g["id"])
            or g["id"] in things
        ]
        if not found:
            close = _closest(wanted, {fold(g["name"]): g["id"] for g in groups}, 0.5)
            raise NotFound("framework", name, close)
        return found

    def compare(self, *names: str) -> Comparison:
        """The object of `coop compare`: two or more different partners side by side."""
        partners = [find_partner(self._loaded.records, _text("names", name)) for name in names]
        ids = [p["id"] for p in partners]
        if len(set(ids)) != len(ids) or len(ids) < 2:
            raise InvalidValue("compare needs at least two different partners")
        titles = {g["id"]: g["name"] for g in _framework_groups(partners)}
        has = {p["id"]: [g["id"] for g in _framework_groups([p])] for p in partners}
        frameworks = _grouped(has, list(titles))

        def first(p: PartnerRecord, planned: bool) -> TimelineRow | None:
            """Its next planned event, or (`planned` False) its latest dated one."""
            kept = (e for e in p["events"] if e["planned"] == planned and (planned or e["date"]))
            events = in_date_order(kept)
            return _event_row(p, events[0 if planned else -1]) if events else None

        summary = "kind", "status", "title"
        found: dict[str, Any] = {"countries": ids}
        found["areas"] = _grouped({p["id"]: _area_ids(p) for p in partners}, list(vocab.AREAS))
        found["agreements"] = {
            p["id"]: [{k: a.get(k) for k in summary} for a in p["agreements"]] for p in partners
        }
        found["frameworks"] = frameworks | {"shared": list(frameworks["common"]), "names": titles}
        found["last_event"] = {p["id"]: first(p, planned=False) for p in partners}
        found["next_event"] = {p["id"]: first(p, planned=True) for p in partners}
        return cast("Comparison", found)

    def diff(self, other: Dataset | str | os.PathLike[str]) -> list[Change]:
        """The rows of `coop diff`: what changed from this edition to `other` (or its path)."""
        _typed(
            "other", other, (Dataset, str, os.PathLike), "a Dataset or the path of a dataset file"
        )
        newer = other if isinstance(other, Dataset) else load(other)
        before = {p["id"]: p for p in self._loaded.records["partners"]}
        after = {p["id"]: p for p in newer._loaded.records["partners"]}
        # the partners added first, then this edition's
        ids = [*(i for i in after if i not in before), *before]
        return [change for i in ids for change in _changes(before.get(i), after.get(i))]

    def document(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> DatasetRecord:
        """What `coop export --format json` writes: the meta and the partners kept."""
        from coopcli.records import SCHEMA_VERSION

        partners = self.select(country=country, region=region, area=area, framework=framework)
        things = self._loaded.records["things"]  # every thing, whichever partners are kept
        # a file of layout 1-3 has no registry to write: it stays layout 3
        version = SCHEMA_VERSION if things else 3
        meta = {**self.meta, "schema_version": version}
        return cast(
            "DatasetRecord",
            {"meta": meta} | ({"things": things} if things else {}) | {"partners": partners},
        )

    def briefing(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> Briefing:
        """What `coop report` draws: the partners kept and `areas`, `agreements`, `timeline`."""
        filters = _filters(country, region, area, framework)  # a generator is read once
        partners = self.select(**filters)
        answers = {"agreements": self.agreements(**filters), "timeline": self.timeline(**filters)}
        found: dict[str, Any] = {"meta": self.meta, "partners": partners}
        found |= {"partners_in_dataset": len(self._loaded.records["partners"])}
        found |= {"filters": {name: values for name, values in filters.items() if values}}
        return cast("Briefing", found | {"areas": _area_matrix(partners), **answers})

    def fact_rows(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> list[FactRow]:
        """What `coop export --format csv` writes, as rows: one per fact, lists kept."""
        partners = self.select(country=country, region=region, area=area, framework=framework)
        return _fact_rows(partners)
