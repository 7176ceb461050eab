"""The third fact-check's corrections, each as a rule the tests hold for every partner.

Each item of the fact-check is fixed where it was found and its rule applied to every
partner; a test here checks the rule across the whole dataset (through the CLI, as a
user reads it) and pins the corrected value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import Run

MEETING_KINDS = ("dialogue", "joint_body", "ministerial")
"""Framework kinds that meet: an event quoting one is a meeting of it."""


def _squashed(text: str) -> str:
    """Case and whitespace aside ("EU- Pakistan" is "EU-Pakistan")."""
    return "".join(text.split()).casefold()


def _said(value: str, quote: str) -> bool:
    return _squashed(value) in _squashed(quote)


@pytest.fixture
def partners(run: Run) -> list[dict[str, Any]]:
    """Every partner as `coop export --format json` gives it."""
    document = json.loads(run("export", "--format", "json").stdout)
    found: list[dict[str, Any]] = document["partners"]
    assert len(found) == 14
    return found


def _events(partners: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for partner in partners:
        for event in partner["events"]:
            yield partner["id"], event


def _inferred(fact: dict[str, Any], field: str) -> bool:
    return field in (fact["inferred"] or {})


# --- 4, 5 (and 1): counterparts hold whom the EU met, called or chaired a council with ---

WHOM = re.compile(r"\bmet with\b|\bcall between\b|\bchaired\b.*\bwith\b")


def test_every_event_that_says_with_whom_has_its_counterparts(
    partners: list[dict[str, Any]],
) -> None:
    with_whom = []
    for partner_id, event in _events(partners):
        for counterpart in event["counterparts"]:
            assert _said(counterpart, event["source"]) or _inferred(event, "counterparts"), (
                partner_id,
                counterpart,
            )
        if WHOM.search(event["source"]):
            assert event["counterparts"], (partner_id, event["title"])
            with_whom.append(partner_id)
    assert sorted(with_whom) == ["iraq", "nigeria", "western-balkans", "western-balkans"]


def test_4_5_the_iraqi_committee_and_minister_onyeama_are_counterparts(run: Run) -> None:
    committee = "Iraqi National Committee on Migration, Return and Readmission Cooperation"
    iraq = run.json("show", "iraq")["events"]
    assert [e["counterparts"] for e in iraq if e["kind"] == "meeting"] == [
        [committee],
        [committee],
    ]
    assert set(iraq[2]["inferred"]) == {"bodies", "counterparts"}  # "such meetings"
    (call,) = [e for e in run.json("show", "nigeria")["events"] if e["kind"] == "call"]
    assert call["counterparts"] == ["Nigerian Minister of Foreign Affairs Onyeama"]
    (hit,) = run.json("search", "onyeama")
    assert "counterparts[0]" in hit["fields"]


# --- 1, 11: bodies are named in the source's words; a meeting of a framework names it ---


def test_every_body_is_in_its_quote_and_every_meeting_names_its_framework(
    partners: list[dict[str, Any]],
) -> None:
    named = []
    for partner in partners:
        meeting = [f["name"] for f in partner["frameworks"] if f["kind"] in MEETING_KINDS]
        for event in partner["events"]:
            for body in event["bodies"]:
                assert _said(body, event["source"]) or _inferred(event, "bodies"), body
            for name in meeting:
                if _said(name, event["source"]):
                    assert name in event["bodies"], (partner["id"], event["title"], name)
                    named.append((partner["id"], name))
    assert len(named) == 8
    assert {p for p, _ in named} == {
        "morocco",
        "algeria",
        "turkey",
        "western-balkans",
        "nigeria",
        "pakistan",
        "iraq",
    }


def test_1_the_association_councils_are_the_sources_words(run: Run) -> None:
    councils = [e for e in run.json("show", "western-balkans")["events"] if e["kind"] == "council"]
    assert [(e["bodies"], e["counterparts"]) for e in councils] == [
        (["Stabilisation and Association Councils"], ["Albania"]),
        (["Stabilisation and Association Councils"], ["Bosnia and Herzegovina"]),
    ]
    assert all(e["inferred"] is None for e in councils)


# --- 16: a quote naming two frameworks gives two frameworks ---------------------------


def test_16_pakistan_joint_commission_and_engagement_plan_are_two_frameworks(
    run: Run,
) -> None:
    frameworks = run.json("show", "pakistan")["frameworks"]
    assert [(f["id"], f["name"], f["kind"]) for f in frameworks[:2]] == [
        ("eu-pakistan-joint-commission", "EU-Pakistan Joint Commission", "joint_body"),
        ("strategic-engagement-plan", "Strategic Engagement Plan", "cooperation_agreement"),
    ]
    assert frameworks[0]["source"] == frameworks[1]["source"]
    assert list(frameworks[1]["inferred"]) == ["kind"]
    (group,) = run.json("frameworks", "strategic engagement")
    assert group["countries"] == ["pakistan"]


def test_no_framework_name_joins_two_frameworks(partners: list[dict[str, Any]]) -> None:
    """A name made of two names the source gives ("X and the Y") is two frameworks."""
    names = {f["name"] for p in partners for f in p["frameworks"]}
    joined = [n for n in names if any(f" and the {other}" in n for other in names)]
    assert joined == []


# --- 2, 3: a milestone's kind and an agency's stage are said by the quote, or flagged --

MILESTONE_WORDS = {
    "mandate": ("mandate",),
    "negotiations": ("negotiations",),
    "relaunched": ("relaunched",),
    "signed": ("signed",),
    "concluded": ("concluded",),
    "in_place": ("in place", "since"),
}
STAGE_WORDS = {
    "beginning": ("beginning",),
    "some": ("some",),
    "ongoing": ("ongoing", "on-going"),
    "advancing": ("advancing",),
}


def test_every_milestone_kind_is_said_by_its_quote_or_flagged(
    partners: list[dict[str, Any]],
) -> None:
    flagged = []
    for partner in partners:
        for agreement in partner["agreements"]:
            for milestone in agreement["milestones"]:
                words = MILESTONE_WORDS[milestone["kind"]]
                if not any(word in milestone["source"].casefold() for word in words):
                    assert _inferred(milestone, "kind"), (partner["id"], milestone)
                    flagged.append((partner["id"], agreement["kind"], milestone["date"]))
    assert flagged == [("turkey", "statement", "2016-03")]


def test_every_agency_stage_is_said_by_its_quote_or_flagged(
    partners: list[dict[str, Any]],
) -> None:
    flagged = []
    for partner in partners:
        for agency in partner["agencies"]:
            words = STAGE_WORDS[agency["stage"]]
            if not any(word in agency["source"].casefold() for word in words):
                assert _inferred(agency, "stage"), (partner["id"], agency)
                flagged.append(partner["id"])
    assert flagged == ["turkey"]


def test_2_3_turkey_statement_date_and_agency_stage_are_marked_inferred(run: Run) -> None:
    rows = run.json("timeline", "--country", "turkey", "--kind", "in_place")
    assert [(r["date"], list(r["inferred"])) for r in rows] == [("2016-03", ["kind"])]
    assert "Statement's own date" in rows[0]["inferred"]["kind"]
    (agency,) = run.json("show", "turkey")["agencies"]
    assert (agency["stage"], list(agency["inferred"])) == ("ongoing", ["stage"])
    assert "EU agencies: cooperation in place*" in run("show", "turkey").stdout
