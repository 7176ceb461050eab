"""`coop show`: one partner's card, with and without its quotes; its JSON and errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import coopcli
import coopcli.api
from coopcli import shape
from coopcli.errors import NotFound

from conftest import TEST_DATA, Run, check_whole_output


def test_show_json_is_the_whole_entry(run: Run) -> None:
    card = run.json("show", "tunisia")
    assert card["id"] == "tunisia" and card["iso2"] == "TN"
    keys = {
        "id",
        "name",
        "region",
        "areas",
        "agencies",
        "frameworks",
        "agreements",
        "events",
        "notes",
    }
    assert keys <= card.keys()
    assert all({"id", "source"} <= area.keys() for area in card["areas"])
    visits = {(e["date"], e["end"]) for e in card["events"]}
    assert visits == {
        ("2020-08", None),
        ("2021-05", None),
        ("2021-09-09", "2021-09-10"),
        ("2021-04-04", "2021-04-05"),
    }
    assert [a["name"] for a in card["agencies"]] == ["Europol"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("TN", "tunisia"),
        ("tun", "tunisia"),
        ("Türkiye", "turkey"),
        ("turkiye", "turkey"),
        ("serbia", "western-balkans"),
        ("Western Balkans", "western-balkans"),
        ("BIH", "western-balkans"),
        ("NIGER", "niger"),
        ("nigeria", "nigeria"),
    ],
)
def test_show_finds_a_partner_by_any_of_its_names(run: Run, name: str, expected: str) -> None:
    assert run.json("show", name)["id"] == expected


def test_show_unknown_country_is_a_usage_error_with_did_you_mean(run: Run) -> None:
    result = run("show", "tunsia", code=2)
    assert "did you mean 'tunisia'" in result.stderr
    assert result.stdout == ""


def test_show_human_card_lists_agreements_and_events_in_date_order(run: Run) -> None:
    out = run("show", "tunisia").stdout
    assert "Readmission agreement" in out and "Negotiation rounds held" in out
    assert (
        out.index("2020-08")
        < out.index("2021-04-04")
        < out.index("2021-05")
        < out.index("2021-09-09")
    )
    assert "\x1b" not in out


def test_show_sources_prints_the_quotes(run: Run) -> None:
    out = run("show", "pakistan", "--sources").stdout
    assert "readmission agreement is in place since 2010" in " ".join(out.split())


def test_show_sources_quotes_every_dated_step_of_an_agreement(run: Run) -> None:
    out = " ".join(run("show", "tunisia", "--sources").stdout.split())
    assert "Negotiation rounds 2016/2019 (5 rounds)" in out
    assert "“Five rounds of negotiations were held between 2016 and 2019.”" in out


def test_show_sources_puts_the_quote_under_each_fact(run: Run) -> None:
    out = " ".join(run("show", "turkey", "--sources").stdout.split())
    assert "It also fosters resettlements from Turkey" in out
    assert "The March 2016 EU-Turkey Statement provides the overall framework" in out


def test_show_refuses_listing_formats(run: Run) -> None:
    assert "unknown format 'csv'" in run("show", "tunisia", "--format", "csv", code=2).stderr


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("show-tunisia", ["show", "tunisia"]),
        ("show-tunisia-sources", ["show", "tunisia", "--sources"]),
        ("show-turkey-sources", ["show", "turkey", "--sources"]),
        ("show-western-balkans", ["show", "western-balkans"]),
    ],
)
def test_show_whole_output_at_80_columns(run: Run, name: str, args: list[str]) -> None:
    check_whole_output(run, name, *args)


def test_show_wraps_the_members_with_a_hanging_indent(run: Run) -> None:
    lines = run("show", "western-balkans", env={"COLUMNS": "80"}).stdout.splitlines()
    members = next(n for n, line in enumerate(lines) if line.startswith("Members: "))
    assert lines[members + 1] == "" or lines[members + 1].startswith(" ")


# --- one fact: PARTNER/ID ---------------------------------------------------------------


def test_show_fact_json_is_the_fact_object(run: Run) -> None:
    card = run.json("show", "tunisia")
    assert run.json("show", "tunisia/visit-2021-05") == card["events"][1]
    assert run.json("show", "TN/readmission") == card["agreements"][0]
    milestone = run.json("show", "tunisia/readmission-mandate-2014")
    assert milestone == card["agreements"][0]["milestones"][0]
    assert run.json("show", "niger/search_rescue")["id"] == "search_rescue"


def test_show_fact_prints_it_with_its_quote_and_reasons(run: Run) -> None:
    out = run("show", "tunisia/visit-2021-09-09", env={"COLUMNS": "80"}).stdout
    assert out.splitlines()[0] == "Tunisia  Event · tunisia/visit-2021-09-09"
    assert "2021-09-09/10* Visit: HRVP visits Tunisia" in out
    assert "\u201cHRVP visited Tunisia on 9-10 September\u201d" in out
    assert "* inferred date: the text gives no year" in out
    assert "the reason is under the fact" in out
    agreement = run("show", "tunisia/readmission", env={"COLUMNS": "80"}).stdout
    assert "Readmission agreement: Negotiation rounds held*" in agreement
    assert "- Negotiation rounds 2016/2019 (5 rounds)" in agreement
    area = run("show", "niger/search_rescue").stdout
    assert "Search and rescue" in area and "*" not in area


@pytest.mark.parametrize("key", list(shape.EVERY_SECTION))
def test_a_facts_card_names_its_kind_by_the_registrys_title(run: Run, key: str) -> None:
    partner, fact = next(
        (partner, fact)
        for partner in json.loads(run("export", "--format", "json").stdout)["partners"]
        for top in shape.SECTIONS
        for parent in partner[top.key]
        for fact in ([parent] if top.key == key else parent.get(key, []))
    )
    name = f"{partner['id']}/{fact['id']}"
    first = run("show", name, env={"COLUMNS": "200"}).stdout.splitlines()[0]
    assert first == f"{partner['name']}  {shape.EVERY_SECTION[key].title} \u00b7 {name}"
    assert shape.EVERY_SECTION["areas"].title == "Area of cooperation"  # the card's words
    assert shape.EVERY_SECTION["milestones"].title == "Agreement milestone"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("tunisia/visit-2021", "no fact matches 'tunisia/visit-2021'; did you mean "),
        ("tunsia/visit-2021-05", "no partner matches 'tunsia'; did you mean 'tunisia'?"),
        ("tunisia/", "no fact matches 'tunisia/'; `coop show tunisia --json` gives the ids"),
        ("tunisia/frontex", "no fact matches 'tunisia/frontex'; `coop show tunisia --json`"),
        ("turkey/voluntary", "did you mean 'turkey/admission-scheme'?"),
        ("turkey/humanitarian", "did you mean 'turkey/admission-scheme'?"),
    ],
)
def test_show_unknown_fact_is_a_usage_error_with_suggestions(
    run: Run, name: str, message: str
) -> None:
    result = run("show", name, code=2)
    assert message in result.stderr
    assert result.stdout == ""
    if name == "tunisia/visit-2021":
        assert "'tunisia/visit-2021-05'" in result.stderr


def test_a_fact_asked_for_by_its_title_is_suggested() -> None:
    """Every fact whose title is its partner's only one so written is suggested when it is
    asked for by its title (up to the 100 characters a suggestion is sought for), whatever
    its id."""
    dataset = coopcli.load()
    asked = 0
    for partner in dataset.partner_rows():
        card = dataset.partner_record(partner["id"])
        titled = [
            (fact, fact[field.name])
            for section in shape.EVERY_SECTION.values()
            for fact in _facts_of(card, section.key)
            for field in section.fields
            if field.role == "what" and isinstance(fact.get(field.name), str)
        ]
        slugs = [coopcli.api.slug(title) for _, title in titled]
        for (fact, _), wanted in zip(titled, slugs, strict=True):
            if slugs.count(wanted) > 1 or wanted == fact["id"] or len(wanted) > 100:
                continue
            with pytest.raises(NotFound) as raised:
                dataset.fact(f"{partner['id']}/{wanted}")
            assert raised.value.suggestions[0] == f"{partner['id']}/{fact['id']}"
            asked += 1
    assert asked > 50


def _facts_of(card: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The facts of one kind in a card, milestones within their agreements."""
    if key in card:
        return list(card[key])
    return [part for parent in card["agreements"] for part in parent.get(key, [])]


