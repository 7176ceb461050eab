"""Pure queries over a validated dataset: look-ups, filters and search.

The rule between this module and `coopcli.analysis`: a query here *selects*, finding
partners and facts and giving each as it stands (a partner, an agreement, a hit, the
vocabularies' choices); `analysis` *combines*, building rows that no single fact holds
(date order across partners, the area matrix, framework groups, compare, diff, the
CSV's flattened facts) on top of this module. So `analysis` imports `query`, never the
other way round.

No I/O and no printing: every function takes records and returns records or rows, so
each one is testable without the CLI. Rows returned here are the JSON contract of the
command that shows them (see README, "JSON contract").
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from coopcli.errors import InvalidValue, NotFound, shorten
from coopcli.factids import FACT_SEPARATOR as FACT_NAME_SEPARATOR
from coopcli.factids import fact_name
from coopcli.facts import FACT_SEPARATOR, fact_at, partner_haystack
from coopcli.shape import SECTIONS, Shape
from coopcli.textfold import fold, slug
from coopcli.vocab import AGREEMENT_KINDS, AREAS, FRAMEWORK_AGREEMENT_KINDS

if TYPE_CHECKING:
    from coopcli.records import (
        AgreementRecord,
        AgreementRow,
        DatasetRecord,
        EventRecord,
        FoundFact,
        Hit,
        MilestoneRecord,
        MilestoneRow,
        PartnerRecord,
        PartnerRow,
    )

# --- look-up ------------------------------------------------------------------------


def lookup_names(partner: PartnerRecord) -> list[str]:
    """Every name a partner can be found by: id, name, codes, aliases and members."""
    names = [partner["id"], partner["name"], *partner["aliases"]]
    names += [code for code in (partner["iso2"], partner["iso3"]) if code]
    for member in partner["members"]:
        names += [member["name"], *member["aliases"]]
        names += [code for code in (member["iso2"], member["iso3"]) if code]
    return names


_UNPRINTABLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
"""Control, format (bidi, zero-width), surrogate, private-use and unassigned characters."""


def has_control_characters(text: str) -> bool:
    """Whether `text` holds a control or other invisible character (`"Tunisia\x00"`,
    `"tuni\u200bsia"`) inside the spaces, tabs and line ends around it. Such a name
    matches nothing: folding and slugs would drop the character and find a partner."""
    core = text.strip(" \t\r\n")
    if core.isprintable():  # the common case, without looking at each character
        return False
    import unicodedata

    return any(unicodedata.category(char) in _UNPRINTABLE_CATEGORIES for char in core)


def find_partner(dataset: DatasetRecord, text: str) -> PartnerRecord:
    """The partner named by `text` (id, name, ISO code, alias or member country,
    ignoring case and accents); NotFound with the closest names otherwise, also for a
    name with a control character (see `has_control_characters`)."""
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


FACT_SECTIONS = tuple(section.key for section in SECTIONS)
"""The sections of a partner's facts, in the dataset's order (milestones lie within
agreements): `coopcli.shape`."""


def partner_facts(partner: PartnerRecord) -> list[tuple[str, str, dict[str, Any]]]:
    """Every fact of a partner, the facts of a fact (milestones) after it, as (section,
    path, fact): `("milestones", "agreements[0].milestones[1]", {...})`."""
    found: list[tuple[str, str, dict[str, Any]]] = []

    def visit(table: Any, sections: tuple[Shape, ...], path: str) -> None:
        for section in sections:
            for position, fact in enumerate(table[section.key]):
                here = f"{path}{section.key}[{position}]"
                found.append((section.key, here, fact))
                visit(fact, section.parts, here + ".")

    visit(partner, SECTIONS, "")
    return found


def find_fact(dataset: DatasetRecord, name: str) -> FoundFact:
    """The fact `PARTNER/ID` names (the partner as `find_partner` finds it, the id
    exactly, or a look-up name of the fact, case and accents aside: `afghanistan/jdmc`);
    NotFound with the partner's closest fact names otherwise."""
    partner_name, _, fact_id = name.partition(FACT_NAME_SEPARATOR)
    partner = find_partner(dataset, partner_name)
    facts = partner_facts(partner)
    wanted_name = fold(fact_id.strip())
    for section, path, fact in sorted(facts, key=lambda found: found[2]["id"] != fact_id.strip()):
        # The id first; else a short name the source gives the fact (`afghanistan/JDMC`).
        if fact["id"] == fact_id.strip() or wanted_name in map(fold, fact.get("names", ())):
            return {
                "fact": fact_name(partner["id"], fact["id"]),
                "country": partner["id"],
                "country_name": partner["name"],
                "section": section,
                "path": path,
                "record": fact,
            }
    ids = [fact["id"] for _, _, fact in facts]
    wanted = fact_id.strip().lower()
    close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.6) if len(wanted) <= 100 else []
    if not close and wanted:
        close = [i for i in ids if i.startswith(wanted)][:3]
    raise NotFound("fact", name, [fact_name(partner["id"], i) for i in close])


