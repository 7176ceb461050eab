"""`coop export --format sqlite`: a normalised database that holds exactly the JSON
export, whose keys hold, whose full-text table finds what `coop search` finds, and that
answers the README's SQL questions as the CLI does."""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

import coopcli
from coopcli import shape, textfold

from conftest import REPO, Run

README = (REPO / "README.md").read_text(encoding="utf-8")
CHILD_TABLES = ("members", "frameworks", "agreements", "milestones", "events", "areas")
CHILD_TABLES += ("agencies", "notes")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole shipped dataset, exported once for the module."""
    path = tmp_path_factory.mktemp("sqlite") / "coop.db"
    cache = str(tmp_path_factory.getbasetemp() / "cache")
    result = Run()(
        "export", "--format", "sqlite", "--output", str(path), env={"COOP_CACHE_DIR": cache}
    )
    assert result.stderr == f"wrote 14 partners to {path}\n"
    return path


@pytest.fixture
def db(database: Path) -> Iterator[sqlite3.Connection]:
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
        connection.row_factory = sqlite3.Row
        yield connection


RENAMES = {
    "framework": "id", "agreement": "id", "milestone": "id", "event": "id", "area": "id",
    "agency": "id", "note": "id", "end_date": "end", "when_text": "when",
}  # fmt: skip
"""The README's renames of JSON keys to columns."""


def test_the_database_holds_exactly_the_json_export(run: Run, db: sqlite3.Connection) -> None:
    """Rebuilt from the tables by their column names (the JSON keys, with the README's
    renames), the database is the JSON export, value for value; each fact's `fact` is
    its citation."""
    exported = json.loads(run("export", "--format", "json").stdout)

    def rows(table: str, where: str, value: Any) -> list[dict[str, Any]]:
        found = db.execute(f"SELECT * FROM {table} WHERE {where} = ? ORDER BY id", (value,))
        return [dict(row) for row in found]

    def record(row: dict[str, Any]) -> dict[str, Any]:
        for key in ("id", "country", "path", "agreement_id"):
            row.pop(key, None)
        out = {RENAMES.get(key, key): value for key, value in row.items()}
        lists = ("people", "bodies", "counterparts", "places", "aliases", "names", "inferred")
        for key in (*lists, "qualifiers", "also_quoted"):
            if key in out and out[key] is not None:
                out[key] = json.loads(out[key])
        for key in ("ongoing", "planned"):
            if key in out:
                assert out[key] in (0, 1)
                out[key] = bool(out[key])
        return out

    def facts(section: shape.Shape, where: str, value: Any) -> list[dict[str, Any]]:
        out = []
        for row in rows(section.key, where, value):
            fact_id = row[next(f.column for f in section.fields if f.name == "id")]
            assert row["fact"] == f"{row['country']}/{fact_id}"
            del row["fact"]
            own = row["id"]
            fact = record(row)
            for part in section.parts:
                fact[part.key] = facts(part, f"{section.model.lower()}_id", own)
            out.append({field.name: fact[field.name] for field in section.fields})
        return out

    partners = []
    for partner in db.execute("SELECT * FROM partners ORDER BY rowid"):
        entry = dict(partner)
        country = entry["id"]
        entry["aliases"] = json.loads(entry["aliases"])
        entry["members"] = [record(row) for row in rows("members", "country", country)]
        for section in shape.SECTIONS:
            entry[section.key] = facts(section, "country", country)
        partners.append(entry)
    [meta] = [dict(row) for row in db.execute("SELECT * FROM meta")]
    assert meta.pop("coop_version") == coopcli.__version__
    things = []
    for row in db.execute("SELECT * FROM things ORDER BY rowid"):
        thing = dict(row)
        names = rows("thing_names", "thing", thing["id"])
        identified = rows("identifications", "thing", thing["id"])
        things.append(
            thing
            | {
                "written": [n["name"] for n in names if n["written"]],
                "aliases": [n["name"] for n in names if not n["written"]][
                    # the name first among them when the source does not write it
                    0 if any(n["written"] for n in names if n["name"] == thing["name"]) else 1 :
                ],
                "identified": [{k: i[k] for k in ("fact", "name", "reason")} for i in identified],
            }
        )
    assert {"meta": meta, "things": things, "partners": partners} == exported


def test_dates_are_text_at_the_sources_precision_and_counts_integers(
    db: sqlite3.Connection,
) -> None:
    kinds = {
        row[0]
        for row in db.execute(
            "SELECT typeof(date) FROM milestones UNION SELECT typeof(date) FROM events"
        )
    }
    assert kinds == {"text", "null"}
    assert ("pakistan", "2010") in {
        tuple(r) for r in db.execute("SELECT country, date FROM milestones")
    }
    assert {row[0] for row in db.execute("SELECT typeof(count) FROM milestones")} == {
        "integer",
        "null",
    }


