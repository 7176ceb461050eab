"""Fixed vocabularies: ids (a public contract) and their labels (which may be reworded),
written here only; everything else derives from them or is tested against them. Plain data:
imported on every run. The `Literal` types repeat the ids for mypy and Pydantic (a test
keeps them in step).
"""

from __future__ import annotations

from typing import Literal, get_args

from coopcli.shape import SECTIONS

Role = Literal[
    "id", "what", "kind", "status", "when", "who", "counterpart", "body", "where", "names",
    "parts", "reasons", "quote", "detail",
]  # fmt: skip
ROLES: tuple[Role, ...] = get_args(Role)
"""What a field of a fact is to the views (`json_schema_extra={"role": ...}` in the models);
a field with no role is a "detail"."""

AgreementStatus = Literal["mandate", "negotiating", "agreed", "in_place", "on_hold", "rounds_held"]
AGREEMENT_STATUSES: dict[str, str] = {
    "mandate": "Mandate to negotiate",
    "negotiating": "Under negotiation",
    "agreed": "Agreed",
    "in_place": "In place",
    "on_hold": "On hold",
    "rounds_held": "Negotiation rounds held",
}

AgreementKind = Literal[
    "readmission", "visa_facilitation", "mobility_partnership", "common_agenda",
    "return_procedures", "joint_declaration", "statement", "admission_scheme",
]  # fmt: skip
AGREEMENT_KINDS: dict[str, str] = {
    "readmission": "Readmission agreement",
    "visa_facilitation": "Visa facilitation agreement",
    "mobility_partnership": "Mobility Partnership",
    "common_agenda": "Common Agenda on Migration and Mobility",
    "return_procedures": "Return or admission procedures",
    "joint_declaration": "Joint declaration",
    "statement": "Statement",
    "admission_scheme": "Admission scheme",
}

MilestoneKind = Literal["mandate", "negotiations", "relaunched", "signed", "concluded", "in_place"]
MILESTONE_KINDS: dict[str, str] = {
    "mandate": "Mandate to negotiate",
    "negotiations": "Negotiation rounds",
    "relaunched": "Negotiations relaunched",
    "signed": "Signed",
    "concluded": "Concluded",
    "in_place": "In place",
}

AreaId = Literal[
    "protection", "governance", "irregular_migration", "smuggling", "trafficking",
    "border_management", "return_readmission", "legal_migration", "root_causes", "asylum",
    "displacement", "data", "search_rescue", "resettlement", "awareness",
]  # fmt: skip
AREAS: dict[str, str] = {
    "protection": "Protection of migrants",
    "governance": "Migration governance and management",
    "irregular_migration": "Prevention of irregular migration",
    "smuggling": "Migrant smuggling",
    "trafficking": "Trafficking in human beings",
    "border_management": "Border management",
    "return_readmission": "Return, readmission and reintegration",
    "legal_migration": "Legal migration and mobility",
    "root_causes": "Root causes of migration",
    "asylum": "Asylum",
    "displacement": "Refugees, IDPs and host communities",
    "data": "Migration data",
    "search_rescue": "Search and rescue",
    "resettlement": "Resettlement",
    "awareness": "Awareness raising",
}

FrameworkKind = Literal[
    "regional_process", "dialogue", "joint_body", "task_force", "platform",
    "accession_process", "cooperation_agreement", "ministerial",
]  # fmt: skip
FRAMEWORK_KINDS: dict[str, str] = {
    "regional_process": "Regional process",
    "dialogue": "Dialogue",
    "joint_body": "Joint council, commission or committee",
    "task_force": "Task force",
    "platform": "Platform or mechanism",
    "accession_process": "Accession process",
    "cooperation_agreement": "Cooperation agreement",
    "ministerial": "Ministerial or senior officials' meetings",
}

EventKind = Literal["visit", "dialogue", "meeting", "call", "summit", "council"]
EVENT_KINDS: dict[str, str] = {
    "visit": "Visit",
    "dialogue": "Dialogue",
    "meeting": "Meeting",
    "call": "Call",
    "summit": "Summit",
    "council": "Council",
}

AgencyName = Literal["Frontex", "Europol", "EU agencies"]
AGENCIES: dict[str, str] = {
    "Frontex": "Frontex",
    "Europol": "Europol",
    "EU agencies": "EU agencies (unnamed)",
}

