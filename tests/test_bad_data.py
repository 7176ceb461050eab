"""Broken datasets: every problem at once, as `PATH:LINE: where: what`, exit 1."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from coopcli import limits, shipped

from conftest import DATA, Run

BROKEN = Path(__file__).parent / "data" / "broken"
MINIMAL = Path(__file__).parent / "data" / "minimal.toml"

EXPECTED = {
    "syntax.toml": ["18: toml: syntax error: Illegal character '\\n' (column 31)"],
    "missing_field.toml": ["15: tunisia.agreements[0].status: missing required field 'status'"],
    "unknown_key.toml": [
        "15: tunisia.agreements[0].status: missing required field 'status'",
        "17: tunisia.agreements[0].stauts: unknown key 'stauts'; did you mean 'status'?",
    ],
    "bad_vocabulary.toml": [
        "17: tunisia.agreements[0].status: 'signed' is not allowed here; valid values: "
        "'mandate', 'negotiating', 'agreed', 'in_place', 'on_hold', 'rounds_held' or 'not_activated'"
    ],
    "malformed_date.toml": [
        "24: tunisia.events[0].date: malformed date 'May 2021'; expected YYYY, YYYY-MM or YYYY-MM-DD"
    ],
    "impossible_date.toml": ["24: tunisia.events[0].date: '2021-02-30' is not a real date"],
    "duplicate_id.toml": ["28: tunisia.id: duplicate id 'tunisia' (also partners[0])"],
    "end_before_date.toml": ["25: tunisia.events[0].end: end '2021-04' is before date '2021-05'"],
    "empty_text.toml": ["23: tunisia.events[0].title: empty text where text is required"],
    "missing_partner_field.toml": ["27: niger.region: missing required field 'region'"],
    "wrong_type.toml": ["12: tunisia.iso2: Input should be a valid string (got 12)"],
    "not_utf8.toml": ["10: file: not UTF-8 text (byte 198)"],
    "not_a_dataset.toml": [
        "1: meta: missing required field 'meta'",
        "1: partners: missing required field 'partners'",
        "1: hello: unknown key 'hello'",
    ],
    "nested_arrays.toml": ["7: toml: arrays and inline tables nested over the limit of 100 levels"],
    "nested_inline_tables.toml": [
        "7: toml: arrays and inline tables nested over the limit of 100 levels"
    ],
    "long_dotted_key.toml": ["7: toml: dotted key of over the limit of 32 parts"],
    "long_dotted_header.toml": ["38: toml: dotted key of over the limit of 32 parts"],
    "planned_not_a_boolean.toml": [
        "25: tunisia.events[0].planned: Input should be a valid boolean (got 'yes')"
    ],
    "schema_version_not_an_integer.toml": [
        "7: meta.schema_version: Input should be a valid integer (got 1.0)"
    ],
    "non_ascii_digits.toml": [
        "24: tunisia.events[0].date: malformed date '٢٠٢١-05'; expected YYYY, YYYY-MM or YYYY-MM-DD"
    ],
    "invisible_text.toml": [
        "10: tunisia.name: empty text where text is required (only invisible U+200B, U+200D)"
    ],
    "inferred_unknown_field.toml": [
        "36: tunisia.events[3].inferred.dat: 'dat' is not a field of this fact; did you mean 'date'?",
        "37: tunisia.events[3].inferred.end: 'end' is inferred but this fact gives no 'end'",
    ],
    "inferred_in_version_1.toml": [
        "17: tunisia.events[0].inferred: 'inferred' needs schema_version = 2 in [meta] "
        "(a version 1 reader rejects it)"
    ],
    "bad_fact_ids.toml": [
        "30: tunisia.events[0].id: duplicate fact id 'visit-2021-05' "
        "(also agreements[0].milestones[0])",
        "37: tunisia.events[1].id: malformed id 'Visit 2021'; a fact id is lower-case letters, "
        "digits, '_' and '-' (e.g. 'visit-2021-05')",
        "54: niger.notes[0].id: missing required field 'id'",
    ],
    "fact_id_in_version_2.toml": [
        "17: tunisia.agreements[0].id: 'id' needs schema_version = 3 in [meta] "
        "(a version 2 reader rejects it)"
    ],
    "count_too_large.toml": [
        "24: tunisia.agreements[0].milestones[0].count: Input should be less than or equal to 999"
        " (got 99999999999999999999)"
    ],
    "many_problems.toml": [
        "17: tunisia.agreements[0].status: 'signed' is not allowed here",
        "24: tunisia.events[0].date: malformed date '2021-5'",
        "35: niger.areas[0].id: 'rescue' is not allowed here",
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_reports_each_problem_with_path_and_line(run: Run, name: str) -> None:
    path = BROKEN / name
    result = run("validate", str(path), code=1)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(EXPECTED[name]), lines
    for line, expected in zip(lines, EXPECTED[name], strict=True):
        assert line.startswith(f"{path}:{expected}"), line
    assert result.stdout == ""


def test_every_broken_file_in_the_corpus_is_covered() -> None:
    assert {p.name for p in BROKEN.iterdir()} == set(EXPECTED) | {"empty.toml"}


def test_an_integer_beyond_its_bound_is_refused_by_every_command_not_a_traceback(
    run: Run, tmp_path: Path
) -> None:
    """A count past SQLite's 64 bits once passed `validate` and crashed the SQLite export."""
    path = str(BROKEN / "count_too_large.toml")
    expected = f"{path}:{EXPECTED['count_too_large.toml'][0]}\n"
    output = str(tmp_path / "out.db")
    for args in (["validate", path], ["export", "-f", "sqlite", "--data", path, "-o", output]):
        assert run(*args, code=1).stderr == expected
    assert not (tmp_path / "out.db").exists()


