"""`coop validate`: a dataset file checked, every problem reported (each kind of problem
is in tests/test_bad_data.py)."""

from __future__ import annotations

from pathlib import Path

from conftest import TEST_DATA, Run


def test_validate_the_shipped_dataset(run: Run) -> None:
    out = run("validate").stdout
    assert "valid: 14 partners" in out


def test_validate_names_the_file_and_counts_what_it_holds(run: Run) -> None:
    minimal = TEST_DATA / "minimal.toml"
    result = run("validate", str(minimal), env={"COLUMNS": "80"})
    assert result.stdout == f"{minimal}: valid: 2 partners, 3 facts\n"
    assert result.stderr == ""


SOURCE = """A minimal dataset for tests

Tunisia  Commissioner Johansson visited Tunisia in August 2020 and again in May 2021.
There are bilateral mandates for readmission and visa facilitation agreements.

Niger  Cooperation includes search and rescue operations in the desert.
"""


def test_validate_source_reports_the_coverage_of_each_partners_part(
    run: Run, tmp_path: Path
) -> None:
    minimal, source = TEST_DATA / "minimal.toml", tmp_path / "source.txt"
    source.write_text(SOURCE, encoding="utf-8")
    result = run("validate", str(minimal), "--source", str(source), "--verbose")
    assert result.stdout == (
        f"{minimal}: valid: 2 partners, 3 facts\n"
        "coverage: 91.6% of the source text\n"
        "  100.0%  Tunisia\n"
        "   68.5%  Niger\n"
        "    uncovered: Cooperation includes\n"
    )
    assert run.json("validate", str(minimal), "--source", str(source)) == {
        "file": str(minimal),
        "partners": 2,
        "facts": 3,
        "source": str(source),
        "coverage": 100 * (1 - 22 / 262),
        "uncovered": [],
        "coverage_by_partner": [
            {"partner": "tunisia", "name": "Tunisia", "coverage": 100.0, "uncovered": []},
            {
                "partner": "niger",
                "name": "Niger",
                "coverage": 100 * (1 - 22 / 70),
                "uncovered": ["Cooperation includes"],
            },
        ],
    }
    below = run("validate", str(minimal), "--source", str(source), "--min-coverage", "90", code=1)
    assert below.stderr == "coop: coverage below --min-coverage 90%: Niger's part 68.5%\n"
