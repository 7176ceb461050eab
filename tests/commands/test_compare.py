"""`coop compare`: partners side by side, and one below the other when narrow; its JSON
and errors."""

from __future__ import annotations

import pytest

from coopcli import vocab

from conftest import Run, check_whole_output


def test_compare_two_partners(run: Run) -> None:
    result = run.json("compare", "morocco", "tunisia")
    assert result["countries"] == ["morocco", "tunisia"]
    assert result["areas"]["common"] == [
        "irregular_migration",
        "smuggling",
        "border_management",
        "return_readmission",
        "legal_migration",
    ]
    assert result["areas"]["only"] == {
        "morocco": ["protection", "governance", "trafficking"],
        "tunisia": [],
    }
    assert result["frameworks"]["shared"] == ["mobility-partnership"]
    assert [a["status"] for a in result["agreements"]["tunisia"]] == [
        "rounds_held",
        "rounds_held",
        "in_place",
    ]
    assert result["last_event"]["tunisia"]["date"] == "2021-09-09"
    assert result["next_event"]["morocco"]["when"] == "in the coming months"
    assert result["next_event"]["tunisia"] is None
    out = run("compare", "morocco", "tunisia").stdout
    assert "Both: Mobility Partnership" in out


def test_compare_needs_two_different_partners(run: Run) -> None:
    assert "two different partners" in run("compare", "tunisia", "TN", code=2).stderr
    assert "did you mean" in run("compare", "tunisia", "marocco", code=2).stderr


def test_compare_refuses_listing_formats(run: Run) -> None:
    assert "unknown format" in run("compare", "tunisia", "morocco", "-f", "ndjson", code=2).stderr


@pytest.mark.parametrize(
    ("name", "args", "columns"),
    [
        ("compare-morocco-tunisia", ["compare", "morocco", "tunisia"], 80),
        ("compare-3-80", ["compare", "morocco", "tunisia", "turkey"], 80),
        ("compare-3-60", ["compare", "morocco", "tunisia", "turkey"], 60),
    ],
)
def test_compare_whole_output(run: Run, name: str, args: list[str], columns: int) -> None:
    check_whole_output(run, name, *args, columns=columns)


def test_compare_three_at_60_columns_keeps_a_hanging_indent(run: Run) -> None:
    out = run("compare", "morocco", "tunisia", "turkey", env={"COLUMNS": "60"}).stdout
    heading = out.split("\n\n")[0].splitlines()
    assert heading[0] == "Areas" and heading[1].startswith("  All three: ")
    assert [line for line in heading[1:] if not line.startswith("  ")] == []


def test_a_three_way_compare_says_who_shares_what(run: Run) -> None:
    result = run.json("compare", "morocco", "tunisia", "algeria")
    frameworks = result["frameworks"]
    assert frameworks["some"] == {"mobility-partnership": ["morocco", "tunisia"]}
    assert "mobility-partnership" not in frameworks["only"]["morocco"]
    assert "mobility-partnership" not in frameworks["only"]["tunisia"]
    assert frameworks["shared"] == frameworks["common"] == []
    areas = result["areas"]
    assert areas["some"]["legal_migration"] == ["morocco", "tunisia"]
    assert areas["only"] == {
        "morocco": ["protection", "trafficking"],
        "tunisia": [],
        "algeria": [],
    }
    for groups in (areas, frameworks):  # every id in exactly one group
        ids = [*groups["common"], *groups["some"], *(i for v in groups["only"].values() for i in v)]
        assert len(ids) == len(set(ids))
    out = run("compare", "morocco", "tunisia", "algeria").stdout
    assert "  Morocco and Tunisia: Mobility Partnership\n" in out
    assert "  All three: Prevention of irregular migration" in out
    assert "  Only Morocco: Protection of migrants, Trafficking in human beings\n" in out


def test_a_two_way_compare_keeps_the_groups_of_0_3(run: Run) -> None:
    result = run.json("compare", "morocco", "tunisia")
    assert result["areas"]["some"] == {} and result["frameworks"]["some"] == {}
    assert result["frameworks"]["shared"] == result["frameworks"]["common"]
    assert result["frameworks"]["common"] == ["mobility-partnership"]
    assert "legal_migration" in result["areas"]["common"]


def test_compare_keeps_the_inferred_mark_of_a_date(run: Run) -> None:
    out = run("compare", "morocco", "tunisia").stdout
    assert "2021-09-09/10*" in out  # Tunisia's last event, whose year coop inferred
    assert "2021-09-09/10:" not in out


def test_compare_marks_what_show_marks(run: Run) -> None:
    """One rule for `*`: a status coop inferred carries it in `show`, `compare` and
    `search` alike,
    and `compare` then says what it means."""
    wide = {"COLUMNS": "200"}
    show = run("show", "turkey", env=wide).stdout
    compare = " ".join(run("compare", "turkey", "iraq", env=wide).stdout.split())
    agreements = run.json("show", "turkey")["agreements"]
    inferred = [a for a in agreements if "status" in (a["inferred"] or {})]
    assert inferred
    for agreement in inferred:
        status = vocab.AGREEMENT_STATUSES[agreement["status"]]
        assert f"{status}*" in show
        assert f"{agreement['title']}: {status}*" in compare
        search = run("search", agreement["title"].split()[-1], env=wide).stdout
        assert f"{agreement['title']}: {status}*" in " ".join(search.split())
    assert "* inferred: coop's reading, not the source's words;" in compare