def test_every_integer_of_the_schema_has_bounds_that_fit_sqlite() -> None:
    """SQLite stores integers in 64 bits; the JSON Schema (and so the fast path and the
    models) bounds every integer field within them."""
    schema = json.loads(shipped.schema_path().read_text(encoding="utf-8"))
    integers: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "integer":
                integers.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert integers
    for spec in integers:
        values = spec["enum"] if "enum" in spec else [spec["minimum"], spec["maximum"]]
        assert all(-(2**63) <= value < 2**63 for value in values), spec


def test_query_commands_refuse_bad_data_the_same_way(run: Run) -> None:
    path = str(BROKEN / "bad_vocabulary.toml")
    for args in (["list"], ["show", "tunisia"], ["search", "x"], ["agreements"]):
        result = run(*args, "--data", path, code=1)
        assert result.stderr.startswith(f"{path}:17: tunisia.agreements[0].status:")
    result = run("list", env={"COOP_DATA": path}, code=1)
    assert "tunisia.agreements[0].status" in result.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp, "is a folder, not a dataset file"),
        (lambda tmp: tmp / "absent.toml", "no such file"),
        (lambda tmp: _loop(tmp), "symbolic link loop (or too many links in a row)"),
        (
            lambda tmp: _link(tmp / "dangling.toml", "nowhere.toml"),
            "broken symbolic link (it points to nowhere.toml, in {tmp} where the link is, "
            "which does not exist)",
        ),
        (lambda tmp: _fifo(tmp), "not a regular file"),
        (lambda tmp: _write(tmp / "empty.toml", b""), "file is empty"),
        (lambda tmp: _write(tmp / "blank.toml", b"  \n\n"), "file is empty"),
        (
            lambda tmp: _sparse(tmp / "huge.toml", limits.MAX_BYTES + 1),
            f"file is {limits.MAX_BYTES + 1:,} bytes, over the limit of {limits.MAX_BYTES:,}",
        ),
    ],
)
def test_unreadable_files_get_one_clear_line(run: Run, tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path, message = make(tmp_path), message.replace("{tmp}", str(tmp_path))
    result = run("validate", str(path), code=1)
    assert result.stderr == f"{path}: file: {message}\n"
    result = run("list", "--data", str(path), code=1)
    assert result.stderr == f"{path}: file: {message}\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_gets_one_clear_line(run: Run, tmp_path: Path) -> None:
    path = _write(tmp_path / "secret.toml", MINIMAL.read_bytes())
    path.chmod(0)
    result = run("validate", str(path), code=1)
    assert result.stderr == f"{path}: file: permission denied\n"


def test_an_edited_dataset_is_never_served_from_the_cache(run: Run, tmp_path: Path) -> None:
    path = _write(tmp_path / "edition.toml", MINIMAL.read_bytes())
    assert run.json("agreements", "--data", str(path))[0]["status"] == "negotiating"
    path.write_text(MINIMAL.read_text().replace('"negotiating"', '"in_place"'))
    assert run.json("agreements", "--data", str(path))[0]["status"] == "in_place"
    path.write_text(MINIMAL.read_text().replace('"negotiating"', '"signed"'))
    result = run("agreements", "--data", str(path), code=1)
    assert "'signed' is not allowed here" in result.stderr


def test_a_damaged_cache_file_is_ignored(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("COOP_CACHE_DIR", str(cache))
    path = _write(tmp_path / "edition.toml", MINIMAL.read_bytes())
    assert len(run.json("list", "--data", str(path))) == 2
    (entry,) = cache.glob("*.coopcache")
    entry.write_bytes(entry.read_bytes()[:-10] + b"0123456789")
    assert len(run.json("list", "--data", str(path))) == 2
    entry.write_bytes(b"")
    assert len(run.json("list", "--data", str(path))) == 2


def test_an_unwritable_cache_folder_is_ignored(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = _write(tmp_path / "not-a-folder", b"x")
    monkeypatch.setenv("COOP_CACHE_DIR", str(blocker / "cache"))
    assert len(run.json("list")) == 14
    monkeypatch.setenv("COOP_NO_CACHE", "1")
    assert len(run.json("list")) == 14


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def _link(path: Path, target: str) -> Path:
    path.symlink_to(target)
    return path


def _loop(folder: Path) -> Path:
    _link(folder / "b.toml", "a.toml")
    return _link(folder / "a.toml", "b.toml")


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "pipe.toml")
    return folder / "pipe.toml"


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as stream:
        stream.truncate(size)
    return path


def test_a_syntax_error_at_the_end_of_the_document_names_the_last_line(
    run: Run, tmp_path: Path
) -> None:
    path = _write(tmp_path / "cut.toml", b'[meta]\ntitle = "x"\nitems = [1,\n2,\n')
    result = run("validate", str(path), code=1)
    assert result.stderr.startswith(f"{path}:4: toml: syntax error:"), result.stderr


def test_line_location_does_not_backtrack_on_a_crafted_line(run: Run, tmp_path: Path) -> None:
    """A line of `[` and thousands of spaces inside a multi-line string (which an escaped
    quote hides from the line scanner) took minutes to locate errors in; the error after
    it is still found, on its line."""
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace(
        'title = "A minimal dataset for tests"',
        'title = """A title with an escaped quote \\"""\n[' + " " * 6_000 + '\n"""',
    ).replace('status = "negotiating"', 'status = "signed"')
    path = tmp_path / "crafted.toml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", str(path), code=1)
    assert result.stderr.startswith(f"{path}:19: tunisia.agreements[0].status: 'signed'")


def test_did_you_mean_is_offered_for_the_first_hundred_unknown_names_of_a_file(
    run: Run, tmp_path: Path
) -> None:
    """difflib costs up to 90 microseconds a name; 200,000 unknown keys (within the
    limits) are no typos, and their hints took 17 s."""
    from coopcli.validation import MAX_HINTS

    text = MINIMAL.read_text(encoding="utf-8")
    typos = "".join(f"stauts{n} = 1\n" for n in range(MAX_HINTS + 20))
    path = _write(
        tmp_path / "typos.toml",
        text.replace("[[partners.events]]", typos + "[[partners.events]]", 1).encode(),
    )
    lines = run("validate", str(path), code=1).stderr.splitlines()
    unknown = [line for line in lines if ": unknown key 'stauts" in line]
    assert len(unknown) == MAX_HINTS + 20
    hinted = [line for line in unknown if line.endswith("; did you mean 'status'?")]
    assert hinted == unknown[:MAX_HINTS]


def test_a_byte_order_mark_is_read_as_windows_editors_write_it(
    run: Run, tmp_path: Path, source_text: str
) -> None:
    """A file or a source text that starts with U+FEFF (Notepad's UTF-8) reads as without."""
    data, source = tmp_path / "bom.toml", tmp_path / "source.txt"
    data.write_bytes(b"\xef\xbb\xbf" + DATA.read_bytes())
    assert "valid: 14 partners" in run("validate", str(data)).stdout
    source.write_bytes(b"\xef\xbb\xbf" + source_text.encode())
    checked = run("validate", str(data), "--source", str(source))
    assert "not the document" not in checked.stderr and checked.exit_code == 0
    broken = tmp_path / "broken.toml"
    broken.write_bytes(b"\xef\xbb\xbf[meta]\n\xff\n")
    assert (
        "broken.toml:2: file: not UTF-8 text (byte 11)"
        in run("validate", str(broken), code=1).stderr
    )


@pytest.mark.parametrize("literal", ["0x" + "f" * 3700, "0o" + "7" * 5000])
def test_an_integer_too_long_to_print_is_described_not_a_traceback(
    run: Run, tmp_path: Path, literal: str
) -> None:
    """A hex or octal literal beyond what Python prints in decimal: its size."""
    path = tmp_path / "long.toml"
    text = DATA.read_text(encoding="utf-8")
    path.write_text(text.replace("count = 5", f"count = {literal}", 1), encoding="utf-8")
    for args in (["validate", str(path)], ["list", "--data", str(path)]):
        err = run(*args, code=1).stderr
        assert "count: Input should be less than or equal to 999 (got an integer of" in err
        assert "Traceback" not in err


@pytest.mark.parametrize(
    "blank", ["\\u3164", "\\u2800\\u2800", "\\u0301\\u0302", "\\u115f\\u1160", "\\uffa0 \\u200b"]
)
def test_text_of_blank_letters_or_lone_combining_marks_is_empty(
    run: Run, tmp_path: Path, blank: str
) -> None:
    """A Hangul filler, a blank Braille pattern, combining marks with nothing to combine
    with: no visible character, so no name."""
    path = tmp_path / "blank.toml"
    text = DATA.read_text(encoding="utf-8")
    path.write_text(text.replace('name = "Tunisia"', f'name = "{blank}"', 1), encoding="utf-8")
    err = run("validate", str(path), code=1).stderr
    assert "tunisia.name: empty text where text is required (only invisible U+" in err
