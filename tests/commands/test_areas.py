"""`coop areas`: the partners-by-area matrix, or one area's partners with their quotes;
its tables at each width, JSON, CSV and errors."""

from __future__ import annotations

import csv
import io

import pytest

from conftest import Run, check_whole_output


def test_areas_matrix_json_and_table(run: Run) -> None:
    rows = run.json("areas")
    assert [r["id"] for r in rows][:3] == ["protection", "governance", "irregular_migration"]
    by_id = {r["id"]: r for r in rows}
    assert by_id["resettlement"]["countries"] == ["turkey"]
    assert by_id["search_rescue"]["countries"] == ["libya", "niger"]
    assert by_id["smuggling"]["label"] == "Migrant smuggling"
    out = run("areas", env={"COLUMNS": "80", "COOP_FORCE_TTY": "1"}).stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "MAR TUN DZA LBY TUR WB" in out
    assert "All areas" in out


def test_areas_matrix_fits_80_columns_on_a_terminal(run: Run) -> None:
    out = run("areas", env={"COLUMNS": "80", "FORCE_COLOR": "1"}).stdout
    import re

    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert max(len(line) for line in plain.splitlines()) <= 80
    assert "\u25cf" in plain


def test_areas_id_lists_partners_with_quotes(run: Run) -> None:
    rows = run.json("areas", "search_rescue")
    assert [(r["country"], r["source"]) for r in rows] == [
        ("libya", "saving lives at sea."),
        ("niger", "search and rescue operations in the desert"),
    ]
    assert "saving lives at sea." in run("areas", "search_rescue").stdout


def test_csv_joins_lists_with_semicolons(run: Run) -> None:
    table = list(csv.DictReader(io.StringIO(run("areas", "--format", "csv").stdout, newline="")))
    assert next(r for r in table if r["id"] == "search_rescue")["countries"] == "libya; niger"


@pytest.mark.parametrize(
    ("name", "args", "columns"),
    [
        ("areas", ["areas"], 80),
        ("areas-smuggling", ["areas", "smuggling"], 80),
    ],
)
def test_areas_whole_output(run: Run, name: str, args: list[str], columns: int) -> None:
    check_whole_output(run, name, *args, columns=columns)


@pytest.mark.parametrize("columns", [80, 60])
def test_areas_legend_keeps_each_partner_on_one_line(run: Run, columns: int) -> None:
    partners = run.json("list")
    codes = (
        run("areas", env={"COLUMNS": "100", "COOP_FORCE_TTY": "1"})
        .stdout.splitlines()[0]
        .split()[1:-1]
    )
    entries = [
        f"{code} {p['name']} ({len(p['areas'])})" for code, p in zip(codes, partners, strict=True)
    ]
    lines = run("areas", env={"COLUMNS": str(columns), "COOP_FORCE_TTY": "1"}).stdout.splitlines()
    assert [entry for entry in entries if not any(entry in line for line in lines)] == []
