"""What search reads of each fact: its fields as its section declares them, and their
folded text. Below the dataset layer, because the cache stores that text; search
(`coopcli.api`) and the SQLite export read the same fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from coopcli.shape import SECTION, SECTIONS, Shape
from coopcli.textfold import fold
from coopcli.vocab import VOCABULARIES

if TYPE_CHECKING:
    from coopcli.records import PartnerRecord

Field = tuple[str, str]
"""A searchable field of a fact: its path below the fact and its text."""

HAYSTACK_SEPARATOR = "\x00"
"""Joins the folded facts of a partner into one haystack (no text contains it)."""


def _identity(partner: PartnerRecord) -> list[Field]:
    fields: list[Field] = [("name", partner["name"]), ("region", partner["region"])]
    fields += [(f"aliases[{i}]", alias) for i, alias in enumerate(partner["aliases"])]
    fields += [(f"members[{i}].name", m["name"]) for i, m in enumerate(partner["members"])]
    return fields


def _read(section: Shape, fact: Any, prefix: str = "") -> list[Field]:
    """A fact's searchable fields in `Shape.search` order; a vocabulary id in
    `search_labels` by its label, so "in place" finds the agreements in place."""
    parts = {part.key: part for part in section.parts}
    fields: list[Field] = []
    for name in section.search:
        value, field = fact[name], section.field(name)
        if name in parts:
            for j, item in enumerate(value):
                fields += _read(parts[name], item, f"{prefix}{name}[{j}].")
        elif field.kind == "texts":
            fields += [(f"{prefix}{name}[{j}]", text) for j, text in enumerate(value)]
        elif value is not None:
            labels = VOCABULARIES[field.vocabulary or ""] if name in section.search_labels else None
            fields.append((prefix + name, labels[value] if labels else value))
    return fields


def located(partner: PartnerRecord) -> Iterator[tuple[str, str, Any]]:
    """Every fact of a partner as (section, path, fact), its identity first (as no fact:
    None); search reads the fields of its hits only (`fields_of`)."""
    yield "partner", "", None
    for section in SECTIONS:
        for position, fact in enumerate(partner[section.key]):  # type: ignore[literal-required]
            yield section.key, f"{section.key}[{position}]", fact


def fact_at(partner: PartnerRecord, index: int) -> tuple[str, str, Any]:
    """What `located` gives at `index`, without walking the facts before it."""
    if index == 0:
        return "partner", "", None
    index -= 1
    for section in SECTIONS:
        facts = partner[section.key]  # type: ignore[literal-required]
        if index < len(facts):
            return section.key, f"{section.key}[{index}]", facts[index]
        index -= len(facts)
    raise IndexError(index)


def fields_of(partner: PartnerRecord, key: str, fact: Any) -> list[Field]:
    """The searchable fields of a fact `located` gives (None: the partner's identity)."""
    return _identity(partner) if fact is None else _read(SECTION[key], fact)


def partner_haystack(partner: PartnerRecord) -> str:
    """The folded text of a partner's facts, `HAYSTACK_SEPARATOR` between facts and a
    line per field, so that a word matches within one field only."""
    return fold(
        HAYSTACK_SEPARATOR.join(
            "\n".join(
                text.replace(HAYSTACK_SEPARATOR, " ").replace("\n", " ")
                for _, text in fields_of(partner, key, fact)
            )
            for key, _, fact in located(partner)
        )
    )
