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


def test_list_by_framework_takes_ids_names_and_short_names(run: Run) -> None:
    def ids(*args: str) -> list[str]:
        return [row["id"] for row in run.json("list", *args)]

    budapest = ["afghanistan", "pakistan", "iraq", "bangladesh"]
    assert sorted(ids("--framework", "budapest")) == sorted(budapest)
    assert ids("--framework", "budapest-process") == ids("--framework", "Budapest Process")
    assert ids("--framework", "etm") == ["libya", "niger"]
    assert ids("--framework", "ssar", "--framework", "mobility partnership") == [
        "morocco",
        "tunisia",
        "afghanistan",
        "pakistan",
    ]
    assert ids("--framework", "camm") == ["ethiopia", "nigeria"]  # a Common Agenda
    assert ids("--framework", "budapest", "--region", "western asia") == ["iraq"]


def test_an_unknown_framework_is_a_usage_error_with_did_you_mean(run: Run) -> None:
    result = run("list", "--framework", "budapst", code=2)
    assert "no framework matches 'budapst'; did you mean 'budapest-process'?" in result.stderr
    nothing = run("list", "--framework", "zzzz", code=2)
    assert "`coop frameworks` shows them all" in nothing.stderr
