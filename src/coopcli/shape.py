"""The shape of a partner's facts, read on first use from the JSON Schema as built
(`coopcli._built`, written from `coopcli.model` by `python -m coopcli.generate`).

Everything that walks a partner's facts iterates `SECTIONS` (search, fact counting,
validation, the card, the CSV and SQLite exports) without importing Pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coopcli._built import schema as built_schema

PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
"""The schema pattern of a partial date ([0-9], not \\d, which takes other digits too)."""


class Field:
    """One field of a model: its name, what it holds (`text`, `date`, `id` of a vocabulary,
    `int`, `bool`, `texts`, `reasons` for `inferred`, `facts` or `records` for a list of
    the model `items`), whether it may be null, its default, its vocabulary's name, its
    SQLite column, its role (`coopcli.vocab.ROLES`) and the words a reader sees for it."""

    __slots__ = (
        "column", "default", "items", "kind", "label", "name", "optional", "role", "vocabulary"
    )  # fmt: skip

    def __init__(self, name: str, spec: dict[str, Any], model: str) -> None:
        value = next((a for a in spec.get("anyOf", [spec]) if a != {"type": "null"}), spec)
        self.name = name
        self.items = str(value.get("items", {}).get("$ref", "")).removeprefix("#/$defs/")
        self.kind = _kind(value, self.items)
        self.default: Any = (
            [] if self.kind in ("texts", "facts", "records") else spec.get("default")
        )
        self.optional = "default" in spec and spec["default"] is None  # else required
        self.vocabulary: str | None = value.get("x-vocabulary")
        self.role: str = spec.get("role", "detail")
        self.label: str = spec.get("label") or name.replace("_", " ").capitalize()
        # A fact's `id` column is named after its model: not the row's own `id`.
        self.column: str = spec.get("column") or (model.lower() if name == "id" and model else name)


def _kind(spec: dict[str, Any], item: str) -> str:
    if "x-vocabulary" in spec:
        return "id"
    if spec.get("type") == "array":
        return "texts" if not item else "facts" if "x-section" in _DEFS[item] else "records"
    if spec.get("type") == "string":
        return "date" if spec.get("pattern") == PARTIAL_DATE_PATTERN else "text"
    return {"integer": "int", "boolean": "bool", "object": "reasons"}[spec["type"]]


class Shape:
    """A model and, for a kind of fact (`SECTIONS`), its `x-section` in the schema: the key
    that holds its list, its labels, the fields search reads, its `parts` (milestones),
    its CSV sources (`label:NAME`, `parent:NAME`) and what `coop diff` says of it."""

    __slots__ = (
        "by_name", "change_fields", "changes", "csv", "fields", "heading", "headline", "key", "label",
        "model", "parts", "position", "removed_quote", "search", "search_labels", "subject",
        "title",
    )  # fmt: skip

    def __init__(self, model: str, key: str = "", parent: Shape | None = None) -> None:
        definition = _DEFS[model]
        fact = "source" in definition["properties"]
        self.model, self.key = model, key
        self.fields = tuple(
            Field(name, spec, model if fact else "")
            for name, spec in definition["properties"].items()
        )
        self.by_name = {field.name: field for field in self.fields}  # search asks per fact
        section = definition.get("x-section", {})
        diff = section.get("diff", {})
        self.label: str = section.get("label", "")
        self.heading: str = section.get("heading", "")
        self.title: str = section.get("title") or self.label
        self.search: tuple[str, ...] = tuple(section.get("search", ()))
        self.search_labels = tuple(
            name
            for name in self.search
            if self.field(name).kind == "id" and name not in section.get("search_ids", ())
        )
        self.position: tuple[int, int] = (section.get("card_position", 0), diff.get("position", 0))
        self.changes: tuple[str, str, str] = (
            diff.get("added", ""), diff.get("removed", ""), diff.get("changed", "")
        )  # fmt: skip
        self.headline: str = diff.get("headline", "")
        self.subject: str = diff.get("subject", "")
        self.change_fields = tuple((f, change) for f, change in diff.get("fields", ()))
        self.removed_quote: bool = diff.get("removed_quote", True)
        facts = [field for field in self.fields if field.kind == "facts"] if fact else []
        self.parts = tuple(Shape(field.items, field.name, self) for field in facts)
        self.csv = _csv_sources(self, parent) if fact else ()

    def field(self, name: str) -> Field:
        """The field called `name`."""
        return self.by_name[name]


def _csv_sources(fact: Shape, parent: Shape | None) -> tuple[tuple[str, str], ...]:
    """The field behind each CSV column: the first vocabulary is `kind`, the second
    `status`, the first date `date`; `title` the title, name, parent's title or kind."""
    names = [field.name for field in fact.fields if field.kind != "facts"]
    vocabularies = [field.name for field in fact.fields if field.kind == "id"]
    titles = ["parent:title"] if parent else [name for name in ("title", "name") if name in names]
    candidates = {
        "kind": vocabularies[:1],
        "title": titles + [f"label:{name}" for name in vocabularies[:1]],
        "status": vocabularies[1:2],
        "date": [field.name for field in fact.fields if field.kind == "date"][:1],
    }
    sources = dict(zip(names, names, strict=True))
    sources.update((column, found[0]) for column, found in candidates.items() if found)
    return tuple(
        (column, sources[column]) for column in _SCHEMA["x-csv-columns"] if column in sources
    )


if TYPE_CHECKING:
    META: Shape
    MEMBER: Shape
    PARTNER: Shape
    SECTIONS: tuple[Shape, ...]  # a partner's kinds of fact, in the dataset's order
    SECTION: dict[str, Shape]  # by the key that holds their list
    CARD_ORDER: tuple[str, ...]
    EVERY_SECTION: dict[str, Shape]  # milestones too, each after its parent
    DIFF_ORDER: tuple[str, ...]
    CSV_COLUMNS: tuple[str, ...]  # a contract: new ones are appended

_SCHEMA: dict[str, Any] = {}
_DEFS: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    if _SCHEMA or name.startswith("__"):
        raise AttributeError(name)
    schema = built_schema()
    _DEFS.update(schema["$defs"])
    _SCHEMA.update(schema)
    partner = Shape("Partner")
    sections = tuple(Shape(f.items, f.name) for f in partner.fields if f.kind == "facts")
    every = {shape.key: shape for section in sections for shape in (section, *section.parts)}
    globals().update(
        META=Shape("Meta"),
        MEMBER=Shape("Member"),
        PARTNER=partner,
        SECTIONS=sections,
        SECTION={section.key: section for section in sections},
        CARD_ORDER=tuple(s.key for s in sorted(sections, key=lambda s: s.position[0])),
        EVERY_SECTION=every,
        DIFF_ORDER=tuple(key for key, s in sorted(every.items(), key=lambda i: i[1].position[1])),
        CSV_COLUMNS=tuple(schema["x-csv-columns"]),
    )
    return globals()[name]
