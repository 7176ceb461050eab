"""The linters and the type checker, run as part of the suite so CI cannot skip them:
each from the test environment itself (`python -m ...`), never skipped for not being
on PATH (a fresh venv's tools are not, unless it is activated)."""

from __future__ import annotations

import subprocess
import sys

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


def test_mypy_strict_is_clean() -> None:
    result = _run(sys.executable, "-m", "mypy", "--strict", "src")
    assert result.returncode == 0, result.stdout + result.stderr


def test_modules_typer_reads_on_every_run_keep_their_annotations_as_objects() -> None:
    # Typer evaluates string annotations with eval() on every run: about 1 ms of 40.
    from conftest import REPO as repo

    for path in [
        *(repo / "src" / "coopcli" / "cli" / "commands").glob("*.py"),
        repo / "src" / "coopcli" / "cli" / "application.py",
    ]:
        lines = path.read_text().splitlines()
        assert "from __future__ import annotations" not in lines, path.name
