"""The SQLite format: the dataset document as a normalised database, for SQL, Datasette,
sqlite-utils and `pandas.read_sql` (`coop export --format sqlite --output FILE`).

One table per kind of fact, each row keyed by an integer `id` and tied to its partner by
`country` (a foreign key to `partners.id`); milestones also to their agreement
(`agreement_id`). Columns are the JSON keys (README, "JSON contract"), except where a
key would need quoting or clash with the row's `id`: an area's id is `area`, a
framework's `framework`, `end` is `end_date`, `when` is `when_text`. Each fact row also
has the `path` that `coop search` and the CSV export give it (`events[2]`). Lists are
JSON arrays, `inferred` a JSON object (or null), booleans 0/1, dates text at the
source's precision. `search` is an FTS5 table over the texts `coop search` searches.

Built in memory with the standard library's `sqlite3`, statement by statement in the
dataset's order, then serialised: the same dataset gives the same bytes (with the same
SQLite library).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from coopcli.render.base import Output, Sink, dataset_document

if TYPE_CHECKING:
    import sqlite3

    from coopcli.records import PartnerRecord

LAYOUT_VERSION = 1
"""`PRAGMA user_version` of the database: raised when a table or column changes."""

TOKENIZER = "unicode61 remove_diacritics 2"
"""Case and accents aside, as `coop search` matches ("varhelyi" finds Várhelyi)."""

_FACT = "country TEXT NOT NULL REFERENCES partners(id), path TEXT NOT NULL"
_PROVENANCE = "inferred TEXT, source TEXT NOT NULL"

SCHEMA = f"""
CREATE TABLE meta (
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    date_reasoning TEXT NOT NULL,
    covers TEXT NOT NULL,
    source_file TEXT NOT NULL,
    source_sha256 TEXT,
    schema_version INTEGER NOT NULL,
    coop_version TEXT NOT NULL
);
CREATE TABLE partners (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    region TEXT NOT NULL,
    iso2 TEXT,
    iso3 TEXT,
    aliases TEXT NOT NULL
);
CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    country TEXT NOT NULL REFERENCES partners(id),
    name TEXT NOT NULL,
    iso2 TEXT,
    iso3 TEXT,
    aliases TEXT NOT NULL
);
CREATE TABLE frameworks (
    id INTEGER PRIMARY KEY, {_FACT},
    framework TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, since TEXT, role TEXT,
    role_date TEXT, names TEXT NOT NULL,
    {_PROVENANCE}
);
CREATE TABLE agreements (
    id INTEGER PRIMARY KEY, {_FACT},
    kind TEXT NOT NULL, status TEXT NOT NULL, title TEXT NOT NULL, names TEXT NOT NULL,
    {_PROVENANCE}
);
CREATE TABLE milestones (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements(id), {_FACT},
    kind TEXT NOT NULL, date TEXT NOT NULL, end_date TEXT, count INTEGER,
    {_PROVENANCE}
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY, {_FACT},
    kind TEXT NOT NULL, title TEXT NOT NULL, date TEXT, end_date TEXT,
    ongoing INTEGER NOT NULL, when_text TEXT, planned INTEGER NOT NULL,
    people TEXT NOT NULL, bodies TEXT NOT NULL, counterparts TEXT NOT NULL, places TEXT NOT NULL,
    {_PROVENANCE}
);
CREATE TABLE areas (
    id INTEGER PRIMARY KEY, {_FACT},
    area TEXT NOT NULL,
    {_PROVENANCE}
);
CREATE TABLE agencies (
    id INTEGER PRIMARY KEY, {_FACT},
    name TEXT NOT NULL, stage TEXT NOT NULL,
    {_PROVENANCE}
);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY, {_FACT},
    kind TEXT NOT NULL, title TEXT NOT NULL,
    {_PROVENANCE}
);
CREATE VIRTUAL TABLE search USING fts5(
    country UNINDEXED, section UNINDEXED, path UNINDEXED, text,
    tokenize = "{TOKENIZER}"
);
"""

INDEXES = {
    "members": ("country",),
    "frameworks": ("country", "framework", "kind"),
    "agreements": ("country", "status", "kind"),
    "milestones": ("country", "agreement_id", "kind", "date"),
    "events": ("country", "kind", "date"),
    "areas": ("country", "area"),
    "agencies": ("country", "name"),
    "notes": ("country", "kind"),
}
"""The columns people filter and join by, each with an index."""


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

    meta = document["meta"]
    connection.execute(
        "INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            meta["title"],
            meta["date"],
            meta["date_reasoning"],
            meta["covers"],
            meta["source_file"],
            meta["source_sha256"],
            meta["schema_version"],
            __version__,
        ),
    )
    partners: Sequence[PartnerRecord] = document["partners"]
    for partner in partners:
        _insert_partner(connection, partner)


def _insert_partner(connection: sqlite3.Connection, partner: PartnerRecord) -> None:
    from coopcli.facts import facts

    country = partner["id"]
    execute = connection.execute
    execute(
        "INSERT INTO partners VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            country,
            partner["name"],
            partner["kind"],
            partner["region"],
            partner["iso2"],
            partner["iso3"],
            _json(partner["aliases"]),
        ),
    )
    for member in partner["members"]:
        execute(
            "INSERT INTO members (country, name, iso2, iso3, aliases) VALUES (?, ?, ?, ?, ?)",
            (country, member["name"], member["iso2"], member["iso3"], _json(member["aliases"])),
        )
    for n, framework in enumerate(partner["frameworks"]):
        execute(
            "INSERT INTO frameworks (country, path, framework, name, kind, since, role,"
            " role_date, names, inferred, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                country,
                f"frameworks[{n}]",
                framework["id"],
                framework["name"],
                framework["kind"],
                framework["since"],
                framework["role"],
                framework["role_date"],
                _json(framework["names"]),
                _json(framework["inferred"]),
                framework["source"],
            ),
        )
    for n, agreement in enumerate(partner["agreements"]):
        path = f"agreements[{n}]"
        cursor = execute(
            "INSERT INTO agreements (country, path, kind, status, title, names, inferred,"
            " source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                country,
                path,
                agreement["kind"],
                agreement["status"],
                agreement["title"],
                _json(agreement["names"]),
                _json(agreement["inferred"]),
                agreement["source"],
            ),
        )
        for step, milestone in enumerate(agreement["milestones"]):
            execute(
                "INSERT INTO milestones (agreement_id, country, path, kind, date, end_date,"
                " count, inferred, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    cursor.lastrowid,
                    country,
                    f"{path}.milestones[{step}]",
                    milestone["kind"],
                    milestone["date"],
                    milestone["end"],
                    milestone["count"],
                    _json(milestone["inferred"]),
                    milestone["source"],
                ),
            )
    for n, event in enumerate(partner["events"]):
        execute(
            "INSERT INTO events (country, path, kind, title, date, end_date, ongoing,"
            " when_text, planned, people, bodies, counterparts, places, inferred, source)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                country,
                f"events[{n}]",
                event["kind"],
                event["title"],
                event["date"],
                event["end"],
                int(event["ongoing"]),
                event["when"],
                int(event["planned"]),
                _json(event["people"]),
                _json(event["bodies"]),
                _json(event["counterparts"]),
                _json(event["places"]),
                _json(event["inferred"]),
                event["source"],
            ),
        )
    for n, area in enumerate(partner["areas"]):
        execute(
            "INSERT INTO areas (country, path, area, inferred, source) VALUES (?, ?, ?, ?, ?)",
            (country, f"areas[{n}]", area["id"], _json(area["inferred"]), area["source"]),
        )
    for n, agency in enumerate(partner["agencies"]):
        execute(
            "INSERT INTO agencies (country, path, name, stage, inferred, source)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                country,
                f"agencies[{n}]",
                agency["name"],
                agency["stage"],
                _json(agency["inferred"]),
                agency["source"],
            ),
        )
    for n, note in enumerate(partner["notes"]):
        execute(
            "INSERT INTO notes (country, path, kind, title, inferred, source)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                country,
                f"notes[{n}]",
                note["kind"],
                note["title"],
                _json(note["inferred"]),
                note["source"],
            ),
        )
    # The same fields, one fact per row, that `coop search` matches all its words in.
    for section, path, fields in facts(partner):
        execute(
            "INSERT INTO search (country, section, path, text) VALUES (?, ?, ?, ?)",
            (country, section, path, "\n".join(text for _, text in fields)),
        )
