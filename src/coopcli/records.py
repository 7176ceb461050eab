"""Typed shapes of the validated, normalised dataset that queries and renderers work on.

These mirror `coopcli.model` field for field (a test keeps them in step) but are plain
dicts: building them costs nothing on a run that reads a cached, already validated
dataset, and Pydantic is not imported at all. Every optional field is present, with
`None` or an empty list, because validation fills in the model's defaults.
"""

from __future__ import annotations

from typing import Any, TypedDict

from coopcli.vocab import (
    AgencyName,
    AgencyStage,
    AgreementKind,
    AgreementStatus,
    AreaId,
    EventKind,
    FrameworkKind,
    MilestoneKind,
    NoteKind,
    PartnerKind,
)

SCHEMA_VERSION = 3
"""The data layout this coop writes (`coop export --format toml`); it reads 1, 2 and 3
(the facts of a file of version 1 or 2 get derived ids: `coopcli.factids`)."""


class MetaRecord(TypedDict):
    title: str
    date: str
    date_reasoning: str
    covers: str
    source_file: str
    source_sha256: str | None
    schema_version: int


class MemberRecord(TypedDict):
    name: str
    iso2: str | None
    iso3: str | None
    aliases: list[str]


class FrameworkRecord(TypedDict):
    id: str
    name: str
    kind: FrameworkKind
    since: str | None
    role: str | None
    role_date: str | None
    names: list[str]
    inferred: dict[str, str] | None
    source: str


class MilestoneRecord(TypedDict):
    id: str
    kind: MilestoneKind
    date: str
    end: str | None
    count: int | None
    inferred: dict[str, str] | None
    source: str


class AgreementRecord(TypedDict):
    id: str
    kind: AgreementKind
    status: AgreementStatus
    title: str
    milestones: list[MilestoneRecord]
    names: list[str]
    inferred: dict[str, str] | None
    source: str


class EventRecord(TypedDict):
    id: str
    kind: EventKind
    title: str
    date: str | None
    end: str | None
    ongoing: bool
    when: str | None
    planned: bool
    people: list[str]
    bodies: list[str]
    counterparts: list[str]
    places: list[str]
    inferred: dict[str, str] | None
    source: str


class AreaRecord(TypedDict):
    id: AreaId
    inferred: dict[str, str] | None
    source: str


class AgencyRecord(TypedDict):
    id: str
    name: AgencyName
    stage: AgencyStage
    inferred: dict[str, str] | None
    source: str


class NoteRecord(TypedDict):
    id: str
    kind: NoteKind
    title: str
    inferred: dict[str, str] | None
    source: str


class PartnerRecord(TypedDict):
    """A partner with all its facts, as `coop show COUNTRY --json` gives it."""

    id: str
    name: str
    kind: PartnerKind
    region: str
    iso2: str | None
    iso3: str | None
    aliases: list[str]
    members: list[MemberRecord]
    frameworks: list[FrameworkRecord]
    agreements: list[AgreementRecord]
    events: list[EventRecord]
    areas: list[AreaRecord]
    agencies: list[AgencyRecord]
    notes: list[NoteRecord]


class DatasetRecord(TypedDict):
    """A whole dataset: `meta` and its `partners`, as `coop export --format json` writes it."""

    meta: MetaRecord
    partners: list[PartnerRecord]


# --- rows of the listing commands (their JSON contract) ---


class PartnerRow(TypedDict):
    """A row of `coop list --json` (`Dataset.partner_rows`)."""

    id: str
    name: str
    kind: str
    region: str
    iso2: str | None
    iso3: str | None
    aliases: list[str]
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
    milestones: list[MilestoneRecord]
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
    quote_only: bool
    """Some word of the query matches only the fact's quote, none of its own fields."""


class TimelineRow(TypedDict):
    """A row of `coop timeline --json` (`Dataset.timeline`)."""

    country: str
    country_name: str
    fact: str
    date: str | None
    end: str | None
    ongoing: bool
    when: str | None
    planned: bool
    type: str
    kind: str
    title: str
    people: list[str]
    """Who took part, verbatim (an event's `people`; none for a milestone)."""
    counterparts: list[str]
    """The partner's side, verbatim (an event's `counterparts`; none for a milestone)."""
    inferred: dict[str, str] | None
    source: str


class PersonRow(TypedDict):
    """A row of `coop people --json` (`Dataset.people`): a name as the source writes it,
    and the events that name it, as timeline rows in date order."""

    name: str
    events: list[TimelineRow]


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


class FactRow(TypedDict):
    """A row of `coop export --format csv`, lists kept as lists (`Dataset.fact_rows`)."""

    country: str
    country_name: str
    region: str
    section: str
    path: str
    kind: str
    title: str
    status: str | None
    date: str | None
    end: str | None
    ongoing: bool | None
    when: str | None
    planned: bool | None
    people: list[str]
    inferred: dict[str, str] | None
    source: str


class FoundFact(TypedDict):
    """One fact, found by its name (`Dataset.fact`, `coop show PARTNER/ID`)."""

    fact: str
    """Its name, `PARTNER/ID` (the partner's own id, whatever name found it)."""
    country: str
    country_name: str
    section: str
    """Where it lies: `frameworks`, `agreements`, `milestones`, `events`, `areas`,
    `agencies` or `notes`."""
    path: str
    """Its place within the partner (`events[2]`, `agreements[0].milestones[1]`)."""
    record: dict[str, Any]
    """The fact object, as `coop show PARTNER --json` gives it."""


class FrameworkMember(TypedDict):
    """One partner in a framework (`FrameworkGroup.members`)."""

    country: str
    country_name: str
    fact: str
    name: str
    since: str | None
    role: str | None
    inferred: dict[str, str] | None
    source: str


class FrameworkGroup(TypedDict):
    """A row of `coop frameworks --json` (`Dataset.frameworks`)."""

    id: str
    name: str
    kind: str
    names: list[str]
    countries: list[str]
    members: list[FrameworkMember]


class SplitIds(TypedDict):
    common: list[str]
    only: dict[str, list[str]]


class SharedFrameworks(TypedDict):
    shared: list[str]
    only: dict[str, list[str]]
    names: dict[str, str]


class AgreementSummary(TypedDict):
    kind: str
    status: str
    title: str


class Comparison(TypedDict):
    """The object of `coop compare --json` (`Dataset.compare`)."""

    countries: list[str]
    areas: SplitIds
    agreements: dict[str, list[AgreementSummary]]
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
