"""`coop frameworks`: each framework or process with its partners; its views, JSON and
errors."""

from __future__ import annotations

import pytest

from conftest import Run, check_whole_output


def test_frameworks_groups_the_budapest_process(run: Run) -> None:
    groups = {g["name"]: g for g in run.json("frameworks")}
    assert groups["Budapest Process"]["countries"] == [
        "afghanistan",
        "pakistan",
        "iraq",
        "bangladesh",
    ]
    assert groups["Rabat Process"]["countries"] == ["morocco", "mauritania", "niger"]
    assert groups["Mobility Partnership"]["countries"] == ["morocco", "tunisia"]
    assert groups["Common Agenda on Migration and Mobility"]["countries"] == ["ethiopia", "nigeria"]
    assert all({"name", "kind", "countries"} <= g.keys() for g in groups.values())


def test_frameworks_by_name_shows_each_member_and_its_quote(run: Run) -> None:
    (group,) = run.json("frameworks", "budapest")
    assert group["id"] == "budapest-process"
    out = run("frameworks", "budapest").stdout
    assert "in principle" in out and "Bangladesh participates in the Budapest Process." in out
    result = run("frameworks", "budapets", code=2)
    assert "did you mean 'budapest-process'" in result.stderr


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("frameworks", ["frameworks"]),
        ("frameworks-budapest", ["frameworks", "budapest"]),
    ],
)
def test_frameworks_whole_output_at_80_columns(run: Run, name: str, args: list[str]) -> None:
    check_whole_output(run, name, *args)


@pytest.mark.parametrize(
    ("name", "framework"),
    [("etm", "emergency-transit-mechanism"), ("ssar", "ssar-support-platform"),
     ("CAMM", "common-agenda"), ("rabat", "rabat-process")],
)  # fmt: skip
def test_frameworks_are_found_by_their_short_names(run: Run, name: str, framework: str) -> None:
    assert [group["id"] for group in run.json("frameworks", name)] == [framework]
