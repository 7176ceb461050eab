"""What keeps coop fast, checked as behaviour (timings live in benchmarks/, not here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from coopcli.render import OutputFormat
from registry import EVERY_COMMAND, FORMATS

from conftest import COOP, REPO


def run(
    args: list[str], tmp_path: Path, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NO_COLOR", "FORCE_COLOR", "COOP_DATA", "COOP_NO_CACHE"}
    }
    env["COOP_CACHE_DIR"] = str(tmp_path / "cache")
    env.update(extra or {})
    return subprocess.run(args, env=env, capture_output=True, text=True, check=False, cwd=tmp_path)


def imported_modules(
    args: list[str], tmp_path: Path, extra: dict[str, str] | None = None, code: int = 0
) -> set[str]:
    result = run([sys.executable, "-X", "importtime", "-m", "coopcli", *args], tmp_path, extra)
    assert result.returncode == code, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
    return {line.rsplit("|", 1)[1].strip() for line in lines}


def test_machine_path_with_a_warm_cache_imports_neither_pydantic_nor_rich(tmp_path: Path) -> None:
    for args in (
        ["show", "tunisia", "--json"],
        ["agreements", "--status", "negotiating", "--json"],
    ):
        imported_modules(args, tmp_path)  # warms the cache
        modules = imported_modules(args, tmp_path)
        assert not {
            m
            for m in modules
            if m.split(".")[0] in {"pydantic", "pydantic_core", "rich", "tomllib"}
        }


def test_only_the_report_imports_its_template_engine(tmp_path: Path) -> None:
    for args in (["show", "tunisia"], ["export", "--format", "json"], ["areas", "--json"]):
        modules = imported_modules(args, tmp_path)
        assert not {m for m in modules if m.split(".")[0] in {"jinja2", "markupsafe"}}, args
        assert "coopcli.render.report" not in modules
    assert {"jinja2", "coopcli.render.report"} <= imported_modules(["report"], tmp_path)


def test_the_shipped_data_is_read_without_validating_even_on_a_first_run(
    tmp_path: Path,
) -> None:
    """The shipped records were validated when coop was built (coopcli._built)."""
    first_run = imported_modules(["list", "--json"], tmp_path, {"COOP_NO_CACHE": "1"})
    assert not {m for m in first_run if m.split(".")[0] in {"pydantic", "tomllib"}}
    assert "coopcli.validation" not in first_run
    checked = imported_modules(["validate"], tmp_path)  # the TOML, with the models
    assert {"coopcli.validation", "pydantic"} <= checked


def test_a_users_file_is_validated_by_the_models_then_read_from_the_cache(tmp_path: Path) -> None:
    edition = tmp_path / "edition.toml"
    edition.write_bytes((REPO / "data" / "countries.toml").read_bytes())
    os.utime(edition, (1, 1))
    first = imported_modules(["list", "--json", "--data", str(edition)], tmp_path)
    assert {"coopcli.validation", "pydantic"} <= first
    again = imported_modules(["list", "--json", "--data", str(edition)], tmp_path)
    assert not {m for m in again if m.split(".")[0] in {"pydantic", "tomllib"}}


def test_cached_and_freshly_validated_answers_are_identical(tmp_path: Path) -> None:
    for args in (
        ["show", "turkey", "--json"],
        ["search", "visit", "--json"],
        ["agreements", "--json"],
    ):
        fresh = run([COOP, *args], tmp_path, {"COOP_NO_CACHE": "1"})
        cached_first = run([COOP, *args], tmp_path)
        cached_again = run([COOP, *args], tmp_path)
        assert (
            json.loads(fresh.stdout)
            == json.loads(cached_first.stdout)
            == json.loads(cached_again.stdout)
        )


def test_bash_completion_offers_the_matching_partner_ids(tmp_path: Path) -> None:
    completing = {
        "_COOP_COMPLETE": "complete_bash",
        "COMP_WORDS": "coop show tu",
        "COMP_CWORD": "2",
    }
    assert run([COOP], tmp_path, completing).stdout.split() == ["tunisia", "turkey"]
    completing["COMP_WORDS"] = "coop agreements --status in"
    completing["COMP_CWORD"] = "3"
    assert run([COOP], tmp_path, completing).stdout.split() == ["in_place"]


def test_completing_a_command_name_offers_every_command(tmp_path: Path) -> None:
    completing = {"_COOP_COMPLETE": "complete_bash", "COMP_WORDS": "coop s", "COMP_CWORD": "1"}
    assert run([COOP], tmp_path, completing).stdout.split() == ["show", "search", "schema"]


def test_help_lists_every_command_even_though_runs_build_only_one(tmp_path: Path) -> None:
    out = run([COOP, "--help"], tmp_path).stdout
    for name in EVERY_COMMAND:
        assert f" {name} " in out
    assert "COUNTRY" in run([COOP, "show", "--help"], tmp_path).stdout.upper()


def test_the_scale_generator_writes_a_valid_deterministic_dataset(tmp_path: Path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    for path in (first, second):
        made = run(
            [
                sys.executable,
                str(REPO / "benchmarks" / "make_dataset.py"),
                "--scale",
                "3",
                "--output",
                str(path),
            ],
            tmp_path,
        )
        assert made.returncode == 0, made.stderr
    assert first.read_bytes() == second.read_bytes()
    result = run([COOP, "validate", str(first)], tmp_path)
    assert "valid: 42 partners" in result.stdout, result.stderr
    rows = json.loads(run([COOP, "list", "--json", "--data", str(first)], tmp_path).stdout)
    assert len({row["id"] for row in rows}) == 42
    assert len({row["iso3"] for row in rows if row["iso3"]}) == len(
        [row for row in rows if row["iso3"]]
    )
    # every copy's facts are reworded: no quote of a copy repeats one of the shipped data
    agreements = json.loads(
        run([COOP, "agreements", "--json", "--data", str(first)], tmp_path).stdout
    )
    shipped = {row["source"] for row in agreements if "-" not in row["country"][-2:]}
    copies = [row["source"] for row in agreements if row["country"][-2:] in {"-1", "-2"}]
    assert copies and not shipped & set(copies)


COMMAND_MODULES = """
import json, sys
from coopcli.cli.application import app_for
app_for(sys.argv[1:])
print(json.dumps(sorted(m for m in sys.modules if m.startswith("coopcli.cli.commands."))))
"""
"""Prints the command modules that the app for a command line (its arguments) imports."""


def command_modules(*argv: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", COMMAND_MODULES, "coop", *argv],
        capture_output=True,
        text=True,
        check=True,
    )
    return [name.rpartition(".")[2] for name in json.loads(result.stdout)]


def test_a_run_imports_the_module_of_its_command_alone() -> None:
    # The commands are found by listing their folder, and a run imports the one it runs
    # (`-X importtime` does not see `importlib.import_module`, hence the app itself).
    assert command_modules("show", "tunisia", "--json") == ["show"]
    assert command_modules("--data", "x.toml", "list") == ["list"]
    every = command_modules("--help")
    assert every == command_modules("help", "show") == command_modules("shw")
    assert {"help", "list", "show", "validate"} <= set(every)


MACHINE_RUNS = """
import json, sys
from typer.testing import CliRunner
from coopcli.cli import app
for args in json.loads(sys.argv[1]):
    done = CliRunner().invoke(app, args)
    rich = sorted(m for m in sys.modules if m.split(".")[0] == "rich")
    print(json.dumps([args, done.exit_code, rich[:1]]))
"""
"""Runs command lines one after the other in one fresh interpreter (where nothing has
imported rich), and prints after each its exit code and whether rich is now imported."""


def test_no_machine_format_of_any_command_imports_rich(tmp_path: Path) -> None:
    # A view module is executed only when it draws; the first run that imported rich
    # is the one to blame.
    runs = [
        [*args, "--format", output_format.value]
        for output_format in (OutputFormat.JSON, OutputFormat.CSV)
        for args, formats in FORMATS.items()
        if output_format in formats
    ]
    result = run([sys.executable, "-c", MACHINE_RUNS, json.dumps(runs)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        [args, 0, []] for args in runs
    ]


LAZY_VIEWS = """
import sys
from coopcli.render import views
assert "rich" not in sys.modules, "rich at import"
views.hits
assert "rich" in sys.modules, "rich not imported on use"
try:
    from coopcli.render import no_such_view
except ImportError:
    print("ok")
"""


def test_a_view_module_named_by_a_command_is_executed_on_first_use() -> None:
    result = subprocess.run(
        [sys.executable, "-c", LAZY_VIEWS], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok\n", "")
