"""`coop diff`: what changed between two editions; its lines, JSON and errors."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from coopcli.vocab import AREAS, CHANGE_KINDS
from make_dataset import layout_3

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
    out = run("diff", str(DATA), str(new), env={"COOP_FORCE_TTY": "1"}).stdout
    assert "nigeria: status: Readmission agreement (negotiating -> in_place)" in out
    piped = run("diff", str(DATA), str(new)).stdout
    assert "nigeria\tstatus\tReadmission agreement\tnegotiating -> in_place\n" in piped


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
    assert set(forward + backward) == set(_KINDS_OF_0_3)


_KINDS_OF_0_3 = (
    "partner_added",
    "partner_removed",
    "agreement_added",
    "agreement_removed",
    "status_changed",
    "area_gained",
    "area_lost",
    "event_added",
    "event_removed",
)
"""The kinds of change of coop 0.3, which the minimal editions make, in both directions."""


_FACT_CHANGES = {
    "frameworks": ("name", "a renamed framework"),
    "agreements": ("title", "A retitled agreement"),
    "milestones": ("date", "2012"),
    "events": ("title", "A retitled event"),
    "areas": ("source", "a corrected quote"),
    "agencies": ("stage", "some"),
    "notes": ("title", "A retitled note"),
}
"""Kinds of change the minimal editions (which have no ids of their own) do not make:
one field of a fact changed, by section."""


def _sections(partner: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    milestones = [m for a in partner.get("agreements", []) for m in a.get("milestones", [])]
    return {
        **{s: partner.get(s, []) for s in _FACT_CHANGES if s != "milestones"},
        "milestones": milestones,
    }


def test_diff_matches_facts_by_id_in_every_section(run: Run, tmp_path: Path) -> None:
    """In each section, a fact changed, one removed and one added (an edition of the
    shipped data): one row each, naming the fact."""
    document = tomllib.loads(DATA.read_text(encoding="utf-8"))
    layout_3(document)  # a file of layout 3: the new facts' names need no thing
    before = tmp_path / "before.toml"
    before.write_text(tomli_w.dumps(document), encoding="utf-8")
    expected = set()
    for section, (field, value) in _FACT_CHANGES.items():
        partner = next(p for p in document["partners"] if len(_sections(p)[section]) >= 2)
        facts = _sections(partner)[section]
        changed, removed = facts[0], facts[-1]
        changed[field] = value
        added = {**copy.deepcopy(changed), "id": f"new-{section}"}
        if section == "areas":
            added["id"] = next(a for a in AREAS if a not in {f["id"] for f in facts})
        if section == "milestones":
            agreement = next(a for a in partner["agreements"] if removed in a["milestones"])
            agreement["milestones"].remove(removed)
            next(a for a in partner["agreements"] if a["milestones"])["milestones"].append(added)
        else:
            facts.remove(removed)
            facts.append(added)
        singular = {"agencies": "agency"}.get(section, section[:-1])
        name = partner["id"] + "/"
        # an agreement removed takes its dated steps with it
        expected |= {("milestone_removed", name + m["id"]) for m in removed.get("milestones", [])}
        expected |= {
            (f"{singular}_{'lost' if section == 'areas' else 'removed'}", name + removed["id"]),
            (f"{singular}_{'gained' if section == 'areas' else 'added'}", name + added["id"]),
            (f"{singular}_changed", name + changed["id"]),
        }
    edition = tmp_path / "edition.toml"
    edition.write_text(tomli_w.dumps(document), encoding="utf-8")
    changes = run.json("diff", str(before), str(edition))
    assert {(c["change"], c["fact"]) for c in changes} == expected
    assert len(changes) == len(expected)
    assert {c["change"] for c in changes} | set(_KINDS_OF_0_3) == set(CHANGE_KINDS)
    milestone = next(c for c in changes if c["change"] == "milestone_changed")
    assert (milestone["old"], milestone["new"]) == ({"date": "2014"}, {"date": "2012"})


def test_a_corrected_event_date_is_one_change_of_one_fact(run: Run, tmp_path: Path) -> None:
    text = DATA.read_text(encoding="utf-8")
    marker = 'id = "visit-2021-09-09"\n'
    start = text.index(marker)
    corrected = text[:start] + text[start:].replace('date = "2021-09-09"', 'date = "2021-09-08"', 1)
    edition = tmp_path / "edition.toml"
    edition.write_text(corrected, encoding="utf-8")
    [change] = run.json("diff", str(DATA), str(edition))
    assert change == {
        "change": "event_changed",
        "country": "tunisia",
        "fact": "tunisia/visit-2021-09-09",
        "subject": "HRVP visits Tunisia",
        "old": {"date": "2021-09-09"},
        "new": {"date": "2021-09-08"},
        "source": "HRVP visited Tunisia on 9-10 September",
    }
    out = run("diff", str(DATA), str(edition), env={"COOP_FORCE_TTY": "1"}).stdout
    assert out == ("tunisia: event changed: HRVP visits Tunisia (date 2021-09-09 -> 2021-09-08)\n")


FACT_CHECK_CHANGES = [
    ("event_changed", "morocco/dialogue-in-the-coming-months"),
    ("status_changed", "tunisia/readmission"),
    ("agreement_changed", "tunisia/readmission"),
    ("status_changed", "tunisia/visa-facilitation"),
    ("agreement_changed", "tunisia/visa-facilitation"),
    ("event_changed", "algeria/dialogue-2020-07-01"),
    ("framework_changed", "libya/emergency-transit-mechanism"),
    ("milestone_changed", "turkey/statement-in-place-2016"),
    ("event_changed", "turkey/dialogue-in-the-course-of-the-autumn"),
    ("agency_changed", "turkey/eu-agencies"),
    ("event_changed", "western-balkans/council-2021-03"),
    ("event_changed", "western-balkans/council-2021-07"),
    ("framework_changed", "mauritania/rabat-process"),
    ("area_changed", "mauritania/awareness"),
    ("note_added", "mauritania/focus-link-creation-with-the"),
    ("agreement_changed", "nigeria/common-agenda"),
    ("area_changed", "nigeria/legal_migration"),
    ("event_changed", "nigeria/call-2021-06-22"),
    ("note_added", "nigeria/focus-student-mobility"),
    ("framework_changed", "niger/au-eu-un-task-force"),
    ("note_added", "niger/project-joint-investigation-teams-against"),
    ("note_added", "niger/project-reception-centres-for-vulnerable"),
    ("agreement_changed", "afghanistan/joint-declaration"),
    ("framework_changed", "afghanistan/capd-working-group-human-rights-governance-migration"),
    ("framework_added", "afghanistan/cooperation-agreement-partnership-development"),
    ("framework_changed", "afghanistan/ssar-support-platform"),
    ("note_added", "afghanistan/project-community-development-projects-in"),
    ("framework_changed", "pakistan/eu-pakistan-joint-commission"),
    ("framework_added", "pakistan/strategic-engagement-plan"),
    ("framework_changed", "pakistan/ssar-support-platform"),
    ("event_changed", "iraq/meeting-2021-07-30"),
    ("event_changed", "iraq/meeting-undated"),
]
"""What the third fact-check (0.4) changed in 0.3's data, fact by fact."""


