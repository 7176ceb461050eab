"""`coop validate`: a dataset file checked, every problem reported (each kind of problem
is in tests/test_bad_data.py)."""

from __future__ import annotations

from conftest import Run


def test_validate_the_shipped_dataset(run: Run) -> None:
    out = run("validate").stdout
    assert "valid: 14 partners" in out
