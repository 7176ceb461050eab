"""`coop people`: every person the events name, verbatim, with their events in date
order; its human view, JSON, formats and errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import pytest

from conftest import COOP, Run, check_whole_output


def test_people_lists_every_name_verbatim_never_merged(run: Run) -> None:
    rows = run.json("people")
    names = [row["name"] for row in rows]
    # One person, two wordings in the source: two entries.
    assert "President of the Commission" in names
    assert "Commission President von der Leyen" in names
    assert {"Commissioner Johansson", "Commissioner Várhelyi", "HRVP"} <= set(names)
    assert names == sorted(names, key=lambda name: name.casefold())
    assert all(row.keys() == {"name", "events"} and row["events"] for row in rows)


def test_a_persons_events_are_timeline_rows_in_date_order(run: Run) -> None:
    (johansson,) = run.json("people", "johansson")
    events = johansson["events"]
    assert johansson["name"] == "Commissioner Johansson"
    assert [e["fact"] for e in events[:3]] == [
        "tunisia/visit-2020-08",
        "mauritania/visit-2020-09",
        "morocco/visit-2020-12",
    ]
    assert events[-1]["date"] is None and events[-1]["planned"]  # undated plans last
    timeline = {row["fact"]: row for row in run.json("timeline")}
    assert all(event == timeline[event["fact"]] for event in events)
    assert all("Commissioner Johansson" in event["people"] for event in events)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("von der leyen", ["Commission President von der Leyen"]),
        ("VARHELYI", ["Commissioner Várhelyi"]),
        ("hrvp", ["HRVP"]),
        ("president", ["Commission President von der Leyen", "President of the Commission",
                       "President of the European Council"]),
    ],
)  # fmt: skip
def test_a_name_matches_as_search_matches_words(run: Run, name: str, expected: list[str]) -> None:
    assert [row["name"] for row in run.json("people", name)] == expected


def test_a_name_that_matches_nobody_is_a_usage_error_with_did_you_mean(run: Run) -> None:
    result = run("people", "johanson", code=2)
    assert "no person matches 'johanson'; did you mean 'Commissioner Johansson'?" in result.stderr
    assert result.stdout == ""


def test_people_speaks_every_listing_format(run: Run) -> None:
    rows = run.json("people")
    table = list(csv.DictReader(io.StringIO(run("people", "--format", "csv").stdout)))
    assert [r["name"] for r in table] == [r["name"] for r in rows]
    assert table[0]["events"] == "; ".join(e["fact"] for e in rows[0]["events"])
    lines = run("people", "--format", "ndjson").stdout.splitlines()
    assert [json.loads(line) for line in lines] == rows


def test_people_through_the_installed_entry_point() -> None:
    result = subprocess.run(
        [COOP, "people", "urpilainen"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("Commissioner Urpilainen  1 event\n")
    assert "nigeria" in result.stdout and "readmission negotiations" in result.stdout


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_people_whole_output(run: Run, columns: int) -> None:
    check_whole_output(run, f"people-{columns}", "people", columns=columns)


def test_people_whole_output_of_one_name(run: Run) -> None:
    check_whole_output(run, "people-johansson", "people", "johansson")
