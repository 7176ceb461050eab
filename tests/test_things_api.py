"""Asking by thing over the shipped data (issue 25): every name of every person, body and
framework finds its thing; `person=` and `body=` take any name; search reads `OR` and whole
names of things; `agreements` says where what it lacks is held. The first tries of the
issue give the full answer."""

from __future__ import annotations

from typing import Any

import pytest

import coopcli
from coopcli import vocab
from coopcli.things import names

from conftest import TEST_DATA, Run

DS = coopcli.load()
THINGS = list(DS.registry.things.values())


def facts(rows: list[Any]) -> list[str]:
    return [row["fact"] for row in rows]


def chosen(thing: dict[str, Any], name: str) -> list[str]:
    """The ids the listing of its kind gives for `name`."""
    if thing["kind"] == "person":
        return [row["id"] for row in DS.people(name)]
    if thing["kind"] in vocab.BODY_KINDS:
        return [row["id"] for row in DS.bodies(name)]
    return [group["id"] for group in DS.frameworks(name)]


@pytest.mark.parametrize("thing", THINGS, ids=[thing["id"] for thing in THINGS])
def test_every_name_of_every_thing_finds_it(thing: dict[str, Any]) -> None:
    about = {hit["fact"] for hit in DS.search(thing["name"]) if thing["id"] in hit["things"]}
    for name in names(thing):
        assert thing["id"] in chosen(thing, name), name
        assert thing["id"] in chosen(thing, name.upper()), name  # case aside
        # search by any name finds the same facts about it, whatever words they use
        found = {hit["fact"] for hit in DS.search(name) if thing["id"] in hit["things"]}
        assert found == about, name


def test_each_fact_about_a_thing_is_found_by_searching_its_name() -> None:
    for row in DS.bodies():
        about = {hit["fact"] for hit in DS.search(row["name"]) if row["id"] in hit["things"]}
        assert about == set(facts(row["facts"] + row["mentions"])), row["id"]
    for row in DS.people():
        hits = DS.search(row["name"])
        assert set(facts(row["events"])) <= {h["fact"] for h in hits if row["id"] in h["things"]}


# --- the first tries of the issue ------------------------------------------------------


def test_search_etm_finds_every_emergency_transit_mechanism(run: Run) -> None:
    hits = run.json("search", "etm")
    about = [hit["fact"] for hit in hits if not hit["quote_only"]]
    assert about == ["libya/emergency-transit-mechanism", "niger/emergency-transit-mechanism"]
    assert all(hit["things"] == ["emergency-transit-mechanism"] for hit in hits)
    assert [g["id"] for g in DS.frameworks("etm")] == ["emergency-transit-mechanism"]


def test_timeline_by_any_name_of_a_person(run: Run) -> None:
    borrell = run.json("timeline", "--person", "borrell")
    assert borrell == run.json("timeline", "--person", "hrvp") == DS.timeline(person="hrvp")
    assert len(borrell) == 4 and all("HRVP" in row["people"] for row in borrell)
    leyen = facts(DS.timeline(person="von der leyen"))
    assert leyen == facts(DS.timeline(person="president of the commission"))
    assert leyen == ["turkey/visit-2021-03", "western-balkans/visit-2021-09-28"]


def test_people_von_der_leyen_has_both_visits(run: Run) -> None:
    (leyen,) = run.json("people", "von der leyen")
    assert leyen == DS.people("von der leyen")[0]
    assert leyen["id"] == "ursula-von-der-leyen" and leyen["name"] == "Ursula von der Leyen"
    turkey, balkans = leyen["events"]
    assert (turkey["fact"], turkey["date"]) == ("turkey/visit-2021-03", "2021-03")
    assert (turkey["as"], turkey["with"]) == (
        "President of the Commission",
        ["President of the European Council"],
    )
    assert (balkans["country"], balkans["date"], balkans["end"]) == (
        "western-balkans",
        "2021-09-28",
        "2021-09-30",
    )
    assert balkans["as"] == "Commission President von der Leyen"


def test_bodies_europol_lists_the_agency_facts_and_the_mentions() -> None:
    (europol,) = DS.bodies("europol")
    assert europol["kind"] == "eu_agency"
    assert [(f["fact"], f["section"], f["label"], f["fields"]) for f in europol["facts"]] == [
        ("morocco/europol", "agencies", "Europol", ["name"]),
        ("tunisia/europol", "agencies", "Europol", ["name"]),
    ]
    assert facts(europol["mentions"]) == ["morocco/frontex"]  # "... and Europol" in its quote
    assert all(list(f) == ["country", "country_name", "fact", "section", "label", "fields"]
               for f in europol["facts"] + europol["mentions"])  # fmt: skip


def test_bodies_hold_states_named_through_an_office() -> None:
    (italy,) = DS.bodies("italy")
    assert italy["kind"] == "state"
    assert [(f["fact"], f["fields"]) for f in italy["facts"]] == [
        ("tunisia/visit-2021-05", ["people"])  # Italian Minister of the Interior Lamorgese
    ]
    assert facts(DS.timeline(body="italy")) == ["tunisia/visit-2021-05"]
    every = DS.bodies()
    assert {row["kind"] for row in every} <= set(vocab.BODY_KINDS)
    kinds = [vocab.BODY_KINDS.index(row["kind"]) for row in every]
    assert kinds == sorted(kinds)


