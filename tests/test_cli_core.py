"""The 0.1 commands, run through the real CLI and compared with what the source says."""

from __future__ import annotations

import json

import pytest

from conftest import Run

PARTNER_IDS = [
    "morocco",
    "tunisia",
    "algeria",
    "libya",
    "turkey",
    "western-balkans",
    "mauritania",
    "ethiopia",
    "nigeria",
    "niger",
    "afghanistan",
    "pakistan",
    "iraq",
    "bangladesh",
]


def test_list_json_has_the_fourteen_partners_in_source_order(run: Run) -> None:
    rows = run.json("list")
    assert [row["id"] for row in rows] == PARTNER_IDS
    for row in rows:
        assert {"id", "name", "region", "areas"} <= row.keys()
    tunisia = next(row for row in rows if row["id"] == "tunisia")
    assert tunisia["areas"] == [
        "irregular_migration",
        "smuggling",
        "border_management",
        "return_readmission",
        "legal_migration",
    ]


def test_list_filters_by_area_and_region(run: Run) -> None:
    search_rescue = [row["id"] for row in run.json("list", "--area", "search_rescue")]
    assert search_rescue == ["libya", "niger"]
    resettlement = [row["id"] for row in run.json("list", "--area", "resettlement")]
    assert resettlement == ["turkey"]
    south_asia = [row["id"] for row in run.json("list", "--region", "southern asia")]
    assert south_asia == ["afghanistan", "pakistan", "bangladesh"]


def test_list_rejects_an_unknown_area_with_a_suggestion(run: Run) -> None:
    result = run("list", "--area", "smugling", code=2)
    assert "did you mean 'smuggling'" in result.stderr
    assert result.stdout == ""


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
    assert "Readmission agreement" in out and "Under negotiation" in out
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


def test_search_is_accent_and_case_insensitive(run: Run) -> None:
    hits = run.json("search", "varhelyi")
    assert {hit["country"] for hit in hits} == {"morocco", "libya", "turkey"}
    assert all("Várhelyi" in hit["text"] for hit in hits)


def test_search_words_must_share_a_fact_and_match_word_prefixes(run: Run) -> None:
    hits = run.json("search", "smuggl", "trafficking")
    assert hits and all(h["section"] in {"areas", "notes", "frameworks"} for h in hits)
    assert {"morocco", "niger", "afghanistan"} <= {hit["country"] for hit in hits}
    assert run.json("search", "muggling") == []


def test_search_reports_where_it_matched(run: Run) -> None:
    hits = run.json("search", "Lamorgese")
    assert len(hits) == 1
    hit = hits[0]
    assert hit["country"] == "tunisia" and hit["section"] == "events"
    assert hit["field"] in {"source", "title", "people[1]"}
    assert "Lamorgese" in hit["text"]


@pytest.mark.parametrize("query", [".*", "(?i)x", "[bold]", "a+b", "\\d", "'\""])
def test_search_treats_regex_characters_as_text(run: Run, query: str) -> None:
    result = run("search", query, "--json")
    assert json.loads(result.stdout) == []


def test_search_finds_punctuation_literally(run: Run) -> None:
    parenthesised = run.json("search", "(")
    assert parenthesised and all("(" in hit["text"] for hit in parenthesised)
    hits = run.json("search", "(CAMM)")
    assert {hit["country"] for hit in hits} == {"nigeria"}


def test_search_with_no_hit_prints_an_empty_list_and_exits_0(run: Run) -> None:
    assert run("search", "zzzz", "--json").stdout.strip() == "[]"


def test_search_by_country_and_area(run: Run) -> None:
    hits = run.json("search", "migration", "--country", "TN")
    assert hits and {hit["country"] for hit in hits} == {"tunisia"}
    hits = run.json("search", "Europol", "--area", "legal_migration")
    assert {hit["country"] for hit in hits} == {"morocco", "tunisia"}


def test_search_human_output_shows_each_hit(run: Run) -> None:
    out = run("search", "Lamorgese").stdout
    assert "Tunisia (tunisia)" in out and "Lamorgese" in out and "1 hit" in out


def test_agreements_filter_by_status_matches_the_source(run: Run) -> None:
    rows = run.json("agreements", "--status", "negotiating")
    assert [(r["country"], r["kind"]) for r in rows] == [
        ("tunisia", "readmission"),
        ("tunisia", "visa_facilitation"),
        ("nigeria", "readmission"),
    ]
    assert all({"country", "kind", "status", "title", "source"} <= r.keys() for r in rows)


def test_agreements_repeated_flags_mean_any_of(run: Run) -> None:
    rows = run.json(
        "agreements",
        "--status",
        "in_place",
        "--status",
        "on_hold",
        "--kind",
        "readmission",
        "--kind",
        "joint_declaration",
    )
    assert [(r["country"], r["kind"], r["status"]) for r in rows] == [
        ("afghanistan", "joint_declaration", "on_hold"),
        ("pakistan", "readmission", "in_place"),
    ]


def test_readmission_agreement_in_place_only_with_pakistan(run: Run) -> None:
    rows = run.json("agreements", "--kind", "readmission", "--status", "in_place")
    assert [row["country"] for row in rows] == ["pakistan"]
    assert rows[0]["milestones"][0]["date"] == "2010"


def test_agreements_unknown_status_lists_the_valid_values(run: Run) -> None:
    result = run("agreements", "--status", "signed", code=2)
    for status in ("mandate", "negotiating", "agreed", "in_place", "on_hold"):
        assert status in result.stderr


def test_agreements_table_has_labels(run: Run) -> None:
    out = run("agreements", "--country", "morocco").stdout
    assert "Mandate to negotiate" in out and "Mobility Partnership" in out


def test_validate_the_shipped_dataset(run: Run) -> None:
    out = run("validate").stdout
    assert "valid: 14 partners" in out


def test_version(run: Run) -> None:
    from coopcli import __version__

    assert run("--version").stdout.strip() == f"coop {__version__}"


def test_json_and_format_conflict_is_a_usage_error(run: Run) -> None:
    result = run("list", "--json", "--format", "csv", code=2)
    assert "conflicts" in result.stderr


def test_search_highlights_the_match_on_a_terminal(run: Run) -> None:
    out = run("search", "lamorg", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[1;7mLamorg\x1b[0mese" in out
    assert (
        "Lamorg" in run("search", "lamorg").stdout and "\x1b" not in run("search", "lamorg").stdout
    )


def test_list_rejects_an_unknown_region_listing_the_valid_ones(run: Run) -> None:
    result = run("list", "--region", "northern afrika", code=2)
    assert "did you mean 'Northern Africa'" in result.stderr and "Southern Asia" in result.stderr


def test_show_sources_quotes_every_dated_step_of_an_agreement(run: Run) -> None:
    out = " ".join(run("show", "tunisia", "--sources").stdout.split())
    assert "Negotiation rounds 2016 to 2019 (5 rounds)" in out
    assert "“Five rounds of negotiations were held between 2016 and 2019.”" in out
