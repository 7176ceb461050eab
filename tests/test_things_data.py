"""The registry of things in the shipped data (layout 4): every form it says the source
writes is in the source; every other name has a reason; every name a fact gives is one
thing's; every person named by office or surname is identified per fact, with a reason."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from coopcli.proof import normalise
from coopcli.textfold import fold

from conftest import DATA, Run

DOCUMENT = tomllib.loads(DATA.read_text(encoding="utf-8"))
THINGS: list[dict[str, Any]] = DOCUMENT["things"]
PARTNERS: list[dict[str, Any]] = DOCUMENT["partners"]
ids = [thing["id"] for thing in THINGS]


def names(thing: dict[str, Any]) -> list[str]:
    return [thing["name"], *thing.get("written", []), *thing.get("aliases", [])]


def partner_names() -> set[str]:
    found = set()
    for partner in PARTNERS:
        for one in [partner, *partner.get("members", [])]:
            found |= {fold(name) for name in [one["name"], *one.get("aliases", [])]}
    return found


def claimed_entries() -> list[tuple[str, str, str]]:
    """Every name a fact gives that a thing must claim: (fact, field, name)."""
    found = []
    for partner in PARTNERS:
        for event in partner.get("events", []):
            fact = f"{partner['id']}/{event['id']}"
            for field in ("people", "counterparts", "bodies"):
                found += [(fact, field, name) for name in event.get(field, [])]
        for agency in partner.get("agencies", []):
            found.append((f"{partner['id']}/{agency['id']}", "name", agency["name"]))
        for framework in partner.get("frameworks", []):
            fact = f"{partner['id']}/{framework['id']}"
            found += [(fact, "name", framework["name"])]
            found += [(fact, "names", name) for name in framework.get("names", [])]
    return found


def test_the_shipped_data_is_layout_4_with_things_of_every_kind() -> None:
    assert DOCUMENT["meta"]["schema_version"] == 4
    assert len(ids) == len(set(ids)) >= 45
    kinds = {thing["kind"] for thing in THINGS}
    assert {"person", "eu_agency", "international_organisation", "state", "framework"} <= kinds


@pytest.mark.parametrize("thing", THINGS, ids=ids)
def test_every_written_form_is_in_the_source(thing: dict[str, Any], source_text: str) -> None:
    text = normalise(source_text)
    assert [form for form in thing.get("written", []) if normalise(form) not in text] == []


@pytest.mark.parametrize("thing", THINGS, ids=ids)
def test_every_name_the_source_does_not_write_has_a_reason(
    thing: dict[str, Any], source_text: str
) -> None:
    text = fold(normalise(source_text))
    unwritten = [name for name in names(thing) if fold(normalise(name)) not in text]
    if unwritten:
        assert thing.get("reason"), unwritten


def test_every_name_a_fact_gives_is_exactly_one_things() -> None:
    owners: dict[str, list[str]] = {}
    for thing in THINGS:
        for name in dict.fromkeys(map(fold, names(thing))):
            owners.setdefault(name, []).append(thing["id"])
    assert {name: who for name, who in owners.items() if len(who) > 1} == {}
    partners = partner_names()
    assert not partners & owners.keys()
    unclaimed = [
        entry
        for entry in claimed_entries()
        if fold(entry[2]) not in owners | dict.fromkeys(partners)
    ]
    assert unclaimed == []


def test_a_framework_is_a_thing_of_its_id_and_never_a_body() -> None:
    kinds = {thing["id"]: thing["kind"] for thing in THINGS}
    framework_ids = {f["id"] for p in PARTNERS for f in p.get("frameworks", [])}
    assert framework_ids == {i for i, kind in kinds.items() if kind == "framework"}
    for partner in PARTNERS:
        for framework in partner.get("frameworks", []):
            thing = next(t for t in THINGS if t["id"] == framework["id"])
            given = [framework["name"], *framework.get("names", [])]
            assert {fold(n) for n in given} <= {fold(n) for n in names(thing)}


def test_an_office_or_a_body_belongs_to_a_thing_or_a_partner() -> None:
    known = set(ids) | {p["id"] for p in PARTNERS}
    assert {
        thing["id"]: thing["of"] for thing in THINGS if thing.get("of", "") not in known | {""}
    } == {}
    persons = [thing for thing in THINGS if thing["kind"] == "person"]
    assert all(thing.get("office") and thing.get("of") for thing in persons if thing.get("reason"))
    lamorgese = next(t for t in THINGS if "Lamorgese" in t["name"])
    assert lamorgese["of"] == "italy"


def test_every_person_named_by_office_or_surname_is_identified_on_each_fact(
    source_text: str,
) -> None:
    """Decided per fact: each fact that names a person whose full name the source does
    not write has a reason naming the office, the holder and the term."""
    text = fold(normalise(source_text))
    events = {f"{p['id']}/{e['id']}": e for p in PARTNERS for e in p.get("events", [])}
    for thing in THINGS:
        if thing["kind"] != "person" or fold(thing["name"]) in text:
            assert not thing.get("identified")
            continue
        forms = {fold(name) for name in names(thing)}
        naming = {
            (fact, name)
            for fact, event in events.items()
            for name in [*event.get("people", []), *event.get("counterparts", [])]
            if fold(name) in forms
        }
        given = {(one["fact"], one["name"]) for one in thing["identified"]}
        assert given == naming, thing["id"]
        for one in thing["identified"]:
            reason = one["reason"]
            assert thing["name"] in reason and thing["office"] in reason
            assert any(word in reason for word in ("from", "since")), reason  # the term
            if "date" in (events[one["fact"]].get("inferred") or {}):
                assert "inferred" in reason


def test_the_president_of_the_commission_in_march_2021_is_von_der_leyen() -> None:
    ursula = next(t for t in THINGS if t["id"] == "ursula-von-der-leyen")
    [one] = [i for i in ursula["identified"] if i["fact"] == "turkey/visit-2021-03"]
    assert one["name"] == "President of the Commission"
    assert "March 2021" in one["reason"] and "President of the European Commission" in one["reason"]


def _edition(tmp_path: Path, old: str, new: str) -> Path:
    text = DATA.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "edition.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_validation_refuses_a_name_no_thing_claims(run: Run, tmp_path: Path) -> None:
    path = _edition(
        tmp_path, 'people = ["Commissioner Urpilainen"', 'people = ["Commissioner Urpilainenn"'
    )
    err = run("validate", str(path), code=1).stderr
    assert "nigeria.events[1].people[0]: no thing claims 'Commissioner Urpilainenn'" in err


def test_validation_refuses_a_name_two_things_claim(run: Run, tmp_path: Path) -> None:
    path = _edition(
        tmp_path, 'name = "Lithuania"\nwritten = [', 'name = "Lithuania"\nwritten = [\n    "IOM",'
    )
    err = run("validate", str(path), code=1).stderr
    assert "name 'IOM' is also thing 'iom'" in err


def test_validation_refuses_things_in_a_file_of_layout_3(run: Run, tmp_path: Path) -> None:
    path = _edition(tmp_path, "schema_version = 4", "schema_version = 3")
    err = run("validate", str(path), code=1).stderr
    assert "'things' needs schema_version = 4 in [meta]" in err


def test_a_file_of_layout_3_has_a_registry_derived_from_its_facts() -> None:
    """Each written form is its own thing there; a framework is one thing by its id."""
    import coopcli

    registry = coopcli.load(DATA.parent.parent / "tests" / "data" / "countries-0.4.toml").registry
    assert registry.owner("President of the Commission") != registry.owner(
        "Commission President von der Leyen"
    )
    assert registry.things[registry.owner("HRVP") or ""]["kind"] == "person"
    assert registry.named("etm") == {"emergency-transit-mechanism"}
    assert registry.owner("Albania") is None  # a member country is no thing
    assert registry.things["frontex"]["kind"] == "eu_agency"
