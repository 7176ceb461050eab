"""Typed shapes of the validated dataset (records) and of the listing commands' JSON
(rows). All are plain dicts, so a warm run never imports Pydantic; every optional field
is present (`None` or `[]`), as validation fills in the defaults.
"""

from __future__ import annotations

from typing import Any, TypedDict

SCHEMA_VERSION = 4  # the layout coop writes; it reads 1, 2 (with `coopcli.factids`), 3 and 4

# A partner and the whole file are TypedDicts so that mypy checks the walk to the facts.
Record = dict[str, Any]
MetaRecord = Record


class PartnerIdentity(TypedDict):
    """What a partner is: the first keys of its record and of its row in `coop list`."""

    id: str
    name: str
    kind: str
    region: str
    iso2: str | None
    iso3: str | None
    aliases: list[str]


class PartnerRecord(PartnerIdentity):
    """A partner: its identity, then each kind of its facts by key (`shape.SECTIONS`)."""

    members: list[Record]
    frameworks: list[Record]
    agreements: list[Record]
    events: list[Record]
    areas: list[Record]
    agencies: list[Record]
    notes: list[Record]


class ThingRecord(TypedDict):
    """A thing of the registry (`model.Thing`): a person, body, state or framework."""

    id: str
    kind: str
    name: str
    written: list[str]
    aliases: list[str]
    office: str | None
    of: str | None
    reason: str | None
    identified: list[Record]  # {"fact": PARTNER/ID, "name": the form, "reason": why}


class DatasetRecord(TypedDict):
    """The whole dataset file (`things`: [] in a file of layout 1-3)."""

    meta: MetaRecord
    things: list[ThingRecord]
    partners: list[PartnerRecord]


class FactRow(TypedDict):
    """A row of `coop export --format csv` (`shape.CSV_COLUMNS`), lists kept as lists."""


MilestoneRow = Record  # a milestone's fields, with `date_precision` and `end_precision`


class Briefing(TypedDict):
    """What `coop report` draws: `meta` and the page's queries over the partners kept."""

    meta: MetaRecord
    partners: list[PartnerRecord]  # the partners kept, in the source's order, with all facts
    partners_in_dataset: int
    filters: dict[str, list[str]]  # the filters given, by name: the page says them
    areas: list[AreaRow]  # `coop areas --json` over the partners kept
    agreements: list[AgreementRow]
    timeline: list[TimelineRow]


# --- rows of the listing commands (their JSON contract) ---


class PartnerRow(PartnerIdentity):
    """A row of `coop list --json` (`Dataset.partner_rows`)."""

    members: list[str]
    areas: list[str]


class AgreementRow(TypedDict):
    """A row of `coop agreements --json` (`Dataset.agreements`)."""

    country: str
    country_name: str
    fact: str
    kind: str
    status: str
    title: str
    milestones: list[MilestoneRow]
    inferred: dict[str, str] | None
    source: str


class Hit(TypedDict):
    """A row of `coop search --json` (`Dataset.search`)."""

    country: str
    country_name: str
    fact: str | None
    section: str
    path: str
    field: str
    text: str
    fields: list[str]
    inferred: dict[str, str] | None
    quote_only: bool  # no alternative of the query it meets is met by the fact's own fields
    things: list[str]  # the things a word of the query names whole and the fact is about


class TimelineRow(TypedDict):
    """A row of `coop timeline --json` (`Dataset.timeline`)."""

    country: str
    country_name: str
    fact: str
    date: str | None
    end: str | None
    date_precision: str | None  # `year`, `month` or `day` (None for no date)
    end_precision: str | None  # how precise `end` is (None for no end)
    ongoing: bool
    when: str | None
    planned: bool
    type: str
    kind: str
    title: str
    people: list[str]  # who took part, verbatim (an event's `people`; none for a milestone)
    counterparts: list[str]  # the partner's side, verbatim (none for a milestone)
    inferred: dict[str, str] | None
    source: str


# `as` and `with` are Python keywords: a class body cannot name them
_AsWith = TypedDict("_AsWith", {"as": str, "with": list[str]})


class PersonEvent(TimelineRow, _AsWith):
    """An event of a `PersonRow`: its timeline row, then `as` (the form the event writes for
    the person) and `with` (every other entry of its `people` and `counterparts`)."""


class PersonRow(ThingRecord):
    """A row of `coop people --json` (`Dataset.people`): a person and their events by date."""

    events: list[PersonEvent]


class FactRef(TypedDict):
    """A fact that names a thing (`BodyRow`): where it is, what it is, which fields name it."""

    country: str
    country_name: str
    fact: str
    section: str
    label: str  # the fact's title or name, or its area's label
    fields: list[str]  # the fields that name the thing (`source`: its quote only)


class BodyRow(ThingRecord):
    """A row of `coop bodies --json` (`Dataset.bodies`): a body or state, the facts whose
    fields name it (partner by partner), then those whose quote alone does."""

    facts: list[FactRef]
    mentions: list[FactRef]


class AreaRow(TypedDict):
    """A row of `coop areas --json` (`Dataset.areas()`)."""

    id: str
    label: str
    countries: list[str]


class AreaQuote(TypedDict):
    """A row of `coop areas ID --json` (`Dataset.areas(ID)`)."""

    country: str
    country_name: str
    fact: str
    area: str
    label: str
    inferred: dict[str, str] | None
    source: str


class FoundFact(TypedDict):
    """One fact, found by its name (`Dataset.fact`, `coop show PARTNER/ID`)."""

    fact: str  # its name, `PARTNER/ID` (the partner's own id, whatever name found it)
    country: str
    country_name: str
    section: str  # where it lies: its kind's key (`events`, `milestones`...)
    path: str  # its place within the partner (`events[2]`, `agreements[0].milestones[1]`)
    record: dict[str, Any]  # the fact object, as `coop show PARTNER --json` gives it


class FrameworkGroup(TypedDict):
    """A row of `coop frameworks --json` (`Dataset.frameworks`)."""

    id: str
    name: str
    kind: str
    names: list[str]
    countries: list[str]
    members: list[Record]  # per partner: country, fact, name, since, role, quote (json.md)


class SplitIds(TypedDict):
    """Ids grouped by who of the compared partners has them."""

    common: list[str]  # every compared partner has it
    some: dict[str, list[str]]  # id -> the partners that have it: more than one, not all
    only: dict[str, list[str]]  # partner -> what it alone has


class SharedFrameworks(SplitIds):
    shared: list[str]  # a copy of `common`, the name of 0.3, kept for scripts written against it
    names: dict[str, str]


class Comparison(TypedDict):
    """The object of `coop compare --json` (`Dataset.compare`)."""

    countries: list[str]
    areas: SplitIds
    agreements: dict[str, list[Record]]  # each agreement's kind, status and title
    frameworks: SharedFrameworks
    last_event: dict[str, TimelineRow | None]
    next_event: dict[str, TimelineRow | None]


class Change(TypedDict):
    """A row of `coop diff --json` (`Dataset.diff`)."""

    change: str
    country: str
    fact: str | None
    subject: str
    old: Any
    new: Any
    source: str | None
