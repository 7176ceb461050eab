"""`coop agreements`: the agreements by status and kind; its table, JSON and errors."""

from __future__ import annotations

import re

import pytest

from coopcli import vocab

from conftest import Run, check_whole_output


def test_agreements_filter_by_status_matches_the_source(run: Run) -> None:
    rows = run.json("agreements", "--status", "negotiating")
    assert [(r["country"], r["kind"]) for r in rows] == [("nigeria", "readmission")]
    rows = run.json("agreements", "--status", "rounds_held")
    assert [(r["country"], r["kind"]) for r in rows] == [
        ("tunisia", "readmission"),
        ("tunisia", "visa_facilitation"),
    ]
    assert all({"country", "kind", "status", "title", "source"} <= r.keys() for r in rows)


def test_agreements_repeated_flags_mean_any_of(run: Run) -> None:
    rows = run.json(
        "agreements",
        "--status",
        "in_place",
        "--status",
        "on_hold",
        "--kind",
        "readmission",
        "--kind",
        "joint_declaration",
    )
    assert [(r["country"], r["kind"], r["status"]) for r in rows] == [
        ("afghanistan", "joint_declaration", "on_hold"),
        ("pakistan", "readmission", "in_place"),
    ]


def test_readmission_agreement_in_place_only_with_pakistan(run: Run) -> None:
    rows = run.json("agreements", "--kind", "readmission", "--status", "in_place")
    assert [row["country"] for row in rows] == ["pakistan"]
    assert rows[0]["milestones"][0]["date"] == "2010"


def test_agreements_unknown_status_lists_the_valid_values(run: Run) -> None:
    result = run("agreements", "--status", "signed", code=2)
    for status in vocab.AGREEMENT_STATUSES:
        assert status in result.stderr


def test_agreements_table_has_labels(run: Run) -> None:
    out = run("agreements", "--country", "morocco").stdout
    assert "Mandate to negotiate" in out and "Mobility Partnership" in out


def test_agreements_whole_output_at_80_columns(run: Run) -> None:
    check_whole_output(run, "agreements", "agreements")


@pytest.mark.parametrize(
    "args", [["agreements"], ["timeline"], ["show", "tunisia"], ["show", "western-balkans"]]
)
def test_the_inferred_footnote_keeps_its_command_on_one_line(run: Run, args: list[str]) -> None:
    out = run(*args, env={"COLUMNS": "80", "COOP_FORCE_TTY": "1"}).stdout
    footnote = out[out.index("* inferred:") :]
    assert re.search(r"`coop show [\w-]+ --sources`", footnote), footnote


def test_agreements_take_partners_as_arguments(run: Run) -> None:
    named = run.json("agreements", "tunisia", "MA")
    assert named == run.json("agreements", "--country", "tunisia", "--country", "morocco")
    assert {row["country"] for row in named} == {"tunisia", "morocco"}
    assert "did you mean 'morocco'" in run("agreements", "marocco", code=2).stderr


def test_agreements_by_framework(run: Run) -> None:
    rows = run.json("agreements", "--framework", "mobility partnership", "--kind", "readmission")
    assert [row["country"] for row in rows] == ["morocco", "tunisia"]


# --- where the answer is held elsewhere: notes on stderr --------------------------------


def test_iraqs_agreement_is_a_framework_and_the_note_says_where(run: Run) -> None:
    result = run("agreements", "iraq")
    assert result.stdout == "No agreement matches.\n"
    assert result.stderr == (
        "Iraq: no agreement with the EU is listed; its cooperation runs under the Partnership"
        " and Cooperation Agreement, held as a framework: see"
        " `coop frameworks partnership-cooperation-agreement`\n"
    )
    as_json = run("agreements", "iraq", "--json")
    assert as_json.stdout == "[]\n" and as_json.stderr == result.stderr
    framework = run.json("frameworks", "partnership-cooperation-agreement")
    assert [m["country"] for g in framework for m in g["members"]] == ["iraq"]


def test_readmission_points_to_the_return_procedures(run: Run) -> None:
    result = run("agreements", "--kind", "readmission")
    assert result.stdout.strip()  # the agreements, then the note
    note = "no readmission agreement, but return procedures agreed: see"
    (line,) = [line for line in result.stderr.splitlines() if note in line]
    procedures = run.json("agreements", "--kind", "return_procedures")
    assert line.split(":")[0].split(", ") == list(dict.fromkeys(r["country"] for r in procedures))


def test_an_answer_that_is_whole_has_no_note(run: Run) -> None:
    assert run("agreements", "tunisia").stderr == ""
