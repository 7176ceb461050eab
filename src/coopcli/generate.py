"""`python -m coopcli.generate`: write every file derived from the Pydantic models.

The models (`coopcli.model`, with each kind of fact's `Section` declaration) are the one
hand-written description of a fact. From them this command writes, and a test checks
that the committed copies equal what it would write:

- `schema/countries.schema.json`, the JSON Schema (`coop schema` prints the same);
- `src/coopcli/shape.py`, the sections of a partner as plain data (no import at all), which
  everything that walks facts iterates at run time: search, fact counting, validation's
  walk, the card's order, the CSV columns and the SQLite tables;
- the generated part of `src/coopcli/records.py`: a `TypedDict` per model and the row of
  the CSV export, so that mypy sees the shapes the run time uses.

The CSV export's columns are a contract that only grows: the columns of the committed
`shape.py` keep their order and a new field's column is appended after them.
"""

from __future__ import annotations

import json
import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parents[1]
"""The source checkout, where coop is installed from one in place (`pip install -e`)."""
SCHEMA_FILE = ROOT / "schema" / "countries.schema.json"
SHAPE_FILE = ROOT / "src" / "coopcli" / "shape.py"
RECORDS_FILE = ROOT / "src" / "coopcli" / "records.py"
COMMITTED_SHAPE = PACKAGE / "shape.py"
"""The registry as committed: the checkout's, or the copy a wheel installed (whose CSV
columns a regeneration keeps in their order)."""


_SHAPE_HEADER = '''"""The shape of a partner's facts: GENERATED from `coopcli.model` by
`python -m coopcli.generate`; do not edit (a test regenerates it and fails on a difference).

Plain data that imports nothing, so that reading it costs a run nothing: everything that
walks a partner's facts iterates `SECTIONS` (search, fact counting, validation, the card,
the CSV and SQLite exports), and the models stay the one description of a fact.
"""

from __future__ import annotations


class Field:
    """One field of a model: its name, what it holds (`text`, `date`, `id` of a
    vocabulary, `int`, `bool`, `texts`, `reasons` for `inferred`, `facts` or `records` for
    a list of models), whether it must be given, whether it may be null, its default, its
    vocabulary's name (`coopcli.vocab.VOCABULARIES`), its SQLite column, its role
    (`coopcli.vocab.ROLES`) and the words a reader sees for it (`label`)."""

    __slots__ = (
        "column", "default", "kind", "label", "name", "optional", "required", "role", "vocabulary"
    )  # fmt: skip

    def __init__(
        self,
        name: str,
        kind: str,
        *,
        required: bool = False,
        optional: bool = False,
        default: object = None,
        vocabulary: str | None = None,
        column: str | None = None,
        role: str = "detail",
        label: str = "",
    ) -> None:
        self.name = name
        self.kind = kind
        self.required = required
        self.optional = optional
        self.default = [] if kind in ("texts", "facts", "records") else default
        self.vocabulary = vocabulary
        self.column = column or name
        self.role = role
        self.label = label or name.replace("_", " ").capitalize()


class Shape:
    """A model; for a kind of fact (`SECTIONS`), also the partner's (or parent fact's) key
    that holds its list, its label, card heading and title (what a fact's own card calls
    it), the fields search reads (those in `search_labels` by their vocabulary's label),
    its facts (`parts`: an agreement's milestones), the field behind each CSV column, and
    what `coop diff` says of it: its change ids (added, removed, changed), the field an
    added or removed fact's row gives (`headline`), the field that names it (`subject`,
    `label:NAME` a vocabulary label), the fields whose change has an id of its own
    (`change_fields`) and whether a removed fact's row gives its quote."""

    __slots__ = (
        "change_fields",
        "changes",
        "csv",
        "fields",
        "heading",
        "headline",
        "key",
        "label",
        "model",
        "parts",
        "removed_quote",
        "search",
        "search_labels",
        "subject",
        "title",
    )

    def __init__(
        self,
        model: str,
        fields: tuple[Field, ...],
        *,
        key: str = "",
        label: str = "",
        heading: str = "",
        title: str = "",
        search: tuple[str, ...] = (),
        search_labels: tuple[str, ...] = (),
        parts: tuple[Shape, ...] = (),
        csv: tuple[tuple[str, str], ...] = (),
        changes: tuple[str, str, str] = ("", "", ""),
        headline: str = "",
        subject: str = "",
        change_fields: tuple[tuple[str, str], ...] = (),
        removed_quote: bool = True,
    ) -> None:
        self.model = model
        self.fields = fields
        self.key = key
        self.label = label
        self.heading = heading
        self.title = title or label
        self.search = search
        self.search_labels = search_labels
        self.parts = parts
        self.csv = csv
        self.changes = changes
        self.headline = headline
        self.subject = subject
        self.change_fields = change_fields
        self.removed_quote = removed_quote

    def field(self, name: str) -> Field:
        """The field called `name`."""
        return next(field for field in self.fields if field.name == name)

'''


