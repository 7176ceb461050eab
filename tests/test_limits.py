"""Input that would cost the TOML parser too much is refused before it is parsed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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
        # Python reads no integer of more digits (sys.get_int_max_str_digits); tomllib's
        # ValueError was a traceback
        ("x = " + "1" * 5_000, "an integer of over 4,300 digits"),
        ("x = " + "1_2" * 2_200, "an integer of over 4,300 digits"),
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


def test_tab_completion_over_costly_input_offers_what_was_typed_quietly(tmp_path: Path) -> None:
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
    # what was typed, as for any value nothing matches: never file names
    assert (result.returncode, result.stdout.split(), result.stderr) == (0, ["tu"], "")


# --- the total cost of a file: bytes, lines, items and tables -----------------------


def _minimal_and(tmp_path: Path, extra: str, name: str = "crafted.toml") -> Path:
    """The minimal dataset with `extra` added after its [meta] table (from line 7)."""
    return _with_line(tmp_path, extra.removesuffix("\n"), name)


def _counts(text: str) -> tuple[int, int]:
    return limits.check_limits(text, "x.toml")


def _padded_to(tmp_path: Path, size: int) -> Path:
    """The minimal dataset followed by comment lines, `size` bytes in all."""
    base = MINIMAL.read_bytes()
    line = b"#" + b"c" * 998 + b"\n"
    whole, rest = divmod(size - len(base), len(line))
    padding = line * whole + (b"#" + b"c" * (rest - 2) + b"\n" if rest >= 2 else b"\n" * rest)
    path = tmp_path / "padded.toml"
    path.write_bytes(base + padding)
    assert path.stat().st_size == size
    return path


def test_a_file_of_the_limits_size_is_read_and_one_byte_more_is_refused(
    run: Run, tmp_path: Path
) -> None:
    path = _padded_to(tmp_path, limits.MAX_BYTES)
    assert run("validate", str(path)).stdout == f"{path}: valid: 2 partners, 3 facts\n"
    path = _padded_to(tmp_path, limits.MAX_BYTES + 1)
    over = f"file is {limits.MAX_BYTES + 1:,} bytes, over the limit of {limits.MAX_BYTES:,}"
    for args in (["validate", str(path)], ["list", "--data", str(path)]):
        assert run(*args, code=1).stderr == f"{path}: file: {over}\n"


def test_a_file_of_the_limits_lines_is_read_and_one_line_more_is_refused(
    run: Run, tmp_path: Path
) -> None:
    base = MINIMAL.read_text(encoding="utf-8")
    assert base.endswith("\n")
    path = tmp_path / "lines.toml"
    path.write_text(base + "#\n" * (limits.MAX_LINES - base.count("\n")), encoding="utf-8")
    assert run("validate", str(path)).stdout == f"{path}: valid: 2 partners, 3 facts\n"
    path.write_text(base + "#\n" * (limits.MAX_LINES + 1 - base.count("\n")), encoding="utf-8")
    lines = limits.MAX_LINES + 1
    what = f"file of {lines:,} lines, over the limit of {limits.MAX_LINES:,}"
    for args in (["validate", str(path)], ["list", "--data", str(path)]):
        assert run(*args, code=1).stderr == f"{path}:{lines}: toml: {what}\n"


@pytest.mark.parametrize("escape", ["\\n", "\\u000a", "\\U0000000A"])
def test_a_strings_escaped_line_breaks_count_as_lines_of_the_file(
    run: Run, tmp_path: Path, escape: str
) -> None:
    """A quote of 4 million `\\n` escapes (8 MB on 800 lines) made as many lines of every
    view that shows it (100 s, gigabytes): each escape counts as a line of the file. (The
    pre-scan judges every spelling; the CLI, which also parses the file, is run on one.)"""
    base = MINIMAL.read_text(encoding="utf-8")
    per_line = limits.MAX_LINE_CHARS // len(escape) - 1

    def with_breaks(breaks: int) -> str:  # the file, its quote of `breaks` escapes
        full, rest = divmod(breaks, per_line)
        quote = "\n".join([escape * per_line] * full + [escape * rest])
        text = base.replace('"search and', f'"""\n{quote}\nsearch and', 1)
        return text.replace('desert"', 'desert"""')

    def lines(breaks: int) -> int:  # with_breaks(breaks).count("\n") + breaks, unbuilt
        return base.count("\n") + 2 + breaks // per_line + breaks

    room = limits.MAX_LINES - base.count("\n")
    breaks = next(b for b in range(room, 0, -1) if lines(b) <= limits.MAX_LINES)
    at_limit, over = with_breaks(breaks), with_breaks(breaks + 1)
    assert at_limit.count("\n") + breaks == limits.MAX_LINES
    assert over.count("\n") + breaks + 1 == limits.MAX_LINES + 1
    limits.check_limits(at_limit, "breaks.toml")
    what = "lines (each \\n escape in a string counts one), over the limit of 200,000"
    with pytest.raises(DataError, match=re.escape(what)):
        limits.check_limits(over, "breaks.toml")
    if escape == "\\n":
        path = tmp_path / "breaks.toml"
        path.write_text(at_limit, encoding="utf-8")
        assert run("validate", str(path)).stdout == f"{path}: valid: 2 partners, 3 facts\n"
        path.write_text(over, encoding="utf-8")
        assert run("validate", str(path), code=1).stderr.endswith(f"{what}\n")


