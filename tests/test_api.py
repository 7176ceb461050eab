"""The Python API (`import coopcli`): the same answers as the CLI's `--json` for the same
questions, typed rows with exactly those fields, and errors a program can catch."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import coopcli
from coopcli import shape

from conftest import DATA, REPO, Run


@pytest.fixture
def ds() -> coopcli.Dataset:
    return coopcli.load()


# --- the same answers as the CLI ---------------------------------------------------


@pytest.mark.parametrize(
    "status",
    ["mandate", "negotiating", "agreed", "in_place", "on_hold", "rounds_held", "not_activated"],
)
def test_agreements_by_status_are_the_clis(run: Run, ds: coopcli.Dataset, status: str) -> None:
    assert ds.agreements(status=status) == run.json("agreements", "--status", status)


@pytest.mark.parametrize(
    ("filters", "args"),
    [
        ({}, []),
        ({"kind": "readmission", "status": "in_place"}, ["-k", "readmission", "-s", "in_place"]),
        (
            {"status": ["negotiating", "mandate"], "kind": "readmission"},
            ["-s", "negotiating", "-s", "mandate", "-k", "readmission"],
        ),
        ({"status": "In-Place"}, ["--status", "In-Place"]),
        ({"country": ("TN", "Maroc")}, ["-c", "TN", "-c", "Maroc"]),
        (
            {"region": "northern-africa", "area": "smuggling"},
            ["-r", "Northern Africa", "-a", "smuggling"],
        ),
    ],
    ids=repr,
)
def test_agreements_with_filters_are_the_clis(
    run: Run, ds: coopcli.Dataset, filters: dict[str, Any], args: list[str]
) -> None:
    assert ds.agreements(**filters) == run.json("agreements", *args)


@pytest.mark.parametrize(
    ("words", "filters", "args"),
    [
        ("smuggling", {}, []),
        ("smuggl trafficking", {}, []),
        (["varhelyi", "visit"], {}, []),
        ("Várhelyi", {}, []),
        ("smuggling", {"country": ["morocco", "tunisia"]}, ["-c", "morocco", "-c", "tunisia"]),
        ("readmiss", {"region": "Southern Asia"}, ["--region", "Southern Asia"]),
        ("migration", {"area": "search_rescue"}, ["--area", "search_rescue"]),
        ("nothing-at-all", {}, []),
    ],
    ids=repr,
)
def test_search_is_the_clis(
    run: Run, ds: coopcli.Dataset, words: str | list[str], filters: dict[str, Any], args: list[str]
) -> None:
    split = words.split() if isinstance(words, str) else words
    assert ds.search(words, **filters) == run.json("search", *split, *args)


@pytest.mark.parametrize(
    ("filters", "args"),
    [
        ({}, []),
        ({"planned": True}, ["--planned"]),
        ({"planned": False}, ["--past"]),
        ({"since": "2021-09", "until": "2021-10"}, ["--from", "2021-09", "--to", "2021-10"]),
        ({"since": "2021"}, ["--from", "2021"]),
        ({"until": "2016-12-31"}, ["--to", "2016-12-31"]),
        (
            {"country": ["tunisia", "libya"], "kind": "visit"},
            ["-c", "tunisia", "-c", "libya", "-k", "visit"],
        ),
        (
            {"kind": ["signed", "summit"], "region": "Western Asia"},
            ["-k", "signed", "-k", "summit", "-r", "Western Asia"],
        ),
    ],
    ids=repr,
)
def test_timeline_is_the_clis(
    run: Run, ds: coopcli.Dataset, filters: dict[str, Any], args: list[str]
) -> None:
    assert ds.timeline(**filters) == run.json("timeline", *args)


def test_timeline_takes_a_date_object_as_its_iso_text(ds: coopcli.Dataset) -> None:
    import datetime

    since = datetime.date(2021, 9, 1)
    assert ds.timeline(since=since) == ds.timeline(since="2021-09-01")


@pytest.mark.parametrize("name", ["tunisia", "Türkiye", "TUR", "TN", "Maroc", "serbia", "Kosovo"])
def test_look_ups_follow_the_clis_rules(run: Run, ds: coopcli.Dataset, name: str) -> None:
    shown = run.json("show", name)
    assert ds.partner_record(name) == shown
    model = ds.partner(name)
    assert isinstance(model, coopcli.Partner)
    assert model.model_dump(mode="json") == shown


def test_partners_are_models_in_the_sources_order(run: Run, ds: coopcli.Dataset) -> None:
    partners = ds.partners
    assert [p.id for p in partners] == [row["id"] for row in run.json("list")]
    assert (
        ds.partner("Türkiye")
        is ds.partner("turkey")
        is partners[[p.id for p in partners].index("turkey")]
    )
    partners.clear()  # a copy: the dataset keeps its own
    assert len(ds.partners) == 14


@pytest.mark.parametrize(
    ("filters", "args"),
    [
        ({}, []),
        ({"area": "smuggling"}, ["--area", "smuggling"]),
        ({"region": ["Southern Asia"]}, ["-r", "southern-asia"]),
    ],
    ids=repr,
)
def test_partner_rows_are_the_clis_list(
    run: Run, ds: coopcli.Dataset, filters: dict[str, Any], args: list[str]
) -> None:
    assert ds.partner_rows(**filters) == run.json("list", *args)


def test_areas_frameworks_and_compare_are_the_clis(run: Run, ds: coopcli.Dataset) -> None:
    assert ds.areas() == run.json("areas")
    assert ds.areas("smuggling") == run.json("areas", "smuggling")
    assert ds.areas("Search-Rescue") == run.json("areas", "search_rescue")
    assert ds.frameworks() == run.json("frameworks")
    assert ds.frameworks("budapest") == run.json("frameworks", "budapest")
    assert ds.compare("morocco", "TN") == run.json("compare", "morocco", "TN")
    assert ds.compare("Nigeria", "niger", "mauritania") == run.json(
        "compare", "Nigeria", "niger", "mauritania"
    )


def test_diff_takes_a_dataset_or_a_path_and_is_the_clis(
    run: Run, ds: coopcli.Dataset, tmp_path: Path
) -> None:
    edited = tmp_path / "edited.toml"
    text = DATA.read_text(encoding="utf-8")
    edited.write_text(
        text.replace('status = "mandate"', 'status = "negotiating"'), encoding="utf-8"
    )
    expected = run.json("diff", str(DATA), str(edited))
    assert expected and {row["change"] for row in expected} == {"status_changed"}
    assert ds.diff(edited) == expected
    assert ds.diff(coopcli.load(edited)) == expected
    assert ds.diff(ds) == []


def test_records_and_meta_are_copies_no_later_call_sees_changed(ds: coopcli.Dataset) -> None:
    """`records` and `meta` are data, not handles: appending to `records["partners"]` (which
    broke every later call of 0.4), emptying a partner's events or renaming the dataset
    changes no later answer, nor the next copy."""
    rows, timeline, records = ds.partner_rows(), ds.timeline(), ds.records
    assert records == ds.records and records is not ds.records
    records["partners"].append({"id": "broken"})  # type: ignore[typeddict-item]
    records["partners"][0]["events"].clear()
    records["meta"]["title"] = ds.meta["title"] = "Changed"
    assert (ds.partner_rows(), ds.timeline()) == (rows, timeline)
    assert ds.records == coopcli.load().records and ds.meta["title"] != "Changed"


def test_document_and_fact_rows_are_what_export_writes(run: Run, ds: coopcli.Dataset) -> None:
    import csv
    import io
    import json

    assert ds.document() == json.loads(run("export", "--format", "json").stdout)
    west = ds.document(region="Western Africa")
    assert west == json.loads(run("export", "-f", "json", "-r", "Western Africa").stdout)
    rows = list(csv.DictReader(io.StringIO(run("export", "-f", "csv").stdout, newline="")))
    facts = ds.fact_rows()
    assert [(r["country"], r["path"]) for r in facts] == [(r["country"], r["path"]) for r in rows]
    assert facts[0].keys() == rows[0].keys()


@pytest.mark.parametrize(
    "filters",
    [{}, {"region": "Northern Africa"}, {"area": "smuggling", "country": ["morocco", "libya"]}],
    ids=lambda filters: ",".join(filters) or "none",
)
def test_briefing_holds_the_answers_of_select_agreements_and_timeline(
    ds: coopcli.Dataset, filters: dict[str, Any]
) -> None:
    briefing = ds.briefing(**filters)
    partners = ds.select(**filters)
    assert briefing["partners"] == partners and partners
    assert briefing["agreements"] == ds.agreements(**filters)
    assert briefing["timeline"] == ds.timeline(**filters)
    assert briefing["meta"] == ds.meta
    assert briefing["partners_in_dataset"] == len(ds.records["partners"])
    given = {
        name: [value] if isinstance(value, str) else list(value) for name, value in filters.items()
    }
    assert briefing["filters"] == {name: values for name, values in given.items() if values}
    kept = {partner["id"] for partner in partners}
    every_area = {row["id"]: set(row["countries"]) for row in ds.areas()}
    assert {row["id"]: set(row["countries"]) for row in briefing["areas"]} == {
        area: countries & kept for area, countries in every_area.items()
    }


def test_briefing_filters_as_select_does(ds: coopcli.Dataset) -> None:
    with pytest.raises(coopcli.NotFound, match="tunisia"):
        ds.briefing(country="tunsia")
    with pytest.raises(coopcli.InvalidValue):
        ds.briefing(area="smugling")


# --- typed rows: exactly the fields of the --json rows -----------------------------

QUERIES: list[tuple[Callable[[coopcli.Dataset], Any], list[str], type]] = [
    (lambda ds: ds.partner_rows(), ["list"], coopcli.PartnerRow),
    (lambda ds: ds.agreements(), ["agreements"], coopcli.AgreementRow),
    (lambda ds: ds.search("visit"), ["search", "visit"], coopcli.Hit),
    (lambda ds: ds.timeline(), ["timeline"], coopcli.TimelineRow),
    (lambda ds: ds.areas(), ["areas"], coopcli.AreaRow),
    (lambda ds: ds.areas("smuggling"), ["areas", "smuggling"], coopcli.AreaQuote),
    (lambda ds: ds.frameworks(), ["frameworks"], coopcli.FrameworkGroup),
    (
        lambda ds: [ds.compare("morocco", "tunisia")],
        ["compare", "morocco", "tunisia"],
        coopcli.Comparison,
    ),
    (lambda ds: [ds.partner_record("tunisia")], ["show", "tunisia"], coopcli.PartnerRecord),
    (lambda ds: ds.people(), ["people"], coopcli.PersonRow),
]


@pytest.mark.parametrize(
    ("query", "args", "row_type"), QUERIES, ids=[" ".join(args) for _, args, _ in QUERIES]
)
def test_every_querys_rows_have_exactly_the_fields_of_its_json(
    run: Run,
    ds: coopcli.Dataset,
    query: Callable[[coopcli.Dataset], Any],
    args: list[str],
    row_type: type,
) -> None:
    cli = run.json(*args)
    cli_rows = cli if isinstance(cli, list) else [cli]
    rows = query(ds)
    assert rows and cli_rows
    fields = list(row_type.__annotations__)
    details = {f.name for s in shape.EVERY_SECTION.values() for f in s.fields if f.role == "detail"}
    # the same keys, in the same order, but a fact's detail fields added since
    assert all([key for key in row if key not in details] == fields for row in rows)
    assert all([key for key in row if key not in details] == fields for row in cli_rows)


def test_diff_rows_are_change_rows(run: Run, ds: coopcli.Dataset, tmp_path: Path) -> None:
    edited = tmp_path / "edited.toml"
    edited.write_text(
        DATA.read_text(encoding="utf-8").replace('id = "smuggling"', 'id = "data"', 1),
        encoding="utf-8",
    )
    rows = ds.diff(edited)
    assert rows and all(list(row) == list(coopcli.Change.__annotations__) for row in rows)
    assert rows == run.json("diff", str(DATA), str(edited))


# --- errors ---------------------------------------------------------------------------


def usage_error(run: Run, *args: str) -> str:
    """The message of a CLI usage error (exit 2), after click's `Error: `."""
    return run(*args, code=2).stderr.splitlines()[-1].removeprefix("Error: ")


