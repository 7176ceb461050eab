"""CSV formula injection: a text that a spreadsheet would run as a formula (`=`, `+`, `-`,
`@`, a tab or a carriage return first, also after quote characters) reaches every CSV
coop writes defused by OWASP's rule, a `'` in front; JSON, NDJSON, TOML and SQLite keep
it exactly."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sqlite3
import tomllib
from pathlib import Path

import pytest

from coopcli.render.machine import FORMULA_TRIGGERS, csv_cell
from registry import CSV_TAKERS

from conftest import TEST_DATA, Run

FORMULAS = [
    '=HYPERLINK("mailto:x@evil.example","click")',  # no '/' in a look-up name
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1 after a tab",
    "\r=1+1 after a carriage return",
    '"=1+1" after a double quote',
    "'=1+1 after a single quote",
    "'already quoted text",
]


def toml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a TOML basic string


def formula_dataset(folder: Path) -> Path:
    """A valid dataset whose names, titles, people, aliases and quotes begin with formulas."""
    first, plus, minus, at, tab, cr, double, single, quoted = (toml_string(f) for f in FORMULAS)
    text = f"""[meta]
title = {first}
date = "2021-09"
date_reasoning = "Made up for the tests."
covers = {plus}
source_file = "none.txt"

[[partners]]
id = "formula"
name = {first}
region = {at}
aliases = ["+SUM(1+1) as an alias", "-SUM(1+1) as an alias"]

[[partners.frameworks]]
id = "formula-process"
name = {minus}
kind = "regional_process"
source = {tab}

[[partners.agreements]]
kind = "readmission"
status = "negotiating"
title = {at}
source = {cr}

[[partners.events]]
kind = "visit"
title = {double}
date = "2021-05"
people = [{single}, {quoted}]
bodies = [{tab}]
source = {first}

[[partners.areas]]
id = "search_rescue"
source = {plus}

[[partners.notes]]
kind = "context"
title = {quoted}
source = {single}
"""
    path = folder / "formula.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return formula_dataset(tmp_path)


CSV_COMMANDS = [
    ["list"],
    ["search", "calc"],
    ["search", "1"],
    ["agreements"],
    ["timeline"],
    ["people"],
    ["bodies"],
    ["areas", "search_rescue"],  # the matrix alone holds only ids
    ["frameworks"],
    ["diff", str(TEST_DATA / "minimal.toml"), "DATASET"],
    ["export"],
]
"""Every command that writes CSV, each run over the formula dataset (`DATASET`)."""


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def test_every_command_that_writes_csv_is_covered() -> None:
    assert {args[0] for args in CSV_COMMANDS} == CSV_TAKERS


@pytest.mark.parametrize("command", CSV_COMMANDS, ids=[" ".join(c[:2]) for c in CSV_COMMANDS])
def test_no_csv_cell_begins_with_a_formula(run: Run, dataset: Path, command: list[str]) -> None:
    args = [str(dataset) if arg == "DATASET" else arg for arg in command]
    text = run("--data", str(dataset), *args, "--format", "csv").stdout
    written = cells(text)
    formulas = [cell for cell in written if cell.lstrip("'\"")[:1] in FORMULA_TRIGGERS]
    assert formulas, f"{args}: the test data reached no cell"
    for cell in formulas:
        assert cell.startswith("'"), (args, cell)
    for cell in written:
        if cell.startswith("'"):  # every quote coop added is taken off by one rule
            assert cell[1:] in FORMULAS or cell[1:].lstrip("'\"")[:1] in "'=+-@\t\r", cell


def test_the_export_csv_reads_back_exactly_by_dropping_one_quote(run: Run, dataset: Path) -> None:
    text = run("export", "--data", str(dataset), "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    back = [{k: v[1:] if v.startswith("'") else v for k, v in row.items()} for row in rows]
    events = [row for row in back if row["section"] == "events"]
    assert events[0]["title"] == FORMULAS[6]
    assert events[0]["people"] == f"{FORMULAS[7]}; {FORMULAS[8]}"
    assert events[0]["source"] == FORMULAS[0]
    assert {row["country_name"] for row in back} == {FORMULAS[0]}
    assert [row["source"] for row in back if row["section"] == "agreements"] == [FORMULAS[5]]


def test_csv_to_a_file_is_defused_as_well(run: Run, dataset: Path, tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    run("export", "--data", str(dataset), "--format", "csv", "--output", str(path))
    with path.open(encoding="utf-8", newline="") as file:
        written = file.read()
    piped = run("export", "--data", str(dataset), "--format", "csv").stdout_bytes
    assert written == piped.decode("utf-8")
    assert "'" + FORMULAS[0].replace('"', '""') in written


def test_json_ndjson_toml_and_sqlite_keep_the_text_exactly(
    run: Run, dataset: Path, tmp_path: Path
) -> None:
    original = tomllib.loads(dataset.read_text(encoding="utf-8"))["partners"][0]
    exported = json.loads(run("export", "--data", str(dataset)).stdout)["partners"][0]
    assert exported["name"] == original["name"] == FORMULAS[0]
    assert exported["events"][0]["people"] == [FORMULAS[7], FORMULAS[8]]
    line = run("export", "--data", str(dataset), "--format", "ndjson").stdout
    assert json.loads(line) == exported
    toml_text = run("export", "--data", str(dataset), "--format", "toml").stdout
    again = tomllib.loads(toml_text)["partners"][0]
    assert (again["name"], again["agreements"][0]["source"]) == (FORMULAS[0], FORMULAS[5])
    database = tmp_path / "coop.db"
    run("export", "--data", str(dataset), "--format", "sqlite", "--output", str(database))
    with contextlib.closing(sqlite3.connect(database)) as db:
        assert db.execute("SELECT name FROM partners").fetchall() == [(FORMULAS[0],)]
        assert db.execute("SELECT title FROM events").fetchall() == [(FORMULAS[6],)]


@pytest.mark.parametrize("text", ["", "plain", "a=b", "2021-05", "trafficking - smuggling", '"x"'])
def test_a_text_that_is_no_formula_is_written_as_it_is(text: str) -> None:
    assert csv_cell(text) == text


def test_on_a_terminal_the_cell_is_defused_and_made_visible() -> None:
    from coopcli.render.base import Column, Output, Sink
    from coopcli.render.machine import write_csv

    sink = Sink(io.StringIO(), terminal=True)
    write_csv(Output([{"t": "\r=1+1"}], columns=[Column("t", "T")]), sink)
    header, cell = sink.stream.getvalue().splitlines()
    # Python 3.13's csv quotes a field holding a carriage return; 3.11's does not here.
    assert (header, cell.strip('"')) == ("t", "'\\x0d=1+1")


@pytest.mark.parametrize("before", [" ", "  ", "\u00a0", "\u200b", "\ufeff", " \u200b'\""])
def test_a_formula_after_spaces_or_invisible_characters_is_defused(before: str) -> None:
    """A spreadsheet skips them and reads the formula: the cell starts with `'`."""
    for trigger in FORMULA_TRIGGERS:
        cell = csv_cell(before + trigger + "1+1")
        assert cell == "'" + before + trigger + "1+1"
    assert csv_cell(before + "plain text") == before + "plain text"
