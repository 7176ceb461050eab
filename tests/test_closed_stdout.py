"""A closed stdout (`coop ... >&-`) on the installed entry point: a command that writes
nothing to stdout does not need it, an error keeps its own exit code, and a command that
does write ends in one line on stderr and exit 1, never a traceback."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
from pathlib import Path

import pytest

from registry import EXPORT_FORMAT_NAMES

from conftest import COOP, DATA, TEST_DATA

CLOSED = "coop: cannot write output: stdout is closed\n"


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"COOP_DATA", "NO_COLOR"}}
    env["COOP_CACHE_DIR"] = str(tmp_path / "cache")
    return env


def closed_stdout(
    args: list[str], tmp_path: Path, *, how: str = "closed-descriptor", stderr_too: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run the installed `coop ARGS` with its stdout closed: by closing descriptor 1 in
    the child before it starts, or by the shell (`>&-`), which coop cannot tell apart:
    `test_the_shells_close_is_a_closed_descriptor` runs one case of each kind both ways."""
    if how == "shell":
        line = shlex.join([COOP, *args]) + " >&-" + (" 2>&-" if stderr_too else "")
        return subprocess.run(
            line,
            shell=True,
            cwd=tmp_path,
            env=environment(tmp_path),
            capture_output=True,
            text=True,
            check=False,
        )
    return subprocess.run(
        [COOP, *args],
        cwd=tmp_path,
        env=environment(tmp_path),
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        preexec_fn=lambda: os.close(1),
    )


WRITERS = [
    [],
    ["--version"],
    ["list"],
    ["list", "--json"],
    ["show", "tunisia"],
    ["search", "smuggling", "--format", "csv"],
    ["agreements", "--json"],
    ["timeline", "--format", "ndjson"],
    ["areas"],
    ["frameworks", "--json"],
    ["compare", "morocco", "tunisia"],
    ["diff", str(TEST_DATA / "minimal.toml"), str(TEST_DATA / "minimal-edited.toml")],
    ["export", "--format", "json"],
    ["export", "--format", "toml", "--output", "-"],
    ["report", "--country", "niger"],
    ["schema"],
    ["info", "--json"],
    ["validate"],
    ["help", "show"],
    ["show", "--help"],
]
"""Commands that write to stdout."""


@pytest.mark.parametrize("args", WRITERS, ids=[" ".join(a[:2]) or "coop" for a in WRITERS])
def test_a_command_that_writes_to_stdout_says_it_cannot(tmp_path: Path, args: list[str]) -> None:
    result = closed_stdout(args, tmp_path)
    assert (result.returncode, result.stderr) == (1, CLOSED)


@pytest.mark.parametrize("how", ["shell", "closed-descriptor"])
@pytest.mark.parametrize(
    ("args", "code", "stderr_start"),
    [
        (["list"], 1, CLOSED),
        (["export", "-f", "csv", "-o", "out.csv"], 0, "wrote 14 partners to "),
        (["list", "--bogus"], 2, "Usage: "),
    ],
    ids=["writer", "file", "usage"],
)
def test_the_shells_close_is_a_closed_descriptor(
    tmp_path: Path, args: list[str], code: int, stderr_start: str, how: str
) -> None:
    result = closed_stdout(args, tmp_path, how=how)
    assert result.returncode == code and result.stderr.startswith(stderr_start), result.stderr


@pytest.mark.parametrize("how", ["shell", "closed-descriptor"])
def test_a_report_to_a_file_needs_no_stdout(tmp_path: Path, how: str) -> None:
    path = tmp_path / "briefing.html"
    result = closed_stdout(["report", "--country", "niger", "-o", str(path)], tmp_path, how=how)
    assert (result.returncode, result.stderr) == (0, f"wrote a briefing on 1 partner to {path}\n")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("output_format", EXPORT_FORMAT_NAMES)
def test_an_export_to_a_file_needs_no_stdout(tmp_path: Path, output_format: str) -> None:
    path = tmp_path / f"out.{output_format}"
    result = closed_stdout(["export", "-f", output_format, "-o", str(path)], tmp_path)
    wrote = f"wrote 14 partners to {path}"
    if output_format == "toml":  # an edition, and the schema it names, beside it
        wrote += f" and its schema to {tmp_path / 'countries.schema.json'}"
    assert (result.returncode, result.stderr) == (0, wrote + "\n")
    with_stdout = subprocess.run(
        [COOP, "export", "-f", output_format, "-o", str(tmp_path / "again")],
        env=environment(tmp_path),
        capture_output=True,
        check=True,
    )
    assert with_stdout.stdout == b""
    assert path.read_bytes() == (tmp_path / "again").read_bytes()
    if output_format == "json":
        assert len(json.loads(path.read_text(encoding="utf-8"))["partners"]) == 14


def test_an_export_to_a_file_needs_neither_stdout_nor_stderr(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    result = closed_stdout(["export", "-f", "csv", "-o", str(path)], tmp_path, stderr_too=True)
    assert result.returncode == 0
    assert path.read_text(encoding="utf-8").startswith("country,")


USAGE_ERRORS = [
    (["show", "nosuch"], "no partner matches 'nosuch'"),
    (["list", "--bogus"], "No such option: --bogus"),
    (["timeline", "--from", "2021-13"], "2021-13"),
    (["search", " "], "query"),
    (["export", "-f", "sqlite"], "add --output FILE"),
    (["nosuchcommand"], "No such command"),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS, ids=[a[0] for a, _ in USAGE_ERRORS])
def test_a_usage_error_keeps_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = closed_stdout(args, tmp_path)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert CLOSED not in result.stderr


def test_an_existing_output_file_keeps_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("precious", encoding="utf-8")
    result = closed_stdout(["export", "-f", "csv", "-o", str(path)], tmp_path)
    assert result.returncode == 2 and "add --force" in result.stderr
    assert path.read_text(encoding="utf-8") == "precious"


def test_bad_data_keeps_its_own_message_and_exit_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[meta\n", encoding="utf-8")
    result = closed_stdout(["--data", str(broken), "export", "-o", "x.json"], tmp_path)
    assert result.returncode == 1
    assert str(broken) in result.stderr and CLOSED not in result.stderr
    assert not (tmp_path / "x.json").exists()


def test_the_shipped_data_is_what_was_read(tmp_path: Path) -> None:
    """With descriptor 1 free, a file coop opens could take its number: the export of a
    closed stdout still holds exactly the dataset."""
    path = tmp_path / "out.toml"
    assert closed_stdout(["export", "-f", "toml", "-o", str(path)], tmp_path).returncode == 0
    check = subprocess.run(
        [COOP, "diff", str(DATA), str(path), "--json"],
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(check.stdout) == []
