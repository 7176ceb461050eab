"""`coop diff`: what changed between two editions; its lines, JSON and errors."""

from __future__ import annotations

from pathlib import Path

from conftest import DATA, TEST_DATA, Run


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
    broken = TEST_DATA / "broken" / "bad_vocabulary.toml"
    result = run("diff", str(DATA), str(broken), code=1)
    assert "tunisia.agreements[0].status" in result.stderr
