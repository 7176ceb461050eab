"""Fixed vocabularies: ids (a public contract, written once as `Literal` types for mypy
and Pydantic) and their labels (which may be reworded). Plain data: imported on every run.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from coopcli.shape import SECTIONS

Role = Literal[
    "id", "what", "kind", "status", "when", "who", "counterpart", "body", "where", "names",
    "parts", "reasons", "quote", "detail",
]  # fmt: skip
ROLES: tuple[Role, ...] = get_args(Role)
"""What a field of a fact is to the views (`json_schema_extra={"role": ...}` in the models);
a field with no role is a "detail"."""


def _labelled(ids: Any, *labels: str) -> dict[str, str]:
    """The ids of a `Literal` type, in order, each with its label (or colour)."""
    return dict(zip(get_args(ids), labels, strict=True))


AgreementStatus = Literal[
    "mandate", "negotiating", "agreed", "in_place", "on_hold", "rounds_held", "not_activated"
]  # fmt: skip
AGREEMENT_STATUSES = _labelled(
    AgreementStatus, "Mandate to negotiate", "Under negotiation", "Agreed", "In place",
    "On hold", "Negotiation rounds held", "Agreed, not activated",
)  # fmt: skip
"""`not_activated`: on paper (its procedures agreed) but, the source says, not active."""

AgreementKind = Literal[
    "readmission", "visa_facilitation", "mobility_partnership", "common_agenda",
    "return_procedures", "joint_declaration", "statement", "admission_scheme",
]  # fmt: skip
AGREEMENT_KINDS = _labelled(
    AgreementKind, "Readmission agreement", "Visa facilitation agreement",
    "Mobility Partnership", "Common Agenda on Migration and Mobility",
    "Return or admission procedures", "Joint declaration", "Statement", "Admission scheme",
)  # fmt: skip

MilestoneKind = Literal[
    "mandate", "negotiations", "relaunched", "signed", "concluded", "in_place",
    "procedures_agreed",
]  # fmt: skip
MILESTONE_KINDS = _labelled(
    MilestoneKind, "Mandate to negotiate", "Negotiation rounds", "Negotiations relaunched",
    "Signed", "Concluded", "In place", "Procedures agreed",
)  # fmt: skip

AreaId = Literal[
    "protection", "governance", "irregular_migration", "smuggling", "trafficking",
    "border_management", "return_readmission", "legal_migration", "root_causes", "asylum",
    "displacement", "data", "search_rescue", "resettlement", "awareness",
]  # fmt: skip
AREAS = _labelled(
    AreaId, "Protection of migrants", "Migration governance and management",
    "Prevention of irregular migration", "Migrant smuggling", "Trafficking in human beings",
    "Border management", "Return, readmission and reintegration",
    "Legal migration and mobility", "Root causes of migration", "Asylum",
    "Refugees, IDPs and host communities", "Migration data", "Search and rescue",
    "Resettlement", "Awareness raising",
)  # fmt: skip

FrameworkKind = Literal[
    "regional_process", "dialogue", "joint_body", "task_force", "platform",
    "accession_process", "cooperation_agreement", "ministerial",
]  # fmt: skip
FRAMEWORK_KINDS = _labelled(
    FrameworkKind, "Regional process", "Dialogue", "Joint council, commission or committee",
    "Task force", "Platform or mechanism", "Accession process", "Cooperation agreement",
    "Ministerial or senior officials' meetings",
)  # fmt: skip

EventKind = Literal["visit", "dialogue", "meeting", "call", "summit", "council"]
EVENT_KINDS = _labelled(EventKind, "Visit", "Dialogue", "Meeting", "Call", "Summit", "Council")

AgencyName = Literal["Frontex", "Europol", "EU agencies"]
AGENCIES = _labelled(AgencyName, "Frontex", "Europol", "EU agencies (unnamed)")

AgencyStage = Literal["beginning", "some", "ongoing", "advancing"]
AGENCY_STAGES = _labelled(
    AgencyStage, "Cooperation beginning", "Some cooperation", "Cooperation in place",
    "Cooperation advancing",
)  # fmt: skip

NoteKind = Literal["request", "interest", "review", "project", "focus", "context"]
NOTE_KINDS = _labelled(
    NoteKind, "Request from the partner", "Interest shown by the partner",
    "Programmes under review", "Project", "Further focus of cooperation", "Context",
)  # fmt: skip

ThingKind = Literal[
    "person", "eu_institution", "eu_agency", "eu_delegation", "international_organisation",
    "committee", "partner_body", "state", "body", "framework",
]  # fmt: skip
THING_KINDS = _labelled(
    ThingKind, "Person", "EU institution", "EU agency", "EU delegation",
    "International organisation", "Council or committee", "A partner's own body", "State",
    "Body", "Framework",
)  # fmt: skip
"""What a thing of the registry is (`body`: unclassified, in a registry derived from a file
of layout 1-3, which has none)."""
BODY_KINDS = tuple(kind for kind in THING_KINDS if kind not in ("person", "framework"))
"""The kinds `coop bodies` lists: institutions, agencies, organisations, states."""

PartnerKind = Literal["country", "region"]
PARTNER_KINDS = _labelled(PartnerKind, "Country", "Region")

TIMELINE_KINDS: dict[str, str] = {
    **{kind: f"Event: {label.lower()}" for kind, label in EVENT_KINDS.items()},
    **{kind: f"Agreement: {label.lower()}" for kind, label in MILESTONE_KINDS.items()},
}
"""Kinds a timeline row can have: the event kinds, then the agreement milestone kinds
(`mandate` is a milestone kind only, so no id is shared)."""

STATUS_COLOURS = _labelled(
    AgreementStatus, "blue", "yellow", "cyan", "green", "red", "magenta", "bright_red"
)  # fmt: skip
"""The colour of each agreement status on a terminal."""

FRAMEWORK_GROUP_KINDS: dict[str, str] = {**FRAMEWORK_KINDS, "agreement": "Agreement with the EU"}
"""Kinds of the groups `coop frameworks` lists: a framework kind, or `agreement` for the
Mobility Partnerships, Common Agendas and the EU-Turkey Statement, which the data holds as
agreements."""

FRAMEWORK_AGREEMENT_KINDS = ("mobility_partnership", "common_agenda", "statement")
"""Agreement kinds that are also frameworks of cooperation, listed by `coop frameworks`
(the Statement "provides the overall framework": docs/data.md, "Rules of reading")."""

CHANGE_KINDS: dict[str, str] = {
    change: "status" if change == "status_changed" else change.replace("_", " ")
    for change in (
        "partner_added", "partner_removed", "agreement_added", "agreement_removed",
        "status_changed", "area_gained", "area_lost", "event_added", "event_removed",
        "agreement_changed", "milestone_added", "milestone_removed", "milestone_changed",
        "framework_added", "framework_removed", "framework_changed", "area_changed",
        "event_changed", "agency_added", "agency_removed", "agency_changed", "note_added",
        "note_removed", "note_changed",
    )
}  # fmt: skip
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
    "thing kind": THING_KINDS,
    "timeline kind": TIMELINE_KINDS,
    "framework group kind": FRAMEWORK_GROUP_KINDS,
    "change": CHANGE_KINDS,
    "search section": SEARCH_SECTIONS,
}
