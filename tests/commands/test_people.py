"""`coop people`: every person the events name, each once whatever names the source gives
them, with their events in date order; its human view, JSON, formats and errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import pytest

from conftest import COOP, Run, check_whole_output

THING_KEYS = ["id", "kind", "name", "written", "aliases", "office", "of", "reason", "identified"]


def test_people_merges_the_names_of_each_person(run: Run) -> None:
    rows = run.json("people")
    by_id = {row["id"]: row for row in rows}
    # One person, two wordings in the source: one row, which keeps both as they are written.
    leyen = by_id["ursula-von-der-leyen"]
    assert leyen["name"] == "Ursula von der Leyen"
    assert {e["as"] for e in leyen["events"]} == {
        "President of the Commission",
        "Commission President von der Leyen",
    }
    assert {"ylva-johansson", "oliver-varhelyi", "josep-borrell"} <= set(by_id)
    assert [r["name"] for r in rows] == sorted((r["name"] for r in rows), key=str.casefold)
    assert all(list(row) == [*THING_KEYS, "events"] and row["events"] for row in rows)
    assert all(row["kind"] == "person" for row in rows)


def test_a_persons_events_are_timeline_rows_in_date_order(run: Run) -> None:
    (johansson,) = run.json("people", "johansson")
    events = johansson["events"]
    assert johansson["name"] == "Ylva Johansson"
    assert [e["fact"] for e in events[:3]] == [
        "tunisia/visit-2020-08",
        "mauritania/visit-2020-09",
        "morocco/visit-2020-12",
    ]
    assert events[-1]["date"] is None and events[-1]["planned"]  # undated plans last
    timeline = {row["fact"]: row for row in run.json("timeline")}
    assert all(list(e)[-2:] == ["as", "with"] for e in events)
    assert all(
        {**e, "as": 0, "with": 0} == {**timeline[e["fact"]], "as": 0, "with": 0} for e in events
    )
    assert all(e["as"] == "Commissioner Johansson" in e["people"] for e in events)


def test_each_event_says_who_else_took_part_counterparts_included(run: Run) -> None:
    (urpilainen,) = run.json("people", "urpilainen")
    (call,) = urpilainen["events"]
    assert call["with"] == ["Nigerian Minister of Foreign Affairs Onyeama"]
    for row in run.json("people"):
        for event in row["events"]:
            entries = [*event["people"], *event["counterparts"]]
            assert event["as"] in entries
            others = [
                e for e in entries if e not in [*row["written"], *row["aliases"], row["name"]]
            ]
            assert event["with"] == list(dict.fromkeys(others))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("von der leyen", ["ursula-von-der-leyen"]),
        ("president of the commission", ["ursula-von-der-leyen"]),
        ("VARHELYI", ["oliver-varhelyi"]),
        ("hrvp", ["josep-borrell"]),
        ("borrell", ["josep-borrell"]),
        (
            "president",
            ["charles-michel", "josep-borrell", "ursula-von-der-leyen"],
        ),  # vice-president
        ("spanish minister", ["fernando-grande-marlaska"]),
    ],
)
def test_a_name_matches_any_name_of_a_person(run: Run, name: str, expected: list[str]) -> None:
    assert [row["id"] for row in run.json("people", name)] == expected


def test_a_name_that_matches_nobody_is_a_usage_error_with_did_you_mean(run: Run) -> None:
    result = run("people", "johanson", code=2)
    assert "no person matches 'johanson'; did you mean 'ylva-johansson'?" in result.stderr
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
    assert result.stdout.startswith("Jutta Urpilainen*  1 event\n")
    assert "nigeria" in result.stdout and "readmission negotiations" in result.stdout


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_people_whole_output(run: Run, columns: int) -> None:
    check_whole_output(run, f"people-{columns}", "people", columns=columns)


def test_people_whole_output_of_one_name(run: Run) -> None:
    check_whole_output(run, "people-johansson", "people", "johansson")


# --- the human view: one person, their office, the source's names, who else was there ----


def test_von_der_leyen_is_one_person_with_both_visits(run: Run) -> None:
    out = run("people", "von der leyen", env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    assert lines[:3] == [
        "Ursula von der Leyen*  2 events",  # * : a name the source does not write
        "  President of the European Commission",
        "  named in the source as: Commission President von der Leyen, von der Leyen",
    ]
    assert lines[3].split()[:2] == ["2021-03", "turkey"]  # "President of the Commission"
    # the title ("Presidents of the European Council and of the Commission") names the other
    assert "with President of the European Council" not in out
    # an identification is marked, and explained, as an inferred value is: one legend
    assert out.count("* inferred: coop's reading, not the source's words;") == 1
    assert "`coop people NAME --json` gives the reasons for a name" in out
    assert out.endswith("\n1 person\n") and "\x1b" not in out


def test_a_name_the_source_writes_is_not_marked(run: Run) -> None:
    rows = {row["id"]: row for row in run.json("people")}
    out = run("people", env={"COLUMNS": "200"}).stdout
    for row in rows.values():
        marked = row["name"] not in row["written"]
        assert f"\n{row['name']}{'*' if marked else ''}  " in f"\n{out}", row["id"]
        assert bool(row["identified"]) or not marked or row["reason"], row["id"]


def test_each_event_names_who_else_took_part_but_those_its_title_names(run: Run) -> None:
    out = run("people", "urpilainen", env={"COLUMNS": "120"}).stdout
    assert "with Nigerian Minister of Foreign Affairs Onyeama" in out
    out = run("people", "lamorgese", env={"COLUMNS": "120"}).stdout
    assert "with Commissioner Johansson" not in out  # the title names her: no "with" line
    assert "Italian Minister of the Interior" in out


@pytest.mark.parametrize("columns", [60, 80])
def test_the_view_of_a_person_fits_its_width(run: Run, columns: int) -> None:
    out = run("people", env={"COLUMNS": str(columns), "COOP_FORCE_TTY": "1"}).stdout
    assert max(len(line) for line in out.splitlines()) <= columns
    assert "Josep Borrell*" in out and "named in the source as: HRVP" in out
