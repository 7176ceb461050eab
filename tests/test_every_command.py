"""What holds for every command: each listing speaks every format, each help ends with
examples, the README documents each, completion in every shell, and the README's pictures."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coopcli.cli import app

from conftest import REPO, Run

COOP = str(Path(sys.executable).parent / "coop")


COMMANDS = [
    "list",
    "show",
    "search",
    "agreements",
    "timeline",
    "areas",
    "frameworks",
    "compare",
    "diff",
    "schema",
    "export",
    "info",
    "validate",
    "help",
]


def test_json_and_format_conflict_is_a_usage_error(run: Run) -> None:
    result = run("list", "--json", "--format", "csv", code=2)
    assert "conflicts" in result.stderr


@pytest.mark.parametrize(
    "command",
    [["list"], ["agreements"], ["search", "visit"], ["timeline"], ["areas"], ["frameworks"]],
)
def test_every_listing_speaks_every_format(run: Run, command: list[str]) -> None:
    as_json = run(*command, "--format", "json").stdout
    rows = json.loads(as_json)
    assert rows == json.loads(run(*command, "--json").stdout)
    lines = run(*command, "--format", "ndjson").stdout.splitlines()
    assert [json.loads(line) for line in lines] == rows
    table = list(csv.DictReader(io.StringIO(run(*command, "--format", "csv").stdout, newline="")))
    assert len(table) == len(rows)
    first_key = next(iter(rows[0]))
    assert [r[first_key] for r in table] == [str(r[first_key]) for r in rows]
    assert run(*command, "--format", "table").stdout.strip()


def complete(words: str, tmp_path: Path) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "COOP_DATA"}
    env.update(
        _COOP_COMPLETE="complete_bash",
        COMP_WORDS=words,
        COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        COOP_CACHE_DIR=str(tmp_path),
    )
    return subprocess.run(
        [COOP], env=env, capture_output=True, text=True, check=True
    ).stdout.split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("coop show ni", ["nigeria", "niger"]),
        ("coop show Tür", ["Türkiye"]),
        ("coop show Serb", ["Serbia"]),
        ("coop compare morocco tu", ["tunisia", "turkey"]),
        ("coop agreements --status ne", ["negotiating"]),
        ("coop agreements --kind vi", ["visa_facilitation"]),
        ("coop list --area s", ["smuggling", "search_rescue"]),
        ("coop list --region southern-a", ["southern-asia"]),
        ("coop list --format n", ["ndjson"]),
        ("coop timeline --kind s", ["summit", "signed"]),
        ("coop export --format t", ["toml"]),
    ],
)
def test_completion_offers_values(tmp_path: Path, words: str, expected: list[str]) -> None:
    assert complete(words, tmp_path) == expected


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_ends_with_real_examples(run: Run, command: str) -> None:
    lines = [line.strip() for line in run(command, "--help").stdout.splitlines() if line.strip()]
    assert lines[-1].startswith(f"$ coop {command}") or lines[-1].startswith("$ COOP_DATA")
    examples = [line for line in lines if line.startswith("$ ")]
    assert 2 <= len(examples) <= 3


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    from typer.main import get_command

    names = set(get_command(app).commands)  # type: ignore[attr-defined]
    assert names == set(COMMANDS)
    for name in names:
        assert f"coop {name}" in readme, name


def test_the_readme_pictures_come_from_a_real_run() -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import pictures
    finally:
        sys.path.pop(0)
    svg = pictures.picture(["show", "tunisia"], 100)
    assert svg.startswith("<svg") and "Under&#160;negotiation" in svg
    for name in pictures.PICTURES:
        assert (REPO / "docs" / "images" / name).read_text(encoding="utf-8").startswith("<svg")


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_completion_offer_partner_ids(tmp_path: Path, shell: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COOP_DATA"}
    env.update(
        _COOP_COMPLETE=f"complete_{shell}",
        _TYPER_COMPLETE_ARGS="coop show tu",
        COOP_CACHE_DIR=str(tmp_path),
    )
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    out = subprocess.run([COOP], env=env, capture_output=True, text=True, check=True).stdout
    assert "tunisia" in out and "turkey" in out and "morocco" not in out
    env["_TYPER_COMPLETE_ARGS"] = "coop sh"
    assert (
        "show" in subprocess.run([COOP], env=env, capture_output=True, text=True, check=True).stdout
    )


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_for_each_shell(tmp_path: Path, shell: str) -> None:
    env = {**os.environ, "_COOP_COMPLETE": f"source_{shell}"}
    script = subprocess.run([COOP], env=env, capture_output=True, text=True, check=True).stdout
    assert "_COOP_COMPLETE=complete_" + shell in script
