"""`coop validate`: a dataset file checked, every problem reported (each kind of problem
is in tests/test_bad_data.py)."""

from __future__ import annotations

from conftest import TEST_DATA, Run


def test_validate_the_shipped_dataset(run: Run) -> None:
    out = run("validate").stdout
    assert "valid: 14 partners" in out


def test_validate_names_the_file_and_counts_what_it_holds(run: Run) -> None:
    minimal = TEST_DATA / "minimal.toml"
    result = run("validate", str(minimal), env={"COLUMNS": "80"})
    assert result.stdout == f"{minimal}: valid: 2 partners, 3 facts\n"
    assert result.stderr == ""
