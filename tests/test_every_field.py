"""No fact field is dropped: a dataset that sets every field of every kind of fact (built by
walking the registry, so a new field is covered the day it is added) shows each value in
the JSON, NDJSON, TOML, CSV and SQLite exports."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import sqlite3
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from coopcli import records, shape, vocab

from conftest import REPO, Run


def _value(section: shape.Shape, field: shape.Field, n: int) -> Any:
    """A value for `field` that no other field of the dataset has, where it can be so."""
    marker = f"{section.model.lower()}-{field.name}-{n}"
    match field.kind:
        case "text":
            return marker
        case "date":
            # `end` after `date`; any other date its own
            return {"date": "2015-03", "end": "2016-04-05"}.get(field.name, f"{2000 + n}-0{n + 1}")
        case "id":
            return list(vocab.VOCABULARIES[field.vocabulary or ""])[-1]
        case "int":
            return 3
        case "bool":
            return True
        case "texts":
            return [f"{marker}-a", f"{marker}-b"]
        case "reasons":
            inferable = [
                f.name
                for f in section.fields
                if f.kind in ("text", "date", "id")
                and f.name != "source"
                and not (f.name == "id" and f.kind == "text")  # a fact's id: none to infer
            ]
            return {inferable[0]: f"reason-{marker}"}
        case "facts":
            part = next(p for p in section.parts if p.key == field.name)
            return [_fact(part, n)]
    raise AssertionError(f"no value for a field of kind {field.kind}")


def _fact(section: shape.Shape, n: int) -> dict[str, Any]:
    return {field.name: _value(section, field, n) for field in section.fields}


PARTNER = {
    "id": "everywhere",
    "name": "Everywhere",
    "kind": "region",
    "region": "Nowhere",
    "aliases": ["Anywhere"],
    "members": [{"name": "Somewhere", "iso2": "SW", "iso3": "SWH", "aliases": ["Elsewhere"]}],
    **{section.key: [_fact(section, n)] for n, section in enumerate(shape.SECTIONS)},
}
DATASET = {
    "meta": {
        "title": "Every field of every fact",
        "date": "2021-09",
        "date_reasoning": "Made up for the tests.",
        "covers": "One partner.",
        "source_file": "none.txt",
        "schema_version": records.SCHEMA_VERSION,
    },
    "partners": [PARTNER],
}


def _every_fact() -> list[tuple[shape.Shape, str, dict[str, Any]]]:
    """(section, path, fact) of every fact of the dataset, milestones included."""
    found: list[tuple[shape.Shape, str, dict[str, Any]]] = []

    def visit(sections: tuple[shape.Shape, ...], table: dict[str, Any], path: str) -> None:
        for section in sections:
            for position, fact in enumerate(table[section.key]):
                here = f"{path}{section.key}[{position}]"
                found.append((section, here, fact))
                visit(section.parts, fact, here + ".")

    visit(shape.SECTIONS, PARTNER, "")
    return found


FACTS = _every_fact()
IDS = [path for _, path, _ in FACTS]


@pytest.fixture(scope="module")
def data_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("every-field") / "every.toml"
    path.write_text(tomli_w.dumps(DATASET), encoding="utf-8")
    return path


def _export(run: Run, data_file: Path, *args: str) -> str:
    result = run("--data", str(data_file), "export", *args)
    return str(result.stdout)


def _at(document: dict[str, Any], path: str) -> Any:
    value: Any = document["partners"][0]
    for step in path.split("."):
        key, index = step[:-1].split("[")
        value = value[key][int(index)]
    return value


def test_the_dataset_sets_every_field_of_every_kind_of_fact() -> None:
    covered = {section.model for section, _, _ in FACTS}
    assert len(covered) == len(FACTS) >= 7
    for section, _, fact in FACTS:
        assert [name for name, value in fact.items() if value in (None, [], False)] == []
        assert list(fact) == [field.name for field in section.fields]


@pytest.mark.parametrize("what", ["json", "ndjson", "toml"])
def test_json_ndjson_and_toml_give_every_value(run: Run, data_file: Path, what: str) -> None:
    text = _export(run, data_file, "--format", what)
    if what == "json":
        document = json.loads(text)
    elif what == "ndjson":
        document = {"partners": [json.loads(line) for line in text.splitlines()]}
    else:
        document = tomllib.loads(text)
    for _, path, fact in FACTS:
        assert _at(document, path) == fact, path


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {reason}" for key, reason in value.items())
    return str(value)


def test_csv_has_a_column_for_every_field_holding_its_value(run: Run, data_file: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(run, data_file, "--format", "csv"))))
    by_path = {row["path"]: row for row in rows}
    assert sorted(by_path) == sorted(IDS)
    for section, path, fact in FACTS:
        row = by_path[path]
        assert row["section"] == section.key
        assert row["fact"] == f"everywhere/{fact['id']}"
        for field in section.fields:
            if field.kind != "facts":
                assert row[field.name] == _cell(fact[field.name]), (path, field.name)


def test_sqlite_has_a_column_for_every_field_holding_its_value(
    run: Run, data_file: Path, tmp_path: Path
) -> None:
    database = tmp_path / "every.db"
    run("--data", str(data_file), "export", "--format", "sqlite", "--output", str(database))
    with contextlib.closing(sqlite3.connect(database)) as db:
        db.row_factory = sqlite3.Row
        for section, path, fact in FACTS:
            [row] = db.execute(f"SELECT * FROM {section.key} WHERE path = ?", (path,))
            assert row["fact"] == f"everywhere/{fact['id']}"
            for field in section.fields:
                if field.kind == "facts":
                    continue
                value = row[field.column]
                if field.kind in ("texts", "reasons"):
                    value = json.loads(value)
                elif field.kind == "bool":
                    value = bool(value)
                assert value == fact[field.name], (path, field.name)


COLUMNS_OF_0_3 = [
    "country", "country_name", "region", "section", "path", "kind", "title", "status",
    "date", "end", "ongoing", "when", "planned", "people", "inferred", "source",
]  # fmt: skip


def test_csv_columns_are_0_3s_in_order_then_the_appended_ones_the_readme_lists(
    run: Run,
) -> None:
    header = next(csv.reader(io.StringIO(run("export", "--format", "csv").stdout)))
    assert header[: len(COLUMNS_OF_0_3)] == COLUMNS_OF_0_3
    readme = (REPO / "docs" / "json.md").read_text(encoding="utf-8")
    appended = readme[readme.index("Then, since 0.4,") : readme.index("A field\n  added later")]
    names = re.findall(r"`([a-z_]+)`", appended)
    assert header[len(COLUMNS_OF_0_3) : len(COLUMNS_OF_0_3) + len(names)] == names
    assert names[-1] == "fact" and list(shape.CSV_COLUMNS) == header
    later = header[len(COLUMNS_OF_0_3) + len(names) :]  # fields added since: appended
    fields = {field.name for s in shape.EVERY_SECTION.values() for field in s.fields}
    assert set(later) <= fields


def test_the_card_shows_every_field_it_does_not_leave_out_on_purpose(
    run: Run, data_file: Path
) -> None:
    """`coop show --sources` of the fact that sets every field shows each value (a
    vocabulary id by its label), but for the fields its view declares hidden."""
    from coopcli.render.cards import HIDDEN

    card = " ".join(
        run("--data", str(data_file), "show", "everywhere", "--sources", env={"COLUMNS": "300"})
        .stdout.lower()
        .split()
    )
    for section, path, fact in FACTS:
        top = path.split("[", 1)[0]
        prefix = "" if section.key == top else f"{section.key}."
        hidden = ("id", *HIDDEN.get(top, ()))
        for field in section.fields:
            if prefix + field.name in hidden or field.kind in ("bool", "facts"):
                continue
            value = fact[field.name]
            if field.kind == "id":
                shown = [value, vocab.VOCABULARIES[field.vocabulary or ""][value]]
            elif field.kind == "texts":
                shown = value
            elif field.kind == "reasons":
                shown = list(value.values())
            else:
                shown = [str(value)]
            assert any(text.lower() in card for text in shown), (path, field.name, shown)
