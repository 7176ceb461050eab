"""Every fact has an id: given in a layout 3 file, derived for older ones by one rule.

The derivation applied to coop 0.3's shipped data (kept as tests/data/countries-0.3.toml)
gives the ids of the shipped file; ids are unique within a partner, readable, and do not
depend on the order of the facts.
"""

from __future__ import annotations

import copy
import json
import random
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from coopcli.api import TIMELINE_DETAILS
from coopcli.factids import partner_fact_ids, with_derived_ids
from registry import SECTIONS

from conftest import DATA, TEST_DATA, Run

OLD = TEST_DATA / "countries-0.3.toml"
RENAMED_SINCE_0_3 = {
    ("afghanistan", "capd-working-group-human-rights-governance-migration"),
    ("pakistan", "eu-pakistan-joint-commission"),
}
"""Frameworks the third fact-check gave the source's own name: same fact, same id."""


def _load(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _facts(partner: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every fact of a parsed partner, milestones included, with its section."""
    found = []
    for section in SECTIONS:
        for fact in partner.get(section, []):
            found.append((section, fact))
            found.extend(("milestones", m) for m in fact.get("milestones", []))
    return found


def test_the_old_file_is_layout_2_and_the_shipped_file_layout_4() -> None:
    assert _load(OLD)["meta"]["schema_version"] == 2
    assert _load(DATA)["meta"]["schema_version"] == 4


def test_every_shipped_fact_gives_a_unique_readable_id() -> None:
    for partner in _load(DATA)["partners"]:
        ids = [fact.get("id") for _, fact in _facts(partner)]
        assert all(isinstance(i, str) and re.fullmatch(r"[a-z0-9_-]+", i) for i in ids), ids
        assert len(set(ids)) == len(ids), partner["id"]
        assert max(len(i) for i in ids) <= 60


def test_ids_derived_from_0_3_are_the_ids_of_the_shipped_file() -> None:
    """Each fact of 0.3 gets, by derivation, the id its counterpart carries in the
    shipped file: the same section, kind and quote (a fact added since 0.3 has an id
    of its own)."""
    shipped = {p["id"]: p for p in _load(DATA)["partners"]}
    derived = with_derived_ids(_load(OLD))
    compared = 0
    for partner in derived["partners"]:
        by_id = {fact["id"]: (section, fact) for section, fact in _facts(shipped[partner["id"]])}
        for section, fact in _facts(partner):
            assert fact["id"] in by_id, f"{partner['id']}/{fact['id']} is not in the shipped file"
            shipped_section, shipped_fact = by_id[fact["id"]]
            assert shipped_section == section
            assert shipped_fact.get("kind") == fact.get("kind")
            if (partner["id"], fact["id"]) not in RENAMED_SINCE_0_3:
                assert shipped_fact.get("name") == fact.get("name")
            compared += 1
    assert compared == 201


def test_examples_of_the_rule() -> None:
    tunisia = next(p for p in with_derived_ids(_load(OLD))["partners"] if p["id"] == "tunisia")
    assert tunisia["agreements"][0]["id"] == "readmission"
    assert tunisia["agreements"][0]["milestones"][0]["id"] == "readmission-mandate-2014"
    assert tunisia["agreements"][1]["id"] == "visa-facilitation"
    assert [e["id"] for e in tunisia["events"]][:2] == ["visit-2020-08", "visit-2021-05"]
    turkey = next(p for p in with_derived_ids(_load(OLD))["partners"] if p["id"] == "turkey")
    assert "dialogue-in-the-course-of-the-autumn" in [e["id"] for e in turkey["events"]]
    ids = {f["id"] for p in with_derived_ids(_load(OLD))["partners"] for _, f in _facts(p)}
    assert {"frontex", "eu-agencies", "focus-information-exchange", "meeting-undated"} <= ids


def _partner(**sections: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": "x", "name": "X", "region": "R", **sections}


def _event(title: str, date: str | None = "2021-05", **more: Any) -> dict[str, Any]:
    event = {"kind": "visit", "title": title, "source": f"quote of {title}", **more}
    if date is not None:
        event["date"] = date
    return event


def test_the_first_of_alike_facts_keeps_the_base_id_the_others_get_their_titles() -> None:
    partner = _partner(
        events=[_event("Commissioner Johansson visits Tunisia"), _event("HRVP visits Tunisia")]
    )
    assert list(partner_fact_ids(partner).values()) == [
        "visit-2021-05",
        "visit-2021-05-hrvp-visits-tunisia",
    ]


def test_facts_nothing_tells_apart_are_numbered_in_the_files_order() -> None:
    twins = [_event("Same", source="b"), _event("Same", source="a"), _event("Same", source="c")]
    ids = partner_fact_ids(_partner(events=twins))
    assert list(ids.values()) == ["visit-2021-05", "visit-2021-05-same", "visit-2021-05-same-2"]


def test_adding_a_fact_renames_none_of_the_others() -> None:
    """Each fact of 0.3's partners, copied under another title to the end of its section,
    leaves every other id as it was."""
    for partner in _load(OLD)["partners"]:
        before = partner_fact_ids(partner)
        for section in ("agreements", "events", "agencies", "notes"):
            for fact in partner.get(section, []):
                twin = {**fact, "title": "Another one", "source": "Another quote."}
                grown = {**partner, section: [*partner[section], twin]}
                after = partner_fact_ids(grown)
                assert {p: after[p] for p in before} == before
                assert after[(section, len(partner[section]))] not in before.values()


def test_ids_derived_from_0_4_s_file_without_its_ids_are_its_ids() -> None:
    """0.4's edition (layout 3), its derived ids removed, read as layout 2: each fact gets
    the id 0.4 gave it."""
    edition = _load(TEST_DATA / "countries-0.4.toml")
    stripped = copy.deepcopy(edition)
    stripped["meta"]["schema_version"] = 2
    for partner in stripped["partners"]:
        for section, fact in _facts(partner):
            if section not in {"frameworks", "areas"}:
                del fact["id"]
    derived = with_derived_ids(stripped)
    ids = [[f["id"] for _, f in _facts(p)] for p in derived["partners"]]
    assert ids == [[f["id"] for _, f in _facts(p)] for p in edition["partners"]]
    assert sum(map(len, ids)) > 200


def test_adding_a_visit_in_the_same_month_diffs_as_one_added_fact(run: Run, tmp_path: Path) -> None:
    """In a layout 2 file, a second visit of May 2021 to Tunisia: `coop diff` shows it
    added, and the first, untouched, keeps its id `visit-2021-05`."""
    text = OLD.read_text(encoding="utf-8")
    visit = 'date = "2021-05"\npeople = ["Commissioner Johansson",'
    assert text.count(visit) == 1
    added = (
        '[[partners.events]]\nkind = "visit"\ntitle = "HRVP visits Tunisia"\n'
        'date = "2021-05"\nsource = "Commissioner Johansson visited Tunisia"\n\n'
    )
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    old.write_text(text, encoding="utf-8")
    at = text.index("[[partners.events]]", text.index(visit))
    new.write_text(text[:at] + added + text[at:], encoding="utf-8")
    [change] = run.json("diff", str(old), str(new))
    assert (change["change"], change["fact"]) == (
        "event_added",
        "tunisia/visit-2021-05-hrvp-visits-tunisia",
    )
    assert run.json("show", "tunisia/visit-2021-05", "--data", str(new))["date"] == "2021-05"


def test_a_derived_id_never_takes_a_given_one() -> None:
    partner = _partner(
        frameworks=[{"id": "frontex", "name": "F", "kind": "platform", "source": "s"}],
        agencies=[{"name": "Frontex", "stage": "some", "source": "t"}],
        events=[_event("Undated", date=None), _event("Also undated", date=None, when="soon")],
    )
    ids = partner_fact_ids(partner)
    assert ids[("frameworks", 0)] == "frontex"
    assert ids[("agencies", 0)] == "frontex-some"
    assert ids[("events", 0)] == "visit-undated"
    assert ids[("events", 1)] == "visit-soon"


def test_a_second_milestone_of_one_kind_and_year_gets_its_full_date() -> None:
    milestones = [
        {"kind": "negotiations", "date": "2016-05", "source": "a"},
        {"kind": "negotiations", "date": "2016-10", "source": "b"},
    ]
    agreement = {"kind": "readmission", "status": "negotiating", "title": "T"}
    ids = partner_fact_ids(_partner(agreements=[{**agreement, "milestones": milestones}]))
    assert ids[("agreements", 0, "milestones", 0)] == "readmission-negotiations-2016"
    assert ids[("agreements", 0, "milestones", 1)] == "readmission-negotiations-2016-2016-10"


@pytest.mark.parametrize("seed", range(5))
def test_ids_do_not_depend_on_the_order_of_facts(seed: int) -> None:
    """Shuffled sections give each fact the id it had (found by its content): no two facts
    of 0.3 share a base id, the one case where the file's order counts."""
    rng = random.Random(seed)
    for partner in _load(OLD)["partners"]:
        shuffled = copy.deepcopy(partner)
        for section in SECTIONS:
            rng.shuffle(shuffled.get(section, []))
            for fact in shuffled.get(section, []):
                rng.shuffle(fact.get("milestones", []))
        assert _ids_by_content(shuffled) == _ids_by_content(partner)


def _ids_by_content(partner: dict[str, Any]) -> dict[str, str]:
    """Each derived id by the content of its fact (a milestone's with its agreement's)."""
    [derived] = with_derived_ids({"meta": {"schema_version": 2}, "partners": [partner]})["partners"]
    ids: dict[str, str] = {}
    for section in SECTIONS:
        for fact in derived.get(section, []):
            ids[_key(fact)] = fact["id"]
            for milestone in fact.get("milestones", []):
                ids[_key(fact) + _key(milestone)] = milestone["id"]
    return ids


def _key(fact: dict[str, Any]) -> str:
    return repr(sorted((k, repr(v)) for k, v in fact.items() if k not in {"id", "milestones"}))


def test_a_layout_3_file_keeps_its_ids_and_the_raw_document_is_not_changed() -> None:
    shipped = _load(DATA)
    assert with_derived_ids(shipped) is shipped
    old = _load(OLD)
    pristine = copy.deepcopy(old)
    with_derived_ids(old)
    assert old == pristine


def test_an_old_file_is_read_with_derived_ids_and_exports_as_layout_3(
    run: Run, tmp_path: Path
) -> None:
    shown = run.json("show", "tunisia", "--data", str(OLD))
    assert [a["id"] for a in shown["agreements"]][:2] == ["readmission", "visa-facilitation"]
    assert next(iter(shown["events"][0])) == "id"
    exported = tmp_path / "edition.toml"
    run("export", "--format", "toml", "--data", str(OLD), "--output", str(exported))
    document = _load(exported)
    assert document["meta"]["schema_version"] == 3
    assert document["partners"][1]["events"][0]["id"] == "visit-2020-08"
    assert "valid: 14 partners" in run("validate", str(exported)).stdout


def test_a_layout_3_file_must_give_every_id(run: Run, tmp_path: Path) -> None:
    text = DATA.read_text(encoding="utf-8")
    path = tmp_path / "edition.toml"
    path.write_text(text.replace('id = "visit-2021-05"\n', "", 1), encoding="utf-8")
    result = run("validate", str(path), code=1)
    assert result.stderr.count("\n") == 1
    assert result.stderr.endswith(": tunisia.events[1].id: missing required field 'id'\n")


# --- every row that stands for a fact names it -------------------------------------------


def _facts_named(run: Run) -> dict[str, dict[str, Any]]:
    """Every fact of the shipped data by its name, `PARTNER/ID`, as `show --json` has it."""
    named = {}
    for partner in json.loads(run("export", "--format", "json").stdout)["partners"]:
        for _, fact in _facts(partner):
            named[f"{partner['id']}/{fact['id']}"] = fact
    return named


@pytest.mark.parametrize(
    "command",
    [
        ["agreements"],
        ["timeline"],
        ["search", "smuggling"],
        ["areas", "smuggling"],
    ],
)
def test_rows_name_their_fact_right_after_the_partner(run: Run, command: list[str]) -> None:
    named = _facts_named(run)
    rows = run.json(*command)
    assert rows
    for row in rows:
        keys = list(row)
        assert keys[keys.index("country_name") + 1] == "fact"
        if row.get("section") == "partner":
            assert row["fact"] is None
            continue
        fact = named[row["fact"]]
        assert row["fact"].split("/")[0] == row["country"]
        assert fact["source"] == row.get("source", fact["source"])
        assert fact["inferred"] == row["inferred"]
        assert run.json("show", row["fact"]) == fact


def test_a_milestone_row_names_the_milestone_and_an_identity_hit_nothing(run: Run) -> None:
    rows = run.json("timeline", "--country", "tunisia", "--kind", "mandate")
    assert [row["fact"] for row in rows] == [
        "tunisia/readmission-mandate-2014",
        "tunisia/visa-facilitation-mandate-2014",
    ]
    [hit] = run.json("search", "tunisie")
    assert (hit["section"], hit["fact"]) == ("partner", None)
    members = run.json("frameworks", "rabat")[0]["members"]
    assert {m["fact"] for m in members} >= {"morocco/rabat-process"}


def test_listing_csv_gives_fact_as_its_last_column(run: Run) -> None:
    import csv
    import io

    for command in (["agreements"], ["timeline"], ["search", "smuggl"], ["areas", "data"]):
        table = list(csv.reader(io.StringIO(run(*command, "--format", "csv").stdout)))
        last = table[0].index("fact")  # the last of 0.4's columns; fields added since follow
        since = {"timeline": list(TIMELINE_DETAILS), "search": ["things"]}.get(command[0], [])
        assert table[0][last + 1 :] == since
        assert [row[last] for row in table[1:]] == [row["fact"] or "" for row in run.json(*command)]


def test_the_api_rows_carry_fact_and_find_it_again() -> None:
    import coopcli

    ds = coopcli.load()
    row = ds.timeline(country="tunisia")[0]
    found = ds.fact(row["fact"])
    assert found["fact"] == row["fact"] and found["section"] in {"events", "milestones"}
    assert found["record"]["source"] == row["source"]
    assert ds.fact("TN/readmission")["path"] == "agreements[0]"
    with pytest.raises(coopcli.NotFound) as error:
        ds.fact("tunisia/readmision")
    assert error.value.suggestions[0] == "tunisia/readmission"


def test_numbering_alike_facts_is_linear_in_their_number() -> None:
    """20,000 identical notes of a layout 2 file get ids -2 to -19999 in well under the
    CPU time a search from -2 for each one took (quadratic: about a minute)."""
    import subprocess
    import sys

    script = """
import resource, sys
from coopcli.factids import with_derived_ids
resource.setrlimit(resource.RLIMIT_CPU, (10, 10))
note = {"kind": "context", "title": "Alike", "source": "A quote."}
raw = {"meta": {"schema_version": 2}, "partners": [{"id": "p", "notes": [dict(note) for _ in range(20000)]}]}
ids = [n["id"] for n in with_derived_ids(raw)["partners"][0]["notes"]]
print(len(set(ids)), ids[-1])
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, "20000 context-alike-alike-19999\n"), done.stderr
