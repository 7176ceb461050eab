"""`coop diff`: what changed between two editions; its lines, JSON and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopcli.vocab import CHANGE_KINDS

from conftest import DATA, TEST_DATA, Run, check_whole_output

MINIMAL = TEST_DATA / "minimal.toml"
EDITED = TEST_DATA / "minimal-edited.toml"
"""The minimal dataset with one change of every kind: read one way, then the other."""


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
    edited += '\n[[partners.events]]\nid = "visit-2022-01"\nkind = "visit"\ntitle = "A new visit"\ndate = "2022-01"\nsource = "Bangladesh participates in the Budapest Process."\n'
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
    broken = TEST_DATA / "broken" / "bad_vocabulary.toml"
    result = run("diff", str(DATA), str(broken), code=1)
    assert "tunisia.agreements[0].status" in result.stderr


def test_diff_reports_every_kind_of_change(run: Run) -> None:
    forward = [c["change"] for c in run.json("diff", str(MINIMAL), str(EDITED))]
    backward = [c["change"] for c in run.json("diff", str(EDITED), str(MINIMAL))]
    assert forward == [
        "partner_added",
        "status_changed",
        "agreement_added",
        "area_gained",
        "event_added",
        "event_removed",
        "partner_removed",
    ]
    assert set(forward + backward) == set(CHANGE_KINDS)


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [("diff-minimal", MINIMAL, EDITED), ("diff-minimal-reversed", EDITED, MINIMAL)],
)
def test_diff_whole_output_at_80_columns(run: Run, name: str, old: Path, new: Path) -> None:
    check_whole_output(run, name, "diff", str(old), str(new))


def test_diff_wraps_a_long_change_with_a_hanging_indent(run: Run) -> None:
    lines = run("diff", str(MINIMAL), str(EDITED), env={"COLUMNS": "80"}).stdout.splitlines()
    starts = ("tunisia: ", "niger: ", "morocco: ", " ")
    assert [line for line in lines if not line.startswith(starts)] == []
