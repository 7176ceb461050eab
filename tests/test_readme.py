"""The README's examples run, as written, from a fresh folder; its tables match the code."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from coopcli import vocab

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def examples() -> list[str]:
    block = README[README.index("### Examples") :]
    start = block.index("```sh\n") + 6
    block = block[start : block.index("\n```", start)]
    return [line for line in block.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("newcomer")


@pytest.mark.parametrize("line", examples())
def test_every_example_runs_from_a_fresh_folder(folder: Path, line: str) -> None:
    home = folder / "home"
    home.mkdir(exist_ok=True)
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "COLUMNS": "80",
    }
    result = subprocess.run(
        ["bash", "-c", f"set -euo pipefail; {line}"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (line, result.stdout[-500:], result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    assert result.stdout or ">" in line or "--output" in line, line


def test_the_examples_make_the_files_they_use() -> None:
    made: set[str] = set()
    for line in examples():
        for name in re.findall(r"[\w.-]+\.toml", line):
            if f"--output {name}" in line or f"> {name}" in line:
                made.add(name)
            else:
                assert name in made, f"{name} is used before an example makes it: {line}"


def vocabulary_table() -> str:
    return README[README.index("### Vocabularies") : README.index("## The data model")]


README_ROWS = {
    "agreement status": "agreement `status`",
    "agreement kind": "agreement `kind`",
    "milestone kind": "milestone `kind`",
    "area": "area `id`",
    "framework kind": "framework `kind`",
    "event kind": "event `kind`",
    "agency": "agency `name` / `stage`",
    "agency stage": "agency `name` / `stage`",
    "note kind": "note `kind`",
    "partner kind": "partner `kind`",
}
"""The vocabularies of the dataset's fields, by their row in README's table."""

ROW_VOCABULARIES = ["change", "search section", "framework group kind"]
"""The vocabularies of rows coop derives, which README's JSON contract names."""

DERIVED_VOCABULARIES = {"timeline kind": "the event kinds and the milestone kinds"}
"""Vocabularies made of others, each of which README lists."""


@pytest.mark.parametrize("name", list(README_ROWS))
def test_the_vocabulary_table_lists_exactly_the_ids_of_vocab(name: str) -> None:
    row = next(
        line
        for line in vocabulary_table().splitlines()
        if line.startswith(f"| {README_ROWS[name]} |")
    )
    ids = row.split(" | ")[1]
    if name.startswith("agency"):
        ids = ids.split(" / ")[name == "agency stage"]
    listed = re.findall(r"`([A-Za-z_ ]+)`", ids)
    assert listed == list(vocab.VOCABULARIES[name]), row


@pytest.mark.parametrize("name", ROW_VOCABULARIES)
def test_the_json_contract_names_every_id_of_the_row_vocabularies(name: str) -> None:
    contract = README[README.index("## JSON contract") : README.index("### Vocabularies")]
    for value in vocab.VOCABULARIES[name]:
        assert f"`{value}`" in contract or value in vocab.FRAMEWORK_KINDS, value


def test_the_limits_table_states_the_limits_the_code_enforces() -> None:
    from coopcli import api, limits

    table = README[README.index("## Limits") : README.index("## JSON contract")]
    assert f"over {limits.MAX_BYTES // 1_000_000} MB" in table
    assert limits.MAX_BYTES % 1_000_000 == 0
    assert f"of over {limits.MAX_LINES:,} lines" in table
    assert f"of over {limits.MAX_ITEMS:,} keys, values and tables" in table
    assert f"of over {limits.MAX_TABLES:,} tables" in table
    from coopcli.validation import Hints

    assert f"the first {Hints.MAX_HINTS} unknown names" in table
    assert f"nested over {limits.MAX_NESTING} levels" in table
    assert f"over {limits.MAX_KEY_PARTS} parts" in table
    assert f"over {limits.MAX_LINE_CHARS:,} characters" in table
    assert f"over {api.MAX_QUERY_WORDS} words or {api.MAX_QUERY_CHARS:,} characters" in table
    from coopcli.model import Milestone

    count = Milestone.model_json_schema()["properties"]["count"]["anyOf"][0]
    assert f"`count` of rounds: {count['minimum']} to {count['maximum']})" in table


def test_the_changelog_starts_with_this_release_and_names_its_new_ids() -> None:
    """A script's author finds what moved in CHANGELOG.md: its newest release is this
    one, and the ids 0.4 added to the vocabularies are listed there."""
    import coopcli

    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## (\d+\.\d+\.\d+) ", changelog, re.MULTILINE)
    assert releases[0] == coopcli.__version__
    assert releases == ["0.4.0", "0.3.0", "0.2.0", "0.1.0"]
    newest = changelog.split("\n## ")[1]
    added_in_0_4 = [
        "rounds_held",
        *(c for c in vocab.CHANGE_KINDS if c.endswith("_changed") and c != "status_changed"),
    ]
    assert [name for name in added_in_0_4 if f"`{name}`" not in newest] == []