def _array_lines(unit: str, count: int) -> str:
    """`x = [` and `count` units over lines of at most 5,000 units, then `]`."""
    rows = [unit * min(5_000, count - start) for start in range(0, count, 5_000)]
    return "x = [\n" + "\n".join(rows) + "\n]"


def test_a_file_of_the_limits_items_is_read_and_one_more_is_refused(
    run: Run, tmp_path: Path
) -> None:
    """Counted as the README says: at the limit the file is parsed (what fails is the
    unknown key `x`); one more and it is refused at the line of the one too many."""
    minimal = MINIMAL.read_text(encoding="utf-8")
    at_limit = limits.MAX_ITEMS - _counts(minimal + "x = [\n]\n")[0]  # each `1,` is one
    path = tmp_path / "items.toml"
    path.write_text(minimal + _array_lines("1,", at_limit) + "\n", encoding="utf-8")
    assert _counts(path.read_text(encoding="utf-8"))[0] == limits.MAX_ITEMS
    line = minimal.count("\n") + 1
    result = run("validate", str(path), code=1)
    assert result.stderr.startswith(f"{path}:{line}: niger.areas[0].x: unknown key 'x'")
    path.write_text(minimal + _array_lines("1,", at_limit + 1) + "\n", encoding="utf-8")
    last_row = line + (at_limit + 1 + 4_999) // 5_000
    what = f"over the limit of {limits.MAX_ITEMS:,} keys, values and tables (each [, {{,"
    for args in (["validate", str(path)], ["list", "--data", str(path)]):
        assert run(*args, code=1).stderr.startswith(f"{path}:{last_row}: toml: {what}")


def _dotted_lines(parts: int) -> str:
    """Keys `kN.b.b...` with `parts` dots in all, 30 a line: each dot is a table."""
    whole, rest = divmod(parts, 30)
    lines = [f"k{n}" + ".b" * 30 + " = 1" for n in range(whole)]
    return "\n".join(lines + ([f"k{whole}" + ".b" * rest + " = 1"] if rest else []))


