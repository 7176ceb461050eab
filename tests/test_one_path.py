"""One path per concern: every command that takes a filter, a format or writes output
behaves the same way, and what a new user trips on is fixed everywhere at once."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sqlite3
import subprocess
import tomllib
from pathlib import Path

import pytest
import tomli_w

import registry
from coopcli.cli import app
from coopcli.render import EXPORT_FORMATS, OutputFormat
from make_dataset import layout_3
from registry import FORMATS

from conftest import COOP, DATA, Run

# --- one set of filter options ------------------------------------------------------


@pytest.mark.parametrize(
    "command", [["list"], ["agreements"], ["search", "migration"], ["timeline"], ["export"]]
)
def test_repeated_filters_mean_any_of_in_every_command(run: Run, command: list[str]) -> None:
    def countries(*filters: str) -> set[str]:
        result = json.loads(run(*command, *filters, "--format", "json").stdout)
        rows = result["partners"] if isinstance(result, dict) else result
        return {row.get("country", row.get("id")) for row in rows}

    assert countries("--country", "morocco", "--country", "TN") == {"morocco", "tunisia"}
    both = countries("--region", "Southern Asia", "--region", "western-asia")
    assert both == countries("--region", "southern asia") | countries("--region", "Western Asia")
    assert both & {"pakistan", "iraq"} and both & {"turkey", "iraq"}
    rescue = countries("--area", "search_rescue", "--area", "resettlement")
    assert rescue <= {"libya", "niger", "turkey"} and rescue
    assert countries("--country", "niger", "--area", "resettlement") == set()
    in_etm_or_rabat = countries("--framework", "etm", "--framework", "Rabat Process")
    assert in_etm_or_rabat == {"libya", "niger", "morocco", "mauritania"} & (
        countries() or in_etm_or_rabat
    )


@pytest.mark.parametrize(
    ("option", "value", "hint"),
    [
        ("--country", "tunsia", "did you mean 'tunisia'"),
        ("--region", "northern afrika", "did you mean 'Northern Africa'"),
        ("--area", "smugling", "did you mean 'smuggling'"),
        ("--framework", "budapst", "did you mean 'budapest-process'"),
    ],
)
@pytest.mark.parametrize("command", [["list"], ["agreements"], ["search", "x"], ["timeline"]])
def test_a_bad_filter_value_is_the_same_usage_error_in_each_kind_of_command(
    run: Run, command: list[str], option: str, value: str, hint: str
) -> None:
    result = run(*command, option, value, code=2)
    assert hint in result.stderr and result.stdout == ""


FILTERS = ("--country", "--region", "--area", "--framework")


def test_every_command_that_takes_a_filter_takes_them_all() -> None:
    """FILTERS are one set of options: a command takes all four or none of them."""
    takers = {option: set(_commands_taking(option)) for option in FILTERS}
    assert takers["--country"], takers
    assert all(commands == takers["--country"] for commands in takers.values()), takers


def test_kind_is_each_commands_own_vocabulary(run: Run) -> None:
    assert "did you mean 'readmission'" in run("agreements", "--kind", "readmision", code=2).stderr
    assert {r["kind"] for r in run.json("timeline", "--kind", "visit", "--kind", "summit")} == {
        "visit",
        "summit",
    }
    assert "valid: visit, dialogue" in run("timeline", "--kind", "nope", code=2).stderr


# --- one format registry ------------------------------------------------------------

FORMAT_COMMANDS = FORMATS


def test_every_command_with_a_format_option_is_covered() -> None:
    from typer.main import get_command

    group = get_command(app)
    with_format = {
        name
        for name, command in group.commands.items()  # type: ignore[attr-defined]
        if any("--format" in getattr(p, "opts", []) for p in command.params)
    }
    assert with_format == {args[0] for args in FORMAT_COMMANDS}


@pytest.mark.parametrize("member", list(OutputFormat), ids=lambda f: f.value)
@pytest.mark.parametrize("args", list(FORMAT_COMMANDS), ids=" ".join)
def test_every_format_member_with_every_command(
    run: Run, args: tuple[str, ...], member: OutputFormat, tmp_path: Path
) -> None:
    allowed = FORMAT_COMMANDS[args]
    if member not in allowed:
        result = run(*args, "--format", member.value, code=2)
        assert f"unknown format '{member.value}'" in result.stderr
        assert "valid: " + ", ".join(f.value for f in allowed) in result.stderr
        return
    if member.binary:  # bytes: only a file takes them, never stdout
        refused = run(*args, "--format", member.value, code=2)
        assert "writes a file only: add --output FILE" in refused.stderr
        assert refused.stdout == ""
        path = tmp_path / f"out.{member.value}"
        assert run(*args, "--format", member.value, "--output", str(path)).stdout == ""
        assert member is OutputFormat.SQLITE, f"no check for the binary format {member}"
        with contextlib.closing(sqlite3.connect(path)) as database:
            assert database.execute("SELECT count(*) FROM partners").fetchone()[0] == 14
        return
    out = run(*args, "--format", member.value).stdout
    empty = args[0] == "diff"
    if member is OutputFormat.JSON:
        assert json.loads(out) or empty
    elif member is OutputFormat.NDJSON:
        assert all(json.loads(line) for line in out.splitlines()) and (out or empty)
    elif member is OutputFormat.CSV:
        header, *rows = list(csv.reader(io.StringIO(out, newline="")))
        assert header and (rows or empty)
    elif member is OutputFormat.TOML:
        assert tomllib.loads(out)["partners"]
    elif member is OutputFormat.TABLE:
        assert out.strip() or empty
    else:
        pytest.fail(f"no check for the format {member}")


def test_machine_formats_carry_ids_not_labels(run: Run) -> None:
    table = list(csv.DictReader(io.StringIO(run("agreements", "-f", "csv").stdout, newline="")))
    assert {row["status"] for row in table} <= {
        "mandate",
        "negotiating",
        "agreed",
        "in_place",
        "on_hold",
        "rounds_held",
        "not_activated",
    }
    assert "Mandate to negotiate" not in {row["status"] for row in table}
    kinds = {
        row["kind"] for row in csv.DictReader(io.StringIO(run("frameworks", "-f", "csv").stdout))
    }
    assert "regional_process" in kinds and "Regional process" not in kinds
    assert "Mandate to negotiate" in run("agreements").stdout  # people read labels


# --- the process: pipes, stderr, encodings ------------------------------------------


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR", "COOP_DATA"}}
    env["COOP_CACHE_DIR"] = str(tmp_path / "cache")
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def many_partners(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped dataset forty times over: the output of every command that reads it
    outgrows a pipe."""
    document = tomllib.loads(DATA.read_text(encoding="utf-8"))
    partners = []
    for copy in range(40):
        for partner in document["partners"]:
            clone = {
                **partner,
                "id": f"{partner['id']}-{copy}",
                "name": f"{partner['name']} {copy}",
            }
            for key in ("iso2", "iso3", "aliases", "members"):
                clone.pop(key, None)
            partners.append(clone)
    document["partners"] = partners
    # without member countries, `Albania` names no thing: a file of layout 3, with none
    layout_3(document)
    path = tmp_path_factory.mktemp("data") / "many.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