def test_search_or_finds_any_of_the_words(run: Run) -> None:
    hits = run.json("search", "syrian", "OR", "rohingya", "OR", "afghan")
    assert hits == DS.search("syrian OR rohingya OR afghan")
    countries = {hit["country"] for hit in hits}
    assert {"turkey", "bangladesh", "afghanistan", "pakistan"} <= countries
    for word in ("syrian", "rohingya", "afghan"):
        assert {h["fact"] for h in DS.search(word)} <= {h["fact"] for h in hits}
    assert run("search", "syrian", "afghan", code=0).stdout.startswith("No fact")


def test_and_binds_tighter_than_or() -> None:
    both = {hit["fact"] for hit in DS.search("commissioner visit")}
    either = {hit["fact"] for hit in DS.search("commissioner visit OR rohingya")}
    assert either == both | {hit["fact"] for hit in DS.search("rohingya")}
    assert either != {hit["fact"] for hit in DS.search("commissioner OR visit rohingya")}
    lower = {hit["fact"] for hit in DS.search("syrian or afghan")}  # `or` is a word
    assert lower < {hit["fact"] for hit in DS.search("syrian OR afghan")}


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("OR syrian", "begins with OR"),
        ("syrian OR", "ends with OR"),
        ("syrian OR OR afghan", "has OR twice in a row"),
        ("OR", "begins with OR"),
    ],
)
def test_or_without_a_word_on_each_side_is_a_usage_error(run: Run, query: str, says: str) -> None:
    with pytest.raises(coopcli.InvalidValue, match=says):
        DS.search(query)
    result = run("search", *query.split(), code=2)
    assert says in result.stderr and result.stdout == ""


def test_a_hit_says_which_things_it_matched_and_whether_its_fields_did() -> None:
    hits = {hit["fact"]: hit for hit in DS.search("frontex OR hrvp")}
    assert hits["morocco/frontex"]["things"] == ["frontex"]
    assert not hits["morocco/frontex"]["quote_only"]
    assert hits["morocco/europol"]["quote_only"]  # its quote names Frontex
    assert hits["libya/visit-2021-04"]["things"] == ["josep-borrell"]
    assert DS.search("readmission")[0]["things"] == []
    assert all(list(hit)[-2:] == ["quote_only", "things"] for hit in hits.values())


def test_search_by_body_reads_fields_and_quotes() -> None:
    found = facts(DS.search("cooperation", body="europol"))
    assert {"morocco/europol", "tunisia/europol", "morocco/frontex"} <= set(found)
    assert facts(DS.search("visit", person="borrell")) == facts(DS.search("visit", person="hrvp"))
    with pytest.raises(coopcli.NotFound, match="no body matches 'nobody at all'"):
        DS.search("visit", body="nobody at all")
    with pytest.raises(coopcli.NotFound, match=r"no body matches 'europoll'.*'europol'"):
        DS.timeline(body="europoll")


def test_agreements_say_where_what_they_lack_is_held() -> None:
    (iraq,) = DS.agreement_notes(country="iraq")
    assert DS.agreements(country="iraq") == []
    assert "Iraq: no agreement with the EU is listed" in iraq
    assert "Partnership and Cooperation Agreement" in iraq
    assert "`coop frameworks partnership-cooperation-agreement`" in iraq
    every = DS.agreement_notes()
    assert [note.split(":")[0] for note in every] == ["Afghanistan", "Iraq"]
    assert "Cooperation Agreement for Partnership and Development" in every[0]
    readmission = DS.agreement_notes(kind="readmission")
    assert readmission[-1].startswith("ethiopia, bangladesh: no readmission agreement")
    assert "`coop agreements --kind return_procedures`" in readmission[-1]
    assert DS.agreement_notes(country="morocco") == []
    with pytest.raises(coopcli.InvalidValue):
        DS.agreement_notes(kind="readmision")


# --- a file of layout 1-3: each written form its own thing, as 0.4 listed them ----------


def test_a_file_of_layout_3_keeps_the_answers_of_0_4() -> None:
    old = coopcli.load(TEST_DATA / "countries-0.4.toml")
    rows = old.people()
    assert {"President of the Commission", "Commission President von der Leyen"} <= {
        row["name"] for row in rows
    }
    assert all(row["written"] == [row["name"]] for row in rows)
    onyeama = old.timeline(person="onyeama")  # a counterpart, as 0.4 read it
    assert facts(onyeama) == ["nigeria/call-2021-06-22"]
    hits = old.search("etm")
    # its search reads words as 0.4 did: Libya's framework by its short name, Niger's not
    assert "libya/emergency-transit-mechanism" in {h["fact"] for h in hits}
    assert "niger/emergency-transit-mechanism" not in {h["fact"] for h in hits}
    assert all(h["things"] == [] for h in hits)
