"""What holds for every command: each runs through the installed entry point, each
listing speaks every format, each help ends with examples, the README documents each,
completion in every shell, and the README's pictures."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import coopcli
from coopcli.cli import app
from registry import ARGUMENTS, EVERY_COMMAND, FORMATS, LISTINGS, example

from conftest import COOP, DATA, REPO, TEST_DATA, Run

BROKEN = TEST_DATA / "broken" / "bad_vocabulary.toml"

COMMANDS = list(EVERY_COMMAND)


ENTRY_POINT_RUNS: list[tuple[str, list[str]]] = [
    (command, example(command)) for command in COMMANDS
] + [
    ("show", [*example("show"), "--json"]),
    ("search", [*example("search"), "--json"]),
    ("export", ["export", "--format", "csv"]),
    ("help", ["help", "show"]),
]
"""Each command with minimal valid arguments, in its human view (`export` and `schema`
print JSON by default), and the JSON of a card, of a listing and a CSV: every format is
written by one function for every command, which the in-process tests run for each."""


def run_coop(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed `coop` entry point, as a user's shell would, with stdout piped."""
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR", "COOP_DATA"}}
    return subprocess.run(
        [COOP, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_every_command_runs_through_the_entry_point() -> None:
    assert {command for command, _ in ENTRY_POINT_RUNS} == set(COMMANDS)


@pytest.mark.parametrize(
    "args",
    [args for _, args in ENTRY_POINT_RUNS],
    ids=[" ".join(a).replace(str(DATA), "DATA") for _, a in ENTRY_POINT_RUNS],
)
def test_the_entry_point_runs_each_command(run: Run, tmp_path: Path, args: list[str]) -> None:
    result = run_coop(args, tmp_path)
    # `agreements` points to the agreements held as frameworks (Iraq's, Afghanistan's)
    notes = coopcli.load().agreement_notes() if args[0] == "agreements" else []
    assert (result.returncode, result.stderr) == (0, "".join(f"{n}\n" for n in notes))
    assert result.stdout == run(*args).stdout  # what the in-process tests check is what runs
    if args[0] == "diff":  # of identical files: nothing changed
        assert result.stdout == ("[]\n" if "--json" in args else "")
    elif "--json" in args or (args[0] in {"schema", "export"} and "--format" not in args):
        assert json.loads(result.stdout)
    elif args[-2:] == ["--format", "csv"]:
        assert len(list(csv.DictReader(io.StringIO(result.stdout, newline="")))) > 185
    else:
        assert result.stdout.strip() and "\x1b" not in result.stdout


def test_the_entry_point_exports_to_a_file(run: Run, tmp_path: Path) -> None:
    facts = run.json("info")["facts"]
    path = tmp_path / "out.toml"
    result = run_coop(["export", "--format", "toml", "--output", str(path)], tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    schema = tmp_path / "countries.schema.json"
    assert result.stderr == f"wrote 14 partners to {path} and its schema to {schema}\n"
    check = run_coop(["validate", str(path)], tmp_path)
    assert check.stdout == f"{path}: valid: 14 partners, {facts} facts\n"


def test_json_and_format_conflict_is_a_usage_error(run: Run) -> None:
    result = run("list", "--json", "--format", "csv", code=2)
    assert "conflicts" in result.stderr


@pytest.mark.parametrize("command", sorted({args[0] for args in FORMATS} - {"export"}))
def test_a_bad_format_is_a_usage_error_before_the_dataset_is_read(run: Run, command: str) -> None:
    arguments = ARGUMENTS[command] if command != "diff" else (str(BROKEN), str(BROKEN))
    data = [] if command == "diff" else ["--data", str(BROKEN)]
    result = run(command, *arguments, "--format", "nope", *data, code=2)
    assert "format" in result.stderr and "bad_vocabulary" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [args for args in LISTINGS if args[0] != "diff"],  # diff of a file with itself: no rows
    ids=" ".join,
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


def completed(
    shell: str, words: str, tmp_path: Path, *, entry_point: bool = False, fish: str = "get-args"
) -> Any:
    """What coop writes for `shell` completing the line `words` (the last word, or a new
    one after a trailing space; for fish, its `get-args` or `is-args` call): in-process,
    as the other tests run the CLI, or through the installed entry point. Its
    `returncode` is the exit status."""
    env: dict[str, str | None] = {
        "COOP_DATA": None,
        "COOP_CACHE_DIR": str(tmp_path),
        "_COOP_COMPLETE": f"complete_{shell}",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        "_TYPER_COMPLETE_ARGS": words,
        "_TYPER_COMPLETE_FISH_ACTION": fish,
    }
    if entry_point:
        whole = {k: v for k, v in {**os.environ, **env}.items() if v is not None}
        return subprocess.run([COOP], env=whole, capture_output=True, text=True, check=False)
    result = CliRunner().invoke(app, [], env=env, prog_name="coop")
    result.returncode = result.exit_code
    return result


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_entry_point_completes_as_the_app_does(tmp_path: Path, shell: str) -> None:
    for words in ("coop show ni", "coop timeline --person johan", "coop diff "):
        ran = completed(shell, words, tmp_path, entry_point=True)
        assert (ran.returncode, ran.stdout) == (0, completed(shell, words, tmp_path).stdout)


def complete(words: str, tmp_path: Path) -> list[str]:
    return list(completed("bash", words, tmp_path).stdout.split())


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
        (
            "coop show tunisia/visit-2021-0",
            ["tunisia/visit-2021-05", "tunisia/visit-2021-09-09", "tunisia/visit-2021-04-04"],
        ),
        ("coop show TN/readmission-m", ["TN/readmission-mandate-2014"]),
        ("coop list --framework bud", ["budapest-process"]),
        ("coop list --framework ET", ["ETM"]),
        ("coop timeline --person johan", ["johansson"]),
        ("coop timeline --person Várh", ["Várhelyi"]),
        ("coop people Urp", ["Urpilainen"]),
        ("coop people Ley", ["Leyen"]),  # a name no event gives: "Ursula von der Leyen"
        ("coop timeline --person Bor", ["Borrell"]),
        ("coop timeline --person Urs", ["Ursula"]),
        ("coop search x --person HR", ["HRVP"]),
        ("coop timeline --body Fro", ["Frontex"]),
        ("coop search x --body IO", ["IOM"]),
        ("coop bodies Euro", ["European", "Europol"]),
        ("coop bodies ital", ["italy"]),
        ("coop timeline --place Br", ["Brdo"]),
        ("coop timeline --from 2012", ["2012"]),  # what was typed, never file names
        ("coop timeline --to 2014", ["2014"]),
        ("coop timeline --since 2021-0", [f"2021-0{m}" for m in (1, 2, 3, 4, 5, 6, 7, 9)]),
    ],
)
def test_completion_offers_values(tmp_path: Path, words: str, expected: list[str]) -> None:
    assert complete(words, tmp_path) == expected


@pytest.mark.parametrize("cword", ["abc", "", "-1"])
def test_a_malformed_completion_environment_is_a_usage_error(tmp_path: Path, cword: str) -> None:
    env = {**os.environ, "_COOP_COMPLETE": "complete_bash", "COMP_WORDS": "coop sh"}
    env["COMP_CWORD"] = cword
    done = subprocess.run([COOP], env=env, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "coop: COMP_CWORD must be the number of the word being completed\n"


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


def _pictures() -> Any:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import pictures
    finally:
        sys.path.pop(0)
    return pictures


PICTURES = _pictures()


@pytest.mark.parametrize("name", list(PICTURES.PICTURES))
def test_the_readme_pictures_are_todays_runs(name: str) -> None:
    # the SVGs only: a PNG differs by a pixel from one machine's fonts to another's
    args, width = PICTURES.PICTURES[name]
    svg = PICTURES.picture(args, width)
    assert svg.startswith("<svg")
    committed = (REPO / "docs" / "images" / name).read_text(encoding="utf-8")
    assert committed == svg, f"{name} is out of date: run python scripts/pictures.py"
    assert f"(docs/images/{name})" in (REPO / "README.md").read_text(encoding="utf-8")


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


@pytest.mark.parametrize("command", COMMANDS)
def test_every_example_of_every_help_is_one_line_at_80_columns(run: Run, command: str) -> None:
    text = run(command, "--help", env={"COLUMNS": "80"}).stdout
    examples = text[text.index("Examples:") :].splitlines()[1:]
    assert [line for line in examples if line.strip() and not line.startswith("  $ ")] == []


def test_zsh_completes_a_quoted_name_of_several_words(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COOP_DATA"}
    env.update(
        _COOP_COMPLETE="complete_zsh",
        _TYPER_COMPLETE_ARGS="coop people 'von d",
        COOP_CACHE_DIR=str(tmp_path),
    )
    out = subprocess.run([COOP], env=env, capture_output=True, text=True, check=True).stdout
    assert '"von der Leyen":"Ursula von der Leyen"' in out
    env["_TYPER_COMPLETE_ARGS"] = "coop timeline --body 'eu ag"
    out = subprocess.run([COOP], env=env, capture_output=True, text=True, check=True).stdout
    assert '"eu agencies":"EU agencies"' in out


def complete_in(shell: str, words: str, tmp_path: Path) -> tuple[list[str], bool]:
    """What `shell` is offered for the line `words` (the last word being completed, or a
    new one after a trailing space), and whether it would fall back to file names: bash
    when offered nothing (`complete -o default`), zsh when told `_files`, fish when the
    `is-args` call fails."""
    if shell == "bash":
        offers = complete(words, tmp_path)
        return offers, offers == []
    out = completed(shell, words, tmp_path).stdout
    if shell == "zsh":
        values = re.findall(r'^(?:_arguments \'\*: :\(\()?"((?:[^"]|"")*)"', out, re.MULTILINE)
        return [value.replace('""', '"') for value in values], out.strip() == "_files"
    is_args = completed(shell, words, tmp_path, fish="is-args")
    return [line.split("\t")[0] for line in out.splitlines() if line], is_args.exit_code != 0


VALUES: list[tuple[str, list[str]]] = [
    ("coop frameworks bu", ["budapest-process"]),
    ("coop frameworks et", ["etm"]),
    ("coop list --region S", ["Southern-europe", "Southern-asia"]),
    ("coop list --region 'Southern A", ["Southern Asia"]),
    ("coop timeline --person von", ["von"]),
    ("coop people 'von d", ["von der Leyen"]),
    ("coop search fronte", ["frontex"]),
    ("coop help ti", ["timeline"]),
    ("coop validate --source x --min-coverage ", ["100"]),
    ("coop list --region nowhere", ["nowhere"]),  # nothing matches: never file names
    ("coop search smuggl", ["smuggl"]),
    ("coop diff ", []),  # a file: file names
]
"""Lines being completed and what each shell offers; `[]`: a file, whose names it offers."""

SHELL_RUNS = [
    (shell, words, expected)
    for words, expected in VALUES
    for shell in ("bash", "zsh", "fish")
    if shell != "bash" or "'" not in words  # a quoted word: zsh and fish only
]


@pytest.mark.parametrize(("shell", "words", "expected"), SHELL_RUNS)
def test_every_value_with_a_vocabulary_completes_in_every_shell(
    tmp_path: Path, shell: str, words: str, expected: list[str]
) -> None:
    offers, files = complete_in(shell, words, tmp_path)
    assert (offers, files) == (expected, expected == [])
