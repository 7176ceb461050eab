"""No text from a dataset or an argument reaches a person's terminal raw: every human
view, every message, on a terminal and piped, over a dataset whose every text field holds
escape sequences, C1 controls, carriage returns, bidi overrides and zero-width characters.
Machine formats stay byte-faithful for programs, and are escaped on a terminal."""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from coopcli.terminal import json_visible, toml_visible, visible
from registry import EVERY_COMMAND

from conftest import COOP, DATA, TEST_DATA, Run, on_a_terminal

NASTY = (
    " \x1b[2J\x1b[31mred\x1b]0;title\x07\x1b]8;;https:evil.example\x07link\x1b]8;;\x07"
    "\x9b31m\x85\r\x7f\u202eevil\u202c\u2066iso\u2069\u200b\u2060\ufeff\u200e"
    " \u061c\U000e0001\U000e0041\U000e007f\u00ad\u034f\u2061\u2064\ufff9\ufffb"
    "\ue000\U000f0001\u0378 \u200d\u200c"
)
"""ESC (CSI, OSC title, OSC 8 link), BEL, C1 CSI and NEL, CR, DEL, bidi override and
isolate, zero-width space, word joiner, BOM, left-to-right mark; Arabic letter mark, tag
characters, soft hyphen, combining grapheme joiner, invisible operators, interlinear
annotation, private use (plane 0 and 15), an unassigned code point, and joiners that
join no word."""

UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
CANDIDATE = re.compile("[^\t\n\x20-\x7e]")


def inside_a_word(text: str, index: int) -> bool:
    """Whether `text[index]` stands between two parts of a word."""
    if not 0 < index < len(text) - 1:
        return False
    return all(unicodedata.category(text[i])[0] in "LMNS" for i in (index - 1, index + 1))


def raw_unsafe(text: str) -> list[str]:
    """The code points of `text` that must not reach a terminal raw, decided by category
    (the rule the README states), the joiners inside a word excepted."""
    found = set()
    for match in CANDIDATE.finditer(text):
        char, index = match.group(), match.start()
        if char != "\u034f" and unicodedata.category(char) not in UNSAFE_CATEGORIES:
            continue
        if char in "\u200c\u200d" and inside_a_word(text, index):
            continue
        found.add(f"U+{ord(char):04X}")
    return sorted(found)


SGR = re.compile("\x1b\\[[0-9;]*m")  # rich's own colours, on a terminal
TEXT_FIELDS = {
    "name", "region", "aliases", "title", "source", "role", "people", "bodies", "places",
    "when", "covers", "date_reasoning", "source_file", "office", "reason", "counterparts",
    "qualifiers", "condition", "also_quoted",
}  # fmt: skip


def poisoned(value: Any, key: str = "", table: str = "") -> Any:
    """`value` with NASTY added to every free-text field (ids, codes and vocabulary
    values, such as an agency's name, are checked by validation and stay as they are)."""
    if isinstance(value, dict):
        return {k: poisoned(v, k, key) for k, v in value.items()}
    if isinstance(value, list):
        return [poisoned(item, key, table) for item in value]
    if isinstance(value, str) and key in TEXT_FIELDS and table != "agencies":
        return value + NASTY
    return value


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> str:
    document = poisoned(tomllib.loads(DATA.read_text(encoding="utf-8")))
    for thing in document["things"]:  # each poisoned entry of a fact is still claimed
        thing["aliases"] = [
            *thing.get("aliases", []),
            *(w + NASTY for w in thing.get("written", [])),
        ]
    path = tmp_path_factory.mktemp("hostile") / "hostile\x1b[2J.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return str(path)


HUMAN_COMMANDS = [
    ["list"],
    ["show", "tunisia"],
    ["show", "western-balkans", "--sources"],
    ["show", "libya", "--sources"],
    ["search", "visit"],
    ["search", "evil"],
    ["agreements"],
    ["timeline"],
    ["people"],
    ["bodies"],
    ["areas"],
    ["areas", "smuggling"],
    ["frameworks"],
    ["frameworks", "budapest"],
    ["compare", "morocco", "tunisia", "turkey"],
    ["info"],
    ["validate"],
]
WITHOUT_A_HUMAN_VIEW = {
    "diff": "two files: test_diff_and_export_messages_show_file_names_visibly",
    "export": "machine formats only",
    "report": "an HTML page, never to a terminal; its text made visible: tests/commands/test_report.py",
    "schema": "JSON only",
    "help": "no data in it",
}


