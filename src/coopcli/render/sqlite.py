"""The SQLite format (`coop export --format sqlite --output FILE`): the dataset as a
normalised database for SQL, Datasette and sqlite-utils, every table derived from the
models (`coopcli.shape`). Columns are the JSON keys, but for a fact's own `id` (named
after its kind), `end` (`end_date`) and `when` (`when_text`); each fact row has its
`path` and `fact` (`tunisia/visit-2021-05`). Lists and `inferred` are JSON text. `facts`
holds the texts search reads, `facts_fts` indexes them (`content="facts"`, which
Datasette detects); `search` is the older index, kept. Same dataset, same bytes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from coopcli import shape
from coopcli.factids import fact_name
from coopcli.render.base import Output, Sink, dataset_document
from coopcli.shape import Field, Shape

if TYPE_CHECKING:
    import sqlite3

    from coopcli.records import PartnerRecord

LAYOUT_VERSION = 2
"""`PRAGMA user_version` of the database: raised when a table or column changes."""

TOKENIZER = "unicode61 remove_diacritics 2"
"""Case and accents aside, as `coop search` matches ("varhelyi" finds Várhelyi)."""

_SQL_TYPES = {"int": "INTEGER", "bool": "INTEGER"}
_NESTED = ("facts", "records")


class _Table:
    """A table built from a shape: its name, its columns' declarations, the indexed
    columns, and how to turn a record into a row."""

    def __init__(
        self,
        name: str,
        shape: Shape,
        *,
        head: tuple[str, ...] = (),
        head_columns: tuple[str, ...] = (),
        tail: tuple[str, ...] = (),
        tail_columns: tuple[str, ...] = (),
        indexed: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.fields = tuple(field for field in shape.fields if field.kind not in _NESTED)
        declarations = [
            *head,
            *(_declaration(field, primary=name == "partners") for field in self.fields),
            *tail,
        ]
        self.ddl = f"CREATE TABLE {name} (\n    " + ",\n    ".join(declarations) + "\n)"
        self.columns = (*head_columns, *(field.column for field in self.fields), *tail_columns)
        marks = ", ".join("?" for _ in self.columns)
        self.insert = f"INSERT INTO {name} ({', '.join(self.columns)}) VALUES ({marks})"
        self.indexed = indexed + tuple(
            field.column
            for field in self.fields
            if field.kind in ("id", "date") or field.name == "id"
        )

    def values(self, record: Any) -> list[Any]:
        """The values of a record's own fields, in the order of the columns."""
        return [_value(field.kind, record[field.name]) for field in self.fields]


def _declaration(field: Field, *, primary: bool = False) -> str:
    sql_type = _SQL_TYPES.get(field.kind, "TEXT")
    if primary and field.name == "id":
        return f"{field.column} {sql_type} PRIMARY KEY"
    return f"{field.column} {sql_type}" + ("" if field.optional else " NOT NULL")


def _value(kind: str, value: Any) -> Any:
    if kind in ("texts", "reasons"):
        return _json(value)
    if kind == "bool":
        return int(value)
    return value


_COUNTRY = "country TEXT NOT NULL REFERENCES partners(id)"
_ROW_ID = "id INTEGER PRIMARY KEY"


def _fact_tables(sections: tuple[Shape, ...], parent: Shape | None = None) -> list[_Table]:
    tables: list[_Table] = []
    for section in sections:
        head: tuple[str, ...] = (_ROW_ID,)
        head_columns: tuple[str, ...] = ()
        if parent is not None:
            key = f"{parent.model.lower()}_id"
            head += (f"{key} INTEGER NOT NULL REFERENCES {parent.key}(id)",)
            head_columns += (key,)
        head += (_COUNTRY, "path TEXT NOT NULL", "fact TEXT NOT NULL")
        head_columns += ("country", "path", "fact")
        tables.append(
            _Table(
                section.key,
                section,
                head=head,
                head_columns=head_columns,
                indexed=("country", *head_columns[:-3], "fact"),
            )
        )
        tables += _fact_tables(section.parts, section)
    return tables


