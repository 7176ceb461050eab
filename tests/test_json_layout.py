"""The README's one statement on JSON's layout: indented when stdout is a terminal, on one
line otherwise (a pipe, `--output`); `coop schema` alone is always indented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from registry import JSON_RUNS

from conftest import REPO, Run, on_a_terminal

JSON_COMMANDS = JSON_RUNS


def test_the_readme_says_it_once() -> None:
    readme = " ".join((REPO / "docs" / "json.md").read_text(encoding="utf-8").split())
    statement = "JSON is indented when stdout is a terminal and written on one line otherwise"
    assert readme.count(statement) == 1
    assert readme.count("indented") == 2  # the statement, and the schema's exception


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=[a[0] for a in JSON_COMMANDS])
def test_piped_json_is_one_line(run: Run, args: list[str]) -> None:
    text = run(*args).stdout
    assert text.endswith("\n") and text.count("\n") == 1
    assert json.loads(text) is not None


def test_json_to_a_file_is_one_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    run("export", "--output", str(path))
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") == 1 and json.loads(text)["partners"]


@pytest.mark.parametrize("args", [["list", "--json"], ["show", "tunisia", "--json"], ["export"]])
def test_json_on_a_terminal_is_indented(tmp_path: Path, args: list[str]) -> None:
    shown = on_a_terminal(args, tmp_path)
    assert shown[:1] in "[{" and shown[1:4] == "\n  " and shown.count("\n") > 20
    assert json.loads(shown)


def test_the_schema_is_indented_everywhere(run: Run, tmp_path: Path) -> None:
    piped = run("schema").stdout
    assert piped.startswith("{\n  ") and json.loads(piped)
    assert on_a_terminal(["schema"], tmp_path) == piped