def test_show_fact_text_is_made_visible(run: Run, tmp_path: Path) -> None:
    text = (TEST_DATA / "hostile.toml").read_text(encoding="utf-8")
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    partner = run.json("show", "--data", str(path), run.json("list", "--data", str(path))[0]["id"])
    first = next(f for s in ("events", "notes", "agreements") for f in partner[s])
    out = run("show", "--data", str(path), f"{partner['id']}/{first['id']}").stdout
    assert "\x1b" not in out and "\u202e" not in out


@pytest.mark.parametrize(
    ("name", "fact"),
    [("afghanistan/JDMC", "joint-declaration"), ("nigeria/camm", "common-agenda")],
)
def test_a_fact_is_found_by_a_short_name_the_source_gives_it(
    run: Run, name: str, fact: str
) -> None:
    assert run.json("show", name)["id"] == fact


def test_the_cards_who_names_whom_the_title_does_not_as_the_timeline_does(run: Run) -> None:
    terminal = {"COLUMNS": "200", "COOP_FORCE_TTY": "1"}
    nigeria = run("show", "nigeria", env=terminal).stdout
    call = next(line for line in nigeria.splitlines() if "Call: Call on how" in line)
    assert call.rstrip().endswith("Nigerian Minister of Foreign Affairs Onyeama")
    ministerial = next(line for line in nigeria.splitlines() if "Meeting: EU-Nigeria" in line)
    assert ministerial.count("EU-Nigeria Ministerial") == 1  # a body its title names
    # each of Tunisia's titles names its people: no Who column, on the card or the timeline
    for args in (["show", "tunisia"], ["timeline", "tunisia"]):
        out = run(*args, env=terminal).stdout
        assert "Who" not in out.split("Areas of cooperation")[0], args
    sources = run("show", "tunisia", "--sources", env=terminal).stdout
    assert "visits Tunisia \u2014 Commissioner Johansson" not in sources