def _committed_csv_columns() -> list[str] | None:
    """The CSV columns of the committed `shape.py`, read from its text (it may be stale
    or broken, by a merge say: it is about to be written again)."""
    import ast
    import re

    try:
        text = COMMITTED_SHAPE.read_text(encoding="utf-8")
        found = re.search(r"^CSV_COLUMNS = (\([^)]*\))", text, re.MULTILINE)
        return list(ast.literal_eval(found.group(1))) if found else None
    except (OSError, ValueError, SyntaxError):
        return None


def _bootstrap() -> list[str] | None:
    """The committed CSV columns; and a `shape.py` that imports, if the committed one does
    not (the models import `coopcli.vocab`, which reads it)."""
    committed = COMMITTED_SHAPE
    if not committed.is_file():
        return None
    columns = _committed_csv_columns()
    try:
        exec(compile(committed.read_text(encoding="utf-8"), str(committed), "exec"), {})
    except Exception:
        committed.write_text(_SHAPE_HEADER + "SECTIONS: tuple[Shape, ...] = ()\n", encoding="utf-8")
    return columns


RECORDS_BEGIN = "# --- generated by `python -m coopcli.generate` from coopcli.model: begin ---\n"
RECORDS_END = "# --- generated: end ---\n"

CSV_SUMMARY = (
    "country", "country_name", "region", "section", "path", "kind", "title", "status",
    "date", "end", "ongoing", "when", "planned", "people", "inferred", "source",
)  # fmt: skip
"""The CSV export's first columns (coop 0.3's, in its order): the partner, where the fact
lies, and a summary any kind of fact fills in (`kind`: its first vocabulary field;
`title`: its `title` or `name`, else its kind's label, a milestone its agreement's;
`status`: its second vocabulary field; `date`: its first date field). Every other field
of a fact has a column of its own name after these, in the order the generator first
met it, and `fact` (`PARTNER/ID`) the fact's citation."""

_PARTNER_COLUMNS = ("country", "country_name", "region", "section", "path")

# Words SQLite reserves that a column named after a field would have to quote.
_SQL_KEYWORDS = frozenset(
    """abort action add after all alter always analyze and as asc attach autoincrement
    before begin between by cascade case cast check collate column commit conflict
    constraint create cross current current_date current_time current_timestamp database
    default deferrable deferred delete desc detach distinct do drop each else end escape
    except exclude exclusive exists explain fail filter first following for foreign from
    full generated glob group groups having if ignore immediate in index indexed initially
    inner insert instead intersect into is isnull join key last left like limit match
    materialized natural no not nothing notnull null nulls of offset on or order others
    outer over partition plan pragma preceding primary query raise range recursive
    references regexp reindex release rename replace restrict returning right rollback
    row rows savepoint select set table temp temporary then ties to transaction trigger
    unbounded union unique update using vacuum values view virtual when where window with
    without""".split()  # noqa: SIM905
)


_COMMITTED_CSV_COLUMNS = _bootstrap()

from pydantic import BaseModel  # noqa: E402
from pydantic_core import PydanticUndefined  # noqa: E402

from coopcli import model, vocab  # noqa: E402
from coopcli.rules import PARTIAL_DATE_PATTERN  # noqa: E402

# --- reading the models -----------------------------------------------------------------


def _literal_names() -> dict[tuple[Any, ...], str]:
    return {
        get_args(value): name
        for name, value in vars(vocab).items()
        if get_origin(value) is Literal and name[:1].isupper()
    }


def _record_name(pydantic_model: type[BaseModel]) -> str:
    """The TypedDict of a model's records: `FrameworkRecord`; the whole file's is the
    public `DatasetRecord`."""
    return f"{pydantic_model.__name__.removesuffix('File')}Record"


