"""Every fact of a partner as searchable fields, and their folded text for search.

Shared by the dataset layer, which stores the folded text of every fact in the cache,
and by search, which needs the fields of the facts that match.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from coopcli.shape import SECTIONS, Shape
from coopcli.textfold import fold
from coopcli.vocab import VOCABULARIES

if TYPE_CHECKING:
    from coopcli.records import DatasetRecord, PartnerRecord

Field = tuple[str, str]
"""A searchable field of a fact: its name (as a path below the fact) and its text."""

FACT_SEPARATOR = "\x00"
"""Joins the folded facts of a partner into one haystack (no text contains it)."""


def _identity(partner: PartnerRecord) -> list[Field]:
    fields: list[Field] = [("name", partner["name"]), ("region", partner["region"])]
    fields += [(f"aliases[{i}]", alias) for i, alias in enumerate(partner["aliases"])]
    fields += [(f"members[{i}].name", m["name"]) for i, m in enumerate(partner["members"])]
    return fields


Reader = tuple[str, str, "dict[str, str] | None", "Readers | None"]
Readers = tuple[Reader, ...]


def _readers(section: Shape) -> Readers:
    """What search reads of a kind of fact, in its declared order (`Shape.search`): each
    field's name, kind, vocabulary labels and, for a list of facts, their readers."""
    parts = {part.key: part for part in section.parts}
    out: list[Reader] = []
    for name in section.search:
        field = section.field(name)
        labels = VOCABULARIES[field.vocabulary or ""] if name in section.search_labels else None
        part = _readers(parts[name]) if name in parts else None
        out.append((name, field.kind, labels, part))
    return tuple(out)


_READERS = {section.key: _readers(section) for section in SECTIONS}


def _read(readers: Readers, fact: Any, prefix: str = "") -> list[Field]:
    fields: list[Field] = []
    for name, kind, labels, part in readers:
        value = fact[name]
        if part is not None:
            for j, item in enumerate(value):
                fields += _read(part, item, f"{prefix}{name}[{j}].")
        elif kind == "texts":
            fields += [(f"{prefix}{name}[{j}]", text) for j, text in enumerate(value)]
        elif value is not None:
            fields.append((prefix + name, labels[value] if labels else value))
    return fields


def _fields(section: str, fact: Any) -> list[Field]:
    """The searchable fields of one fact, as its section declares them (`Shape.search`).
    Vocabulary ids are searchable by their labels, so "in place" finds agreements in
    place and "smuggling" finds the area."""
    return _read(_READERS[section], fact)


def facts(partner: PartnerRecord) -> Iterator[tuple[str, str, list[Field]]]:
    """Every fact of a partner as (section, path, searchable fields), in card order."""
    yield "partner", "", _identity(partner)
    for section in _READERS:
        for position, fact in enumerate(partner[section]):  # type: ignore[literal-required]
            yield section, f"{section}[{position}]", _fields(section, fact)


def fact_at(partner: PartnerRecord, number: int) -> tuple[str, str, list[Field]]:
    """The `number`th fact of `facts(partner)`, without building the others."""
    if number == 0:
        return "partner", "", _identity(partner)
    number -= 1
    for section in _READERS:
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
