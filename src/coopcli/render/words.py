"""A fact in words: the strings that every view of a fact shares (the card, the one
fact's card, a search hit, the report's page), each written once.

Plain strings, no rich: the report's page uses them without importing rich, and the
views that draw with rich add styles and inferred marks around them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coopcli.render.base import EVENT_WHO_FIELDS
from coopcli.vocab import (
    AGENCY_STAGES,
    AGREEMENT_STATUSES,
    AREAS,
    EVENT_KINDS,
    FRAMEWORK_KINDS,
    MILESTONE_KINDS,
    NOTE_KINDS,
)


def framework_kind(framework: Mapping[str, Any]) -> str:
    """A framework's kind as it follows its name: `(regional process)`."""
    return f"({FRAMEWORK_KINDS[framework['kind']].lower()})"


def agreement_status(agreement: Mapping[str, Any]) -> str:
    """An agreement's status by its label (`In place`), or its id if it has none."""
    status: str = agreement["status"]
    return AGREEMENT_STATUSES.get(status, status)


def milestone_kind(milestone: Mapping[str, Any]) -> str:
    """What a milestone is (`Mandate to negotiate`), or its id if it has no label."""
    kind: str = milestone["kind"]
    return MILESTONE_KINDS.get(kind, kind)


def milestone_rounds(milestone: Mapping[str, Any]) -> str:
    """How many rounds, where the source counts them: ` (3 rounds)`; else nothing."""
    return f" ({milestone['count']} rounds)" if milestone.get("count") else ""


def event_words(event: Mapping[str, Any]) -> str:
    """An event's kind and title: `Visit: Commissioner Johansson visited Tunisia`."""
    return f"{EVENT_KINDS[event['kind']]}: {event['title']}"


def event_who(event: Mapping[str, Any]) -> str:
    """Who an event names, its people, bodies and counterparts, but for those its title
    already gives ("Commissioner Johansson visits Tunisia"): each name said once."""
    from coopcli.textfold import fold

    title = fold(event["title"])
    names = dict.fromkeys(name for field in EVENT_WHO_FIELDS for name in event[field])
    return ", ".join(name for name in names if fold(name) not in title)


def area_words(area: Mapping[str, Any]) -> str:
    """An area of cooperation by its label."""
    return AREAS[area["id"]]


def agency_words(agency: Mapping[str, Any]) -> str:
    """An agency and how far the cooperation has come: `Frontex: working arrangement`."""
    return f"{agency['name']}: {AGENCY_STAGES[agency['stage']].lower()}"


def note_words(note: Mapping[str, Any]) -> str:
    """A note's kind and title: `Request: ...`."""
    return f"{NOTE_KINDS[note['kind']]}: {note['title']}"
