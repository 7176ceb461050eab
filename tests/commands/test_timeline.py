"""`coop timeline`: every dated fact in date order; its table, JSON and errors."""

from __future__ import annotations

import pytest

from conftest import Run, check_whole_output


def test_timeline_of_tunisia_is_in_date_order(run: Run) -> None:
    rows = run.json("timeline", "--country", "tunisia")
    assert [(r["date"], r["kind"]) for r in rows] == [
        ("2014", "mandate"),
        ("2014", "mandate"),
        ("2014", "in_place"),
        ("2016", "negotiations"),
        ("2016", "negotiations"),
        ("2020-08", "visit"),
        ("2021-04-04", "visit"),
        ("2021-05", "visit"),
        ("2021-09-09", "visit"),
    ]
    assert all(
        {"country", "date", "end", "planned", "kind", "title", "source"} <= r.keys() for r in rows
    )
    assert rows[3]["end"] == "2019"


def test_timeline_sorts_a_month_before_its_days_and_undated_plans_last(run: Run) -> None:
    rows = run.json("timeline")
    dates = [r["date"] for r in rows]
    assert dates.index("2021-09") < dates.index("2021-09-09")
    undated = [r for r in rows if r["date"] is None]
    assert undated and rows[-len(undated) :] == undated
    # planned events, or a step the source tells without a date (procedures agreed)
    assert all(r["planned"] or r["type"] == "milestone" for r in undated)
    assert {r["when"] for r in undated} >= {"in the coming months", "in the course of the autumn"}


def test_timeline_planned_items_are_what_the_source_announces(run: Run) -> None:
    rows = run.json("timeline", "--planned")
    assert [(r["country"], r["date"]) for r in rows] == [
        ("western-balkans", "2021-09-28"),
        ("western-balkans", "2021-10-06"),
        ("morocco", None),
        ("turkey", None),
        ("iraq", None),
    ]
    assert all(not r["planned"] for r in run.json("timeline", "--past"))


def test_timeline_date_range_and_kind(run: Run) -> None:
    rows = run.json("timeline", "--from", "2021-09", "--to", "2021-09", "--kind", "visit")
    assert [(r["country"], r["date"]) for r in rows] == [
        ("libya", "2021-04"),  # ongoing since April 2021
        ("turkey", "2021-09"),
        ("tunisia", "2021-09-09"),
        ("western-balkans", "2021-09-28"),
    ]
    rows = run.json("timeline", "--to", "2012")
    assert [(r["country"], r["date"]) for r in rows] == [("pakistan", "2010")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "Sept 2021"], "--from takes a date"),
        (["--to", "2021-13"], "--to takes a date"),
        (["--planned", "--past"], "exclude each other"),
        (["--kind", "visits"], "did you mean 'visit'"),
        (
            ["--from", "2021-02-30"],
            "--from 2021-02-30 is not a real date: February 2021 has 28 days",
        ),
        (["--to", "2023-04-31"], "--to 2023-04-31 is not a real date: April 2023 has 30 days"),
        (
            ["--from", "\u0662\u0660\u0662\u0661"],
            "--from takes a date in ASCII digits (0-9), not '\u0662\u0660\u0662\u0661'",
        ),
        (["--to", "\uff12\uff10\uff12\uff11-05"], "--to takes a date in ASCII digits (0-9)"),
        (["--from", "2021-10", "--to", "2021-01"], "--from 2021-10 is after --to 2021-01"),
        (["--from", "2022", "--to", "2021-12-31"], "--from 2022 is after --to 2021-12-31"),
        (
            ["--from", "2021-09-10", "--to", "2021-09-09"],
            "--from 2021-09-10 is after --to 2021-09-09",
        ),
    ],
)
def test_timeline_usage_errors(run: Run, args: list[str], message: str) -> None:
    assert message in run("timeline", *args, code=2).stderr


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2021-10", "2021-10-05"),
        ("2021-10-05", "2021-10"),
        ("2021", "2021"),
        ("2020-02-29", "2020-03"),
    ],
)
def test_timeline_ranges_that_overlap_at_their_precision_are_fine(
    run: Run, start: str, end: str
) -> None:
    assert isinstance(run.json("timeline", "--from", start, "--to", end), list)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("timeline", ["timeline"]),
        ("timeline-tunisia", ["timeline", "--country", "tunisia"]),
    ],
)
def test_timeline_whole_output_at_80_columns(run: Run, name: str, args: list[str]) -> None:
    check_whole_output(run, name, *args)


