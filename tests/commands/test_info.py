"""`coop info`: which dataset is in use and what it holds; its details, JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopcli import __version__

from conftest import Run, compare_with_expected


def test_info_names_the_dataset_and_the_schema(run: Run, tmp_path: Path) -> None:
    info = run.json("info")
    assert info["shipped"] is True and info["partners"] == 14 and info["date"] == "2021-09"
    assert info["title"].startswith("Cooperation with key third countries")
    assert Path(info["schema"]).is_file()
    other = tmp_path / "other.toml"
    run("export", "--format", "toml", "--country", "niger", "--output", str(other))
    info = run.json("info", env={"COOP_DATA": str(other)})
    assert (
        info["dataset"] == str(other.resolve())
        and info["shipped"] is False
        and info["partners"] == 1
    )
    out = run("info").stdout
    assert "partners  14" in out and "schema" in out


def test_info_whole_output_at_80_columns(run: Run) -> None:
    # The version and the paths differ from one checkout to the next: each becomes a
    # placeholder, which needs it on one line of its own.
    env = {"COLUMNS": "80", "COOP_NO_CACHE": "1"}
    paths = run.json("info", env=env)
    out = run("info", env=env).stdout
    placeholders = {
        paths["dataset"]: "<dataset>",
        paths["schema"]: "<schema>",
        f"version   {__version__}\n": "version   <version>\n",
    }
    for value, placeholder in placeholders.items():
        if value not in out:
            pytest.skip(f"{value} is too long to stay on one line at 80 columns")
        out = out.replace(value, placeholder)
    compare_with_expected("info", out)