def test_foreign_keys_are_declared_and_hold(db: sqlite3.Connection, database: Path) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    for table in CHILD_TABLES:
        keys = {
            (row["from"], row["table"], row["to"])
            for row in db.execute(f"PRAGMA foreign_key_list({table})")
        }
        assert ("country", "partners", "id") in keys, table
        assert (
            db.execute(
                f"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = 'id' AND pk = 1"
            ).fetchone()[0]
            == 1
        )
    milestone_keys = {
        (row["from"], row["table"]) for row in db.execute("PRAGMA foreign_key_list(milestones)")
    }
    assert ("agreement_id", "agreements") in milestone_keys
    with contextlib.closing(sqlite3.connect(":memory:")) as copy:
        db.backup(copy)
        copy.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            copy.execute(
                "INSERT INTO areas (country, path, fact, area, qualifiers, also_quoted, source)"
                " VALUES ('atlantis', 'areas[0]', 'atlantis/data', 'data', '[]', '[]', 'x')"
            )


def test_meta_indexes_and_json_columns(db: sqlite3.Connection) -> None:
    [meta] = db.execute("SELECT title, date, source_file, schema_version, coop_version FROM meta")
    assert meta["title"].startswith("Cooperation with key third countries")
    assert (meta["date"], meta["schema_version"], meta["coop_version"]) == (
        "2021-09",
        4,
        coopcli.__version__,
    )
    assert meta["source_file"].endswith(".txt")
    assert db.execute("PRAGMA user_version").fetchone()[0] == 3
    indexed = {
        (table, row["name"])
        for table in CHILD_TABLES
        for index in db.execute(f"PRAGMA index_list({table})")
        for row in db.execute(f"PRAGMA index_info({index['name']})")
    }
    for table, column in [
        ("agreements", "status"),
        ("agreements", "kind"),
        ("events", "date"),
        ("areas", "area"),
        ("milestones", "date"),
        ("events", "country"),
    ]:
        assert (table, column) in indexed
    with_people = db.execute(
        "SELECT DISTINCT events.country FROM events, json_each(events.people)"
        " WHERE json_each.value = 'Commissioner Várhelyi' ORDER BY events.id"
    ).fetchall()
    expected = [
        partner["id"]
        for partner in coopcli.load().records["partners"]
        if any("Commissioner Várhelyi" in event["people"] for event in partner["events"])
    ]
    assert [row[0] for row in with_people] == expected and len(expected) > 1
    inferred = db.execute(
        "SELECT json_extract(inferred, '$.date') FROM events WHERE inferred IS NOT NULL"
    ).fetchall()
    assert inferred and all(row[0] is None or row[0].strip() for row in inferred)


# --- the README's questions ---------------------------------------------------------


def readme_sql() -> list[str]:
    section = (REPO / "docs" / "sql.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)```", section, re.DOTALL)


def test_the_readmes_sql_answers_as_the_cli_does(run: Run, db: sqlite3.Connection) -> None:
    readmission, smuggling, mentions, planned, borrell, europol = readme_sql()
    in_place = run.json("agreements", "--kind", "readmission", "--status", "in_place")
    assert [tuple(row) for row in db.execute(readmission)] == [
        (r["country_name"], r["title"]) for r in in_place
    ]
    partners = [row[0] for row in db.execute(smuggling)]
    assert partners == sorted(r["name"] for r in run.json("list", "--area", "smuggling"))
    hits = run.json("search", "smuggl")
    # The same facts; search puts its quote-only hits last, the full text knows no such thing.
    assert sorted((row["country"], row["path"]) for row in db.execute(mentions)) == sorted(
        (h["country"], h["path"]) for h in hits
    )
    to_come = [r for r in run.json("timeline", "--planned")]
    assert [tuple(row) for row in db.execute(planned)] == [
        (r["country"], r["date"], r["when"], r["title"]) for r in to_come
    ]
    events = run.json("timeline", "--person", "borrell")
    assert [tuple(row) for row in db.execute(borrell)] == [
        (r["date"], r["country"], r["title"]) for r in events
    ]
    ((body,),) = [run.json("bodies", "europol")]
    refs = [("fields", ref) for ref in body["facts"]] + [("quote", ref) for ref in body["mentions"]]
    assert sorted(tuple(row) for row in db.execute(europol)) == sorted(
        (ref["country"], ref["fact"], how) for how, ref in refs
    )


