"""Shared fixtures: a clean environment for every test, the source text, the CLI runner."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coopcli.cli import app

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data" / "countries.toml"
TEST_DATA = REPO / "tests" / "data"
DEFAULT_SOURCE = (
    REPO.parent / "shared" / "source" / "eu-migration-cooperation-key-third-countries-2021.txt"
)


@pytest.fixture(autouse=True)
def clean_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No user settings leak in; each test session gets its own cache folder."""
    for name in ("COOP_DATA", "NO_COLOR", "FORCE_COLOR", "COOP_NO_CACHE", "TERM"):
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
        result = self.runner.invoke(app, list(args), env=env)
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