def _python_type(annotation: Any, literals: dict[tuple[Any, ...], str]) -> str:
    """The type of a field's dumped value, as `records.py` spells it."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _python_type(get_args(annotation)[0], literals)
    if origin in (Union, types.UnionType):
        return " | ".join(_python_type(arg, literals) for arg in get_args(annotation))
    if origin is Literal:
        values = get_args(annotation)
        return literals.get(values) or type(values[0]).__name__
    if origin is list:
        return f"list[{_python_type(get_args(annotation)[0], literals)}]"
    if origin is dict:
        key, value = (_python_type(arg, literals) for arg in get_args(annotation))
        return f"dict[{key}, {value}]"
    if annotation is type(None):
        return "None"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _record_name(annotation)
    if annotation in (str, int, bool):
        return str(annotation.__name__)
    raise TypeError(f"no record type for {annotation!r}")


def _kind(spec: dict[str, Any], definitions: dict[str, Any]) -> str:
    """What a field holds, from its JSON Schema: text, date, id (of a vocabulary), int,
    bool, texts (a list of text), reasons (`inferred`), facts or records (lists of
    models)."""
    alternatives = spec.get("anyOf")
    if alternatives:
        spec = next(a for a in alternatives if a != {"type": "null"})
    if "x-vocabulary" in spec:
        return "id"
    kind = spec.get("type")
    if kind == "string":
        return "date" if spec.get("pattern") == PARTIAL_DATE_PATTERN else "text"
    if kind == "integer":
        return "int"
    if kind == "boolean":
        return "bool"
    if kind == "object":
        return "reasons"
    if kind == "array":
        items = spec["items"]
        if "$ref" in items:
            name = items["$ref"].rsplit("/", 1)[1]
            return "facts" if "source" in definitions[name]["properties"] else "records"
        return "texts"
    raise TypeError(f"no kind for {spec!r}")


def _item_model(annotation: Any) -> type[BaseModel] | None:
    """The model of a `list[Model]` field, if it is one."""
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
    return None


def _column(name: str, kind: str, model_name: str) -> str:
    """A field's SQLite column: its name, unless that would clash with the row's `id`
    (then the model's name: `framework`, `area`) or need quoting (`end_date`, `when_text`)."""
    if name == "id" and model_name:
        return model_name.lower()
    if name in _SQL_KEYWORDS:
        return f"{name}_{'date' if kind == 'date' else 'text'}"
    return name


class _Field:
    def __init__(self, pydantic_model: type[BaseModel], name: str, schema: dict[str, Any]) -> None:
        info = pydantic_model.model_fields[name]
        self.name = name
        self.kind = _kind(
            schema["$defs"][pydantic_model.__name__]["properties"][name], schema["$defs"]
        )
        self.required = info.default is PydanticUndefined
        self.default = None if self.required else info.default
        self.optional = not self.required and info.default is None
        self.vocabulary = None
        spec = schema["$defs"][pydantic_model.__name__]["properties"][name]
        for alternative in spec.get("anyOf", [spec]):
            self.vocabulary = self.vocabulary or alternative.get("x-vocabulary")
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        self.role = str(extra.get("role", "detail"))
        self.label = str(extra.get("label", ""))
        is_fact = "source" in pydantic_model.model_fields
        self.column = _column(name, self.kind, pydantic_model.__name__ if is_fact else "")
        self.part = _item_model(info.annotation) if self.kind == "facts" else None

    @classmethod
    def text(cls) -> _Field:
        """A text value that no field holds (a label, a parent's title)."""
        field = cls.__new__(cls)
        field.name, field.kind, field.optional = "", "text", False
        return field

    def source(self) -> str:
        arguments = [repr(self.name), repr(self.kind)]
        if self.required:
            arguments.append("required=True")
        if self.optional:
            arguments.append("optional=True")
        if self.default is not None and self.kind not in ("texts", "facts", "records"):
            arguments.append(f"default={self.default!r}")
        if self.vocabulary:
            arguments.append(f"vocabulary={self.vocabulary!r}")
        if self.column != self.name:
            arguments.append(f"column={self.column!r}")
        if self.role != "detail":
            arguments.append(f"role={self.role!r}")
        if self.label:
            arguments.append(f"label={self.label!r}")
        return f"Field({', '.join(arguments)})"


def _fields(pydantic_model: type[BaseModel], schema: dict[str, Any]) -> list[_Field]:
    return [_Field(pydantic_model, name, schema) for name in pydantic_model.model_fields]


# --- the CSV export ---------------------------------------------------------------------


def _csv_sources(fields: list[_Field], is_part: bool, columns: list[str]) -> dict[str, str]:
    """Which field fills each CSV column for one kind of fact (see `CSV_SUMMARY`):
    `NAME` a field's value, `label:NAME` the label of a vocabulary field's value,
    `parent:NAME` its parent fact's field."""
    by_name = {field.name: field for field in fields}
    vocabularies = [field.name for field in fields if field.kind == "id"]
    dates = [field.name for field in fields if field.kind == "date"]
    sources: dict[str, str] = {}
    if vocabularies:
        sources["kind"] = vocabularies[0]
    if is_part:
        sources["title"] = "parent:title"
    elif "title" in by_name:
        sources["title"] = "title"
    elif "name" in by_name:
        sources["title"] = "name"
    elif vocabularies:
        sources["title"] = f"label:{vocabularies[0]}"
    if len(vocabularies) > 1:
        sources["status"] = vocabularies[1]
    if dates:
        sources["date"] = dates[0]
    for column in columns:
        if column in by_name and by_name[column].kind not in ("facts", "records"):
            sources.setdefault(column, column)
    return sources


def _csv_columns(walk: list[tuple[type[BaseModel], list[_Field]]]) -> list[str]:
    """The committed columns in their order, then a column for each new field."""
    columns = list(_COMMITTED_CSV_COLUMNS or CSV_SUMMARY)
    for _, fields in walk:
        for field in fields:
            if field.kind not in ("facts", "records") and field.name not in columns:
                columns.append(field.name)
    if all(any(field.name == "id" for field in fields) for _, fields in walk):
        columns += [] if "fact" in columns else ["fact"]  # `PARTNER/ID`, once facts have ids
    fed = {field.name for _, fields in walk for field in fields} | set(CSV_SUMMARY)
    gone = [column for column in columns if column not in fed and column != "fact"]
    if gone:
        raise SystemExit(
            f"the CSV columns {gone} have no field any more: a CSV column is a contract; "
            "remove it from src/coopcli/shape.py by hand if you mean to break it"
        )
    return columns


# --- writing ----------------------------------------------------------------------------


def _shape_source(
    pydantic_model: type[BaseModel], schema: dict[str, Any], key: str, columns: list[str]
) -> str:
    fields = _fields(pydantic_model, schema)
    declared: model.Section | None = getattr(pydantic_model, "section", None)
    lines = [f"Shape(\n    {pydantic_model.__name__!r},\n    (\n"]
    lines += [f"        {field.source()},\n" for field in fields]
    lines.append("    ),\n")
    if declared is not None:
        names = {field.name for field in fields}
        unknown = [name for name in declared.search if name not in names]
        if unknown:
            raise SystemExit(f"{pydantic_model.__name__}.section searches no field {unknown}")
        parts = [
            _shape_source(field.part, schema, field.name, columns).replace("\n", "\n    ")
            for field in fields
            if field.part is not None
        ]
        is_part = pydantic_model not in _section_models().values()
        csv = _csv_sources(fields, is_part, columns)
        lines.append(f"    key={key!r},\n    label={declared.label!r},\n")
        if declared.heading:
            lines.append(f"    heading={declared.heading!r},\n")
        if declared.title:
            lines.append(f"    title={declared.title!r},\n")
        lines.append(f"    search={declared.search!r},\n")
        labelled = tuple(
            name
            for name in declared.search
            if next(f for f in fields if f.name == name).kind == "id"
            and name not in declared.search_ids
        )
        if labelled:
            lines.append(f"    search_labels={labelled!r},\n")
        if parts:
            lines.append("    parts=(\n" + "".join(f"        {p},\n" for p in parts) + "    ),\n")
        lines.append(
            "    csv=(\n"
            + "".join(f"        ({c!r}, {csv[c]!r}),\n" for c in columns if c in csv)
            + "    ),\n"
        )
        lines += _diff_source(pydantic_model.__name__, declared.diff, names)
    lines.append(")")
    return "".join(lines)


def _diff_source(name: str, changes: model.Changes | None, fields: set[str]) -> list[str]:
    """The arguments of a kind of fact's `Shape` that say what `coop diff` reports of it."""
    if changes is None:
        raise SystemExit(f"{name}.section needs `diff=Changes(...)`: what coop diff says of it")
    named = [changes.headline, changes.subject.removeprefix("label:")]
    named += [field for field, _ in changes.fields]
    unknown = [field for field in named if field not in fields]
    if unknown:
        raise SystemExit(f"{name}.section.diff names no field {unknown}")
    ids = (changes.added, changes.removed, changes.changed)
    lines = [
        f"    changes={ids!r},\n",
        f"    headline={changes.headline!r},\n",
        f"    subject={changes.subject!r},\n",
    ]
    if changes.fields:
        lines.append(f"    change_fields={changes.fields!r},\n")
    if not changes.removed_quote:
        lines.append("    removed_quote=False,\n")
    return lines


def _places() -> list[tuple[str, str]]:
    """Each kind of fact's key and where `shape.py` holds its `Shape`
    (`SECTIONS[1].parts[0]`), in `_walk`'s order."""
    out: list[tuple[str, str]] = []

    def visit(key: str, fact_model: type[BaseModel], place: str) -> None:
        out.append((key, place))
        parts = [
            (name, item)
            for name, info in fact_model.model_fields.items()
            if (item := _item_model(info.annotation)) is not None and "source" in item.model_fields
        ]
        for n, (name, item) in enumerate(parts):
            visit(name, item, f"{place}.parts[{n}]")

    for n, (key, fact_model) in enumerate(_section_models().items()):
        visit(key, fact_model, f"SECTIONS[{n}]")
    return out


def _diff_order() -> tuple[str, ...]:
    """The keys of every kind of fact (milestones too), in the order of `coop diff`'s
    changes."""
    walk = _walk()
    positions = [fact_model.section.diff.position for _, fact_model in walk]  # type: ignore[attr-defined]
    if len(set(positions)) != len(positions):
        raise SystemExit(f"two kinds of fact share a diff position: {positions}")
    return tuple(key for _, key in sorted(zip(positions, (key for key, _ in walk), strict=True)))


def _section_models() -> dict[str, type[BaseModel]]:
    """The partner's lists of facts, by key, in the dataset's order."""
    found: dict[str, type[BaseModel]] = {}
    for name, info in model.Partner.model_fields.items():
        item = _item_model(info.annotation)
        if item is not None and "source" in item.model_fields:
            found[name] = item
    return found


def _walk() -> list[tuple[str, type[BaseModel]]]:
    """Every kind of fact, each followed by the kinds of fact inside it."""
    out: list[tuple[str, type[BaseModel]]] = []

    def visit(key: str, fact_model: type[BaseModel]) -> None:
        out.append((key, fact_model))
        for name, info in fact_model.model_fields.items():
            item = _item_model(info.annotation)
            if item is not None and "source" in item.model_fields:
                visit(name, item)

    for key, fact_model in _section_models().items():
        visit(key, fact_model)
    return out


def _kinds(schema: dict[str, Any]) -> list[tuple[type[BaseModel], list[_Field], bool]]:
    """Every kind of fact (see `_walk`), its fields, and whether it is a part of another."""
    sections = set(_section_models().values())
    return [(m, _fields(m, schema), m not in sections) for _, m in _walk()]


def shape_source(schema: dict[str, Any]) -> str:
    """The text of `shape.py`."""
    columns = _csv_columns([(m, f) for m, f, _ in _kinds(schema)])
    sections = _section_models()
    for _, fact_model in _walk():
        if getattr(fact_model, "section", None) is None or "section" in fact_model.model_fields:
            raise SystemExit(f"{fact_model.__name__} needs a `section: ClassVar[Section]`")
    card = sorted(sections, key=lambda key: sections[key].section.card_position)  # type: ignore[attr-defined]
    out = [_SHAPE_HEADER]
    for name in ("Meta", "Member", "Partner"):
        out.append(
            f"{name.upper()} = {_shape_source(getattr(model, name), schema, '', columns)}\n\n"
        )
    out.append("SECTIONS: tuple[Shape, ...] = (\n")
    for key, fact_model in sections.items():
        text = _shape_source(fact_model, schema, key, columns).replace("\n", "\n    ")
        out.append(f"    {text},\n")
    out.append(
        ')\n"""The kinds of a partner\'s facts, in the dataset\'s (and search\'s) order."""\n\n'
    )
    out.append(
        "SECTION = {section.key: section for section in SECTIONS}\n"
        '"""Each kind of fact by the partner\'s key that holds its list."""\n\n'
        f"CARD_ORDER = {tuple(card)!r}\n"
        '"""The sections in the order the card shows them."""\n\n'
        "EVERY_SECTION = {\n" + "".join(f"    {k!r}: {p},\n" for k, p in _places()) + "}\n"
        '"""Every kind of fact, an agreement\'s milestones too, by its key (a fact\'s\n'
        '`section`), in the dataset\'s order, each followed by its parts."""\n\n'
        f"DIFF_ORDER = {_diff_order()!r}\n"
        '"""Every kind of fact (an agreement\'s milestones too) by its key, in the order of\n'
        "`coop diff`'s changes within a partner (0.3's order first: agreements, areas,\n"
        'events)."""\n\n'
        "CSV_COLUMNS = (\n" + "".join(f"    {column!r},\n" for column in columns) + ")\n"
        '"""The columns of `coop export --format csv`, a contract: new ones are appended."""\n'
    )
    return "".join(out)


def records_source(schema: dict[str, Any]) -> str:
    """The generated part of `records.py`: a TypedDict per model and the CSV row."""
    literals = _literal_names()
    out = [RECORDS_BEGIN]
    every_model: list[type[BaseModel]] = [model.Meta, model.Member]
    every_model += [fact_model for _, fact_model in _walk()]
    every_model += [model.Partner, model.DatasetFile]
    for pydantic_model in every_model:
        doc = (pydantic_model.__doc__ or "").strip()
        out.append(f"\n\nclass {_record_name(pydantic_model)}(TypedDict):\n")
        out.append(f'    """{doc}"""\n\n')
        for name, info in pydantic_model.model_fields.items():
            out.append(f"    {name}: {_python_type(info.annotation, literals)}\n")
    kinds = _kinds(schema)
    columns = _csv_columns([(m, f) for m, f, _ in kinds])
    out.append(
        '\n\nclass FactRow(TypedDict):\n    """A row of `coop export --format csv`, lists kept'
    )
    out.append(' as lists (`Dataset.fact_rows`)."""\n\n')
    for column in columns:
        out.append(f"    {column}: {_csv_type(column, [(f, p) for _, f, p in kinds])}\n")
    out.append("\n\n" + RECORDS_END)
    return "".join(out)


_BASE_TYPES = {"text": "str", "date": "str", "id": "str", "int": "int", "bool": "bool"}


def _csv_type(column: str, kinds: list[tuple[list[_Field], bool]]) -> str:
    """A CSV column's type: the types of the fields that fill it, null where a kind of
    fact has none (a list column is empty instead)."""
    if column in _PARTNER_COLUMNS or column == "fact":
        return "str"
    if column == "inferred":
        return "dict[str, str] | None"
    feeding: list[_Field] = []
    missing = False
    for fields, is_part in kinds:
        source = _csv_sources(fields, is_part, [column]).get(column)
        if source is None:
            missing = True
        elif source.startswith(("label:", "parent:")):
            feeding.append(_Field.text())
        else:
            feeding.append(next(f for f in fields if f.name == source))
    if any(field.kind == "texts" for field in feeding):
        return "list[str]"
    base = " | ".join(dict.fromkeys(_BASE_TYPES[field.kind] for field in feeding))
    if missing or any(field.optional for field in feeding):
        return f"{base} | None"
    return base


def _formatted(text: str, root: Path) -> str:
    """`text` as `ruff format` writes it, so that the generated files pass its check."""
    import subprocess

    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", "generated.py", "-"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
        cwd=root,  # its pyproject.toml holds the project's ruff settings
    )
    if result.returncode != 0:
        raise SystemExit(f"ruff format failed (pip install -e '.[test]'): {result.stderr}")
    return result.stdout


def generated_files(root: Path = ROOT) -> dict[Path, str]:
    """Each generated file of the source checkout `root` and the text it should have."""
    from coopcli.schema import dataset_schema

    schema = dataset_schema()
    records_file = root / RECORDS_FILE.relative_to(ROOT)
    records = records_file.read_text(encoding="utf-8")
    start, end = records.index(RECORDS_BEGIN), records.index(RECORDS_END) + len(RECORDS_END)
    return {
        root / SCHEMA_FILE.relative_to(ROOT): json.dumps(schema, ensure_ascii=False, indent=2)
        + "\n",
        root / SHAPE_FILE.relative_to(ROOT): _formatted(shape_source(schema), root),
        records_file: _formatted(records[:start] + records_source(schema) + records[end:], root),
    }


def main() -> int:
    """Write every generated file that differs; say which."""
    if not (ROOT / "pyproject.toml").is_file() or not SHAPE_FILE.is_file():
        print("python -m coopcli.generate runs in a source checkout of coop", file=sys.stderr)
        return 2
    for path, text in generated_files().items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
