"""The fourth fact-check (issue 28): each correction a rule, checked on every partner.

docs/data.md, "Rules of reading the source", states each rule with its example; a test
here checks the rule across the whole dataset, through the CLI as a user reads it, and
pins what it finds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coopcli import vocab
from coopcli.proof import normalise, quotes
from test_source_quotes import partner_sections
from test_third_fact_check import _spans

from conftest import DATA, REPO, Run

BEFORE = Path(__file__).parent / "data" / "countries-0.5-before-28.toml"


@pytest.fixture
def partners(run: Run) -> list[dict[str, Any]]:
    """Every partner as `coop export --format json` gives it."""
    found: list[dict[str, Any]] = json.loads(run("export", "--format", "json").stdout)["partners"]
    assert len(found) == 14
    return found


@pytest.fixture
def sections(source_text: str, partners: list[dict[str, Any]]) -> dict[str, str]:
    """Each partner's paragraph of the source (normalised), by partner id."""
    by_name = partner_sections(source_text, [p["name"] for p in partners])
    return {p["id"]: by_name[p["name"]] for p in partners}


def _facts(partner: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(fact id, fact) for each fact of a partner, milestones included."""
    for key in ("frameworks", "agreements", "events", "areas", "agencies", "notes"):
        for fact in partner[key]:
            yield fact["id"], fact
            for milestone in fact.get("milestones", ()):
                yield milestone["id"], milestone


def _quoted(fact: dict[str, Any]) -> list[str]:
    return [fact["source"], *fact["also_quoted"]]


SENTENCE_END = re.compile(r"(?<=[.)]) (?=[A-Z])")  # Afghanistan's "developments) Cooperation"


def _sentence(text: str, quote: str) -> str:
    """The sentence of a partner's paragraph (normalised) that holds `quote`."""
    start = text.index(normalise(quote))
    ends = [m.start() for m in SENTENCE_END.finditer(text)]
    begin = max((end for end in ends if end <= start), default=0)
    end = min((end for end in ends if end >= start + len(normalise(quote))), default=len(text))
    return text[begin:end]


# --- 1: what the source calls a framework is listed by `coop frameworks` --------------

FRAMEWORK_WORD = re.compile(r"\bframeworks?\b", re.IGNORECASE)  # not "framed"


def test_every_framework_the_source_names_is_listed_by_coop_frameworks(
    run: Run, sections: dict[str, str]
) -> None:
    """Each "framework" of a partner's paragraph is said of something `coop frameworks`
    lists for that partner: its name or title is in the sentence, or the one before."""
    groups = run.json("frameworks")
    found = []
    for partner, text in sections.items():
        names = [
            normalise(name)
            for g in groups
            if partner in g["countries"]
            for name in [g["name"], *g["names"], *(m["name"] for m in g["members"])]
        ]
        for match in FRAMEWORK_WORD.finditer(text):
            before = text.rfind(". ", 0, match.start())  # the sentence and the one before
            start = text.rfind(". ", 0, before) + 1 if before > 0 else 0
            assert any(name in text[start : match.start()] for name in names), (partner, match)
            found.append(partner)
    assert found == ["turkey", "turkey"]


def test_1_the_eu_turkey_statement_is_a_framework_and_stays_an_agreement(run: Run) -> None:
    (group,) = run.json("frameworks", "statement")
    assert (group["id"], group["kind"], group["countries"]) == (
        "statement",
        "agreement",
        ["turkey"],
    )
    assert group["names"] == ["EU-Turkey Statement"]
    assert [g["id"] for g in run.json("frameworks", "EU-Turkey Statement")] == ["statement"]
    (row,) = run.json("agreements", "--kind", "statement")
    assert (row["country"], row["title"]) == ("turkey", "EU-Turkey Statement")
    assert [p["id"] for p in run.json("list", "--framework", "statement")] == ["turkey"]
    groups = {g["id"]: g["kind"] for g in run.json("frameworks")}
    held = {kind.replace("_", "-") for kind in vocab.FRAMEWORK_AGREEMENT_KINDS}
    assert {i for i, kind in groups.items() if kind == "agreement"} == held


# --- 2: a status that overstates: on paper, not active, says so ------------------------

NOT_ACTIVE = re.compile(r"no decision yet to activate|on hold", re.IGNORECASE)
CONDITION = re.compile(r"\bonce\b")


def test_every_agreement_the_source_says_is_not_active_says_so(
    partners: list[dict[str, Any]],
) -> None:
    """Not active in the quote: status `not_activated` or `on_hold` (and only then), what
    was agreed or signed a milestone; a condition in the quote is `condition`, verbatim."""
    found = []
    for partner in partners:
        for agreement in partner["agreements"]:
            idle = NOT_ACTIVE.search(agreement["source"]) is not None
            assert idle == (agreement["status"] in ("not_activated", "on_hold")), agreement
            if idle:
                steps = [m["kind"] for m in agreement["milestones"]]
                assert set(steps) & {"procedures_agreed", "signed"}, agreement["id"]
                assert "status" not in (agreement["inferred"] or {})
            condition = agreement["condition"]
            assert (condition is not None) == bool(CONDITION.search(agreement["source"]))
            assert condition is None or condition in agreement["source"]
            if idle or condition:
                found.append((partner["id"], agreement["id"], agreement["status"], condition))
    assert found == [
        (
            "turkey",
            "admission-scheme",
            "not_activated",
            "once irregular crossings have ended or at least been substantially and "
            "sustainably reduced",
        ),
        ("afghanistan", "joint-declaration", "on_hold", None),
    ]


def test_2_the_admission_scheme_is_not_activated_its_procedures_agreed(run: Run) -> None:
    (row,) = run.json("agreements", "--status", "not_activated")
    assert (row["country"], row["kind"]) == ("turkey", "admission_scheme")
    assert row["condition"].startswith("once irregular crossings have ended")
    assert [(m["kind"], m["date"]) for m in row["milestones"]] == [("procedures_agreed", None)]
    assert row["inferred"] is None
    assert "Agreed, not activated" in run("agreements", "--country", "turkey").stdout
    card = run("show", "turkey/admission-scheme").stdout
    assert "Condition: once irregular crossings" in card and "Procedures agreed" in card
    timeline = run.json("timeline", "--country", "turkey")
    assert timeline[-1]["kind"] == "procedures_agreed" and timeline[-1]["date"] is None


def test_a_layout_3_file_cannot_use_what_the_fourth_fact_check_added(
    run: Run, tmp_path: Path
) -> None:
    text = (REPO / "tests" / "data" / "countries-0.4.toml").read_text(encoding="utf-8")
    text = text.replace('id = "smuggling"\n', 'id = "smuggling"\nqualifiers = ["x"]\n', 1)
    text = text.replace(
        'status = "agreed"\ntitle = "Voluntary', 'status = "not_activated"\ntitle = "Voluntary'
    )
    path = tmp_path / "layout-3.toml"
    path.write_text(text, encoding="utf-8")
    problems = run("validate", str(path), code=1).stderr
    assert "'qualifiers' needs schema_version = 4 in [meta]" in problems
    assert "'not_activated' needs schema_version = 4 in [meta]" in problems


# --- 3: qualifiers of time, certainty or scope are data on the fact -------------------

QUALIFIER_WORDS = re.compile(
    r"tentatively|on-going|\bongoing|more recently|up to now|under review|inter alia|"
    r"strenghteed|newly|targeted|\bincluding\b|in principle|currently|so far",
    re.IGNORECASE,
)
"""The source's words of time, certainty and scope (docs/data.md: "A qualifier")."""
WHOLE_SENTENCE = ("up to now", "so far", "in principle")
"""Qualifiers said of the verb: every fact of their sentence gives them."""

QUALIFIED = [
    ("morocco", "dialogue-in-the-coming-months", ["tentatively"]),
    ("morocco", "legal_migration", ["including through a number of mobility schemes"]),
    ("libya", "local-dialogue", ["on-going", "so far"]),
    ("libya", "au-eu-un-task-force", ["so far"]),
    ("libya", "visit-2021-04", ["so far"]),
    ("libya", "border_management", ["including support for the Libyan coastguards"]),
    ("turkey", "visa-liberalisation-dialogue", ["ongoing"]),
    (
        "western-balkans",
        "governance",
        ["including with sufficient accommodation to host migrants/refugees"],
    ),
    ("mauritania", "smuggling", ["more recently"]),
    ("nigeria", "meeting-2020-11", ["strenghteed dialogue"]),
    ("nigeria", "call-2021-06-22", ["inter alia"]),
    ("afghanistan", "budapest-process", ["in principle"]),
    ("afghanistan", "capd-working-group-human-rights-governance-migration", ["in principle"]),
    ("afghanistan", "cooperation-agreement-partnership-development", ["in principle"]),
    ("afghanistan", "joint-declaration", ["currently"]),
    *(
        ("afghanistan", area, ["up to now"])
        for area in (
            "root_causes",
            "border_management",
            "irregular_migration",
            "smuggling",
            "trafficking",
            "return_readmission",
            "displacement",
            "governance",
            "data",
        )
    ),
    ("afghanistan", "project-community-development-projects-in", ["up to now"]),
    ("afghanistan", "review-current-and-future-programmes", ["under review"]),
    ("pakistan", "interest-strong-interest-in-a", ["including legal migration"]),
    ("iraq", "meeting-2021-07-30", ["newly established", "a targeted discussion on readmission"]),
    ("bangladesh", "context-bangladesh-addressing-identified-problems", ["currently"]),
]


def test_every_qualifier_is_verbatim_in_its_quote_or_its_sentence(
    partners: list[dict[str, Any]], sections: dict[str, str]
) -> None:
    found = []
    for partner in partners:
        text = sections[partner["id"]]
        for fact_id, fact in _facts(partner):
            sentence = _sentence(text, fact["source"])
            for qualifier in fact["qualifiers"]:
                assert qualifier in fact["source"] or (
                    qualifier in WHOLE_SENTENCE and normalise(qualifier) in sentence
                ), (partner["id"], fact_id, qualifier)
            if fact["qualifiers"]:
                found.append((partner["id"], fact_id, fact["qualifiers"]))
    assert found == QUALIFIED


def test_every_qualifying_word_of_the_source_is_a_qualifier_of_a_fact(
    partners: list[dict[str, Any]], sections: dict[str, str]
) -> None:
    """Each such word lies in a qualifier of one of its partner's facts, or begins the
    quote of the fact it introduces ("including the fight against migrant smuggling")."""
    for partner in partners:
        text = sections[partner["id"]]
        facts = list(_facts(partner))
        spans = [
            span
            for _, fact in facts
            for qualifier in fact["qualifiers"]
            for span in _spans(text, normalise(qualifier))
        ]
        starts = {text.find(normalise(q)) for _, fact in facts for q in _quoted(fact)}
        for match in QUALIFIER_WORDS.finditer(text):
            held = any(match.start() in span for span in spans) or match.start() in starts
            assert held, (partner["id"], text[match.start() : match.start() + 60])


def test_a_qualifier_of_a_whole_sentence_is_given_by_every_fact_of_it(
    partners: list[dict[str, Any]], sections: dict[str, str]
) -> None:
    for partner in partners:
        text = sections[partner["id"]]
        for fact_id, fact in _facts(partner):
            sentence = _sentence(text, fact["source"])
            for qualifier in WHOLE_SENTENCE:
                if qualifier in sentence:
                    assert qualifier in fact["qualifiers"], (partner["id"], fact_id)


def test_3_the_card_the_json_and_the_timeline_give_the_qualifiers(
    run: Run, partners: list[dict[str, Any]]
) -> None:
    assert "Migrant smuggling, more recently" in run("show", "mauritania/smuggling").stdout
    assert "Border management, up to now" in run("show", "afghanistan", "--sources").stdout
    shown = 0
    for partner in partners:  # the compact card too, after each fact's line
        card = run("show", partner["id"], env={"COLUMNS": "400"}).stdout
        for key in ("frameworks", "agreements", "events", "areas", "agencies", "notes"):
            for fact in partner[key]:
                if fact["qualifiers"]:
                    assert "".join(f", {q}" for q in fact["qualifiers"]) in card, fact["id"]
                    shown += 1
    assert shown == 29
    (meeting,) = [e for e in run.json("show", "iraq")["events"] if e["id"] == "meeting-2021-07-30"]
    assert meeting["qualifiers"] == ["newly established", "a targeted discussion on readmission"]
    (row,) = [r for r in run.json("timeline", "--country", "nigeria") if r["kind"] == "call"]
    assert row["qualifiers"] == ["inter alia"]


# --- 4: every value read into the source carries its reason ---------------------------


def _squashed(text: str) -> str:
    return "".join(text.split()).casefold()


def test_a_meeting_whose_quote_names_two_frameworks_flags_its_body(
    partners: list[dict[str, Any]],
) -> None:
    flagged = []
    for partner in partners:
        names = [_squashed(f["name"]) for f in partner["frameworks"]]
        for event in partner["events"]:
            named = [n for n in names if n in _squashed(event["source"])]
            if event["bodies"] and len(named) > 1:
                assert "bodies" in (event["inferred"] or {}), (partner["id"], event["id"])
                flagged.append((partner["id"], event["id"]))
    assert flagged == [("pakistan", "meeting-2021-06")]


def test_4_pakistans_meeting_is_read_as_the_joint_commissions(run: Run) -> None:
    (event,) = run.json("show", "pakistan")["events"]
    assert event["bodies"] == ["EU-Pakistan Joint Commission"]
    assert "Strategic Engagement Plan" in event["inferred"]["bodies"]


# --- 5: the disputed calls, each by its rule ------------------------------------------


def test_5_a_status_goes_no_further_than_the_source(partners: list[dict[str, Any]]) -> None:
    """Procedures agreed or concluded are `agreed`, flagged, never `in_place` unless the
    quote says so; Bangladesh's return problems stay a note the reason names."""
    agreed = []
    for partner in partners:
        for agreement in partner["agreements"]:
            if agreement["kind"] == "return_procedures":
                assert agreement["status"] == "agreed"
                assert "applied" in agreement["inferred"]["status"]
                agreed.append(partner["id"])
    assert agreed == ["ethiopia", "bangladesh"]
    bangladesh = {p["id"]: p for p in partners}["bangladesh"]
    (note,) = bangladesh["notes"]
    assert note["kind"] == "context" and note["qualifiers"] == ["currently"]
    assert "a note of its own" in bangladesh["agreements"][0]["inferred"]["status"]


def test_5_a_series_dated_as_one_is_one_event_and_a_trailing_phrase_holds_for_the_last(
    run: Run,
) -> None:
    (visits,) = run.json("show", "libya")["events"]
    assert (visits["date"], visits["when"], visits["ongoing"]) == (
        "2021-04",
        "since April 2021",
        True,
    )
    assert len(visits["people"]) == 4 and "so far" in visits["inferred"]["ongoing"]
    events = {e["id"]: e for e in run.json("show", "tunisia")["events"]}
    assert events["visit-2020-08"]["people"] == ["Commissioner Johansson"]
    assert "Italian Minister of the Interior Lamorgese" in events["visit-2021-05"]["people"]


def test_a_year_an_events_quote_does_not_give_is_inferred(
    partners: list[dict[str, Any]],
) -> None:
    """A year carried back from a later item of the sentence is flagged (the rule of a
    phrase's reach), as is any year the quote lacks."""
    flagged = []
    for partner in partners:
        for event in partner["events"]:
            if event["date"] and event["date"][:4] not in event["source"]:
                assert "date" in (event["inferred"] or {}), (partner["id"], event["id"])
                flagged.append((partner["id"], event["id"]))
    assert flagged == [
        ("tunisia", "visit-2021-09-09"),
        ("western-balkans", "visit-2021-02"),
        ("western-balkans", "visit-2021-09-28"),
        ("iraq", "meeting-2021-07-30"),
    ]


# --- 6: every clause is quoted by a fact of its own partner ---------------------------

GLUE = re.compile(r"\bas well as on\b")  # words between two quotes that state no fact


def test_every_partners_paragraph_is_covered_by_its_own_quotes(
    partners: list[dict[str, Any]], sections: dict[str, str]
) -> None:
    """Marking every occurrence, in a partner's own paragraph, of each of its quotes
    leaves no word of four letters or more but its heading and glue."""
    for partner in partners:
        text = sections[partner["id"]]
        covered = bytearray(len(text))
        for _, quote in quotes(partner):
            for span in _spans(text, normalise(quote)):
                covered[span.start : span.stop] = b"\x01" * len(span)
        left = "".join("\0" if c else char for char, c in zip(text, covered, strict=True))
        runs = [GLUE.sub("", run).strip() for run in left.split("\0")]
        assert [r for r in runs if re.search(r"\w{4,}", r)] == [partner["name"]], partner["id"]


def test_6_afghanistans_second_border_management_is_its_own_second_quote(
    run: Run, sections: dict[str, str]
) -> None:
    text = sections["afghanistan"]
    second = text.index("integrated border management;")
    assert second > text.index("integrated border management")  # the second one
    (area,) = [
        a for a in run.json("show", "afghanistan")["areas"] if a["id"] == "border_management"
    ]
    assert area["also_quoted"] == ["integrated border management;"]
    assert text.count("integrated border management;") == 1
    assert (
        "Also quoted: integrated border management;"
        in run("show", "afghanistan/border_management").stdout
    )


def test_6_coop_validate_proves_a_second_quote(run: Run, tmp_path: Path, source_text: str) -> None:
    edited = tmp_path / "edited.toml"
    text = DATA.read_text(encoding="utf-8").replace(
        'also_quoted = ["integrated border management;"]',
        'also_quoted = ["integrated border managment;"]',
    )
    edited.write_text(text, encoding="utf-8")
    source = tmp_path / "source.txt"
    source.write_text(source_text, encoding="utf-8")
    result = run("validate", str(edited), "--source", str(source), code=1)
    assert "afghanistan.areas[1].also_quoted[0]: quote not found" in result.stderr


# --- 7: the rules are written, each with its example -----------------------------------


def test_7_the_rules_of_reading_are_written_with_their_examples() -> None:
    data = " ".join((REPO / "docs" / "data.md").read_text(encoding="utf-8").split())
    rules = data.split("## Rules of reading the source", 1)[1].split("\n## ", 1)[0]
    rules = rules.split("## Adding or correcting a fact", 1)[0]
    for rule in (
        "A framework",
        "An agreement",
        "A status",
        "A qualifier",
        "An inferred value",
        "A phrase's reach",
        "An event",
        "An identification",
        "A second quote",
    ):
        assert f"**{rule}" in rules, rule
    source = normalise(DATA.read_text(encoding="utf-8"))
    for example in [e for e in re.findall(r"\"([^\"]*)\"", rules) if len(e) >= 12]:
        assert all(normalise(part) in source for part in example.split(" ... ")), example
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/data.md#rules-of-reading-the-source)" in readme


# --- 8: the data before this issue differs from the shipped data by these corrections --


def test_8_coop_diff_shows_only_the_corrections_of_the_fourth_fact_check(run: Run) -> None:
    rows = run.json("diff", str(BEFORE), str(DATA))
    changed = {(r["change"], r["fact"]): r for r in rows}
    assert len(changed) == len(rows)
    qualified = {f"{p}/{i}" for p, i, _ in QUALIFIED}
    expected = {
        ("status_changed", "turkey/admission-scheme"),
        ("agreement_changed", "turkey/admission-scheme"),
        ("milestone_added", "turkey/admission-scheme-procedures-agreed-undated"),
        ("event_changed", "pakistan/meeting-2021-06"),
        ("agreement_changed", "bangladesh/return-procedures"),
    }
    for fact in qualified:
        kinds = [
            k
            for k in ("framework", "agreement", "event", "area", "note")
            if (f"{k}_changed", fact) in changed
        ]
        assert len(kinds) == 1, fact
        expected.add((f"{kinds[0]}_changed", fact))
    assert set(changed) == expected
    fields = {key: set(r["new"]) for key, r in changed.items() if isinstance(r["new"], dict)}
    for (_, fact), keys in fields.items():
        allowed = {"qualifiers"} if fact in qualified else set()
        allowed |= {
            "libya/visit-2021-04": {"inferred"},
            "turkey/admission-scheme": {"condition", "inferred"},
            "turkey/visa-liberalisation-dialogue": {"role"},
            "afghanistan/budapest-process": {"role"},
            "afghanistan/capd-working-group-human-rights-governance-migration": {"role"},
            "afghanistan/cooperation-agreement-partnership-development": {"role"},
            "afghanistan/border_management": {"also_quoted"},
            "pakistan/meeting-2021-06": {"inferred"},
            "bangladesh/return-procedures": {"inferred"},
        }.get(fact, set())
        assert keys == allowed, fact
    status = changed[("status_changed", "turkey/admission-scheme")]
    assert (status["old"], status["new"]) == ("agreed", "not_activated")
