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
