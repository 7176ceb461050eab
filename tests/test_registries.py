"""Tests follow the code: each member of a registry (a command, an output format, a
vocabulary) has its test, and the tests' lists are the code's (tests/registry.py)."""

from __future__ import annotations

from coopcli import vocab
from coopcli.cli.application import COMMANDS
from coopcli.render import OutputFormat
from registry import ARGUMENTS, EVERY_COMMAND, FORMATS, ONE_FORMAT

from conftest import REPO

TESTS = REPO / "tests"


def test_every_command_has_its_test_module() -> None:
    missing = [
        f"tests/commands/test_{name}.py"
        for name in COMMANDS
        if not (TESTS / "commands" / f"test_{name}.py").is_file()
    ]
    assert not missing, missing


def test_every_command_has_example_arguments() -> None:
    assert list(ARGUMENTS) == list(EVERY_COMMAND)


def test_every_format_is_taken_by_some_command() -> None:
    taken = {member for formats in FORMATS.values() for member in formats}
    assert taken | set(ONE_FORMAT.values()) == set(OutputFormat)


def test_every_vocabulary_is_checked_against_the_readme() -> None:
    from test_readme import DERIVED_VOCABULARIES, README_ROWS, ROW_VOCABULARIES

    checked = {*README_ROWS, *ROW_VOCABULARIES, *DERIVED_VOCABULARIES}
    assert checked == set(vocab.VOCABULARIES), set(vocab.VOCABULARIES) ^ checked


def test_the_derived_vocabulary_is_made_of_the_ones_the_readme_lists() -> None:
    assert list(vocab.TIMELINE_KINDS) == [*vocab.EVENT_KINDS, *vocab.MILESTONE_KINDS]


def test_every_module_in_the_commands_folder_declares_the_command_of_its_name() -> None:
    from coopcli.cli.application import full_app

    assert {info.name for info in full_app().registered_commands} == set(COMMANDS)


def test_no_two_commands_declare_one_place_in_help() -> None:
    from coopcli.cli.options import DECLARED

    places = [DECLARED[name][0] for name in EVERY_COMMAND]
    assert len(set(places)) == len(places), places
    assert places == sorted(places)