def test_a_file_of_the_limits_tables_is_read_and_one_more_is_refused(
    run: Run, tmp_path: Path
) -> None:
    minimal = MINIMAL.read_text(encoding="utf-8")
    at_limit = limits.MAX_TABLES - _counts(minimal)[1]
    path = tmp_path / "tables.toml"
    path.write_text(minimal + _dotted_lines(at_limit) + "\n", encoding="utf-8")
    assert _counts(path.read_text(encoding="utf-8"))[1] == limits.MAX_TABLES
    line = minimal.count("\n") + 1
    result = run("validate", str(path), code=1)
    assert result.stderr.startswith(f"{path}:{line}: niger.areas[0].k0: unknown key 'k0'")
    text = minimal + _dotted_lines(at_limit + 1) + "\n"
    path.write_text(text, encoding="utf-8")
    what = f"over the limit of {limits.MAX_TABLES:,} tables (each {{, dot, or [ first"
    for args in (["validate", str(path)], ["list", "--data", str(path)]):
        assert run(*args, code=1).stderr.startswith(f"{path}:{text.count(chr(10))}: toml: {what}")


def test_the_issues_attack_is_refused_before_it_is_parsed(run: Run, tmp_path: Path) -> None:
    """Lines of `xN = [[[...]]]` 100 deep: 250,000 of them (50 MB) took 91 s and 2.7 GB,
    40,000 (8.4 MB) 14 s and 463 MB; 2,000 (400 kB) are within bytes and lines, not items."""
    deep = "[" * limits.MAX_NESTING + "]" * limits.MAX_NESTING
    path = tmp_path / "attack.toml"
    path.write_text("".join(f"x{n} = {deep}\n" for n in range(40_000)), encoding="utf-8")
    size = path.stat().st_size
    assert size > limits.MAX_BYTES
    message = f"{path}: file: file is {size:,} bytes, over the limit of {limits.MAX_BYTES:,}\n"
    assert run("validate", str(path), code=1).stderr == message
    path.write_text("".join(f"x{n} = {deep}\n" for n in range(2_000)), encoding="utf-8")
    per_line = limits.MAX_NESTING + 1  # `=` and each `[`
    line = limits.MAX_ITEMS // per_line + 1
    result = run("validate", str(path), code=1)
    assert result.stderr.startswith(f"{path}:{line}: toml: over the limit of 200,000 keys")


def test_the_limits_keep_the_100x_benchmark_dataset_valid(tmp_path: Path) -> None:
    """The limits are chosen above the 100x dataset of benchmarks/make_dataset.py; its
    text passes them (validating it is the benchmarks' job, and takes seconds)."""
    import sys
    import tomllib

    import tomli_w

    sys.path.insert(0, str(DATA.parents[1] / "benchmarks"))
    from make_dataset import scaled

    text = tomli_w.dumps(scaled(tomllib.loads(DATA.read_text(encoding="utf-8")), 100))
    assert len(text.encode()) < limits.MAX_BYTES
    assert text.count("\n") < limits.MAX_LINES
    items, tables = _counts(text)
    assert items < limits.MAX_ITEMS and tables < limits.MAX_TABLES
    # docs/limits.md states these figures, and the real data's, beside the limits: right
    # to within 5%, so that an edit of the data does not make them wrong.
    table = (DATA.parents[1] / "docs" / "limits.md").read_text(encoding="utf-8")
    real = DATA.read_text(encoding="utf-8")
    real_items, real_tables = _counts(real)

    def near(stated: str, actual: float) -> bool:
        return abs(float(stated.replace(",", "")) / actual - 1) < 0.05

    big_mb = re.search(r"benchmark dataset ([0-9.]+) MB", table)
    real_kb = re.search(r"the real one is ([0-9,]+) kB", table)
    assert big_mb and near(big_mb.group(1), len(text.encode()) / 1e6)
    assert real_kb and near(real_kb.group(1), len(real.encode()) / 1e3)
    pairs = re.findall(r"the real one has ([0-9,]+), the 100x one ([0-9,]+)", table)
    counts = [(real.count("\n"), text.count("\n")), (real_items, items), (real_tables, tables)]
    assert len(pairs) == len(counts)
    for (real_stated, big_stated), (real_count, big_count) in zip(pairs, counts, strict=True):
        assert near(real_stated, real_count) and near(big_stated, big_count)