def test_every_command_with_a_human_view_is_among_them() -> None:
    assert {args[0] for args in HUMAN_COMMANDS} == set(EVERY_COMMAND) - set(WITHOUT_A_HUMAN_VIEW)


def assert_safe(text: str, *, colours: bool) -> None:
    shown = SGR.sub("", text) if colours else text
    raw = raw_unsafe(shown)
    assert not raw, raw
    assert "\x1b" not in shown and "Traceback" not in shown


@pytest.mark.parametrize("env", [{}, {"FORCE_COLOR": "1"}], ids=["piped", "terminal"])
@pytest.mark.parametrize("args", HUMAN_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("columns", ["60", "80"])
def test_every_human_view_shows_control_characters_visibly(
    run: Run, hostile: str, args: list[str], env: dict[str, str], columns: str
) -> None:
    result = run(*args, "--data", hostile, env={**env, "COLUMNS": columns})
    assert_safe(result.stdout, colours=bool(env))
    assert_safe(result.stderr, colours=False)
    assert "\\x1b[2J" in result.stdout or args[0] in {"areas", "validate"}


@pytest.mark.parametrize("args", HUMAN_COMMANDS, ids=" ".join)
def test_every_human_view_escapes_a_character_beyond_u_ffff_whole(
    run: Run, hostile: str, args: list[str]
) -> None:
    # wide enough that no table wraps inside an escape; piped, `areas` gives partners'
    # codes only, so it is read as on a terminal, where its legend names them
    env = {"COLUMNS": "2000", **({"COOP_FORCE_TTY": "1"} if args[0] == "areas" else {})}
    shown = run(*args, "--data", hostile, env=env).stdout
    assert ("\\U000e0041" in shown) != (args[0] == "validate")
    assert "\\udb40" not in shown and "\\ue0041" not in shown


def test_diff_and_export_messages_show_file_names_visibly(run: Run, hostile: str) -> None:
    result = run("diff", str(DATA), hostile)
    assert_safe(result.stdout, colours=False)
    result = run("export", "--format", "csv", "--output", hostile, code=2)
    assert_safe(result.stderr, colours=False)
    assert "hostile\\x1b[2J.toml exists" in result.stderr


def test_messages_about_bad_arguments_and_bad_files_show_them_visibly(
    run: Run, hostile: str, tmp_path: Path
) -> None:
    for args in (
        ["show", "\x1b[2Jx\u202e"],
        ["show", "x\U000e0041\u00ad\u034f\u061c"],
        ["list", "--region", "\x1b]8;;x\x07"],
        ["list", "--area", "\x9b\r"],
        ["agreements", "--status", "\u2066x"],
        ["search", "visit", "--format", "\x1b[1m"],
        ["validate", str(tmp_path / "missing\x1b[2J.toml")],
    ):
        result = run(*args, "--data", hostile, code=1 if args[0] == "validate" else 2)
        assert_safe(result.stderr, colours=False)
        assert result.stdout == ""
    shown = run("show", "x\U000e0041\u00ad", "--data", hostile, code=2).stderr
    assert "x\\U000e0041\\xad" in shown
    # the valid regions listed in the error come from the hostile data
    region_error = run("list", "--region", "nowhere", "--data", hostile, code=2).stderr
    assert "valid: Northern Africa \\x1b[2J" in region_error


def test_validation_errors_show_hostile_ids_and_keys_visibly(run: Run, tmp_path: Path) -> None:
    text = DATA.read_text(encoding="utf-8")
    broken = text.replace('id = "tunisia"', 'id = "tun\\u001b[2Jisia"', 1).replace(
        'status = "negotiating"', '"sta\\u001b]0;x\\u0007tus" = "negotiating"', 1
    )
    path = tmp_path / "broken.toml"
    path.write_text(broken, encoding="utf-8")
    result = run("validate", str(path), code=1)
    assert_safe(result.stderr, colours=False)
    assert "tun\\x1b[2Jisia" in result.stderr and "sta\\x1b]0;x\\x07tus" in result.stderr


def test_machine_formats_piped_are_byte_faithful(run: Run, hostile: str) -> None:
    card = json.loads(run("show", "tunisia", "--json", "--data", hostile).stdout)
    assert card["name"] == "Tunisia" + NASTY
    rows = run("list", "--format", "csv", "--data", hostile).stdout
    assert NASTY.replace("\r", "") in rows.replace("\r", "")
    line = run("list", "--format", "ndjson", "--data", hostile).stdout.split("\n")[0]
    assert json.loads(line)["name"] == "Morocco" + NASTY


@pytest.mark.parametrize("output_format", ["json", "ndjson"])
def test_json_on_a_terminal_escapes_and_still_parses_to_the_same_value(
    tmp_path: Path, hostile: str, output_format: str
) -> None:
    shown = on_a_terminal(["list", "--format", output_format, "--data", hostile], tmp_path)
    assert_safe(shown, colours=False)
    if output_format == "json":
        rows = json.loads(shown)
    else:
        rows = [json.loads(line) for line in shown.split("\n") if line]
    assert rows[0]["name"] == "Morocco" + NASTY


def test_csv_and_toml_on_a_terminal_are_escaped(tmp_path: Path, hostile: str) -> None:
    for args in (["list", "--format", "csv"], ["export", "--format", "toml"]):
        assert_safe(on_a_terminal([*args, "--data", hostile], tmp_path), colours=False)
    toml_text = on_a_terminal(["export", "--format", "toml", "--data", hostile], tmp_path)
    assert tomllib.loads(toml_text)["partners"][0]["name"] == "Morocco" + NASTY


def test_completion_descriptions_show_hostile_names_visibly(tmp_path: Path, hostile: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COOP_DATA"}
    env.update(
        _COOP_COMPLETE="complete_zsh",
        _TYPER_COMPLETE_ARGS="coop show tu",
        COOP_CACHE_DIR=str(tmp_path),
        COOP_DATA=hostile,
    )
    out = subprocess.run([COOP], env=env, capture_output=True, text=True, check=True).stdout
    assert "tunisia" in out
    assert_safe(out, colours=False)


@functools.cache
def code_points_by_category() -> dict[str, list[int]]:
    """Every code point, by its category in this Python's Unicode database."""
    categories: dict[str, list[int]] = {}
    for code in range(sys.maxunicode + 1):
        categories.setdefault(unicodedata.category(chr(code)), []).append(code)
    return categories


def sample(codes: list[int], every: int) -> list[int]:
    """Every `every`-th code point, and the first and last of each unbroken run."""
    edges = {
        code
        for index, code in enumerate(codes)
        if index in (0, len(codes) - 1)
        or codes[index - 1] != code - 1
        or codes[index + 1] != code + 1
    }
    return sorted(edges | set(codes[::every]))


def escape(code: int) -> str:
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@functools.cache
def unsafe_code_points() -> list[int]:
    """Every Cc (but newline and tab), Cf, Cs, Zl and Zp code point, every tag character,
    a systematic sample of Co and Cn, and U+034F."""
    categories = code_points_by_category()
    codes = [code for name in ("Cc", "Cf", "Cs", "Zl", "Zp") for code in categories[name]]
    codes += sample(categories["Co"], 97) + sample(categories["Cn"], 997)
    return sorted({*codes, *range(0xE0000, 0xE0080), 0x034F} - {0x09, 0x0A})


def test_the_unsafe_categories_hold_the_characters_the_attacks_used() -> None:
    codes = set(unsafe_code_points())
    attacks = {0x061C, 0x00AD, 0x034F, *range(0x2060, 0x2065), *range(0xFFF9, 0xFFFC)}
    assert attacks | set(range(0xE0000, 0xE0080)) <= codes


def test_every_unsafe_character_is_escaped_whole_in_human_output() -> None:
    wrong = {
        f"U+{code:04X}": visible(chr(code))
        for code in unsafe_code_points()
        if visible(chr(code)) != escape(code)
    }
    assert wrong == {}


def test_every_unsafe_character_in_json_is_escaped_and_parses_to_itself() -> None:
    wrong = []
    for code in unsafe_code_points():
        text = json.dumps({"k": chr(code)}, ensure_ascii=False)
        shown = json_visible(text)
        if chr(code) in shown or json.loads(shown) != {"k": chr(code)}:
            wrong.append(f"U+{code:04X}")
    assert wrong == []
    assert json_visible(json.dumps("\U000e0041", ensure_ascii=False)) == '"\\udb40\\udc41"'


def test_every_unsafe_character_in_toml_is_escaped_and_reads_back_to_itself() -> None:
    wrong = []
    for code in unsafe_code_points():
        if 0xD800 <= code <= 0xDFFF:
            continue  # no TOML document can hold a surrogate
        text = tomli_w.dumps({"k": chr(code)})
        shown = toml_visible(text)
        if chr(code) in shown or tomllib.loads(shown) != {"k": chr(code)}:
            wrong.append(f"U+{code:04X}")
    assert wrong == []
    assert toml_visible(tomli_w.dumps({"k": "\U000e0041"})) == 'k = "\\U000e0041"\n'


def test_every_other_category_reaches_the_terminal_as_it_is() -> None:
    kept = [
        code
        for name, codes in code_points_by_category().items()
        if name not in UNSAFE_CATEGORIES
        for code in sample(codes, 101)
        if code != 0x034F and not 0xE0100 <= code <= 0xE01EF  # those are escaped: below
    ]
    assert len({unicodedata.category(chr(code)) for code in kept}) == 30 - 7
    wrong = [f"U+{code:04X}" for code in kept if visible(chr(code)) != chr(code)]
    wrong += [
        f"U+{code:04X}"
        for code in kept
        if json_visible(json.dumps(chr(code), ensure_ascii=False))
        != json.dumps(chr(code), ensure_ascii=False)
    ]
    assert wrong == []
    assert visible("line\n\tindented") == "line\n\tindented"


@pytest.mark.parametrize(
    "word",
    [
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: ZWNJ between letters
        "\u0915\u094d\u200d\u0937",  # Devanagari: ZWJ after a virama (a mark)
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # an emoji family (symbols)
        "\u2764\ufe0f\u200d\U0001f525",  # after a variation selector (a mark)
    ],
)
def test_joiners_inside_a_word_stay(word: str) -> None:
    as_json = json.dumps(word, ensure_ascii=False)
    assert visible(word) == word and json_visible(as_json) == as_json


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\u200dword", "\\u200dword"),
        ("word\u200c", "word\\u200c"),
        ("a \u200d b", "a \\u200d b"),
        ("a\u200d\u200db", "a\\u200d\\u200db"),
        ("(\u200c)", "(\\u200c)"),
    ],
)
def test_joiners_that_join_no_word_are_escaped(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_variation_selectors_that_can_hide_text_are_escaped() -> None:
    """One selector after a character draws an emoji and stays; a supplementary one, or a
    run of them (which can spell hidden text), is escaped."""
    assert visible("I \u2764\ufe0f coop") == "I \u2764\ufe0f coop"
    assert visible("x\U000e0101y") == "x\\U000e0101y"
    assert visible("x\ufe0f\ufe0e\ufe0fy") == "x\\ufe0f\\ufe0e\\ufe0fy"
    assert json_visible('"x\U000e0100"') == '"x\\udb40\\udd00"'


def test_hidden_text_in_variation_selectors_is_escaped_on_a_terminal(tmp_path: Path) -> None:
    """tests/data/hostile.toml's aliases: supplementary selectors and a run of selectors
    are escaped; the Persian word keeps its joiner (U+200C) between two letters."""
    hostile = str(TEST_DATA / "hostile.toml")
    out = on_a_terminal(["show", "markup", "--data", hostile], tmp_path)
    flat = SGR.sub("", " ".join(out.split()))
    assert "Hidden\\U000e0101\\U000e0102 text" in flat
    assert "Selectors\\ufe0f\\ufe0e\\ufe0f run" in flat
    assert "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645" in flat
