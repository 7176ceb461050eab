"""What coop says about itself: `coop help [COMMAND]`, `--help`, `--version`, and `coop`
alone. (That every command's help ends with examples is in tests/test_every_command.py.)"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import DEFAULT_SOURCE, Run, check_whole_output, run_example


def test_version(run: Run) -> None:
    from coopcli import __version__

    assert run("--version").stdout.strip() == f"coop {__version__}"


def test_coop_alone_prints_an_overview(run: Run) -> None:
    out = run().stdout
    assert "coop show tunisia" in out and "coop --help" in out and len(out.splitlines()) < 20


def test_help_is_the_same_as_dash_dash_help(run: Run) -> None:
    assert run("help").stdout == run("--help").stdout
    assert run("help", "timeline").stdout == run("timeline", "--help").stdout


def test_help_of_an_unknown_command_suggests_one(run: Run) -> None:
    result = run("help", "timelin", code=2)
    assert "did you mean 'timeline'" in result.stderr
    assert result.stdout == ""


def test_help_whole_output_at_80_columns(run: Run) -> None:
    check_whole_output(run, "help", "--help")


def test_help_of_a_command_whole_output_at_80_columns(run: Run) -> None:
    check_whole_output(run, "help-show", "help", "show")


def test_coop_alone_whole_output_at_80_columns(run: Run) -> None:
    check_whole_output(run, "overview")


def test_the_version_is_written_in_one_place() -> None:
    # pyproject.toml reads it from the package (hatch), so the two cannot disagree
    import re
    import tomllib

    from coopcli import __version__

    from conftest import REPO

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["hatch"]["version"]["path"] == "src/coopcli/__init__.py"
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    init = (REPO / "src" / "coopcli" / "__init__.py").read_text(encoding="utf-8")
    assert init.count(__version__) == 1


def _examples() -> list[tuple[str, str]]:
    """Every example a user is shown, in the order they are shown: the overview's (`coop`
    alone), then each command's help's, in the order `coop help` lists the commands."""
    from coopcli.cli.application import OVERVIEW
    from coopcli.cli.options import DECLARED
    from registry import EVERY_COMMAND

    overview = [line.split("  ")[1] for line in OVERVIEW.splitlines() if line.startswith("  coop")]
    shown = [("overview", line) for line in overview]
    for name in EVERY_COMMAND:
        epilog = DECLARED[name][1].epilog or ""
        shown += [(name, line.strip()[2:]) for line in epilog.splitlines() if "$ " in line]
    return [(name, line) for name, line in shown if "--install-completion" not in line]


EXAMPLES = _examples()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder where the examples run in order, each using the files the ones before it
    made; and the source document, which `coop validate --source` proves quotes against."""
    made = tmp_path_factory.mktemp("examples")
    source = Path(os.environ.get("COOP_SOURCE_TEXT", DEFAULT_SOURCE))
    if source.is_file():
        (made / "document.txt").write_bytes(source.read_bytes())
    return made


@pytest.mark.parametrize(("command", "line"), EXAMPLES, ids=[line for _, line in EXAMPLES])
def test_every_example_runs_and_does_what_it_says(
    run: Run,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    command: str,
    line: str,
) -> None:
    if "document.txt" in line:
        request.getfixturevalue("source_text")  # skips without it, fails under CI
    if "| jq" in line and shutil.which("jq") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("jq is missing (.ci/run installs it)")
        pytest.skip("jq is missing")
    stdout = run_example(run, line, folder, monkeypatch)
    written = re.findall(r"(?:-o|--output|>) ([\w.-]+)", line)
    for name in written:
        assert (folder / name).stat().st_size > 0, name
    if "--json" in line and "|" not in line:
        assert json.loads(stdout)
    elif "| jq" in line:
        assert stdout.strip() and "null" not in stdout.split(), stdout
    elif not written:
        assert stdout.strip()
