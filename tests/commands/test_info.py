"""`coop info`: which dataset is in use and what it holds; its details, JSON."""

from __future__ import annotations

from pathlib import Path

from conftest import Run


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
