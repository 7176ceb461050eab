"""Data and arguments with markup, escapes and odd characters print literally, never crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run

HOSTILE = str(Path(__file__).parent / "data" / "hostile.toml")


@pytest.mark.parametrize("env", [{}, {"FORCE_COLOR": "1"}, {"NO_COLOR": "1"}])
def test_markup_and_emoji_codes_in_data_print_literally(run: Run, env: dict[str, str]) -> None:
    out = run("show", "markup", "--sources", "--data", HOSTILE, env=env).stdout
    flat = " ".join(out.split())
    assert "[bold red]Markup [link=https:example.com]land [blink]" in flat
    assert ":warning: Emoji" in flat and ":thumbs_up:" in flat and "⚠" not in out
    assert "[blink]Visit[/blink]" in flat and "[i]Someone[/i]" in flat


@pytest.mark.parametrize("env", [{}, {"FORCE_COLOR": "1"}])
def test_control_characters_in_data_are_made_visible(run: Run, env: dict[str, str]) -> None:
    out = run("show", "markup", "--sources", "--data", HOSTILE, env=env).stdout
    assert "Ansi\\x1b[31mRed\\x1b[0m" in out
    assert "\\x1b]8;;https://evil.example\\x07" in out
    assert "Nul\\x00" in out and "\\x0d carriage" in out and "Over\\u202eride" in out
    data_escapes = out.replace("\x1b[", "").count("\x1b")
    assert data_escapes == 0 and "\x07" not in out and "\x00" not in out and "\r" not in out


def test_plain_output_has_no_escape_codes(run: Run) -> None:
    for args in (["show", "markup"], ["list"], ["search", "visit"]):
        out = run(*args, "--data", HOSTILE, env={"NO_COLOR": "1", "FORCE_COLOR": ""}).stdout
        assert "\x1b" not in out, args


def test_json_escapes_control_characters_as_json_does(run: Run) -> None:
    result = run("show", "markup", "--json", "--data", HOSTILE)
    assert "\x1b" not in result.stdout and "\\u001b[31m" in result.stdout
    card = json.loads(result.stdout)
    assert "Ansi\x1b[31mRed\x1b[0m" in card["aliases"]
    assert "مرحبا بالعالم" in card["aliases"]


def test_right_to_left_combining_and_long_text_keep_the_layout(run: Run) -> None:
    out = run("show", "markup", "--sources", "--data", HOSTILE, env={"COLUMNS": "60"}).stdout
    assert "مرحبا" in out and "Z\u0335\u0321a" in out
    assert max(len(line) for line in out.splitlines()) <= 60


def test_search_in_hostile_text_matches_literally(run: Run) -> None:
    hits = run.json("search", "[bold]Not", "--data", HOSTILE)
    assert [hit["path"] for hit in hits] == ["notes[0]"]
    assert run.json("search", "مرحبا", "--data", HOSTILE)[0]["field"] == "aliases[3]"


@pytest.mark.parametrize("query", ["   ", "\t"])
def test_a_query_of_only_spaces_is_a_usage_error(run: Run, query: str) -> None:
    result = run("search", query, code=2)
    assert "the search query is empty" in result.stderr


def test_a_ten_thousand_character_country_is_a_short_usage_error(run: Run) -> None:
    result = run("show", "x" * 10_000, code=2)
    assert "no partner matches 'xxxx" in result.stderr
    assert len(result.stderr) < 2_000


@pytest.mark.parametrize("name", ["tun*", "[a-z]+", "'; drop table", '"', "ü" * 300])
def test_odd_country_names_are_usage_errors(run: Run, name: str) -> None:
    result = run("show", name, code=2)
    assert "no partner matches" in result.stderr


def test_a_query_at_the_limits_is_searched(run: Run) -> None:
    assert run("search", "x" * 1_000, "--json").stdout.strip() == "[]"
    assert run("search", " ".join(["visit"] * 32), "--json").stdout.strip() != "[]"
    assert run("search", *["visit"] * 31, "a" * 800, "--json").stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (["x" * 10_000], "the search query has 10,000 characters; the limit is 1,000"),
        (["a" * 500, "b" * 501], "the search query has 1,001 characters; the limit is 1,000"),
        ([" ".join(["visit"] * 33)], "the search query has 33 words; the limit is 32"),
        (
            ["visit"] * 20 + ["a b c d e f g h i j k l m n"],
            "the search query has 34 words; the limit is 32",
        ),
        (["a"] * 500, "the search query has 500 words; the limit is 32"),
    ],
)
def test_a_query_over_the_limits_is_a_usage_error(run: Run, query: list[str], message: str) -> None:
    result = run("search", *query, code=2)
    assert message in result.stderr, result.stderr
    assert result.stdout == ""
