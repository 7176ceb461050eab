"""The linters and the type checker, run as part of the suite so CI cannot skip them:
each from the test environment itself (`python -m ...`), never skipped for not being
on PATH (a fresh venv's tools are not, unless it is activated)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


def test_ruff_check_is_clean() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = _run(
        sys.executable, "-m", "ruff", "format", "--check", "src", "tests", "benchmarks", "scripts"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean_and_catches_a_users_mistakes(tmp_path: Path) -> None:
    # One run over src and a user's two scripts (test_api's): coopcli and its
    # dependencies are analysed once, not once a file.
    from test_api import MISTAKES, USER_SCRIPT

    script, mistakes = tmp_path / "notebook.py", tmp_path / "mistakes.py"
    script.write_text(USER_SCRIPT, encoding="utf-8")
    mistakes.write_text(MISTAKES, encoding="utf-8")
    # --no-incremental: a cache keeps the path of an earlier run's `mistakes` module (the
    # errors then name a folder of that run); CI starts with no cache, so it costs CI nothing
    command = ["mypy", "--strict", "--no-incremental", "src", str(script), str(mistakes)]
    result = _run(sys.executable, "-m", *command)
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert all(line.startswith(str(mistakes)) for line in errors), result.stdout + result.stderr
    assert len(errors) == 3, result.stdout
    assert 'Unexpected keyword argument "statuz"' in result.stdout
    assert '"list[TimelineRow]", variable has type "list[Hit]"' in result.stdout
    assert 'expression has type "str", variable has type "int"' in result.stdout


def test_modules_typer_reads_on_every_run_keep_their_annotations_as_objects() -> None:
    # Typer evaluates string annotations with eval() on every run: about 1 ms of 40.
    from conftest import REPO as repo

    for path in [
        *(repo / "src" / "coopcli" / "cli" / "commands").glob("*.py"),
        repo / "src" / "coopcli" / "cli" / "application.py",
    ]:
        lines = path.read_text().splitlines()
        assert "from __future__ import annotations" not in lines, path.name