def test_0_3_and_0_4s_data_differ_only_in_the_fact_checks_corrections(run: Run) -> None:
    """The ids derived for 0.3's file are 0.4's, so every fact 0.3 had is matched: nothing
    is removed, and each change is one of the fact-check's corrections. (0.4's shipped data
    is frozen in tests/data, so that later editions of the data do not rewrite history.)"""
    old, new = TEST_DATA / "countries-0.3.toml", TEST_DATA / "countries-0.4.toml"
    rows = run.json("diff", str(old), str(new))
    assert [(row["change"], row["fact"]) for row in rows] == FACT_CHECK_CHANGES


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [("diff-minimal", MINIMAL, EDITED), ("diff-minimal-reversed", EDITED, MINIMAL)],
)
def test_diff_whole_output_at_80_columns(run: Run, name: str, old: Path, new: Path) -> None:
    check_whole_output(run, name, "diff", str(old), str(new))


def test_diff_wraps_a_long_change_with_a_hanging_indent(run: Run) -> None:
    env = {"COLUMNS": "80", "COOP_FORCE_TTY": "1"}
    lines = run("diff", str(MINIMAL), str(EDITED), env=env).stdout.splitlines()
    starts = ("tunisia: ", "niger: ", "morocco: ", " ")
    assert [line for line in lines if not line.startswith(starts)] == []
