"""Input that would cost the TOML parser too much is refused before it is parsed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopcli import limits
from coopcli.errors import DataError

from conftest import DATA, Run

MINIMAL = Path(__file__).parent / "data" / "minimal.toml"
BROKEN = Path(__file__).parent / "data" / "broken"


def _with_line(tmp_path: Path, line: str, name: str = "crafted.toml") -> Path:
    """The minimal dataset with `line` added as line 7 (after the [meta] table)."""
    lines = MINIMAL.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / name
    path.write_text("".join([*lines[:6], line + "\n", *lines[6:]]), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "x = " + "[" * 500 + "]" * 500,
            "arrays and inline tables nested over the limit of 100 levels",
        ),
        (
            "x = " + "{a = " * 500 + "1" + " }" * 500,
            "arrays and inline tables nested over the limit of 100 levels",
        ),
        (
            "x = [" + "{a = [" * 60 + "]}" * 60 + "]",
            "arrays and inline tables nested over the limit of 100 levels",
        ),
        ("x" + ".x" * 50_000 + " = 1", "line of 100,005 characters, over the limit of 10,000"),
        ("[" + "x." * 50_000 + "x]", "line of 100,003 characters, over the limit of 10,000"),
        ("x" + ".x" * 4_000 + " = 1", "dotted key of over the limit of 32 parts"),
        ("[" + "x . " * 40 + "x]", "dotted key of over the limit of 32 parts"),
        ('"a"' + '."a"' * 40 + " = 1", "dotted key of over the limit of 32 parts"),
        ("x = '" + "a" * 10_000 + "'", "line of 10,006 characters, over the limit of 10,000"),
    ],
)
def test_costly_input_is_refused_with_its_line(
    run: Run, tmp_path: Path, line: str, message: str
) -> None:
    path = _with_line(tmp_path, line)
    result = run("validate", str(path), code=1)
    assert result.stderr == f"{path}:7: toml: {message}\n"
    result = run("list", "--data", str(path), code=1)
    assert result.stderr == f"{path}:7: toml: {message}\n"


@pytest.mark.parametrize(
    "line",
    [
        "x = " + "[" * 100 + "]" * 100,
        "x = " + "{a = " * 100 + "1" + " }" * 100,
        ".".join(["x"] * 32) + " = 1",
        "x = '" + "a" * 9_994 + "'",
    ],
)
def test_input_at_the_limits_gets_past_them(run: Run, tmp_path: Path, line: str) -> None:
    """Right at each limit the file is parsed: what fails is the unknown key `x`."""
    path = _with_line(tmp_path, line)
    result = run("validate", str(path), code=1)
    assert result.stderr.startswith(f"{path}:7: meta.x: unknown key 'x'"), result.stderr


def test_brackets_and_dots_in_strings_and_comments_count_for_nothing(
    run: Run, tmp_path: Path
) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    deep = "[{" * 300
    dots = "x." * 300
    text = text.replace(
        'covers = "Two partners."',
        f'covers = "{deep} \\" {dots}"  # {deep} {dots}\n'
        f"# {deep}\n"
        f"date_reasoning_note_is_not_a_key = 0\n",
    ).replace(
        'date_reasoning = "Made up for the tests."',
        f"date_reasoning = '''{deep}\n{dots}'''",
    )
    text = text.replace('title = "A minimal dataset for tests"', f'title = """{deep}\n{dots}\\""""')
    path = tmp_path / "strings.toml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", str(path), code=1)
    # the only problem is the one key added on purpose: the strings were skipped whole
    assert result.stderr.splitlines() == [
        f"{path}:9: meta.date_reasoning_note_is_not_a_key: unknown key "
        "'date_reasoning_note_is_not_a_key'; did you mean 'date_reasoning'?"
    ]


@pytest.mark.parametrize("name", ["nested_arrays.toml", "long_dotted_key.toml"])
def test_query_commands_refuse_costly_input(run: Run, name: str) -> None:
    path = str(BROKEN / name)
    for args in (["show", "tunisia"], ["search", "visit"], ["timeline"]):
        result = run(*args, "--data", path, code=1)
        assert result.stderr.startswith(f"{path}:7: toml: "), result.stderr


def test_tab_completion_over_costly_input_offers_nothing_quietly(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "COOP_DATA"}
    env.update(
        _COOP_COMPLETE="complete_bash",
        COMP_WORDS=f"coop show --data {BROKEN / 'nested_arrays.toml'} tu",
        COMP_CWORD="4",
        COOP_CACHE_DIR=str(tmp_path),
    )
    coop = str(Path(sys.executable).parent / "coop")
    result = subprocess.run([coop], env=env, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout.split(), result.stderr) == (0, [], "")


def _exact_scan_refuses(text: str) -> bool:
    try:
        limits._scan(text, "x.toml")
    except DataError:
        return True
    return False


# Texts made of the characters that matter to the scan, nested deep and dotted long
# enough to reach the limits.
_PIECES = st.sampled_from(
    ['"', "'", '"""', "'''", "\\", '\\"', "\\\\", "#", "\n", "[", "]", "{", "}", ".", "=", ",", "a"]
)


_COUNTS = [
    limits.MAX_KEY_PARTS - 2,
    limits.MAX_KEY_PARTS - 1,
    limits.MAX_KEY_PARTS,
    limits.MAX_NESTING - 1,
    limits.MAX_NESTING,
    limits.MAX_NESTING + 1,
]


@settings(max_examples=1000, deadline=None)
@given(
    pieces=st.lists(_PIECES, max_size=60),
    runs=st.lists(
        st.tuples(
            st.integers(0, 60),
            st.sampled_from(["[", "{", ".", "a.", "[a"]),
            st.sampled_from(_COUNTS),
        ),
        max_size=3,
    ),
)
def test_the_quick_check_clears_only_what_the_exact_scan_accepts(
    pieces: list[str], runs: list[tuple[int, str, int]]
) -> None:
    parts = list(pieces)  # never change what Hypothesis drew: it may replay it
    for position, piece, count in runs:
        parts.insert(min(position, len(parts)), piece * count)
    text = "".join(parts)
    if limits._clearly_within_limits(text):
        assert not _exact_scan_refuses(text), text


def test_the_quick_check_clears_real_data_and_not_the_broken_corpus() -> None:
    assert limits._clearly_within_limits(DATA.read_text(encoding="utf-8"))
    for name in ("nested_arrays.toml", "nested_inline_tables.toml", "long_dotted_key.toml"):
        text = (BROKEN / name).read_text(encoding="utf-8")
        assert not limits._clearly_within_limits(text) and _exact_scan_refuses(text)