def test_timeline_at_80_columns_puts_every_partner_at_the_same_column(run: Run) -> None:
    rows = run.json("timeline")
    lines = run("timeline", env={"COLUMNS": "80", "COOP_FORCE_TTY": "1"}).stdout.splitlines()
    header, body = lines[0], lines[1:]
    starts = [line for line in body if line[:1].strip() and not line.startswith(("* ", "Codes"))]
    assert len(starts) == len(rows)
    column = header.index("Code") if "Code" in header else header.index("Partner")
    assert all(line[column - 1] == " " and line[column] != " " for line in starts)


# --- by person, place and framework; what people type ------------------------------------


def test_timeline_by_person_matches_any_name_of_people_and_counterparts(run: Run) -> None:
    johansson = run.json("timeline", "--person", "johansson")
    assert len(johansson) == 9 and all(r["type"] == "event" for r in johansson)
    assert all(any("Johansson" in p for p in r["people"]) for r in johansson)
    either = run.json("timeline", "--person", "von der leyen", "--person", "HRVP")
    assert [r["fact"] for r in either] == [
        "turkey/visit-2021-03",  # "President of the Commission": von der Leyen
        "western-balkans/council-2021-03",
        "libya/visit-2021-04",
        "western-balkans/council-2021-07",
        "tunisia/visit-2021-09-09",
        "western-balkans/visit-2021-09-28",
    ]
    onyeama = run.json("timeline", "--person", "onyeama")  # a counterpart
    assert [r["fact"] for r in onyeama] == ["nigeria/call-2021-06-22"]
    assert onyeama[0]["counterparts"] == ["Nigerian Minister of Foreign Affairs Onyeama"]


def test_timeline_rows_carry_people_and_counterparts(run: Run) -> None:
    rows = run.json("timeline")
    order = ["people", "counterparts", "inferred", "source"]  # an event's details in between
    assert all([key for key in r if key in order] == order for r in rows)
    assert all(list(r)[-2:] == ["inferred", "source"] for r in rows)
    assert all(r["people"] == [] == r["counterparts"] for r in rows if r["type"] == "milestone")
    # On a terminal, who took part goes under What, but those the title names already.
    terminal = {"COLUMNS": "200", "COOP_FORCE_TTY": "1"}
    call = run("timeline", "nigeria", env=terminal).stdout.splitlines()
    assert call[0].split()[0] == "Date" and "Who" not in call[0].split()
    line = call.index(next(line for line in call if "Call on how to make progress" in line))
    with_line = " ".join(call[line + 1].split())
    assert with_line == "with Commissioner Urpilainen, Nigerian Minister of Foreign Affairs Onyeama"
    balkans = run("timeline", "western-balkans", env=terminal).stdout.splitlines()
    visit = balkans.index(next(line for line in balkans if "Johansson visits Serbia" in line))
    assert not balkans[visit + 1].strip().startswith("with")  # not again under the title
    libya = run("timeline", "libya", env=terminal).stdout  # "Commissioners Várhelyi and ..."
    assert "with" not in libya.split("What", 1)[1].split()


def test_timeline_piped_lists_every_person_then_every_counterpart(run: Run) -> None:
    """Field 5 of a piped row: the row's people, then its counterparts, each once, `; `
    between them (a name may hold a comma), whatever its title says; `*` after a field's
    last name when coop inferred that field."""
    rows = run.json("timeline")
    piped = run("timeline").stdout.splitlines()
    assert len(piped) == len(rows) and {len(line.split("\t")) for line in piped} == {5}
    for row, line in zip(rows, piped, strict=True):
        field = line.split("\t")[4]
        names = [name.removesuffix("*") for name in field.split("; ")] if field else []
        assert names == list(dict.fromkeys(row["people"] + row["counterparts"])), row["fact"]
        marked = {"people", "counterparts"} & set(row["inferred"] or {})
        assert field.endswith("*") == bool(marked and names), row["fact"]
    libya = next(line for line in piped if "Successive visits" in line).split("\t")[4]
    assert libya.split("; ") == [
        "President of the European Council",
        "Commissioner Várhelyi",
        "Commissioner Johansson",
        "HRVP",
    ]


