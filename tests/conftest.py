"""Shared fixtures: a clean environment for every test, the source text, the CLI runner,
and the comparison of a whole human output with its expected text."""

from __future__ import annotations

import difflib
import functools
import json
import os
import pty
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.testing
from hypothesis import settings
from typer.testing import CliRunner

from coopcli.cli import app

# The tests use the benchmarks' dataset makers (`make_dataset.layout_3`, `scaled`).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

REPO = Path(__file__).resolve().parents[1]
COOP = str(Path(sys.executable).parent / "coop")
"""The installed entry point, beside the test run's Python."""
DATA = REPO / "data" / "countries.toml"
TEST_DATA = REPO / "tests" / "data"
EXPECTED = REPO / "tests" / "commands" / "expected"
VIEWS_DATA = TEST_DATA / "views.toml"
"""Seven partners of the shipped data, frozen: the dataset of most whole-output files."""
ON_THE_SHIPPED_DATA = {"list", "areas", "show-tunisia", "timeline-tunisia"}
"""The few whole-output files run on the shipped data itself (and help and diff, which
read no shipped data)."""
UPDATE_EXPECTED = "COOP_UPDATE_EXPECTED"
DEFAULT_SOURCE = (
    REPO.parent / "shared" / "source" / "eu-migration-cooperation-key-third-countries-2021.txt"
)

# Under CI, property-based tests run a fixed set of examples: a change lands or not on its
# own merits, never on the luck of a random draw. Elsewhere each run explores anew, and
# a failure prints the seed that reproduces it.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

# Typer's CliRunner turns the app into Click commands on every invoke, building each
# command's parser from its signature: 30 ms a run, once most of the suite's time. The
# app does not change during a session, so it is turned once (a real run builds the one
# command it runs, see `coopcli.cli.application.app_for`).
assert callable(typer.testing._get_command)
typer.testing._get_command = functools.cache(typer.testing._get_command)


@pytest.fixture(autouse=True)
def clean_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No user settings leak in; each test session gets its own cache folder."""
    for name in ("COOP_DATA", "NO_COLOR", "FORCE_COLOR", "COOP_NO_CACHE", "TERM", "COOP_FORCE_TTY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COOP_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture(scope="session")
def source_text() -> str:
    """The source document, whitespace-normalised. Under CI a missing file fails."""
    path = Path(os.environ.get("COOP_SOURCE_TEXT", DEFAULT_SOURCE))
    if not path.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"source text not found at {path} (set COOP_SOURCE_TEXT)")
        pytest.skip(f"source text not found at {path}")
    return " ".join(path.read_text(encoding="utf-8").split())


class Run:
    """Runs the real CLI in-process and parses what it prints."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int = 0, env: dict[str, str] | None = None) -> Any:
        # Typer's CliRunner lays Click's help out at 80 columns whatever COLUMNS says; a
        # real run takes the terminal's width, at most 80, less 2 (Click's HelpFormatter).
        columns = int((env or {}).get("COLUMNS") or os.environ.get("COLUMNS") or 80)
        help_width = max(min(columns, 80) - 2, 50)
        result = self.runner.invoke(app, list(args), env=env, terminal_width=help_width)
        assert result.exit_code == code, (
            result.exit_code,
            result.stdout,
            result.stderr,
            result.exception,
        )
        return result

    def json(self, *args: str, env: dict[str, str] | None = None) -> Any:
        return json.loads(self(*args, "--json", env=env).stdout)


@pytest.fixture
def run() -> Iterator[Run]:
    yield Run()


def run_example(
    run: Run, line: str, folder: Path, monkeypatch: pytest.MonkeyPatch, code: int = 0
) -> str:
    """Run a documented example as a user would, in `folder` with HOME there, and return
    its stdout: a plain `coop` line (to a file or not) in-process, the same app in a tenth
    of the time; anything else (a pipe to jq, a variable) in bash, `pipefail` set."""
    monkeypatch.setenv("HOME", str(folder))
    command = line.split(" #", 1)[0].strip()
    plain = re.fullmatch(r"(coop [^|<>;&$`]+?)(?: > ([\w.-]+))?", command)
    if plain:
        monkeypatch.chdir(folder)
        stdout: str = run(*shlex.split(plain.group(1))[1:], code=code).stdout
        if plain.group(2):
            (folder / plain.group(2)).write_text(stdout, encoding="utf-8")
        return stdout
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(folder),
        "LANG": "C.UTF-8",
        "COLUMNS": "80",
        "COOP_CACHE_DIR": os.environ["COOP_CACHE_DIR"],
    }
    result = subprocess.run(
        ["bash", "-c", f"set -euo pipefail; {line}"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == code, (line, result.stdout[-500:], result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    return result.stdout


def check_whole_output(
    run: Run, name: str, *args: str, columns: int = 80, terminal: bool = False
) -> None:
    """Run `coop ARGS` at `columns` columns, on tests/data/views.toml unless NAME is
    ON_THE_SHIPPED_DATA, and compare its whole stdout with
    tests/commands/expected/NAME.txt (see `compare_with_expected`): piped (plain, no
    colour; a listing's table tab-separated, which has no width), or with `terminal`
    laid out as on a terminal (COOP_FORCE_TTY, still without colour)."""
    env = {"COLUMNS": str(columns)}
    if name not in ON_THE_SHIPPED_DATA and not name.startswith(("help", "overview", "diff")):
        env["COOP_DATA"] = str(VIEWS_DATA)
    if terminal:
        env["COOP_FORCE_TTY"] = "1"
    out = run(*args, env=env).stdout
    tab_separated = not terminal and "\t" in out
    compare_with_expected(name, out, None if tab_separated else columns)


def compare_with_expected(name: str, actual: str, columns: int | None = 80) -> None:
    """Compare a whole output with tests/commands/expected/NAME.txt, so that a change of
    layout shows as a diff; no line may be wider than `columns` (None: a pipe's
    tab-separated lines, which have no width).

    With COOP_UPDATE_EXPECTED=1 in the environment the file is (re)written instead, and
    the test is skipped, saying so, if that changed it: read the new file before
    committing it. The width check still applies, so a too-wide output is never written.
    """
    from rich.cells import cell_len

    too_wide = [
        line for line in actual.splitlines() if columns is not None and cell_len(line) > columns
    ]
    assert too_wide == [], f"lines wider than {columns} columns"
    path = EXPECTED / f"{name}.txt"
    updating = os.environ.get(UPDATE_EXPECTED) == "1"
    if updating and (not path.is_file() or path.read_text(encoding="utf-8") != actual):
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as file:
            file.write(actual)
        pytest.skip(f"{UPDATE_EXPECTED}=1: wrote {path.relative_to(REPO)}")
    if not path.is_file():
        pytest.fail(f"no {path.relative_to(REPO)}; write it with {UPDATE_EXPECTED}=1 pytest")
    with path.open(encoding="utf-8", newline="") as file:
        expected = file.read()
    # pytest's own diff of two long strings is terse under -q: add a unified one.
    changes = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        f"expected/{name}.txt",
        "actual",
    )
    assert actual == expected, "\n" + "".join(changes)


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


# The slowest files first (`--dist loadfile` hands the two workers whole files in
# collection order): a slow file last would leave one worker idle while it runs.
SLOWEST_FILES = (
    "test_report_in_a_browser.py", "test_costs.py", "test_limits.py", "test_one_path.py",
    "test_every_command.py", "test_performance_paths.py", "test_closed_stdout.py",
    "test_processes.py", "test_terminal_safety.py", "test_code_quality.py",
)  # fmt: skip


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: place for place, name in enumerate(SLOWEST_FILES)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: else as found
