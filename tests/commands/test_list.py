"""`coop list`: the partners, filtered by area and region; its table, JSON and errors."""

from __future__ import annotations

from conftest import Run, check_whole_output

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


def test_list_rejects_an_unknown_region_listing_the_valid_ones(run: Run) -> None:
    result = run("list", "--region", "northern afrika", code=2)
    assert "did you mean 'Northern Africa'" in result.stderr and "Southern Asia" in result.stderr


def test_list_whole_output_at_80_columns(run: Run) -> None:
    check_whole_output(run, "list", "list")