def test_completion_counts_the_problems_of_a_file_it_cannot_use_without_placing_them(
    tmp_path: Path,
) -> None:
    """Completion shows no problem, so over 200,000 unknown keys it neither describes
    nor locates them (that took most of its 12 s); a valid file still completes."""
    import os
    import subprocess
    import sys

    from coopcli import dataset

    path = tmp_path / "unknown-keys.toml"
    few = tmp_path / "few-unknown-keys.toml"  # what completion is told, from the same code
    few.write_text("".join(f"k{n} = 1\n" for n in range(1_000)), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        dataset.load(few, use_cache=False, locate=False)
    problems = "1,002 problems"  # the keys, and no meta nor partners
    assert (
        str(caught.value)
        == f"{few}: data: not a valid dataset ({problems}; coop validate lists them)"
    )
    path.write_text("".join(f"k{n} = 1\n" for n in range(limits.MAX_ITEMS)), encoding="utf-8")
    coop = str(Path(sys.executable).parent / "coop")
    for data, offers in ((path, ["tu"]), (MINIMAL, ["tunisia"])):
        env = {k: v for k, v in os.environ.items() if k != "COOP_DATA"}
        env.update(
            _COOP_COMPLETE="complete_bash",
            COMP_WORDS=f"coop show --data {data} tu",
            COMP_CWORD="4",
            COOP_CACHE_DIR=str(tmp_path / "cache"),
        )
        result = subprocess.run([coop], env=env, capture_output=True, text=True, check=False)
        assert (result.returncode, result.stdout.split(), result.stderr) == (0, offers, "")


def test_a_source_text_over_the_size_limit_is_refused_before_it_is_read(
    run: Run, tmp_path: Path
) -> None:
    source = tmp_path / "source.txt"
    with source.open("wb") as stream:
        stream.truncate(limits.MAX_BYTES + 1)
    over = f"file is {limits.MAX_BYTES + 1:,} bytes, over the limit of {limits.MAX_BYTES:,}"
    result = run("validate", str(MINIMAL), "--source", str(source), code=1)
    assert result.stderr == f"{source}: file: {over}\n"


_PRE_SCAN = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (400 * 2**20, 400 * 2**20))
resource.setrlimit(resource.RLIMIT_CPU, (20, 20))
from coopcli.limits import check_limits
quotes = chr(34) * 3
text = "key = " + quotes + (sys.argv[1] + chr(10)) * 780 + quotes + chr(10)
print(check_limits(text, "big.toml"))
"""


@pytest.mark.parametrize("line", ["a" * 9_000, chr(92) + chr(34)], ids=["plain", "escaped"])
def test_a_string_of_megabytes_costs_the_pre_scan_its_size(line: str) -> None:
    """A valid 7 MB multi-line string: the pre-scan's memory and time are linear in it
    (a pattern kept a backtracking entry per character: 1.1 GB, 9.5 s)."""
    import subprocess
    import sys

    line = line * (9_000 // len(line))
    done = subprocess.run(
        [sys.executable, "-c", _PRE_SCAN, line], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (0, "(1, 0)\n"), done.stderr[-300:]


def test_an_event_naming_thousands_is_refused_before_any_row_is_built(
    run: Run, tmp_path: Path
) -> None:
    """One event naming 10,000 people (layout 3, where each name is its own person):
    every person's row repeated the event's names, gigabytes; now the file is refused,
    in every command, as a list over the limit of names an event's list holds."""
    names = "".join(f'"Person {n}",\n' for n in range(10_000))
    text = DATA.read_text(encoding="utf-8").replace("schema_version = 4", "schema_version = 3")
    text = text[: text.index("# --- Things")] + text[text.index("# --- Morocco") :]
    text = text.replace('people = ["Commissioner', f'people = [{names}"Commissioner', 1)
    path = tmp_path / "crowd.toml"
    path.write_text(text, encoding="utf-8")
    expected = "morocco.events[0].people: 10,002 names, over the limit of 20 in a list of an event"
    assert expected in run("people", "--json", "--data", str(path), code=1).stderr
    assert expected in run("validate", str(path), code=1).stderr
