"""coop's modules form layers that import only downwards, with no cycle, as README's
"Design" draws them: every import counts, those inside functions too (only those under
`if TYPE_CHECKING:` are left out, since they never run).

The layers are written here once; README's drawing is checked against them.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "src" / "coopcli"

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cli", ("cli.*", "entry", "__main__", "generate")),
    ("api, render", ("api", "render.*")),
    ("query", ("query", "analysis")),
    (
        "dataset",
        ("dataset", "cache", "validation", "limits", "locate", "proof"),
    ),
    (
        "model",
        (
            "model",
            "vocab",
            "records",
            "schema",
            "shape",
            "facts",
            "factids",
            "shipped",
            "errors",
            "terminal",
            "textfold",
            "__init__",
        ),
    ),
)
"""Top to bottom. A module may import its own layer's modules and those below; `NAME.*`
is a package and every module in it. `__init__` is the package `coopcli` itself, which
holds the version and imports its public names only when they are first used."""

ONLY_IMPORTED_BY = {"rich": "render.*", "typer": "cli.*", "click": "cli.*"}
"""Third-party packages only one layer may import."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _short(module: str) -> str:
    return module.removeprefix("coopcli").removeprefix(".") or "__init__"


def layer_of(module: str) -> int | None:
    """The position of `module`'s layer in LAYERS (0 is the top), or None."""
    short = _short(module)
    for position, (_, members) in enumerate(LAYERS):
        for member in members:
            if short == member or (
                member.endswith(".*") and (short == member[:-2] or short.startswith(member[:-1]))
            ):
                return position
    return None


def _type_checking_only(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for inner in ast.walk(node))
    return skipped


def imports(module: str) -> Iterator[tuple[str, int]]:
    """Every module `module` imports (coop's own, and third-party top-level names), with
    the line of the import, inside functions too; not those under TYPE_CHECKING."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_only(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            for alias in node.names:  # `from coopcli import cache` imports a module
                submodule = f"{source}.{alias.name}"
                yield (submodule if submodule in MODULES else source), node.lineno


def own_imports(module: str) -> set[str]:
    return {name for name, _ in imports(module) if name in MODULES and name != module}


def test_every_module_has_a_layer() -> None:
    missing = [module for module in MODULES if layer_of(module) is None]
    assert not missing, f"add these modules to a layer in LAYERS and README's Design: {missing}"


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = [
        f"{module}:{line} imports {name} ({LAYERS[layer_of(name) or 0][0]}, "
        f"above {LAYERS[layer_of(module) or 0][0]})"
        for module in MODULES
        for name, line in imports(module)
        if name in MODULES
        and layer_of(name) is not None
        and layer_of(module) is not None
        and (layer_of(name) or 0) < (layer_of(module) or 0)
    ]
    assert not upward, "\n".join(upward)


def test_no_import_cycle() -> None:
    graph = {module: own_imports(module) for module in MODULES}
    cycles: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for imported in sorted(graph[module]):
            if state.get(imported) == "open":
                cycles.append([*trail[trail.index(imported) :], imported])
            elif imported not in state:
                visit(imported, [*trail, imported])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(" -> ".join(cycle) for cycle in cycles)


def test_the_check_sees_an_import_inside_a_function() -> None:
    # the cycle 0.3 had was held apart only by imports inside functions
    assert "coopcli.validation" in own_imports("coopcli.dataset")
    assert "coopcli.model" in own_imports("coopcli.validation")
    assert layer_of("coopcli.cli.commands.show") == 0
    assert layer_of("coopcli") == len(LAYERS) - 1
    assert layer_of("coopcli.rendering") is None


def test_query_selects_and_analysis_combines_on_top_of_it() -> None:
    # the rule of the split, as both modules' docstrings state it
    assert "coopcli.query" in own_imports("coopcli.analysis")
    assert "coopcli.analysis" not in own_imports("coopcli.query")


@pytest.mark.parametrize(("package", "allowed"), sorted(ONLY_IMPORTED_BY.items()))
def test_a_third_party_package_is_imported_by_its_layer_only(package: str, allowed: str) -> None:
    owners = {_short(module) for module in MODULES if layer_of(module) is not None}
    intruders = [
        f"{module}:{line}"
        for module in MODULES
        for name, line in imports(module)
        if name.split(".")[0] == package
        and not (_short(module) + ".").startswith(allowed[:-1])
        and _short(module) in owners
    ]
    assert not intruders, f"only {allowed} imports {package}: {intruders}"


def test_nothing_imports_the_command_line() -> None:
    importers = [
        module
        for module in MODULES
        if not _short(module).startswith(("cli", "entry", "__main__"))
        and any(name.startswith("coopcli.cli") for name in own_imports(module))
    ]
    assert not importers


def drawing() -> str:
    """The layers as README's Design section draws them, top to bottom."""
    width = max(len(name) for name, _ in LAYERS)
    return "\n".join(f"{name.ljust(width)}  {', '.join(members)}" for name, members in LAYERS)


def test_readme_draws_these_layers() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    design = readme[readme.index("\n## Design\n") + 1 :].split("\n## ", 1)[0]
    block = re.search(r"```text\n(.*?)```", design, re.DOTALL)
    assert block is not None, "README's Design section has no ```text block of the layers"
    assert block.group(1).rstrip("\n") == drawing(), "README's layers:\n" + drawing()
