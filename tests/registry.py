"""The code's registries as the tests walk them, so that a test of "every command",
"every format", "every vocabulary" or "every section" takes its list from the code, not
from a copy: the commands are `coopcli.cli.application.COMMANDS` (found in the folder of
their modules, listed in the order of their declared positions), the formats
`OutputFormat`, the vocabularies `vocab.VOCABULARIES`. What the code cannot say (the
arguments a command needs, the formats a command takes) is written here once, and
tests/test_registries.py fails when a registry member is missing from it or has no test.
"""

from __future__ import annotations

from coopcli.cli.application import COMMANDS, help_order, import_commands
from coopcli.render import EXPORT_FORMATS, LISTING_FORMATS, OBJECT_FORMATS, OutputFormat
from coopcli.vocab import SEARCH_SECTIONS

from conftest import DATA

import_commands(COMMANDS)
EVERY_COMMAND: tuple[str, ...] = tuple(help_order(COMMANDS))
"""Every command, in the order `coop --help` lists them."""

ARGUMENTS: dict[str, tuple[str, ...]] = {
    "list": (),
    "show": ("tunisia",),
    "search": ("visit",),
    "agreements": (),
    "timeline": (),
    "people": (),
    "bodies": (),
    "areas": (),
    "frameworks": (),
    "compare": ("morocco", "tunisia"),
    "export": (),
    "diff": (str(DATA), str(DATA)),
    "report": ("--region", "Western Asia"),
    "schema": (),
    "info": (),
    "validate": (),
    "help": (),
}
"""Arguments with which each command answers from the shipped dataset."""


def long_options() -> dict[str, list[str]]:
    """Every command's long options (`--from`...), as Click builds them from the app."""
    from typer.main import get_command

    from coopcli.cli.application import full_app

    commands = get_command(full_app()).commands  # type: ignore[attr-defined]
    return {
        name: [opt for param in command.params for opt in param.opts if opt.startswith("--")]
        for name, command in commands.items()
    }


def example(command: str) -> list[str]:
    """A command line that runs `command` on the shipped dataset."""
    return [command, *ARGUMENTS[command]]


FORMATS: dict[tuple[str, ...], tuple[OutputFormat, ...]] = {
    ("list",): LISTING_FORMATS,
    ("search", "visit"): LISTING_FORMATS,
    ("agreements",): LISTING_FORMATS,
    ("timeline",): LISTING_FORMATS,
    ("people",): LISTING_FORMATS,
    ("bodies",): LISTING_FORMATS,
    ("areas",): LISTING_FORMATS,
    ("areas", "smuggling"): LISTING_FORMATS,
    ("frameworks",): LISTING_FORMATS,
    ("diff", str(DATA), str(DATA)): LISTING_FORMATS,
    ("show", "tunisia"): OBJECT_FORMATS,
    ("compare", "morocco", "tunisia"): OBJECT_FORMATS,
    ("info",): OBJECT_FORMATS,
    ("export",): EXPORT_FORMATS,
}
"""The formats each command with `--format` takes (a test checks this against the
commands that have the option, and runs every `OutputFormat` member with each)."""

JSON_RUNS: list[list[str]] = [
    [*args, "--format", "json"] for args, formats in FORMATS.items() if OutputFormat.JSON in formats
]
"""Every command line that writes JSON with `--format json`."""

EXPORT_FORMAT_NAMES: list[str] = [member.value for member in FORMATS[("export",)]]
"""The formats `coop export` writes, by the names `--format` takes."""

CSV_TAKERS: set[str] = {args[0] for args, formats in FORMATS.items() if OutputFormat.CSV in formats}
"""The commands that write CSV."""

ONE_FORMAT: dict[tuple[str, ...], OutputFormat] = {("report",): OutputFormat.HTML}
"""Commands that write one format of their own and take no `--format`."""

LISTINGS: list[list[str]] = [
    list(args) for args, formats in FORMATS.items() if formats == LISTING_FORMATS
]
"""Every command line whose answer is a listing (rows)."""

SECTIONS: tuple[str, ...] = tuple(section for section in SEARCH_SECTIONS if section != "partner")
"""The sections of a partner's facts, in the order of the dataset."""