META = _Table(
    "meta", shape.META, tail=("coop_version TEXT NOT NULL",), tail_columns=("coop_version",)
)
PARTNERS = _Table("partners", shape.PARTNER)
MEMBERS = _Table(
    "members",
    shape.MEMBER,
    head=(_ROW_ID, _COUNTRY),
    head_columns=("country",),
    indexed=("country",),
)
FACT_TABLES = {table.name: table for table in _fact_tables(shape.SECTIONS)}
"""A table per kind of fact, by name (the partner's key, `milestones` for an agreement's)."""

SCHEMA = (
    ";\n".join(
        [table.ddl for table in (META, PARTNERS, MEMBERS, *FACT_TABLES.values())]
        + [
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
"""Every table's `CREATE` statement."""

INDEXES = {table.name: table.indexed for table in (MEMBERS, *FACT_TABLES.values())} | {
    "facts": ("country", "section")
}
"""The columns people filter and join by, each with an index: the partner, the parent
fact, a fact's own id, vocabulary ids and dates."""


def write_sqlite(output: Output, sink: Sink) -> None:
    """The dataset document (`{"meta": ..., "partners": [...]}`) as a SQLite file; a
    UsageError if it keeps no partner."""
    sink.write_bytes(database_bytes(dataset_document(output, "SQLite")))


def database_bytes(document: Any) -> bytes:
    """The bytes of the database of a dataset document (see the module's docstring)."""
    import sqlite3

    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(SCHEMA)
        with connection:
            _insert(connection, document)
            connection.execute("INSERT INTO facts_fts(facts_fts) VALUES ('rebuild')")
            for table, columns in INDEXES.items():
                for column in columns:
                    connection.execute(f"CREATE INDEX {table}_{column} ON {table} ({column})")
            connection.execute(f"PRAGMA user_version = {LAYOUT_VERSION}")
        problems = connection.execute("PRAGMA foreign_key_check").fetchall()
        assert not problems, problems  # the inserts above cannot break a key
        connection.execute("VACUUM")
        return connection.serialize()
    finally:
        connection.close()


def _json(value: Any) -> str | None:
    """A list or object as JSON text that SQLite's JSON functions read; None stays NULL."""
    return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _insert(connection: sqlite3.Connection, document: Any) -> None:
    from coopcli import __version__

    connection.execute(META.insert, [*META.values(document["meta"]), __version__])
    partners: Sequence[PartnerRecord] = document["partners"]
    for partner in partners:
        _insert_partner(connection, partner)


def _insert_partner(connection: sqlite3.Connection, partner: PartnerRecord) -> None:
    from coopcli.facts import facts
    from coopcli.textfold import fold

    country = partner["id"]
    execute = connection.execute
    execute(PARTNERS.insert, PARTNERS.values(partner))
    for member in partner["members"]:
        execute(MEMBERS.insert, [country, *MEMBERS.values(member)])
    for section in shape.SECTIONS:
        _insert_facts(connection, country, section, partner[section.key], section.key, ())  # type: ignore[literal-required]
    # The same fields, one fact per row, that `coop search` matches all its words in.
    for section_key, path, fields in facts(partner):
        text = "\n".join(text for _, text in fields)
        folded = fold(text)
        cited = source = None
        if section_key != "partner":
            fact = partner[section_key][int(path[len(section_key) + 1 : -1])]  # type: ignore[literal-required]
            cited, source = fact_name(country, fact["id"]), fact["source"]
        execute(
            "INSERT INTO facts (country, section, path, fact, text, folded, source)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (country, section_key, path, cited, text, folded, source),
        )
        execute(
            "INSERT INTO search (country, section, path, text, folded) VALUES (?, ?, ?, ?, ?)",
            (country, section_key, path, text, folded),
        )


def _insert_facts(
    connection: sqlite3.Connection,
    country: str,
    section: Shape,
    entries: Sequence[Any],
    path: str,
    parent: tuple[int | None, ...],
) -> None:
    table = FACT_TABLES[section.key]
    for position, fact in enumerate(entries):
        here = f"{path}[{position}]"
        cited = fact_name(country, fact["id"])
        cursor = connection.execute(
            table.insert, [*parent, country, here, cited, *table.values(fact)]
        )
        for part in section.parts:
            _insert_facts(
                connection, country, part, fact[part.key], f"{here}.{part.key}", (cursor.lastrowid,)
            )