def test_an_unknown_partner_is_not_found_a_lookup_error_with_did_you_mean(
    run: Run, ds: coopcli.Dataset
) -> None:
    with pytest.raises(coopcli.NotFound) as caught:
        ds.partner("tunsia")
    error = caught.value
    assert isinstance(error, LookupError) and isinstance(error, coopcli.UsageError)
    assert str(error) == "no partner matches 'tunsia'; did you mean 'tunisia'?"
    assert error.suggestions == ["tunisia"]
    assert usage_error(run, "show", "tunsia") == str(error)
    for call in (
        lambda: ds.partner_record("tunsia"),
        lambda: ds.agreements(country="tunsia"),
        lambda: ds.compare("morocco", "tunsia"),
    ):
        with pytest.raises(LookupError, match="did you mean 'tunisia'"):
            call()
    with pytest.raises(coopcli.NotFound, match="no framework matches 'rabbat'") as framework:
        ds.frameworks("rabbat")
    assert usage_error(run, "frameworks", "rabbat") == str(framework.value)


@pytest.mark.parametrize(
    ("call", "args", "message"),
    [
        (
            lambda ds: ds.agreements(status="signd"),
            ["agreements", "--status", "signd"],
            "unknown status 'signd' (valid: mandate, negotiating, agreed, in_place, on_hold, rounds_held, not_activated)",
        ),
        (
            lambda ds: ds.agreements(kind=["readmission", "readmision"]),
            ["agreements", "-k", "readmission", "-k", "readmision"],
            "unknown kind 'readmision'; did you mean 'readmission'? (valid: readmission, "
            "visa_facilitation, mobility_partnership, common_agenda, return_procedures, "
            "joint_declaration, statement, admission_scheme)",
        ),
        (
            lambda ds: ds.search("x", area="smugling"),
            ["search", "x", "--area", "smugling"],
            "did you mean 'smuggling'?",
        ),
        (
            lambda ds: ds.partner_rows(region="northern afrika"),
            ["list", "--region", "northern afrika"],
            "unknown region 'northern afrika'; did you mean 'Northern Africa'?",
        ),
        (
            lambda ds: ds.timeline(kind="vist"),
            ["timeline", "--kind", "vist"],
            "unknown kind 'vist'",
        ),
        (lambda ds: ds.areas("smugling"), ["areas", "smugling"], "unknown area 'smugling'"),
        (lambda ds: ds.search("  "), ["search", "  "], "the search query is empty"),
        (
            lambda ds: ds.compare("morocco", "MA"),
            ["compare", "morocco", "MA"],
            "compare needs at least two different partners",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_bad_value_is_invalid_value_a_value_error_with_the_clis_message(
    run: Run,
    ds: coopcli.Dataset,
    call: Callable[[coopcli.Dataset], Any],
    args: list[str],
    message: str,
) -> None:
    with pytest.raises(coopcli.InvalidValue) as caught:
        call(ds)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, coopcli.UsageError)
    assert message in str(caught.value)
    assert usage_error(run, *args) == str(caught.value)


def test_dates_follow_the_clis_rules_named_as_the_api_names_them(
    run: Run, ds: coopcli.Dataset
) -> None:
    for value, why in [
        ("2021-13", "takes a date as 2021, 2021-05 or 2021-05-17, not '2021-13'"),
        ("2021-02-30", "2021-02-30 is not a real date: February 2021 has 28 days"),
        (
            "\uff12\uff10\uff12\uff11",
            "takes a date in ASCII digits (0-9), not '\uff12\uff10\uff12\uff11'",
        ),
    ]:
        with pytest.raises(coopcli.InvalidValue) as caught:
            ds.timeline(since=value)
        assert str(caught.value) == f"since {why}"
        assert usage_error(run, "timeline", "--from", value) == f"--from {why}"
    with pytest.raises(coopcli.InvalidValue, match=r"^until takes a date as"):
        ds.timeline(until="2021-13")
    with pytest.raises(coopcli.InvalidValue, match=r"^since 2021-10 is after until 2021-01$"):
        ds.timeline(since="2021-10", until="2021-01")
    assert usage_error(run, "timeline", "--from", "2021-10", "--to", "2021-01") == (
        "--from 2021-10 is after --to 2021-01"
    )


def test_an_invalid_file_is_a_data_error_with_its_problems(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    text = DATA.read_text(encoding="utf-8")
    bad.write_text(text.replace('status = "in_place"', 'status = "signed"', 1), encoding="utf-8")
    with pytest.raises(coopcli.DataError) as caught:
        coopcli.load(bad)
    error = caught.value
    assert not isinstance(error, coopcli.UsageError)
    [problem] = error.problems
    assert isinstance(problem, coopcli.Problem)
    assert (problem.path, problem.where) == (str(bad), "morocco.agreements[2].status")
    assert problem.line == text[: text.index('status = "in_place"')].count("\n") + 1
    assert problem.what.startswith("'signed' is not allowed here; valid values: 'mandate'")
    assert str(error) == f"{bad}:{problem.line}: {problem.where}: {problem.what}"
    cli = run("--data", str(bad), "list", code=1)
    assert cli.stderr == str(error) + "\n"
    with pytest.raises(coopcli.DataError, match=r"no such file$"):
        coopcli.load(tmp_path / "missing.toml")


# --- the surface ----------------------------------------------------------------------


def test_all_names_the_public_surface_each_with_a_docstring() -> None:
    for name in coopcli.__all__:
        value = getattr(coopcli, name)
        if name in {"__version__", "Values"}:
            continue
        assert (value.__doc__ or "").strip(), name
    public_methods = [name for name in vars(coopcli.Dataset) if not name.startswith("_")]
    assert {"partners", "partner", "agreements", "search", "timeline", "areas"} <= set(
        public_methods
    )
    for name in public_methods:
        assert (getattr(coopcli.Dataset, name).__doc__ or "").strip(), name
    assert sorted(coopcli.__all__) == sorted(set(coopcli.__all__))
    docs = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    for name in [*coopcli.__all__, *(f"Dataset.{m}" for m in public_methods)]:
        assert f"`{name}" in docs, name


def python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"COOP_DATA", "COOP_NO_CACHE"}}
    env["COOP_CACHE_DIR"] = str(tmp_path / "cache")
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )


