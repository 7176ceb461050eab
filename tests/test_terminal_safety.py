"""No text from a dataset or an argument reaches a person's terminal raw: every human
view, every message, on a terminal and piped, over a dataset whose every text field holds
escape sequences, C1 controls, carriage returns, bidi overrides and zero-width characters.
Machine formats stay byte-faithful for programs, and are escaped on a terminal."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from registry import EVERY_COMMAND

from conftest import DATA, Run

COOP = str(Path(sys.executable).parent / "coop")

NASTY = (
    " \x1b[2J\x1b[31mred\x1b]0;title\x07\x1b]8;;https://evil.example\x07link\x1b]8;;\x07"
    "\x9b31m\x85\r\x7f\u202eevil\u202c\u2066iso\u2069\u200b\u2060\ufeff\u200e"
)
"""ESC (CSI, OSC title, OSC 8 link), BEL, C1 CSI and NEL, CR, DEL, bidi override and
isolate, zero-width space, word joiner, BOM, left-to-right mark."""

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
SGR = re.compile("\x1b\\[[0-9;]*m")  # rich's own colours, on a terminal
TEXT_FIELDS = {
    "name", "region", "aliases", "title", "source", "role", "people", "bodies", "places",
    "when", "covers", "date_reasoning", "source_file",
}  # fmt: skip


def poisoned(value: Any, key: str = "", table: str = "") -> Any:
    """`value` with NASTY added to every free-text field (ids, codes and vocabulary
    values, such as an agency's name, are checked by validation and stay as they are)."""
    if isinstance(value, dict):
        return {k: poisoned(v, k, key) for k, v in value.items()}
    if isinstance(value, list):
        return [poisoned(item, key, table) for item in value]
    if isinstance(value, str) and key in TEXT_FIELDS and table != "agencies":
        return value + NASTY
    return value


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> str:
    document = poisoned(tomllib.loads(DATA.read_text(encoding="utf-8")))
    path = tmp_path_factory.mktemp("hostile") / "hostile\x1b[2J.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return str(path)


HUMAN_COMMANDS = [
    ["list"],
    ["show", "tunisia"],
    ["show", "western-balkans", "--sources"],
    ["show", "libya", "--sources"],
    ["search", "visit"],
    ["search", "evil"],
    ["agreements"],
    ["timeline"],
    ["people"],
    ["areas"],
    ["areas", "smuggling"],
    ["frameworks"],
    ["frameworks", "budapest"],
    ["compare", "morocco", "tunisia", "turkey"],
    ["info"],
    ["validate"],
]
WITHOUT_A_HUMAN_VIEW = {
    "diff": "two files: test_diff_and_export_messages_show_file_names_visibly",
    "export": "machine formats only",
    "schema": "JSON only",
    "help": "no data in it",
}


def test_every_command_with_a_human_view_is_among_them() -> None:
    assert {args[0] for args in HUMAN_COMMANDS} == set(EVERY_COMMAND) - set(WITHOUT_A_HUMAN_VIEW)


def assert_safe(text: str, *, colours: bool) -> None:
    shown = SGR.sub("", text) if colours else text
    raw = sorted({f"U+{ord(c):04X}" for c in RAW.findall(shown)})
    assert not raw, raw
    assert "\x1b" not in shown and "Traceback" not in shown


@pytest.mark.parametrize("env", [{}, {"FORCE_COLOR": "1"}], ids=["piped", "terminal"])
@pytest.mark.parametrize("args", HUMAN_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("columns", ["60", "80"])
def test_every_human_view_shows_control_characters_visibly(
    run: Run, hostile: str, args: list[str], env: dict[str, str], columns: str
) -> None:
    result = run(*args, "--data", hostile, env={**env, "COLUMNS": columns})
    assert_safe(result.stdout, colours=bool(env))
    assert_safe(result.stderr, colours=False)
    assert "\\x1b[2J" in result.stdout or args[0] in {"areas", "validate"}


def test_diff_and_export_messages_show_file_names_visibly(run: Run, hostile: str) -> None:
    result = run("diff", str(DATA), hostile)
    assert_safe(result.stdout, colours=False)
    result = run("export", "--format", "csv", "--output", hostile, code=2)
    assert_safe(result.stderr, colours=False)
    assert "hostile\\x1b[2J.toml exists" in result.stderr


def test_messages_about_bad_arguments_and_bad_files_show_them_visibly(
    run: Run, hostile: str, tmp_path: Path
) -> None:
    for args in (
        ["show", "\x1b[2Jx\u202e"],
        ["list", "--region", "\x1b]8;;x\x07"],
        ["list", "--area", "\x9b\r"],
        ["agreements", "--status", "\u2066x"],
        ["search", "visit", "--format", "\x1b[1m"],
        ["validate", str(tmp_path / "missing\x1b[2J.toml")],
    ):
        result = run(*args, "--data", hostile, code=1 if args[0] == "validate" else 2)
        assert_safe(result.stderr, colours=False)
        assert result.stdout == ""
    # the valid regions listed in the error come from the hostile data
    region_error = run("list", "--region", "nowhere", "--data", hostile, code=2).stderr
    assert "valid: Northern Africa \\x1b[2J" in region_error


def test_validation_errors_show_hostile_ids_and_keys_visibly(run: Run, tmp_path: Path) -> None:
    text = DATA.read_text(encoding="utf-8")
    broken = text.replace('id = "tunisia"', 'id = "tun\\u001b[2Jisia"', 1).replace(
        'status = "negotiating"', '"sta\\u001b]0;x\\u0007tus" = "negotiating"', 1
    )
    path = tmp_path / "broken.toml"
    path.write_text(broken, encoding="utf-8")
    result = run("validate", str(path), code=1)
    assert_safe(result.stderr, colours=False)
    assert "tun\\x1b[2Jisia" in result.stderr and "sta\\x1b]0;x\\x07tus" in result.stderr


def test_machine_formats_piped_are_byte_faithful(run: Run, hostile: str) -> None:
    card = json.loads(run("show", "tunisia", "--json", "--data", hostile).stdout)
    assert card["name"] == "Tunisia" + NASTY
    rows = run("list", "--format", "csv", "--data", hostile).stdout
    assert NASTY.replace("\r", "") in rows.replace("\r", "")
    line = run("list", "--format", "ndjson", "--data", hostile).stdout.split("\n")[0]
    assert json.loads(line)["name"] == "Morocco" + NASTY


def on_a_terminal(args: list[str], tmp_path: Path) -> str:
    """What the installed `coop` writes to a pseudo-terminal."""
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    env.update(COOP_CACHE_DIR=str(tmp_path / "cache"), COLUMNS="80", TERM="xterm")
    process = subprocess.Popen([COOP, *args], stdout=follower, stderr=subprocess.PIPE, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the follower side closed: the process is done writing
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0, process.stderr.read() if process.stderr else ""
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("output_format", ["json", "ndjson"])
def test_json_on_a_terminal_escapes_and_still_parses_to_the_same_value(
    tmp_path: Path, hostile: str, output_format: str
) -> None:
    shown = on_a_terminal(["list", "--format", output_format, "--data", hostile], tmp_path)
    assert_safe(shown, colours=False)
    if output_format == "json":
        rows = json.loads(shown)
    else:
        rows = [json.loads(line) for line in shown.split("\n") if line]
    assert rows[0]["name"] == "Morocco" + NASTY


def test_csv_and_toml_on_a_terminal_are_escaped(tmp_path: Path, hostile: str) -> None:
    for args in (["list", "--format", "csv"], ["export", "--format", "toml"]):
        assert_safe(on_a_terminal([*args, "--data", hostile], tmp_path), colours=False)
    toml_text = on_a_terminal(["export", "--format", "toml", "--data", hostile], tmp_path)
    assert tomllib.loads(toml_text)["partners"][0]["name"] == "Morocco" + NASTY


def test_completion_descriptions_show_hostile_names_visibly(tmp_path: Path, hostile: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COOP_DATA"}
    env.update(
        _COOP_COMPLETE="complete_zsh",
        _TYPER_COMPLETE_ARGS="coop show tu",
        COOP_CACHE_DIR=str(tmp_path),
        COOP_DATA=hostile,
    )
    out = subprocess.run([COOP], env=env, capture_output=True, text=True, check=True).stdout
    assert "tunisia" in out
    assert_safe(out, colours=False)
