"""The dataset as a SQLite database, its tables built from the models (`coopcli.shape`).
Columns are the JSON keys (`field.column` renames a few); a fact's row has its `path` and
`fact`; lists and `inferred` are JSON text. `facts_fts` indexes `facts` (`content="facts"`,
which Datasette detects); `search` is the older index. The registry of things is `things`,
its names `thing_names`, the facts naming each `thing_facts` (joined to any fact table by
`fact`) and `identifications`. Same dataset, same bytes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from coopcli import __version__, shape
from coopcli.factids import fact_name
from coopcli.facts import fields_of, located
from coopcli.render.base import Output, Sink, dataset_document
from coopcli.shape import Field, Shape
from coopcli.textfold import fold
from coopcli.things import Registry

if TYPE_CHECKING:
    import sqlite3

    from coopcli.records import DatasetRecord

LAYOUT_VERSION = 3  # `PRAGMA user_version`: raised when a table or column changes (3: things)
TOKENIZER = "unicode61 remove_diacritics 2"  # case and accents aside, as `coop search`
_COUNTRY = "country TEXT NOT NULL REFERENCES partners(id)"
_ROW_ID = "id INTEGER PRIMARY KEY"


def _own(section: Shape) -> list[Field]:
    """A model's fields that are columns: not its lists of facts, nor a thing's names."""
    lists = ("facts", "records", "texts" if section.model == "Thing" else "")
    return [field for field in section.fields if field.kind not in lists]


_THING = Shape("Thing")  # its lists are tables: thing_names, identifications
_IDENTIFICATION = Shape("Identification")
_THING_KEY = "thing TEXT NOT NULL REFERENCES things(id)"


def _table(name: str, section: Shape, head: Sequence[str] = (), tail: Sequence[str] = ()) -> str:
    columns = list(head)
    for field in _own(section):
        sql_type = "INTEGER" if field.kind in ("int", "bool") else "TEXT"
        key = " PRIMARY KEY" if field.column == "id" else "" if field.optional else " NOT NULL"
        columns.append(f"{field.column} {sql_type}{key}")
    return f"CREATE TABLE {name} (\n    " + ",\n    ".join([*columns, *tail]) + "\n)"


def _parent_key(parent: Shape) -> str:
    return f"{parent.model.lower()}_id"


def _fact_table(section: Shape, parent: Shape | None) -> str:
    head = [_ROW_ID, _COUNTRY, "path TEXT NOT NULL", "fact TEXT NOT NULL"]
    if parent:
        head.insert(1, f"{_parent_key(parent)} INTEGER NOT NULL REFERENCES {parent.key}(id)")
    return _table(section.key, section, head)


# Each kind of fact, and the one it is part of (a milestone's agreement)
_KINDS: list[tuple[Shape, Shape | None]] = [
    kind for s in shape.SECTIONS for kind in [(s, None), *((part, s) for part in s.parts)]
]
SCHEMA = (
    ";\n".join(
        [
            _table("meta", shape.META, tail=("coop_version TEXT NOT NULL",)),
            _table("partners", shape.PARTNER),
            _table("members", shape.MEMBER, (_ROW_ID, _COUNTRY)),
            *(_fact_table(section, parent) for section, parent in _KINDS),
            _table("things", _THING),
            f"CREATE TABLE thing_names ({_ROW_ID}, {_THING_KEY}, name TEXT NOT NULL,"
            " written INTEGER NOT NULL)",
            f"CREATE TABLE thing_facts ({_ROW_ID}, {_THING_KEY}, {_COUNTRY},"
            " fact TEXT NOT NULL, field TEXT NOT NULL)",
            _table("identifications", _IDENTIFICATION, (_ROW_ID, _THING_KEY)),
            f"""CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    {_COUNTRY},
    section TEXT NOT NULL,
    path TEXT NOT NULL,
    fact TEXT,
    text TEXT NOT NULL,
    folded TEXT NOT NULL,
    source TEXT
)""",
            f"""CREATE VIRTUAL TABLE facts_fts USING fts5(
    text, folded, content="facts", content_rowid="id", tokenize="{TOKENIZER}"
)""",
            f"""CREATE VIRTUAL TABLE search USING fts5(
    country UNINDEXED, section UNINDEXED, path UNINDEXED, text, folded,
    tokenize = "{TOKENIZER}"
)""",
        ]
    )
    + ";\n"
)

# The columns people filter and join by, each with an index: the partner, the parent
# fact, a fact's own id, vocabulary ids and dates.
INDEXES = {
    "members": ("country",),
    **{
        section.key: (
            "country",
            *([_parent_key(parent)] if parent else []),
            "fact",
            *(f.column for f in _own(section) if f.kind in ("id", "date") or f.name == "id"),
        )
        for section, parent in _KINDS
    },
    "facts": ("country", "section"),
    "thing_names": ("thing",),
    "thing_facts": ("thing", "country", "fact"),
    "identifications": ("thing", "fact"),
}


def write_sqlite(output: Output, sink: Sink) -> None:
    import sqlite3

    document = dataset_document(output, "SQLite")
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(SCHEMA)
        with connection:
            _insert_dataset(connection, document)
            connection.execute("INSERT INTO facts_fts(facts_fts) VALUES ('rebuild')")
            for table, columns in INDEXES.items():
                for column in columns:
                    connection.execute(f"CREATE INDEX {table}_{column} ON {table} ({column})")
            connection.execute(f"PRAGMA user_version = {LAYOUT_VERSION}")
        problems = connection.execute("PRAGMA foreign_key_check").fetchall()
        assert not problems, problems  # the inserts above cannot break a key
        connection.execute("VACUUM")
        sink.write_bytes(connection.serialize())
    finally:
        connection.close()


def _values(section: Shape, record: Any) -> dict[str, Any]:
    row = {}
    for field in _own(section):
        value = record[field.name]
        if field.kind in ("texts", "reasons") and value is not None:
            value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        row[field.column] = int(value) if field.kind == "bool" else value
    return row


def _insert(connection: sqlite3.Connection, table: str, row: dict[str, Any]) -> int | None:
    sql = f"INSERT INTO {table} ({', '.join(row)}) VALUES (:{', :'.join(row)})"
    return connection.execute(sql, row).lastrowid


def _insert_dataset(connection: sqlite3.Connection, document: Any) -> None:
    meta = _values(shape.META, document["meta"])
    _insert(connection, "meta", {**meta, "coop_version": __version__})
    # a file of layout 1-3 has none: the registry coop derives from its facts
    registry = Registry(cast("DatasetRecord", {"things": [], **document}))
    for thing in registry.things.values():
        _insert(connection, "things", _values(_THING, thing))
        # the source's forms (written 1), then its name if the source does not write it, and
        # its aliases (0): each once, so that `written` and `aliases` read back in order
        for name in dict.fromkeys([*thing["written"], thing["name"], *thing["aliases"]]):
            row = {"thing": thing["id"], "name": name, "written": int(name in thing["written"])}
            _insert(connection, "thing_names", row)
        for found in thing["identified"]:
            row = {"thing": thing["id"], **_values(_IDENTIFICATION, found)}
            _insert(connection, "identifications", row)
    for partner in document["partners"]:
        country = partner["id"]
        _insert(connection, "partners", _values(shape.PARTNER, partner))
        for member in partner["members"]:
            _insert(connection, "members", {"country": country, **_values(shape.MEMBER, member)})
        for section in shape.SECTIONS:
            facts = partner[section.key]
            _insert_facts(connection, registry, country, section, facts, section.key, {})
        # The same fields, one fact per row, that `coop search` matches all its words in.
        for key, path, fact in located(partner):
            text = "\n".join(text for _, text in fields_of(partner, key, fact))
            row = {"country": country, "section": key, "path": path}
            cited = source = None
            if fact is not None:
                cited, source = fact_name(country, fact["id"]), fact["source"]
            texts = {"text": text, "folded": fold(text)}
            _insert(connection, "facts", {**row, "fact": cited, **texts, "source": source})
            _insert(connection, "search", row | texts)


def _insert_facts(
    connection: sqlite3.Connection,
    registry: Registry,
    country: str,
    section: Shape,
    entries: Sequence[Any],
    path: str,
    parent: dict[str, Any],
) -> None:
    for position, fact in enumerate(entries):
        here = f"{path}[{position}]"
        cited = fact_name(country, fact["id"])
        row = {**parent, "country": country, "path": here, "fact": cited}
        row_id = _insert(connection, section.key, row | _values(section, fact))
        # the things its fields name (a milestone has none), then those its quote alone does
        fields = registry.in_fields(section.key, fact) if section.key in shape.SECTION else {}
        quoted = sorted(registry.in_quote(fact["source"]) - fields.keys())
        for thing, names in [*fields.items(), *((thing, ["source"]) for thing in quoted)]:
            for field in names:
                about = {"thing": thing, "country": country, "fact": cited, "field": field}
                _insert(connection, "thing_facts", about)
        for part in section.parts:
            at = f"{here}.{part.key}", {_parent_key(section): row_id}
            _insert_facts(connection, registry, country, part, fact[part.key], *at)
