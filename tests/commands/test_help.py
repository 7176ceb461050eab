"""What coop says about itself: `coop help [COMMAND]`, `--help`, `--version`, and `coop`
alone. (That every command's help ends with examples is in tests/test_every_command.py.)"""

from __future__ import annotations

from conftest import Run, check_whole_output


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