@pytest.mark.parametrize(("columns", "budget"), [(80, 2), (60, 3)])
def test_the_timeline_fits_a_terminal(run: Run, columns: int, budget: int) -> None:
    """The shipped data's whole timeline, legend and footnote included: at most two lines
    a row on average at 80 columns, three at 60, and no line wider than the terminal."""
    rows = run.json("timeline")
    env = {"COLUMNS": str(columns), "COOP_FORCE_TTY": "1"}
    lines = run("timeline", env=env).stdout.splitlines()
    assert len(lines) <= budget * len(rows), (len(lines), len(rows))
    assert max(map(len, lines)) <= columns


def test_timeline_by_place(run: Run) -> None:
    rows = run.json("timeline", "--place", "brdo")
    assert [r["fact"] for r in rows] == ["western-balkans/summit-2021-10-06"]
    assert "did you mean 'Brdo'" in run("timeline", "--place", "brd0", code=2).stderr


def test_timeline_takes_partners_as_arguments(run: Run) -> None:
    assert run.json("timeline", "tunisia", "libya") == run.json(
        "timeline", "--country", "tunisia", "--country", "libya"
    )
    assert "did you mean 'tunisia'" in run("timeline", "tunsia", code=2).stderr


def test_since_and_until_are_from_and_to(run: Run) -> None:
    assert run.json("timeline", "--since", "2021-09", "--until", "2021-10") == run.json(
        "timeline", "--from", "2021-09", "--to", "2021-10"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--after", "2021-09"], "No such option: --after; use --from"),
        (["--before", "2021"], "No such option: --before; use --to"),
        (["--who", "johansson"], "No such option: --who; use --person"),
        (["--year", "2021"], "No such option: --year; for a year use --from 2021 --to 2021"),
        (["--year=2020"], "for a year use --from 2020 --to 2020"),
    ],
)
def test_a_synonym_of_an_option_is_answered_with_the_right_one(
    run: Run, args: list[str], message: str
) -> None:
    result = run("timeline", *args, code=2)
    assert message in result.stderr and result.stdout == ""


def test_the_first_tries_of_a_newcomer_answer(run: Run) -> None:
    import subprocess
    import sys
    from pathlib import Path

    coop = str(Path(sys.executable).parent / "coop")
    for args in (["timeline", "tunisia"], ["timeline", "--person", "johansson"]):
        result = subprocess.run([coop, *args], capture_output=True, text=True, check=False)
        assert result.returncode == 0 and result.stdout, (args, result.stderr)
    after = subprocess.run(
        [coop, "timeline", "--after", "2021-09"], capture_output=True, text=True, check=False
    )
    assert after.returncode == 2 and "use --from" in after.stderr


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_timeline_of_a_person_whole_output(run: Run, columns: int) -> None:
    check_whole_output(
        run,
        f"timeline-hrvp-{columns}",
        "timeline",
        "--person",
        "hrvp",
        columns=columns,
        terminal=True,
    )
    check_whole_output(run, "timeline-hrvp", "timeline", "--person", "hrvp")  # piped


# --- by thing: any name of a person, a body --------------------------------------------


def test_borrell_and_hrvp_are_one_person(run: Run) -> None:
    borrell = run.json("timeline", "--person", "borrell")
    assert borrell and borrell == run.json("timeline", "--person", "hrvp")
    assert (
        run("timeline", "--person", "borrell").stdout == run("timeline", "--person", "HRVP").stdout
    )
    assert all("HRVP" in [*r["people"], *r["counterparts"]] for r in borrell)


def test_timeline_by_body_keeps_the_events_whose_fields_name_it(run: Run) -> None:
    italy = run.json("timeline", "--body", "italy")
    assert [r["fact"] for r in italy] == ["tunisia/visit-2021-05"]  # through its minister
    commission = run.json("timeline", "--body", "european commission")
    assert {"tunisia/visit-2021-05", "nigeria/call-2021-06-22"} <= {r["fact"] for r in commission}
    assert all(r["type"] == "event" for r in commission)
    # repeated: any of them
    either = run.json("timeline", "--body", "italy", "--body", "spain")
    assert [r["fact"] for r in either] == ["mauritania/visit-2020-09", "tunisia/visit-2021-05"]
    assert run.json("timeline", "--body", "frontex") == []  # no event names Frontex
    result = run("timeline", "--body", "xyzzy", code=2)
    assert "no body matches 'xyzzy'; `coop bodies` shows them all" in result.stderr
