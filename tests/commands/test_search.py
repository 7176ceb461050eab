"""`coop search`: every fact that mentions the words; its human view, JSON and errors."""

from __future__ import annotations

import json

import pytest

from conftest import Run, check_whole_output


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


def test_search_highlights_the_match_on_a_terminal(run: Run) -> None:
    out = run("search", "lamorg", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[1;7mLamorg\x1b[0mese" in out
    assert (
        "Lamorg" in run("search", "lamorg").stdout and "\x1b" not in run("search", "lamorg").stdout
    )


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("search-smuggling", ["search", "smuggling"]),
        ("search-varhelyi", ["search", "varhelyi"]),
        ("search-nothing", ["search", "zzzz"]),
    ],
)
def test_search_whole_output_at_80_columns(run: Run, name: str, args: list[str]) -> None:
    check_whole_output(run, name, *args)


def test_search_never_wraps_a_quote_that_fits_at_80_columns(run: Run) -> None:
    lines = run("search", "smuggling", env={"COLUMNS": "80"}).stdout.splitlines()
    assert "    \u201cincluding the fight against migrant smuggling\u201d" in lines


# --- where a hit matched: its own fields, or only its quote -----------------------------


def test_a_visit_named_only_in_the_quote_comes_last_as_quote_only(run: Run) -> None:
    hits = run.json("search", "johansson", "visit")
    assert all(isinstance(hit["quote_only"], bool) for hit in hits)
    quote_only = [hit["fact"] for hit in hits if hit["quote_only"]]
    assert quote_only == ["turkey/visit-2021-09"]  # Commissioner Várhelyi's visit
    assert hits[-1]["fact"] == "turkey/visit-2021-09"
    own = [hit for hit in hits if not hit["quote_only"]]
    assert all("johansson" in hit["text"].lower() for hit in own if hit["field"] != "source")
    assert len(own) == 8


def test_morocco_europol_is_quote_only_for_frontex(run: Run) -> None:
    hits = run.json("search", "frontex", "--country", "morocco")
    assert [(hit["fact"], hit["quote_only"]) for hit in hits] == [
        ("morocco/frontex", False),
        ("morocco/europol", True),
    ]


def test_each_group_keeps_the_sources_order(run: Run) -> None:
    hits = run.json("search", "smuggling")
    own = [hit for hit in hits if not hit["quote_only"]]
    quote_only = [hit for hit in hits if hit["quote_only"]]
    assert hits == own + quote_only and quote_only
    order = [p["id"] for p in run.json("list")]
    for group in (own, quote_only):
        positions = [order.index(hit["country"]) for hit in group]
        assert positions == sorted(positions)
    assert {hit["section"] for hit in quote_only} >= {"areas"}  # "Trafficking in human beings"


def test_the_human_view_puts_quote_only_hits_under_their_heading(run: Run) -> None:
    out = run("search", "johansson", "visit").stdout
    heading = out.index("Named only in the quote of:")
    assert out.index("Commissioner Várhelyi visits Turkey") > heading
    assert out.index("Commissioner Johansson visits Serbia") < heading
    assert "Named only in the quote of:" not in run("search", "lamorgese").stdout


def test_search_by_person_keeps_the_events_that_name_them(run: Run) -> None:
    hits = run.json("search", "visit", "--person", "varhelyi")
    assert [hit["fact"] for hit in hits] == [
        "morocco/visit-2020-12",
        "libya/visit-2021-04",
        "turkey/visit-2021-09",
    ]
    assert "did you mean" in run("search", "visit", "--person", "varhely1", code=2).stderr


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_search_with_quote_only_hits_whole_output(run: Run, columns: int) -> None:
    check_whole_output(
        run, f"search-johansson-visit-{columns}", "search", "johansson", "visit", columns=columns
    )


# --- OR, things, --body ------------------------------------------------------------------


def test_or_between_words_means_either_side(run: Run) -> None:
    either = run.json("search", "syrian", "OR", "rohingya", "OR", "afghan")
    facts = {hit["fact"] for hit in either}
    for word in ("syrian", "rohingya", "afghan"):
        alone = run.json("search", word)
        assert alone and {hit["fact"] for hit in alone} <= facts
    assert {hit["country"] for hit in either} >= {"turkey", "bangladesh", "afghanistan", "pakistan"}
    out = run("search", "syrian OR rohingya OR afghan", env={"COLUMNS": "80"}).stdout
    assert "Bangladesh (bangladesh)" in out and "Turkey (turkey)" in out
    assert out.rstrip().endswith(f"{len(either)} hits")


@pytest.mark.parametrize(
    "query", [["OR", "x"], ["x", "OR"], ["x", "OR", "OR", "y"], ["OR"]], ids=" ".join
)
def test_an_or_without_a_word_on_each_side_is_a_usage_error(run: Run, query: list[str]) -> None:
    result = run("search", *query, code=2)
    assert "OR (uppercase) needs a word on each side" in result.stderr and result.stdout == ""


def test_lowercase_or_is_a_word(run: Run) -> None:
    hits = run.json("search", "or")
    assert all(hit["things"] == [] for hit in hits)


def test_a_hit_found_by_a_things_name_says_what_it_is_about(run: Run) -> None:
    hits = run.json("search", "etm")
    etm = "emergency-transit-mechanism"
    assert {hit["fact"] for hit in hits} >= {f"libya/{etm}", f"niger/{etm}"}
    assert all(hit["things"] == [etm] for hit in hits)
    out = run("search", "etm", env={"COLUMNS": "80"}).stdout
    assert out.count("    about: Emergency Transit Mechanism (framework)") == len(hits)
    assert "about:" not in run("search", "smuggling").stdout  # a plain word: no thing


def test_search_by_body_keeps_the_facts_that_name_it(run: Run) -> None:
    hits = run.json("search", "cooperation", "--body", "frontex")
    (frontex,) = run.json("bodies", "frontex")
    about = {ref["fact"] for ref in [*frontex["facts"], *frontex["mentions"]]}
    assert hits and {hit["fact"] for hit in hits} <= about
    assert {hit["fact"] for hit in run.json("search", "cooperation")} >= about
    result = run("search", "visit", "--body", "frontexx", code=2)
    assert "did you mean 'frontex'" in result.stderr