def test_importing_and_querying_imports_neither_typer_click_nor_rich(tmp_path: Path) -> None:
    code = (
        "import coopcli, sys; coopcli.load().search('smuggling'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer','click','rich')))"
    )
    assert python(code, tmp_path).stdout == "[]\n"  # a cold cache: validates, with Pydantic
    warm = code.replace("('typer','click','rich')", "('typer','click','rich','pydantic')")
    assert python(warm, tmp_path).stdout == "[]\n"  # a warm one: no Pydantic either
    models = "import coopcli, sys; coopcli.load().partners; print('pydantic' in sys.modules)"
    assert python(models, tmp_path).stdout == "True\n"


def test_a_users_typed_script_runs(tmp_path: Path) -> None:
    # mypy checks it (and MISTAKES) in test_code_quality's one run over src, which
    # shares its work: a second mypy of coopcli and its dependencies took 8 s.
    script = tmp_path / "notebook.py"
    script.write_text(USER_SCRIPT, encoding="utf-8")
    ran = python(f"exec(open({str(script)!r}).read())", tmp_path)
    assert ran.returncode == 0 and "pakistan" in ran.stdout, ran.stderr


USER_SCRIPT = '''"""A user's notebook: typed calls to coop's public API."""

from __future__ import annotations

import coopcli


def main() -> None:
    ds: coopcli.Dataset = coopcli.load()
    rows: list[coopcli.AgreementRow] = ds.agreements(status="in_place", kind=["readmission"])
    countries: list[str] = [row["country"] for row in rows]
    hits: list[coopcli.Hit] = ds.search("smuggling", country=("morocco", "tunisia"))
    fields: list[str] = [hit["field"] for hit in hits]
    planned: list[coopcli.TimelineRow] = ds.timeline(planned=True, since="2021-09")
    matrix: list[coopcli.AreaRow] = ds.areas()
    quotes: list[coopcli.AreaQuote] = ds.areas("smuggling")
    groups: list[coopcli.FrameworkGroup] = ds.frameworks("budapest")
    comparison: coopcli.Comparison = ds.compare("morocco", "tunisia")
    changes: list[coopcli.Change] = ds.diff(ds)
    name: str = ds.partner("Türkiye").name
    try:
        ds.partner("atlantis")
    except coopcli.NotFound as error:
        suggestions: list[str] = error.suggestions
        print(suggestions)
    try:
        ds.agreements(status="signed")
    except coopcli.InvalidValue as error:
        print(str(error))
    try:
        coopcli.load("missing.toml")
    except coopcli.DataError as error:
        lines: list[int | None] = [problem.line for problem in error.problems]
        print(lines)
    print(countries, fields, planned, matrix, quotes, groups, comparison, changes, name)


main()
'''

