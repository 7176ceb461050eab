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

from coopcli.proof import normalise
from test_source_quotes import partner_sections

from conftest import REPO, Run

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
    "procedures_agreed": ("procedures of this scheme have been agreed",),
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


def _sections(source_text: str, partners: list[dict[str, Any]]) -> dict[str, str]:
    """Each partner's paragraph of the source (normalised), by partner id."""
    by_name = partner_sections(source_text, [p["name"] for p in partners])
    return {p["id"]: by_name[p["name"]] for p in partners}


def _spans(text: str, part: str) -> Iterator[range]:
    start = text.find(part)
    while start != -1:
        yield range(start, start + len(part))
        start = text.find(part, start + 1)


# --- 6: a named agreement that frames cooperation is a framework of its own ----------


def test_every_agreement_the_text_names_is_a_framework_or_an_agreement(
    partners: list[dict[str, Any]], source_text: str
) -> None:
    """Each "Agreement" of a partner's paragraph lies inside the name of one of its
    frameworks or the title of one of its agreements."""
    sections = _sections(source_text, partners)
    seen = []
    for partner in partners:
        text = sections[partner["id"]]
        names = [f["name"] for f in partner["frameworks"]]
        names += [a["title"] for a in partner["agreements"]]
        spans = [span for name in names for span in _spans(text, normalise(name))]
        for match in re.finditer(r"\bAgreement\b", text):
            assert any(match.start() in span for span in spans), (partner["id"], match)
            seen.append(partner["id"])
    assert seen == ["afghanistan", "iraq"]


def test_6_afghanistan_capd_is_a_framework_as_iraqs_agreement_is(run: Run) -> None:
    groups = {g["id"]: g for g in run.json("frameworks", "CAPD")}
    capd = groups["cooperation-agreement-partnership-development"]
    assert (capd["kind"], capd["countries"]) == ("cooperation_agreement", ["afghanistan"])
    (iraq,) = run.json("frameworks", "Partnership and Cooperation Agreement")
    assert iraq["kind"] == capd["kind"]
    working_group = groups["capd-working-group-human-rights-governance-migration"]
    assert working_group["name"] == "Working Group on Human Rights, Good Governance and Migration"


# --- 15: a qualifier of a sentence holds for every framework the sentence names ------


def _sentence(text: str, quote: str) -> str:
    start = text.index(normalise(quote))
    begin = text.rfind(". ", 0, start) + 1
    end = text.find(". ", start + len(normalise(quote)) - 1)
    return text[begin : len(text) if end == -1 else end]


def test_every_framework_of_an_in_principle_sentence_is_in_principle(
    partners: list[dict[str, Any]], source_text: str
) -> None:
    sections = _sections(source_text, partners)
    qualified = []
    for partner in partners:
        for framework in partner["frameworks"]:
            if "in principle" in _sentence(sections[partner["id"]], framework["source"]):
                # a qualifier, since the fourth fact-check (test_fourth_fact_check.py)
                assert "in principle" in framework["qualifiers"], framework["id"]
                qualified.append(framework["id"])
    assert qualified == [
        "budapest-process",
        "capd-working-group-human-rights-governance-migration",
        "cooperation-agreement-partnership-development",
    ]


def test_15_afghanistan_working_group_is_in_principle_too(run: Run) -> None:
    frameworks = run.json("show", "afghanistan")["frameworks"]
    assert [(f["id"], f["role"], f["qualifiers"]) for f in frameworks[:3]] == [
        ("budapest-process", None, ["in principle"]),
        ("capd-working-group-human-rights-governance-migration", None, ["in principle"]),
        ("cooperation-agreement-partnership-development", None, ["in principle"]),
    ]
    assert all(f["inferred"] is None for f in frameworks[:3])


# --- 7: the year of a role is data ---------------------------------------------------

YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def test_every_year_of_a_role_is_its_role_date_and_stated(
    partners: list[dict[str, Any]],
) -> None:
    dated = []
    for partner in partners:
        for framework in partner["frameworks"]:
            years = YEAR.findall(framework["role"] or "")
            assert years == ([framework["role_date"][:4]] if framework["role_date"] else [])
            if framework["role_date"]:
                assert framework["role_date"] in framework["source"] or _inferred(
                    framework, "role_date"
                )
                dated.append((partner["id"], framework["id"], framework["role_date"]))
    assert dated == [("afghanistan", "ssar-support-platform", "2021")]


