"""Every exit code coop chooses is a member of `ExitStatus`, chosen in one module
(`coopcli.cli.exits`), and every member is what some run of the installed `coop` ends
with."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
import tomli_w

from coopcli.cli.exits import ExitStatus

from conftest import COOP, REPO, TEST_DATA

PACKAGE = REPO / "src" / "coopcli"
CHOOSER = PACKAGE / "cli" / "exits.py"
CODES = {member.value for member in ExitStatus if member.value} | {128}
"""Literals that would be an exit code (0 is left out: it is also every other count)."""
_EXITS = {"exit", "_exit", "Exit"}
_CODE_NAMES = {"code", "exit_code", "status", "returncode"}


def _literal_code(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int and node.value in CODES | {0}


def chosen_codes(tree: ast.AST) -> list[int]:
    """The lines where `tree` chooses an exit code itself: a literal passed to an exit
    (`sys.exit(2)`, `os._exit(130)`, `typer.Exit(code=1)`), given to a name for one
    (`code = 130`, `exit_code = 2`), or a signal's status worked out (`128 + signum`)."""
    lines: list[int] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            arguments = [*node.args, *(k.value for k in node.keywords if k.arg == "code")]
            if name in _EXITS and any(_literal_code(argument) for argument in arguments):
                lines.append(node.lineno)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = {
                target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                for target in targets
            }
            if names & _CODE_NAMES and _literal_code(node.value):
                lines.append(node.lineno)
        elif (
            isinstance(node, ast.Constant)
            and type(node.value) is int
            and node.value in CODES - {1, 2}  # 128, 129, 130, 143 mean nothing else here
        ):
            lines.append(node.lineno)
    return lines


CONSOLE_SCRIPT = PACKAGE / "entry.py"
"""The one other module that writes a status out: its Ctrl-C handler imports nothing,
since an import there could itself be interrupted (the test below holds it equal)."""


def test_no_module_but_exits_chooses_an_exit_code() -> None:
    found = [
        f"{path.relative_to(REPO)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path not in (CHOOSER, CONSOLE_SCRIPT)
        for line in chosen_codes(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not found, f"use ExitStatus (coopcli.cli.exits): {found}"


def test_the_console_script_exits_with_exit_status_sigint_alone() -> None:
    tree = ast.parse(CONSOLE_SCRIPT.read_text(encoding="utf-8"))
    codes = [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and ast.unparse(node.func) == "os._exit"
        and isinstance(node.args[0], ast.Constant)
    ]
    assert codes == [ExitStatus.SIGINT]


def test_the_scan_finds_a_literal_exit_code() -> None:
    for source in (
        "sys.exit(2)",
        "os._exit(130)",
        "raise typer.Exit(code=1)",
        "code = 130",
        "self.exit_code = 2",
        "status = 128 + signum",
    ):
        assert chosen_codes(ast.parse(source)), source
    for source in ("sys.exit(ExitStatus.USAGE)", "count = 2", "x = line + 1"):
        assert not chosen_codes(ast.parse(source)), source


def environment(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "COOP_CACHE_DIR": str(tmp_path / "cache")}


def run(tmp_path: Path, *arguments: str) -> int:
    command = [COOP, *arguments]
    return subprocess.run(command, env=environment(tmp_path), capture_output=True).returncode


def signalled(signum: int) -> Callable[[Path], int]:
    """A run of `coop` that a signal ends while it writes: its exit status."""

    def scenario(tmp_path: Path) -> int:
        process = subprocess.Popen(
            [COOP, "export", "--format", "ndjson", "--data", str(_large(tmp_path))],
            env=environment(tmp_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None
        assert process.stdout.read(1) == b"{"  # running coop's own code, blocked on the pipe
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
        assert stderr.strip() == b""
        return process.returncode

    return scenario


def _large(tmp_path: Path) -> Path:
    """A valid dataset whose export is far larger than a pipe's buffer."""
    document = tomllib.loads((TEST_DATA / "minimal.toml").read_text(encoding="utf-8"))
    template = document["partners"][0]
    document["partners"] = [
        {**template, "id": f"partner-{n}", "name": f"Partner {n}"} for n in range(600)
    ]
    for partner in document["partners"]:
        partner.pop("iso2", None)
        partner.pop("iso3", None)
    path = tmp_path / "large.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


SCENARIOS: dict[ExitStatus, Callable[[Path], int]] = {
    ExitStatus.OK: lambda tmp_path: run(tmp_path, "list", "--json"),
    ExitStatus.DATA: lambda tmp_path: run(tmp_path, "list", "--data", str(tmp_path)),
    ExitStatus.USAGE: lambda tmp_path: run(tmp_path, "show", "atlantis"),
    ExitStatus.SIGHUP: signalled(signal.SIGHUP),
    ExitStatus.SIGINT: signalled(signal.SIGINT),
    ExitStatus.SIGTERM: signalled(signal.SIGTERM),
}


@pytest.mark.parametrize("status", list(ExitStatus), ids=lambda status: status.name)
def test_every_exit_status_ends_some_run(tmp_path: Path, status: ExitStatus) -> None:
    assert status in SCENARIOS, f"no run of coop is known to end with {status!r}"
    assert SCENARIOS[status](tmp_path) == status


def test_an_interrupt_python_wrapped_during_start_up_is_a_ctrl_c(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Ctrl-C while a class is created reaches coop as a RuntimeError whose cause is the
    interrupt (Python 3.11): exit 130, no traceback."""
    from coopcli import entry
    from coopcli.cli import exits

    def interrupted(*args: object) -> None:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as interrupt:
            raise RuntimeError("Error calling __set_name__") from interrupt

    def exit_now(code: int) -> None:
        raise SystemExit(code)

    monkeypatch.setattr(exits, "main", interrupted)
    monkeypatch.setattr(entry.os, "_exit", exit_now)
    with pytest.raises(SystemExit) as ended:
        entry.main()
    assert ended.value.code == 130