def test_the_registry_tables_hold_every_thing_and_every_fact_naming_it(
    run: Run, db: sqlite3.Connection
) -> None:
    records = coopcli.load().records
    assert [row["id"] for row in db.execute("SELECT id FROM things ORDER BY rowid")] == [
        thing["id"] for thing in records["things"]
    ]
    for body in run.json("bodies"):
        found = db.execute(
            "SELECT DISTINCT fact FROM thing_facts WHERE thing = ? AND field != 'source'"
            " ORDER BY id",
            (body["id"],),
        )
        assert [row[0] for row in found] == [ref["fact"] for ref in body["facts"]], body["id"]
    # joined to any kind of fact by its citation, to the persons' events by their office
    joined = db.execute(
        "SELECT DISTINCT events.fact FROM thing_facts JOIN events USING (fact)"
        " WHERE thing_facts.thing = 'european-commission' AND thing_facts.field = 'people'"
    )
    assert {row[0] for row in joined} >= {"tunisia/visit-2021-05", "nigeria/call-2021-06-22"}
    for table in ("thing_names", "thing_facts", "identifications"):
        keys = {(r["from"], r["table"]) for r in db.execute(f"PRAGMA foreign_key_list({table})")}
        assert ("thing", "things") in keys


def test_the_readmes_python_example_runs_with_a_dataframe_per_query(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    section = README[README.index("## Python API") : README.index("## SQL and Datasette")]
    [code] = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    frames: list[Any] = []
    pandas = types.ModuleType("pandas")
    pandas.DataFrame = frames.append  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pandas", pandas)
    exec(compile(code, "README.md", "exec"), {})
    [rows] = frames
    assert rows == coopcli.load().agreements(status="in_place") and rows
    details = {f.name for f in shape.SECTION["agreements"].fields if f.role == "detail"}
    keys = list(coopcli.AgreementRow.__annotations__)  # and the details added since
    assert all([key for key in row if key not in details] == keys for row in rows)


# --- full text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("match", "words"),
    [
        ("smuggling", ["smuggling"]),
        ("smuggl*", ["smuggl"]),
        ("smuggl* traffick*", ["smuggl", "traffick"]),
        ("varhelyi", ["varhelyi"]),
        ("Várhelyi", ["VÁRHELYI"]),
        ("turkiye", ["Türkiye"]),
        ("readmiss*", ["readmiss"]),
        ("in* place*", ["in", "place"]),
        ("frontex", ["Frontex"]),
        ("visit* johansson", ["visit", "johansson"]),
    ],
)
def test_full_text_finds_what_coop_search_finds(
    run: Run, db: sqlite3.Connection, match: str, words: list[str]
) -> None:
    found = db.execute(
        "SELECT country, section, path FROM search WHERE search MATCH ? ORDER BY rowid", (match,)
    )
    hits = run.json("search", *words)
    assert hits
    # The same facts; search puts its quote-only hits last, the full text knows no such thing.
    assert sorted(tuple(row) for row in found) == sorted(
        (h["country"], h["section"], h["path"]) for h in hits
    )


def test_full_text_matches_only_the_texts_not_the_ids(db: sqlite3.Connection) -> None:
    """`country`, `section` and `path` are not indexed: "niger" is a word of the texts
    (Niger's own name), not every fact of the partner whose id it is."""
    niger = db.execute("SELECT count(*) FROM search WHERE search MATCH 'niger'").fetchone()[0]
    assert (
        0 < niger < db.execute("SELECT count(*) FROM search WHERE country = 'niger'").fetchone()[0]
    )
    assert (
        db.execute("SELECT count(*) FROM search WHERE search MATCH 'agreements'").fetchone()[0] < 5
    )


# --- other tools ----------------------------------------------------------------------


def test_sqlite_utils_opens_it_as_it_is(database: Path) -> None:
    db = sqlite_utils.Database(database)
    assert {"meta", "partners", *CHILD_TABLES, "facts", "search"} <= set(db.table_names())
    assert db.table_names(fts5=True) == ["facts_fts", "search"]
    assert db.table("facts").detect_fts() == "facts_fts"
    partners = db.table("partners")
    assert partners.pks == ["id"] and partners.count == 14
    milestones = db.table("milestones")
    assert {(fk.column, fk.other_table) for fk in milestones.foreign_keys} == {
        ("country", "partners"),
        ("agreement_id", "agreements"),
    }
    assert db.table("events").columns_dict["when_text"] is str
    hits = list(db.table("search").search("varhelyi", columns=["country", "path"]))
    assert {hit["country"] for hit in hits} == {"morocco", "libya", "turkey"}
    rows = list(db.query("SELECT count(*) AS n FROM agreements WHERE status = 'in_place'"))
    assert rows[0]["n"] == len([a for a in coopcli.load().agreements(status="in_place")])


# --- the facts table, for Datasette --------------------------------------------------