def test_7_the_eu_chairs_the_ssar_core_group_in_2021(run: Run) -> None:
    frameworks = run.json("show", "afghanistan")["frameworks"]
    (ssar,) = [f for f in frameworks if f["id"] == "ssar-support-platform"]
    assert (ssar["role"], ssar["role_date"]) == ("EU chairs the Core group in 2021", "2021")
    (exported,) = json.loads(run("export", "--format", "json", "--country", "afghanistan").stdout)[
        "partners"
    ]
    assert exported["frameworks"][3]["role_date"] == "2021"


# --- 10: a name expanded from a short form is flagged; short forms are look-up names --

SHORT_FORM = re.compile(r"\(([A-Z]{2,})\)")

LOOK_UP_NAMES = [
    ("libya", "frameworks", "emergency-transit-mechanism", ["ETM"]),
    ("mauritania", "frameworks", "rabat-process", ["Rabat"]),
    ("nigeria", "agreements", "common_agenda", ["CAMM"]),
    ("afghanistan", "frameworks", "cooperation-agreement-partnership-development", ["CAPD"]),
    ("afghanistan", "frameworks", "ssar-support-platform", ["SSAR"]),
    ("afghanistan", "agreements", "joint_declaration", ["JDMC"]),
    ("pakistan", "frameworks", "ssar-support-platform", ["SSAR"]),
]


def test_every_framework_name_is_the_sources_or_flagged(
    partners: list[dict[str, Any]],
) -> None:
    flagged = []
    for partner in partners:
        for framework in partner["frameworks"]:
            if not _said(framework["name"], framework["source"]):
                assert _inferred(framework, "name"), (partner["id"], framework["name"])
                flagged.append((partner["id"], framework["id"]))
    assert flagged == [
        ("libya", "emergency-transit-mechanism"),
        ("mauritania", "rabat-process"),
    ]


def test_every_short_form_the_source_gives_is_a_look_up_name(
    partners: list[dict[str, Any]],
) -> None:
    found = []
    for partner in partners:
        facts = [("frameworks", f["id"], f["name"], f) for f in partner["frameworks"]]
        facts += [("agreements", a["kind"], a["title"], a) for a in partner["agreements"]]
        for section, fact_id, name, fact in facts:
            assert SHORT_FORM.findall(name) == [n for n in fact["names"] if f"({n})" in name], name
            for short in fact["names"]:
                assert short in fact["source"], short  # "ETM" of "the ETMs"
            if fact["names"]:
                found.append((partner["id"], section, fact_id, fact["names"]))
    assert found == LOOK_UP_NAMES


def test_10_one_task_force_in_two_wordings_is_flagged_once(run: Run) -> None:
    (group,) = run.json("frameworks", "au-eu-un-task-force")
    assert group["countries"] == ["libya", "niger"]
    libya, niger = group["members"]
    assert libya["inferred"] is None
    assert list(niger["inferred"]) == ["id"] and "Taskforce" in niger["inferred"]["id"]
    (rabat,) = [
        m for m in run.json("frameworks", "rabat")[0]["members"] if m["country"] == "mauritania"
    ]
    assert set(rabat["inferred"]) == {"id", "name"}


@pytest.mark.parametrize(
    ("wanted", "group"),
    [
        ("ETM", "emergency-transit-mechanism"),
        ("African Union", "au-eu-un-task-force"),
        ("camm", "common-agenda"),
        ("SSAR", "ssar-support-platform"),
    ],
)
def test_10_the_commands_find_a_framework_by_its_look_up_names(
    run: Run, wanted: str, group: str
) -> None:
    (found,) = run.json("frameworks", wanted)
    assert found["id"] == group
    names = {g["id"]: g["names"] for g in run.json("frameworks")}
    assert names["emergency-transit-mechanism"] == ["ETM"]
    assert names["au-eu-un-task-force"] == ["EU-African Union-UN Task Force"]
    assert names["rabat-process"] == ["Rabat"]


