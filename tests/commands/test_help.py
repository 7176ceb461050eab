"""What coop says about itself: `coop help [COMMAND]`, `--help`, `--version`, and `coop`
alone. (That every command's help ends with examples is in tests/test_every_command.py.)"""

from __future__ import annotations

from conftest import Run


def test_version(run: Run) -> None:
    from coopcli import __version__

    assert run("--version").stdout.strip() == f"coop {__version__}"


def test_coop_alone_prints_an_overview(run: Run) -> None:
    out = run().stdout
    assert "coop show tunisia" in out and "coop --help" in out and len(out.splitlines()) < 20
