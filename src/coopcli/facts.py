"""Every fact of a partner as searchable fields, and their folded text for search.

Shared by the dataset layer, which stores the folded text of every fact in the cache,
and by search, which needs the fields of the facts that match.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from coopcli.textfold import fold
from coopcli.vocab import (
    AGREEMENT_KINDS,
    AGREEMENT_STATUSES,
    AREAS,
    EVENT_KINDS,
    FRAMEWORK_KINDS,
    SEARCH_SECTIONS,
)

if TYPE_CHECKING:
    from coopcli.records import DatasetRecord, PartnerRecord

Field = tuple[str, str]
"""A searchable field of a fact: its name (as a path below the fact) and its text."""


SECTIONS = tuple(SEARCH_SECTIONS)
"""The sections of a partner's facts, in card order; "partner" is its identity."""

FACT_SEPARATOR = "\x00"
"""Joins the folded facts of a partner into one haystack (no text contains it)."""


def _identity(partner: PartnerRecord) -> list[Field]:
    fields: list[Field] = [("name", partner["name"]), ("region", partner["region"])]
    fields += [(f"aliases[{i}]", alias) for i, alias in enumerate(partner["aliases"])]
    fields += [(f"members[{i}].name", m["name"]) for i, m in enumerate(partner["members"])]
    return fields


def _fields(section: str, fact: Any) -> list[Field]:
    """The searchable fields of one fact. Vocabulary ids are searchable by their labels
    too, so "in place" finds agreements in place and "smuggling" finds the area."""
    if section == "frameworks":
        fields: list[Field] = [("name", fact["name"]), ("kind", FRAMEWORK_KINDS[fact["kind"]])]
        fields += [(f"names[{j}]", name) for j, name in enumerate(fact["names"])]
        if fact["role"]:
            fields.append(("role", fact["role"]))
    elif section == "agreements":
        fields = [
            ("title", fact["title"]),
            ("kind", AGREEMENT_KINDS[fact["kind"]]),
            ("status", AGREEMENT_STATUSES[fact["status"]]),
            *[(f"names[{j}]", name) for j, name in enumerate(fact["names"])],
            ("source", fact["source"]),
        ]
        fields += [
            (f"milestones[{j}].source", m["source"]) for j, m in enumerate(fact["milestones"])
        ]
        return fields
    elif section == "events":
        fields = [("title", fact["title"]), ("kind", EVENT_KINDS[fact["kind"]])]
        if fact["when"]:
            fields.append(("when", fact["when"]))
        for key in ("people", "bodies", "counterparts", "places"):
            fields += [(f"{key}[{j}]", value) for j, value in enumerate(fact[key])]
    elif section == "areas":
        fields = [("id", AREAS[fact["id"]])]
    elif section == "agencies":
        fields = [("name", fact["name"])]
    else:
        fields = [("title", fact["title"])]
    return [*fields, ("source", fact["source"])]


def facts(partner: PartnerRecord) -> Iterator[tuple[str, str, list[Field]]]:
    """Every fact of a partner as (section, path, searchable fields), in card order."""
    yield "partner", "", _identity(partner)
    for section in SECTIONS[1:]:
        for position, fact in enumerate(partner[section]):  # type: ignore[literal-required]
            yield section, f"{section}[{position}]", _fields(section, fact)


def fact_at(partner: PartnerRecord, number: int) -> tuple[str, str, list[Field]]:
    """The `number`th fact of `facts(partner)`, without building the others."""
    if number == 0:
        return "partner", "", _identity(partner)
    number -= 1
    for section in SECTIONS[1:]:
        entries = partner[section]  # type: ignore[literal-required]
        if number < len(entries):
            return section, f"{section}[{number}]", _fields(section, entries[number])
        number -= len(entries)
    raise IndexError(number)


def partner_haystack(partner: PartnerRecord) -> str:
    """The folded text of all a partner's facts, one per `FACT_SEPARATOR`-joined part
    (in `facts` order), each fact's fields on lines of their own (in `_fields` order),
    so that a word can only match within one field."""
    return fold(
        FACT_SEPARATOR.join(
            "\n".join(_one_line(text) for _, text in fields) for _, _, fields in facts(partner)
        )
    )


def _one_line(text: str) -> str:
    return text.replace(FACT_SEPARATOR, " ").replace("\n", " ")


def dataset_haystacks(dataset: DatasetRecord) -> dict[str, str]:
    """`partner_haystack` of every partner, by partner id."""
    return {partner["id"]: partner_haystack(partner) for partner in dataset["partners"]}