def test_10_search_finds_a_fact_by_its_look_up_names(run: Run) -> None:
    (hit,) = run.json("search", "jdmc")
    assert (hit["country"], hit["path"]) == ("afghanistan", "agreements[0]")
    assert "names[0]" in hit["fields"]
    hits = run.json("search", "capd")
    assert {h["path"] for h in hits} >= {"frameworks[1]", "frameworks[2]"}


# --- 8: what the source names as a project, centre, strategy or team is a project note -

UNDERTAKING = re.compile(r"\b(?:projects?|centres?|strategy|teams?)\b", re.IGNORECASE)


def test_every_project_centre_strategy_or_team_is_a_project_note(
    partners: list[dict[str, Any]], source_text: str
) -> None:
    """Each such word of a partner's paragraph lies in one of its project notes' quotes,
    or in the name of one of its frameworks (the SSAR's "Solutions Strategy")."""
    sections = _sections(source_text, partners)
    projects = []
    for partner in partners:
        text = sections[partner["id"]]
        notes = [n for n in partner["notes"] if n["kind"] == "project"]
        spans = [span for n in notes for span in _spans(text, normalise(n["source"]))]
        names = [span for f in partner["frameworks"] for span in _spans(text, f["name"])]
        for match in UNDERTAKING.finditer(text):
            assert any(match.start() in span for span in spans + names), (partner["id"], match)
        for note in notes:
            assert UNDERTAKING.search(note["source"]), note
            projects.append((partner["id"], note["title"]))
    assert projects == [
        (
            "nigeria",
            "Pilot projects on legal/labour migration to Europe, implemented by Lithuania and IOM",
        ),
        ("niger", "Joint Investigation Teams against migrant smuggling and trafficking"),
        ("niger", "Reception centres for vulnerable migrants"),
        ("afghanistan", "Community development projects in areas of high return/displacement"),
        ("pakistan", "Establishment of a Migrant Resource Centre"),
        ("iraq", "Elaboration of the Iraqi National Migration Strategy"),
        ("iraq", "Migrant Resource Centre"),
    ]


def test_8_search_finds_the_projects_as_notes(run: Run) -> None:
    hits = run.json("search", "projects")
    assert {(h["country"], h["section"]) for h in hits} >= {
        ("afghanistan", "notes"),
        ("nigeria", "notes"),
    }
    assert {h["country"] for h in run.json("search", "reception", "centres")} == {"niger"}


# --- 9, 12: an area needs a quote that names it; an item naming no area is a focus note -

AREA_WORDS = {
    "protection": ("protection",),
    "governance": ("governance", "management"),
    "irregular_migration": ("irregular migration",),
    "smuggling": ("smuggling",),
    "trafficking": ("trafficking",),
    "border_management": ("border management",),
    "return_readmission": ("return", "readmission", "reintegration"),
    "legal_migration": ("legal migration", "legal/labour migration"),
    "root_causes": ("root causes",),
    "asylum": ("asylum",),
    "displacement": ("refugee", "idps", "displace"),
    "data": ("data",),
    "search_rescue": ("search and rescue",),
    "resettlement": ("resettlement",),
    "awareness": ("awareness",),
}
"""The words by which a quote names each area (case aside)."""


def test_every_area_quote_names_its_area_or_is_flagged(partners: list[dict[str, Any]]) -> None:
    flagged = []
    for partner in partners:
        for area in partner["areas"]:
            if not any(word in area["source"].casefold() for word in AREA_WORDS[area["id"]]):
                assert _inferred(area, "id"), (partner["id"], area)
                flagged.append((partner["id"], area["id"]))
    assert flagged == [
        ("libya", "search_rescue"),
        ("niger", "root_causes"),
        ("bangladesh", "protection"),
    ]


def test_every_focus_note_names_no_area_and_no_area_quote_holds_one(
    partners: list[dict[str, Any]],
) -> None:
    focus = []
    for partner in partners:
        for note in partner["notes"]:
            if note["kind"] != "focus":
                continue
            words = [w for ws in AREA_WORDS.values() for w in ws]
            assert not any(word in note["source"].casefold() for word in words), note
            for area in partner["areas"]:
                assert normalise(note["source"]) not in normalise(area["source"]), area
                assert normalise(area["source"]) not in normalise(note["source"]), area
            focus.append((partner["id"], note["title"]))
    assert focus == [
        ("western-balkans", "Information exchange"),
        ("mauritania", "Link creation with the diaspora"),
        ("nigeria", "Student mobility"),
        ("nigeria", "Free movement and mobility within the ECOWAS region"),
    ]


