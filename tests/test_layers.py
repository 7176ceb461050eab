"""coop's modules import only downwards, with no cycle: import-linter's contracts in
pyproject.toml ([tool.importlinter]), checked on the graph of coop's imports plus the
imports coop makes by a name in a string, which no parser sees."""

from __future__ import annotations

from typing import Any

import pytest
from importlinter import configuration
from importlinter.adapters.building import GraphBuilder
from importlinter.application import use_cases
from importlinter.application.app_config import settings

import coopcli
from coopcli.cli.application import COMMANDS

from conftest import REPO

STRING_IMPORTS: list[tuple[str, str]] = [
    *(("coopcli", module) for module in coopcli._MODULES),
    *(("coopcli.cli.application", f"coopcli.cli.commands.{name}") for name in COMMANDS),
]
"""`coopcli.__getattr__` loads the public names from `_MODULES`; the registry
of commands imports each module of the commands folder."""


class WithStringImports(GraphBuilder):
    def build(self, *args: Any, **kwargs: Any) -> Any:
        graph = super().build(*args, **kwargs)
        for importer, imported in STRING_IMPORTS:
            graph.add_import(importer=importer, imported=imported)
        return graph


def test_the_import_contracts_hold(capsys: pytest.CaptureFixture[str]) -> None:
    configuration.configure()
    settings.configure(GRAPH_BUILDER=WithStringImports())
    try:
        kept = use_cases.lint_imports(
            config_filename=str(REPO / "pyproject.toml"), cache_dir=None, no_logo=True
        )
    finally:
        configuration.configure()
    assert kept, capsys.readouterr().out


def test_the_contracts_see_the_string_imports() -> None:
    graph = WithStringImports().build(
        root_package_names=["coopcli"], include_external_packages=True, cache_dir=None
    )
    assert graph.direct_import_exists(importer="coopcli", imported="coopcli.api")
    assert graph.direct_import_exists(
        importer="coopcli.cli.application", imported="coopcli.cli.commands.show"
    )