SUGGESTION_CUTOFF = 0.75
"""How alike (difflib's ratio) a name must be to be suggested: "tunsia" (0.92) suggests
Tunisia, "syria" (0.73 to "serbia") suggests nothing rather than the Western Balkans."""


def _suggest(wanted: str, owners: dict[str, PartnerRecord]) -> list[str]:
    if not wanted or len(wanted) > 100:
        return []
    close = difflib.get_close_matches(wanted, list(owners), n=5, cutoff=SUGGESTION_CUTOFF)
    if not close and len(wanted) >= 3:  # the start of a name: "afgh"
        close = [name for name in owners if name.startswith(wanted)]
    return list(dict.fromkeys(owners[name]["id"] for name in close))[:3]


def choose(value: str, vocabulary: dict[str, str], what: str) -> str:
    """`value` if it is an id of `vocabulary` (case-insensitive, `-` for `_` allowed,
    never with a control character); an InvalidValue that lists the valid ids and the
    closest one otherwise."""
    candidate = value.strip().lower().replace("-", "_").replace(" ", "_")
    if candidate in vocabulary and not has_control_characters(value):
        return candidate
    close = difflib.get_close_matches(candidate, list(vocabulary), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    valid = ", ".join(vocabulary)
    raise InvalidValue(f"unknown {what} {shorten(value)}{hint} (valid: {valid})")


def choose_all(values: Sequence[str], vocabulary: dict[str, str], what: str) -> list[str]:
    """Each of `values` as an id of `vocabulary` (see `choose`), without repeats."""
    return list(dict.fromkeys(choose(value, vocabulary, what) for value in values))


def partner_area_ids(partner: PartnerRecord) -> list[str]:
    """The ids of a partner's cooperation areas, in vocabulary order."""
    present = {area["id"] for area in partner["areas"]}
    return [area for area in AREAS if area in present]


def fact_count(partners: Iterable[PartnerRecord]) -> int:
    """How many facts some partners hold (milestones count with their agreement)."""
    total = 0
    for partner in partners:
        for section in SECTIONS:
            facts: list[Any] = partner[section.key]  # type: ignore[literal-required]
            total += len(facts)
    return total


def regions(dataset: DatasetRecord) -> list[str]:
    """The distinct regions, in dataset order."""
    return list(dict.fromkeys(partner["region"] for partner in dataset["partners"]))


def choose_region(dataset: DatasetRecord, value: str) -> str:
    """The region named by `value` (case, accents, spaces or dashes aside; never one
    with a control character, see `has_control_characters`)."""
    known = regions(dataset)
    for region in known:
        if slug(region) == slug(value) and not has_control_characters(value):
            return region
    close = difflib.get_close_matches(slug(value), [slug(r) for r in known], n=1)
    by_slug = {slug(r): r for r in known}
    hint = f"; did you mean '{by_slug[close[0]]}'?" if close else ""
    raise InvalidValue(f"unknown region {shorten(value)}{hint} (valid: {', '.join(known)})")


# --- listings -----------------------------------------------------------------------


def select_partners(
    dataset: DatasetRecord,
    *,
    countries: Sequence[str] = (),
    regions: Sequence[str] = (),
    areas: Sequence[str] = (),
    frameworks: Sequence[str] = (),
) -> list[PartnerRecord]:
    """The partners that the filter options keep, in dataset order. Each option is "any
    of" its values (partner names, region names, area ids, framework names, as the user
    typed them); the options together are "all of". An unknown value is an InvalidValue
    or NotFound with "did you mean"."""
    kept = list_partners(
        dataset,
        regions=[choose_region(dataset, region) for region in regions],
        areas=choose_all(areas, AREAS, "area"),
        countries=[find_partner(dataset, country) for country in countries],
    )
    if not frameworks:
        return kept
    wanted = choose_frameworks(dataset, frameworks)
    return [partner for partner in kept if wanted & partner_frameworks(partner).keys()]


# --- frameworks, people and places: names as people type them ------------------------


def name_words(text: str) -> list[str]:
    """The folded words of a name as typed (`"von der Leyen"`: von, der, leyen)."""
    return fold(text).split()


def names_match(words: Sequence[str], name: str) -> bool:
    """Whether every one of `words` (see `name_words`) starts a word of `name`, case and
    accents aside, as search matches its words: `johansson`, `von der leyen`, `hrvp`."""
    folded = fold(name)
    return bool(words) and all(occurs(word, folded) for word in words)


def partner_frameworks(partner: PartnerRecord) -> dict[str, list[str]]:
    """The frameworks a partner is in, as `coop frameworks` groups them (group id to the
    names it is found by: its name and look-up names); Mobility Partnerships and Common
    Agendas, agreements in the data, count as frameworks."""
    found: dict[str, list[str]] = {}
    for framework in partner["frameworks"]:
        found.setdefault(framework["id"], []).extend([framework["name"], *framework["names"]])
    for agreement in partner["agreements"]:
        if agreement["kind"] in FRAMEWORK_AGREEMENT_KINDS:
            group = found.setdefault(agreement["kind"].replace("_", "-"), [])
            group.extend([AGREEMENT_KINDS[agreement["kind"]], *agreement["names"]])
    return found


def choose_frameworks(dataset: DatasetRecord, values: Sequence[str]) -> set[str]:
    """The ids of the frameworks any of `values` names: by id, or by words that start
    words of its name or a look-up name (`budapest`, `etm`, `mobility partnership`);
    NotFound with the closest names for a value that names none."""
    known: dict[str, list[str]] = {}
    for partner in dataset["partners"]:
        for group_id, names in partner_frameworks(partner).items():
            known.setdefault(group_id, []).extend(names)
    chosen: set[str] = set()
    for value in values:
        words = name_words(value)
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
    """The ids (keys of `known`) whose id or one of whose names is closest to `value`."""
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


PERSON_FIELDS = ("people", "counterparts")
"""The fields of an event that name who took part (`--person`)."""
PLACE_FIELDS = ("places",)
"""The fields of an event that name where it took place (`--place`)."""


def event_names(event: Mapping[str, Any], fields: Sequence[str]) -> list[str]:
    """The names an event gives in `fields` (`PERSON_FIELDS`, `PLACE_FIELDS`), verbatim."""
    return [name for field in fields for name in event.get(field) or ()]


def choose_names(
    dataset: DatasetRecord, values: Sequence[str], fields: Sequence[str], what: str
) -> list[list[str]]:
    """Each of `values` as the words it is matched by (`name_words`), once the dataset's
    events are known to name someone or somewhere it matches in `fields`; NotFound with
    the closest names for one that matches nothing (`what`: "person", "place")."""
    if not values:  # no filter: no need to gather every name (costly on a large file)
        return []
    known = list(
        dict.fromkeys(
            name
            for partner in dataset["partners"]
            for event in partner["events"]
            for name in event_names(event, fields)
        )
    )
    chosen: list[list[str]] = []
    for value in values:
        words = name_words(value)
        if has_control_characters(value) or not any(names_match(words, n) for n in known):
            raise NotFound(what, value, _close_names(value, {name: [] for name in known}))
        chosen.append(words)
    return chosen


def names_any(
    event: Mapping[str, Any], wanted: Sequence[Sequence[str]], fields: Sequence[str]
) -> bool:
    """Whether the event names, in `fields`, any of the `wanted` names (`choose_names`)."""
    names = event_names(event, fields)
    return any(names_match(words, name) for words in wanted for name in names)


def list_partners(
    dataset: DatasetRecord,
    *,
    regions: Sequence[str] = (),
    areas: Sequence[str] = (),
    countries: Sequence[PartnerRecord] = (),
) -> list[PartnerRecord]:
    """Partners in dataset order, narrowed to any of some regions, any of some area ids
    and/or any of given partners."""
    wanted_ids = {partner["id"] for partner in countries}
    return [
        partner
        for partner in dataset["partners"]
        if (not regions or partner["region"] in regions)
        and (not areas or any(area["id"] in areas for area in partner["areas"]))
        and (not wanted_ids or partner["id"] in wanted_ids)
    ]


def partner_rows(partners: Iterable[PartnerRecord]) -> list[PartnerRow]:
    """The `coop list` rows of some partners."""
    return [
        {
            "id": partner["id"],
            "name": partner["name"],
            "kind": partner["kind"],
            "region": partner["region"],
            "iso2": partner["iso2"],
            "iso3": partner["iso3"],
            "aliases": list(partner["aliases"]),
            "members": [member["name"] for member in partner["members"]],
            "areas": partner_area_ids(partner),
        }
        for partner in partners
    ]


def agreement_rows(
    partners: Iterable[PartnerRecord],
    *,
    statuses: Sequence[str] = (),
    kinds: Sequence[str] = (),
) -> list[AgreementRow]:
    """Agreements of the given partners; repeated statuses or kinds mean "any of"."""
    rows: list[AgreementRow] = []
    for partner in partners:
        for agreement in partner["agreements"]:
            if statuses and agreement["status"] not in statuses:
                continue
            if kinds and agreement["kind"] not in kinds:
                continue
            rows.append(_agreement_row(partner, agreement))
    return rows


def _agreement_row(partner: PartnerRecord, agreement: AgreementRecord) -> AgreementRow:
    return {
        "country": partner["id"],
        "country_name": partner["name"],
        "fact": fact_name(partner["id"], agreement["id"]),
        "kind": agreement["kind"],
        "status": agreement["status"],
        "title": agreement["title"],
        "milestones": [milestone_row(m) for m in agreement["milestones"]],
        "inferred": agreement["inferred"],
        "source": agreement["source"],
    }


def date_precision(date: str | None) -> str | None:
    """How precise a date as the dataset writes it is: `year` (`2021`), `month`
    (`2021-05`) or `day` (`2021-05-04`); None for no date. Rows carry it beside their
    date (`date_precision`, `end_precision`), so that a reader need not count characters."""
    if date is None:
        return None
    return _PRECISIONS[len(date)]


_PRECISIONS = {4: "year", 7: "month", 10: "day"}
"""A date's length as the dataset's schema allows it (YYYY, YYYY-MM, YYYY-MM-DD)."""


def milestone_row(milestone: MilestoneRecord) -> MilestoneRow:
    """A milestone as a row shows it: the fact's fields, then the precision of its dates."""
    return {
        **milestone,
        "date_precision": _PRECISIONS[len(milestone["date"])],
        "end_precision": date_precision(milestone["end"]),
    }


def date_key(date: str | None) -> tuple[bool, str]:
    """Sort key: by start, a less precise date before the days within it ("2021-09"
    before "2021-09-09"), undated last."""
    return (date is None, date or "")


def in_date_order(events: Iterable[EventRecord]) -> list[EventRecord]:
    """Events by `date_key`; undated ones last, in their original order."""
    return sorted(events, key=lambda event: date_key(event["date"]))


# --- search -------------------------------------------------------------------------


MAX_QUERY_WORDS = 32
"""More words than this in a search query are a usage error: matching costs time in
proportion to the words (30,000 took half a minute), and no real question needs more."""
MAX_QUERY_CHARS = 1_000
"""Nor may a query be longer than this, counting every character given."""


def query_words(query: Sequence[str]) -> list[str]:
    """The folded words of a query; an InvalidValue if there are none or too many."""
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


def first_start(word: str, folded_text: str, start: int = 0) -> int:
    """Where `word` next starts a word of `folded_text`, from `start` on (a prefix
    match: "smuggl"), or -1: search's one rule of a match, which highlighting follows."""
    needs_boundary = word[:1].isalnum()
    start = folded_text.find(word, start)
    while start != -1:
        if not needs_boundary or start == 0 or not folded_text[start - 1].isalnum():
            return start
        start = folded_text.find(word, start + 1)
    return -1


def word_starts(word: str, folded_text: str) -> Iterator[int]:
    """Every place where `word` starts a word of `folded_text` (see `first_start`)."""
    start = first_start(word, folded_text)
    while start != -1:
        yield start
        start = first_start(word, folded_text, start + 1)


def occurs(word: str, folded_text: str) -> bool:
    """Whether `word` starts a word of `folded_text` (see `first_start`)."""
    return first_start(word, folded_text) != -1


def is_quote(field: str) -> bool:
    """Whether a searchable field is a quote of the source (`source`, a milestone's
    `milestones[0].source`), which a fact may share with others, not one of its own."""
    return field == "source" or field.endswith(".source")


def search(
    partners: Iterable[PartnerRecord],
    words: Sequence[str],
    haystacks: Mapping[str, str] | None = None,
    *,
    people: Sequence[Sequence[str]] = (),
) -> list[Hit]:
    """Facts in which every word occurs (in any of the fact's fields). Each hit names
    the field that matched the most words, and lists every field that matched one.

    A hit is `quote_only` when some word matches none of the fact's own fields, only
    its quote: such hits come after the others, each group in the source's order.
    `people` (see `choose_names`) keeps the events that name any of them.

    `haystacks` (partner id to `partner_haystack`) saves folding every text on every
    search; the cache keeps them.
    """
    hits: list[Hit] = []
    first = words[0]
    for partner in partners:
        haystack = (haystacks or {}).get(partner["id"]) or partner_haystack(partner)
        if not all(word in haystack for word in words):
            continue
        for number, folded in enumerate(haystack.split(FACT_SEPARATOR)):
            if first not in folded:  # the cheap test first: most facts fail it
                continue
            if not all(word in folded and occurs(word, folded) for word in words):
                continue
            section, path, fields = fact_at(partner, number)
            fact = _fact_of(partner, section, path)
            if people and (section != "events" or not names_any(fact or {}, people, PERSON_FIELDS)):
                continue
            matched: list[str] = []
            best, best_score = 0, 0
            owned: set[str] = set()  # the words that match one of the fact's own fields
            for position, text in enumerate(folded.split("\n")):
                found = [word for word in words if word in text and occurs(word, text)]
                if found:
                    matched.append(fields[position][0])
                    if not is_quote(fields[position][0]):
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


def _fact_of(partner: PartnerRecord, section: str, path: str) -> dict[str, Any] | None:
    """The fact at `path` (`events[2]`); None for the partner's identity, no fact."""
    if section == "partner":
        return None
    fact: dict[str, Any] = partner[section][int(path[len(section) + 1 : -1])]  # type: ignore[literal-required]
    return fact