def test_9_12_mauritania_diaspora_and_nigeria_legal_migration(run: Run) -> None:
    (hit,) = run.json("search", "diaspora")
    assert (hit["country"], hit["section"]) == ("mauritania", "notes")
    (row,) = [r for r in run.json("areas", "legal_migration") if r["country"] == "nigeria"]
    assert row["source"] == "pilot projects on legal/labour migration to Europe"
    assert row["inferred"] is None
    (student,) = run.json("search", "student", "mobility")
    assert (student["country"], student["section"]) == ("nigeria", "notes")


# --- 13: a label names its category in words some partner's quote says --------------

LINKING = {"and", "of", "in", "on"}


def test_every_area_label_says_nothing_no_partners_quote_says(
    run: Run, partners: list[dict[str, Any]]
) -> None:
    quotes: dict[str, str] = {}
    for partner in partners:
        for area in partner["areas"]:
            quotes[area["id"]] = quotes.get(area["id"], "") + " " + area["source"].casefold()
    for row in run.json("areas"):
        assert row["countries"], row["id"]
        words = re.findall(r"[\w/]+", row["label"].casefold())
        unsaid = [w for w in words if w not in LINKING and w not in quotes[row["id"]]]
        assert unsaid == [], (row["id"], row["label"])


def test_13_the_data_label_is_migration_data(run: Run) -> None:
    (data,) = [r for r in run.json("areas") if r["id"] == "data"]
    assert data["label"] == "Migration data"
    assert data["countries"] == ["afghanistan", "pakistan", "iraq", "bangladesh"]


# --- 14: negotiations under way, or rounds held with no current state ----------------


def test_every_negotiating_agreement_is_under_way_and_rounds_held_say_no_more(
    partners: list[dict[str, Any]],
) -> None:
    statuses = []
    for partner in partners:
        for agreement in partner["agreements"]:
            kinds = [m["kind"] for m in agreement["milestones"]]
            if agreement["status"] == "negotiating":
                assert "relaunched" in kinds, agreement
            if agreement["status"] == "rounds_held":
                assert "negotiations" in kinds and "relaunched" not in kinds, agreement
            if "negotiations" in kinds or "relaunched" in kinds:
                statuses.append((partner["id"], agreement["kind"], agreement["status"]))
    assert statuses == [
        ("tunisia", "readmission", "rounds_held"),
        ("tunisia", "visa_facilitation", "rounds_held"),
        ("nigeria", "readmission", "negotiating"),
    ]


def test_14_where_negotiations_are_under_way_is_nigeria_alone(run: Run) -> None:
    (row,) = run.json("agreements", "--status", "negotiating")
    assert (row["country"], row["kind"]) == ("nigeria", "readmission")
    assert "relaunched in January 2021" in row["source"]
    rows = run.json("agreements", "--status", "rounds_held")
    assert [(r["country"], r["kind"], list(r["inferred"])) for r in rows] == [
        ("tunisia", "readmission", ["status"]),
        ("tunisia", "visa_facilitation", ["status"]),
    ]
    out = run("agreements", "--status", "rounds_held").stdout
    assert out.count("Negotiation rounds held*") == 2


def test_the_readme_names_the_look_up_names_the_data_gives(
    partners: list[dict[str, Any]],
) -> None:
    readme = " ".join((REPO / "docs" / "data.md").read_text(encoding="utf-8").split())
    rule = readme[readme.index("the short forms the source gives a framework or an agreement") :]
    listed = re.findall(r"`([^`]+)`", rule[: rule.index(" are its `names`")])
    given = {
        name
        for partner in partners
        for fact in partner["frameworks"] + partner["agreements"]
        for name in fact["names"]
    }
    assert sorted(listed) == sorted(given)
    assert "tests/test_third_fact_check.py" in readme
