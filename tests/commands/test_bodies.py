"""`coop bodies`: the bodies and states the source names, each with the facts whose fields
name it and those that name it only in their quote; its table, details, JSON and errors."""

from __future__ import annotations

import csv
import io

import pytest

from conftest import Run, check_whole_output

THING_KEYS = ["id", "kind", "name", "written", "aliases", "office", "of", "reason", "identified"]


def test_europol_is_named_by_two_partners_and_quoted_by_a_third_fact(run: Run) -> None:
    (europol,) = run.json("bodies", "europol")
    assert list(europol) == [*THING_KEYS, "facts", "mentions"]
    assert (europol["id"], europol["kind"], europol["name"]) == ("europol", "eu_agency", "Europol")
    assert [(f["fact"], f["fields"]) for f in europol["facts"]] == [
        ("morocco/europol", ["name"]),
        ("tunisia/europol", ["name"]),
    ]
    assert [(m["fact"], m["fields"]) for m in europol["mentions"]] == [
        ("morocco/frontex", ["source"])
    ]
    # the mention is the source's: Frontex's quote names Europol, no field of it does
    frontex = run.json("show", "morocco/frontex")
    assert "Europol" in frontex["source"] and "Europol" not in frontex["name"]


def test_the_details_of_a_body_group_its_facts_by_partner_then_its_quotes(run: Run) -> None:
    out = run("bodies", "europol", env={"COLUMNS": "80"}).stdout
    assert out.splitlines() == [
        "Europol  EU agency",
        "  also: European Union Agency for Law Enforcement Cooperation",
        "  Morocco (morocco)",
        "    EU agency: Europol",
        "  Tunisia (tunisia)",
        "    EU agency: Europol",
        "  mentioned only in the quote of:",
        "    Morocco (morocco)",
        "      EU agency: Frontex",
        "",
        "1 body",
    ]
    assert "\x1b" not in out  # piped: no colour, no box


def test_an_events_line_says_which_of_its_fields_name_the_body(run: Run) -> None:
    out = run("bodies", "iraqi national committee", env={"COLUMNS": "120"}).stdout
    assert out.startswith(
        "Iraqi National Committee on Migration, Return and Readmission Cooperation"
        "  A partner's own body, of Iraq\n"
    )
    assert "(bodies, counterparts)" in out


def test_every_body_is_listed_once_with_its_kind_and_only_bodies(run: Run) -> None:
    rows = run.json("bodies")
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert {"frontex", "europol", "iom", "lithuania", "italy", "spain"} <= set(ids)
    assert {row["kind"] for row in rows} & {"person", "framework"} == set()
    people = {row["id"] for row in run.json("people")}
    assert people.isdisjoint(ids)


def test_the_table_piped_is_a_line_per_body(run: Run) -> None:
    rows = run.json("bodies")
    lines = run("bodies").stdout.splitlines()
    assert len(lines) == len(rows)
    assert lines[[r["id"] for r in rows].index("europol")] == (
        "Europol\tEU agency\tmorocco tunisia\tmorocco"
    )


def test_csv_names_the_facts(run: Run) -> None:
    table = list(csv.DictReader(io.StringIO(run("bodies", "--format", "csv").stdout)))
    europol = next(row for row in table if row["id"] == "europol")
    assert europol["facts"] == "morocco/europol; tunisia/europol"
    assert europol["mentions"] == "morocco/frontex"
    assert list(table[0]) == ["id", "name", "kind", "written", "aliases", "of", "facts", "mentions"]


@pytest.mark.parametrize(("name", "expected"), [("iom", "iom"), ("IOM", "iom"),
                         ("international organization", "iom"), ("italy", "italy")])  # fmt: skip
def test_a_body_is_found_by_any_of_its_names(run: Run, name: str, expected: str) -> None:
    assert [row["id"] for row in run.json("bodies", name)] == [expected]


def test_an_unknown_body_is_a_usage_error_that_says_where_to_look(run: Run) -> None:
    result = run("bodies", "nosuch", code=2)
    assert "no body matches 'nosuch'; `coop bodies` shows them all" in result.stderr
    assert result.stdout == ""
    assert "did you mean 'europol'" in run("bodies", "europl", code=2).stderr
    # a person is no body
    assert "no body matches 'johansson'" in run("bodies", "johansson", code=2).stderr


@pytest.mark.parametrize("columns", [60, 80])
def test_bodies_table_on_a_terminal_whole_output(run: Run, columns: int) -> None:
    check_whole_output(run, f"bodies-{columns}", "bodies", columns=columns, terminal=True)


@pytest.mark.parametrize(("name", "args"), [("bodies", ["bodies"]),
                         ("bodies-frontex", ["bodies", "frontex"])])  # fmt: skip
def test_bodies_whole_output(run: Run, name: str, args: list[str]) -> None:
    check_whole_output(run, name, *args)


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "piped"])
def test_the_details_fit_their_width_and_keep_their_indent(
    run: Run, columns: int, terminal: bool
) -> None:
    env = {"COLUMNS": str(columns), **({"COOP_FORCE_TTY": "1"} if terminal else {})}
    out = run("bodies", "commission", env=env).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= columns and "\x1b" not in out
    assert lines[0] == "European Commission  EU institution"
    # a wrapped title stays under its line's start
    events = lines[lines.index("  Tunisia (tunisia)") + 1 :]
    assert all(line.startswith("    ") for line in events[:3])


def test_a_field_coop_read_is_marked_where_it_names_the_body(run: Run) -> None:
    """The committee of Iraq's planned meetings is coop's reading of "such meetings": the
    fields naming it carry `*`, as an inferred value does in every view, with the legend."""
    out = " ".join(run("bodies", "iraqi national committee", env={"COLUMNS": "200"}).stdout.split())
    assert "(bodies, counterparts)" in out  # the meeting of July: the source's words
    assert "(bodies*, counterparts*)" in out
    assert "* inferred: coop's reading, not the source's words;" in out