def test_facts_has_a_row_per_fact_with_its_texts_folded_and_its_quote(
    run: Run, db: sqlite3.Connection
) -> None:
    records = coopcli.load().records
    rows = [dict(row) for row in db.execute("SELECT * FROM facts ORDER BY id")]
    assert [(r["country"], r["section"], r["path"]) for r in rows] == [
        (partner["id"], section, path)
        for partner in records["partners"]
        for section, path in [("partner", "")]
        + [
            (key, f"{key}[{n}]")
            for key in [s.key for s in shape.SECTIONS]
            for n in range(len(partner[key]))  # type: ignore[literal-required]
        ]
    ]
    tunisia = run.json("show", "tunisia")
    [visit] = [r for r in rows if r["country"] == "tunisia" and r["path"] == "events[0]"]
    assert visit["source"] == tunisia["events"][0]["source"]
    assert tunisia["events"][0]["title"] in visit["text"].split("\n")
    assert visit["folded"] == textfold.fold(visit["text"])
    assert all(r["source"] is None for r in rows if r["section"] == "partner")


def _datasette_json(database: Path, query: str) -> Any:
    import asyncio

    from datasette.app import Datasette

    async def get() -> Any:
        datasette = Datasette(files=[str(database)])
        await datasette.invoke_startup()
        response = await datasette.client.get(f"/coop/{query}")
        assert response.status_code == 200, response.text
        return response.json() if ".json" in query else response.text

    return asyncio.run(get())


@pytest.mark.parametrize(
    "words", [["smuggling"], ["frontex"], ["readmission"], ["varhelyi"], ["Türkiye"]]
)
def test_datasette_searches_facts_as_coop_search_does(
    run: Run, database: Path, words: list[str]
) -> None:
    """Datasette finds `facts_fts` for `facts`; `?_search=` (each word a whole word in
    Datasette's default mode) finds the partners `coop search` finds."""
    found = _datasette_json(
        database, f"facts.json?_search={' '.join(words)}&_shape=array&_size=max"
    )
    hits = run.json("search", *words)
    assert hits
    assert {row["country"] for row in found} == {hit["country"] for hit in hits}
    assert {(row["country"], row["path"]) for row in found} <= {
        (hit["country"], hit["path"]) for hit in hits
    }


def test_datasette_offers_a_search_box_and_a_raw_prefix_search(run: Run, database: Path) -> None:
    page = _datasette_json(database, "facts")
    assert 'name="_search"' in page
    found = _datasette_json(
        database, "facts.json?_search=smuggl*&_searchmode=raw&_shape=array&_size=max"
    )
    hits = run.json("search", "smuggl")
    # the same facts; search puts its quote-only hits last, the table keeps the source's order
    assert sorted((row["country"], row["path"]) for row in found) == sorted(
        (hit["country"], hit["path"]) for hit in hits
    )
    assert len(found) == len(hits)


FOLDING = """\
[meta]
title = "Folding"
date = "2021-09"
date_reasoning = "Made up for the tests."
covers = "One partner."
source_file = "none.txt"

[[partners]]
id = "tunisia"
name = "Tunisia"
region = "Northern Africa"

[[partners.notes]]
kind = "request"
title = "Meeting in the Hauptstraße"
source = "A meeting in the Hauptstraße."

[[partners.notes]]
kind = "request"
title = "Budget support"
source = "The EU will \ufb01nance the project."

[[partners.notes]]
kind = "request"
title = "\uff26\uff35\uff2c\uff2c support"
source = "The support is \uff26\uff35\uff2c\uff2c."
"""


@pytest.mark.parametrize(
    ("match", "word"),
    [
        ("hauptstrasse", "hauptstrasse"),
        ("finance", "finance"),
        ("full", "full"),
        ("hauptstraße", "Hauptstraße"),
    ],
)
def test_full_text_matches_folded_text_as_coop_search_and_shows_the_original(
    run: Run, tmp_path: Path, match: str, word: str
) -> None:
    data = tmp_path / "folding.toml"
    data.write_text(FOLDING, encoding="utf-8")
    database = tmp_path / "folding.db"
    run("--data", str(data), "export", "--format", "sqlite", "--output", str(database))
    hits = run.json("--data", str(data), "search", word)
    assert len(hits) == 1
    with contextlib.closing(sqlite3.connect(database)) as db:
        for table, text in (("facts_fts", "facts.text"), ("search", "search.text")):
            if table == "facts_fts":
                query = (
                    "SELECT facts.path, facts.text, snippet(facts_fts, 0, '[', ']', '…', 8)"
                    " FROM facts_fts JOIN facts ON facts.id = facts_fts.rowid"
                    " WHERE facts_fts MATCH ?"
                )
            else:
                query = (
                    "SELECT path, text, snippet(search, 3, '[', ']', '…', 8)"
                    " FROM search WHERE search MATCH ?"
                )
            [(path, original, snippet)] = db.execute(query, (match,)).fetchall()
            assert path == hits[0]["path"], table
            assert hits[0]["text"] in original.split("\n"), text
            assert not (set(snippet) - set(original) - set("[]…")), snippet