AgencyStage = Literal["beginning", "some", "ongoing", "advancing"]
AGENCY_STAGES: dict[str, str] = {
    "beginning": "Cooperation beginning",
    "some": "Some cooperation",
    "ongoing": "Cooperation in place",
    "advancing": "Cooperation advancing",
}

NoteKind = Literal["request", "interest", "review", "project", "focus", "context"]
NOTE_KINDS: dict[str, str] = {
    "request": "Request from the partner",
    "interest": "Interest shown by the partner",
    "review": "Programmes under review",
    "project": "Project",
    "focus": "Further focus of cooperation",
    "context": "Context",
}

PartnerKind = Literal["country", "region"]
PARTNER_KINDS: dict[str, str] = {"country": "Country", "region": "Region"}

TIMELINE_KINDS: dict[str, str] = {
    **{kind: f"Event: {label.lower()}" for kind, label in EVENT_KINDS.items()},
    **{kind: f"Agreement: {label.lower()}" for kind, label in MILESTONE_KINDS.items()},
}
"""Kinds a timeline row can have: the event kinds, then the agreement milestone kinds
(`mandate` is a milestone kind only, so no id is shared)."""

STATUS_COLOURS: dict[str, str] = {
    "mandate": "blue",
    "negotiating": "yellow",
    "agreed": "cyan",
    "in_place": "green",
    "on_hold": "red",
    "rounds_held": "magenta",
}
"""The colour of each agreement status on a terminal."""

FRAMEWORK_GROUP_KINDS: dict[str, str] = {**FRAMEWORK_KINDS, "agreement": "Agreement with the EU"}
"""Kinds of the groups `coop frameworks` lists: a framework kind, or `agreement` for the
Mobility Partnerships and Common Agendas, which the data holds as agreements."""

FRAMEWORK_AGREEMENT_KINDS = ("mobility_partnership", "common_agenda")
"""Agreement kinds that are also frameworks of cooperation, listed by `coop frameworks`."""

CHANGE_KINDS: dict[str, str] = {
    "partner_added": "partner added",
    "partner_removed": "partner removed",
    "agreement_added": "agreement added",
    "agreement_removed": "agreement removed",
    "status_changed": "status",
    "area_gained": "area gained",
    "area_lost": "area lost",
    "event_added": "event added",
    "event_removed": "event removed",
    "agreement_changed": "agreement changed",
    "milestone_added": "milestone added",
    "milestone_removed": "milestone removed",
    "milestone_changed": "milestone changed",
    "framework_added": "framework added",
    "framework_removed": "framework removed",
    "framework_changed": "framework changed",
    "area_changed": "area changed",
    "event_changed": "event changed",
    "agency_added": "agency added",
    "agency_removed": "agency removed",
    "agency_changed": "agency changed",
    "note_added": "note added",
    "note_removed": "note removed",
    "note_changed": "note changed",
}
"""What `coop diff` reports, by the `change` id of its rows: a fact, matched by its id,
added, removed or changed (the ids of 0.3 first, with their meaning)."""

SEARCH_SECTIONS: dict[str, str] = {
    "partner": "Partner",
    **{section.key: section.label for section in SECTIONS},
}
"""Where in a partner a search hit lies (its `section`), and what one such fact is: the
partner's identity, or a kind of fact (`coopcli.shape`, generated from the models)."""

#: Every vocabulary by the name used in error messages, the schema and the README.
VOCABULARIES: dict[str, dict[str, str]] = {
    "agreement status": AGREEMENT_STATUSES,
    "agreement kind": AGREEMENT_KINDS,
    "milestone kind": MILESTONE_KINDS,
    "area": AREAS,
    "framework kind": FRAMEWORK_KINDS,
    "event kind": EVENT_KINDS,
    "agency": AGENCIES,
    "agency stage": AGENCY_STAGES,
    "note kind": NOTE_KINDS,
    "partner kind": PARTNER_KINDS,
    "timeline kind": TIMELINE_KINDS,
    "framework group kind": FRAMEWORK_GROUP_KINDS,
    "change": CHANGE_KINDS,
    "search section": SEARCH_SECTIONS,
}