EVERY_COMMAND = [
    ["list"],
    ["show", "tunisia-0", "--sources"],
    ["search", "migration"],
    ["agreements"],
    ["timeline"],
    ["people"],
    ["bodies"],
    ["areas"],
    ["areas", "governance"],
    ["frameworks"],
    ["compare", "morocco-0", "tunisia-0"],
    ["info"],
    ["export"],
    ["report"],
    ["schema"],
    ["validate"],
    ["help"],
]
NOT_IN_EVERY_COMMAND = {"diff": "of a dataset with itself it prints nothing for `head` to read"}


def test_every_command_is_among_those_read_by_a_reader_that_stops_early() -> None:
    assert {args[0] for args in EVERY_COMMAND} == set(registry.EVERY_COMMAND) - set(
        NOT_IN_EVERY_COMMAND
    )


# Unbuffered, a write meets the closed pipe mid-output rather than at the exit's flush:
# one command per way of writing (a rich table, a machine format, the report's
# template) stands for the others, which write through the same three.
UNBUFFERED = [["list"], ["export"], ["report"]]
SHIPPED_IS_ENOUGH = {"report", "export", "validate"}


@pytest.mark.parametrize(
    ("args", "buffering"),
    [(args, "buffered") for args in EVERY_COMMAND] + [(a, "unbuffered") for a in UNBUFFERED],
    ids=lambda value: " ".join(value) if isinstance(value, list) else value,
)
def test_a_reader_that_stops_early_is_success_for_every_command(
    tmp_path: Path, many_partners: Path, args: list[str], buffering: str
) -> None:
    # One cache for the module: the large dataset is validated once, not once a test.
    cache = many_partners.parent / "cache"
    # the shipped data's page and export already outgrow a pipe; `validate` says one line
    data = {} if args[0] in SHIPPED_IS_ENOUGH else {"COOP_DATA": str(many_partners)}
    result = subprocess.run(
        f"set -o pipefail; '{COOP}' {' '.join(args)} | head -c 1",
        shell=True,
        executable="/bin/bash",
        env={
            **environment(tmp_path, COOP_CACHE_DIR=str(cache), **data),
            "PYTHONUNBUFFERED": "1" if buffering == "unbuffered" else "",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    # `agreements` says on stderr where an agreement is held elsewhere (Iraq's, a framework)
    noted = args[0] == "agreements"
    said = [line for line in result.stderr.splitlines() if not (noted and "see `coop" in line)]
    assert (result.returncode, said) == (0, [])
    assert len(result.stdout) == 1


def test_a_closed_stderr_changes_no_exit_code(tmp_path: Path) -> None:
    def run_closed(args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            f"'{COOP}' {args} 2>&-",
            shell=True,
            env=environment(tmp_path),
            capture_output=True,
            text=True,
            check=False,
        )

    success = run_closed("list")
    assert success.returncode == 0 and "tunisia" in success.stdout
    usage = run_closed("list --bogus")
    assert (usage.returncode, usage.stdout) == (2, "")
    assert run_closed("export --output /nonexistent/x.json").returncode == 1


@pytest.mark.parametrize(
    "encoding_env", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C"}], ids=str
)
def test_a_locale_that_is_not_utf8_never_ends_in_a_traceback(
    tmp_path: Path, encoding_env: dict[str, str]
) -> None:
    env = environment(tmp_path, **encoding_env)
    env.pop("PYTHONUTF8", None)
    for args in (
        ["show", "turkey"],
        ["search", "varhelyi"],
        ["timeline"],
        ["compare", "turkey", "libya"],
    ):
        result = subprocess.run([COOP, *args], env=env, capture_output=True, check=False)
        assert (result.returncode, result.stderr) == (0, b""), args
        assert b"Johansson" in result.stdout or b"Turkey" in result.stdout
    for args in (
        ["export", "--format", "csv"],
        ["show", "turkey", "--json"],
        ["search", "varhelyi", "-f", "ndjson"],
    ):
        result = subprocess.run([COOP, *args], env=env, capture_output=True, check=False)
        assert result.returncode == 0 and result.stderr == b"", args
        assert "Várhelyi".encode() in result.stdout or "Türkiye".encode() in result.stdout


# --- small things a user trips on ---------------------------------------------------


def test_help_as_git_and_gh_accept_it(run: Run) -> None:
    assert "Usage: coop [OPTIONS] COMMAND" in run("help").stdout
    assert run("help", "timeline").stdout == run("timeline", "--help").stdout
    assert "did you mean 'timeline'" in run("help", "timelin", code=2).stderr


def test_data_before_the_command_works_as_after_it(run: Run, tmp_path: Path) -> None:
    minimal = str(Path(__file__).parent / "data" / "minimal.toml")
    before = run("--data", minimal, "list", "--json").stdout
    assert before == run("list", "--data", minimal, "--json").stdout
    assert before != run("list", "--json").stdout


def test_data_before_the_command_through_the_entry_point(tmp_path: Path) -> None:
    minimal = str(Path(__file__).parent / "data" / "minimal.toml")
    result = subprocess.run(
        [COOP, "--data", minimal, "info", "--json"],
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and json.loads(result.stdout)["dataset"].endswith("minimal.toml")


@pytest.mark.parametrize(
    ("name", "expected"), [("wb", "western-balkans"), ("WB6", "western-balkans")]
)
def test_region_codes_find_the_region(run: Run, name: str, expected: str) -> None:
    assert run.json("show", name)["id"] == expected


def test_a_name_like_nothing_suggests_nothing_but_where_to_look(run: Run) -> None:
    error = run("show", "syria", code=2).stderr
    assert "did you mean" not in error
    assert error.endswith("Error: no partner matches 'syria'; `coop list` shows them all\n")
    assert "did you mean 'tunisia'" in run("show", "tunsia", code=2).stderr


# --- one check of dates and of --output --------------------------------------------


def _commands_taking(option: str) -> list[str]:
    from typer.main import get_command

    group = get_command(app)
    return sorted(
        name
        for name, command in group.commands.items()  # type: ignore[attr-defined]
        if any(option in getattr(p, "opts", []) for p in command.params)
    )


def _usage_error(run: Run, *args: str) -> str:
    return str(run(*args, code=2).stderr.splitlines()[-1].removeprefix("Error: "))


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("0000", "there is no year 0000"),
        ("0000-02-30", "there is no year 0000"),
        ("0000-12-31", "there is no year 0000"),
        ("2021-02-30", "February 2021 has 28 days"),
        ("1900-02-29", "February 1900 has 28 days"),
        ("0001-02-29", "February 0001 has 28 days"),
    ],
)
def test_a_date_no_dataset_may_hold_is_the_same_usage_error_for_every_date_option(
    run: Run, value: str, why: str
) -> None:
    """A date on the command line (or the API's since/until) is refused exactly when a
    dataset's date would be (`model.real_date`), with a reason that names the calendar."""
    import coopcli
    from coopcli.model import real_date

    with pytest.raises(ValueError, match="is not a real date"):
        real_date(value)
    options = [(c, o) for o in ("--from", "--to") for c in _commands_taking(o)]
    assert options
    for command, option in options:
        assert (
            _usage_error(run, command, option, value)
            == f"{option} {value} is not a real date: {why}"
        )
    dataset = coopcli.load()
    for keyword in ("since", "until"):
        with pytest.raises(coopcli.InvalidValue) as caught:
            dataset.timeline(**{keyword: value})
        assert str(caught.value) == f"{keyword} {value} is not a real date: {why}"


@pytest.mark.parametrize("value", ["0001", "0001-01-01", "2020-02-29", "9999-12-31"])
def test_a_date_a_dataset_may_hold_is_taken_by_every_date_option(run: Run, value: str) -> None:
    import coopcli
    from coopcli.model import real_date

    assert real_date(value) == value
    for option in ("--from", "--to"):
        for command in _commands_taking(option):
            run(command, option, value, "--json")
    coopcli.load().timeline(since=value, until="9999")


@pytest.mark.parametrize("option", ["--output", "-o"])
def test_an_empty_output_is_a_usage_error_for_every_command_that_writes_a_file(
    run: Run, option: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    commands = _commands_taking("--output")
    assert commands
    formats = {"export": [["--format", member.value] for member in EXPORT_FORMATS]}
    for command in commands:
        for chosen in formats.get(command, [[]]):  # `report` writes one format of its own
            message = _usage_error(run, command, *chosen, option, "")
            assert message == "--output needs a file name (or - for stdout), not an empty one"
    assert list(tmp_path.iterdir()) == []