MISTAKES = """import coopcli

ds = coopcli.load()
x: int = ds.agreements()[0]["country"]
ds.agreements(statuz="x")
y: list[coopcli.Hit] = ds.timeline()
"""


# --- person, place, framework and people: the CLI's options, as keywords ---------------


@pytest.mark.parametrize(
    ("call", "args"),
    [
        (lambda ds: ds.timeline(person="johansson"), ["timeline", "--person", "johansson"]),
        (
            lambda ds: ds.timeline(person=["von der leyen", "HRVP"], since="2021-09"),
            ["timeline", "--person", "von der leyen", "--person", "HRVP", "--since", "2021-09"],
        ),
        (lambda ds: ds.timeline(place="brdo"), ["timeline", "--place", "brdo"]),
        (lambda ds: ds.search("visit", person="varhelyi"), ["search", "visit", "--person", "varhelyi"]),
        (lambda ds: ds.partner_rows(framework="budapest"), ["list", "--framework", "budapest"]),
        (
            lambda ds: ds.agreements(framework=("etm", "ssar")),
            ["agreements", "--framework", "etm", "--framework", "ssar"],
        ),
        (lambda ds: ds.timeline(framework="rabat"), ["timeline", "--framework", "rabat"]),
        (lambda ds: ds.people("johansson"), ["people", "johansson"]),
        (lambda ds: ds.search("johansson visit"), ["search", "johansson", "visit"]),
    ],
)  # fmt: skip
def test_person_place_framework_and_people_are_the_clis(
    run: Run, ds: coopcli.Dataset, call: Callable[[coopcli.Dataset], Any], args: list[str]
) -> None:
    rows = call(ds)
    assert rows and rows == run.json(*args)


