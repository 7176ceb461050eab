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


def test_a_start_coop_read_is_marked_on_every_member(run: Run) -> None:
    """A member's `since` taken from an agreement's `in_place` milestone whose kind or date
    coop inferred is itself inferred, with that reason; no other member's is."""
    starts = {
        f"{partner['id']}/{agreement['id']}": next(
            (m for m in agreement["milestones"] if m["kind"] == "in_place"), None
        )
        for partner in run.json("list")
        for agreement in run.json("show", partner["id"])["agreements"]
    }
    marked = 0
    for group in run.json("frameworks"):
        for member in group["members"]:
            read = (starts.get(member["fact"]) or {}).get("inferred") or {}
            reasons = [read[key] for key in ("kind", "date") if key in read]
            assert (member["inferred"] or {}).get("since") == ("; ".join(reasons) or None)
            if reasons:
                marked += 1
                out = run("frameworks", member["fact"].partition("/")[2]).stdout
                assert f"({member['country']}), since {member['since']}*" in out
                assert "* inferred: coop's reading" in out
    assert marked == 1  # the EU-Turkey Statement's, in 2016-03
