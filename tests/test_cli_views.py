"""The analyst's views (timeline, areas, frameworks, compare, diff) and output formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import DATA, Run


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
    assert all(r["planned"] for r in undated)
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


def test_areas_matrix_json_and_table(run: Run) -> None:
    rows = run.json("areas")
    assert [r["id"] for r in rows][:3] == ["protection", "governance", "irregular_migration"]
    by_id = {r["id"]: r for r in rows}
    assert by_id["resettlement"]["countries"] == ["turkey"]
    assert by_id["search_rescue"]["countries"] == ["libya", "niger"]
    assert by_id["smuggling"]["label"] == "Migrant smuggling"
    out = run("areas", env={"COLUMNS": "80"}).stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "MAR TUN DZA LBY TUR WB" in out
    assert "All areas" in out


def test_areas_matrix_fits_80_columns_on_a_terminal(run: Run) -> None:
    out = run("areas", env={"COLUMNS": "80", "FORCE_COLOR": "1"}).stdout
    import re

    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert max(len(line) for line in plain.splitlines()) <= 80
    assert "\u25cf" in plain


def test_areas_id_lists_partners_with_quotes(run: Run) -> None:
    rows = run.json("areas", "search_rescue")
    assert [(r["country"], r["source"]) for r in rows] == [
        ("libya", "saving lives at sea."),
        ("niger", "search and rescue operations in the desert"),
    ]
    assert "saving lives at sea." in run("areas", "search_rescue").stdout


def test_frameworks_groups_the_budapest_process(run: Run) -> None:
    groups = {g["name"]: g for g in run.json("frameworks")}
    assert groups["Budapest Process"]["countries"] == [
        "afghanistan",
        "pakistan",
        "iraq",
        "bangladesh",
    ]
    assert groups["Rabat Process"]["countries"] == ["morocco", "mauritania", "niger"]
    assert groups["Mobility Partnership"]["countries"] == ["morocco", "tunisia"]
    assert groups["Common Agenda on Migration and Mobility"]["countries"] == ["ethiopia", "nigeria"]
    assert all({"name", "kind", "countries"} <= g.keys() for g in groups.values())


def test_frameworks_by_name_shows_each_member_and_its_quote(run: Run) -> None:
    (group,) = run.json("frameworks", "budapest")
    assert group["id"] == "budapest-process"
    out = run("frameworks", "budapest").stdout
    assert "in principle" in out and "Bangladesh participates in the Budapest Process." in out
    result = run("frameworks", "budapets", code=2)
    assert "did you mean 'budapest-process'" in result.stderr


def test_compare_two_partners(run: Run) -> None:
    result = run.json("compare", "morocco", "tunisia")
    assert result["countries"] == ["morocco", "tunisia"]
    assert result["areas"]["common"] == [
        "irregular_migration",
        "smuggling",
        "border_management",
        "return_readmission",
        "legal_migration",
    ]
    assert result["areas"]["only"] == {
        "morocco": ["protection", "governance", "trafficking"],
        "tunisia": [],
    }
    assert result["frameworks"]["shared"] == ["mobility-partnership"]
    assert [a["status"] for a in result["agreements"]["tunisia"]] == [
        "negotiating",
        "negotiating",
        "in_place",
    ]
    assert result["last_event"]["tunisia"]["date"] == "2021-09-09"
    assert result["next_event"]["morocco"]["when"] == "in the coming months"
    assert result["next_event"]["tunisia"] is None
    out = run("compare", "morocco", "tunisia").stdout
    assert "Areas in common" in out and "Mobility Partnership" in out


def test_compare_needs_two_different_partners(run: Run) -> None:
    assert "two different partners" in run("compare", "tunisia", "TN", code=2).stderr
    assert "did you mean" in run("compare", "tunisia", "marocco", code=2).stderr


def test_show_sources_puts_the_quote_under_each_fact(run: Run) -> None:
    out = " ".join(run("show", "turkey", "--sources").stdout.split())
    assert "It also fosters resettlements from Turkey" in out
    assert "The March 2016 EU-Turkey Statement provides the overall framework" in out


def test_diff_of_identical_files_prints_nothing(run: Run) -> None:
    assert run("diff", str(DATA), str(DATA)).stdout == ""
    assert run("diff", str(DATA), str(DATA), "--json").stdout.strip() == "[]"


def test_diff_finds_a_status_change_an_area_and_an_event(run: Run, tmp_path: Path) -> None:
    text = DATA.read_text(encoding="utf-8")
    start = text.index('id = "nigeria"')
    edited = text[:start] + text[start:].replace('status = "negotiating"', 'status = "in_place"', 1)
    edited = edited.replace(
        '[[partners.areas]]\nid = "resettlement"\nsource = "It also fosters resettlements from Turkey"\n\n',
        "",
    )
    edited += '\n[[partners.events]]\nkind = "visit"\ntitle = "A new visit"\ndate = "2022-01"\nsource = "Bangladesh participates in the Budapest Process."\n'
    new = tmp_path / "new.toml"
    new.write_text(edited, encoding="utf-8")
    changes = run.json("diff", str(DATA), str(new))
    assert [(c["country"], c["change"], c["old"], c["new"]) for c in changes] == [
        ("turkey", "area_lost", "resettlement", None),
        ("nigeria", "status_changed", "negotiating", "in_place"),
        ("bangladesh", "event_added", None, "2022-01"),
    ]
    out = run("diff", str(DATA), str(new)).stdout
    assert "nigeria: status: Readmission agreement (negotiating -> in_place)" in out


def test_diff_validates_both_files_first(run: Run) -> None:
    broken = Path(__file__).parent / "data" / "broken" / "bad_vocabulary.toml"
    result = run("diff", str(DATA), str(broken), code=1)
    assert "tunisia.agreements[0].status" in result.stderr


@pytest.mark.parametrize(
    "command",
    [["list"], ["agreements"], ["search", "visit"], ["timeline"], ["areas"], ["frameworks"]],
)
def test_every_listing_speaks_every_format(run: Run, command: list[str]) -> None:
    as_json = run(*command, "--format", "json").stdout
    rows = json.loads(as_json)
    assert rows == json.loads(run(*command, "--json").stdout)
    lines = run(*command, "--format", "ndjson").stdout.splitlines()
    assert [json.loads(line) for line in lines] == rows
    table = list(csv.DictReader(io.StringIO(run(*command, "--format", "csv").stdout, newline="")))
    assert len(table) == len(rows)
    first_key = next(iter(rows[0]))
    assert [r[first_key] for r in table] == [str(r[first_key]) for r in rows]
    assert run(*command, "--format", "table").stdout.strip()


def test_csv_joins_lists_with_semicolons(run: Run) -> None:
    table = list(csv.DictReader(io.StringIO(run("areas", "--format", "csv").stdout, newline="")))
    assert next(r for r in table if r["id"] == "search_rescue")["countries"] == "libya; niger"


def test_show_and_compare_refuse_listing_formats(run: Run) -> None:
    assert "unknown format 'csv'" in run("show", "tunisia", "--format", "csv", code=2).stderr
    assert "unknown format" in run("compare", "tunisia", "morocco", "-f", "ndjson", code=2).stderr