def test_an_unknown_person_place_or_framework_is_not_found_with_did_you_mean(
    ds: coopcli.Dataset,
) -> None:
    for call, what in (
        (lambda: ds.timeline(person="johanson"), "person"),
        (lambda: ds.timeline(place="brdx"), "place"),
        (lambda: ds.select(framework="budapst"), "framework"),
        (lambda: ds.people("nobody at all"), "person"),
    ):
        with pytest.raises(coopcli.NotFound) as caught:
            call()
        assert caught.value.what == what
    with pytest.raises(TypeError, match=r"^person: expected"):
        ds.timeline(person=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^name: expected"):
        ds.people(["johansson"])  # type: ignore[arg-type]


def test_rows_with_a_date_say_how_precise_it_is() -> None:
    ds = coopcli.load()
    rows = ds.timeline()
    lengths = {"year": 4, "month": 7, "day": 10}
    for row in rows:
        if row["date"] is None:
            assert row["date_precision"] is None
        else:
            assert len(row["date"]) == lengths[row["date_precision"]]  # type: ignore[index]
        if row["end"] is None:
            assert row["end_precision"] is None
        else:
            assert len(row["end"]) == lengths[row["end_precision"]]  # type: ignore[index]
    assert {row["date_precision"] for row in rows} == {"year", "month", "day", None}
    [tunisia] = [r for r in ds.agreements(country="tunisia") if r["kind"] == "readmission"]
    rounds = tunisia["milestones"][1]
    assert (rounds["date"], rounds["date_precision"]) == ("2016", "year")
    assert (rounds["end"], rounds["end_precision"]) == ("2019", "year")
    # the fact itself stays as the dataset is
    fact = ds.fact(tunisia["fact"])
    assert "date_precision" not in fact["record"]["milestones"][1]  # type: ignore[index]


def test_the_docs_pandas_route_keeps_each_dates_precision() -> None:
    pandas = pytest.importorskip("pandas")
    docs = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    [block] = [b for b in docs.split("```python\n")[1:] if "Period" in b.split("```")[0]]
    scope: dict[str, Any] = {}
    exec(block.split("```")[0], scope)
    frame = scope["frame"]
    first = frame.iloc[0]
    assert first["period"] == pandas.Period("2010", freq="Y")
    assert all(p is None or p.freqstr[0] in "YMD" for p in frame["period"])
